import { createHash } from 'node:crypto';
import path from 'node:path';
import type { GlueStore } from '../../services/glue/glue-store';
import type { ObjectSummary, S3Store } from '../../services/s3/s3-store';
import type { Db } from '../../store/database';
import { castText, catalogTable, parseS3Location, readText, sniffCompression, tableFormat, TableCatalog, type CatalogTable, type ScanAccelerator, type TextFormat } from '../table-scan';
import { quoteIdentifier } from '../trino-lexer';
import type { ColumnarConfig } from './columnar-config';
import { SegmentIndex, type Segment, type SegmentMember } from './segment-index';
import { SegmentWriter } from './segment-writer';

/**
 * Columnar acceleration: text objects under a Glue table's location (flow-log .log.gz files, CSV)
 * are converted in the background, as they land, into Parquet segments — one S3 folder's objects
 * per segment once a folder settles — and queries read a segment instead of the objects it holds
 * while every one of those objects still has the ETag and size it was converted from.
 *
 *   S3 put/delete ─┐                 ┌─ segment-writer: DuckDB reads the objects with the text scan's
 *   Glue change ───┼─ dirty folders ─┤   own reader and casts → Parquet (tmp, fsync, rename)
 *   a query that   │   (debounced)   └─ segment-index: SQLite + memory; merges small segments;
 *   met text ──────┘                     retires stale ones once no query leases them
 *
 * A segment is keyed by bucket, folder, its objects' keys + ETags + sizes and a signature of the
 * table format (the exact text-scan SQL), so an overwrite, a delete or a table change is never
 * served stale: the query reads those objects as text until the background catches up. Results are
 * identical either way because the segment holds exactly the rows the text scan produces.
 */

export interface ColumnarCacheOptions {
  dataDir: string;
  config: ColumnarConfig;
  log?: (line: string) => void;
}

interface ConversionSpec {
  signature: string;
  format: TextFormat;
  columnCount: number;
  /** Select list over c0…cN: the text scan's casts, aliased to the table's column names. */
  projection: string;
}

interface Watched {
  bucket: string;
  prefix: string;
  spec: ConversionSpec;
}

interface FolderJob {
  spec: ConversionSpec;
  bucket: string;
  folder: string;
  dueAt: number;
  /** When the folder was first marked: arrivals push its conversion back, but not past MAX_WAIT_MS. */
  firstAt: number;
}

export interface ColumnarCacheStatus {
  enabled: boolean;
  pendingDirectories: number;
  converting: boolean;
  watchedLocations: number;
  segments: number;
  objects: number;
  rows: number;
  bytes: number;
  conversions: number;
  merges: number;
  busyMs: number;
  failedObjects: number;
  /** Objects queries read from a columnar segment, and as text, since start. */
  objectsReadColumnar: number;
  objectsReadAsText: number;
  lastError?: string;
}

/** A folder that got a new segment is merged into one once nothing has landed in it for this long. */
const SETTLE_MS = 3000;
/** However busy a folder is, its conversion starts at most this long after it was first marked. */
const MAX_WAIT_MS = 5000;
/** Objects converted in one statement at most; a bigger folder converts in several. */
const MAX_OBJECTS_PER_CONVERSION = 2000;

export class ColumnarCache implements ScanAccelerator {
  private readonly index: SegmentIndex;
  private readonly writer: SegmentWriter;
  private readonly catalog: TableCatalog;
  private watched: Watched[] = [];
  private readonly jobs = new Map<string, FolderJob>();
  /** Folders with more than one segment, merged once they settle. */
  private readonly settling = new Map<string, FolderJob>();
  private readonly failed = new Set<string>();
  private timer?: NodeJS.Timeout;
  private rebuildTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private closed = false;
  private readonly stats = { conversions: 0, merges: 0, busyMs: 0, readColumnar: 0, readAsText: 0, lastError: undefined as string | undefined };
  private readonly idleWaiters: (() => void)[] = [];
  /** A query plans each partition with the same table object: its conversion spec is worked out once. */
  private readonly specs = new WeakMap<CatalogTable, ConversionSpec>();

