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
];
