"""STS GetCallerIdentity and EC2 regions/zones through the AWS CLI and boto3, and how the
endpoint answers operations and services it does not implement."""

import unittest

from botocore.exceptions import ClientError

from conformance_support import ACCOUNT_ID, aws, aws_parallel, client, error_code, http_status

IDENTITY = {
    "UserId": ACCOUNT_ID,
    "Account": ACCOUNT_ID,
    "Arn": "arn:aws:iam::%s:root" % ACCOUNT_ID,
}
CORE_REGIONS = {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1"}
OPT_IN_STATUSES = {"opt-in-not-required", "opted-in"}


class Sts(unittest.TestCase):
    def test_get_caller_identity_cli(self):
        result = aws("sts", "get-caller-identity")
        self.assertEqual(result.returncode, 0, result.describe())
        self.assertEqual(result.json(), IDENTITY)

    def test_get_caller_identity_boto3(self):
        for region in ("us-east-1", "eu-west-1"):
            identity = client("sts", region=region).get_caller_identity()
            self.assertEqual({k: identity[k] for k in IDENTITY}, IDENTITY, region)
            self.assertEqual(identity["ResponseMetadata"]["HTTPStatusCode"], 200)
            self.assertTrue(identity["ResponseMetadata"]["RequestId"])


class Ec2Regions(unittest.TestCase):
    def test_describe_regions_cli(self):
        result, only, filtered = aws_parallel(
            ("ec2", "describe-regions"),
            ("ec2", "describe-regions", "--region-names", "eu-west-1", "us-west-2"),
            ("ec2", "describe-regions", "--filters", "Name=region-name,Values=eu-*"),
        )
        self.assertEqual(result.returncode, 0, result.describe())
        regions = result.json()["Regions"]
        names = [r["RegionName"] for r in regions]
        self.assertTrue(CORE_REGIONS <= set(names), names)
        self.assertEqual(len(names), len(set(names)))
        for region in regions:
            self.assertEqual(region["Endpoint"], "ec2.%s.amazonaws.com" % region["RegionName"])
            self.assertIn(region["OptInStatus"], OPT_IN_STATUSES)

        self.assertEqual(only.returncode, 0, only.describe())
        self.assertEqual(sorted(r["RegionName"] for r in only.json()["Regions"]), ["eu-west-1", "us-west-2"])

        self.assertEqual(filtered.returncode, 0, filtered.describe())
        eu = [r["RegionName"] for r in filtered.json()["Regions"]]
        self.assertIn("eu-west-1", eu)
        self.assertTrue(all(name.startswith("eu-") for name in eu), eu)

    def test_describe_regions_boto3(self):
        ec2 = client("ec2")
        names = {r["RegionName"] for r in ec2.describe_regions()["Regions"]}
        self.assertTrue(CORE_REGIONS <= names, names)
        self.assertEqual(
            ec2.describe_regions(RegionNames=["ap-northeast-1"])["Regions"],
            [{"Endpoint": "ec2.ap-northeast-1.amazonaws.com", "RegionName": "ap-northeast-1", "OptInStatus": "opt-in-not-required"}],
        )
        with self.assertRaises(ClientError) as raised:
            ec2.describe_regions(RegionNames=["xx-nowhere-9"])
        self.assertEqual(error_code(raised.exception), "InvalidParameterValue")
        self.assertEqual(http_status(raised.exception), 400)
        self.assertIn("xx-nowhere-9", raised.exception.response["Error"]["Message"])

    def test_describe_availability_zones_cli(self):
        result, eu = aws_parallel(
            ("ec2", "describe-availability-zones"),
            ("ec2", "describe-availability-zones", "--region", "eu-west-1"),
        )
        self.assertEqual(result.returncode, 0, result.describe())
        zones = result.json()["AvailabilityZones"]
        self.assertEqual([z["ZoneName"] for z in zones], ["us-east-1%s" % c for c in "abcdef"])
        self.assertEqual([z["ZoneId"] for z in zones], ["use1-az%d" % i for i in range(1, 7)])
        for zone in zones:
            self.assertEqual(zone["RegionName"], "us-east-1")
            self.assertEqual(zone["State"], "available")
            self.assertEqual(zone["ZoneType"], "availability-zone")

        self.assertEqual(eu.returncode, 0, eu.describe())
        self.assertEqual([z["ZoneName"] for z in eu.json()["AvailabilityZones"]], ["eu-west-1a", "eu-west-1b", "eu-west-1c"])
        self.assertEqual({z["RegionName"] for z in eu.json()["AvailabilityZones"]}, {"eu-west-1"})

    def test_describe_availability_zones_boto3(self):
        ec2 = client("ec2", region="us-west-2")
        zones = ec2.describe_availability_zones()["AvailabilityZones"]
        self.assertTrue(len(zones) >= 3)
        self.assertTrue(all(z["ZoneName"].startswith("us-west-2") and z["RegionName"] == "us-west-2" for z in zones))
        self.assertTrue(all(z["ZoneId"].startswith("usw2-az") for z in zones))

        by_id = ec2.describe_availability_zones(Filters=[{"Name": "zone-id", "Values": ["usw2-az2"]}])["AvailabilityZones"]
        self.assertEqual([(z["ZoneName"], z["ZoneId"]) for z in by_id], [("us-west-2b", "usw2-az2")])
        by_name = ec2.describe_availability_zones(ZoneNames=["us-west-2a"])["AvailabilityZones"]
        self.assertEqual([z["ZoneName"] for z in by_name], ["us-west-2a"])

        with self.assertRaises(ClientError) as raised:
            ec2.describe_availability_zones(ZoneNames=["us-west-2z"])
        self.assertEqual(error_code(raised.exception), "InvalidParameterValue")


class NotImplementedAnswers(unittest.TestCase):
    # An EC2 operation far outside what a flow-logs console needs, so it stays unimplemented.
    CLI_COMMAND = ("ec2", "describe-spot-price-history")
    OPERATION = "DescribeSpotPriceHistory"

    def test_unknown_ec2_operation_cli(self):
        result = aws(*self.CLI_COMMAND)
        self.assertNotEqual(result.returncode, 0, result.describe())
        self.assertIn(
            "An error occurred (NotImplemented) when calling the %s operation" % self.OPERATION,
            result.stderr,
            result.describe(),
        )
        message = result.stderr.split("operation", 1)[1]
        self.assertIn(self.OPERATION, message, "the message itself must name the operation")

    def test_unknown_ec2_operation_boto3(self):
        with self.assertRaises(ClientError) as raised:
            client("ec2").describe_spot_price_history()
        self.assertEqual(error_code(raised.exception), "NotImplemented")
        self.assertEqual(http_status(raised.exception), 501)
        self.assertIn(self.OPERATION, raised.exception.response["Error"]["Message"])

    def test_unknown_query_service_cli(self):
        result = aws("sns", "list-topics")
        self.assertNotEqual(result.returncode, 0, result.describe())
        self.assertIn("An error occurred (NotImplemented) when calling the ListTopics operation", result.stderr, result.describe())
        self.assertIn('"sns"', result.stderr)

    def test_unknown_json_service_boto3(self):
        # An awsJson1.1 service far outside the console's needs (ECS). awsJson clients read the error
        # from a JSON body ({"__type": …, "message": …}); an XML body surfaces as a bare "501" with
        # the raw document as the message.
        with self.assertRaises(ClientError) as raised:
            client("ecs").list_clusters()
        self.assertEqual(error_code(raised.exception), "NotImplemented", raised.exception.response)
        self.assertEqual(http_status(raised.exception), 501)
        self.assertIn('"ecs"', raised.exception.response["Error"]["Message"])


if __name__ == "__main__":
    unittest.main()
