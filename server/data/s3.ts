import 'server-only';
import { createGunzip, constants as zlibConstants } from 'node:zlib';
import {
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListBuckets,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { languageForKey, type CodeLanguage } from '@/lib/code-highlight';
import { baseName, encodeKeyPath, keyExtension, s3Arn, s3Uri } from '@/lib/s3-keys';
import { backendKind, s3Client } from '@/server/aws/clients';
import { consoleConfig } from '@/server/aws/config';
import { attempt, type ReadResult } from './read-result';

export interface BucketSummary {
  name: string;
  /** ISO 8601, or null when S3 did not say. */
  creationDate: string | null;
  region: string | null;
}

export interface FolderEntry {
  /** The full prefix, ending in "/". */
  prefix: string;
  name: string;
}

export interface ObjectEntry {
  key: string;
  name: string;
  size: number;
  lastModified: string | null;
  etag: string | null;
  storageClass: string;
  type: string;
}

export interface ObjectListing {
  bucket: string;
  prefix: string;
  region: string;
  folders: FolderEntry[];
  objects: ObjectEntry[];
  /** More entries exist than the console lists on one page. */
  truncated: boolean;
}

export interface ObjectDetails {
  bucket: string;
  key: string;
  name: string;
  region: string;
  size: number;
  contentType: string | null;
  contentEncoding: string | null;
  type: string;
  etag: string | null;
  lastModified: string | null;
  storageClass: string;
  s3Uri: string;
  arn: string;
  objectUrl: string;
}

export type ObjectPreview =
  | { kind: 'text'; text: string; language: CodeLanguage; truncated: boolean; decompressed: boolean; shownBytes: number }
  | { kind: 'empty' }
  | { kind: 'binary' };

/** Entries (folders + objects) listed for one prefix; beyond this the user narrows down by folder. */
const MAX_LISTED_ENTRIES = 5000;
/** Text shown in the object preview. */
export const PREVIEW_BYTES = 1024 * 1024;
/** Compressed bytes read to fill the preview of a .gz object. */
const PREVIEW_GZIP_BYTES = 4 * 1024 * 1024;

const bucketRegions = new Map<string, string>();

/** "" / null means us-east-1 and "EU" is the legacy name of eu-west-1 (GetBucketLocation). */
function locationToRegion(location: string | undefined | null): string {
  if (!location) return 'us-east-1';
  if (location === 'EU') return 'eu-west-1';
  return location;
}

/**
 * The Region a bucket lives in, so its objects are read through a client of that Region (a real
 * S3 endpoint of another Region answers with a redirect). Falls back to the selected Region.
 */
export async function bucketRegion(bucket: string, fallback: string): Promise<string> {
  const known = bucketRegions.get(bucket);
  if (known) return known;
  try {
    const out = await s3Client(fallback).send(new GetBucketLocationCommand({ Bucket: bucket }));
    const region = locationToRegion(out.LocationConstraint);
    bucketRegions.set(bucket, region);
    return region;
  } catch {
    return fallback;
  }
}

export async function listBuckets(region: string): Promise<ReadResult<BucketSummary[]>> {
  return attempt(async () => {
    const buckets: BucketSummary[] = [];
    for await (const page of paginateListBuckets({ client: s3Client(region) }, {})) {
      for (const bucket of page.Buckets ?? []) {
        if (!bucket.Name) continue;
        if (bucket.BucketRegion) bucketRegions.set(bucket.Name, bucket.BucketRegion);
        buckets.push({
          name: bucket.Name,
          creationDate: bucket.CreationDate ? bucket.CreationDate.toISOString() : null,
          region: bucket.BucketRegion ?? null,
        });
      }
    }
    // Older endpoints leave out BucketRegion; ask each bucket, a few at a time.
    const missing = buckets.filter((bucket) => !bucket.region);
    for (let i = 0; i < missing.length; i += 8) {
      await Promise.all(
        missing.slice(i, i + 8).map(async (bucket) => {
          bucket.region = await bucketRegion(bucket.name, region);
        }),
      );
    }
    return buckets;
  });
}

export async function listObjects(bucket: string, prefix: string, selectedRegion: string): Promise<ReadResult<ObjectListing>> {
  return attempt(async () => {
    const region = await bucketRegion(bucket, selectedRegion);
    const folders: FolderEntry[] = [];
    const objects: ObjectEntry[] = [];
    let truncated = false;
    const pages = paginateListObjectsV2({ client: s3Client(region), pageSize: 1000 }, { Bucket: bucket, Prefix: prefix || undefined, Delimiter: '/' });
    for await (const page of pages) {
      for (const common of page.CommonPrefixes ?? []) {
        if (common.Prefix) folders.push({ prefix: common.Prefix, name: baseName(common.Prefix) });
      }
      for (const object of page.Contents ?? []) {
        // The folder marker of the folder being listed is the folder itself, not an entry in it.
        if (!object.Key || object.Key === prefix) continue;
        objects.push({
          key: object.Key,
          name: object.Key.slice(prefix.length),
          size: object.Size ?? 0,
          lastModified: object.LastModified ? object.LastModified.toISOString() : null,
          etag: object.ETag ?? null,
          storageClass: object.StorageClass ?? 'STANDARD',
          type: keyExtension(object.Key),
        });
      }
      if (folders.length + objects.length >= MAX_LISTED_ENTRIES) {
        truncated = Boolean(page.IsTruncated);
        break;
      }
    }
    return { bucket, prefix, region, folders, objects, truncated };
  });
}

function objectUrl(bucket: string, key: string, region: string): string {
  if (backendKind() === 'local') return `${consoleConfig().localEndpoint}/${bucket}/${encodeKeyPath(key)}`;
  return `https://${bucket}.s3.${region}.amazonaws.com/${encodeKeyPath(key)}`;
}

export async function getObjectDetails(bucket: string, key: string, selectedRegion: string): Promise<ReadResult<ObjectDetails>> {
  return attempt(async () => {
    const region = await bucketRegion(bucket, selectedRegion);
    const head = await s3Client(region).send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
      bucket,
      key,
      name: baseName(key),
      region,
      size: head.ContentLength ?? 0,
      contentType: head.ContentType ?? null,
      contentEncoding: head.ContentEncoding ?? null,
      type: keyExtension(key),
      etag: head.ETag ?? null,
      lastModified: head.LastModified ? head.LastModified.toISOString() : null,
      storageClass: head.StorageClass ?? 'STANDARD',
      s3Uri: s3Uri(bucket, key),
      arn: s3Arn(bucket, key),
      objectUrl: objectUrl(bucket, key, region),
    };
  });
}

