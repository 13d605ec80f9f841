"""VPC flow logs through the AWS CLI and boto3: the demo VPC topology, create/describe/delete
flow logs with S3 destinations, their errors, and the files local AWS delivers."""

import gzip
import time
import unittest

from botocore.exceptions import ClientError

from conformance_support import ACCOUNT_ID, aws, aws_parallel, client, empty_and_delete_bucket, error_code, unique_bucket

DEFAULT_FORMAT = (
    "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
    "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"
)


def demo_vpc_id():
    vpcs = client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["demo-vpc"]}])["Vpcs"]
    return vpcs[0]["VpcId"]


class Topology(unittest.TestCase):
    def test_describe_vpcs_subnets_interfaces_cli(self):
        vpcs, subnets, enis = aws_parallel(
            ("ec2", "describe-vpcs", "--filters", "Name=cidr,Values=10.0.0.0/16"),
            ("ec2", "describe-subnets"),
            ("ec2", "describe-network-interfaces", "--filters", "Name=interface-type,Values=nat_gateway"),
        )
        for result in (vpcs, subnets, enis):
            self.assertEqual(result.returncode, 0, result.describe())
        vpc = vpcs.json()["Vpcs"][0]
        self.assertEqual(vpc["CidrBlock"], "10.0.0.0/16")
        self.assertRegex(vpc["VpcId"], r"^vpc-0[0-9a-f]{16}$")
        self.assertIn({"Key": "Name", "Value": "demo-vpc"}, vpc["Tags"])
        self.assertEqual({s["VpcId"] for s in subnets.json()["Subnets"]}, {vpc["VpcId"]})
        self.assertEqual(len({s["AvailabilityZone"] for s in subnets.json()["Subnets"]}), 2)
        nat = enis.json()["NetworkInterfaces"]
        self.assertEqual(len(nat), 1)
        self.assertTrue(nat[0]["RequesterManaged"])

    def test_unknown_vpc_boto3(self):
        with self.assertRaises(ClientError) as raised:
            client("ec2").describe_vpcs(VpcIds=["vpc-0123456789abcdef0"])
        self.assertEqual(error_code(raised.exception), "InvalidVpcID.NotFound")


