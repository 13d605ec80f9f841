import { randomBytes } from 'node:crypto';
import type { ColumnInfo } from '../../engine/column-info';
import { QueryFailure } from '../../engine/query-errors';
import { QueryCancelled, type QueryControl, type QueryEngine } from '../../engine/query-engine';
import type { S3Store } from '../s3/s3-store';
import { encodeResultMetadata, parseOutputLocation, ResultFileWriter } from './athena-results';
import type { AthenaStore, QueryExecution, QueryExecutionInternal } from './athena-store';

/**
 * Runs query executions in the background: at most `concurrency` at once, the rest QUEUED in
 * submission order. Each state change is saved before it is visible, result files are committed to
 * S3 before SUCCEEDED, and StopQueryExecution interrupts the DuckDB statement that is running.
 * On start-up, executions a previous process left QUEUED or RUNNING end FAILED with a clear reason.
 */
export class QueryRunner {
  private readonly queue: string[] = [];
  private readonly running = new Map<string, QueryControl>();
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly store: AthenaStore,
    private readonly engine: QueryEngine,
    private readonly s3: S3Store,
    private readonly concurrency: number,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Ends what a previous process left unfinished; the queue is in memory and died with it. */
  recover() {
    for (const { record, internal } of this.store.executionsInStates(['QUEUED', 'RUNNING'])) {
      const now = new Date();
      record.Status = {
        ...record.Status,
        State: 'FAILED',
        StateChangeReason: 'Query was interrupted: local AWS stopped while it was queued or running. Run it again.',
        CompletionDateTime: now,
        AthenaError: {
          ErrorCategory: 1,
          ErrorType: 401,
          Retryable: true,
          ErrorMessage: 'Query was interrupted: local AWS stopped while it was queued or running. Run it again.',
        },
      };
      record.Statistics.TotalExecutionTimeInMillis = now.getTime() - new Date(record.Status.SubmissionDateTime).getTime();
      this.store.saveExecution(record, internal);
    }
  }

  submit(id: string) {
    this.queue.push(id);
    this.pump();
  }

  /** Returns false when the query had already finished. */
  stop(region: string, id: string): boolean {
    const found = this.store.getExecution(region, id);
    if (!found) return false;
    const { record, internal } = found;
    if (record.Status.State === 'QUEUED') {
      const index = this.queue.indexOf(id);
      if (index >= 0) this.queue.splice(index, 1);
      this.finishCancelled(record, internal);
      return true;
    }
    const control = this.running.get(id);
    if (record.Status.State === 'RUNNING' && control) {
      // CANCELLED is recorded at once; the run notices the flag and leaves the state alone.
      control.cancelled = true;
      this.finishCancelled(record, internal);
      control.interrupt?.();
      return true;
    }
    return false;
  }

