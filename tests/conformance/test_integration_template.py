"""EC2 GetFlowLogsIntegrationTemplate through the AWS CLI (`aws ec2 get-flow-logs-integration-template`
with the shorthand `--integrate-services AthenaIntegrations=[{...}]`) and boto3: the template lands in
the delivery location under AWS's name, the answer is its URL, and mistakes get EC2 error codes."""

import re
import unittest
from urllib.parse import unquote, urlsplit

from botocore.exceptions import ClientError

from conformance_support import aws, client, empty_and_delete_bucket, error_code, unique_bucket

URL = re.compile(
    r"^https://(?P<bucket>[a-z0-9.-]+)\.s3\.us-east-1\.amazonaws\.com/(?P<key>.+)$"
)
NAME = re.compile(
    r"^templates/VPCFlowLogsIntegrationTemplate_fl-[0-9a-f]+_"
    r"(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}\.yml$"
)


def demo_vpc_id():
    vpcs = client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["demo-vpc"]}])["Vpcs"]
    return vpcs[0]["VpcId"]


class IntegrationTemplate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        s3 = client("s3")
        cls.logs = unique_bucket("conformance-it-logs")
        cls.templates = unique_bucket("conformance-it-templates")
        cls.results = unique_bucket("conformance-it-results")
        for bucket in (cls.logs, cls.templates, cls.results):
            s3.create_bucket(Bucket=bucket)
        created = client("ec2").create_flow_logs(
            ResourceType="VPC",
            ResourceIds=[demo_vpc_id()],
            TrafficType="ALL",
            LogDestinationType="s3",
            LogDestination="arn:aws:s3:::%s/it/" % cls.logs,
        )
        cls.flow_log_id = created["FlowLogIds"][0]

    @classmethod
    def tearDownClass(cls):
        client("ec2").delete_flow_logs(FlowLogIds=[cls.flow_log_id])
        s3 = client("s3")
        for bucket in (cls.logs, cls.templates, cls.results):
            empty_and_delete_bucket(s3, bucket)

    def cli(self, integrations, flow_log_id=None):
        return aws(
            "ec2",
            "get-flow-logs-integration-template",
            "--flow-log-id",
            flow_log_id or self.flow_log_id,
            "--config-delivery-s3-destination-arn",
            "arn:aws:s3:::%s/templates" % self.templates,
            "--integrate-services",
            "AthenaIntegrations=[%s]" % ",".join(integrations),
        )

    def test_cli_writes_the_template_and_returns_its_url(self):
        result = self.cli([
            "{IntegrationResultS3DestinationArn=arn:aws:s3:::%s/athena-query-results/,"
            "PartitionLoadFrequency=none,PartitionStartDate=2021-07-21T00:40:00,PartitionEndDate=2021-07-22T00:42:00}"
            % self.results,
            "{IntegrationResultS3DestinationArn=arn:aws:s3:::%s,PartitionLoadFrequency=monthly}" % self.results,
        ])
        self.assertEqual(result.returncode, 0, result.describe())
        url = result.json()["Result"]
        match = URL.match(url)
        self.assertIsNotNone(match, url)
        self.assertEqual(match.group("bucket"), self.templates)
        # The file name is percent-encoded in the URL: spaces and colons never appear raw.
        self.assertNotIn(" ", url)
        self.assertIn("%20UTC%20", url)
        key = unquote(urlsplit(url).path[1:])
        self.assertRegex(key, NAME)

        body = client("s3").get_object(Bucket=self.templates, Key=key)["Body"].read().decode("utf-8")
        self.assertTrue(body.startswith('AWSTemplateFormatVersion: "2010-09-09"\n'), body[:200])
        compact = self.flow_log_id.replace("-", "")
        self.assertIn("vpcflowlogsathenadatabase%s" % compact, body)
        self.assertIn("%snone2021072120210722WorkGroup:" % compact, body)
        self.assertIn("%smonthlyWorkGroup:" % compact, body)
        self.assertIn("Type: Custom::VPCFlowLogsAthenaStartInitializer", body)
        self.assertIn("ScheduleExpression: cron(0 0 1 * ? *)", body)
        # Two integrations of a default-format flow log: six saved queries each.
        self.assertEqual(body.count("Type: AWS::Athena::NamedQuery"), 12)

    def test_cli_none_without_dates_is_refused(self):
        result = self.cli(["{IntegrationResultS3DestinationArn=arn:aws:s3:::%s,PartitionLoadFrequency=none}" % self.results])
        self.assertNotEqual(result.returncode, 0, result.describe())
        self.assertIn("MissingParameter", result.stderr)
        self.assertIn("PartitionStartDate when PartitionLoadFrequency is none", result.stderr)

    def test_cli_unknown_flow_log(self):
        result = self.cli(
            ["{IntegrationResultS3DestinationArn=arn:aws:s3:::%s,PartitionLoadFrequency=daily}" % self.results],
            flow_log_id="fl-0123456789abcdef0",
        )
        self.assertNotEqual(result.returncode, 0, result.describe())
        self.assertIn("InvalidFlowLogId.NotFound", result.stderr)
        self.assertIn("The flow log ID 'fl-0123456789abcdef0' does not exist", result.stderr)

    def test_boto3_result_and_errors(self):
        ec2 = client("ec2")
        answer = ec2.get_flow_logs_integration_template(
            FlowLogId=self.flow_log_id,
            ConfigDeliveryS3DestinationArn="arn:aws:s3:::%s/templates/" % self.templates,
            IntegrateServices={"AthenaIntegrations": [{
                "IntegrationResultS3DestinationArn": "arn:aws:s3:::%s" % self.results,
                "PartitionLoadFrequency": "weekly",
            }]},
        )
        self.assertRegex(unquote(urlsplit(answer["Result"]).path[1:]), NAME)

        cases = [
            ({"PartitionLoadFrequency": "none", "PartitionStartDate": "2021-07-22T00:00:00Z",
              "PartitionEndDate": "2021-07-21T00:00:00Z"}, "InvalidParameterValue"),
            ({"PartitionLoadFrequency": "none", "PartitionStartDate": "2021-07-21T00:00:00Z",
              "PartitionEndDate": "2999-01-01T00:00:00Z"}, "InvalidParameterValue"),
            ({"PartitionLoadFrequency": "daily", "IntegrationResultS3DestinationArn": "arn:aws:s3:::no-such-bucket-x1"},
             "InvalidParameter"),
        ]
        for overrides, code in cases:
            integration = {"IntegrationResultS3DestinationArn": "arn:aws:s3:::%s" % self.results}
            integration.update(overrides)
            with self.subTest(overrides=overrides), self.assertRaises(ClientError) as raised:
                ec2.get_flow_logs_integration_template(
                    FlowLogId=self.flow_log_id,
                    ConfigDeliveryS3DestinationArn="arn:aws:s3:::%s" % self.templates,
                    IntegrateServices={"AthenaIntegrations": [integration]},
                )
            self.assertEqual(error_code(raised.exception), code)


if __name__ == "__main__":
    unittest.main()
