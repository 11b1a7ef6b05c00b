import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../test/helpers/random';

/**
 * Builds a synthetic workspace from the seeds: `files` documents of about `bytesPerFile` each, made of
 * runs of consecutive paragraphs cut from random seeds (so tables, notes and figures stay realistic),
 * with every 7th file renamed to `.md`. Deterministic (seeded PRNG) and cached on disk by its parameters.
 */
export function buildSyntheticWorkspace(seedsDir: string, outDir: string, files: number, bytesPerFile: number): string {
  const target = join(outDir, `synthetic-${files}x${bytesPerFile}`);
  const marker = join(target, '.complete');
  if (existsSync(marker)) return target;
  rmSync(target, { recursive: true, force: true });
  const seeds = readdirSync(seedsDir).sort().map((name) => readFileSync(join(seedsDir, name), 'utf8').split(/\n\s*\n/));
  const random = seededRandom(20261122);
  for (let i = 0; i < files; i++) {
    const folder = join(target, `group-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    const parts: string[] = [];
    let size = 0;
    while (size < bytesPerFile) {
      const paragraphs = seeds[Math.floor(random() * seeds.length)]!;
      const start = Math.floor(random() * paragraphs.length);
      const run = paragraphs.slice(start, start + 5 + Math.floor(random() * 40)).join('\n\n');
      parts.push(run);
      size += Buffer.byteLength(run) + 2;
    }
    writeFileSync(join(folder, `doc-${String(i).padStart(4, '0')}.${i % 7 === 0 ? 'md' : 'txt'}`), parts.join('\n\n'));
  }
  writeFileSync(marker, '');
  return target;
}

/** All document files under a folder, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (/\.(md|txt)$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}
