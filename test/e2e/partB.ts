// Part B: the packaged dist/policy-lens.vsix, installed into code-server like a user would, and driven through
// the workbench UI in chromium: quick open seed documents, see the server's diagnostics (squiggles, Problems panel
// with a cross-document conflict), hover an acronym and a figure, F12 to an acronym's definition and from a
// footnote marker to its endnote, the Statistics view and the Compare Statements webview.
// Screenshots go to test/e2e/screenshots/latest/ and .e2e/partB/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, type Page } from './lib/browser';
import { installExtension, instanceDirs, startCodeServer, writeUserSettings } from './lib/codeServer';
import { childEnv, type Tools } from './lib/tools';
import { log, mustRun, seconds, SetupError, waitFor } from './lib/util';
import {
  activeTabLabel,
  ariaLabels,
  centreOf,
  count,
  cursorPosition,
  dismiss,
  findWordOnScreen,
  goToLineColumn,
  lineColumnAt,
  openDocument,
  setPaneExpanded,
  paneRows,
  rowTexts,
  runCommand,
  screenshot,
  visibleText,
} from './lib/workbench';
import { headingMarker, notesHeadingsBetween, startsLikeNote } from './suite/noteText';

export interface StepOutcome {
  name: string;
  ok: boolean;
  detail?: string;
}

const EXTENSION_ID = 'policy-lens.policy-lens';
const SEED = '000_3209c946108f91e7.txt';
const EXPANSION = 'U.S.-Mexico-Canada Trade Agreement';
/** The multi-chapter volume with per-chapter endnotes. */
const VOLUME = '002_2e3851e7520eefff.txt';
/** A figure of the border length, which 004 states differently (a cross-document conflict). */
const BORDER_SEED = '001_3977f2ea8b54d961.txt';
const BORDER_FIGURE = '3175 kilometers';
const CONFLICT_SEED = '004_ecc22693258a47e1.txt';
const CONFLICT_RULE = 'conflicting-figure';

/**
 * Builds the .vsix with the root `npm run package` when it is missing or older than the bundles in dist/ or package.json.
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
  // The manifest counts too: its contributions (commands, views, token types) are part of what is tested.
  const inputs = [...bundles.map((f) => path.join(dist, f)), path.join(repoRoot, 'package.json')];
  const newest = Math.max(0, ...inputs.map((f) => fs.statSync(f).mtimeMs));
  if (fs.existsSync(vsix) && bundles.length > 0 && fs.statSync(vsix).mtimeMs >= newest) return { vsix, how: 'up to date' };
  log(`part B: npm run package (${fs.existsSync(vsix) ? 'dist/*.js or package.json is newer than the .vsix' : 'no .vsix yet'})`);
  await mustRun('npm', ['run', 'package'], { cwd: repoRoot, env: childEnv(undefined), timeoutMs: 5 * 60_000, logFile });
  if (!fs.existsSync(vsix)) throw new SetupError(`npm run package did not produce ${path.relative(repoRoot, vsix)}`);
  return { vsix, how: 'built' };
}

/** What every UI check gets: the page, the workspace folder on disk, where screenshots go. */
interface Ui {
  page: Page;
  workspace: string;
  scratch: string;
  screenshotsDir: string;
}

interface Check {
  name: string;
  /** Drives the workbench; throws when the feature misbehaves; returns the detail printed with PASS. */
  run(ui: Ui): Promise<string | undefined>;
}

function readSeed(ui: Ui, name: string): string {
  return fs.readFileSync(path.join(ui.workspace, name), 'utf8');
}

/** Moves the mouse onto the use of `word` nearest the cursor until a hover satisfying `accept` shows. */
async function hoverWord(page: Page, word: string, what: string, accept: (text: string) => boolean): Promise<{ text: string; context: string }> {
  return waitFor(
    what,
    async () => {
      const found = await findWordOnScreen(page, word);
      if (!found) return undefined;
      await page.mouse.move(found.x - 40, found.y + 25, { steps: 2 });
      await page.mouse.move(found.x, found.y, { steps: 4 });
      return waitFor(
        'the hover',
        async () => {
          const text = await visibleText(page, '.monaco-hover');
          return accept(text) ? { text, context: found.context.replace(/\s+/g, ' ') } : undefined;
        },
        4_000,
        200,
      ).catch(() => undefined);
    },
    45_000,
    500,
  );
}

