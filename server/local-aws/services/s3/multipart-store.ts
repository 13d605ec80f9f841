import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import type { Db } from '../../store/database';
import type { StoredFile } from '../../store/object-files';
import type { ChecksumAlgorithm } from './checksum-tap';
import { MissingBucketError, type ObjectHeaders, type ObjectRecord, type S3Store } from './s3-store';
import type { WriteCondition } from './write-conditions';

export type ChecksumType = 'COMPOSITE' | 'FULL_OBJECT';

export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: Date;
  headers: ObjectHeaders;
  userMetadata: Record<string, string>;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: ChecksumType;
}

export interface PartRecord {
  partNumber: number;
  fileId: string;
  size: number;
  /** Quoted MD5 of the part, as UploadPart returned it. */
  etag: string;
  md5Hex: string;
  lastModified: Date;
  checksums: Record<string, string>;
}

interface UploadRow {
  upload_id: string;
  bucket: string;
  key: string;
  initiated: string;
  content_type: string | null;
  content_encoding: string | null;
  content_disposition: string | null;
  content_language: string | null;
  cache_control: string | null;
  expires: string | null;
  user_metadata: string;
  checksum_algorithm: string | null;
  checksum_type: string | null;
}

interface PartRow {
  part_number: number;
  file_id: string;
  size: number;
  etag: string;
  md5_hex: string;
  last_modified: string;
  checksums: string;
}

/**
 * Multipart uploads in SQLite, part bodies in ObjectFiles. A part is written and fsynced before its
 * row points at it; completion assembles the parts into one new file, then switches the object in
 * and deletes the upload in a single transaction, so a crash leaves either the upload (retryable)
 * or the finished object, never half of each.
 */
export class MultipartStore {
  constructor(
    private readonly db: Db,
    private readonly s3: S3Store,
  ) {
    // Deleting a bucket abandons its uploads, as S3 does, instead of failing on them.
    s3.onBucketDeletion((bucket) => {
      const fileIds = this.db
        .prepare('SELECT p.file_id FROM s3_multipart_parts p JOIN s3_multipart_uploads u USING (upload_id) WHERE u.bucket = ?')
        .pluck()
        .all(bucket) as string[];
      this.db.prepare('DELETE FROM s3_multipart_uploads WHERE bucket = ?').run(bucket);
      return fileIds;
    });
  }

