import type { Migration } from '../../store/database';

export const s3Migrations: Migration[] = [
  {
    id: 's3-0001-buckets-and-objects',
    sql: `
      CREATE TABLE s3_buckets (
        name TEXT PRIMARY KEY,
        region TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- Keys compare with SQLite's BINARY collation, i.e. UTF-8 byte order, which is S3's list order.
      CREATE TABLE s3_objects (
        bucket TEXT NOT NULL REFERENCES s3_buckets(name),
        key TEXT NOT NULL,
        file_id TEXT NOT NULL,
        size INTEGER NOT NULL,
        etag TEXT NOT NULL,
        last_modified TEXT NOT NULL,
        content_type TEXT,
        content_encoding TEXT,
        content_disposition TEXT,
        content_language TEXT,
        cache_control TEXT,
        expires TEXT,
        user_metadata TEXT NOT NULL DEFAULT '{}',
        checksums TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (bucket, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 's3-0002-multipart',
    sql: `
      -- Uploads go with their bucket (S3 deletes a bucket whatever uploads are in progress); parts
      -- with their upload. Object files of parts are removed by the code that deletes the rows.
      -- The implicit rowid orders uploads of the same key by initiation, as ListMultipartUploads does.
      CREATE TABLE s3_multipart_uploads (
        upload_id TEXT NOT NULL UNIQUE,
        bucket TEXT NOT NULL REFERENCES s3_buckets(name) ON DELETE CASCADE,
        key TEXT NOT NULL,
        initiated TEXT NOT NULL,
        content_type TEXT,
        content_encoding TEXT,
        content_disposition TEXT,
        content_language TEXT,
        cache_control TEXT,
        expires TEXT,
        user_metadata TEXT NOT NULL DEFAULT '{}',
        checksum_algorithm TEXT,
        checksum_type TEXT
      );
      CREATE INDEX s3_multipart_uploads_by_key ON s3_multipart_uploads (bucket, key);
      CREATE TABLE s3_multipart_parts (
        upload_id TEXT NOT NULL REFERENCES s3_multipart_uploads(upload_id) ON DELETE CASCADE,
        part_number INTEGER NOT NULL,
        file_id TEXT NOT NULL,
        size INTEGER NOT NULL,
        etag TEXT NOT NULL,
        md5_hex TEXT NOT NULL,
        last_modified TEXT NOT NULL,
        checksums TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (upload_id, part_number)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 's3-0003-object-part-sizes',
    sql: `
      -- Part sizes of an object completed by multipart upload (JSON array, NULL for single PUTs),
      -- so GetObject/HeadObject ?partNumber=N can serve part N after the parts themselves are gone.
      ALTER TABLE s3_objects ADD COLUMN part_sizes TEXT;
    `,
  },
];
