"""CloudFormation and Glue through independent clients: the AWS CLI (create-stack, describe-stacks,
the stack-create-complete / stack-delete-complete waiters, delete-stack) and boto3 (Glue)."""

import os
import tempfile
import time
import unittest
import uuid

from botocore.exceptions import ClientError

from conformance_support import ACCOUNT_ID, aws, client, error_code

TEMPLATE = """
AWSTemplateFormatVersion: 2010-09-09
Description: Conformance stack
Parameters:
  DatabaseName:
    Type: String
Resources:
  Database:
    Type: AWS::Glue::Database
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseInput:
        Name: !Ref DatabaseName
        Description: !Sub 'created by ${AWS::StackName}'
  Table:
    Type: AWS::Glue::Table
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseName: !Ref Database
      TableInput:
        Name: flows
        TableType: EXTERNAL_TABLE
        PartitionKeys:
          - { Name: year, Type: string }
          - { Name: month, Type: string }
        StorageDescriptor:
          Location: s3://conformance-flow-logs/AWSLogs/
          Columns:
            - { Name: srcaddr, Type: string }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
Outputs:
  RoleArn:
    Value: !GetAtt Role.Arn
  Database:
    Value: !Ref Database
"""


class CloudFormationCliTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="conformance-cfn-")
        self.template_path = os.path.join(self.tmp, "template.yml")
        with open(self.template_path, "w", encoding="utf-8") as handle:
            handle.write(TEMPLATE)

    def assertCliOk(self, result):
        self.assertEqual(result.returncode, 0, result.describe())

    def test_create_wait_describe_delete(self):
        stack = "conformance-%s" % uuid.uuid4().hex[:8]
        database = "conformancedb%s" % uuid.uuid4().hex[:8]
        created = aws(
            "cloudformation", "create-stack",
            "--stack-name", stack,
            "--template-body", "file://%s" % self.template_path,
            "--parameters", "ParameterKey=DatabaseName,ParameterValue=%s" % database,
            "--capabilities", "CAPABILITY_IAM",
            "--tags", "Key=suite,Value=conformance",
        )
        self.assertCliOk(created)
        stack_id = created.json()["StackId"]
        self.assertRegex(stack_id, r"^arn:aws:cloudformation:us-east-1:%s:stack/%s/[0-9a-f-]{36}$" % (ACCOUNT_ID, stack))

        # The stack finishes before the waiter's first DescribeStacks, so the 30 s poll delay never applies.
        started = time.monotonic()
        self.assertCliOk(aws("cloudformation", "wait", "stack-create-complete", "--stack-name", stack))
        self.assertLess(time.monotonic() - started, 25)

        described = aws("cloudformation", "describe-stacks", "--stack-name", stack)
        self.assertCliOk(described)
        record = described.json()["Stacks"][0]
        self.assertEqual(record["StackStatus"], "CREATE_COMPLETE")
        self.assertEqual(record["Description"], "Conformance stack")
        self.assertEqual(record["Capabilities"], ["CAPABILITY_IAM"])
        self.assertEqual(record["Tags"], [{"Key": "suite", "Value": "conformance"}])
        outputs = {o["OutputKey"]: o["OutputValue"] for o in record["Outputs"]}
        self.assertEqual(outputs["Database"], database)
        self.assertRegex(outputs["RoleArn"], r"^arn:aws:iam::%s:role/%s-Role-[A-Z0-9]+$" % (ACCOUNT_ID, stack))

        events = aws("cloudformation", "describe-stack-events", "--stack-name", stack)
        self.assertCliOk(events)
        newest = events.json()["StackEvents"][0]
        self.assertEqual((newest["LogicalResourceId"], newest["ResourceStatus"]), (stack, "CREATE_COMPLETE"))

        resources = aws("cloudformation", "list-stack-resources", "--stack-name", stack)
        self.assertCliOk(resources)
        self.assertEqual(
            sorted(r["LogicalResourceId"] for r in resources.json()["StackResourceSummaries"]),
            ["Database", "Role", "Table"],
        )

        glue = client("glue")
        names = [d["Name"] for d in glue.get_databases()["DatabaseList"]]
        self.assertIn(database, names)
        table = glue.get_table(DatabaseName=database, Name="flows")["Table"]
        self.assertEqual([k["Name"] for k in table["PartitionKeys"]], ["year", "month"])

        self.assertCliOk(aws("cloudformation", "delete-stack", "--stack-name", stack))
        self.assertCliOk(aws("cloudformation", "wait", "stack-delete-complete", "--stack-name", stack_id))
        gone = aws("cloudformation", "describe-stacks", "--stack-name", stack)
        self.assertNotEqual(gone.returncode, 0)
        self.assertIn("ValidationError", gone.stderr)
        self.assertIn("Stack with id %s does not exist" % stack, gone.stderr)
        by_arn = aws("cloudformation", "describe-stacks", "--stack-name", stack_id)
        self.assertCliOk(by_arn)
        self.assertEqual(by_arn.json()["Stacks"][0]["StackStatus"], "DELETE_COMPLETE")
        with self.assertRaises(ClientError) as caught:
            glue.get_database(Name=database)
        self.assertEqual(error_code(caught.exception), "EntityNotFoundException")

    def test_iam_resources_need_the_capability(self):
        result = aws(
            "cloudformation", "create-stack",
            "--stack-name", "conformance-nocap-%s" % uuid.uuid4().hex[:8],
            "--template-body", "file://%s" % self.template_path,
            "--parameters", "ParameterKey=DatabaseName,ParameterValue=nocap",
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("InsufficientCapabilitiesException", result.stderr)
        self.assertIn("Requires capabilities : [CAPABILITY_IAM]", result.stderr)

    def test_validate_template(self):
        result = aws("cloudformation", "validate-template", "--template-body", "file://%s" % self.template_path)
        self.assertCliOk(result)
        body = result.json()
        self.assertEqual(body["Parameters"][0]["ParameterKey"], "DatabaseName")
        self.assertEqual(body["Capabilities"], ["CAPABILITY_IAM"])
        self.assertEqual(body["Description"], "Conformance stack")


class GlueBoto3TestCase(unittest.TestCase):
    def setUp(self):
        self.glue = client("glue")
        self.database = "gluedb%s" % uuid.uuid4().hex[:8]
        self.glue.create_database(DatabaseInput={"Name": self.database})
        self.addCleanup(self.glue.delete_database, Name=self.database)
        self.glue.create_table(
            DatabaseName=self.database,
            TableInput={
                "Name": "flows",
                "PartitionKeys": [{"Name": "year", "Type": "string"}, {"Name": "day", "Type": "int"}],
                "StorageDescriptor": {"Columns": [{"Name": "srcaddr", "Type": "string"}], "Location": "s3://b/p/"},
            },
        )

    def test_get_databases_and_errors(self):
        names = [d["Name"] for d in self.glue.get_databases()["DatabaseList"]]
        self.assertIn(self.database, names)
        with self.assertRaises(ClientError) as caught:
            self.glue.get_table(DatabaseName=self.database, Name="missing")
        self.assertEqual(error_code(caught.exception), "EntityNotFoundException")
        self.assertEqual(caught.exception.response["Error"]["Message"], "Table missing not found.")

    def test_partitions_batch_errors_and_expression(self):
        result = self.glue.batch_create_partition(
            DatabaseName=self.database,
            TableName="flows",
            PartitionInputList=[{"Values": ["2021", "1"]}, {"Values": ["2021", "2"]}, {"Values": ["2021", "1"]}],
        )
        self.assertEqual(len(result["Errors"]), 1)
        self.assertEqual(result["Errors"][0]["PartitionValues"], ["2021", "1"])
        self.assertEqual(result["Errors"][0]["ErrorDetail"]["ErrorCode"], "AlreadyExistsException")
        found = self.glue.get_partitions(DatabaseName=self.database, TableName="flows", Expression="year = '2021' AND day > 1")
        self.assertEqual([p["Values"] for p in found["Partitions"]], [["2021", "2"]])
        everything = self.glue.get_partitions(DatabaseName=self.database, TableName="flows", Expression="")
        self.assertEqual(len(everything["Partitions"]), 2)


if __name__ == "__main__":
    unittest.main()
