import os from 'node:os';
import type { AthenaClient } from '@aws-sdk/client-athena';
import { median, runAthenaQuery, type AthenaTiming } from './athena-run';
import { openTable, type DirectSettings, type DirectTable } from './duckdb-direct';

export interface QueryFigures {
  name: string;
  rows: number;
  athenaColdMs: number;
  athenaWarmMs: number;
  athenaWarmRuns: number[];
  engineWarmMs: number;
  referenceColdMs: number;
  referenceWarmMs: number;
  naiveMs: number;
  /** Athena warm median ÷ reference warm median (target ≤ 1.5). */
  vsReference: number;
  /** Naive median ÷ Athena warm median (target ≥ 5). */
  speedupOverNaive: number;
  scannedBytes: number;
  loadAverage: number;
}

export interface LatencyOptions {
  athena: AthenaClient;
  workGroup: string;
  database: string;
  table: string;
  queries: { name: string; sql: string }[];
  logFormat: string;
  rawDir: string;
  parquetDir: string;
  direct: DirectSettings;
  warmRuns: number;
  naiveRuns: number;
  progress: (line: string) => void;
}

/**
 * Every saved query, side by side: local Athena through its API, DuckDB over the Parquet copy, DuckDB
 * over the raw gzip text. Cold = the first run (Athena: the first after delivery; DuckDB: a fresh
 * instance). Warm runs go round-robin over the queries and alternate Athena and the reference, so a
 * burst of load from elsewhere on the machine hits both sides of a ratio alike.
 */
export async function measureQueryLatency(o: LatencyOptions): Promise<QueryFigures[]> {
  const athena = (sql: string): Promise<AthenaTiming> => runAthenaQuery(o.athena, o.workGroup, o.database, sql);
  const cold = new Map<string, { athena: AthenaTiming; reference: number }>();
  const reference: DirectTable = await openTable('reference', o.direct, o.table, o.logFormat, o.rawDir, o.parquetDir);
  const naive: DirectTable = await openTable('naive', o.direct, o.table, o.logFormat, o.rawDir, o.parquetDir);
  const warm = new Map<string, { athena: AthenaTiming[]; reference: number[]; naive: number[] }>();
  try {
    o.progress('  cold runs');
    for (const q of o.queries) {
      const a = await athena(q.sql);
      // A fresh DuckDB for the reference's cold run: nothing cached but what the OS has.
      const fresh = await openTable('reference', o.direct, o.table, o.logFormat, o.rawDir, o.parquetDir);
      let r: number;
      try {
        r = (await fresh.run(q.sql)).ms;
      } finally {
        fresh.close();
      }
      cold.set(q.name, { athena: a, reference: r });
      warm.set(q.name, { athena: [], reference: [], naive: [] });
      o.progress(`    ${q.name.padEnd(44)} athena ${fmt(a.ms)} ms  reference ${fmt(r)} ms`);
    }
    for (let round = 0; round < Math.max(o.warmRuns, o.naiveRuns); round += 1) {
      o.progress(`  warm round ${round + 1}/${Math.max(o.warmRuns, o.naiveRuns)} (load ${os.loadavg()[0].toFixed(1)})`);
      for (const q of o.queries) {
        const w = warm.get(q.name)!;
        if (round < o.warmRuns) {
          // Alternate which side goes first, so neither always runs right after the other's cache warm-up.
          if (round % 2 === 0) {
            w.athena.push(await athena(q.sql));
            w.reference.push((await reference.run(q.sql)).ms);
          } else {
            w.reference.push((await reference.run(q.sql)).ms);
            w.athena.push(await athena(q.sql));
          }
        }
        if (round < o.naiveRuns) w.naive.push((await naive.run(q.sql)).ms);
      }
    }
  } finally {
    reference.close();
    naive.close();
  }
  return o.queries.map((q) => {
    const c = cold.get(q.name)!;
    const w = warm.get(q.name)!;
    const athenaWarmMs = median(w.athena.map((t) => t.ms));
    const referenceWarmMs = median(w.reference);
    const naiveMs = median(w.naive);
    return {
      name: q.name,
      rows: c.athena.rows,
      athenaColdMs: c.athena.ms,
      athenaWarmMs,
      athenaWarmRuns: w.athena.map((t) => round1(t.ms)),
      engineWarmMs: median(w.athena.map((t) => t.engineMs)),
      referenceColdMs: c.reference,
      referenceWarmMs,
      naiveMs,
      vsReference: athenaWarmMs / referenceWarmMs,
      speedupOverNaive: naiveMs / athenaWarmMs,
      scannedBytes: c.athena.scannedBytes,
      loadAverage: os.loadavg()[0],
    };
  });
}

const fmt = (ms: number) => ms.toFixed(0).padStart(6);
const round1 = (n: number) => Math.round(n * 10) / 10;
