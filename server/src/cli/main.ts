import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { computeFindings, defaultDocumentFilter, defaultLoadOptions, indexWorkspace, WorkspaceIndex } from '../core/api';
import { createAnalysisPool } from '../node/analysisPool';
import { DiskWorkspace } from '../node/diskWorkspace';
import { WaiverStore } from '../waiverStore';
import { formatSarif, formatText, positionFindings } from './report';

const VERSION = '0.1.0';

/** Exit codes: 0 no error-severity finding, 1 at least one, 2 usage error. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('policy-lens')
    .description('Check a folder of policy documents for conflicting figures, undefined acronyms and broken references.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  let exitCode = 0;
  program
    .command('check')
    .description('analyse every .md and .txt document under a folder and report the findings')
    .argument('[folder]', 'the folder to check', '.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--include <glob...>', 'globs of documents to index', defaultDocumentFilter.include)
    .option('--exclude <glob...>', 'globs of documents to skip', defaultDocumentFilter.exclude)
    .option('--max-file-size-kb <kb>', 'skip documents larger than this', (v) => parsePositive(v), defaultLoadOptions.maxFileSize / 1024)
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit status 1').choices(['error', 'warning', 'none']).default('error'))
    .option('--no-color', 'plain text output')
    .action(async (folder: string, options: { format: 'text' | 'json' | 'sarif'; include: string[]; exclude: string[]; maxFileSizeKb: number; color: boolean; failOn: 'error' | 'warning' | 'none' }) => {
      const root = resolve(folder);
      if (!existsSync(root) || !statSync(root).isDirectory()) {
        process.stderr.write(`policy-lens: ${folder}: not a folder\n`);
        exitCode = 2;
        return;
      }
      const workspace = new DiskWorkspace([root], { include: options.include, exclude: options.exclude });
      const index = new WorkspaceIndex();
      const pool = createAnalysisPool();
      try {
        await indexWorkspace(workspace, index, { maxFileSize: options.maxFileSizeKb * 1024 }, { analyzeInParallel: pool && ((document) => pool.analyze(document)), concurrency: pool ? pool.size * 2 : 1 });
      } finally {
        await pool?.dispose();
      }
      // Conflicts a reviewer accepted in the editor stay accepted in CI.
      const waivers = new WaiverStore();
      waivers.setFolders([root]);
      waivers.reload();
      const findings = positionFindings(index, computeFindings(index, {}, undefined, waivers.current), process.cwd());
      if (options.format === 'json') process.stdout.write(JSON.stringify({ documents: index.size, findings }, null, 2) + '\n');
      else if (options.format === 'sarif') process.stdout.write(formatSarif(findings, process.cwd(), VERSION) + '\n');
      else process.stdout.write(formatText(findings, index.size, options.color && process.stdout.isTTY === true) + '\n');
      const failing = options.failOn === 'none' ? [] : options.failOn === 'warning' ? ['error', 'warning'] : ['error'];
      exitCode = findings.some((f) => failing.includes(f.severity)) ? 1 : 0;
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return exitCode;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`not a positive number: ${value}`);
  return n;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`policy-lens: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 3;
  },
);