const TEXT_CONTENT_TYPES = /^(text\/|application\/(json|x-yaml|yaml|xml|csv|sql|x-ndjson|javascript)\b)/;

function isGzip(details: ObjectDetails): boolean {
  return details.type === 'gz' || /^application\/(x-)?gzip\b/.test(details.contentType ?? '');
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8000);
  return sample.includes(0);
}

/** UTF-8 text of a byte prefix; when cut short, ends at the last full line so no character is split. */
function decodePrefix(bytes: Uint8Array, truncated: boolean): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  if (!truncated) return text;
  const lastNewline = text.lastIndexOf('\n');
  return lastNewline > 0 ? text.slice(0, lastNewline + 1) : text.replace(/\uFFFD+$/, '');
}

/** Decompresses what it can of a (possibly cut-off) gzip stream, keeping at most `limit` bytes of output. */
function gunzipPrefix(bytes: Uint8Array, limit: number): Promise<{ data: Uint8Array; truncated: boolean } | null> {
  return new Promise((resolve) => {
    const gunzip = createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (value: { data: Uint8Array; truncated: boolean } | null) => {
      if (settled) return;
      settled = true;
      gunzip.destroy();
      resolve(value);
    };
    const collected = (truncated: boolean) => ({ data: Buffer.concat(chunks).subarray(0, limit), truncated });
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total > limit) settle(collected(true));
    });
    gunzip.on('end', () => settle(collected(false)));
    // Not gzip at all, or corrupt: show what came out before the damage, if anything did.
    gunzip.on('error', () => settle(total > 0 ? collected(true) : null));
    gunzip.end(bytes);
  });
}

/**
 * The first megabyte of an object as text, when it is text: by extension (yml, json, csv, log…),
 * by content type, or — for unknown types — because it holds no NUL bytes. Gzip objects are shown
 * decompressed. Only a Range of the object is read, whatever its size.
 */
export async function getObjectPreview(details: ObjectDetails): Promise<ReadResult<ObjectPreview>> {
  return attempt(async (): Promise<ObjectPreview> => {
    if (details.size === 0) return { kind: 'empty' };
    const gzip = isGzip(details);
    const language = languageForKey(details.key);
    const declaredText = language !== undefined || TEXT_CONTENT_TYPES.test(details.contentType ?? '');
    const knownBinary = !declaredText && !gzip && details.type !== '' && !/octet-stream/.test(details.contentType ?? '');
    if (knownBinary) return { kind: 'binary' };

    const wanted = gzip ? PREVIEW_GZIP_BYTES : PREVIEW_BYTES;
    const ranged = details.size > wanted;
    const out = await s3Client(details.region).send(
      new GetObjectCommand({ Bucket: details.bucket, Key: details.key, Range: ranged ? `bytes=0-${wanted - 1}` : undefined }),
    );
    if (!out.Body) return { kind: 'empty' };
    let bytes: Uint8Array = await out.Body.transformToByteArray();
    let truncated = ranged;
    if (gzip) {
      const unzipped = await gunzipPrefix(bytes, PREVIEW_BYTES);
      if (!unzipped) return { kind: 'binary' };
      bytes = unzipped.data;
      truncated = unzipped.truncated || ranged;
    } else if (bytes.length > PREVIEW_BYTES) {
      bytes = bytes.subarray(0, PREVIEW_BYTES);
      truncated = true;
    }
    if (looksBinary(bytes)) return { kind: 'binary' };
    const text = decodePrefix(bytes, truncated);
    return { kind: 'text', text, language: language ?? 'text', truncated, decompressed: gzip, shownBytes: new TextEncoder().encode(text).length };
  });
}

/** After a bucket is deleted its name may be taken again, possibly in another Region. */
export function forgetBucketRegion(bucket: string): void {
  bucketRegions.delete(bucket);
}
