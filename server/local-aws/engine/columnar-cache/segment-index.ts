import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../store/database';

/**
 * Which columnar segments exist, in SQLite (so they survive a restart) and in memory (so a query
 * plans without touching the database), and which of them queries are reading right now.
 *
 * A segment that is replaced (merged into a bigger one) or stops matching its objects is retired:
 * no new query gets it, and its file is deleted once the last query that leased it lets go — a
 * query never loses a file under its feet, and nothing stale is handed out again.
 */

export interface SegmentMember {
  key: string;
  etag: string;
  size: number;
}

export interface Segment {
  id: string;
  signature: string;
  bucket: string;
  /** The S3 "folder" (key prefix up to and including the last '/') its objects sit in. */
  folder: string;
  path: string;
  rows: number;
  bytes: number;
  /** In key order; the segment's rows are these objects' rows in this order. */
  members: SegmentMember[];
}

const folderKey = (signature: string, bucket: string, folder: string) => `${signature}\u0000${bucket}\u0000${folder}`;

export class SegmentIndex {
  private readonly byFolder = new Map<string, Segment[]>();
  private readonly leases = new Map<string, number>();
  /** Retired segments whose files wait for their last lease. */
  private readonly retired = new Map<string, string>();

  constructor(
    private readonly db: Db,
    readonly dir: string,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.load();
  }

  /** Loads what SQLite knows, forgets segments whose file is gone and deletes files nobody knows. */
  private load() {
    const rows = this.db.prepare('SELECT id, signature, bucket, folder, file_name, row_count, bytes FROM columnar_segments').all() as {
      id: string;
      signature: string;
      bucket: string;
      folder: string;
      file_name: string;
      row_count: number;
      bytes: number;
    }[];
    const members = this.db.prepare('SELECT key, etag, size FROM columnar_segment_objects WHERE segment_id = ? ORDER BY key');
    const known = new Set<string>();
    const missing: string[] = [];
    for (const row of rows) {
      const file = path.join(this.dir, row.file_name);
      if (!fs.existsSync(file)) {
        missing.push(row.id);
        continue;
      }
      known.add(row.file_name);
      this.remember({
        id: row.id,
        signature: row.signature,
        bucket: row.bucket,
        folder: row.folder,
        path: file,
        rows: row.row_count,
        bytes: row.bytes,
        members: members.all(row.id) as SegmentMember[],
      });
    }
    if (missing.length) {
      const remove = this.db.prepare('DELETE FROM columnar_segments WHERE id = ?');
      this.db.transaction(() => missing.forEach((id) => remove.run(id)))();
    }
    for (const name of fs.readdirSync(this.dir)) {
      if (!known.has(name)) fs.rmSync(path.join(this.dir, name), { force: true, recursive: true });
    }
  }

  private remember(segment: Segment) {
    const key = folderKey(segment.signature, segment.bucket, segment.folder);
    const list = this.byFolder.get(key) ?? [];
    list.push(segment);
    list.sort((a, b) => (a.members[0]?.key ?? '').localeCompare(b.members[0]?.key ?? ''));
    this.byFolder.set(key, list);
  }

  private forget(segment: Segment) {
    const key = folderKey(segment.signature, segment.bucket, segment.folder);
    const list = (this.byFolder.get(key) ?? []).filter((s) => s.id !== segment.id);
    if (list.length) this.byFolder.set(key, list);
    else this.byFolder.delete(key);
  }

  /** The live segments of one folder as read through one format, ordered by their first key. */
  segments(signature: string, bucket: string, folder: string): readonly Segment[] {
    return this.byFolder.get(folderKey(signature, bucket, folder)) ?? [];
  }

  signatures(): Set<string> {
    const out = new Set<string>();
    for (const list of this.byFolder.values()) for (const s of list) out.add(s.signature);
    return out;
  }

  all(): Segment[] {
    return [...this.byFolder.values()].flat();
  }

  /** Records a new segment (its file already in place) and retires the ones it replaces, in one transaction. */
  add(segment: Segment, replaces: readonly Segment[] = []) {
    const insertSegment = this.db.prepare(
      'INSERT INTO columnar_segments (id, signature, bucket, folder, file_name, row_count, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertMember = this.db.prepare('INSERT INTO columnar_segment_objects (segment_id, key, etag, size) VALUES (?, ?, ?, ?)');
    const remove = this.db.prepare('DELETE FROM columnar_segments WHERE id = ?');
    this.db.transaction(() => {
      insertSegment.run(segment.id, segment.signature, segment.bucket, segment.folder, path.basename(segment.path), segment.rows, segment.bytes, new Date().toISOString());
      for (const m of segment.members) insertMember.run(segment.id, m.key, m.etag, m.size);
      for (const old of replaces) remove.run(old.id);
    })();
    this.remember(segment);
    for (const old of replaces) this.dropFromMemory(old);
  }

  /** Takes segments out of service (their objects changed, or their table is gone). */
  retire(segments: readonly Segment[]) {
    if (segments.length === 0) return;
    const remove = this.db.prepare('DELETE FROM columnar_segments WHERE id = ?');
    this.db.transaction(() => segments.forEach((s) => remove.run(s.id)))();
    for (const segment of segments) this.dropFromMemory(segment);
  }

  private dropFromMemory(segment: Segment) {
    this.forget(segment);
    if ((this.leases.get(segment.id) ?? 0) > 0) this.retired.set(segment.id, segment.path);
    else fs.rmSync(segment.path, { force: true });
  }

  /** Keeps the segments' files on disk until the returned function is called (once). */
  lease(segments: readonly Segment[]): () => void {
    for (const s of segments) this.leases.set(s.id, (this.leases.get(s.id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const s of segments) {
        const left = (this.leases.get(s.id) ?? 1) - 1;
        if (left > 0) {
          this.leases.set(s.id, left);
          continue;
        }
        this.leases.delete(s.id);
        const retiredPath = this.retired.get(s.id);
        if (retiredPath !== undefined) {
          this.retired.delete(s.id);
          fs.rmSync(retiredPath, { force: true });
        }
      }
    };
  }

  leasedCount(): number {
    return this.leases.size;
  }
}
