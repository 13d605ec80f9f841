"""S3 through boto3, with path-style and virtual-host-style addressing."""

import socket
import unittest

from botocore.exceptions import ClientError

from conformance_support import (
    client,
    empty_and_delete_bucket,
    error_code,
    http_get,
    http_status,
    localhost_endpoint,
    md5_etag,
    resolves,
    unique_bucket,
)

# Keys that need URL encoding on the way in and XML escaping on the way out.
AWKWARD_KEYS = [
    "dir one/a:b ü.txt",
    "plus+sign.txt",
    "percent%20literal.txt",
    "query?x=1&y=2#frag",
    "semi;colon,comma=equals@at$dollar!bang",
    "tilde~star*paren(1)'quote'",
    "xml <tag> & \"quotes\".txt",
    "brackets[1]{2}^caret|pipe`tick",
    "back\\slash",
    "double//slash",
    "trailing-slash/",
    "unicode/日本語/ファイル.txt",
    "emoji 🚀.bin",
]
ALL_BYTES = bytes(range(256)) * 4


class S3Boto3Conformance:
    """Mixed into one TestCase per addressing style."""

    addressing_style = "path"

    def endpoint_url(self):
        return None

    def setUp(self):
        self.s3 = client("s3", endpoint_url=self.endpoint_url(), addressing_style=self.addressing_style)

    def make_bucket(self, prefix="boto", s3=None):
        s3 = s3 or self.s3
        bucket = unique_bucket(prefix)
        s3.create_bucket(Bucket=bucket)
        self.addCleanup(empty_and_delete_bucket, s3, bucket)
        return bucket

    def assertClientError(self, code, status, call, *args, **kwargs):
        with self.assertRaises(ClientError) as raised:
            call(*args, **kwargs)
        self.assertEqual(error_code(raised.exception), code, raised.exception.response)
        self.assertEqual(http_status(raised.exception), status, raised.exception.response)
        return raised.exception

    # -- objects ---------------------------------------------------------------------------

    def test_round_trip_keys_that_need_encoding(self):
        bucket = self.make_bucket()
        bodies = {key: key.encode("utf-8") + b"\n" + ALL_BYTES for key in AWKWARD_KEYS}
        for key, body in bodies.items():
            put = self.s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType="application/x-test")
            self.assertEqual(put["ETag"], md5_etag(body), key)

        for key, body in bodies.items():
            got = self.s3.get_object(Bucket=bucket, Key=key)
            self.assertEqual(got["Body"].read(), body, key)
            self.assertEqual(got["ContentLength"], len(body), key)
            self.assertEqual(got["ContentType"], "application/x-test", key)
            self.assertEqual(got["ETag"], md5_etag(body), key)
            head = self.s3.head_object(Bucket=bucket, Key=key)
            self.assertEqual(head["ContentLength"], len(body), key)

        listed = self.s3.list_objects_v2(Bucket=bucket)
        in_byte_order = sorted(AWKWARD_KEYS, key=lambda k: k.encode("utf-8"))
        self.assertEqual([o["Key"] for o in listed["Contents"]], in_byte_order)
        self.assertEqual([o["Size"] for o in listed["Contents"]], [len(bodies[k]) for k in in_byte_order])
        # ListObjects (v1) must agree.
        listed_v1 = self.s3.list_objects(Bucket=bucket)
        self.assertEqual([o["Key"] for o in listed_v1["Contents"]], in_byte_order)

    def test_empty_object_and_user_metadata(self):
        bucket = self.make_bucket()
        self.s3.put_object(
            Bucket=bucket, Key="empty", Body=b"", Metadata={"flow-log": "yes", "count": "3"},
            ContentDisposition='attachment; filename="e.txt"', CacheControl="no-cache",
        )
        got = self.s3.get_object(Bucket=bucket, Key="empty")
        self.assertEqual(got["Body"].read(), b"")
        self.assertEqual(got["ContentLength"], 0)
        self.assertEqual(got["ETag"], md5_etag(b""))
        self.assertEqual(got["Metadata"], {"flow-log": "yes", "count": "3"})
        self.assertEqual(got["ContentDisposition"], 'attachment; filename="e.txt"')
        self.assertEqual(got["CacheControl"], "no-cache")
        self.assertEqual(got["ContentType"], "binary/octet-stream")

    def test_overwrite_replaces_body(self):
        bucket = self.make_bucket()
        self.s3.put_object(Bucket=bucket, Key="k", Body=b"first version, longer")
        self.s3.put_object(Bucket=bucket, Key="k", Body=b"second")
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="k")["Body"].read(), b"second")
        self.assertEqual(self.s3.list_objects_v2(Bucket=bucket)["KeyCount"], 1)

    def test_get_object_range(self):
        bucket = self.make_bucket()
        self.s3.put_object(Bucket=bucket, Key="digits", Body=b"0123456789")
        cases = [
            ("bytes=2-5", b"2345", "bytes 2-5/10"),
            ("bytes=0-0", b"0", "bytes 0-0/10"),
            ("bytes=7-", b"789", "bytes 7-9/10"),
            ("bytes=-3", b"789", "bytes 7-9/10"),
            ("bytes=5-100", b"56789", "bytes 5-9/10"),
            ("bytes=-20", b"0123456789", "bytes 0-9/10"),
        ]
        for header, body, content_range in cases:
            got = self.s3.get_object(Bucket=bucket, Key="digits", Range=header)
            self.assertEqual(got["ResponseMetadata"]["HTTPStatusCode"], 206, header)
            self.assertEqual(got["Body"].read(), body, header)
            self.assertEqual(got["ContentRange"], content_range, header)
            self.assertEqual(got["ContentLength"], len(body), header)
        self.assertClientError("InvalidRange", 416, self.s3.get_object, Bucket=bucket, Key="digits", Range="bytes=10-")

    def test_copy_object(self):
        bucket = self.make_bucket()
        other = self.make_bucket("boto-copy")
        source = "src dir/a:b ü.txt"
        body = b"copy me \xc3\xbc\x00\xff"
        self.s3.put_object(Bucket=bucket, Key=source, Body=body, ContentType="text/csv", Metadata={"origin": "src"})

        copied = self.s3.copy_object(Bucket=other, Key="dst/copy ü+1.txt", CopySource={"Bucket": bucket, "Key": source})
        self.assertEqual(copied["CopyObjectResult"]["ETag"], md5_etag(body))
        got = self.s3.get_object(Bucket=other, Key="dst/copy ü+1.txt")
        self.assertEqual(got["Body"].read(), body)
        self.assertEqual(got["ContentType"], "text/csv")
        self.assertEqual(got["Metadata"], {"origin": "src"})

        self.s3.copy_object(
            Bucket=bucket, Key=source, CopySource={"Bucket": bucket, "Key": source},
            MetadataDirective="REPLACE", ContentType="text/plain", Metadata={"origin": "replaced"},
        )
        head = self.s3.head_object(Bucket=bucket, Key=source)
        self.assertEqual(head["ContentType"], "text/plain")
        self.assertEqual(head["Metadata"], {"origin": "replaced"})
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key=source)["Body"].read(), body)

        self.assertClientError(
            "InvalidRequest", 400, self.s3.copy_object,
            Bucket=bucket, Key=source, CopySource={"Bucket": bucket, "Key": source},
        )
        self.assertClientError(
            "NoSuchKey", 404, self.s3.copy_object,
            Bucket=bucket, Key="x", CopySource={"Bucket": bucket, "Key": "does not exist"},
        )

    def test_delete_objects(self):
        bucket = self.make_bucket()
        for key in ("a", "b b", "c:ü", "keep"):
            self.s3.put_object(Bucket=bucket, Key=key, Body=b"x")

        result = self.s3.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "b b"}, {"Key": "c:ü"}, {"Key": "never existed"}]},
        )
        self.assertEqual(sorted(d["Key"] for d in result["Deleted"]), ["a", "b b", "c:ü", "never existed"])
        self.assertNotIn("Errors", result)
        self.assertEqual([o["Key"] for o in self.s3.list_objects_v2(Bucket=bucket)["Contents"]], ["keep"])

        quiet = self.s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "keep"}], "Quiet": True})
        self.assertNotIn("Deleted", quiet)
        self.assertNotIn("Errors", quiet)
        self.assertEqual(self.s3.list_objects_v2(Bucket=bucket)["KeyCount"], 0)

        single = self.s3.delete_object(Bucket=bucket, Key="gone already")
        self.assertEqual(single["ResponseMetadata"]["HTTPStatusCode"], 204)

    def test_presigned_urls(self):
        bucket = self.make_bucket()
        key = "presigned/a:b ü+1.txt"
        self.s3.put_object(Bucket=bucket, Key=key, Body=b"presigned body")

        # SigV4 query signing (X-Amz-Credential…), what the JS SDK and boto3 with s3v4 produce.
        v4 = client("s3", endpoint_url=self.endpoint_url(), addressing_style=self.addressing_style, signature_version="s3v4")
        get_url = v4.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=300)
        self.assertIn("X-Amz-Credential=", get_url)
        self.assertEqual(http_get(get_url), (200, b"presigned body"))
        put_url = v4.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "uploaded ü.txt"}, ExpiresIn=300)
        status, body = http_get(put_url, method="PUT", data=b"sent through a URL")
        self.assertEqual(status, 200, body)
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="uploaded ü.txt")["Body"].read(), b"sent through a URL")

        # boto3's default for S3 presigning (no signature_version configured) is the older query
        # form, AWSAccessKeyId/Signature/Expires; S3 accepts it and so must local AWS.
        default_url = self.s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=300)
        status, body = http_get(default_url)
        self.assertEqual((status, body), (200, b"presigned body"), "GET %s answered %s: %r" % (default_url, status, body[:300]))

    # -- listing ---------------------------------------------------------------------------

    def test_list_objects_v2_paginator_pages_of_seven(self):
        bucket = self.make_bucket()
        keys = ["k/%02d ü" % i for i in range(30)]
        for key in keys:
            self.s3.put_object(Bucket=bucket, Key=key, Body=key.encode("utf-8"))

        pages = list(self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 7}))
        self.assertEqual([len(p["Contents"]) for p in pages], [7, 7, 7, 7, 2])
        self.assertEqual([p["KeyCount"] for p in pages], [7, 7, 7, 7, 2])
        self.assertEqual([p["IsTruncated"] for p in pages], [True, True, True, True, False])
        self.assertEqual([p["MaxKeys"] for p in pages], [7] * 5)
        self.assertTrue(all("NextContinuationToken" in p for p in pages[:-1]))
        self.assertNotIn("NextContinuationToken", pages[-1])
        self.assertEqual([o["Key"] for p in pages for o in p["Contents"]], keys)

        after = self.s3.list_objects_v2(Bucket=bucket, StartAfter="k/25 ü", MaxKeys=7)
        self.assertEqual([o["Key"] for o in after["Contents"]], keys[26:])
        self.assertFalse(after["IsTruncated"])
        self.assertEqual(after["StartAfter"], "k/25 ü")

    def test_list_objects_v2_paginator_with_delimiter(self):
        bucket = self.make_bucket()
        files = ["top-%02d" % i for i in range(10)]
        folders = ["dir %02d/" % i for i in range(10)]
        for key in files + [f + name for f in folders for name in ("a", "b")]:
            self.s3.put_object(Bucket=bucket, Key=key, Body=b".")

        pages = list(
            self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Delimiter="/", PaginationConfig={"PageSize": 7})
        )
        counts = [len(p.get("Contents", [])) + len(p.get("CommonPrefixes", [])) for p in pages]
        self.assertEqual(counts, [7, 7, 6])
        self.assertEqual([p["KeyCount"] for p in pages], counts)
        self.assertEqual([c["Prefix"] for p in pages for c in p.get("CommonPrefixes", [])], folders)
        self.assertEqual([o["Key"] for p in pages for o in p.get("Contents", [])], files)

    def test_list_objects_v1_paginator(self):
        bucket = self.make_bucket()
        keys = ["v1/%02d" % i for i in range(30)]
        for key in keys:
            self.s3.put_object(Bucket=bucket, Key=key, Body=b"1")
        pages = list(self.s3.get_paginator("list_objects").paginate(Bucket=bucket, PaginationConfig={"PageSize": 7}))
        self.assertEqual([len(p["Contents"]) for p in pages], [7, 7, 7, 7, 2])
        self.assertEqual([o["Key"] for p in pages for o in p["Contents"]], keys)
        marker = self.s3.list_objects(Bucket=bucket, Marker="v1/27")
        self.assertEqual([o["Key"] for o in marker["Contents"]], keys[28:])

    # -- buckets ---------------------------------------------------------------------------

    def test_bucket_lifecycle(self):
        bucket = unique_bucket("boto-life")
        created = self.s3.create_bucket(Bucket=bucket)
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertIn(bucket, [b["Name"] for b in self.s3.list_buckets()["Buckets"]])
        head = self.s3.head_bucket(Bucket=bucket)
        self.assertEqual(head["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"], "us-east-1")
        self.assertIsNone(self.s3.get_bucket_location(Bucket=bucket)["LocationConstraint"])
        self.s3.put_object(Bucket=bucket, Key="x", Body=b"x")
        self.assertClientError("BucketNotEmpty", 409, self.s3.delete_bucket, Bucket=bucket)
        self.s3.delete_object(Bucket=bucket, Key="x")
        deleted = self.s3.delete_bucket(Bucket=bucket)
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertNotIn(bucket, [b["Name"] for b in self.s3.list_buckets()["Buckets"]])

    def test_bucket_in_another_region(self):
        s3_eu = client("s3", region="eu-west-1", endpoint_url=self.endpoint_url(), addressing_style=self.addressing_style)
        bucket = unique_bucket("boto-eu")
        s3_eu.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        self.addCleanup(empty_and_delete_bucket, s3_eu, bucket)
        self.assertEqual(s3_eu.get_bucket_location(Bucket=bucket)["LocationConstraint"], "eu-west-1")
        s3_eu.put_object(Bucket=bucket, Key="k", Body=b"eu")
        self.assertEqual(s3_eu.get_object(Bucket=bucket, Key="k")["Body"].read(), b"eu")

    # -- errors ----------------------------------------------------------------------------

    def test_error_codes(self):
        bucket = self.make_bucket()
        missing_bucket = unique_bucket("boto-missing")

        no_key = self.assertClientError("NoSuchKey", 404, self.s3.get_object, Bucket=bucket, Key="no such/key ü")
        self.assertEqual(no_key.response["Error"].get("Key"), "no such/key ü")
        self.assertEqual(no_key.response["Error"]["Message"], "The specified key does not exist.")

        no_bucket = self.assertClientError("NoSuchBucket", 404, self.s3.get_object, Bucket=missing_bucket, Key="k")
        self.assertEqual(no_bucket.response["Error"].get("BucketName"), missing_bucket)
        self.assertClientError("NoSuchBucket", 404, self.s3.list_objects_v2, Bucket=missing_bucket)
        self.assertClientError("NoSuchBucket", 404, self.s3.put_object, Bucket=missing_bucket, Key="k", Body=b"x")
        self.assertClientError("NoSuchBucket", 404, self.s3.delete_bucket, Bucket=missing_bucket)

        # us-east-1's legacy answer to creating a bucket you own: 200, nothing changed.
        self.assertEqual(self.s3.create_bucket(Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"], 200)

        for name in ("Invalid_Name_%s" % bucket[-6:], "ab", "-starts-with-dash", "has..two-dots", "192.168.1.10"):
            self.assertClientError("InvalidBucketName", 400, self.s3.create_bucket, Bucket=name)

        # HEAD responses have no body: the code is the status.
        self.assertClientError("404", 404, self.s3.head_object, Bucket=bucket, Key="missing")
        self.assertClientError("404", 404, self.s3.head_bucket, Bucket=missing_bucket)


class S3Boto3PathStyle(S3Boto3Conformance, unittest.TestCase):
    addressing_style = "path"


class S3Boto3VirtualHostSystemResolver(unittest.TestCase):
    """Virtual-host addressing exactly as a developer machine does it: `bucket.localhost:<port>`
    must resolve through the system resolver."""

    def test_virtual_host_round_trip(self):
        probe = "conformance-probe.localhost"
        if not resolves(probe):
            self.skipTest(
                "this machine's resolver does not resolve *.localhost (%s: Name or service not known); "
                "virtual-host addressing is covered by S3Boto3VirtualHostStyle with an in-process resolver" % probe
            )
        s3 = client("s3", endpoint_url=localhost_endpoint(), addressing_style="virtual")
        bucket = unique_bucket("boto-vhost")
        s3.create_bucket(Bucket=bucket)
        self.addCleanup(empty_and_delete_bucket, s3, bucket)
        s3.put_object(Bucket=bucket, Key="dir one/a:b ü.txt", Body=b"vhost")
        self.assertEqual(s3.get_object(Bucket=bucket, Key="dir one/a:b ü.txt")["Body"].read(), b"vhost")


_real_getaddrinfo = socket.getaddrinfo


def _localhost_getaddrinfo(host, *args, **kwargs):
    # RFC 6761: every name under .localhost is loopback (browsers and systemd-resolved do this).
    if isinstance(host, str) and (host == "localhost" or host.endswith(".localhost")):
        host = "127.0.0.1"
    return _real_getaddrinfo(host, *args, **kwargs)


class S3Boto3VirtualHostStyle(S3Boto3Conformance, unittest.TestCase):
    """Every S3 case again with botocore's virtual addressing (Host: <bucket>.localhost:<port>).
    Names under .localhost resolve to 127.0.0.1 in-process, as RFC 6761 says they should, so the
    endpoint's Host-header parsing is tested even where the system resolver does not do that."""

    addressing_style = "virtual"

    @classmethod
    def setUpClass(cls):
        socket.getaddrinfo = _localhost_getaddrinfo

    @classmethod
    def tearDownClass(cls):
        socket.getaddrinfo = _real_getaddrinfo

    def endpoint_url(self):
        return localhost_endpoint()

    def test_requests_really_use_the_bucket_host(self):
        bucket = self.make_bucket()
        hosts = []

        def record(request, **_):
            hosts.append(request.url)

        self.s3.meta.events.register("before-send.s3", record)
        self.addCleanup(self.s3.meta.events.unregister, "before-send.s3", record)
        self.s3.put_object(Bucket=bucket, Key="a b", Body=b"1")
        self.assertEqual(hosts, ["%s/a%%20b" % localhost_endpoint().replace("://", "://%s." % bucket)])


if __name__ == "__main__":
    unittest.main()
