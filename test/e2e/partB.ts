// Part B: the packaged dist/policy-lens.vsix, installed into code-server like a user would, and driven through
// the workbench UI in chromium: quick open a seed document, see the server's diagnostics (squiggles, Problems
// panel), hover an acronym, F12 to its definition. Screenshots go to test/e2e/screenshots/latest/ and .e2e/partB/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, type Page } from './lib/browser';
import { installExtension, instanceDirs, startCodeServer, writeUserSettings } from './lib/codeServer';
import { childEnv, type Tools } from './lib/tools';
import { log, mustRun, seconds, SetupError, waitFor } from './lib/util';

export interface StepOutcome {
  name: string;
  ok: boolean;
  detail?: string;
}

const EXTENSION_ID = 'policy-lens.policy-lens';
const SEED = '000_3209c946108f91e7.txt';
const EXPANSION = 'U.S.-Mexico-Canada Trade Agreement';

/**
 * Builds the .vsix with the root `npm run package` when it is missing or older than the bundles in dist/.
 * E2E_VSIX=path tests that file as it is instead.
 */
async function ensureVsix(repoRoot: string, logFile: string): Promise<{ vsix: string; how: 'given by E2E_VSIX' | 'up to date' | 'built' }> {
  if (process.env.E2E_VSIX) {
    const given = path.resolve(process.env.E2E_VSIX);
    if (!fs.existsSync(given)) throw new SetupError(`E2E_VSIX=${process.env.E2E_VSIX} does not exist`);
    return { vsix: given, how: 'given by E2E_VSIX' };
  }
  const dist = path.join(repoRoot, 'dist');
  const vsix = path.join(dist, 'policy-lens.vsix');
  const bundles = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith('.js')) : [];
  const newest = Math.max(0, ...bundles.map((f) => fs.statSync(path.join(dist, f)).mtimeMs));
  if (fs.existsSync(vsix) && bundles.length > 0 && fs.statSync(vsix).mtimeMs >= newest) return { vsix, how: 'up to date' };
  log(`part B: npm run package (${fs.existsSync(vsix) ? 'dist/*.js is newer than the .vsix' : 'no .vsix yet'})`);
  await mustRun('npm', ['run', 'package'], { cwd: repoRoot, env: childEnv(undefined), timeoutMs: 5 * 60_000, logFile });
  if (!fs.existsSync(vsix)) throw new SetupError(`npm run package did not produce ${path.relative(repoRoot, vsix)}`);
  return { vsix, how: 'built' };
}

// Code run in the page. The root tsconfig has no DOM library, so it is kept as source text.
const VISIBLE_TEXT = `(selector) => {
  const texts = [];
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden') texts.push(el.innerText);
  }
  return texts.join('\\n');
}`;

// Where on screen a use of the word (not its definition "(WORD)") shows in the active editor, nearest the cursor:
// the centre of the word, measured with a DOM Range over Monaco's rendered lines, inside the editor's viewport.
const FIND_WORD = `(word) => {
  const editor = document.querySelector('.editor-group-container.active .monaco-editor');
  const lines = editor && editor.querySelector('.view-lines');
  if (!lines) return undefined;
  const viewport = (lines.closest('.monaco-scrollable-element') || lines).getBoundingClientRect();
  const cursorElement = editor.querySelector('.cursors-layer .cursor');
  const cursor = cursorElement ? cursorElement.getBoundingClientRect() : viewport;
  const candidates = [];
  const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent || '';
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (text[i - 1] === '(') continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + word.length);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.top < viewport.top || r.bottom > viewport.bottom || r.left < viewport.left || r.right > viewport.right) continue;
      const distance = Math.abs(r.top - cursor.top) + Math.abs(r.left - cursor.left) / 10;
      candidates.push({ x: r.left + r.width / 2, y: r.top + r.height / 2, context: text.slice(Math.max(0, i - 30), i + 40), distance });
    }
  }
  candidates.sort((a, b) => a.distance - b.distance);
  return candidates[0];
}`;

const COUNT = `(selector) => document.querySelectorAll(selector).length`;
const ROW_TEXTS = `(selector) => Array.from(document.querySelectorAll(selector)).map((e) => e.innerText.replace(/\\s+/g, ' ').trim())`;
const ARIA_LABELS = `(selector) => Array.from(document.querySelectorAll(selector)).map((e) => e.getAttribute('aria-label') || '').join('\\n')`;

