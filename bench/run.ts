/**
 * `npm run bench` (after `npm run build`: it drives dist/server.js): issue 7's benchmark. Prints figures,
 * ratios and a closing "measure | ours | target | met?" table; asserts nothing (timings belong here, not in tests).
 *
 * Parts (each in its own module):
 *   index    bench/indexing.ts  seeds and synthetic workspace: spawn/initialize → complete diagnostics, peak server
 *                               RSS, remark-parse alone on the same bytes, analysis ÷ parse, each extractor alone
 *   peer     bench/peer.ts      vscode-markdown-languageserver (pinned) on the synthetic workspace, driven by
 *                               bench/peerClient.ts: spawn → first complete workspace/symbol answer, peak RSS;
 *                               printed next to ours, with the ratios of the targets
 *   restart  bench/restart.ts   synthetic workspace with a fixed storage path: cold, then a restart on the warm cache
 *   latency  bench/latency.ts   edit → diagnostics in the 359 KB seed, hover and definition, seeds + synthetic open
 *
 * Environment:
 *   BENCH_ONLY     comma-separated parts to run, e.g. `BENCH_ONLY=peer,restart` (default: all four)
 *   BENCH_RUNS     runs each median is taken over (default 3); for latency, rounds of 50 edits in one server
 *   BENCH_FILES    synthetic documents (default 2000)
 *   BENCH_FILE_KB  size of each synthetic document in KB (default 50, so ~100 MB in all); the corpus is built
 *                  once per size under bench/.work/ (bench/corpus.ts) and reused
 *   BENCH_EDIT_LOG set: print each edit's latency (version, line, ms), to see which edits make the tail
 * Every wait has a 30-minute deadline (stats.ts BENCH_TIMEOUT_MS); a part that times out or whose server
 * exits is reported as such, and the other parts still run.
 */
import { join, resolve } from 'node:path';
import { buildSyntheticWorkspace } from './corpus';
import { firstLine, measureIndexing } from './indexing';
import { measureLatency } from './latency';
import { measurePeer, printSideBySide } from './peer';
import { measureRestart } from './restart';
import { printSummary, type BenchResults } from './summary';

const ROOT = resolve(import.meta.dirname, '..');
const SEEDS = join(ROOT, 'seeds');
const WORK = join(ROOT, 'bench/.work');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FILES = Number(process.env.BENCH_FILES ?? 2000);
const FILE_KB = Number(process.env.BENCH_FILE_KB ?? 50);
const PARTS = ['index', 'peer', 'restart', 'latency'] as const;
type Part = (typeof PARTS)[number];

function selectedParts(): Set<Part> {
  const asked = (process.env.BENCH_ONLY ?? PARTS.join(',')).split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = asked.filter((part) => !PARTS.includes(part as Part));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown part(s) ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
  return new Set(asked as Part[]);
}

async function main(): Promise<void> {
  const parts = selectedParts();
  const corpus = `${FILES} files × ${FILE_KB} KB`;
  console.log(`Policy Lens benchmark — node ${process.version}, ${RUNS} run(s) per median, parts: ${[...parts].join(', ')}, synthetic: ${corpus}`);
  const synthetic = buildSyntheticWorkspace(SEEDS, WORK, FILES, FILE_KB * 1024);
  const results: BenchResults = { missing: new Map() };
  for (const part of PARTS) if (!parts.has(part)) results.missing.set(part, `not run (BENCH_ONLY)`);

  /** Runs one part; a failure (timeout, crash) is printed and recorded, and the benchmark goes on. */
  const attempt = async (part: Part, run: () => Promise<void>) => {
    if (!parts.has(part)) return;
    const started = performance.now();
    try {
      await run();
    } catch (error) {
      const reason = firstLine(error, 1000);
      console.log(`\n!! ${part} failed after ${((performance.now() - started) / 1000).toFixed(0)} s: ${reason}`);
      results.missing.set(part, `failed: ${reason.slice(0, 200)}`);
    }
  };

  await attempt('index', async () => {
    await measureIndexing('seeds', SEEDS, RUNS);
    results.synthetic = await measureIndexing(`synthetic (${corpus})`, synthetic, RUNS);
  });
  await attempt('peer', async () => {
    results.peer = await measurePeer(ROOT, synthetic, RUNS);
    printSideBySide(results.synthetic, results.peer);
  });
  await attempt('restart', async () => {
    results.restart = await measureRestart(synthetic, WORK, RUNS);
  });
  await attempt('latency', async () => {
    results.latency = await measureLatency(SEEDS, synthetic, RUNS);
  });
  printSummary(results, corpus);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
