// The extension-tests module (the @vscode/test-electron contract): VS Code's extension host requires this
// file, bundled to CommonJS, and awaits `run()`. The same bundle works in code-server (test/e2e/run.ts) and
// in a desktop VS Code (test/e2e/runDesktop.ts).

interface MochaRunner {
  on(event: 'end', listener: () => void): MochaRunner;
  stats?: { passes: number; failures: number; pending: number; tests: number };
}
interface MochaInstance {
  suite: { emit(event: string, ...args: unknown[]): void };
  run(done: (failures: number) => void): MochaRunner;
}
type MochaConstructor = new (options: Record<string, unknown>) => MochaInstance;

/** The line test/e2e/run.ts looks for, so that a run that executed nothing can never pass. */
export const RESULT_MARKER = 'POLICY_LENS_E2E_RESULT';

export function run(): Promise<void> {
  const Mocha = require('mocha') as MochaConstructor;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000 });
  // Bundled: there are no spec files for mocha to load, so set up the BDD globals and require the specs here.
  mocha.suite.emit('pre-require', globalThis, 'policy-lens-e2e', mocha);
  require('./extension.test');

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0, tests: 0 };
        console.log(`${RESULT_MARKER} ${JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending })}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (stats.passes === 0) reject(new Error('no test ran'));
        else resolve();
      });
    } catch (error) {
      console.error(error);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
