import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listFiles } from './corpus';
import type { IndexFigures } from './indexing';
import type { PeerResult } from './peerClient';
import { BENCH_TIMEOUT_MS, fmt, median, row, runsLabel } from './stats';

export interface PeerFigures {
  completeMs: number;
  serverPeakRssMb: number;
  clientPeakRssMb: number;
}

/** The pinned version, as installed (package.json pins it exactly). */
function peerVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules/vscode-markdown-languageserver/package.json'), 'utf8')) as { version: string }).version;
}

/**
 * VS Code's Markdown language server indexing the same workspace, `runs` times, each in a fresh client
 * process (bench/peerClient.ts, which documents what it is fed and what it times); prints a section.
 */
export async function measurePeer(root: string, folder: string, runs: number): Promise<PeerFigures> {
  const files = listFiles(folder);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const markdown = files.filter((file) => file.endsWith('.md')).length;
  const results: PeerResult[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'bench/peerClient.ts'), folder], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
      timeout: BENCH_TIMEOUT_MS + 120_000,
    }).catch((error: Error & { stderr?: string; killed?: boolean }) => {
      const reason = error.killed ? `killed after ${BENCH_TIMEOUT_MS / 60_000} min` : (error.stderr ?? error.message).trim().split('\n').slice(-3).join(' | ');
      throw new Error(`peer: ${reason}`);
    });
    results.push(JSON.parse(stdout.trim().split('\n').at(-1)!) as PeerResult);
  }
  const first = results[0]!;
  const figures = {
    completeMs: median(results.map((r) => r.completeMs)),
    serverPeakRssMb: median(results.map((r) => r.serverTreePeakRssMb)),
    clientPeakRssMb: median(results.map((r) => r.clientPeakRssMb)),
  };
  console.log(`\n## peer: vscode-markdown-languageserver ${peerVersion(root)} on the same workspace (${runsLabel(runs)})`);
  console.log(`  fed: all ${files.length} documents (${markdown} .md, ${files.length - markdown} .txt; ${(bytes / 1e6).toFixed(1)} MB) from markdown/findMarkdownFilesInWorkspace,`);
  console.log(`       initializationOptions.markdownFileExtensions = ['md', 'txt'] so it reads the .txt files as Markdown;`);
  console.log(`       its client (bench/peerClient.ts) reads files and parses with markdown-it ${markdownItVersion(root)} as VS Code's Markdown extension does`);
  console.log(`  requests it made (first run): ${Object.entries(first.requests).map(([method, count]) => `${method} ×${count}`).join(', ')}`);
  console.log(`  'first workspace answer': spawn → the first workspace/symbol answer holding a symbol of the last document with a heading`);
  console.log(`       ("${first.sentinel.heading.slice(0, 60)}" in ${first.sentinel.file.slice(folder.length + 1)}); requests needed: ${results.map((r) => r.symbolRequests).join(', ')}`);
  console.log(`       (then, untimed: documents with a symbol in an empty-query answer ${first.documentsWithSymbols}, documents with a heading ${first.documentsWithHeadings})`);
  row('spawn/initialize → first complete workspace/symbol answer', `${fmt(figures.completeMs)} ms`);
  row(`peak server RSS (${first.serverProcesses} process${first.serverProcesses === 1 ? '' : 'es'})`, `${fmt(figures.serverPeakRssMb)} MB`);
  row("its client's peak RSS (reads, markdown-it; not compared)", `${fmt(figures.clientPeakRssMb)} MB`);
  return figures;
}

function markdownItVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules/markdown-it/package.json'), 'utf8')) as { version: string }).version;
}

/** Our synthetic-workspace figures next to the peer's, with the ratios issue 7's targets are stated in. */
export function printSideBySide(ours: IndexFigures | undefined, peer: PeerFigures): void {
  console.log('\n## side by side on the synthetic workspace');
  if (!ours) {
    console.log('  (our figures need the index part: BENCH_ONLY=index,peer)');
    return;
  }
  row('', 'ours', 'peer', 'ours ÷ peer');
  row('until complete (ours: all diagnostics; peer: workspace/symbol)', `${fmt(ours.indexMs)} ms`, `${fmt(peer.completeMs)} ms`, `${(ours.indexMs / peer.completeMs).toFixed(2)} ×  (target ≤ 0.5)`);
  row('peak server RSS', `${fmt(ours.peakRssMb)} MB`, `${fmt(peer.serverPeakRssMb)} MB`, `${(ours.peakRssMb / peer.serverPeakRssMb).toFixed(2)} ×  (target ≤ 0.4)`);
}
