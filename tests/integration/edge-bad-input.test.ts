import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAwsProcess, type LocalAwsProcess } from '../support/local-aws-process';
import { fakeAuthorization, rawRequest, rawSocket, type RawResponse } from '../support/raw-http';

/**
 * What local AWS does with requests no SDK would send. Every answer must still be an AWS error in
 * the right service's envelope with a request id, and the server must keep serving afterwards.
 */
let localAws: LocalAwsProcess;
let port: number;
const MAX_OBJECT_BYTES = 1024;

beforeAll(async () => {
  localAws = await startLocalAwsProcess({ env: { LOCAL_AWS_MAX_OBJECT_BYTES: String(MAX_OBJECT_BYTES) } });
  port = localAws.port;
  const created = await rawRequest(port, { method: 'PUT', path: '/edge-bucket', headers: fakeAuthorization('s3') });
  expect(created.status).toBe(200);
});
afterAll(async () => {
  await localAws?.stop();
});

const s3Auth = () => fakeAuthorization('s3');
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

/** S3's bare <Error> document, with the request id in the body matching x-amz-request-id. */
function expectS3Error(response: RawResponse, status: number, code: string) {
  expect({ status: response.status, body: response.text }).toMatchObject({ status, body: expect.stringContaining(`<Code>${code}</Code>`) });
  const requestId = response.headers['x-amz-request-id'];
  expect(requestId).toBeTruthy();
  expect(response.headers['x-amz-id-2']).toBeTruthy();
  expect(response.text).toMatch(new RegExp(`^<\\?xml[^>]*\\?>\\s*<Error><Code>${code}</Code><Message>[^<]*</Message>.*<RequestId>${requestId}</RequestId>.*</Error>$`, 's'));
}

/** EC2's <Response><Errors><Error>…</Errors><RequestID> envelope. */
function expectEc2Error(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  const requestId = response.headers['x-amzn-requestid'];
  expect(requestId).toBeTruthy();
  expect(response.text).toMatch(
    new RegExp(`<Response><Errors><Error><Code>${code}</Code><Message>[^<]*</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>$`),
  );
}

/** awsQuery's <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId> envelope (STS, CloudFormation). */
function expectQueryError(response: RawResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  const requestId = response.headers['x-amzn-requestid'];
  expect(requestId).toBeTruthy();
  expect(response.text).toMatch(
    new RegExp(`<ErrorResponse[^>]*><Error><Type>(Sender|Receiver)</Type><Code>${code}</Code><Message>[^<]*</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>$`),
  );
}

async function expectStillServing() {
  const health = await rawRequest(port, { path: '/_local-aws/health' });
  expect(health.status).toBe(200);
  const list = await rawRequest(port, { path: '/edge-bucket?list-type=2', headers: s3Auth() });
  expect(list.status).toBe(200);
  expect(list.text).toContain('<Name>edge-bucket</Name>');
}

async function objectExists(key: string) {
  const head = await rawRequest(port, { method: 'HEAD', path: `/edge-bucket/${key}`, headers: s3Auth() });
  expect([200, 404]).toContain(head.status);
  expect(head.headers['x-amz-request-id']).toBeTruthy();
  return head.status === 200;
}

