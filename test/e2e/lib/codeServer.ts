// Starts and stops a private code-server (VS Code 1.139 server + web workbench) on 127.0.0.1.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childEnv, type Tools } from './tools';
import { freePort, killGroup, log, mustRun, seconds, SetupError, track, untrack, waitFor } from './util';

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  logFile: string;
  /** Stops the server and every process it started (extension host, language server). Idempotent. */
  stop(): Promise<void>;
}

export interface InstanceDirs {
  root: string;
  userDataDir: string;
  extensionsDir: string;
}

/** Scratch folders for one code-server instance: nothing goes to ~ or to the shared /tmp. */
export function instanceDirs(root: string): InstanceDirs {
  const dirs = { root, userDataDir: path.join(root, 'user-data'), extensionsDir: path.join(root, 'extensions') };
  for (const d of [dirs.userDataDir, dirs.extensionsDir, ...['xdg-data', 'xdg-config', 'xdg-cache'].map((x) => path.join(root, x))]) {
    fs.mkdirSync(d, { recursive: true });
  }
  return dirs;
}

/** TMPDIR for code-server: it puts unix sockets there, whose paths must stay under ~100 characters. */
function tmpDirFor(root: string): string {
  const inside = path.join(root, 'tmp');
  if (inside.length <= 60) {
    fs.mkdirSync(inside, { recursive: true });
    return inside;
  }
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pl-e2e-'));
}

function serverEnv(tools: Tools, root: string, tmp: string): NodeJS.ProcessEnv {
  return childEnv(tools.nodeBinDir, {
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
    TMPDIR: tmp,
    EXTENSIONS_GALLERY: '{}',
  });
}

/** Settings that keep the workbench quiet and deterministic for tests. */
export function writeUserSettings(dirs: InstanceDirs, extra: Record<string, unknown> = {}): void {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'editor.wordWrap': 'on',
    'editor.minimap.enabled': false,
    'editor.stickyScroll.enabled': false,
    'editor.hover.delay': 300,
    'files.autoSave': 'off',
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
  const dir = path.join(dirs.userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** `code-server --install-extension file.vsix` into the instance's extensions folder. */
export async function installExtension(tools: Tools, dirs: InstanceDirs, vsix: string): Promise<string> {
  const tmp = tmpDirFor(dirs.root);
  const t0 = Date.now();
  const out = await mustRun(
    tools.node,
    [tools.codeServerEntry, '--config', '/dev/null', '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix],
    { env: serverEnv(tools, dirs.root, tmp), timeoutMs: 3 * 60_000, logFile: path.join(dirs.root, 'install-extension.log') },
  );
  log(`installed ${path.basename(vsix)} in ${seconds(t0)}`);
  return out;
}

export interface StartOptions {
  dirs: InstanceDirs;
  /** `--vscode-option enable-smoke-test-driver`: needed for extensionDevelopmentPath/extensionTestsPath in the URL. */
  testDriver: boolean;
  startTimeoutMs?: number;
  /** Extra environment for the server, which its extension host inherits. */
  env?: Record<string, string>;
}

export async function startCodeServer(tools: Tools, options: StartOptions): Promise<CodeServer> {
  const { dirs } = options;
  const port = await freePort();
  const tmp = tmpDirFor(dirs.root);
  const logFile = path.join(dirs.root, 'code-server.log');
  const args = [
    tools.codeServerEntry,
    '--config', '/dev/null',
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    ...(options.testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const t0 = Date.now();
  const out = fs.openSync(logFile, 'w');
  const child = spawn(tools.node, args, { env: { ...serverEnv(tools, dirs.root, tmp), ...options.env }, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  track(child.pid);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `code-server exited (${signal ?? code})`;
    untrack(child.pid);
  });
  child.on('error', (err) => (exited = `code-server could not start: ${err.message}`));

  const stop = async (): Promise<void> => {
    if (child.pid === undefined || exited) {
      killGroup(child.pid); // stragglers in its group (extension host, language server)
      return;
    }
    killGroup(child.pid, 'SIGTERM');
    await waitFor('code-server to exit', () => exited !== undefined, 10_000, 100).catch(() => undefined);
    killGroup(child.pid, 'SIGKILL');
    if (tmp !== path.join(dirs.root, 'tmp')) fs.rmSync(tmp, { recursive: true, force: true });
  };

  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `${origin}/healthz`,
      async () => {
        if (exited) throw new SetupError(exited);
        const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
        return res.ok;
      },
      options.startTimeoutMs ?? 60_000,
      200,
    );
  } catch (err) {
    await stop();
    const logTail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
    throw new SetupError(`code-server never became healthy: ${(err as Error).message}\n--- ${logFile} ---\n${logTail}`);
  }
  log(`code-server healthy on ${origin} after ${seconds(t0)}${options.testDriver ? ' (smoke-test driver on)' : ''}`);
  return { port, origin, logFile, stop };
}
