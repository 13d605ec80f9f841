import type { Statement } from 'better-sqlite3';
import type { Db } from '../../store/database';
import type { ObjectFiles, StoredFile } from '../../store/object-files';
import { checkWriteCondition, type WriteCondition } from './write-conditions';

export interface BucketRecord {
  name: string;
  region: string;
  createdAt: Date;
}

export interface ObjectHeaders {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
}

export interface ObjectRecord extends ObjectHeaders {
  bucket: string;
  key: string;
  fileId: string;
  size: number;
  etag: string;
  lastModified: Date;
  userMetadata: Record<string, string>;
  /** Checksums a client sent with the upload (e.g. { CRC32: 'base64' }), echoed on GET with ChecksumMode. */
  checksums: Record<string, string>;
  /** Sizes of the parts, for an object completed by multipart upload (GetObject ?partNumber=N). */
  partSizes?: number[];
}

/** What reading an object's body needs: a table scan lists thousands of these per query. */
export type ObjectSummary = Pick<ObjectRecord, 'bucket' | 'key' | 'fileId' | 'size' | 'etag'>;

interface ObjectRow {
  bucket: string;
  key: string;
  file_id: string;
  size: number;
  etag: string;
  last_modified: string;
  content_type: string | null;
  content_encoding: string | null;
  content_disposition: string | null;
  content_language: string | null;
  cache_control: string | null;
  expires: string | null;
  user_metadata: string;
  checksums: string;
  part_sizes: string | null;
}

/** Buckets and object metadata in SQLite; bodies in ObjectFiles. The S3 API is built on top. */
export class S3Store {
  constructor(
    readonly db: Db,
    readonly files: ObjectFiles,
  ) {}

  /**
   * Bumped in the same synchronous step as every change to a bucket's objects (inside the
   * transaction): a listing read at one version is exactly current while the version is unchanged,
   * so readers (Athena's table scans) can keep it.
   */
  private readonly versions = new Map<string, number>();
  listingVersion(bucket: string): number {
    return this.versions.get(bucket) ?? 0;
  }
  private changed(bucket: string) {
    this.versions.set(bucket, (this.versions.get(bucket) ?? 0) + 1);
  }

  /** Observers notified after an object is written or removed (flow-log tables, acceleration). */
  private readonly listeners: ((event: { type: 'put' | 'delete'; bucket: string; key: string }) => void)[] = [];
  onChange(listener: (event: { type: 'put' | 'delete'; bucket: string; key: string }) => void) {
    this.listeners.push(listener);
  }

  getBucket(name: string): BucketRecord | undefined {
    const row = this.db.prepare('SELECT name, region, created_at FROM s3_buckets WHERE name = ?').get(name) as
      | { name: string; region: string; created_at: string }
      | undefined;
    return row && { name: row.name, region: row.region, createdAt: new Date(row.created_at) };
  }

  listBuckets(): BucketRecord[] {
    const rows = this.db.prepare('SELECT name, region, created_at FROM s3_buckets ORDER BY name').all() as {
      name: string;
      region: string;
      created_at: string;
    }[];
    return rows.map((row) => ({ name: row.name, region: row.region, createdAt: new Date(row.created_at) }));
  }

