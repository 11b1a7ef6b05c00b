// `npm run test:e2e`: Policy Lens in a real VS Code (code-server 4.139.1 = VS Code 1.139.1, driven by Debian's
// chromium through playwright-core). Installs its own tools into .cache/e2e-tools, works in .e2e/ (both gitignored).
//   Part A: the mocha suite in test/e2e/suite, inside the extension host (the @vscode/test-electron contract).
//   Part B: the packaged .vsix installed into code-server, driven through the UI (Problems panel, hover).
// Ends with `e2e: N passed, M failed` and exits non-zero when anything failed or could not run.
// Options: --only=a | --only=b; E2E_TIMEOUT_MIN (overall cap, default 30).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runPartA } from './partA';
import { runPartB } from './partB';
import { ensureTools, type Tools } from './lib/tools';
import { killAllTracked, log, seconds, SetupError } from './lib/util';

const repoRoot = path.resolve(__dirname, '..', '..');
const scratch = path.join(repoRoot, '.e2e');
const screenshotsDir = path.join(repoRoot, 'test', 'e2e', 'screenshots');

interface Outcome {
  name: string;
  ok: boolean;
  detail?: string;
}
const outcomes: Outcome[] = [];

function summary(): { passed: number; failed: number } {
  const passed = outcomes.filter((o) => o.ok).length;
  return { passed, failed: outcomes.length - passed };
}

function finish(code: number, extraFailure?: string): never {
  killAllTracked();
  if (extraFailure) outcomes.push({ name: 'e2e run', ok: false, detail: extraFailure });
  const { passed, failed } = summary();
  process.stdout.write('\n');
  for (const o of outcomes) process.stdout.write(`  ${o.ok ? 'PASS' : 'FAIL'}  ${o.name}${o.detail ? ` — ${o.detail.slice(0, 240)}` : ''}\n`);
  const exitCode = code !== 0 ? code : failed > 0 || passed === 0 ? 1 : 0;
  process.stdout.write(`\n${exitCode === 0 ? 'PASS' : 'FAIL'} (${seconds(startedAt)}); logs, screenshots and scratch files in ${path.relative(repoRoot, scratch)}/\n`);
  process.stdout.write(`e2e: ${passed} passed, ${failed} failed\n`);
  process.exit(exitCode);
}

const startedAt = Date.now();

async function main(): Promise<void> {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).toLowerCase();
  const capMin = Number(process.env.E2E_TIMEOUT_MIN ?? '30');
  const cap = setTimeout(() => {
    log(`overall time limit of ${capMin} minutes reached; stopping everything`);
    finish(1, `overall time limit of ${capMin} minutes reached`);
  }, capMin * 60_000);

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping code-server and chromium`);
      finish(130, `interrupted by ${signal}`);
    });
  }
  process.on('exit', () => killAllTracked());

  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  fs.rmSync(path.join(screenshotsDir, 'latest'), { recursive: true, force: true });
  fs.mkdirSync(screenshotsDir, { recursive: true });

  let tools: Tools;
  try {
    tools = await ensureTools(repoRoot, scratch);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    log(`cannot set up a real VS Code: ${reason}`);
    finish(1, `setup: ${reason.split('\n')[0]}`);
  }

  if (only === undefined || only === 'a') {
    const t0 = Date.now();
    try {
      const result = await runPartA(repoRoot, tools, scratch);
      for (const t of result.tests) outcomes.push({ name: `part A: ${t.title}`, ok: t.ok, ...(t.error ? { detail: t.error } : {}) });
      if (result.problem) outcomes.push({ name: 'part A: extension-host run', ok: false, detail: result.problem });
      log(`part A: ${result.passes} passing, ${result.failures} failing, ${result.pending} pending in ${seconds(t0)}`);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      log(`part A could not run: ${reason}`);
      outcomes.push({ name: 'part A: extension-host run', ok: false, detail: reason.split('\n')[0] });
    }
  }

  if (only === undefined || only === 'b') {
    const t0 = Date.now();
    try {
      await runPartB(repoRoot, tools, scratch, screenshotsDir, (o) => {
        outcomes.push({ ...o, name: `part B: ${o.name}` });
        log(`part B: ${o.ok ? 'PASS' : 'FAIL'} ${o.name}${o.detail ? ` — ${o.detail}` : ''}`);
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      log(`part B could not run: ${reason}`);
      outcomes.push({ name: 'part B: UI run', ok: false, detail: reason.split('\n')[0] });
    }
    log(`part B took ${seconds(t0)}`);
  }

  clearTimeout(cap);
  finish(0);
}

main().catch((err: unknown) => {
  const reason = err instanceof SetupError || err instanceof Error ? err.message : String(err);
  finish(1, reason);
});
