import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';

export interface StoredFile {
  /** Opaque id: object bodies are never stored under their S3 key, so no key can name a path. */
  fileId: string;
  size: number;
  md5Hex: string;
}

/**
 * Object bodies as files under DATA_DIR/objects. A body is written to a temp file, fsynced, then
 * renamed into place, so a crash leaves either the old object or the new one, never a torn file.
 * Metadata (which file an S3 key points at) lives in SQLite and is switched in a transaction after
 * the rename; the old file is removed after that.
 */
export class ObjectFiles {
  private readonly objectsDir: string;
  private readonly tmpDir: string;

  constructor(dataDir: string) {
    this.objectsDir = path.join(dataDir, 'objects');
    this.tmpDir = path.join(dataDir, 'tmp');
    fs.mkdirSync(this.objectsDir, { recursive: true });
    fs.rmSync(this.tmpDir, { recursive: true, force: true });
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  /** Streams a body into a new file; `transform` (e.g. an aws-chunked decoder) runs on the way. */
  async write(source: Readable | Buffer, transforms: Transform[] = []): Promise<StoredFile> {
    const fileId = randomUUID().replace(/-/g, '');
    const tmpPath = path.join(this.tmpDir, `${fileId}.part`);
    const md5 = createHash('md5');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    const stages: NodeJS.ReadWriteStream[] = [...transforms, measure];
    try {
      // flush: true fsyncs before the stream reports finished, so the rename below is durable.
      await (pipeline as (...streams: unknown[]) => Promise<void>)(input, ...stages, fs.createWriteStream(tmpPath, { flags: 'wx', flush: true }));
    } catch (error) {
      await fs.promises.rm(tmpPath, { force: true });
      throw error;
    }
    const finalPath = this.pathOf(fileId);
    await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
    await fs.promises.rename(tmpPath, finalPath);
    // The rename is durable only once the directory holding the new name is synced.
    await syncDirectory(path.dirname(finalPath));
    return { fileId, size, md5Hex: md5.digest('hex') };
  }

  /** Copies a stored file to a new id (CopyObject), again atomically. */
  async copy(fileId: string): Promise<StoredFile> {
    return this.write(fs.createReadStream(this.pathOf(fileId)));
  }

  read(fileId: string, range?: { start: number; end: number }): Readable {
    return fs.createReadStream(this.pathOf(fileId), range ? { start: range.start, end: range.end } : undefined);
  }

  async readAll(fileId: string): Promise<Buffer> {
    return fs.promises.readFile(this.pathOf(fileId));
  }

  async remove(fileId: string) {
    await fs.promises.rm(this.pathOf(fileId), { force: true });
  }

  /** Where a file lives. Ids are hex we generated; anything else is refused outright. */
  pathOf(fileId: string): string {
    if (!/^[0-9a-f]{32}$/.test(fileId)) throw new Error(`invalid object file id ${JSON.stringify(fileId)}`);
    return path.join(this.objectsDir, fileId.slice(0, 2), fileId);
  }
}

async function syncDirectory(dir: string) {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
