// Debian's chromium, headless, driven by playwright-core from the tools cache (never `npx playwright install`).
// playwright-core is not a root dependency, so the few parts of its API used here are declared below.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tools } from './tools';
import { SetupError, withTimeout } from './util';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Locator {
  first(): Locator;
  count(): Promise<number>;
  waitFor(options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  innerText(options?: { timeout?: number }): Promise<string>;
  /** Replaces an input's value (clears it with ''). */
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  isVisible(): Promise<boolean>;
  click(options?: { timeout?: number }): Promise<void>;
}

export interface ConsoleMessage {
  type(): string;
  text(): string;
}

export interface Page {
  goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' | 'commit'; timeout?: number }): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  locator(selector: string): Locator;
  screenshot(options: { path: string; fullPage?: boolean; type?: 'png' | 'jpeg' }): Promise<Buffer>;
  /** Evaluates a JavaScript expression in the page (source text: the root tsconfig has no DOM library). */
  evaluate<R>(expression: string): Promise<R>;
  setDefaultTimeout(ms: number): void;
  on(event: 'console', listener: (message: ConsoleMessage) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  keyboard: {
    press(key: string, options?: { delay?: number }): Promise<void>;
    type(text: string, options?: { delay?: number }): Promise<void>;
  };
  mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    click(x: number, y: number, options?: { clickCount?: number }): Promise<void>;
    dblclick(x: number, y: number): Promise<void>;
  };
  /** Every frame of the page, nested ones (webviews) included. */
  frames(): Frame[];
}

export interface Frame {
  url(): string;
  evaluate<R>(expression: string): Promise<R>;
}

interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
  browser(): { process?(): { pid?: number } } | null;
}

interface PlaywrightCore {
  chromium: {
    launchPersistentContext(
      userDataDir: string,
      options: {
        executablePath: string;
        headless: boolean;
        args: string[];
        env?: NodeJS.ProcessEnv;
        viewport?: { width: number; height: number };
        timeout?: number;
        handleSIGINT?: boolean;
        handleSIGTERM?: boolean;
        handleSIGHUP?: boolean;
      },
    ): Promise<BrowserContext>;
  };
}

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches chromium with a fresh profile in `profileDir`. */
export async function launchBrowser(tools: Tools, profileDir: string): Promise<Browser> {
  if (!fs.existsSync(tools.chromium)) throw new SetupError(`chromium is missing at ${tools.chromium}`);
  const pw = tools.require('playwright-core') as PlaywrightCore;
  fs.rmSync(profileDir, { recursive: true, force: true });
  fs.mkdirSync(profileDir, { recursive: true });
  let context: BrowserContext;
  try {
    context = await pw.chromium.launchPersistentContext(profileDir, {
      executablePath: tools.chromium,
      headless: true,
      args: CHROMIUM_FLAGS,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'), XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache') },
      viewport: { width: 1280, height: 800 },
      timeout: 60_000,
      // The runner handles signals itself and closes the browser on the way out.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    throw new SetupError(`chromium (${tools.chromium}) did not start under playwright-core: ${(err as Error).message}`);
  }
  // playwright kills the browsers it launched when this process exits; close() is the orderly way.
  const pid = context.browser()?.process?.()?.pid;
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  let closed = false;
  return {
    page,
    async close() {
      if (closed) return;
      closed = true;
      await withTimeout('closing chromium', context.close(), 15_000).catch(() => {
        if (pid !== undefined) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone
          }
        }
      });
    },
  };
}