describe('malformed request bodies', () => {
  it('answers a malformed CreateBucketConfiguration with MalformedXML', async () => {
    const response = await rawRequest(port, {
      method: 'PUT',
      path: '/malformed-config',
      headers: s3Auth(),
      body: '<CreateBucketConfiguration><LocationConstraint>eu-west-1</Location',
    });
    expectS3Error(response, 400, 'MalformedXML');
    const wrongRoot = await rawRequest(port, { method: 'PUT', path: '/malformed-config', headers: s3Auth(), body: '<Something/>' });
    expectS3Error(wrongRoot, 400, 'MalformedXML');
    const head = await rawRequest(port, { method: 'HEAD', path: '/malformed-config', headers: s3Auth() });
    expect(head.status).toBe(404);
  });

  it('answers a malformed DeleteObjects document with MalformedXML', async () => {
    for (const body of ['<Delete><Object><Key>a</Key></Object>', 'not xml at all', '<Delete></Delete>', '<Delete><Object><Key></Key></Object></Delete>']) {
      const response = await rawRequest(port, { method: 'POST', path: '/edge-bucket?delete', headers: s3Auth(), body });
      expectS3Error(response, 400, 'MalformedXML');
    }
  });

  it('answers malformed JSON to a JSON-protocol service with SerializationException', async () => {
    for (const jsonService of [
      { name: 'athena', target: 'AmazonAthena.ListWorkGroups' },
      { name: 'glue', target: 'AWSGlue.GetDatabases' },
    ]) {
      const response = await rawRequest(port, {
        method: 'POST',
        path: '/',
        headers: { ...fakeAuthorization(jsonService.name), 'x-amz-target': jsonService.target, 'content-type': 'application/x-amz-json-1.1' },
        body: '{"MaxResults": ',
      });
      expect(response.status).toBe(400);
      expect(response.headers['x-amzn-requestid']).toBeTruthy();
      expect(JSON.parse(response.text).__type).toMatch(/SerializationException$/);
    }
  });
});

