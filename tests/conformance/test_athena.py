"""Athena through boto3 and the AWS CLI: a query and a DDL statement from start to results, the
CLI's automatic paging of get-query-results, and workgroups."""

import time
import unittest

from botocore.exceptions import ClientError

from conformance_support import aws, client, empty_and_delete_bucket, error_code, unique_bucket


def wait(athena, query_id, timeout=60):
    deadline = time.time() + timeout
    delay = 0.02
    while True:
        execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
        if execution["Status"]["State"] not in ("QUEUED", "RUNNING"):
            return execution
        if time.time() > deadline:
            raise AssertionError("query %s still %s" % (query_id, execution["Status"]["State"]))
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


class Athena(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.athena = client("athena")
        cls.s3 = client("s3")
        cls.bucket = unique_bucket("athena-conf")
        cls.s3.create_bucket(Bucket=cls.bucket)
        cls.output = "s3://%s/results/" % cls.bucket

    @classmethod
    def tearDownClass(cls):
        empty_and_delete_bucket(cls.s3, cls.bucket)

    def test_select_boto3(self):
        started = self.athena.start_query_execution(
            QueryString="SELECT 1 AS one, 'x' AS letter, NULL AS nothing",
            ResultConfiguration={"OutputLocation": self.output},
        )
        execution = wait(self.athena, started["QueryExecutionId"])
        self.assertEqual(execution["Status"]["State"], "SUCCEEDED", execution["Status"])
        self.assertEqual(execution["StatementType"], "DML")
        self.assertEqual(execution["ResultConfiguration"]["OutputLocation"], "%s%s.csv" % (self.output, started["QueryExecutionId"]))
        results = self.athena.get_query_results(QueryExecutionId=started["QueryExecutionId"])
        rows = results["ResultSet"]["Rows"]
        self.assertEqual(rows[0]["Data"], [{"VarCharValue": "one"}, {"VarCharValue": "letter"}, {"VarCharValue": "nothing"}])
        self.assertEqual(rows[1]["Data"], [{"VarCharValue": "1"}, {"VarCharValue": "x"}, {}])
        self.assertEqual([c["Type"] for c in results["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]], ["integer", "varchar", "integer"])
        body = self.s3.get_object(Bucket=self.bucket, Key="results/%s.csv" % started["QueryExecutionId"])["Body"].read()
        self.assertEqual(body, b'"one","letter","nothing"\n"1","x",\n')

    def test_ddl_boto3(self):
        started = self.athena.start_query_execution(
            QueryString="CREATE DATABASE IF NOT EXISTS conformance_db",
            ResultConfiguration={"OutputLocation": self.output},
        )
        execution = wait(self.athena, started["QueryExecutionId"])
        self.assertEqual(execution["Status"]["State"], "SUCCEEDED", execution["Status"])
        self.assertEqual((execution["StatementType"], execution["SubstatementType"]), ("DDL", "CREATE_DATABASE"))
        self.assertTrue(execution["ResultConfiguration"]["OutputLocation"].endswith(".txt"))
        shown = self.athena.start_query_execution(QueryString="SHOW DATABASES", ResultConfiguration={"OutputLocation": self.output})
        self.assertEqual(wait(self.athena, shown["QueryExecutionId"])["Status"]["State"], "SUCCEEDED")
        rows = self.athena.get_query_results(QueryExecutionId=shown["QueryExecutionId"])["ResultSet"]["Rows"]
        self.assertIn("conformance_db", [r["Data"][0]["VarCharValue"] for r in rows])
        self.assertEqual(client("glue").get_database(Name="conformance_db")["Database"]["Name"], "conformance_db")

    def test_errors_boto3(self):
        with self.assertRaises(ClientError) as caught:
            self.athena.start_query_execution(QueryString="SELEC 1", ResultConfiguration={"OutputLocation": self.output})
        self.assertEqual(error_code(caught.exception), "InvalidRequestException")
        self.assertEqual(caught.exception.response["AthenaErrorCode"], "MALFORMED_QUERY")
        failed = self.athena.start_query_execution(QueryString="SELECT * FROM read_csv('/etc/passwd')", ResultConfiguration={"OutputLocation": self.output})
        execution = wait(self.athena, failed["QueryExecutionId"])
        self.assertEqual(execution["Status"]["State"], "FAILED")
        self.assertEqual(execution["Status"]["StateChangeReason"], "FUNCTION_NOT_FOUND: line 1:15: Function 'read_csv' not registered")

    def test_cli_query_and_paged_results(self):
        started = aws(
            "athena", "start-query-execution",
            "--query-string", "SELECT n FROM UNNEST(sequence(1, 2100)) AS t(n) ORDER BY n",
            "--result-configuration", "OutputLocation=%s" % self.output,
        )
        self.assertEqual(started.returncode, 0, started.describe())
        query_id = started.json()["QueryExecutionId"]
        self.assertEqual(wait(self.athena, query_id)["Status"]["State"], "SUCCEEDED")
        # The CLI follows NextToken by itself and merges the pages.
        results = aws("athena", "get-query-results", "--query-execution-id", query_id)
        self.assertEqual(results.returncode, 0, results.describe())
        rows = results.json()["ResultSet"]["Rows"]
        self.assertEqual(len(rows), 2101)
        self.assertEqual(rows[0]["Data"][0]["VarCharValue"], "n")
        self.assertEqual([int(r["Data"][0]["VarCharValue"]) for r in rows[1:]], list(range(1, 2101)))

    def test_cli_workgroups(self):
        created = aws("athena", "create-work-group", "--name", "conformance-wg", "--description", "from the CLI",
                      "--configuration", "ResultConfiguration={OutputLocation=%s},EnforceWorkGroupConfiguration=true" % self.output)
        self.assertEqual(created.returncode, 0, created.describe())
        listed = aws("athena", "list-work-groups")
        self.assertEqual(listed.returncode, 0, listed.describe())
        names = [w["Name"] for w in listed.json()["WorkGroups"]]
        self.assertIn("primary", names)
        self.assertIn("conformance-wg", names)
        got = aws("athena", "get-work-group", "--work-group", "conformance-wg")
        self.assertEqual(got.json()["WorkGroup"]["Configuration"]["ResultConfiguration"]["OutputLocation"], self.output)
        missing = aws("athena", "get-work-group", "--work-group", "does-not-exist")
        self.assertNotEqual(missing.returncode, 0)
        self.assertIn("InvalidRequestException", missing.stderr)
        deleted = aws("athena", "delete-work-group", "--work-group", "conformance-wg", "--recursive-delete-option")
        self.assertEqual(deleted.returncode, 0, deleted.describe())


if __name__ == "__main__":
    unittest.main()