/** Waits for the status bar's cursor line to satisfy `accept`. */
async function waitForCursorLine(page: Page, what: string, accept: (line: number) => boolean): Promise<{ line: number; column: number }> {
  return waitFor(what, async () => {
    const at = await cursorPosition(page);
    return at && accept(at.line) ? at : undefined;
  }, 20_000);
}

/** The later "USMCA" of SEED (after its definition "… Trade Agreement (USMCA)"), as 1-based positions. */
function laterUsmca(ui: Ui): { use: { line: number; column: number }; definitionLine: number } {
  const text = readSeed(ui, SEED);
  const definition = text.indexOf(`${EXPANSION} (USMCA)`);
  const use = text.indexOf('USMCA', definition + EXPANSION.length + 8);
  if (definition < 0 || use < 0) throw new Error(`${SEED} no longer defines and then uses USMCA`);
  return { use: lineColumnAt(text, use), definitionLine: lineColumnAt(text, definition).line };
}

/** Opens the border document with the cursor on the start of its figure "3175 kilometers". */
async function cursorOnBorderFigure(ui: Ui): Promise<{ line: number; column: number }> {
  const text = readSeed(ui, BORDER_SEED);
  const offset = text.indexOf(BORDER_FIGURE);
  if (offset < 0) throw new Error(`${BORDER_SEED} no longer states "${BORDER_FIGURE}"`);
  const at = lineColumnAt(text, offset);
  await openDocument(ui.page, BORDER_SEED);
  await goToLineColumn(ui.page, at.line, at.column);
  return at;
}

// Records the renderer's long tasks (main thread busy > 50 ms) in window.__policyLensLongTasks, for the freeze check.
const LONG_TASKS_OBSERVER = `(() => {
  window.__policyLensLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__policyLensLongTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
  }).observe({ type: 'longtask' });
})()`;
/** The longest time the UI may stay unresponsive during the checks (the 2-core CI machine is slow, but not this slow). */
const MAX_FREEZE_MS = 3_000;

