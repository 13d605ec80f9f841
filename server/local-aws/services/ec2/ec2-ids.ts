import { createHash, randomBytes } from 'node:crypto';

/**
 * EC2 resource ids: a prefix and 17 lowercase hex digits (`vpc-0a1b2c3d4e5f67890`). Seeded
 * resources get ids derived from a hash, so every start of local AWS shows the same topology;
 * flow logs get random ids, like AWS.
 */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}-0${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`;
}

export function randomId(prefix: string): string {
  return `${prefix}-0${randomBytes(8).toString('hex')}`;
}

/** Deterministic bytes for things like addresses and MACs. */
export function stableBytes(count: number, ...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, count);
}

const ID_SHAPE = /^([a-z]+(?:-[a-z]+)*)-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** The prefix of a well-formed id (`vpc`, `subnet`, `eni`, `i`, `fl`), or undefined when malformed. */
export function idPrefix(id: string): string | undefined {
  return ID_SHAPE.exec(id)?.[1];
}
