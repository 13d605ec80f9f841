import { describe, expect, it } from 'vitest';
import { baseName, contentDispositionAttachment, encodeKeyPath, keyByteLength, keyExtension, normalizePrefix, parentPrefix, prefixLevels, s3Arn, s3Uri } from './s3-keys';

describe('S3 keys and prefixes', () => {
  it('splits keys into folder and name', () => {
    expect(baseName('a/b/c.txt')).toBe('c.txt');
    expect(baseName('a/b/')).toBe('b');
    expect(baseName('top.txt')).toBe('top.txt');
    expect(parentPrefix('a/b/c.txt')).toBe('a/b/');
    expect(parentPrefix('a/b/')).toBe('a/');
    expect(parentPrefix('c.txt')).toBe('');
  });

  it('lists the folder levels of a prefix for breadcrumbs', () => {
    expect(prefixLevels('')).toEqual([]);
    expect(prefixLevels('AWSLogs/1234/')).toEqual([
      { name: 'AWSLogs', prefix: 'AWSLogs/' },
      { name: '1234', prefix: 'AWSLogs/1234/' },
    ]);
    expect(prefixLevels('my folder: 日本/')).toEqual([{ name: 'my folder: 日本', prefix: 'my folder: 日本/' }]);
  });

  it('normalises prefixes to end in a slash', () => {
    expect(normalizePrefix(undefined)).toBe('');
    expect(normalizePrefix('')).toBe('');
    expect(normalizePrefix('a/b')).toBe('a/b/');
    expect(normalizePrefix('a/b/')).toBe('a/b/');
  });

  it('builds URIs, ARNs and URL paths', () => {
    expect(s3Uri('bkt', 'a b/c.yml')).toBe('s3://bkt/a b/c.yml');
    expect(s3Uri('bkt')).toBe('s3://bkt/');
    expect(s3Arn('bkt')).toBe('arn:aws:s3:::bkt');
    expect(s3Arn('bkt', 'k/x')).toBe('arn:aws:s3:::bkt/k/x');
    expect(encodeKeyPath('a b/c:d/日本.txt')).toBe('a%20b/c%3Ad/%E6%97%A5%E6%9C%AC.txt');
  });

  it('measures keys in UTF-8 bytes and finds the extension', () => {
    expect(keyByteLength('日本')).toBe(6);
    expect(keyExtension('x/y/Template.YML')).toBe('yml');
    expect(keyExtension('x/archive.log.gz')).toBe('gz');
    expect(keyExtension('x/.hidden')).toBe('');
    expect(keyExtension('x/noext')).toBe('');
  });

  it('keeps non-ASCII file names in Content-Disposition', () => {
    expect(contentDispositionAttachment('report.csv')).toBe(`attachment; filename="report.csv"; filename*=UTF-8''report.csv`);
    expect(contentDispositionAttachment('日本 "q".txt')).toBe(`attachment; filename="__ _q_.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%20%22q%22.txt`);
  });
});
