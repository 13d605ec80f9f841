import { describe, expect, it } from 'vitest';
import { checkTags, nameTag, tagChanges } from './ec2-tags';

describe('checkTags', () => {
  it('ignores blank rows and accepts unique keys', () => {
    expect(checkTags([{ key: 'Name', value: 'a' }, { key: '', value: '' }, { key: 'team', value: '' }])).toEqual([undefined, undefined, undefined]);
  });
  it('reports a value without a key, duplicates, reserved keys and lengths', () => {
    expect(
      checkTags([
        { key: '', value: 'x' },
        { key: 'Name', value: 'a' },
        { key: 'Name', value: 'b' },
        { key: 'aws:cloudformation', value: 'c' },
        { key: 'k'.repeat(129), value: '' },
        { key: 'v', value: 'v'.repeat(257) },
      ]),
    ).toEqual(['keyRequired', undefined, 'keyDuplicate', 'keyReserved', 'keyTooLong', 'valueTooLong']);
  });
});

describe('tagChanges', () => {
  it('creates new and changed tags and deletes removed keys', () => {
    const before = [
      { key: 'Name', value: 'old' },
      { key: 'keep', value: '1' },
      { key: 'gone', value: '2' },
    ];
    const after = [
      { key: 'Name', value: 'new' },
      { key: 'keep', value: '1' },
      { key: 'added', value: '' },
      { key: '', value: '' },
    ];
    expect(tagChanges(before, after)).toEqual({ set: [{ key: 'Name', value: 'new' }, { key: 'added', value: '' }], remove: ['gone'] });
  });
  it('sends nothing when nothing changed', () => {
    expect(tagChanges([{ key: 'a', value: 'b' }], [{ key: 'a', value: 'b' }])).toEqual({ set: [], remove: [] });
  });
});

describe('nameTag', () => {
  it('finds the Name tag', () => {
    expect(nameTag([{ key: 'x', value: '1' }, { key: 'Name', value: 'n' }])).toBe('n');
    expect(nameTag(undefined)).toBeUndefined();
  });
});
