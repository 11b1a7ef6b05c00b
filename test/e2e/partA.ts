// Part A: the mocha suite in test/e2e/suite runs inside code-server's extension host, with the extension loaded
// from the repo root as extensionDevelopmentPath: the @vscode/test-electron contract, in a real VS Code 1.139.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { build } from 'esbuild';
import { launchBrowser } from './lib/browser';
import { instanceDirs, startCodeServer, writeUserSettings } from './lib/codeServer';
import type { Tools } from './lib/tools';
import { log, seconds, SetupError, withTimeout } from './lib/util';

// Printed by suite/index.ts.
export const TEST_MARKER = 'POLICY_LENS_E2E_TEST';
export const RESULT_MARKER = 'POLICY_LENS_E2E_RESULT';
/** Prefix of every line the suite prints (see tagConsole in suite/index.ts); the rest is the workbench's log. */
const RELAY_TAG = 'PLE2E> ';

export interface SuiteResult {
  passes: number;
  failures: number;
  pending: number;
  exitCode: number;
  tests: Array<{ title: string; ok: boolean; error?: string; ms?: number }>;
  /** Why the run is not trustworthy, when it is not (no result line, non-zero exit with no failure…). */
  problem?: string;
}

/** Bundles suite/index.ts (and the specs it requires) to one CommonJS file; `vscode` stays external. */
export async function bundleSuite(repoRoot: string, tools: Tools | undefined, outDir: string, relayTag?: string): Promise<string> {
  const outfile = path.join(outDir, 'index.js');
  await build({
    entryPoints: [path.join(repoRoot, 'test', 'e2e', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    // The extension host does not inherit code-server's environment, so the relay tag is baked in.
    define: relayTag ? { 'process.env.POLICY_LENS_E2E_RELAY': JSON.stringify(relayTag) } : {},
    // mocha comes from the tools cache (not a root dependency); on a desktop machine from node_modules.
    nodePaths: tools ? [path.join(tools.dir, 'node_modules')] : [],
    logLevel: 'error',
    // mocha's optional parallel mode and ESM loader are never used here.
    logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-dynamic-import': 'silent' },
  });
  return outfile;
}

export async function runPartA(repoRoot: string, tools: Tools, scratch: string): Promise<SuiteResult> {
  const t0 = Date.now();
  const root = path.join(scratch, 'partA');
  fs.mkdirSync(root, { recursive: true });
  const workspace = path.join(root, 'workspace');
  fs.cpSync(path.join(repoRoot, 'seeds'), workspace, { recursive: true });
  const testsModule = await bundleSuite(repoRoot, tools, path.join(root, 'tests'), RELAY_TAG);
  log(`part A: suite bundled to ${path.relative(repoRoot, testsModule)}`);

  for (const f of ['client.js', 'server.js']) {
    if (!fs.existsSync(path.join(repoRoot, 'dist', f))) throw new SetupError(`dist/${f} is missing: run \`npm run build\` first`);
  }

  const dirs = instanceDirs(path.join(root, 'server'));
  writeUserSettings(dirs);
  const server = await startCodeServer(tools, { dirs, testDriver: true });
  const browser = await launchBrowser(tools, path.join(root, 'chromium-profile')).catch(async (err) => {
    await server.stop();
    throw err;
  });
  const consoleLog = path.join(root, 'browser-console.log');
  const workbenchLog = path.join(root, 'workbench.log');
  const lines: string[] = [];
  try {
    const { page } = browser;
    page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));

    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationLog', ((level: string, ...args: unknown[]) => {
      const parts = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
      const text = format(...parts);
      for (const line of text.split('\n')) {
        fs.appendFileSync(workbenchLog, `[${level}] ${line}\n`);
        if (!line.startsWith(RELAY_TAG)) continue;
        const own = line.slice(RELAY_TAG.length);
        lines.push(own);
        if (!own.startsWith(TEST_MARKER)) process.stdout.write(`  ${own}\n`);
      }
    }) as (...args: never[]) => unknown);
    await page.exposeFunction('codeAutomationExit', ((code: number, logs?: Array<{ relativePath: string; contents: string }>) => {
      for (const entry of logs ?? []) {
        const file = path.join(root, 'vscode-logs', entry.relativePath.replace(/\.\.+/g, '_'));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, entry.contents);
      }
      exit(code);
    }) as (...args: never[]) => unknown);

    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(testsModule)],
    ]);
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    log('part A: opening the workbench with extensionDevelopmentPath and extensionTestsPath');
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    let code: number;
    try {
      code = await withTimeout('the extension-host test run', exited, 6 * 60_000);
    } catch (err) {
      await page.screenshot({ path: path.join(root, 'partA-timeout.png') }).catch(() => undefined);
      throw new SetupError(`${(err as Error).message}; nothing more came from the extension host (see ${path.relative(repoRoot, consoleLog)} and ${path.relative(repoRoot, server.logFile)})`);
    }
    await page.screenshot({ path: path.join(root, 'partA-end.png') }).catch(() => undefined);
    log(`part A: extension host exited with ${code} after ${seconds(t0)}`);

    const tests = lines.filter((l) => l.startsWith(TEST_MARKER)).map((l) => JSON.parse(l.slice(TEST_MARKER.length)) as SuiteResult['tests'][number]);
    const resultLine = lines.find((l) => l.startsWith(RESULT_MARKER));
    if (!resultLine) {
      return { passes: 0, failures: 0, pending: 0, exitCode: code, tests, problem: `the suite printed no ${RESULT_MARKER} line: it did not run (exit ${code})` };
    }
    const stats = JSON.parse(resultLine.slice(resultLine.indexOf(RESULT_MARKER) + RESULT_MARKER.length)) as { passes: number; failures: number; pending: number };
    const result: SuiteResult = { ...stats, exitCode: code, tests };
    if (stats.passes + stats.failures === 0) result.problem = 'no test ran';
    else if (tests.length !== stats.passes + stats.failures) result.problem = `${tests.length} test results for ${stats.passes + stats.failures} tests`;
    else if (code !== 0 && stats.failures === 0) result.problem = `the extension host exited with ${code} although no test failed`;
    return result;
  } finally {
    fs.writeFileSync(path.join(root, 'mocha-output.txt'), lines.join('\n') + '\n');
    await browser.close();
    await server.stop();
  }
}
