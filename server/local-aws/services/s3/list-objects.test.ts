import { describe, expect, it } from 'vitest';
import { compareKeys, successor } from './list-objects';

describe('compareKeys', () => {
  it('orders keys by UTF-8 bytes, not UTF-16 code units', () => {
    expect(compareKeys('ｆ', '😀')).toBeLessThan(0);
    expect('ｆ' < '😀').toBe(false); // why compareKeys exists
    expect(compareKeys('a-', 'a/')).toBeLessThan(0);
    expect(compareKeys('same', 'same')).toBe(0);
  });
});

describe('successor', () => {
  it('is the next code point after the last one', () => {
    expect(successor('logs/')).toBe('logs0');
    expect(successor('😀')).toBe('😁');
  });

  it('skips the surrogate range and never splits a pair', () => {
    expect(successor('\ud7ff')).toBe('\ue000');
    expect(successor('a\uffff')).toBe('a\u{10000}');
  });

  it('carries past the highest code point and has no bound for an all-maximal prefix', () => {
    expect(successor('a\u{10ffff}')).toBe('b');
    expect(successor('\u{10ffff}')).toBeUndefined();
  });

  it('bounds every string with the prefix in UTF-8 order', () => {
    for (const prefix of ['a', 'ü', '日本', '😀', '\uffff', 'x\ud7ff']) {
      const bound = successor(prefix)!;
      for (const suffix of ['', '\u0000', 'zzz', '\uffff', '\u{10ffff}']) {
        expect(compareKeys(prefix + suffix, bound)).toBeLessThan(0);
      }
    }
  });
});
