import type { Migration } from '../../store/database';

/**
 * The columnar cache's metadata. A segment is one Parquet file under DATA_DIR/columnar holding the
 * rows of a set of objects of one S3 folder, as read through one table format (the signature); its
 * members are those objects with the ETag and size they had when converted. It is only ever read
 * while every member still has that ETag and size.
 */
export const columnarCacheMigrations: Migration[] = [
  {
    id: 'columnar-0001-segments',
    sql: `
      CREATE TABLE columnar_segments (
        id TEXT PRIMARY KEY,
        signature TEXT NOT NULL,
        bucket TEXT NOT NULL,
        folder TEXT NOT NULL,
        file_name TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX columnar_segments_folder ON columnar_segments (signature, bucket, folder);
      CREATE TABLE columnar_segment_objects (
        segment_id TEXT NOT NULL REFERENCES columnar_segments (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        etag TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (segment_id, key)
      ) WITHOUT ROWID;
    `,
  },
];
