import { readdirSync, readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';

/** How long any one wait of the benchmark may take before it is reported as timed out (30 min). */
export const BENCH_TIMEOUT_MS = 30 * 60_000;

/** VmHWM (peak resident set) of one live process in MB, from /proc (Linux); NaN once it is gone. */
export function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
  } catch {
    return NaN;
  }
}

/** The live descendants of `pid` (children, grandchildren, …), from the parent ids in /proc/<pid>/stat. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) is in parentheses and may contain spaces; the parent id follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // exited while we were listing
    }
  }
  const out: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

/**
 * Peak RSS of a process and of every process it spawns. VmHWM is the kernel's own high-water mark, so
 * one reading at the end is exact for a live process; the sampler also polls the process tree so a child
 * that exits before the end still counts. The tree total is the sum of each process's own peak (an upper
 * bound if they peaked at different moments); the servers measured here spawn no children in practice.
 */
export class PeakRssSampler {
  readonly #root: number;
  readonly #peaks = new Map<number, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(root: number, intervalMs = 500) {
    this.#root = root;
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  sample(): void {
    for (const pid of [this.#root, ...descendants(this.#root)]) {
      const peak = peakRss(pid);
      if (!Number.isNaN(peak)) this.#peaks.set(pid, Math.max(peak, this.#peaks.get(pid) ?? 0));
    }
  }

  /** Takes a last reading and stops; returns the root's peak and the tree's (MB). */
  stop(): { processMb: number; treeMb: number; processes: number } {
    this.sample();
    clearInterval(this.#timer);
    const tree = [...this.#peaks.values()].reduce((sum, mb) => sum + mb, 0);
    return { processMb: this.#peaks.get(this.#root) ?? NaN, treeMb: tree, processes: this.#peaks.size };
  }
}

/** Rejects when `child` exits, so a server that crashes or runs out of memory is reported at once instead of at the deadline. */
export function whenExited(child: ChildProcess, what: string): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new Error(`${what}: the server process exited (code ${child.exitCode}, signal ${child.signalCode})`));
    if (child.exitCode !== null || child.signalCode !== null) fail();
    else child.once('exit', fail);
  });
}

export function median(values: number[]): number {
  // Of an even count, the mean of the middle two: the nearest rank would report the lower of two runs.
  if (values.length > 0 && values.length % 2 === 0) {
    const sorted = [...values].sort((a, b) => a - b);
    return (sorted[values.length / 2 - 1]! + sorted[values.length / 2]!) / 2;
  }
  return percentile(values, 50);
}

/** Nearest-rank percentile; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A number with thousands separators. */
export function fmt(value: number, digits = 0): string {
  if (Number.isNaN(value)) return 'n/a';
  return value.toFixed(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function mbPerSecond(bytes: number, ms: number): string {
  return `${((bytes / 1e6) / (ms / 1000)).toFixed(2)} MB/s`;
}

export function row(label: string, ...values: string[]): void {
  console.log(`  ${label.padEnd(56)} ${values.map((v) => v.padStart(14)).join('  ')}`);
}

/** "(median of 3 runs)" or "(1 run)", for labels. */
export function runsLabel(count: number): string {
  return count === 1 ? '1 run' : `median of ${count} runs`;
}
