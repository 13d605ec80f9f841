import { describe, expect, it } from 'vitest';
import { parseS3ObjectUrl } from './s3-object-url';

describe('parseS3ObjectUrl', () => {
  it('reads virtual-hosted URLs without a Region', () => {
    expect(parseS3ObjectUrl('https://my-bucket.s3.amazonaws.com/templates/stack.yml')).toEqual({ bucket: 'my-bucket', key: 'templates/stack.yml' });
  });

  it('reads virtual-hosted URLs with a Region, dotted or legacy dashed', () => {
    expect(parseS3ObjectUrl('https://b.s3.eu-west-1.amazonaws.com/k.yml')).toEqual({ bucket: 'b', key: 'k.yml', region: 'eu-west-1' });
    expect(parseS3ObjectUrl('https://b.s3-ap-northeast-1.amazonaws.com/k.yml')).toEqual({ bucket: 'b', key: 'k.yml', region: 'ap-northeast-1' });
    expect(parseS3ObjectUrl('https://b.s3.dualstack.us-west-2.amazonaws.com/k')).toEqual({ bucket: 'b', key: 'k', region: 'us-west-2' });
    expect(parseS3ObjectUrl('https://b.s3.cn-north-1.amazonaws.com.cn/k')).toEqual({ bucket: 'b', key: 'k', region: 'cn-north-1' });
  });

  it('keeps dots in bucket names of virtual-hosted URLs', () => {
    expect(parseS3ObjectUrl('https://my.dotted.bucket.s3.us-east-2.amazonaws.com/a/b')).toEqual({
      bucket: 'my.dotted.bucket',
      key: 'a/b',
      region: 'us-east-2',
    });
  });

  it('reads path-style URLs', () => {
    expect(parseS3ObjectUrl('https://s3.us-east-1.amazonaws.com/bucket/dir/t.json')).toEqual({ bucket: 'bucket', key: 'dir/t.json', region: 'us-east-1' });
    expect(parseS3ObjectUrl('https://s3.amazonaws.com/bucket/t.json')).toEqual({ bucket: 'bucket', key: 't.json' });
    expect(parseS3ObjectUrl('https://s3-eu-central-1.amazonaws.com/bucket/t.json')).toEqual({ bucket: 'bucket', key: 't.json', region: 'eu-central-1' });
  });

  it('reads local AWS URLs', () => {
    expect(parseS3ObjectUrl('http://127.0.0.1:4566/b/k')).toEqual({ bucket: 'b', key: 'k' });
    expect(parseS3ObjectUrl('http://localhost:4630/templates/nested/x.yaml')).toEqual({ bucket: 'templates', key: 'nested/x.yaml' });
  });

  it('percent-decodes keys (as GetFlowLogsIntegrationTemplate URLs need)', () => {
    expect(
      parseS3ObjectUrl('https://tmpl.s3.amazonaws.com/VPCFlowLogsIntegrationTemplate_fl-0123_Thu%20Nov%2028%2020%3A58%3A00%20UTC%202026.yml'),
    ).toEqual({ bucket: 'tmpl', key: 'VPCFlowLogsIntegrationTemplate_fl-0123_Thu Nov 28 20:58:00 UTC 2026.yml' });
    expect(parseS3ObjectUrl('http://127.0.0.1:4566/b/a%2Fb%20c%2Bd')).toEqual({ bucket: 'b', key: 'a/b c+d' });
    expect(parseS3ObjectUrl('https://s3.us-east-1.amazonaws.com/b/%E3%83%86%E3%82%B9%E3%83%88.yml')).toEqual({ bucket: 'b', key: 'テスト.yml', region: 'us-east-1' });
  });

  it('ignores query strings and fragments (presigned URLs)', () => {
    expect(parseS3ObjectUrl('https://b.s3.amazonaws.com/k.yml?X-Amz-Signature=abc#x')).toEqual({ bucket: 'b', key: 'k.yml' });
  });

  it('refuses what is not an S3 object URL', () => {
    expect(parseS3ObjectUrl('')).toBeNull();
    expect(parseS3ObjectUrl('not a url')).toBeNull();
    expect(parseS3ObjectUrl('s3://bucket/key')).toBeNull();
    expect(parseS3ObjectUrl('https://example.com/bucket/key')).toBeNull();
    expect(parseS3ObjectUrl('https://b.s3.amazonaws.com/')).toBeNull();
    expect(parseS3ObjectUrl('https://s3.amazonaws.com/bucket-only')).toBeNull();
    expect(parseS3ObjectUrl('https://s3.amazonaws.com/bucket/')).toBeNull();
    expect(parseS3ObjectUrl('http://127.0.0.1:4566/bucket')).toBeNull();
    expect(parseS3ObjectUrl('https://ec2.us-east-1.amazonaws.com/b/k')).toBeNull();
    expect(parseS3ObjectUrl('https://b.s3-website-us-east-1.amazonaws.com/k')).toBeNull();
    expect(parseS3ObjectUrl('ftp://127.0.0.1/b/k')).toBeNull();
    expect(parseS3ObjectUrl('https://b.s3.amazonaws.com/%E0%A4%A')).toBeNull();
  });
});
