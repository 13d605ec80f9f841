import { describe, expect, it } from 'vitest';
import { en } from './messages/en';
import { ja } from './messages/ja';
import { createTranslator, interpolate, isMessageKey, resolveLang } from './core';

describe('resolveLang', () => {
  it('prefers the cookie', () => {
    expect(resolveLang('ja', 'en-US')).toBe('ja');
    expect(resolveLang('en', 'ja')).toBe('en');
  });

  it('falls back to Accept-Language, honouring weights', () => {
    expect(resolveLang(undefined, 'ja,en-US;q=0.9')).toBe('ja');
    expect(resolveLang(undefined, 'ja-JP')).toBe('ja');
    expect(resolveLang(undefined, 'en-US,en;q=0.9,ja;q=0.8')).toBe('en');
    expect(resolveLang(undefined, 'fr;q=1, ja;q=0.5')).toBe('ja');
    expect(resolveLang(undefined, 'ja;q=0')).toBe('en');
  });

  it('defaults to English for unknown or missing values', () => {
    expect(resolveLang('de', null)).toBe('en');
    expect(resolveLang(undefined, undefined)).toBe('en');
  });
});

describe('messages', () => {
  it('interpolates placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Bucket {name} in {region}', { name: 'b', region: 'r' })).toBe('Bucket b in r');
    expect(interpolate('{count} matches', {})).toBe('{count} matches');
    expect(createTranslator(en)('table.matches', { count: 3 })).toBe('3 matches');
    expect(createTranslator(ja)('table.matches', { count: 3 })).toBe('3 件の一致');
  });

  it('has the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('knows its keys', () => {
    expect(isMessageKey('s3.create.success')).toBe(true);
    expect(isMessageKey('nope.key')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });
});
