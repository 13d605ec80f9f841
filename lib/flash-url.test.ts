import { describe, expect, it } from 'vitest';
import { readUrlFlash, withFlash, withoutUrlFlash } from './flash-url';
import { isMessageKey } from './i18n/core';

describe('URL flashes', () => {
  it('round-trips a flash through a link', () => {
    const href = withFlash('/s3/buckets/b?prefix=a%2F', { type: 'success', key: 's3.create.success', vars: { name: 'my bucket' } });
    const params = new URLSearchParams(href.split('?')[1]);
    expect(params.get('prefix')).toBe('a/');
    expect(readUrlFlash(params, isMessageKey)).toEqual({ type: 'success', key: 's3.create.success', vars: { name: 'my bucket' } });
    expect(withoutUrlFlash(params).toString()).toBe('prefix=a%2F');
  });

  it('refuses unknown types and keys, so links cannot inject text', () => {
    expect(readUrlFlash(new URLSearchParams('flash=success:Your account is locked'), isMessageKey)).toBeNull();
    expect(readUrlFlash(new URLSearchParams('flash=danger:s3.create.success'), isMessageKey)).toBeNull();
    expect(readUrlFlash(new URLSearchParams('flash=s3.create.success'), isMessageKey)).toBeNull();
    expect(readUrlFlash(new URLSearchParams(''), isMessageKey)).toBeNull();
  });
});
