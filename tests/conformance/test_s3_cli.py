"""S3 through the AWS CLI (`aws s3 …` high-level commands and `aws s3api …`)."""

import hashlib
import os
import shutil
import tempfile
import unittest

from conformance_support import (
    aws,
    aws_parallel,
    client,
    empty_and_delete_bucket,
    endpoint,
    http_get,
    md5_etag,
    parse_ls_lines,
    unique_bucket,
)

SPECIAL_KEY = "dir one/a:b ü.txt"
# Text, a NUL, high bytes and a CRLF: any re-encoding on the way shows up as a byte mismatch.
SPECIAL_BODY = "hello from the conformance suite: ü ∑ 🚀\r\n".encode("utf-8") + bytes([0, 255, 128, 10])


class S3CliTestCase(unittest.TestCase):
    def setUp(self):
        self.s3 = client("s3")
        self.tmp = tempfile.mkdtemp(prefix="conformance-cli-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def make_bucket(self, prefix="cli", with_cli=False):
        """A fresh bucket; made with boto3 unless `s3 mb` itself is under test (each CLI call costs
        ~0.7 s of start-up)."""
        bucket = unique_bucket(prefix)
        if with_cli:
            result = aws("s3", "mb", "s3://%s" % bucket)
            self.assertEqual(result.returncode, 0, result.describe())
            self.assertEqual(result.stdout.strip(), "make_bucket: %s" % bucket)
        else:
            self.s3.create_bucket(Bucket=bucket)
        self.addCleanup(empty_and_delete_bucket, self.s3, bucket)
        return bucket

    def write_file(self, relative, data):
        path = os.path.join(self.tmp, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        return path

    def read_file(self, path):
        with open(path, "rb") as handle:
            return handle.read()

    def assertCliOk(self, result):
        self.assertEqual(result.returncode, 0, result.describe())

    def assertCliFails(self, result, *fragments):
        self.assertNotEqual(result.returncode, 0, result.describe())
        for fragment in fragments:
            self.assertIn(fragment, result.stderr, result.describe())

    def keys(self, bucket, prefix=""):
        listed = self.s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
        return [o["Key"] for o in listed.get("Contents", [])]


class S3HighLevelCommands(S3CliTestCase):
    def test_mb_ls_and_rb_of_an_empty_bucket(self):
        bucket = unique_bucket("cli")
        made = aws("s3", "mb", "s3://%s" % bucket)
        self.assertCliOk(made)
        self.assertEqual(made.stdout.strip(), "make_bucket: %s" % bucket)
        self.addCleanup(empty_and_delete_bucket, self.s3, bucket)

        listing, again = aws_parallel(("s3", "ls"), ("s3", "mb", "s3://%s" % bucket))
        self.assertCliOk(listing)
        # "2024-05-01 12:00:00 bucket-name"
        names = [line.split(None, 2)[2] for line in listing.stdout.splitlines() if line.strip()]
        self.assertIn(bucket, names)
        # us-east-1 keeps S3's legacy answer: making a bucket you already own there succeeds.
        self.assertCliOk(again)
        self.assertEqual(again.stdout.strip(), "make_bucket: %s" % bucket)
        elsewhere = unique_bucket("cli-west")
        self.assertCliOk(aws("s3", "mb", "s3://%s" % elsewhere, region="us-west-2"))
        self.addCleanup(empty_and_delete_bucket, client("s3", region="us-west-2"), elsewhere)
        self.assertCliFails(aws("s3", "mb", "s3://%s" % elsewhere, region="us-west-2"), "make_bucket failed", "BucketAlreadyOwnedByYou")

        removed = aws("s3", "rb", "s3://%s" % bucket)
        self.assertCliOk(removed)
        self.assertEqual(removed.stdout.strip(), "remove_bucket: %s" % bucket)
        self.assertNotIn(bucket, [b["Name"] for b in self.s3.list_buckets()["Buckets"]])

    def test_cp_up_and_down_key_with_spaces_colons_and_non_ascii(self):
        bucket = self.make_bucket()
        source = self.write_file("upload/a:b ü.txt", SPECIAL_BODY)
        target_uri = "s3://%s/%s" % (bucket, SPECIAL_KEY)

        up = aws("s3", "cp", source, target_uri)
        self.assertCliOk(up)
        self.assertIn("upload: ", up.stdout)
        self.assertIn(target_uri, up.stdout)
        self.assertEqual(self.keys(bucket), [SPECIAL_KEY])
        stored = self.s3.get_object(Bucket=bucket, Key=SPECIAL_KEY)
        self.assertEqual(stored["Body"].read(), SPECIAL_BODY)
        self.assertEqual(stored["ETag"], md5_etag(SPECIAL_BODY))
        # The CLI guesses the type from the extension and S3 keeps what it was sent.
        self.assertEqual(stored["ContentType"], "text/plain")

        downloaded = os.path.join(self.tmp, "download", "copy.bin")
        down = aws("s3", "cp", target_uri, downloaded)
        self.assertCliOk(down)
        self.assertIn("download: %s to " % target_uri, down.stdout)
        self.assertEqual(self.read_file(downloaded), SPECIAL_BODY)

    def test_cp_large_file_goes_multipart_and_comes_back_ranged(self):
        # Above the CLI's 8 MiB multipart threshold: CreateMultipartUpload, two UploadParts and
        # CompleteMultipartUpload up; ranged GETs in parallel down.
        bucket = self.make_bucket()
        chunk = 8 * 1024 * 1024
        data = os.urandom(chunk + 123_457)
        source = self.write_file("big/large file ü.bin", data)
        key = "big/large file ü.bin"

        up = aws("s3", "cp", source, "s3://%s/%s" % (bucket, key))
        self.assertCliOk(up)
        head = self.s3.head_object(Bucket=bucket, Key=key)
        self.assertEqual(head["ContentLength"], len(data))
        part_digests = b"".join(hashlib.md5(data[i:i + chunk]).digest() for i in range(0, len(data), chunk))
        self.assertEqual(head["ETag"], '"%s-2"' % hashlib.md5(part_digests).hexdigest())

        target = os.path.join(self.tmp, "big-copy.bin")
        down = aws("s3", "cp", "s3://%s/%s" % (bucket, key), target)
        self.assertCliOk(down)
        self.assertTrue(self.read_file(target) == data, "downloaded bytes differ from the upload")

    def test_presign_url_works_without_credentials(self):
        bucket = self.make_bucket()
        self.s3.put_object(Bucket=bucket, Key=SPECIAL_KEY, Body=SPECIAL_BODY)
        presigned = aws("s3", "presign", "s3://%s/%s" % (bucket, SPECIAL_KEY), "--expires-in", "300")
        self.assertCliOk(presigned)
        url = presigned.stdout.strip()
        self.assertTrue(url.startswith(endpoint() + "/"), url)
        status, body = http_get(url)
        self.assertEqual((status, body), (200, SPECIAL_BODY), "GET %s answered %s: %r" % (url, status, body[:300]))

    def test_ls_recursive_and_with_prefix(self):
        bucket = self.make_bucket()
        objects = {
            "logs/2024/01/a.log": b"a" * 11,
            "logs/2024/02/b.log": b"b" * 22,
            "logs/top.log": b"t" * 3,
            "readme.txt": b"r" * 5,
            SPECIAL_KEY: SPECIAL_BODY,
        }
        for key, body in objects.items():
            self.s3.put_object(Bucket=bucket, Key=key, Body=body)

        recursive, top, partial, special, prefixed_recursive, missing = aws_parallel(
            ("s3", "ls", "s3://%s" % bucket, "--recursive"),
            ("s3", "ls", "s3://%s/" % bucket),
            ("s3", "ls", "s3://%s/lo" % bucket),
            ("s3", "ls", "s3://%s/dir one/" % bucket),
            ("s3", "ls", "s3://%s/logs/2024" % bucket, "--recursive"),
            ("s3", "ls", "s3://%s-missing/" % bucket),
        )
        in_byte_order = sorted(objects, key=lambda k: k.encode("utf-8"))
        self.assertCliOk(recursive)
        self.assertEqual(parse_ls_lines(recursive.stdout), [(len(objects[k]), k) for k in in_byte_order])

        self.assertCliOk(top)
        self.assertEqual(parse_ls_lines(top.stdout), [("PRE", "dir one/"), ("PRE", "logs/"), (5, "readme.txt")])

        # A partial prefix lists the folders that start with it.
        self.assertCliOk(partial)
        self.assertEqual(parse_ls_lines(partial.stdout), [("PRE", "logs/")])

        self.assertCliOk(special)
        self.assertEqual(parse_ls_lines(special.stdout), [(len(SPECIAL_BODY), "a:b ü.txt")])

        self.assertCliOk(prefixed_recursive)
        self.assertEqual(
            parse_ls_lines(prefixed_recursive.stdout),
            [(11, "logs/2024/01/a.log"), (22, "logs/2024/02/b.log")],
        )

        self.assertCliFails(missing, "NoSuchBucket")

    def test_sync_folder_up_down_and_delete(self):
        bucket = self.make_bucket()
        tree = {
            "index.html": b"<h1>hi</h1>\n",
            "css/site.css": b"body { margin: 0 }\n",
            "data/one two/x:y ü.csv": b"a,b\n1,2\n",
            "empty.txt": b"",
        }
        local = os.path.join(self.tmp, "site")
        for relative, data in tree.items():
            self.write_file(os.path.join("site", relative), data)

        up = aws("s3", "sync", local, "s3://%s/site" % bucket)
        self.assertCliOk(up)
        self.assertEqual(up.stdout.count("upload: "), len(tree), up.describe())
        self.assertEqual(sorted(self.keys(bucket)), sorted("site/" + k for k in tree))

        # Nothing changed: a second sync compares sizes and times and transfers nothing.
        copy = os.path.join(self.tmp, "copy")
        again, down = aws_parallel(
            ("s3", "sync", local, "s3://%s/site" % bucket),
            ("s3", "sync", "s3://%s/site" % bucket, copy),
        )
        self.assertCliOk(again)
        self.assertEqual(again.stdout.strip(), "", again.describe())
        self.assertCliOk(down)
        for relative, data in tree.items():
            self.assertEqual(self.read_file(os.path.join(copy, relative)), data, relative)

        os.remove(os.path.join(local, "css", "site.css"))
        pruned = aws("s3", "sync", local, "s3://%s/site" % bucket, "--delete")
        self.assertCliOk(pruned)
        self.assertEqual(pruned.stdout.strip(), "delete: s3://%s/site/css/site.css" % bucket, pruned.describe())
        self.assertEqual(sorted(self.keys(bucket)), sorted("site/" + k for k in tree if k != "css/site.css"))

    def test_rm_and_rb(self):
        bucket = self.make_bucket()
        for key in ("a.txt", "nested/b.txt", "nested/deeper/c.txt", SPECIAL_KEY):
            self.s3.put_object(Bucket=bucket, Key=key, Body=key.encode("utf-8"))

        not_empty, single = aws_parallel(
            ("s3", "rb", "s3://%s" % bucket),
            ("s3", "rm", "s3://%s/%s" % (bucket, SPECIAL_KEY)),
        )
        self.assertCliFails(not_empty, "remove_bucket failed", "BucketNotEmpty")
        self.assertCliOk(single)
        self.assertEqual(single.stdout.strip(), "delete: s3://%s/%s" % (bucket, SPECIAL_KEY))
        self.assertEqual(sorted(self.keys(bucket)), ["a.txt", "nested/b.txt", "nested/deeper/c.txt"])

        recursive = aws("s3", "rm", "s3://%s/nested/" % bucket, "--recursive")
        self.assertCliOk(recursive)
        self.assertEqual(
            sorted(recursive.stdout.strip().splitlines()),
            ["delete: s3://%s/nested/b.txt" % bucket, "delete: s3://%s/nested/deeper/c.txt" % bucket],
        )
        self.assertEqual(self.keys(bucket), ["a.txt"])

        forced = aws("s3", "rb", "s3://%s" % bucket, "--force")
        self.assertCliOk(forced)
        self.assertEqual(
            forced.stdout.strip().splitlines(),
            ["delete: s3://%s/a.txt" % bucket, "remove_bucket: %s" % bucket],
        )
        self.assertNotIn(bucket, [b["Name"] for b in self.s3.list_buckets()["Buckets"]])


class S3ApiCommands(S3CliTestCase):
    def test_put_get_head_object(self):
        bucket = self.make_bucket("api")
        body_path = self.write_file("body.bin", SPECIAL_BODY)

        put = aws(
            "s3api", "put-object", "--bucket", bucket, "--key", SPECIAL_KEY, "--body", body_path,
            "--content-type", "text/plain; charset=utf-8", "--metadata", "origin=conformance,n=1",
        )
        self.assertCliOk(put)
        self.assertEqual(put.json()["ETag"], md5_etag(SPECIAL_BODY))

        out = os.path.join(self.tmp, "out.bin")
        ranged_out = os.path.join(self.tmp, "range.bin")
        head, get, ranged = aws_parallel(
            ("s3api", "head-object", "--bucket", bucket, "--key", SPECIAL_KEY),
            ("s3api", "get-object", "--bucket", bucket, "--key", SPECIAL_KEY, out),
            ("s3api", "get-object", "--bucket", bucket, "--key", SPECIAL_KEY, "--range", "bytes=6-9", ranged_out),
        )
        self.assertCliOk(head)
        meta = head.json()
        self.assertEqual(meta["ContentLength"], len(SPECIAL_BODY))
        self.assertEqual(meta["ContentType"], "text/plain; charset=utf-8")
        self.assertEqual(meta["ETag"], md5_etag(SPECIAL_BODY))
        self.assertEqual(meta["Metadata"], {"origin": "conformance", "n": "1"})
        self.assertIn("LastModified", meta)

        self.assertCliOk(get)
        self.assertEqual(get.json()["ContentLength"], len(SPECIAL_BODY))
        self.assertEqual(get.json()["Metadata"], {"origin": "conformance", "n": "1"})
        self.assertEqual(self.read_file(out), SPECIAL_BODY)

        self.assertCliOk(ranged)
        self.assertEqual(ranged.json()["ContentRange"], "bytes 6-9/%d" % len(SPECIAL_BODY))
        self.assertEqual(self.read_file(ranged_out), SPECIAL_BODY[6:10])

    def test_list_objects_v2_prefix_and_delimiter(self):
        bucket = self.make_bucket("api")
        keys = ["a/1.txt", "a/2.txt", "a/b/3.txt", "a/b/c/4.txt", "a/d e:f/5.txt", "c.txt", "d/6.txt"]
        for key in keys:
            self.s3.put_object(Bucket=bucket, Key=key, Body=b"x")

        paged, rolled, root, nothing = aws_parallel(
            # The CLI pages with continuation tokens (2 keys a page) and must see every key once.
            ("s3api", "list-objects-v2", "--bucket", bucket, "--page-size", "2"),
            ("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "a/", "--delimiter", "/", "--no-paginate"),
            ("s3api", "list-objects-v2", "--bucket", bucket, "--delimiter", "/"),
            ("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "zzz", "--no-paginate"),
        )
        self.assertCliOk(paged)
        self.assertEqual([o["Key"] for o in paged.json()["Contents"]], keys)
        self.assertTrue(all(o["Size"] == 1 for o in paged.json()["Contents"]))
        self.assertTrue(all(o["ETag"] == md5_etag(b"x") for o in paged.json()["Contents"]))

        self.assertCliOk(rolled)
        listing = rolled.json()
        self.assertEqual([o["Key"] for o in listing["Contents"]], ["a/1.txt", "a/2.txt"])
        self.assertEqual([p["Prefix"] for p in listing["CommonPrefixes"]], ["a/b/", "a/d e:f/"])
        self.assertEqual(listing["Prefix"], "a/")
        self.assertEqual(listing["Delimiter"], "/")
        self.assertEqual(listing["KeyCount"], 4)
        self.assertFalse(listing["IsTruncated"])

        self.assertCliOk(root)
        self.assertEqual([o["Key"] for o in root.json()["Contents"]], ["c.txt"])
        self.assertEqual([p["Prefix"] for p in root.json()["CommonPrefixes"]], ["a/", "d/"])

        self.assertCliOk(nothing)
        self.assertNotIn("Contents", nothing.json())
        self.assertEqual(nothing.json()["KeyCount"], 0)

    def test_missing_key_errors(self):
        bucket = self.make_bucket("api")
        out = os.path.join(self.tmp, "never.bin")
        head, get = aws_parallel(
            ("s3api", "head-object", "--bucket", bucket, "--key", "no/such key.txt"),
            ("s3api", "get-object", "--bucket", bucket, "--key", "missing.txt", out),
        )
        # HEAD has no body to carry a code: the CLI reports the status.
        self.assertCliFails(head, "An error occurred (404) when calling the HeadObject operation", "Not Found")
        self.assertCliFails(get, "An error occurred (NoSuchKey) when calling the GetObject operation")
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()
