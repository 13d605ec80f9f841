/**
 * EC2 resource tags as the console edits them: rows of key and value, checked by EC2's rules, and
 * the CreateTags/DeleteTags calls that turn one set of tags into another.
 */

export interface TagRow {
  key: string;
  value: string;
}

export type TagIssue = 'keyRequired' | 'keyTooLong' | 'valueTooLong' | 'keyReserved' | 'keyDuplicate';

export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
/** EC2 allows 50 tags per resource. */
export const MAX_TAGS = 50;

/**
 * One issue (or undefined) per row. A row with neither key nor value is ignored; a value without a
 * key is an error. Keys starting with `aws:` are reserved for AWS; keys must be unique.
 */
export function checkTags(rows: readonly TagRow[]): (TagIssue | undefined)[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const key = row.key.trim();
    if (key === '' && row.value === '') return undefined;
    if (key === '') return 'keyRequired';
    if (key.length > MAX_TAG_KEY_LENGTH) return 'keyTooLong';
    if (row.value.length > MAX_TAG_VALUE_LENGTH) return 'valueTooLong';
    if (key.toLowerCase().startsWith('aws:')) return 'keyReserved';
    if (seen.has(key)) return 'keyDuplicate';
    seen.add(key);
    return undefined;
  });
}

export interface TagChanges {
  /** Tags to create or overwrite (CreateTags). */
  set: TagRow[];
  /** Keys to remove (DeleteTags). */
  remove: string[];
}

/** What to send so that `before` becomes `after` (rows of `after` with an empty key are ignored). */
export function tagChanges(before: readonly TagRow[], after: readonly TagRow[]): TagChanges {
  const wanted = new Map<string, string>();
  for (const row of after) if (row.key.trim() !== '') wanted.set(row.key.trim(), row.value);
  const current = new Map(before.map((row) => [row.key, row.value]));
  const set = [...wanted].filter(([key, value]) => current.get(key) !== value).map(([key, value]) => ({ key, value }));
  const remove = [...current.keys()].filter((key) => !wanted.has(key));
  return { set, remove };
}

/** The value of the Name tag, or undefined. */
export function nameTag(tags: readonly TagRow[] | undefined): string | undefined {
  return tags?.find((tag) => tag.key === 'Name')?.value;
}
