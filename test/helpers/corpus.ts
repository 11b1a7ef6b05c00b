import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every .md/.txt under the seeds and the test fixtures, sorted: real reports, decks and hand-written traps. */
export function seedsAndFixtures(): { name: string; text: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|txt)$/.test(name)) files.push(path);
    }
  };
  walk(join(ROOT, 'seeds'));
  walk(join(ROOT, 'test/fixtures'));
  return files.map((path) => ({ name: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') }));
}