  /** Returns false when the bucket already exists. */
  createBucket(name: string, region: string): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO s3_buckets (name, region, created_at) VALUES (?, ?, ?)')
      .run(name, region, new Date().toISOString());
    return result.changes === 1;
  }

  /**
   * Work other parts of S3 must do inside the transaction that deletes a bucket (multipart uploads
   * go with their bucket, as in S3). Each returns the object files to remove once it committed.
   */
  private readonly bucketDeletionSteps: ((bucket: string) => string[])[] = [];
  onBucketDeletion(step: (bucket: string) => string[]) {
    this.bucketDeletionSteps.push(step);
  }

  /** Returns 'not-empty' rather than deleting a bucket that still holds objects. */
  async deleteBucket(name: string): Promise<'deleted' | 'not-empty' | 'missing'> {
    const outcome = this.db.transaction(() => {
      if (!this.getBucket(name)) return { result: 'missing' as const, files: [] };
      const hasObjects = this.db.prepare('SELECT 1 FROM s3_objects WHERE bucket = ? LIMIT 1').get(name);
      if (hasObjects) return { result: 'not-empty' as const, files: [] };
      const files = this.bucketDeletionSteps.flatMap((step) => step(name));
      this.db.prepare('DELETE FROM s3_buckets WHERE name = ?').run(name);
      return { result: 'deleted' as const, files };
    })();
    for (const fileId of outcome.files) await this.files.remove(fileId);
    return outcome.result;
  }

  getObject(bucket: string, key: string): ObjectRecord | undefined {
    const row = this.db.prepare('SELECT * FROM s3_objects WHERE bucket = ? AND key = ?').get(bucket, key) as ObjectRow | undefined;
    return row && toRecord(row);
  }

  /**
   * Points `bucket/key` at an already written file. The swap is one transaction; the file the key
   * pointed at before is removed afterwards, so readers never see a missing body.
   */
  async commitObject(
    bucket: string,
    key: string,
    file: StoredFile,
    headers: ObjectHeaders,
    userMetadata: Record<string, string>,
    checksums: Record<string, string>,
    options: CommitOptions = {},
  ): Promise<ObjectRecord> {
    let switched: ObjectSwitch | MissingBucketError;
    try {
      switched = this.db.transaction(() => this.switchObject({ bucket, key, file, headers, userMetadata, checksums, ...options }))();
    } catch (error) {
      await this.files.remove(file.fileId);
      throw error;
    }
    if (switched instanceof MissingBucketError) {
      await this.files.remove(file.fileId);
      throw switched;
    }
    await this.afterSwitch(switched);
    return switched.record;
  }

  /**
   * The synchronous heart of commitObject, for callers that must switch an object in inside their
   * own transaction (CompleteMultipartUpload also deletes the upload in the same one). Run it in a
   * transaction, then call afterSwitch once that committed.
   */
  switchObject(input: {
    bucket: string;
    key: string;
    file: StoredFile;
    headers: ObjectHeaders;
    userMetadata: Record<string, string>;
    checksums: Record<string, string>;
    /** Multipart objects carry S3's `"<md5 of part md5s>-<parts>"`, not the body's MD5. */
    etag?: string;
    partSizes?: number[];
    /** Checked against the key's current version inside the caller's transaction; throws when it fails. */
    condition?: WriteCondition;
    lastModified?: Date;
  }): ObjectSwitch | MissingBucketError {
    const { bucket, key, file, headers, userMetadata, checksums } = input;
    const lastModified = input.lastModified ?? new Date();
    const etag = input.etag ?? `"${file.md5Hex}"`;
    if (!this.getBucket(bucket)) return new MissingBucketError(bucket);
    const current = this.db.prepare('SELECT file_id, etag FROM s3_objects WHERE bucket = ? AND key = ?').get(bucket, key) as
      | { file_id: string; etag: string }
      | undefined;
    checkWriteCondition(input.condition, key, current?.etag);
    const old = current?.file_id;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO s3_objects (bucket, key, file_id, size, etag, last_modified, content_type, content_encoding,
           content_disposition, content_language, cache_control, expires, user_metadata, checksums, part_sizes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        bucket,
        key,
        file.fileId,
        file.size,
        etag,
        lastModified.toISOString(),
        headers.contentType ?? null,
        headers.contentEncoding ?? null,
        headers.contentDisposition ?? null,
        headers.contentLanguage ?? null,
        headers.cacheControl ?? null,
        headers.expires ?? null,
        JSON.stringify(userMetadata),
        JSON.stringify(checksums),
        input.partSizes ? JSON.stringify(input.partSizes) : null,
      );
    this.changed(bucket);
    const record: ObjectRecord = {
      bucket,
      key,
      fileId: file.fileId,
      size: file.size,
      etag,
      lastModified,
      ...headers,
      userMetadata,
      checksums,
      ...(input.partSizes ? { partSizes: input.partSizes } : {}),
    };
    return { record, oldFileId: old };
  }

  /** Removes the body a switch replaced and tells observers, once the switch has committed. */
  async afterSwitch(switched: ObjectSwitch) {
    if (switched.oldFileId && switched.oldFileId !== switched.record.fileId) await this.files.remove(switched.oldFileId);
    this.emit({ type: 'put', bucket: switched.record.bucket, key: switched.record.key });
  }

  /** Deleting a key that does not exist succeeds, as in S3. */
  async deleteObject(bucket: string, key: string): Promise<boolean> {
    const fileId = this.db.transaction(() => {
      const id = this.db.prepare('SELECT file_id FROM s3_objects WHERE bucket = ? AND key = ?').pluck().get(bucket, key) as
        | string
        | undefined;
      if (id) {
        this.db.prepare('DELETE FROM s3_objects WHERE bucket = ? AND key = ?').run(bucket, key);
        this.changed(bucket);
      }
      return id;
    })();
    if (!fileId) return false;
    await this.files.remove(fileId);
    this.emit({ type: 'delete', bucket, key });
    return true;
  }

  /**
   * Keys in S3 order, `>= from` (or `> after`) and below `before`, a page at a time. The listing
   * logic (delimiters, continuation) sits above this and asks for more pages as it needs.
   */
  scanKeys(bucket: string, options: { after?: string; from?: string; before?: string; limit: number }): ObjectRecord[] {
    const clauses = ['bucket = ?'];
    const args: (string | number)[] = [bucket];
    if (options.after !== undefined) {
      clauses.push('key > ?');
      args.push(options.after);
    }
    if (options.from !== undefined) {
      clauses.push('key >= ?');
      args.push(options.from);
    }
    if (options.before !== undefined) {
      clauses.push('key < ?');
      args.push(options.before);
    }
    args.push(options.limit);
    const rows = this.db
      .prepare(`SELECT * FROM s3_objects WHERE ${clauses.join(' AND ')} ORDER BY key LIMIT ?`)
      .all(...args) as ObjectRow[];
    return rows.map(toRecord);
  }

  /**
   * `scanKeys` for callers that only read bodies (Athena's table scans): key, file, size and ETag,
   * without decoding headers, user metadata and checksums — a fifth of the cost per object.
   */
  scanSummaries(bucket: string, options: { after?: string; from?: string; limit: number }): ObjectSummary[] {
    const after = options.after !== undefined;
    // Rows as arrays: better-sqlite3 builds them faster than keyed objects.
    const statement = (this.summaryStatements[after ? 'after' : 'from'] ??= this.db
      .prepare(`SELECT key, file_id, size, etag FROM s3_objects WHERE bucket = ? AND key ${after ? '>' : '>='} ? ORDER BY key LIMIT ?`)
      .raw());
    const rows = statement.all(bucket, (after ? options.after : options.from) ?? '', options.limit) as [string, string, number, string][];
    return rows.map(([key, fileId, size, etag]) => ({ bucket, key, fileId, size, etag }));
  }

  private readonly summaryStatements: { after?: Statement; from?: Statement } = {};

  private emit(event: { type: 'put' | 'delete'; bucket: string; key: string }) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // An observer's failure must never fail the S3 request that triggered it.
      }
    }
  }
}

