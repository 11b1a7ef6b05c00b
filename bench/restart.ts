import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listFiles } from './corpus';
import { indexOnce, type IndexRun } from './indexing';
import { fmt, median, row, runsLabel } from './stats';

export interface RestartFigures {
  coldMs: number;
  warmMs: number;
  warmPeakRssMb: number;
}

/**
 * Warm restart: our server started on `folder` with a fixed storage path (initializationOptions.storagePath,
 * as the VS Code client passes its workspace storage; server/src/node/analysisCache.ts persists the analyses
 * there after the first full indexing pass, before the first diagnostics are published), run to complete
 * diagnostics, shut down, and started again on the same storage: spawn/initialize → complete diagnostics.
 * Each run starts from an empty storage folder, so the cold figure includes writing the cache.
 */
export async function measureRestart(folder: string, workDir: string, runs: number): Promise<RestartFigures> {
  const documents = listFiles(folder).length;
  const storagePath = join(workDir, `storage-${basename(folder)}`);
  const cold: IndexRun[] = [];
  const warm: IndexRun[] = [];
  for (let i = 0; i < runs; i++) {
    rmSync(storagePath, { recursive: true, force: true });
    cold.push(await indexOnce(folder, documents, { storagePath }));
    warm.push(await indexOnce(folder, documents, { storagePath }));
  }
  const figures = { coldMs: median(cold.map((r) => r.ms)), warmMs: median(warm.map((r) => r.ms)), warmPeakRssMb: median(warm.map((r) => r.peakRssMb)) };
  const fromCache = warm.map((r) => r.fromCache ?? 0);
  console.log(`\n## restart with a persisted index: ${documents} documents (${runs === 1 ? '1 run' : `${runsLabel(runs)}`})`);
  row('cold: empty storage → complete diagnostics', `${fmt(figures.coldMs)} ms`);
  row('warm: same storage, restarted → complete diagnostics', `${fmt(figures.warmMs)} ms`, `${(figures.coldMs / figures.warmMs).toFixed(1)} × faster`);
  row('warm: documents taken from the cache', `${Math.min(...fromCache)} of ${documents}`);
  row('warm: peak server RSS', `${fmt(figures.warmPeakRssMb)} MB`);
  return figures;
}
