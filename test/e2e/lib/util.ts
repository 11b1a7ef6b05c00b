// Small process and timing helpers for the e2e runner (runs on the machine's Node 20).
import { spawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

const started = Date.now();

/** Logs a runner line with the seconds since the runner started. */
export function log(message: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[e2e ${t}s] ${message}\n`);
}

/** Raised when something the e2e run depends on is missing or broken (not a test failure). */
export class SetupError extends Error {
  override name = 'SetupError';
}

export interface RunOptions extends SpawnOptions {
  /** Hard limit; the whole process group is killed when it is reached. */
  timeoutMs: number;
  /** Where to append stdout and stderr; otherwise they are collected and returned. */
  logFile?: string;
}

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command to completion with a hard time limit. Never inherits stdin. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const out = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
    const child = spawn(command, args, {
      ...options,
      detached: true,
      stdio: ['ignore', out ?? 'pipe', out ?? 'pipe'],
    });
    track(child.pid);
    let output = '';
    child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new SetupError(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs / 1000}s`));
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      untrack(child.pid);
      if (out !== undefined) fs.closeSync(out);
      reject(new SetupError(`cannot run ${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      untrack(child.pid);
      if (out !== undefined) {
        fs.closeSync(out);
        output = tail(fs.readFileSync(options.logFile!, 'utf8'), 4000);
      }
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** Runs a command and throws a SetupError with the end of its output when it fails. */
export async function mustRun(command: string, args: string[], options: RunOptions): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    // npm's "npm warn" lines are noise here; the error is usually in the last lines or in one that says so.
    const lines = result.output.split('\n').filter((l) => l.trim() && !/^npm warn/i.test(l));
    const errorLine = lines.find((l) => /error|ERR!|✘/i.test(l));
    const headline = errorLine ? `: ${errorLine.trim()}` : '';
    throw new SetupError(`${command} ${args.join(' ')} exited with ${result.code}${headline}\n${tail(lines.join('\n'), 4000)}`);
  }
  return result.output;
}

export function tail(text: string, chars: number): string {
  return text.length <= chars ? text : '…' + text.slice(text.length - chars);
}

// Every process group this runner started, so that an interrupted or failed run leaves none behind.
const groups = new Set<number>();

export function track(pid: number | undefined): void {
  if (pid !== undefined) groups.add(pid);
}

export function untrack(pid: number | undefined): void {
  if (pid !== undefined) groups.delete(pid);
}

/** Kills one process group that this runner started (children were spawned `detached`, so pgid = pid). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
  if (signal === 'SIGKILL') groups.delete(pid);
}

/** Last resort, synchronous: kills every process group still tracked. */
export function killAllTracked(): void {
  for (const pid of [...groups]) killGroup(pid, 'SIGKILL');
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      if (err instanceof SetupError) throw err;
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Races a promise against a time limit. */
export function withTimeout<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs / 1000}s`)), timeoutMs);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}