/** The page's visible text under `selector` (all matches, joined), or '' when none is visible. */
function visibleText(page: Page, selector: string): Promise<string> {
  return page.evaluate<string>(`(${VISIBLE_TEXT})(${JSON.stringify(selector)})`);
}

function findWordOnScreen(page: Page, word: string): Promise<{ x: number; y: number; context: string } | undefined> {
  return page.evaluate(`(${FIND_WORD})(${JSON.stringify(word)})`);
}

/**
 * Saves a screenshot in the scratch folder and, when `screenshotsDir` is given, in its `latest/` (gitignored);
 * with E2E_UPDATE_SCREENSHOTS=1 also as the committed reference picture in `screenshotsDir` itself.
 */
async function screenshot(page: Page, name: string, scratchDir: string, screenshotsDir?: string, reference = true): Promise<void> {
  const file = path.join(scratchDir, name);
  await page.screenshot({ path: file });
  if (!screenshotsDir) return;
  fs.mkdirSync(path.join(screenshotsDir, 'latest'), { recursive: true });
  fs.copyFileSync(file, path.join(screenshotsDir, 'latest', name));
  if (reference && process.env.E2E_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(screenshotsDir, name));
}

export async function runPartB(
  repoRoot: string,
  tools: Tools,
  scratch: string,
  screenshotsDir: string,
  report: (o: StepOutcome) => void,
): Promise<void> {
  const root = path.join(scratch, 'partB');
  fs.mkdirSync(root, { recursive: true });
  const steps = [
    'package dist/policy-lens.vsix',
    'install the .vsix with code-server --install-extension',
    `open ${SEED}: the server's diagnostics show in the Problems panel`,
    `hover on a "USMCA" use shows "${EXPANSION}"`,
    'F12 on that "USMCA" goes to its definition',
  ];
  let step = 0;
  const pass = (detail?: string) => report({ name: steps[step++]!, ok: true, ...(detail ? { detail } : {}) });

  let cleanup: Array<() => Promise<void>> = [];
  let failurePage: Page | undefined;
  try {
    // 1. package
    const t0 = Date.now();
    const { vsix, how } = await ensureVsix(repoRoot, path.join(root, 'package.log'));
    pass(`${how}, ${path.relative(repoRoot, vsix)}, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB${how === 'built' ? ` in ${seconds(t0)}` : ''}`);

    // 2. install into a fresh extensions folder
    const dirs = instanceDirs(path.join(root, 'server'));
    writeUserSettings(dirs);
    await installExtension(tools, dirs, vsix);
    const installed = fs.readdirSync(dirs.extensionsDir).find((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
    if (!installed) throw new Error(`no ${EXTENSION_ID}-* folder in ${dirs.extensionsDir} after --install-extension`);
    for (const f of ['package.json', 'dist/client.js', 'dist/server.js']) {
      if (!fs.existsSync(path.join(dirs.extensionsDir, installed, f))) throw new Error(`the installed extension lacks ${f}`);
    }
    pass(installed);

    // 3. the workbench, the document, the diagnostics
    const workspace = path.join(root, 'workspace');
    fs.cpSync(path.join(repoRoot, 'seeds'), workspace, { recursive: true });
    const server = await startCodeServer(tools, { dirs, testDriver: false });
    cleanup.push(server.stop);
    const browser = await launchBrowser(tools, path.join(root, 'chromium-profile'));
    cleanup.unshift(browser.close);
    const { page } = browser;
    failurePage = page;
    const consoleLog = path.join(root, 'browser-console.log');
    page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));

    const t1 = Date.now();
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer lists the seeds once the remote file system answers.
    await waitFor('the explorer to list the seed documents', async () => (await visibleText(page, '.explorer-folders-view')).includes(SEED), 60_000);
    log(`part B: workbench ready after ${seconds(t1)}`);

    await waitFor(
      `quick open to find ${SEED}`,
      async () => {
        if (!(await page.locator('.quick-input-widget').first().isVisible())) {
          await page.keyboard.press('Control+P');
          await page.locator('.quick-input-widget').first().waitFor({ state: 'visible', timeout: 5_000 });
          await page.keyboard.type(SEED.replace('.txt', ''), { delay: 10 });
        }
        return (await visibleText(page, '.quick-input-list .monaco-list-row')).includes(SEED);
      },
      30_000,
      500,
    );
    await page.keyboard.press('Enter');
    await waitFor(
      `the editor tab of ${SEED}`,
      async () => (await page.evaluate<string>(`(${ARIA_LABELS})('.tabs-container .tab.active')`)).includes(SEED),
      20_000,
    );
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 20_000 });

    // The extension is active and its server has analysed the workspace when a policy-lens row is in Problems.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor(
      'a policy-lens diagnostic in the Problems panel (the extension is active and its server analysed the workspace)',
      async () => {
        const text = await visibleText(page, '.markers-panel');
        return text.includes('policy-lens') ? text : undefined;
      },
      90_000,
      500,
    );
    const squiggles = await page.evaluate<number>(`(${COUNT})('.editor-group-container.active .monaco-editor [class*="squiggly-"]')`);
    await screenshot(page, 'problems.png', root, screenshotsDir);
    const rows = await page.evaluate<string[]>(`(${ROW_TEXTS})('.markers-panel .monaco-list-row')`);
    const firstProblem = rows.find((r) => r.includes('policy-lens')) ?? '';
    pass(`Problems panel: ${firstProblem.trim().slice(0, 100)}; ${squiggles} squiggle(s) on screen`);

    // 4. hover: put the cursor on a later use (line:column from the file), then the mouse on the word
    const text = fs.readFileSync(path.join(workspace, SEED), 'utf8');
    const definition = text.indexOf(`${EXPANSION} (USMCA)`);
    const use = text.indexOf('USMCA', definition + EXPANSION.length + 8);
    if (definition < 0 || use < 0) throw new Error(`${SEED} no longer defines and then uses USMCA`);
    const before = text.slice(0, use).split('\n');
    const line = before.length;
    const column = before[before.length - 1]!.length + 1;
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type(`${line}:${column}`, { delay: 10 });
    await page.keyboard.press('Enter');
    await waitFor(`the cursor at Ln ${line}, Col ${column}`, async () => (await visibleText(page, '.statusbar')).includes(`Ln ${line}, Col ${column}`), 10_000);

    const hover = await waitFor(
      `a .monaco-hover mentioning "${EXPANSION}"`,
      async () => {
        const word = await findWordOnScreen(page, 'USMCA');
        if (!word) return undefined;
        await page.mouse.move(word.x - 40, word.y + 25, { steps: 2 });
        await page.mouse.move(word.x, word.y, { steps: 4 });
        return waitFor(
          'the hover',
          async () => {
            const t = await visibleText(page, '.monaco-hover');
            return t.includes(EXPANSION) ? { text: t, word } : undefined;
          },
          4_000,
          200,
        ).catch(() => undefined);
      },
      45_000,
      500,
    );
    await screenshot(page, 'hover.png', root, screenshotsDir);
    pass(`at "${hover.word.context.replace(/\s+/g, ' ')}": ${hover.text.replace(/\s+/g, ' ').slice(0, 100)}`);

    // 5. F12 from the cursor (still on that USMCA) to the definition on the line of "… Trade Agreement (USMCA)"
    const definitionLine = text.slice(0, definition).split('\n').length;
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F12');
    const status = await waitFor(
      `the cursor to move to line ${definitionLine}`,
      async () => {
        const s = await visibleText(page, '.statusbar');
        return s.includes(`Ln ${definitionLine},`) ? s : undefined;
      },
      20_000,
    );
    await screenshot(page, 'definition.png', root, screenshotsDir, false);
    pass(status.match(/Ln \d+, Col \d+/)?.[0]);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    if (failurePage) await screenshot(failurePage, 'failure.png', root, screenshotsDir, false).catch(() => undefined);
    report({ name: steps[step++]!, ok: false, detail: reason });
    while (step < steps.length) report({ name: steps[step++]!, ok: false, detail: 'not run: an earlier step failed' });
  } finally {
    for (const c of cleanup) await c().catch(() => undefined);
    cleanup = [];
  }
}
