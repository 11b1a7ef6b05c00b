import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileUri, LspHarness } from '../test/helpers/lspHarness';
import { listFiles } from './corpus';
import { firstLine } from './indexing';
import { BENCH_TIMEOUT_MS, fmt, median, percentile, row, runsLabel, whenExited } from './stats';

export interface LatencyFigures {
  editP50: number;
  editP95: number;
  hoverP50: number;
  hoverP95: number;
  definitionP50: number;
  definitionP95: number;
}

const EDITS_PER_ROUND = 50;

/**
 * Edit-to-diagnostics latency in the largest seed (359 KB) and hover/definition latency, with the seeds and the
 * synthetic workspace indexed. One server; `rounds` rounds of 50 edits and up to 200 hovers/definitions each,
 * and each figure is the median over rounds of that round's p50/p95 (a fresh server per round would re-index
 * the whole workspace every time, which is the indexing section's job).
 */
export async function measureLatency(seeds: string, synthetic: string, rounds: number): Promise<LatencyFigures> {
  const largestSeed = join(seeds, '002_2e3851e7520eefff.txt');
  const documents = listFiles(synthetic).length + listFiles(seeds).length;
  const server = await LspHarness.start([seeds, synthetic]);
  const exited = whenExited(server.process, 'latency');
  exited.catch(() => undefined); // it rejects at the final dispose too; only a race below acts on it
  const waitFor = async (test: () => boolean, what: string, timeoutMs = BENCH_TIMEOUT_MS) => {
    try {
      await Promise.race([server.waitFor(test, timeoutMs, what), exited]);
    } catch (error) {
      await server.dispose();
      throw new Error(`latency: ${firstLine(error)}`);
    }
  };
  await waitFor(() => server.publishedCount() >= documents, `our server's diagnostics for all ${documents} documents`);
  // Steady state: after the first diagnostics the server shares equal strings across analyses, a few documents per turn.
  await waitFor(() => server.logs.some((line) => line.startsWith('Shared the strings')), 'the server to share its analyses\' strings');
  const uri = fileUri(largestSeed);
  let text = readFileSync(largestSeed, 'utf8');
  await server.open(uri, text);
  await waitFor(() => server.publishedVersion(uri) === 1, 'diagnostics of the opened seed', 60_000);

  const perRound: LatencyFigures[] = [];
  let version = 1;
  for (let round = 0; round < rounds; round++) {
    const editMs: number[] = [];
    let lastLine = 0;
    for (let i = 0; i < EDITS_PER_ROUND; i++) {
      version++;
      // Even versions insert an 'x' at the start of a line, odd ones delete it again: the text returns to the seed.
      const insert = version % 2 === 0;
      const lines = text.split('\n');
      const line = insert ? (version * 7919) % lines.length : lastLine;
      lastLine = line;
      const started = performance.now();
      await server.change(uri, version, [{ range: { start: { line, character: 0 }, end: { line, character: insert ? 0 : 1 } }, text: insert ? 'x' : '' }]);
      await waitFor(() => server.publishedVersion(uri) === version, `diagnostics for version ${version}`, 60_000);
      editMs.push(performance.now() - started);
      if (process.env.BENCH_EDIT_LOG) console.log(`  edit v${version} line ${line}${insert ? '+' : '-'}: ${(performance.now() - started).toFixed(0)} ms`);
      lines[line] = insert ? `x${lines[line]}` : lines[line]!.slice(1);
      text = lines.join('\n');
    }
    const { hoverMs, definitionMs } = await hoverAndDefinition(server, uri, text);
    perRound.push({
      editP50: percentile(editMs, 50),
      editP95: percentile(editMs, 95),
      hoverP50: percentile(hoverMs, 50),
      hoverP95: percentile(hoverMs, 95),
      definitionP50: percentile(definitionMs, 50),
      definitionP95: percentile(definitionMs, 95),
    });
  }
  await server.dispose();

  const figures = Object.fromEntries(Object.keys(perRound[0]!).map((key) => [key, median(perRound.map((r) => r[key as keyof LatencyFigures]))])) as unknown as LatencyFigures;
  console.log(`\n## latency on seeds + synthetic (${documents} documents; ${runsLabel(rounds)} of ${EDITS_PER_ROUND} edits, in one server)`);
  row('one-character edit in the 359 KB seed → its diagnostics', `p50 ${fmt(figures.editP50)} ms`, `p95 ${fmt(figures.editP95)} ms`);
  row('hover', `p50 ${fmt(figures.hoverP50, 2)} ms`, `p95 ${fmt(figures.hoverP95, 2)} ms`);
  row('definition', `p50 ${fmt(figures.definitionP50, 2)} ms`, `p95 ${fmt(figures.definitionP95, 2)} ms`);
  return figures;
}

/** Hover and definition on acronyms and numbers spread through the document (every 37th, at most 200). */
async function hoverAndDefinition(server: LspHarness, uri: string, text: string): Promise<{ hoverMs: number[]; definitionMs: number[] }> {
  const targets = [...text.matchAll(/\b[A-Z]{2,6}s?\b|\d[\d,.]*/g)].filter((_, i) => i % 37 === 0).slice(0, 200);
  const hoverMs: number[] = [];
  const definitionMs: number[] = [];
  for (const match of targets) {
    const before = text.slice(0, match.index).split('\n');
    const position = { line: before.length - 1, character: before.at(-1)!.length + 1 };
    let t = performance.now();
    await server.hover(uri, position);
    hoverMs.push(performance.now() - t);
    t = performance.now();
    await server.definition(uri, position);
    definitionMs.push(performance.now() - t);
  }
  return { hoverMs, definitionMs };
}
