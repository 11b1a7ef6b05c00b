/**
 * `npm run bench`: indexing time and memory of the language server on the seeds and on a synthetic
 * 2,000-document workspace, the cost of parsing alone, edit-to-diagnostics and hover/definition latency.
 * Prints figures and ratios; asserts nothing (timings belong here, not in tests).
 * BENCH_RUNS (default 3) sets how many runs each median is taken over; BENCH_FILES / BENCH_FILE_KB size the corpus.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractEntities } from '../server/src/core/extract/entities';
import { extractFigures } from '../server/src/core/extract/figures/extractFigures';
import { extractOutline } from '../server/src/core/extract/outline';
import { extractReferences } from '../server/src/core/extract/references';
import { parseMarkdown } from '../server/src/core/parse';
import { LineIndex } from '../server/src/core/positions';
import { fileUri, LspHarness } from '../test/helpers/lspHarness';
import { buildSyntheticWorkspace, listFiles } from './corpus';

const ROOT = resolve(import.meta.dirname, '..');
const SEEDS = join(ROOT, 'seeds');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FILES = Number(process.env.BENCH_FILES ?? 2000);
const FILE_KB = Number(process.env.BENCH_FILE_KB ?? 50);

interface IndexRun {
  ms: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  console.log(`Policy Lens benchmark — node ${process.version}, ${RUNS} run(s) per median`);
  const synthetic = buildSyntheticWorkspace(SEEDS, join(ROOT, 'bench/.work'), FILES, FILE_KB * 1024);
  for (const [name, folder] of [['seeds', SEEDS], [`synthetic (${FILES} files)`, synthetic]] as const) {
    const files = listFiles(folder);
    const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
    const runs: IndexRun[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await indexOnce(folder, files.length));
    const stageRuns = Array.from({ length: RUNS }, () => stageTimes(files));
    const stage = (name: keyof StageTimes) => median(stageRuns.map((r) => r[name]));
    const parseMs = stage('parse');
    const indexMs = median(runs.map((r) => r.ms));
    console.log(`\n## ${name}: ${files.length} documents, ${(bytes / 1e6).toFixed(1)} MB`);
    row('initialize → complete workspace diagnostics', `${fmt(indexMs)} ms`, `${((bytes / 1e6) / (indexMs / 1000)).toFixed(2)} MB/s`);
    row('peak server RSS', `${median(runs.map((r) => r.peakRssMb)).toFixed(0)} MB`);
    row('remark-parse alone, same bytes (in process)', `${fmt(parseMs)} ms`, `${((bytes / 1e6) / (parseMs / 1000)).toFixed(2)} MB/s`);
    row('analysis ÷ parse', `${(indexMs / parseMs).toFixed(2)} ×`);
    for (const name of ['outline', 'references', 'entities', 'figures'] as const) {
      row(`  ${name} extractor alone (in process)`, `${fmt(stage(name))} ms`, `${((bytes / 1e6) / (stage(name) / 1000)).toFixed(2)} MB/s`);
    }
  }
  await editAndQueryLatency(synthetic);
}

/** Starts a server on `folder` and times initialize → diagnostics published for every document. */
async function indexOnce(folder: string, documentCount: number): Promise<IndexRun> {
  const started = performance.now();
  const server = await LspHarness.start([folder]);
  await server.waitFor(() => server.publishedCount() >= documentCount, 600_000, 'diagnostics for every document');
  const ms = performance.now() - started;
  const peakRssMb = peakRss(server.process.pid!);
  await server.dispose();
  return { ms, peakRssMb };
}

async function editAndQueryLatency(synthetic: string): Promise<void> {
  const largestSeed = join(SEEDS, '002_2e3851e7520eefff.txt');
  const files = listFiles(synthetic);
  const server = await LspHarness.start([SEEDS, synthetic]);
  await server.waitFor(() => server.publishedCount() >= files.length + 5, 600_000, 'indexing');
  const uri = fileUri(largestSeed);
  const text = readFileSync(largestSeed, 'utf8');
  await server.open(uri, text);
  await server.waitFor(() => server.publishedVersion(uri) === 1, 30_000, 'diagnostics of the opened seed');
  const lines = text.split('\n');
  const editMs: number[] = [];
  for (let version = 2; version < 52; version++) {
    const line = Math.floor(((version * 7919) % lines.length));
    const started = performance.now();
    await server.change(uri, version, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: version % 2 ? 'x' : '' }]);
    await server.waitFor(() => server.publishedVersion(uri) === version, 30_000, `diagnostics for version ${version}`);
    editMs.push(performance.now() - started);
  }
  console.log(`\n## latency on seeds + synthetic (${files.length + 5} documents)`);
  row('one-character edit in the 359 KB seed → its diagnostics', `p50 ${fmt(percentile(editMs, 50))} ms`, `p95 ${fmt(percentile(editMs, 95))} ms`);
  const current = (await import('node:fs')).readFileSync(largestSeed, 'utf8');
  const targets = [...current.matchAll(/\b[A-Z]{2,6}s?\b|\d[\d,.]*/g)].filter((_, i) => i % 37 === 0).slice(0, 200);
  const hoverMs: number[] = [];
  const definitionMs: number[] = [];
  const currentLines = current.split('\n');
  for (const match of targets) {
    const before = current.slice(0, match.index).split('\n');
    const position = { line: before.length - 1, character: before.at(-1)!.length + 1 };
    if (position.line >= currentLines.length) continue;
    let t = performance.now();
    await server.hover(uri, position);
    hoverMs.push(performance.now() - t);
    t = performance.now();
    await server.definition(uri, position);
    definitionMs.push(performance.now() - t);
  }
  row(`hover (${hoverMs.length} positions)`, `p50 ${fmt(percentile(hoverMs, 50), 2)} ms`, `p95 ${fmt(percentile(hoverMs, 95), 2)} ms`);
  row(`definition (${definitionMs.length} positions)`, `p50 ${fmt(percentile(definitionMs, 50), 2)} ms`, `p95 ${fmt(percentile(definitionMs, 95), 2)} ms`);
  await server.dispose();
}

interface StageTimes {
  parse: number;
  outline: number;
  references: number;
  entities: number;
  figures: number;
}

/** Each stage of the document analysis timed alone over the same texts, in process (ms). */
function stageTimes(files: string[]): StageTimes {
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const times: StageTimes = { parse: 0, outline: 0, references: 0, entities: 0, figures: 0 };
  for (const text of texts) {
    let t = performance.now();
    const tree = parseMarkdown(text);
    times.parse += performance.now() - t;
    t = performance.now();
    const outline = extractOutline(tree, text, new LineIndex(text), 'plaintext');
    times.outline += performance.now() - t;
    t = performance.now();
    extractReferences(text, outline);
    times.references += performance.now() - t;
    t = performance.now();
    extractEntities(tree, text);
    times.entities += performance.now() - t;
    t = performance.now();
    extractFigures(tree, text, outline);
    times.figures += performance.now() - t;
  }
  return times;
}

/** VmHWM: the peak resident set size of a live process, from /proc (Linux). */
function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
  } catch {
    return NaN;
  }
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function fmt(ms: number, digits = 0): string {
  return ms.toFixed(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function row(label: string, ...values: string[]): void {
  console.log(`  ${label.padEnd(52)} ${values.map((v) => v.padStart(14)).join('  ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
