import { readFileSync, statSync } from 'node:fs';
import { extractEntities } from '../server/src/core/extract/entities';
import { extractFigures } from '../server/src/core/extract/figures/extractFigures';
import { extractOutline } from '../server/src/core/extract/outline';
import { extractReferences } from '../server/src/core/extract/references';
import { parseMarkdown, parseWithRemark } from '../server/src/core/parse';
import { LineIndex } from '../server/src/core/positions';
import { LspHarness } from '../test/helpers/lspHarness';
import { listFiles } from './corpus';
import { BENCH_TIMEOUT_MS, fmt, mbPerSecond, median, PeakRssSampler, row, runsLabel, whenExited } from './stats';

export interface IndexRun {
  /** Spawn → diagnostics published for every document (ms). */
  ms: number;
  /** Peak RSS of the server process and anything it spawned (MB). */
  peakRssMb: number;
  /** How many documents the server said it took from its persisted cache. */
  fromCache: number | undefined;
}

export interface IndexFigures {
  documents: number;
  bytes: number;
  indexMs: number;
  peakRssMb: number;
  parseMs: number;
}

/**
 * Starts our server on `folder` and times spawn/initialize → diagnostics published for every document
 * ("complete workspace diagnostics": the server publishes only after its first full indexing pass).
 */
export async function indexOnce(folder: string, documentCount: number, initializationOptions: Record<string, unknown> = {}): Promise<IndexRun> {
  const what = `our server's diagnostics for all ${documentCount} documents`;
  const started = performance.now();
  const server = await LspHarness.start([folder], {}, initializationOptions);
  const sampler = new PeakRssSampler(server.process.pid!);
  try {
    await Promise.race([server.waitFor(() => server.publishedCount() >= documentCount, BENCH_TIMEOUT_MS, what), whenExited(server.process, what)]);
  } catch (error) {
    const peak = sampler.stop().treeMb;
    await server.dispose();
    throw new Error(`${firstLine(error)}${fatalLine(server.stderr)}; peak RSS until then ${fmt(peak)} MB${server.logs.some((line) => line.startsWith('Indexed ')) ? `; it had logged: ${server.logs.find((line) => line.startsWith('Indexed '))!.slice(0, 80)}` : ''}`);
  }
  const ms = performance.now() - started;
  const peakRssMb = sampler.stop().treeMb;
  const indexed = server.logs.map((line) => /^Indexed \d+ documents .*\((\d+) from cache\)/.exec(line)).find(Boolean);
  await server.dispose();
  return { ms, peakRssMb, fromCache: indexed ? Number(indexed[1]) : undefined };
}

/** Indexing time and memory on one workspace, parse-only time on the same bytes and each extractor alone; prints a section. */
export async function measureIndexing(name: string, folder: string, runs: number): Promise<IndexFigures> {
  const files = listFiles(folder);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  console.log(`\n## ${name}: ${files.length} documents, ${(bytes / 1e6).toFixed(1)} MB (${runsLabel(runs)})`);
  const indexRuns: IndexRun[] = [];
  for (let i = 0; i < runs; i++) indexRuns.push(await indexOnce(folder, files.length));
  const indexMs = median(indexRuns.map((r) => r.ms));
  const peakRssMb = median(indexRuns.map((r) => r.peakRssMb));
  row('spawn/initialize → complete workspace diagnostics', `${fmt(indexMs)} ms`, mbPerSecond(bytes, indexMs));
  row('peak server RSS', `${fmt(peakRssMb)} MB`);
  const stageRuns = Array.from({ length: runs }, () => stageTimes(files));
  const stage = (key: keyof StageTimes) => median(stageRuns.map((r) => r[key]));
  // The ratio below compares to remark-parse itself; our parse builds plain paragraphs and headings without it (plainBlocks.ts).
  const parseMs = stage('parse');
  row('remark-parse alone, same bytes (in process)', `${fmt(parseMs)} ms`, mbPerSecond(bytes, parseMs));
  row('our parse (plain blocks without remark), same bytes', `${fmt(stage('ourParse'))} ms`, mbPerSecond(bytes, stage('ourParse')));
  row('analysis ÷ parse', `${(indexMs / parseMs).toFixed(2)} ×`);
  for (const key of ['outline', 'references', 'entities', 'figures'] as const) {
    row(`  ${key} extractor alone (in process)`, `${fmt(stage(key))} ms`, mbPerSecond(bytes, stage(key)));
  }
  return { documents: files.length, bytes, indexMs, peakRssMb, parseMs };
}

interface StageTimes {
  /** remark-parse on the whole text. */
  parse: number;
  /** parseMarkdown, as the analysis parses. */
  ourParse: number;
  outline: number;
  references: number;
  entities: number;
  figures: number;
}

/** Each stage of the document analysis timed alone over the same texts, in process (ms). */
function stageTimes(files: string[]): StageTimes {
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const times: StageTimes = { parse: 0, ourParse: 0, outline: 0, references: 0, entities: 0, figures: 0 };
  for (const text of texts) {
    let t = performance.now();
    parseWithRemark(text);
    times.parse += performance.now() - t;
    t = performance.now();
    const tree = parseMarkdown(text);
    times.ourParse += performance.now() - t;
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

/** V8's reason for aborting (e.g. "Reached heap limit … JavaScript heap out of memory"), if the server printed one. */
function fatalLine(stderr: string[]): string {
  const fatal = /FATAL ERROR:[^\n]*/.exec(stderr.join(''));
  return fatal ? ` (${fatal[0].trim()})` : '';
}

/** An error's first line: LspHarness timeouts append the whole server stderr. */
export function firstLine(error: unknown, maxLength = 300): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, maxLength);
}
