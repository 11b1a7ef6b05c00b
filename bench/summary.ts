import type { IndexFigures } from './indexing';
import type { LatencyFigures } from './latency';
import type { PeerFigures } from './peer';
import type { RestartFigures } from './restart';
import { fmt } from './stats';

/** What the selected parts measured; a part not run (or that failed) leaves its field undefined. */
export interface BenchResults {
  synthetic?: IndexFigures;
  latency?: LatencyFigures;
  restart?: RestartFigures;
  peer?: PeerFigures;
  /** Part → why it produced no figures (timed out, crashed, not selected). */
  missing: Map<string, string>;
}

interface Target {
  measure: string;
  /** Where the figure comes from, to say why it is missing. */
  parts: string[];
  value: (r: BenchResults) => number | undefined;
  show: (value: number) => string;
  target: string;
  met: (value: number) => boolean;
}

/** Issue 7's targets, in the order the issue states them. */
const TARGETS: Target[] = [
  {
    measure: 'complete diagnostics (synthetic) ÷ peer first workspace answer',
    parts: ['index', 'peer'],
    value: (r) => r.synthetic && r.peer && r.synthetic.indexMs / r.peer.completeMs,
    show: (v) => `${v.toFixed(2)} ×`,
    target: '≤ 0.5 ×',
    met: (v) => v <= 0.5,
  },
  {
    measure: 'peak server RSS (synthetic) ÷ peer server peak RSS',
    parts: ['index', 'peer'],
    value: (r) => r.synthetic && r.peer && r.synthetic.peakRssMb / r.peer.serverPeakRssMb,
    show: (v) => `${v.toFixed(2)} ×`,
    target: '≤ 0.4 ×',
    met: (v) => v <= 0.4,
  },
  {
    measure: 'edit → diagnostics p95, 359 KB seed',
    parts: ['latency'],
    value: (r) => r.latency?.editP95,
    show: (v) => `${fmt(v)} ms`,
    target: '≤ 100 ms',
    met: (v) => v <= 100,
  },
  {
    measure: 'hover p95',
    parts: ['latency'],
    value: (r) => r.latency?.hoverP95,
    show: (v) => `${fmt(v, 2)} ms`,
    target: '≤ 5 ms',
    met: (v) => v <= 5,
  },
  {
    measure: 'definition p95',
    parts: ['latency'],
    value: (r) => r.latency?.definitionP95,
    show: (v) => `${fmt(v, 2)} ms`,
    target: '≤ 5 ms',
    met: (v) => v <= 5,
  },
  {
    measure: 'warm restart → complete diagnostics (synthetic)',
    parts: ['restart'],
    value: (r) => r.restart?.warmMs,
    show: (v) => `${fmt(v)} ms`,
    target: '≤ 1,000 ms',
    met: (v) => v <= 1000,
  },
  {
    measure: 'analysis ÷ remark-parse alone (synthetic)',
    parts: ['index'],
    value: (r) => r.synthetic && r.synthetic.indexMs / r.synthetic.parseMs,
    show: (v) => `${v.toFixed(2)} ×`,
    target: '≤ 1.3 ×',
    met: (v) => v <= 1.3,
  },
];

/** Prints "measure | ours | target | met?" for every target of issue 7; asserts nothing. */
export function printSummary(results: BenchResults, corpus: string): void {
  console.log(`\n## summary against issue 7's targets (${corpus})`);
  const rows = TARGETS.map((target) => {
    const value = target.value(results);
    if (value === undefined || Number.isNaN(value)) {
      const why = target.parts.map((part) => results.missing.get(part)).find(Boolean) ?? 'not measured';
      return [target.measure, '—', target.target, why];
    }
    return [target.measure, target.show(value), target.target, target.met(value) ? 'yes' : 'no'];
  });
  const widths = [0, 1, 2].map((column) => Math.max(...[['measure', 'ours', 'target'], ...rows].map((r) => r[column]!.length)));
  const line = (cells: string[]) => `  | ${cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join(' | ')}`;
  console.log(line(['measure', 'ours', 'target', 'met?']));
  console.log(`  |${widths.map((w) => '-'.repeat(w + 2)).join('|')}|------`);
  for (const cells of rows) console.log(line(cells));
}
