import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listFiles } from './corpus';
import { firstLine } from './indexing';
import { fileUri, LspHarness } from '../test/helpers/lspHarness';
import { BENCH_TIMEOUT_MS, fmt, median, PeakRssSampler, row, runsLabel, whenExited } from './stats';

export interface RestartFigures {
  coldMs: number;
  /** Spawn → diagnostics published for every document, on the restart. */
  warmMs: number;
  warmPeakRssMb: number;
  /** Spawn → "Indexed …": the index answers hover, definition and the rest, on the restart. */
  warmIndexedMs: number;
  /** A hover sent once every document has diagnostics, on the restart: how long until it is answered (while loading). */
  warmHoverMs: number;
}

interface Run {
  /** Spawn → diagnostics published for every document. */
  ms: number;
  /** Spawn → the server logged "Indexed …". */
  indexedMs: number;
  /** Spawn → the first pass over the index checked the diagnostics published from the snapshot, if it used one. */
  checkedMs: number | undefined;
  /** A hover on the last document, sent once every document had diagnostics: its round trip (the server may be loading). */
  hoverMs: number;
  /** How many documents that pass sent again (their diagnostics differed from the snapshot's). */
  sentAgain: number | undefined;
  fromCache: number | undefined;
  peakRssMb: number;
}

/**
 * Starts our server on `folder` with `storagePath` and waits for diagnostics on every document, for the index, and
 * (when it published from the diagnostics snapshot) for the first pass over the index; `saved` also waits until the
 * analysis cache and the snapshot are written, so the next start finds them. Peak RSS covers all of it.
 */
async function restartOnce(folder: string, documents: number, lastDocument: string, storagePath: string, saved: boolean): Promise<Run> {
  const started = performance.now();
  const server = await LspHarness.start([folder], {}, { storagePath });
  const sampler = new PeakRssSampler(server.process.pid!);
  const logged = (prefix: string) => server.logs.find((line) => line.startsWith(prefix));
  const wait = async (what: string, test: () => boolean) => {
    await Promise.race([server.waitFor(test, BENCH_TIMEOUT_MS, what), whenExited(server.process, what)]);
    return performance.now() - started;
  };
  try {
    const ms = await wait(`diagnostics for all ${documents} documents`, () => server.publishedCount() >= documents);
    const hoverSent = performance.now();
    const hover = server.hover(fileUri(lastDocument), { line: 0, character: 0 }).then(() => performance.now() - hoverSent, () => NaN);
    const indexedMs = await wait('the index', () => logged('Indexed ') !== undefined);
    const usedSnapshot = logged('Publishing the diagnostics of ') !== undefined;
    const checkedMs = usedSnapshot ? await wait('the check of the snapshot', () => logged('Checked the ') !== undefined) : undefined;
    if (saved) await wait('the analysis cache and the snapshot to be saved', () => logged('Saved the diagnostics of ') !== undefined && server.logs.some((line) => / to the analysis cache /.test(line)));
    const hoverMs = await hover;
    const fromCache = /\((\d+) from cache\)/.exec(logged('Indexed ')!);
    const sentAgain = usedSnapshot ? /: (\d+) sent again$/.exec(logged('Checked the ')!) : null;
    return { ms, indexedMs, hoverMs, checkedMs, sentAgain: sentAgain ? Number(sentAgain[1]) : undefined, fromCache: fromCache ? Number(fromCache[1]) : undefined, peakRssMb: sampler.stop().treeMb };
  } catch (error) {
    throw new Error(`${firstLine(error)}; peak RSS until then ${fmt(sampler.stop().treeMb)} MB; last log: ${server.logs.at(-1)?.slice(0, 120) ?? 'none'}`);
  } finally {
    await server.dispose();
  }
}

/**
 * Warm restart: our server started on `folder` with a fixed storage path (initializationOptions.storagePath, as the
 * VS Code client passes its workspace storage), run until the analysis cache (server/src/node/analysisCache.ts) and
 * the diagnostics snapshot (server/src/node/diagnosticsSnapshot.ts) are written, shut down, and started again on
 * the same storage: spawn/initialize → complete diagnostics (from the snapshot, when every document is unchanged),
 * → the index ready for hover and the rest, → the first rules pass confirming the snapshot's diagnostics.
 * Each run starts from an empty storage folder.
 */
export async function measureRestart(folder: string, workDir: string, runs: number): Promise<RestartFigures> {
  const files = listFiles(folder);
  const documents = files.length;
  const storagePath = join(workDir, `storage-${basename(folder)}`);
  const cold: Run[] = [];
  const warm: Run[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(storagePath, { recursive: true, force: true });
    cold.push(await restartOnce(folder, documents, files.at(-1)!, storagePath, true));
    warm.push(await restartOnce(folder, documents, files.at(-1)!, storagePath, false));
  }
  const figures = {
    coldMs: median(cold.map((r) => r.ms)),
    warmMs: median(warm.map((r) => r.ms)),
    warmPeakRssMb: median(warm.map((r) => r.peakRssMb)),
    warmIndexedMs: median(warm.map((r) => r.indexedMs)),
    warmHoverMs: median(warm.map((r) => r.hoverMs)),
  };
  const fromSnapshot = warm.filter((r) => r.checkedMs !== undefined);
  console.log(`\n## restart with a persisted index: ${documents} documents (${runs === 1 ? '1 run' : `${runsLabel(runs)}`})`);
  row('cold: empty storage → complete diagnostics', `${fmt(figures.coldMs)} ms`);
  row('warm: same storage, restarted → complete diagnostics', `${fmt(figures.warmMs)} ms`, `${(figures.coldMs / figures.warmMs).toFixed(1)} × faster`);
  row('warm: published from the diagnostics snapshot', `${fromSnapshot.length} of ${warm.length} runs`);
  row('warm: → index ready (hover, definition, …)', `${fmt(figures.warmIndexedMs)} ms`);
  row('warm: hover sent at complete diagnostics → answered', `${fmt(figures.warmHoverMs)} ms`, 'while the index loads');
  if (fromSnapshot.length > 0) {
    row('warm: → first rules pass checked the snapshot', `${fmt(median(fromSnapshot.map((r) => r.checkedMs!)))} ms`, `${Math.max(...fromSnapshot.map((r) => r.sentAgain ?? NaN))} documents sent again`);
  }
  row('warm: documents taken from the cache', `${Math.min(...warm.map((r) => r.fromCache ?? 0))} of ${documents}`);
  row('warm: peak server RSS', `${fmt(figures.warmPeakRssMb)} MB`);
  return figures;
}