describe('operations and services local AWS does not serve', () => {
  it('answers a credential scope naming an unknown service with 501 NotImplemented', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/',
      headers: { ...fakeAuthorization('kinesisvideo'), 'content-type': FORM },
      body: 'Action=Whatever',
    });
    expectQueryError(response, 501, 'NotImplemented');
    expect(response.text).toContain('kinesisvideo');
  });

  it('answers an unknown EC2 action with 501 naming the operation, in EC2’s envelope', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/',
      headers: { ...fakeAuthorization('ec2'), 'content-type': FORM },
      body: 'Action=DescribeTransitGatewayMulticastDomains&Version=2016-11-15',
    });
    expectEc2Error(response, 501, 'NotImplemented');
    expect(response.text).toContain('DescribeTransitGatewayMulticastDomains');
  });

  it('answers an EC2 request without an Action with 400 MissingAction', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/',
      headers: { ...fakeAuthorization('ec2'), 'content-type': FORM },
      body: 'Version=2016-11-15',
    });
    expectEc2Error(response, 400, 'MissingAction');
  });

  it('answers an unknown STS action with 501 in <ErrorResponse>', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/',
      headers: { ...fakeAuthorization('sts'), 'content-type': FORM },
      body: 'Action=AssumeRoleWithSAML&Version=2011-06-15',
    });
    expectQueryError(response, 501, 'NotImplemented');
    expect(response.text).toContain('AssumeRoleWithSAML');
  });

  it('answers an S3 sub-resource it does not serve with 501 naming the operation', async () => {
    const response = await rawRequest(port, { path: '/edge-bucket?lifecycle', headers: s3Auth() });
    expectS3Error(response, 501, 'NotImplemented');
    expect(response.text).toContain('GetBucketLifecycleConfiguration');
  });

  it('never lets an S3 sub-resource fall through to the plain operation on the same URL', async () => {
    const put = await rawRequest(port, { method: 'PUT', path: '/edge-bucket/held', headers: s3Auth(), body: 'original' });
    expect(put.status).toBe(200);
    const xml = '<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>ON</Status></LegalHold>';
    const cases: [method: string, path: string, operation: string, body?: string][] = [
      ['PUT', '/edge-bucket/held?legal-hold', 'PutObjectLegalHold', xml],
      ['GET', '/edge-bucket/held?legal-hold', 'GetObjectLegalHold'],
      ['PUT', '/edge-bucket/renamed?renameObject', 'RenameObject'],
      ['DELETE', '/edge-bucket?metadataTable', 'DeleteBucketMetadataTableConfiguration'],
      ['DELETE', '/edge-bucket?metadataConfiguration', 'DeleteBucketMetadataConfiguration'],
      ['GET', '/edge-bucket?intelligent-tiering', 'ListBucketIntelligentTieringConfigurations'],
      ['GET', '/edge-bucket?intelligent-tiering&id=x', 'GetBucketIntelligentTieringConfiguration'],
      ['PUT', '/edge-bucket?versioning', 'PutBucketVersioning', '<VersioningConfiguration/>'],
      ['GET', '/edge-bucket?tagging', 'GetBucketTagging'],
      ['GET', '/edge-bucket/held?tagging', 'GetObjectTagging'],
      ['DELETE', '/edge-bucket/held?tagging', 'DeleteObjectTagging'],
      ['GET', '/edge-bucket?acl', 'GetBucketAcl'],
      ['GET', '/edge-bucket?versions', 'ListObjectVersions'],
      ['GET', '/edge-bucket?session', 'CreateSession'],
      ['DELETE', '/edge-bucket?abac', 'DELETE ?abac'],
    ];
    for (const [method, path, operation, body] of cases) {
      const response = await rawRequest(port, { method, path, headers: s3Auth(), body });
      expectS3Error(response, 501, 'NotImplemented');
      expect(response.text, `${method} ${path}`).toContain(`operation ${operation} is`);
    }
    const held = await rawRequest(port, { path: '/edge-bucket/held', headers: s3Auth() });
    expect(held.text).toBe('original');
    expect(await objectExists('renamed')).toBe(false);
    await expectStillServing();
  });

  it('answers operation names that are Object.prototype members with 501 in each protocol', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const ec2 = await rawRequest(port, {
        method: 'POST',
        path: '/',
        headers: { ...fakeAuthorization('ec2'), 'content-type': FORM },
        body: `Action=${name}&Version=2016-11-15`,
      });
      expectEc2Error(ec2, 501, 'NotImplemented');
      for (const service of ['sts', 'cloudformation']) {
        const query = await rawRequest(port, {
          method: 'POST',
          path: '/',
          headers: { ...fakeAuthorization(service), 'content-type': FORM },
          body: `Action=${name}&Version=2011-06-15`,
        });
        expectQueryError(query, 501, 'NotImplemented');
      }
      for (const [service, prefix] of [['athena', 'AmazonAthena'], ['glue', 'AWSGlue']]) {
        const json = await rawRequest(port, {
          method: 'POST',
          path: '/',
          headers: { ...fakeAuthorization(service), 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${prefix}.${name}` },
          body: '{}',
        });
        expect(json.status, `${service} ${name}`).toBe(501);
        expect(JSON.parse(json.text).__type).toContain('NotImplemented');
      }
    }
    await expectStillServing();
  });

  it('gives local AWS’s own routes a request id too', async () => {
    const health = await rawRequest(port, { path: '/_local-aws/health' });
    expect(health.status).toBe(200);
    expect(health.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('body integrity', () => {
  it('refuses a DeleteObjects whose Content-MD5 does not match and deletes nothing', async () => {
    expect((await rawRequest(port, { method: 'PUT', path: '/edge-bucket/kept', headers: s3Auth(), body: 'x' })).status).toBe(200);
    const body = '<Delete><Object><Key>kept</Key></Object></Delete>';
    const wrong = await rawRequest(port, {
      method: 'POST',
      path: '/edge-bucket?delete',
      headers: { ...s3Auth(), 'content-md5': createHash('md5').update('something else').digest('base64') },
      body,
    });
    expectS3Error(wrong, 400, 'BadDigest');
    expect(await objectExists('kept')).toBe(true);
    const right = await rawRequest(port, {
      method: 'POST',
      path: '/edge-bucket?delete',
      headers: { ...s3Auth(), 'content-md5': createHash('md5').update(body).digest('base64') },
      body,
    });
    expect(right.status).toBe(200);
    expect(await objectExists('kept')).toBe(false);
  });

  it('refuses a body that does not hash to its signed x-amz-content-sha256, keeping the old object', async () => {
    expect((await rawRequest(port, { method: 'PUT', path: '/edge-bucket/signed', headers: s3Auth(), body: 'old' })).status).toBe(200);
    const claimed = createHash('sha256').update('what was signed').digest('hex');
    const response = await rawRequest(port, {
      method: 'PUT',
      path: '/edge-bucket/signed',
      headers: { ...s3Auth(), 'x-amz-content-sha256': claimed },
      body: 'what was sent',
    });
    expectS3Error(response, 400, 'XAmzContentSHA256Mismatch');
    expect(response.text).toContain(`<ClientComputedContentSHA256>${claimed}</ClientComputedContentSHA256>`);
    expect((await rawRequest(port, { path: '/edge-bucket/signed', headers: s3Auth() })).text).toBe('old');
    const matching = createHash('sha256').update('new').digest('hex');
    const ok = await rawRequest(port, { method: 'PUT', path: '/edge-bucket/signed', headers: { ...s3Auth(), 'x-amz-content-sha256': matching }, body: 'new' });
    expect(ok.status).toBe(200);
  });

  it('refuses an aws-chunked upload that announces a checksum trailer and never sends it', async () => {
    const response = await rawRequest(port, {
      method: 'PUT',
      path: '/edge-bucket/no-trailer',
      headers: {
        ...s3Auth(),
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': 5,
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body: '5\r\nhello\r\n0\r\n\r\n',
    });
    expectS3Error(response, 400, 'MalformedTrailerError');
    expect(await objectExists('no-trailer')).toBe(false);
  });
});

describe('signatures', () => {
  const goodCredential = 'Credential=AKIATESTLOCALAWS/20260101/us-east-1/SERVICE/aws4_request';
  const signature = `Signature=${'a'.repeat(64)}`;
  const broken = (service: string) => ({
    'wrong algorithm': `AWS4-HMAC-SHA1 ${goodCredential.replace('SERVICE', service)}, SignedHeaders=host, ${signature}`,
    'malformed SigV2 header': 'AWS AKIATESTLOCALAWS',
    'missing Signature': `AWS4-HMAC-SHA256 ${goodCredential.replace('SERVICE', service)}, SignedHeaders=host`,
    'malformed Credential': `AWS4-HMAC-SHA256 Credential=AKIATESTLOCALAWS/us-east-1/${service}, SignedHeaders=host, ${signature}`,
    'non-hex Signature': `AWS4-HMAC-SHA256 ${goodCredential.replace('SERVICE', service)}, SignedHeaders=host, Signature=not-hex`,
  });

  it.each(Object.keys(broken('s3')))('S3 answers a %s with 400 AuthorizationHeaderMalformed', async (variant) => {
    const authorization = broken('s3')[variant as keyof ReturnType<typeof broken>];
    const response = await rawRequest(port, { path: '/edge-bucket?list-type=2', headers: { authorization } });
    expectS3Error(response, 400, 'AuthorizationHeaderMalformed');
  });

  it.each(Object.keys(broken('ec2')))('EC2 answers a %s with 400 IncompleteSignature', async (variant) => {
    const authorization = broken('ec2')[variant as keyof ReturnType<typeof broken>];
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/',
      headers: { authorization, 'content-type': FORM },
      body: 'Action=DescribeRegions&Version=2016-11-15',
    });
    expectEc2Error(response, 400, 'IncompleteSignature');
  });

  it('S3 accepts a well-formed SigV2 header; EC2 refuses it with IncompleteSignature', async () => {
    const authorization = 'AWS AKIATESTLOCALAWS:c2lnbmF0dXJl';
    const s3 = await rawRequest(port, { path: '/no-such-sigv2-bucket?list-type=2', headers: { authorization } });
    expectS3Error(s3, 404, 'NoSuchBucket');
    const ec2 = await rawRequest(port, {
      method: 'POST',
      path: '/',
      headers: { authorization, 'content-type': FORM },
      body: 'Action=DescribeRegions&Version=2016-11-15',
    });
    expectEc2Error(ec2, 400, 'IncompleteSignature');
  });

  it('STS answers a malformed Credential with 400 IncompleteSignature', async () => {
    const response = await rawRequest(port, {
      method: 'POST',
      path: '/',
      headers: { authorization: broken('sts')['malformed Credential'], 'content-type': FORM },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expectQueryError(response, 400, 'IncompleteSignature');
  });

  it('answers unsigned requests with 403: S3 AccessDenied, EC2 and STS MissingAuthenticationToken', async () => {
    expectS3Error(await rawRequest(port, { path: '/edge-bucket?list-type=2' }), 403, 'AccessDenied');
    expectS3Error(await rawRequest(port, { path: '/' }), 403, 'AccessDenied');
    const ec2 = await rawRequest(port, { method: 'POST', path: '/', headers: { 'content-type': FORM }, body: 'Action=DescribeRegions&Version=2016-11-15' });
    expectEc2Error(ec2, 403, 'MissingAuthenticationToken');
    const sts = await rawRequest(port, { method: 'POST', path: '/', headers: { 'content-type': FORM }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expectQueryError(sts, 403, 'MissingAuthenticationToken');
  });

  it('answers a presigned URL with a malformed X-Amz-Credential with AuthorizationQueryParametersError', async () => {
    const query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent('AKID/bad')}&X-Amz-Signature=${'b'.repeat(64)}&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=60`;
    expectS3Error(await rawRequest(port, { path: `/edge-bucket/x?${query}` }), 400, 'AuthorizationQueryParametersError');
  });
});

describe('bucket names', () => {
  it.each(['MyBucket', 'ab', '192.168.1.1', 'a..b', '-leading', 'trailing-', 'under_score', 'xn--punycode', `${'a'.repeat(64)}`])(
    'refuses to create "%s" with 400 InvalidBucketName',
    async (name) => {
      const response = await rawRequest(port, { method: 'PUT', path: `/${name}`, headers: s3Auth() });
      expectS3Error(response, 400, 'InvalidBucketName');
      expect(response.text).toContain(`<BucketName>${name}</BucketName>`);
    },
  );
});

describe('oversized and broken bodies', () => {
  it('refuses a PutObject larger than LOCAL_AWS_MAX_OBJECT_BYTES with EntityTooLarge and creates nothing', async () => {
    const response = await rawRequest(port, { method: 'PUT', path: '/edge-bucket/too-big', headers: s3Auth(), body: Buffer.alloc(2048, 1) });
    expectS3Error(response, 400, 'EntityTooLarge');
    expect(await objectExists('too-big')).toBe(false);
    const exact = await rawRequest(port, { method: 'PUT', path: '/edge-bucket/just-fits', headers: s3Auth(), body: Buffer.alloc(MAX_OBJECT_BYTES, 1) });
    expect(exact.status).toBe(200);
  });

  it('refuses an oversized body that declares no length (HTTP chunked) once it passes the limit', async () => {
    const response = await rawRequest(port, {
      method: 'PUT',
      path: '/edge-bucket/too-big-streamed',
      headers: { ...s3Auth(), 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(64 * 1024, 2),
    });
    expectS3Error(response, 400, 'EntityTooLarge');
    expect(await objectExists('too-big-streamed')).toBe(false);
    await expectStillServing();
  });

  // Bodies far larger than socket buffers: the refusal comes while most of the body is still on
  // the wire, so a server that tears the connection down instead of answering shows up here.
  it('answers a multi-megabyte streamed body past the limit with EntityTooLarge, not a reset connection', async () => {
    const response = await rawRequest(port, {
      method: 'PUT',
      path: '/edge-bucket/too-big-megabytes',
      headers: { ...s3Auth(), 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(8 * 1024 * 1024, 4),
    });
    expectS3Error(response, 400, 'EntityTooLarge');
    expect(await objectExists('too-big-megabytes')).toBe(false);
    await expectStillServing();
  });

  it('answers a broken aws-chunked body followed by megabytes of data with 400, not a reset connection', async () => {
    const response = await rawRequest(port, {
      method: 'PUT',
      path: '/edge-bucket/broken-megabytes',
      headers: { ...s3Auth(), 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked' },
      body: Buffer.concat([Buffer.from('zz\r\n'), Buffer.alloc(8 * 1024 * 1024, 5)]),
    });
    expectS3Error(response, 400, 'InvalidRequest');
    expect(await objectExists('broken-megabytes')).toBe(false);
    await expectStillServing();
  });

  it('refuses an aws-chunked body whose decoded length lies, past the limit', async () => {
    const payload = Buffer.alloc(4096, 3);
    const response = await rawRequest(port, {
      method: 'PUT',
      path: '/edge-bucket/lying-length',
      headers: {
        ...s3Auth(),
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': 10,
      },
      body: Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]),
    });
    expectS3Error(response, 400, 'EntityTooLarge');
    expect(await objectExists('lying-length')).toBe(false);
  });

  it.each([
    ['a non-hex chunk size', 'zz\r\nhello\r\n0\r\n\r\n', 'InvalidRequest'],
    ['chunk data without its CRLF', '5\r\nhelloXX0\r\n\r\n', 'InvalidRequest'],
    ['a body that ends before the last chunk', '10\r\nonly-part', 'IncompleteBody'],
    ['a decoded length that does not match', '5\r\nhello\r\n0\r\n\r\n', 'IncompleteBody'],
  ])('answers an aws-chunked body with %s with 400 and creates nothing', async (_what, body, code) => {
    const key = `broken-${code}-${Math.random().toString(36).slice(2)}`;
    const response = await rawRequest(port, {
      method: 'PUT',
      path: `/edge-bucket/${key}`,
      headers: {
        ...s3Auth(),
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': body.startsWith('5\r\nhello\r\n0') ? 7 : 5,
      },
      body,
    });
    expectS3Error(response, 400, code);
    expect(await objectExists(key)).toBe(false);
    await expectStillServing();
  });

  it('answers a 20 MB form body to EC2 with 413 in EC2’s envelope and keeps serving', async () => {
    const body = `Action=DescribeRegions&Version=2016-11-15&Padding=${'x'.repeat(20 * 1024 * 1024)}`;
    const response = await rawRequest(port, { method: 'POST', path: '/', headers: { ...fakeAuthorization('ec2'), 'content-type': FORM }, body });
    expectEc2Error(response, 413, 'RequestEntityTooLarge');
    await expectStillServing();
  });
});

describe('garbage on the wire', () => {
  it('answers a garbage request line with 400 and keeps serving', async () => {
    const reply = await rawSocket(port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    const badHeader = await rawSocket(port, 'GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n');
    expect(badHeader).toMatch(/^HTTP\/1\.1 400/);
    await expectStillServing();
  });

  it('survives request targets that are not valid URLs relative to a base (//host:port forms)', async () => {
    for (const target of ['//a:b', '//:x', '//[::1', '//%zz/x']) {
      const reply = await rawSocket(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${s3Auth().authorization}\r\nConnection: close\r\n\r\n`);
      expect(reply, target).toMatch(/^HTTP\/1\.1 [45]\d\d /);
      expect(reply, target).toMatch(/x-amz-request-id: /i);
    }
    await expectStillServing();
  });

  it('answers a key with an invalid percent-encoding with InvalidURI', async () => {
    expectS3Error(await rawRequest(port, { path: '/edge-bucket/bad%zzkey', headers: s3Auth() }), 400, 'InvalidURI');
  });

  it('answers HEAD errors with a status and request id but no body', async () => {
    const response = await rawRequest(port, { method: 'HEAD', path: '/no-such-bucket-at-all', headers: s3Auth() });
    expect(response.status).toBe(404);
    expect(response.body.length).toBe(0);
    expect(response.headers['x-amz-request-id']).toBeTruthy();
  });
});
