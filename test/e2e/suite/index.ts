// The extension-tests module (the @vscode/test-electron contract): VS Code's extension host requires this
// file, bundled to CommonJS, and awaits `run()`. The same bundle works in code-server (test/e2e/run.ts) and
// in a desktop VS Code (test/e2e/runDesktop.ts).
import { report } from './report';

interface MochaTest {
  fullTitle(): string;
  duration?: number;
}
interface MochaRunner {
  on(event: 'pass', listener: (test: MochaTest) => void): MochaRunner;
  on(event: 'fail', listener: (test: MochaTest, error: unknown) => void): MochaRunner;
  stats?: { passes: number; failures: number; pending: number; tests: number };
}
interface MochaInstance {
  suite: { emit(event: string, ...args: unknown[]): void };
  run(done: (failures: number) => void): MochaRunner;
}
type MochaConstructor = (new (options: Record<string, unknown>) => MochaInstance) & {
  reporters: { Base: { consoleLog: (...args: unknown[]) => void } };
};

/** The lines test/e2e/run.ts looks for: one per test, and the totals (a run that printed none never passes). */
export const TEST_MARKER = 'POLICY_LENS_E2E_TEST';
export const RESULT_MARKER = 'POLICY_LENS_E2E_RESULT';

export function run(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const Mocha = require('mocha') as MochaConstructor;
    Mocha.reporters.Base.consoleLog = report;
    const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000 });
    // Bundled: there are no spec files for mocha to load, so set up the BDD globals and require the specs here.
    mocha.suite.emit('pre-require', globalThis, 'policy-lens-e2e', mocha);
    require('./extension.test');
    require('./references.test');
    require('./entities.test');
    require('./statistics.test');
    require('./conflicts.test');
    const runner: MochaRunner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0, tests: 0 };
      report(`${RESULT_MARKER} ${JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending })}`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else if (stats.passes === 0) reject(new Error('no test ran'));
      else resolve();
    });
    runner.on('pass', (test) => report(`${TEST_MARKER} ${JSON.stringify({ title: test.fullTitle(), ok: true, ms: test.duration })}`));
    runner.on('fail', (test, error) =>
      report(`${TEST_MARKER} ${JSON.stringify({ title: test.fullTitle(), ok: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) })}`),
    );
  })
    .catch((error: unknown) => {
      report(error);
      throw error;
    });
}