  /**
   * Resolves when nothing is queued or running (tests, shutdown), or after `timeoutMs` at the latest,
   * so a statement slow to notice an interrupt cannot hold up shutdown.
   */
  whenIdle(timeoutMs = 10_000): Promise<void> {
    if (this.queue.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Interrupts everything still running (shutdown). */
  stopAll() {
    this.queue.length = 0;
    for (const control of this.running.values()) {
      control.cancelled = true;
      control.interrupt?.();
    }
  }

  private pump() {
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const control: QueryControl = { cancelled: false };
      this.running.set(id, control);
      void this.execute(id, control)
        .catch((error) => this.log(`athena: query ${id} crashed: ${(error as Error).stack ?? error}`))
        .finally(() => {
          this.running.delete(id);
          this.pump();
          if (this.queue.length === 0 && this.running.size === 0) for (const resolve of this.idle.splice(0)) resolve();
        });
    }
  }

  private load(id: string) {
    const row = this.store.db.prepare('SELECT region FROM athena_query_executions WHERE id = ?').pluck().get(id) as string | undefined;
    return row === undefined ? undefined : this.store.getExecution(row, id);
  }

  private async execute(id: string, control: QueryControl) {
    const found = this.load(id);
    if (!found || found.record.Status.State !== 'QUEUED') return;
    const { record, internal } = found;
    const startedAt = Date.now();
    const submitted = new Date(record.Status.SubmissionDateTime).getTime();
    record.Status = { State: 'RUNNING', SubmissionDateTime: record.Status.SubmissionDateTime };
    record.Statistics.QueryQueueTimeInMillis = Math.max(0, startedAt - submitted);
    internal.startedAt = startedAt;
    this.store.saveExecution(record, internal);

    const outputLocation = record.ResultConfiguration.OutputLocation!;
    const target = parseOutputLocation(outputLocation);
    const kind = internal.resultKind === 'txt' ? 'txt' : 'csv';
    let writer: ResultFileWriter | undefined;
    let columns: ColumnInfo[] = [];
    try {
      if (!this.s3.getBucket(target.bucket)) {
        throw new QueryFailure('FAILED', `Unable to verify/create output bucket ${target.bucket}`, { raw: true, category: 2, type: 1000 });
      }
      writer = new ResultFileWriter(this.s3, kind);
      const openWriter = writer;
      const workGroup = this.store.getWorkGroup(internal.region, record.WorkGroup);
      const outcome = await this.engine.run(
        {
          queryId: id,
          sql: record.Query,
          parameters: record.ExecutionParameters,
          region: internal.region,
          catalog: record.QueryExecutionContext?.Catalog,
          database: record.QueryExecutionContext?.Database,
          maxScanBytes: workGroup?.Configuration.BytesScannedCutoffPerQuery,
        },
        {
          columns: async (c) => {
            columns = c;
            await openWriter.header(c);
          },
          rows: (rows) => openWriter.rows(rows),
        },
        control,
      );
      if (control.cancelled) {
        writer.abort();
        return;
      }
      const writeStarted = Date.now();
      const contentType = kind === 'csv' || record.SubstatementType === 'DESCRIBE_TABLE' || record.SubstatementType === 'SHOW_CREATE_TABLE' ? 'application/octet-stream' : 'binary/octet-stream';
      // The .metadata sidecar is written (and fsynced) while the result file is finished, not after it.
      const metadataFile = columns.length > 0 ? this.s3.files.write(encodeResultMetadata(kind === 'csv' ? engineQueryId() : id, columns)) : undefined;
      let object: Awaited<ReturnType<ResultFileWriter['commit']>>;
      try {
        object = await writer.commit(target, contentType);
      } catch (error) {
        await metadataFile?.then((file) => this.s3.files.remove(file.fileId)).catch(() => undefined);
        throw error;
      }
      writer = undefined;
      if (metadataFile) this.s3.commitObject(target.bucket, `${target.key}.metadata`, await metadataFile, { contentType }, {}, {});
      if (control.cancelled) return;
      const finished = Date.now();
      internal.columns = columns;
      internal.updateCount = outcome.updateCount;
      internal.rowCount = outcome.rowCount;
      internal.headerRow = record.StatementType === 'DML';
      internal.resultEtag = object.etag;
      record.Status = { State: 'SUCCEEDED', SubmissionDateTime: record.Status.SubmissionDateTime, CompletionDateTime: new Date(finished) };
      record.Statistics = {
        ...record.Statistics,
        EngineExecutionTimeInMillis: writeStarted - startedAt,
        DataScannedInBytes: outcome.dataScannedBytes,
        TotalExecutionTimeInMillis: finished - submitted,
        QueryPlanningTimeInMillis: outcome.planningMs,
        ServiceProcessingTimeInMillis: finished - writeStarted,
      };
      this.store.saveExecution(record, internal);
    } catch (error) {
      writer?.abort();
      if (control.cancelled) return;
      if (error instanceof QueryCancelled) {
        this.finishCancelled(record, internal);
        return;
      }
      const failure =
        error instanceof QueryFailure
          ? error
          : new QueryFailure('GENERIC_INTERNAL_ERROR', (error as Error).message ?? String(error), { category: 1, type: 200 });
      if (!(error instanceof QueryFailure)) this.log(`athena: query ${id} failed internally: ${(error as Error).stack ?? error}`);
      const finished = Date.now();
      record.Status = {
        State: 'FAILED',
        StateChangeReason: failure.reason,
        SubmissionDateTime: record.Status.SubmissionDateTime,
        CompletionDateTime: new Date(finished),
        AthenaError: failure.athenaError,
      };
      record.Statistics = {
        ...record.Statistics,
        EngineExecutionTimeInMillis: finished - startedAt,
        TotalExecutionTimeInMillis: finished - submitted,
      };
      this.store.saveExecution(record, internal);
    }
  }

  private finishCancelled(record: QueryExecution, internal: QueryExecutionInternal) {
    const finished = Date.now();
    const submitted = new Date(record.Status.SubmissionDateTime).getTime();
    record.Status = {
      State: 'CANCELLED',
      StateChangeReason: 'Query cancelled by user',
      SubmissionDateTime: record.Status.SubmissionDateTime,
      CompletionDateTime: new Date(finished),
    };
    record.Statistics = {
      ...record.Statistics,
      EngineExecutionTimeInMillis: internal.startedAt ? finished - internal.startedAt : 0,
      TotalExecutionTimeInMillis: finished - submitted,
    };
    this.store.saveExecution(record, internal);
  }
}

/** Athena's engine-side query ids look like Trino's: 20260917_085344_00007_k6s5b. */
function engineQueryId(): string {
  const d = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const suffix = Array.from(randomBytes(5), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}_${p(randomBytes(2).readUInt16BE() % 100000, 5)}_${suffix}`;
}