class FlowLogs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.bucket = unique_bucket("conformance-flow-logs")
        client("s3").create_bucket(Bucket=cls.bucket)
        cls.vpc_id = demo_vpc_id()

    @classmethod
    def tearDownClass(cls):
        ec2 = client("ec2")
        ids = [f["FlowLogId"] for f in ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [cls.vpc_id]}])["FlowLogs"]]
        if ids:
            ec2.delete_flow_logs(FlowLogIds=ids)
        empty_and_delete_bucket(client("s3"), cls.bucket)

    def test_create_describe_delete_cli(self):
        created = aws(
            "ec2", "create-flow-logs",
            "--resource-type", "VPC",
            "--resource-ids", self.vpc_id,
            "--traffic-type", "ALL",
            "--log-destination-type", "s3",
            "--log-destination", "arn:aws:s3:::%s/cli/" % self.bucket,
            "--log-format", "${version} ${vpc-id} ${srcaddr} ${dstaddr} ${action} ${log-status}",
            "--max-aggregation-interval", "60",
            "--destination-options", "FileFormat=parquet,HiveCompatiblePartitions=true,PerHourPartition=true",
            "--tag-specifications", "ResourceType=vpc-flow-log,Tags=[{Key=Name,Value=from-cli}]",
        )
        self.assertEqual(created.returncode, 0, created.describe())
        body = created.json()
        self.assertEqual(body["Unsuccessful"], [])
        (flow_log_id,) = body["FlowLogIds"]
        self.assertRegex(flow_log_id, r"^fl-0[0-9a-f]{16}$")

        described = aws("ec2", "describe-flow-logs", "--flow-log-ids", flow_log_id)
        self.assertEqual(described.returncode, 0, described.describe())
        (flow_log,) = described.json()["FlowLogs"]
        self.assertEqual(flow_log["ResourceId"], self.vpc_id)
        self.assertEqual(flow_log["LogDestination"], "arn:aws:s3:::%s/cli/" % self.bucket)
        self.assertEqual(flow_log["LogFormat"], "${version} ${vpc-id} ${srcaddr} ${dstaddr} ${action} ${log-status}")
        self.assertEqual(flow_log["MaxAggregationInterval"], 60)
        self.assertEqual(flow_log["DestinationOptions"], {"FileFormat": "parquet", "HiveCompatiblePartitions": True, "PerHourPartition": True})
        self.assertEqual(flow_log["Tags"], [{"Key": "Name", "Value": "from-cli"}])
        self.assertEqual((flow_log["FlowLogStatus"], flow_log["DeliverLogsStatus"]), ("ACTIVE", "SUCCESS"))

        filtered = aws("ec2", "describe-flow-logs", "--filter", "Name=tag:Name,Values=from-cli")
        self.assertEqual([f["FlowLogId"] for f in filtered.json()["FlowLogs"]], [flow_log_id])

        tags = aws("ec2", "describe-tags", "--filters", "Name=resource-id,Values=%s" % flow_log_id)
        self.assertEqual(tags.returncode, 0, tags.describe())
        self.assertEqual(tags.json()["Tags"], [{"ResourceId": flow_log_id, "ResourceType": "vpc-flow-log", "Key": "Name", "Value": "from-cli"}])

        deleted = aws("ec2", "delete-flow-logs", "--flow-log-ids", flow_log_id, "fl-0000000000000000a")
        self.assertEqual(deleted.returncode, 0, deleted.describe())
        unsuccessful = deleted.json()["Unsuccessful"]
        self.assertEqual([u["ResourceId"] for u in unsuccessful], ["fl-0000000000000000a"])
        self.assertEqual(unsuccessful[0]["Error"]["Code"], "InvalidFlowLogId.NotFound")
        self.assertEqual(aws("ec2", "describe-flow-logs", "--flow-log-ids", flow_log_id).json()["FlowLogs"], [])

    def test_create_errors_cli(self):
        missing_bucket, reserved, bad_format = aws_parallel(
            ("ec2", "create-flow-logs", "--resource-type", "VPC", "--resource-ids", self.vpc_id, "--traffic-type", "ALL",
             "--log-destination-type", "s3", "--log-destination", "arn:aws:s3:::%s-missing" % self.bucket),
            ("ec2", "create-flow-logs", "--resource-type", "VPC", "--resource-ids", self.vpc_id, "--traffic-type", "ALL",
             "--log-destination-type", "s3", "--log-destination", "arn:aws:s3:::%s/AWSLogs/" % self.bucket),
            ("ec2", "create-flow-logs", "--resource-type", "VPC", "--resource-ids", self.vpc_id, "--traffic-type", "ALL",
             "--log-destination-type", "s3", "--log-destination", "arn:aws:s3:::%s/x/" % self.bucket,
             "--log-format", DEFAULT_FORMAT + " "),
        )
        self.assertEqual(missing_bucket.returncode, 0, missing_bucket.describe())
        self.assertEqual(
            missing_bucket.json()["Unsuccessful"],
            [{"Error": {"Code": "400", "Message": "LogDestination: %s-missing does not exist" % self.bucket}, "ResourceId": self.vpc_id}],
        )
        self.assertNotEqual(reserved.returncode, 0)
        self.assertIn("An error occurred (InvalidParameter) when calling the CreateFlowLogs operation", reserved.stderr, reserved.describe())
        self.assertIn("AWSLogs", reserved.stderr)
        self.assertNotEqual(bad_format.returncode, 0)
        self.assertIn("(InvalidParameterValue)", bad_format.stderr, bad_format.describe())
        self.assertIn("at 'logFormat' has an invalid format", bad_format.stderr)

    def test_unknown_resources_and_fields_boto3(self):
        ec2 = client("ec2")
        result = ec2.create_flow_logs(
            ResourceType="Subnet",
            ResourceIds=["subnet-0aaaaaaaaaaaaaaaa"],
            TrafficType="REJECT",
            LogDestinationType="s3",
            LogDestination="arn:aws:s3:::%s/boto3/" % self.bucket,
        )
        self.assertEqual(result["FlowLogIds"], [])
        self.assertEqual(result["Unsuccessful"][0]["Error"]["Code"], "InvalidSubnetID.NotFound")
        with self.assertRaises(ClientError) as raised:
            ec2.create_flow_logs(
                ResourceType="VPC", ResourceIds=[self.vpc_id], TrafficType="ALL", LogDestinationType="s3",
                LogDestination="arn:aws:s3:::%s/boto3/" % self.bucket, LogFormat="${version} ${nonsense}",
            )
        self.assertEqual(error_code(raised.exception), "InvalidParameter")
        self.assertIn("${nonsense}", raised.exception.response["Error"]["Message"])

    def test_delivered_files_boto3(self):
        ec2, s3 = client("ec2"), client("s3")
        created = ec2.create_flow_logs(
            ResourceType="VPC", ResourceIds=[self.vpc_id], TrafficType="ALL", LogDestinationType="s3",
            LogDestination="arn:aws:s3:::%s/delivered/" % self.bucket,
        )
        (flow_log_id,) = created["FlowLogIds"]
        prefix = "delivered/AWSLogs/%s/vpcflowlogs/us-east-1/" % ACCOUNT_ID
        deadline = time.time() + 30
        keys = []
        while time.time() < deadline and not keys:
            listing = s3.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
            keys = [o["Key"] for o in listing.get("Contents", [])]
            if not keys:
                time.sleep(0.2)
        self.assertTrue(keys, "no flow log files delivered under %s" % prefix)
        key = keys[-1]
        self.assertRegex(key, r"/%s_vpcflowlogs_us-east-1_%s_\d{8}T\d{4}Z_[0-9a-f]{8}\.log\.gz$" % (ACCOUNT_ID, flow_log_id))
        lines = gzip.decompress(s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()).decode().splitlines()
        self.assertEqual(lines[0], DEFAULT_FORMAT.replace("${", "").replace("}", ""))
        for line in lines[1:]:
            values = line.split(" ")
            self.assertEqual(len(values), 14, line)
            self.assertEqual(values[:2], ["2", ACCOUNT_ID])
            self.assertIn(values[13], ("OK", "NODATA", "SKIPDATA"))

    def test_describe_flow_logs_paginator_boto3(self):
        ec2 = client("ec2")
        ids = []
        for i in range(6):
            result = ec2.create_flow_logs(
                ResourceType="VPC", ResourceIds=[self.vpc_id], TrafficType="REJECT", LogDestinationType="s3",
                LogDestination="arn:aws:s3:::%s/page-%d/" % (self.bucket, i),
                TagSpecifications=[{"ResourceType": "vpc-flow-log", "Tags": [{"Key": "suite", "Value": "paginator"}]}],
            )
            ids.extend(result["FlowLogIds"])
        pages = list(ec2.get_paginator("describe_flow_logs").paginate(
            Filters=[{"Name": "tag:suite", "Values": ["paginator"]}], PaginationConfig={"PageSize": 5}))
        self.assertEqual(len(pages), 2)
        self.assertEqual(sorted(f["FlowLogId"] for page in pages for f in page["FlowLogs"]), sorted(ids))


if __name__ == "__main__":
    unittest.main()