const checks: Check[] = [
  {
    name: `hover on a "USMCA" use shows "${EXPANSION}"`,
    async run(ui) {
      const { page } = ui;
      const { use } = laterUsmca(ui);
      await openDocument(page, SEED);
      await goToLineColumn(page, use.line, use.column);
      const hover = await hoverWord(page, 'USMCA', `a .monaco-hover mentioning "${EXPANSION}"`, (t) => t.includes(EXPANSION));
      await screenshot(page, 'hover.png', ui.scratch, ui.screenshotsDir);
      return `at "${hover.context}": ${hover.text.replace(/\s+/g, ' ').slice(0, 100)}`;
    },
  },
  {
    name: 'F12 on that "USMCA" goes to its definition',
    async run(ui) {
      const { page } = ui;
      const { use, definitionLine } = laterUsmca(ui);
      await openDocument(page, SEED);
      await goToLineColumn(page, use.line, use.column);
      await page.keyboard.press('F12');
      const at = await waitForCursorLine(page, `the cursor to move to line ${definitionLine}`, (line) => line === definitionLine);
      await screenshot(page, 'definition.png', ui.scratch, ui.screenshotsDir, false);
      return `Ln ${at.line}, Col ${at.column}`;
    },
  },
  {
    name: `F12 on a footnote marker ("Introduction¹") in ${VOLUME} goes to its chapter's endnote`,
    async run(ui) {
      const { page } = ui;
      const text = readSeed(ui, VOLUME);
      const marker = headingMarker(text);
      if (!marker) throw new Error(`${VOLUME} has no heading line ending with a superscript marker`);
      const at = lineColumnAt(text, marker.offset);
      await openDocument(page, VOLUME);
      await goToLineColumn(page, at.line, at.column);
      await page.keyboard.press('F12');
      const landed = await waitForCursorLine(page, `the cursor to leave line ${at.line} (F12 on "${marker.heading}")`, (line) => line !== at.line);
      const lines = text.split(/\r?\n/);
      const noteLine = lines[landed.line - 1] ?? '';
      if (landed.line < at.line) throw new Error(`F12 went back to line ${landed.line}, before the marker on line ${at.line}`);
      if (!startsLikeNote(noteLine, marker.number)) throw new Error(`line ${landed.line} is not note ${marker.number}: ${noteLine.slice(0, 80)}`);
      if (notesHeadingsBetween(lines, at.line - 1, landed.line - 1) !== 1) throw new Error(`line ${landed.line} is not in the first notes list after the marker (line ${at.line})`);
      await screenshot(page, 'footnote.png', ui.scratch, ui.screenshotsDir);
      return `"${marker.heading}" Ln ${at.line} → Ln ${landed.line}: ${noteLine.slice(0, 70)}`;
    },
  },
  {
    name: `hover on "${BORDER_FIGURE}" in ${BORDER_SEED} shows the value in km and mi`,
    async run(ui) {
      const { page } = ui;
      await cursorOnBorderFigure(ui);
      const accept = (t: string) => /3,175 km ≈ [\d,]+ mi\b/.test(t);
      const hover = await hoverWord(page, BORDER_FIGURE.split(' ')[0]!, 'a .monaco-hover with "3,175 km ≈ … mi"', accept);
      await screenshot(page, 'figure-hover.png', ui.scratch, ui.screenshotsDir);
      return /3,175 km ≈ [^\n]*/.exec(hover.text)![0].slice(0, 100);
    },
  },
  {
    name: `the Problems panel shows the ${CONFLICT_RULE} between ${BORDER_SEED} and ${CONFLICT_SEED}, and its related location opens`,
    async run(ui) {
      const { page } = ui;
      await dismiss(page);
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 20_000 });
      const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .viewpane-filter textarea').first();
      await filter.fill(CONFLICT_RULE);
      // One row per conflict statement, and under it a row per related location ("004_….txt[Ln 21, Col 5]: …").
      const relatedRow = new RegExp(`^${CONFLICT_SEED.replace(/\./g, '\\.')}\\s*\\[Ln (\\d+)`);
      let seen: string[] = [];
      const rows = await waitFor(
        `a ${CONFLICT_RULE} row naming ${CONFLICT_SEED} with its related location`,
        async () => {
          const texts = (seen = await rowTexts(page, '.markers-panel .monaco-list-row'));
          const conflict = texts.find((r) => r.includes(CONFLICT_RULE) && r.includes(`in ${CONFLICT_SEED}`));
          const related = texts.find((r) => relatedRow.test(r));
          // The filter applies after a moment: wait until it hides the other rules' rows.
          const filtered = texts.every((r) => !r.includes('policy-lens') || r.includes(CONFLICT_RULE));
          return conflict && related && filtered ? { texts, conflict, related } : undefined;
        },
        20_000,
        500,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; rows: ${seen.join(' | ').slice(0, 400)}`);
      });
      await screenshot(page, 'conflict.png', ui.scratch, ui.screenshotsDir);
      const mirror = rows.texts.find((r) => r.includes(CONFLICT_RULE) && r.includes(`in ${BORDER_SEED}`));
      if (!mirror) throw new Error(`no mirror ${CONFLICT_RULE} row naming ${BORDER_SEED}: ${rows.texts.join(' | ').slice(0, 300)}`);
      // Clicking the related location opens the other document at that statement.
      const line = Number(relatedRow.exec(rows.related)![1]);
      const target = await centreOf(page, '.markers-panel .monaco-list-row', rows.related);
      if (!target) throw new Error('the related-location row is not on screen');
      await page.mouse.click(target.x, target.y);
      await waitFor(`${CONFLICT_SEED} to open at line ${line}`, async () => (await activeTabLabel(page)).includes(CONFLICT_SEED) && (await cursorPosition(page))?.line === line, 15_000);
      // Leave the Problems panel unfiltered.
      await filter.fill('');
      return `${rows.conflict.slice(0, 120)} | related: ${rows.related.slice(0, 60)}`;
    },
  },
  {
    name: 'the Statistics view lists the border length with its statements, and a statement opens its document',
    async run(ui) {
      const { page } = ui;
      await dismiss(page);
      await page.keyboard.press('Control+Shift+E');
      const header = '.part.sidebar .pane-header';
      await waitFor('the Statistics view in the explorer', () => centreOf(page, header, 'Statistics'), 20_000);
      // Room for the statistics: fold the folder view (its header is the workspace folder's name).
      await setPaneExpanded(page, path.basename(ui.workspace), false);
      await setPaneExpanded(page, 'Statistics', true);
      const rows = '.part.sidebar .pane-body .monaco-list-row';
      const quantity = await waitFor(
        'a quantity row about the border in km',
        async () => (await paneRows(page, 'Statistics')).find((r) => r.includes('border') && r.includes('km') && r.includes('statements in')),
        30_000,
        500,
      );
      const at = (await centreOf(page, rows, quantity))!;
      await page.mouse.click(at.x, at.y);
      const statements = await waitFor(
        `its statements, one in ${BORDER_SEED}`,
        async () => {
          const texts = (await paneRows(page, 'Statistics')).filter((r) => /\.txt:\d+/.test(r));
          return texts.some((r) => r.includes(`${BORDER_SEED}:`)) ? texts : undefined;
        },
        15_000,
      );
      const documents = new Set(statements.map((r) => /(\S+\.txt):/.exec(r)![1]));
      if (documents.size < 2) throw new Error(`the statements are all in one document: ${statements.join(' | ')}`);
      await screenshot(page, 'statistics.png', ui.scratch, ui.screenshotsDir);
      // Clicking a statement opens its document at the statement's line.
      const statement = statements.find((r) => r.includes(`${BORDER_SEED}:`))!;
      const line = Number(new RegExp(`${BORDER_SEED.replace(/\./g, '\\.')}:(\\d+)`).exec(statement)![1]);
      const row = (await centreOf(page, rows, statement))!;
      await page.mouse.click(row.x, row.y);
      await waitFor(`${BORDER_SEED} to open at line ${line}`, async () => (await activeTabLabel(page)).includes(BORDER_SEED) && (await cursorPosition(page))?.line === line, 15_000);
      return `${quantity.slice(0, 80)}: ${statements.length} statements in ${documents.size} documents`;
    },
  },
  {
    name: `"Policy Lens: Compare Statements" on "${BORDER_FIGURE}" opens the compare webview`,
    async run(ui) {
      const { page } = ui;
      await cursorOnBorderFigure(ui);
      // Room for the plot: no panel, no side bar (the webview opens beside the document).
      await runCommand(page, 'View: Hide Panel');
      await runCommand(page, 'View: Close Primary Side Bar');
      await runCommand(page, 'Policy Lens: Compare Statements');
      const tab = await waitFor('a "Compare:" editor tab', async () => (await ariaLabels(page, '.tabs-container .tab')).split('\n').find((l) => l.startsWith('Compare:')), 20_000);
      if (!(await activeTabLabel(page)).startsWith('Compare:')) throw new Error(`the compare view did not become the active editor (active: ${await activeTabLabel(page)})`);
      // Double-clicking its tab expands its group over the document's.
      const tabAt = (await centreOf(page, '.editor-group-container.active .tabs-container .tab.active', 'Compare:'))!;
      await page.mouse.dblclick(tabAt.x, tabAt.y);
      // The plot is an SVG in the webview's frame; its text names the documents.
      const plot = await waitFor(
        'the compare webview to render its plot',
        async () => {
          for (const frame of page.frames()) {
            const text = await frame.evaluate<string | null>(`document.querySelector('svg') ? document.body.innerText : null`).catch(() => null);
            if (text && text.includes(BORDER_SEED) && text.includes(CONFLICT_SEED)) return text;
          }
          return undefined;
        },
        20_000,
        500,
      );
      await screenshot(page, 'compare.png', ui.scratch, ui.screenshotsDir);
      return `${tab}; ${plot.replace(/\s+/g, ' ').slice(0, 120)}`;
    },
  },
  {
    // Last: covers every check above. A token-type declaration once froze the renderer for ~11 s per new document.
    name: `the workbench never froze for more than ${MAX_FREEZE_MS / 1000} s during the checks above`,
    async run(ui) {
      const tasks = await ui.page.evaluate<Array<{ start: number; ms: number }>>('window.__policyLensLongTasks || []');
      const longest = [...tasks].sort((a, b) => b.ms - a.ms);
      const worst = longest[0]?.ms ?? 0;
      const summary = `${tasks.length} long task(s) over 50 ms, longest ${longest.slice(0, 3).map((t) => `${t.ms} ms`).join(', ') || 'none'}`;
      if (worst > MAX_FREEZE_MS) throw new Error(`the UI was unresponsive for ${worst} ms (${summary}); profile the renderer to see why`);
      return summary;
    },
  },
];

export async function runPartB(
  repoRoot: string,
  tools: Tools,
  scratch: string,
  screenshotsDir: string,
  report: (o: StepOutcome) => void,
): Promise<void> {
  const root = path.join(scratch, 'partB');
  fs.mkdirSync(root, { recursive: true });
  const setupSteps = [
    'package dist/policy-lens.vsix',
    'install the .vsix with code-server --install-extension',
    `open ${SEED}: the server's diagnostics show in the Problems panel`,
  ];
  let step = 0;
  const pass = (detail?: string) => report({ name: setupSteps[step++]!, ok: true, ...(detail ? { detail } : {}) });

  let cleanup: Array<() => Promise<void>> = [];
  let page: Page | undefined;
  let ui: Ui | undefined;
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
    page = browser.page;
    const consoleLog = path.join(root, 'browser-console.log');
    page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));

    const t1 = Date.now();
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer lists the seeds once the remote file system answers.
    await waitFor('the explorer to list the seed documents', async () => (await visibleText(page!, '.explorer-folders-view')).includes(SEED), 60_000);
    log(`part B: workbench ready after ${seconds(t1)}`);
    await page.evaluate(LONG_TASKS_OBSERVER);
    await openDocument(page, SEED);

    // The extension is active and its server has analysed the workspace when a policy-lens row is in Problems.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor(
      'a policy-lens diagnostic in the Problems panel (the extension is active and its server analysed the workspace)',
      async () => ((await visibleText(page!, '.markers-panel')).includes('policy-lens') ? true : undefined),
      90_000,
      500,
    );
    const squiggles = await count(page, '.editor-group-container.active .monaco-editor [class*="squiggly-"]');
    await screenshot(page, 'problems.png', root, screenshotsDir);
    const rows = await rowTexts(page, '.markers-panel .monaco-list-row');
    const firstProblem = rows.find((r) => r.includes('policy-lens')) ?? '';
    pass(`Problems panel: ${firstProblem.trim().slice(0, 100)}; ${squiggles} squiggle(s) on screen`);
    ui = { page, workspace, scratch: root, screenshotsDir };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    if (page) await screenshot(page, 'failure.png', root, screenshotsDir, false).catch(() => undefined);
    report({ name: setupSteps[step++]!, ok: false, detail: reason });
    while (step < setupSteps.length) report({ name: setupSteps[step++]!, ok: false, detail: 'not run: an earlier step failed' });
    for (const check of checks) report({ name: check.name, ok: false, detail: 'not run: the workbench could not be set up' });
  }

  // 4. the features, each on its own: one that fails does not stop the others.
  try {
    if (ui) {
      // Freezes are measured from here: the workbench's own start-up and the first analysis are not the point.
      await ui.page.evaluate('window.__policyLensLongTasks = []');
      for (const [i, check] of checks.entries()) {
        const t = Date.now();
        try {
          const detail = await check.run(ui);
          report({ name: check.name, ok: true, detail: `${detail ?? ''} (${seconds(t)})` });
        } catch (err) {
          const reason = err instanceof Error ? err.message.split('\n')[0]! : String(err);
          await screenshot(ui.page, `failure-${i + 1}.png`, root, screenshotsDir, false).catch(() => undefined);
          report({ name: check.name, ok: false, detail: reason });
        }
      }
    }
  } finally {
    for (const c of cleanup) await c().catch(() => undefined);
    cleanup = [];
  }
}
