// The same extension-host suite (test/e2e/suite) in a desktop VS Code, through @vscode/test-electron.
// Only for a desktop machine that can download VS Code; CI and the project's machines use run.ts (code-server).
//   npm install --no-save @vscode/test-electron mocha@11
//   npm run build && node --import tsx test/e2e/runDesktop.ts
// Under Linux without a display, wrap it in `xvfb-run -a`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleSuite } from './partA';

interface TestElectron {
  runTests(options: {
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    launchArgs?: string[];
    version?: string;
  }): Promise<number>;
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-e2e-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(repoRoot, 'seeds'), workspace, { recursive: true });
  // mocha is bundled from the root node_modules here (hence the --no-save install above).
  const extensionTestsPath = await bundleSuite(repoRoot, undefined, path.join(scratch, 'tests'));
  const moduleName = '@vscode/test-electron'; // not a root dependency on purpose: it cannot download VS Code in CI
  const { runTests } = (await import(moduleName)) as TestElectron;
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(scratch, 'user-data')}`],
    ...(process.env.VSCODE_VERSION ? { version: process.env.VSCODE_VERSION } : {}),
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
