import fs from 'node:fs';

/**
 * Samples a process's memory from /proc/<pid>/status: VmRSS every `intervalMs`, and VmHWM (the
 * kernel's own high-water mark of resident memory, which also catches peaks between samples).
 * Marks let the report say which phase a peak belongs to.
 */
export class MemorySampler {
  private timer?: NodeJS.Timeout;
  private peakRssKb = 0;
  private phase = 'start';
  private readonly phasePeaks = new Map<string, number>();

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Starts a new phase; later samples count towards it. */
  mark(phase: string) {
    this.sample();
    this.phase = phase;
  }

  stop() {
    this.sample();
    if (this.timer) clearInterval(this.timer);
  }

  /** Peak resident memory in MiB: the larger of the kernel's high-water mark and our samples. */
  peakMiB(): number {
    const hwm = readStatus(this.pid).VmHWM ?? 0;
    return Math.max(hwm, this.peakRssKb) / 1024;
  }

  phasePeaksMiB(): Record<string, number> {
    return Object.fromEntries([...this.phasePeaks].map(([phase, kb]) => [phase, round1(kb / 1024)]));
  }

  private sample() {
    const status = readStatus(this.pid);
    const rss = status.VmRSS;
    if (rss === undefined) return;
    this.peakRssKb = Math.max(this.peakRssKb, rss, status.VmHWM ?? 0);
    this.phasePeaks.set(this.phase, Math.max(this.phasePeaks.get(this.phase) ?? 0, rss));
  }
}

function readStatus(pid: number): { VmRSS?: number; VmHWM?: number } {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const value = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
      return match ? Number(match[1]) : undefined;
    };
    return { VmRSS: value('VmRSS'), VmHWM: value('VmHWM') };
  } catch {
    return {};
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