  createUpload(input: Omit<UploadRecord, 'uploadId' | 'initiated'>): UploadRecord {
    // Long and URL-safe like S3's; unguessable so one client cannot complete another's upload by accident.
    const uploadId = randomBytes(48).toString('base64url');
    const initiated = new Date();
    this.db
      .prepare(
        `INSERT INTO s3_multipart_uploads (upload_id, bucket, key, initiated, content_type, content_encoding, content_disposition,
           content_language, cache_control, expires, user_metadata, checksum_algorithm, checksum_type)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        uploadId,
        input.bucket,
        input.key,
        initiated.toISOString(),
        input.headers.contentType ?? null,
        input.headers.contentEncoding ?? null,
        input.headers.contentDisposition ?? null,
        input.headers.contentLanguage ?? null,
        input.headers.cacheControl ?? null,
        input.headers.expires ?? null,
        JSON.stringify(input.userMetadata),
        input.checksumAlgorithm ?? null,
        input.checksumType ?? null,
      );
    return { ...input, uploadId, initiated };
  }

  /** The upload, only if it belongs to this bucket and key (S3 answers NoSuchUpload otherwise). */
  getUpload(bucket: string, key: string, uploadId: string): UploadRecord | undefined {
    const row = this.db.prepare('SELECT * FROM s3_multipart_uploads WHERE upload_id = ?').get(uploadId) as UploadRow | undefined;
    if (!row || row.bucket !== bucket || row.key !== key) return undefined;
    return toUpload(row);
  }

  /**
   * Points a part number at a written file, replacing an earlier upload of the same part. Returns
   * undefined, having removed the file, when the upload was completed or aborted meanwhile.
   */
  async commitPart(upload: UploadRecord, partNumber: number, file: StoredFile, checksums: Record<string, string>): Promise<PartRecord | undefined> {
    const lastModified = new Date();
    const etag = `"${file.md5Hex}"`;
    const outcome = this.db.transaction(() => {
      const exists = this.db.prepare('SELECT 1 FROM s3_multipart_uploads WHERE upload_id = ?').get(upload.uploadId);
      if (!exists) return { gone: true as const };
      const old = this.db
        .prepare('SELECT file_id FROM s3_multipart_parts WHERE upload_id = ? AND part_number = ?')
        .pluck()
        .get(upload.uploadId, partNumber) as string | undefined;
      this.db
        .prepare(
          `INSERT OR REPLACE INTO s3_multipart_parts (upload_id, part_number, file_id, size, etag, md5_hex, last_modified, checksums)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(upload.uploadId, partNumber, file.fileId, file.size, etag, file.md5Hex, lastModified.toISOString(), JSON.stringify(checksums));
      return { old };
    })();
    if ('gone' in outcome) {
      await this.s3.files.remove(file.fileId);
      return undefined;
    }
    if (outcome.old && outcome.old !== file.fileId) await this.s3.files.remove(outcome.old);
    return { partNumber, fileId: file.fileId, size: file.size, etag, md5Hex: file.md5Hex, lastModified, checksums };
  }

  /** Parts in part-number order, `> afterPart`, at most `limit` (+1 so the caller can tell truncation). */
  listParts(uploadId: string, afterPart = 0, limit = 10_000): PartRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM s3_multipart_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?')
      .all(uploadId, afterPart, limit) as PartRow[];
    return rows.map(toPart);
  }

  /** Every upload in the bucket under `prefix`, in S3's order: key (UTF-8 bytes, SQLite's BINARY), then initiation. */
  listUploads(bucket: string, prefix: string): UploadRecord[] {
    const rows = this.db.prepare('SELECT * FROM s3_multipart_uploads WHERE bucket = ? ORDER BY key, rowid').all(bucket) as UploadRow[];
    // In-progress uploads are few; filtering here avoids SQLite's character-counting substr.
    return rows.filter((row) => row.key.startsWith(prefix)).map(toUpload);
  }

  /** Removes the upload and its part files. Returns false when there was no such upload. */
  async abortUpload(uploadId: string): Promise<boolean> {
    const fileIds = this.db.transaction(() => {
      const exists = this.db.prepare('SELECT 1 FROM s3_multipart_uploads WHERE upload_id = ?').get(uploadId);
      if (!exists) return undefined;
      const ids = this.db.prepare('SELECT file_id FROM s3_multipart_parts WHERE upload_id = ?').pluck().all(uploadId) as string[];
      this.db.prepare('DELETE FROM s3_multipart_uploads WHERE upload_id = ?').run(uploadId);
      return ids;
    })();
    if (!fileIds) return false;
    for (const fileId of fileIds) await this.s3.files.remove(fileId);
    return true;
  }

  /** Concatenates part bodies, in the order given, into one new object file (temp, fsync, rename). */
  async assemble(parts: PartRecord[], transforms: Transform[] = []): Promise<StoredFile> {
    const files = this.s3.files;
    async function* concatenated() {
      for (const part of parts) yield* files.read(part.fileId);
    }
    return files.write(Readable.from(concatenated(), { objectMode: false }), transforms);
  }

  /**
   * Switches the assembled object in and deletes the upload, in one transaction. Returns 'gone'
   * (having removed the assembled file) when the upload was completed or aborted meanwhile.
   */
  async complete(
    upload: UploadRecord,
    parts: PartRecord[],
    file: StoredFile,
    etag: string,
    checksums: Record<string, string>,
    condition?: WriteCondition,
  ): Promise<ObjectRecord | 'gone'> {
    const run = this.db.transaction(() => {
      const exists = this.db.prepare('SELECT 1 FROM s3_multipart_uploads WHERE upload_id = ?').get(upload.uploadId);
      if (!exists) return 'gone' as const;
      const switched = this.s3.switchObject({
        bucket: upload.bucket,
        key: upload.key,
        file,
        headers: upload.headers,
        userMetadata: upload.userMetadata,
        checksums,
        etag,
        partSizes: parts.map((part) => part.size),
        condition,
      });
      if (switched instanceof MissingBucketError) return 'gone' as const;
      const partFiles = this.db.prepare('SELECT file_id FROM s3_multipart_parts WHERE upload_id = ?').pluck().all(upload.uploadId) as string[];
      this.db.prepare('DELETE FROM s3_multipart_uploads WHERE upload_id = ?').run(upload.uploadId);
      return { switched, partFiles };
    });
    let outcome: ReturnType<typeof run>;
    try {
      outcome = run();
    } catch (error) {
      // A failed write condition: the upload stays, as on S3, so the client may retry or abort it.
      await this.s3.files.remove(file.fileId);
      throw error;
    }
    if (outcome === 'gone') {
      await this.s3.files.remove(file.fileId);
      return 'gone';
    }
    await this.s3.afterSwitch(outcome.switched);
    for (const fileId of outcome.partFiles) await this.s3.files.remove(fileId);
    return outcome.switched.record;
  }
}

function toUpload(row: UploadRow): UploadRecord {
  return {
    uploadId: row.upload_id,
    bucket: row.bucket,
    key: row.key,
    initiated: new Date(row.initiated),
    headers: {
      contentType: row.content_type ?? undefined,
      contentEncoding: row.content_encoding ?? undefined,
      contentDisposition: row.content_disposition ?? undefined,
      contentLanguage: row.content_language ?? undefined,
      cacheControl: row.cache_control ?? undefined,
      expires: row.expires ?? undefined,
    },
    userMetadata: JSON.parse(row.user_metadata) as Record<string, string>,
    checksumAlgorithm: (row.checksum_algorithm as ChecksumAlgorithm | null) ?? undefined,
    checksumType: (row.checksum_type as ChecksumType | null) ?? undefined,
  };
}

function toPart(row: PartRow): PartRecord {
  return {
    partNumber: row.part_number,
    fileId: row.file_id,
    size: row.size,
    etag: row.etag,
    md5Hex: row.md5_hex,
    lastModified: new Date(row.last_modified),
    checksums: JSON.parse(row.checksums) as Record<string, string>,
  };
}
