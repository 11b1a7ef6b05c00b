// Bundles the client, the server and the CLI with esbuild, so the .vsix runs without node_modules.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

// The analyser's version is the hash of the core's sources and of the LSP conversions: a persisted index, or a
// diagnostics snapshot (whose diagnostics the conversions shaped), from another build is ignored.
function hashTree(dir, hash = createHash('sha1')) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(path, hash);
    else hash.update(path).update(readFileSync(path));
  }
  return hash;
}
const analyzerVersion = hashTree('server/src/lsp', hashTree('server/src/core')).digest('hex').slice(0, 16);

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // unified's ESM packages read `import.meta.url` nowhere we use; keep the bundle quiet about it.
  mainFields: ['module', 'main'],
  define: { 'process.env.POLICY_LENS_ANALYZER_VERSION': JSON.stringify(analyzerVersion) },
};

// A production build has no source maps: drop stale ones so they cannot mislead a debugger.
if (production) for (const name of ['client', 'server', 'cli', 'analysisWorker']) rmSync(`dist/${name}.js.map`, { force: true });

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/node/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
