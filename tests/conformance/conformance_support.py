"""Shared helpers for the conformance suite.

The suite drives a running local-AWS endpoint with independent clients: the AWS CLI (v1, a
subprocess) and boto3. `npm run test:conformance` (scripts/conformance.ts) starts a fresh endpoint
and sets LOCAL_AWS_ENDPOINT plus dummy credentials and an empty AWS config; to run by hand against
an endpoint you started yourself:

    LOCAL_AWS_ENDPOINT=http://127.0.0.1:4566 python3 -m unittest discover -s tests/conformance -v
"""

import hashlib
import json
import os
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

# boto3 in this process must not pick up a developer's profile, config file or endpoint overrides
# either (the runner already isolates them; this covers running the suite by hand).
for _name in [n for n in os.environ if n == "AWS_PROFILE" or n.startswith("AWS_ENDPOINT_URL")]:
    del os.environ[_name]
os.environ.setdefault("AWS_CONFIG_FILE", os.devnull)
os.environ.setdefault("AWS_SHARED_CREDENTIALS_FILE", os.devnull)

ACCOUNT_ID = os.environ.get("LOCAL_AWS_ACCOUNT_ID", "000000000000")
REGION = "us-east-1"
ACCESS_KEY = "AKIACONFORMANCE"
SECRET_KEY = "conformance-secret"


def endpoint():
    url = os.environ.get("LOCAL_AWS_ENDPOINT")
    if not url:
        raise RuntimeError(
            "LOCAL_AWS_ENDPOINT is not set: run `npm run test:conformance`, or start the endpoint "
            "(`npm run local-aws`) and export LOCAL_AWS_ENDPOINT=http://127.0.0.1:<port>"
        )
    return url.rstrip("/")


def port():
    return urlsplit(endpoint()).port


def localhost_endpoint():
    """The endpoint with `localhost` as host, for virtual-host addressing (`bucket.localhost:port`)."""
    return "http://localhost:%d" % port()


def unique_bucket(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:12])


def md5_etag(data):
    return '"%s"' % hashlib.md5(data).hexdigest()


def client_config(addressing_style="path", **extra):
    return Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        connect_timeout=5,
        read_timeout=20,
        s3={"addressing_style": addressing_style},
        **extra,
    )


_CLIENTS = {}


def client(service, region=REGION, endpoint_url=None, addressing_style="path", signature_version=None):
    """A boto3 client for the endpoint; cached, since building one takes ~0.2 s."""
    cache_key = (service, region, endpoint_url or endpoint(), addressing_style, signature_version)
    if cache_key not in _CLIENTS:
        _CLIENTS[cache_key] = _new_client(service, region, endpoint_url, addressing_style, signature_version)
    return _CLIENTS[cache_key]


def _new_client(service, region, endpoint_url, addressing_style, signature_version):
    session = boto3.session.Session(
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=region,
    )
    return session.client(
        service,
        region_name=region,
        endpoint_url=endpoint_url or endpoint(),
        config=client_config(addressing_style, **({"signature_version": signature_version} if signature_version else {})),
    )


def error_code(error):
    return error.response.get("Error", {}).get("Code")


def http_status(error):
    return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")


def empty_and_delete_bucket(s3, bucket):
    """Best-effort cleanup; the runner's data dir is temporary anyway."""
    try:
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
            if keys:
                s3.delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True})
        s3.delete_bucket(Bucket=bucket)
    except ClientError:
        pass


def http_get(url, method="GET", data=None):
    """A plain, unsigned HTTP request (what a browser does with a presigned URL): (status, body)."""
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def resolves(host):
    try:
        socket.getaddrinfo(host, port(), proto=socket.IPPROTO_TCP)
        return True
    except socket.gaierror:
        return False


class CliResult:
    def __init__(self, args, completed):
        self.args = args
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr

    def json(self):
        return json.loads(self.stdout)

    def describe(self):
        return "aws %s\nexit %s\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(self.args), self.returncode, self.stdout, self.stderr)


_AWS_CLI = None


def aws_cli():
    """The `aws` executable. A pyenv shim costs a second per call, so it is resolved to the real
    script once; CONFORMANCE_AWS_CLI overrides the lookup."""
    global _AWS_CLI
    if _AWS_CLI is None:
        found = os.environ.get("CONFORMANCE_AWS_CLI") or shutil.which("aws")
        if not found:
            raise RuntimeError("The AWS CLI (`aws`) is not on PATH: pip install awscli")
        if os.sep + "shims" + os.sep in found and shutil.which("pyenv"):
            real = subprocess.run(["pyenv", "which", "aws"], capture_output=True, text=True)
            if real.returncode == 0 and real.stdout.strip():
                found = real.stdout.strip()
        _AWS_CLI = found
    return _AWS_CLI


def aws_env(region=REGION):
    """The CLI's environment: dummy credentials, no profile, no config a developer might have."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
        AWS_DEFAULT_REGION=region,
        AWS_CONFIG_FILE=os.environ["AWS_CONFIG_FILE"],
        AWS_SHARED_CREDENTIALS_FILE=os.environ["AWS_SHARED_CREDENTIALS_FILE"],
        AWS_EC2_METADATA_DISABLED="true",
        AWS_MAX_ATTEMPTS="1",
        AWS_RETRY_MODE="standard",
        AWS_PAGER="",
        PYTHONUTF8="1",
        PYTHONIOENCODING="utf-8",
    )
    return env


def aws(*args, region=REGION, timeout=60):
    """Runs the AWS CLI against the endpoint; stdout and stderr as text."""
    full = [aws_cli(), "--endpoint-url", endpoint(), "--output", "json"] + list(args)
    completed = subprocess.run(
        full, env=aws_env(region), capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )
    return CliResult(list(args), completed)


def aws_parallel(*commands, region=REGION):
    """Runs independent CLI commands at once (each is a separate `aws` process, ~0.7 s of start-up
    apiece); results come back in the order given."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(lambda args: aws(*args, region=region), commands))


def parse_ls_lines(stdout):
    """`aws s3 ls` output: ('PRE', prefix) for common prefixes, (size, key) for objects."""
    rows = []
    for line in stdout.splitlines():
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("PRE "):
            rows.append(("PRE", stripped[4:]))
            continue
        # "2024-05-01 12:00:00       1234 dir one/a:b ü.txt": the key may contain spaces.
        _date, _time, size, key = line.split(None, 3)
        rows.append((int(size), key))
    return rows