  constructor(
    db: Db,
    private readonly s3: S3Store,
    private readonly glue: GlueStore,
    private readonly options: ColumnarCacheOptions,
  ) {
    const segmentsDir = path.join(options.dataDir, 'columnar');
    this.index = new SegmentIndex(db, segmentsDir);
    this.writer = new SegmentWriter({
      threads: options.config.threads,
      memoryLimit: options.config.memoryLimit,
      objectsDir: path.join(options.dataDir, 'objects'),
      segmentsDir,
      spillDir: path.join(options.dataDir, 'tmp', 'columnar-spill'),
    });
    this.catalog = new TableCatalog(glue, s3);
  }

  get enabled(): boolean {
    return this.options.config.enabled;
  }

  /** Starts watching S3 and Glue, and looks at what is already there. */
  start() {
    if (!this.enabled) return;
    this.s3.onChange((event) => this.objectChanged(event.bucket, event.key));
    this.glue.onChange(() => this.scheduleRebuild());
    this.rebuild();
  }

  async close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    await this.running;
    this.writer.close();
  }

  // ---------------------------------------------------------------- the query side

  cover(table: CatalogTable, format: TextFormat, objects: ObjectSummary[]): { files: string[]; rest: ObjectSummary[]; release(): void } {
    if (!this.enabled || objects.length === 0) return { files: [], rest: objects, release: () => undefined };
    let spec = this.specs.get(table);
    if (!spec) {
      spec = conversionSpec(table, format);
      this.specs.set(table, spec);
    }
    // Objects by folder; within a folder, by key.
    const folders = new Map<string, { bucket: string; folder: string; objects: Map<string, ObjectSummary> }>();
    for (const o of objects) {
      const folder = folderOf(o.key);
      const id = `${o.bucket}/${folder}`;
      let entry = folders.get(id);
      if (!entry) folders.set(id, (entry = { bucket: o.bucket, folder, objects: new Map() }));
      entry.objects.set(o.key, o);
    }
    const chosen: Segment[] = [];
    const covered = new Set<ObjectSummary>();
    for (const { bucket, folder, objects: current } of folders.values()) {
      for (const segment of this.index.segments(spec.signature, bucket, folder)) {
        let usable = true;
        for (const m of segment.members) {
          const o = current.get(m.key);
          if (!o || !isCurrent(m, o) || covered.has(o)) {
            usable = false;
            break;
          }
        }
        if (!usable) continue;
        chosen.push(segment);
        for (const m of segment.members) covered.add(current.get(m.key)!);
      }
      // Objects no segment covers yet (landed before the table existed, or a missed event): convert them.
      for (const o of current.values()) {
        if (covered.has(o) || this.failed.has(failureKey(spec, o))) continue;
        this.markDirty(spec, bucket, folder, 'found');
        break;
      }
    }
    const rest = covered.size === 0 ? objects : objects.filter((o) => !covered.has(o));
    this.stats.readColumnar += objects.length - rest.length;
    this.stats.readAsText += rest.length;
    return { files: chosen.map((s) => s.path), rest, release: this.index.lease(chosen) };
  }

  status(): ColumnarCacheStatus {
    const segments = this.index.all();
    return {
      enabled: this.enabled,
      pendingDirectories: this.jobs.size + this.settling.size,
      // A Glue change not yet looked at may bring work: busy until the look is done.
      converting: this.running !== undefined || this.rebuildTimer !== undefined,
      watchedLocations: this.watched.length,
      segments: segments.length,
      objects: segments.reduce((n, s) => n + s.members.length, 0),
      rows: segments.reduce((n, s) => n + s.rows, 0),
      bytes: segments.reduce((n, s) => n + s.bytes, 0),
      conversions: this.stats.conversions,
      merges: this.stats.merges,
      busyMs: Math.round(this.stats.busyMs),
      failedObjects: this.failed.size,
      objectsReadColumnar: this.stats.readColumnar,
      objectsReadAsText: this.stats.readAsText,
      ...(this.stats.lastError ? { lastError: this.stats.lastError } : {}),
    };
  }

  /** Resolves when no folder waits for conversion or merging (tests, the benchmark). */
  whenIdle(): Promise<void> {
    if (this.jobs.size === 0 && this.settling.size === 0 && !this.running && !this.rebuildTimer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  // ---------------------------------------------------------------- what to watch

  private scheduleRebuild() {
    if (this.closed) return;
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => this.rebuild(), 100);
    this.rebuildTimer.unref();
  }

  /** Text tables' locations (table and partitions) from the Glue catalog; new ones get a full look. */
  private rebuild() {
    this.rebuildTimer = undefined;
    if (this.closed) return;
    const before = new Set(this.watched.map(watchKey));
    const next = new Map<string, Watched>();
    const regions = this.glue.db.prepare('SELECT DISTINCT region FROM glue_tables').pluck().all() as string[];
    for (const region of regions) {
      for (const database of this.glue.listDatabases(region)) {
        for (const glueTable of this.glue.listTables(region, database.Name)) {
          if (glueTable.TableType === 'VIRTUAL_VIEW') continue;
          let table: CatalogTable;
          let format;
          try {
            table = catalogTable(glueTable);
            format = tableFormat(table);
          } catch {
            continue;
          }
          if (format.kind === 'parquet' || table.columns.length === 0) continue;
          const spec = conversionSpec(table, format);
          const locations = [glueTable.StorageDescriptor?.Location, ...this.catalog.partitions(region, table).map((p) => p.location)];
          for (const location of locations) {
            const parsed = location ? parseS3Location(location) : undefined;
            if (!parsed) continue;
            const prefix = parsed.key === '' || parsed.key.endsWith('/') ? parsed.key : `${parsed.key}/`;
            const entry = { bucket: parsed.bucket, prefix, spec };
            const covering = [...next.values()].some((w) => w.spec.signature === spec.signature && w.bucket === entry.bucket && prefix.startsWith(w.prefix));
            if (!covering) next.set(watchKey(entry), entry);
          }
        }
      }
    }
    this.watched = [...next.values()];
    for (const entry of this.watched) if (!before.has(watchKey(entry))) this.scan(entry);
    this.dropUnwatchedSignatures();
    this.wake();
  }

  /** Marks every folder under a location that holds objects. */
  private scan(entry: Watched) {
    const folders = new Set<string>();
    for (const object of this.catalog.objectsUnder(`s3://${entry.bucket}/${entry.prefix}`)) folders.add(folderOf(object.key));
    for (const folder of folders) this.markDirty(entry.spec, entry.bucket, folder, 'found');
  }

  /** Segments of a format no table reads any more are garbage. */
  private dropUnwatchedSignatures() {
    const live = new Set(this.watched.map((w) => w.spec.signature));
    const stale = this.index.all().filter((s) => !live.has(s.signature));
    if (stale.length) this.index.retire(stale);
  }

  private objectChanged(bucket: string, key: string) {
    for (const entry of this.watched) {
      if (entry.bucket === bucket && key.startsWith(entry.prefix)) this.markDirty(entry.spec, bucket, folderOf(key), 'landed');
    }
  }

  /**
   * Queues a folder. An object that just `landed` pushes the folder's conversion back a little, so a
   * burst of deliveries converts in one go; objects `found` unconverted (a scan, a query) queue the
   * folder without delaying a conversion already queued.
   */
  private markDirty(spec: ConversionSpec, bucket: string, folder: string, why: 'landed' | 'found') {
    if (this.closed || !this.enabled) return;
    const id = `${spec.signature}\u0000${bucket}\u0000${folder}`;
    const existing = this.jobs.get(id);
    const now = Date.now();
    if (existing && why === 'found') return;
    const firstAt = existing?.firstAt ?? now;
    const dueAt = why === 'found' ? now : Math.min(firstAt + MAX_WAIT_MS, now + this.options.config.delayMs);
    this.jobs.set(id, { spec, bucket, folder, dueAt, firstAt });
    this.settling.delete(id);
    this.wake();
  }

  // ---------------------------------------------------------------- the background work

  private wake() {
    if (this.running || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    const next = Math.min(...[...this.jobs.values(), ...this.settling.values()].map((j) => j.dueAt));
    if (!Number.isFinite(next)) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        this.wake();
      });
    }, Math.max(0, next - Date.now()));
    this.timer.unref();
  }

  private async drain() {
    while (!this.closed) {
      const now = Date.now();
      const due = [...this.jobs.entries()].filter(([, j]) => j.dueAt <= now).sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
      if (due) {
        this.jobs.delete(due[0]);
        await this.timed(() => this.convertFolder(due[1]));
        continue;
      }
      const settled = [...this.settling.entries()].find(([, j]) => j.dueAt <= now);
      if (settled) {
        this.settling.delete(settled[0]);
        await this.timed(() => this.mergeFolder(settled[1], true));
        continue;
      }
      return;
    }
  }

  private async timed(work: () => Promise<void>) {
    const started = performance.now();
    try {
      await work();
    } catch (error) {
      this.stats.lastError = (error as Error).message.split('\n')[0];
      this.options.log?.(`[columnar] ${(error as Error).stack ?? error}`);
    } finally {
      this.stats.busyMs += performance.now() - started;
    }
  }

  /** The objects directly in one folder that a scan of its table would read (Hive-hidden names skipped). */
  private folderObjects(bucket: string, folder: string): ObjectSummary[] {
    const out: ObjectSummary[] = [];
    let after: string | undefined;
    for (;;) {
      const page = this.s3.scanSummaries(bucket, { ...(after === undefined ? { from: folder } : { after }), limit: 1000 });
      if (page.length === 0) return out;
      for (const object of page) {
        if (!object.key.startsWith(folder)) return out;
        const name = object.key.slice(folder.length);
        if (name === '' || name.includes('/') || name.endsWith('_$folder$') || name.startsWith('_') || name.startsWith('.') || object.size === 0) continue;
        out.push(object);
      }
      after = page[page.length - 1].key;
      if (page.length < 1000) return out;
    }
  }

  private async convertFolder(job: FolderJob) {
    const { spec, bucket, folder } = job;
    const objects = this.folderObjects(bucket, folder);
    const current = new Map(objects.map((o) => [o.key, o]));
    const covered = new Set<string>();
    const stale: Segment[] = [];
    for (const segment of this.index.segments(spec.signature, bucket, folder)) {
      if (segment.members.every((m) => isCurrent(m, current.get(m.key)) && !covered.has(m.key))) segment.members.forEach((m) => covered.add(m.key));
      else stale.push(segment);
    }
    this.index.retire(stale);
    const pending = objects.filter((o) => !covered.has(o.key) && !this.failed.has(failureKey(spec, o)));
    for (let i = 0; i < pending.length && !this.closed; i += MAX_OBJECTS_PER_CONVERSION) {
      await this.convertObjects(spec, bucket, folder, pending.slice(i, i + MAX_OBJECTS_PER_CONVERSION));
    }
    await this.mergeFolder(job, false);
  }

  private async convertObjects(spec: ConversionSpec, bucket: string, folder: string, objects: ObjectSummary[]) {
    const sources = objects.map((o) => {
      const file = this.s3.files.pathOf(o.fileId);
      return { path: file, compression: sniffCompression(file, o.key) };
    });
    try {
      const written = await this.writer.fromText(spec.format, spec.columnCount, spec.projection, sources);
      this.commit(spec, bucket, folder, written, objects.map(memberOf));
      this.stats.conversions += 1;
    } catch (error) {
      // An object replaced while it was read (its old file is gone) converts on the next pass; one
      // that DuckDB cannot read stays text — the query then reports it exactly as without us.
      const changed = objects.some((o) => !isCurrent(memberOf(o), this.s3.getObject(bucket, o.key)));
      if (changed) {
        this.markDirty(spec, bucket, folder, 'landed');
        return;
      }
      if (objects.length > 1) {
        for (const o of objects) await this.convertObjects(spec, bucket, folder, [o]);
        return;
      }
      this.failed.add(failureKey(spec, objects[0]));
      this.stats.lastError = `${bucket}/${objects[0].key}: ${(error as Error).message.split('\n')[0]}`;
    }
  }

  private commit(spec: ConversionSpec, bucket: string, folder: string, written: { path: string; rows: number; bytes: number }, members: SegmentMember[], replaces: readonly Segment[] = []) {
    const segment: Segment = { id: path.basename(written.path, '.parquet'), signature: spec.signature, bucket, folder, path: written.path, rows: written.rows, bytes: written.bytes, members };
    this.index.add(segment, replaces);
  }

  /**
   * Keeps a folder to few segments: while deliveries land, the newest segment merges with the one
   * before it once it has grown to half its size (so each row is rewritten only a few times); once
   * the folder has settled, everything merges into one.
   */
  private async mergeFolder(job: FolderJob, settled: boolean) {
    const { spec, bucket, folder } = job;
    const id = `${spec.signature}\u0000${bucket}\u0000${folder}`;
    for (;;) {
      if (this.closed || this.jobs.has(id)) return;
      const segments = [...this.index.segments(spec.signature, bucket, folder)];
      if (segments.length < 2) return;
      let group: Segment[];
      if (settled) {
        group = segments;
      } else {
        const bySize = [...segments].sort((a, b) => a.rows - b.rows);
        if (bySize[0].rows * 2 < bySize[1].rows) {
          this.settling.set(id, { ...job, dueAt: Date.now() + SETTLE_MS });
          this.wake();
          return;
        }
        group = [bySize[0], bySize[1]];
      }
      const ordered = segments.filter((s) => group.includes(s));
      const written = await this.writer.merge(ordered.map((s) => s.path));
      const members = ordered.flatMap((s) => s.members);
      // Merged while something changed: the merged file is fine for the members it has, but the
      // folder's next conversion will sort out which segments stay current.
      this.commit(spec, bucket, folder, written, members, ordered);
      this.stats.merges += 1;
      if (settled) return;
    }
  }
}

function conversionSpec(table: CatalogTable, format: TextFormat): ConversionSpec {
  const projection = table.columns.map((c, i) => `${castText(`c${i}`, c.type)} AS ${quoteIdentifier(c.name)}`).join(', ');
  const reader = readText(format, ['<object>'], table.columns.map((_, i) => `c${i}`), '<compression>');
  const signature = createHash('sha256').update(`columnar-v1\n${projection}\n${reader}`).digest('hex').slice(0, 24);
  return { signature, format, columnCount: table.columns.length, projection };
}

const folderOf = (key: string) => key.slice(0, key.lastIndexOf('/') + 1);
const watchKey = (w: Watched) => `${w.spec.signature}\u0000${w.bucket}\u0000${w.prefix}`;
const memberOf = (o: ObjectSummary): SegmentMember => ({ key: o.key, etag: o.etag, size: o.size });
const isCurrent = (member: SegmentMember, object: ObjectSummary | undefined) => object !== undefined && object.etag === member.etag && object.size === member.size;
const failureKey = (spec: ConversionSpec, o: ObjectSummary) => `${spec.signature}\u0000${o.bucket}\u0000${o.key}\u0000${o.etag}`;
