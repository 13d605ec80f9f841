import os from 'node:os';

export const SECTIONS = ['queries', 'throughput', 'browser'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  records: number;
  days: number;
  sections: Set<Section>;
  warmRuns: number;
  naiveRuns: number;
  gzipLevel: number;
  workers: number;
  acceleration: boolean;
  keep: boolean;
  out: string;
  concurrency: number;
  throughputRequests: number;
  throughputSeconds: number;
}

export const USAGE = `npm run bench -- [options]

  --records N            flow-log records to generate and deliver (default 1000000; 10000000 supported)
  --days N               days of history they are spread over (default 7: 2016 five-minute files)
  --sections a,b         any of ${SECTIONS.join(', ')} (default: all); generation and the integration always run
  --skip a,b             run every section but these
  --warm-runs N          warm runs per query for Athena and the reference (default 5)
  --naive-runs N         runs per query over the raw gzip text (default 3)
  --gzip-level N         gzip level of the generated files (default 1; delivery uses 6 — same text either way)
  --workers N            generator threads (default: cores, at most 4)
  --acceleration on|off  local AWS's columnar acceleration (default on; off = LOCAL_AWS_COLUMNAR=off)
  --concurrency N        requests in flight in the throughput section (default 8)
  --keep                 keep the temporary data dir
  --out FILE             JSON results (default bench/results/latest.json)
`;

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    records: 1_000_000,
    days: 7,
    sections: new Set(SECTIONS),
    warmRuns: 5,
    naiveRuns: 3,
    gzipLevel: 1,
    workers: Math.max(1, Math.min(4, os.availableParallelism())),
    acceleration: true,
    keep: false,
    out: 'bench/results/latest.json',
    concurrency: 8,
    throughputRequests: 3000,
    throughputSeconds: 5,
  };
  const positive = (name: string, value: string | undefined, min = 1) => {
    const n = Number(value?.replace(/_/g, ''));
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} needs a number ≥ ${min} (got ${value ?? 'nothing'})`);
    return n;
  };
  const sections = (value: string | undefined): Section[] => {
    const names = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    for (const name of names) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown section ${name}; sections: ${SECTIONS.join(', ')}`);
    return names as Section[];
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--records':
        args.records = Math.floor(positive(flag, value(), 1000));
        break;
      case '--days':
        args.days = positive(flag, value(), 0.01);
        break;
      case '--sections':
        args.sections = new Set(sections(value()));
        break;
      case '--skip':
        for (const s of sections(value())) args.sections.delete(s);
        break;
      case '--warm-runs':
        args.warmRuns = Math.floor(positive(flag, value()));
        break;
      case '--naive-runs':
        args.naiveRuns = Math.floor(positive(flag, value()));
        break;
      case '--gzip-level':
        args.gzipLevel = Math.min(9, Math.floor(positive(flag, value())));
        break;
      case '--workers':
        args.workers = Math.floor(positive(flag, value()));
        break;
      case '--acceleration': {
        const v = value();
        if (v !== 'on' && v !== 'off') throw new Error('--acceleration takes on or off');
        args.acceleration = v === 'on';
        break;
      }
      case '--concurrency':
        args.concurrency = Math.floor(positive(flag, value()));
        break;
      case '--keep':
        args.keep = true;
        break;
      case '--out':
        args.out = value();
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
    }
  }
  return args;
}