export interface CommitOptions {
  /** A conditional write's condition (If-None-Match / If-Match). */
  condition?: WriteCondition;
  /** When the object was written, if not now (flow-log history delivered late). */
  lastModified?: Date;
}

export interface ObjectSwitch {
  record: ObjectRecord;
  /** The body the key pointed at before, to remove after the transaction. */
  oldFileId?: string;
}

export class MissingBucketError extends Error {
  constructor(readonly bucket: string) {
    super(`bucket ${bucket} does not exist`);
  }
}

function toRecord(row: ObjectRow): ObjectRecord {
  return {
    bucket: row.bucket,
    key: row.key,
    fileId: row.file_id,
    size: row.size,
    etag: row.etag,
    lastModified: new Date(row.last_modified),
    contentType: row.content_type ?? undefined,
    contentEncoding: row.content_encoding ?? undefined,
    contentDisposition: row.content_disposition ?? undefined,
    contentLanguage: row.content_language ?? undefined,
    cacheControl: row.cache_control ?? undefined,
    expires: row.expires ?? undefined,
    userMetadata: JSON.parse(row.user_metadata) as Record<string, string>,
    checksums: JSON.parse(row.checksums) as Record<string, string>,
    ...(row.part_sizes ? { partSizes: JSON.parse(row.part_sizes) as number[] } : {}),
  };
}
