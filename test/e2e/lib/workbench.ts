// Driving the VS Code workbench in chromium like a user: quick open, go to line, the command palette, the status
// bar, the DOM of the editor and panels. Page code is kept as source text: the root tsconfig has no DOM library.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from './browser';
import { waitFor } from './util';

const VISIBLE_TEXT = `(selector) => {
  const texts = [];
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden') texts.push(el.innerText);
  }
  return texts.join('\\n');
}`;

// Where on screen a use of the word (not a definition "(WORD)") shows in the active editor, nearest the cursor:
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
// The centre of the first visible element under \`selector\` whose text (whitespace collapsed, any case) contains \`needle\`.
const CENTRE_OF = `([selector, needle]) => {
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && el.innerText.replace(/\\s+/g, ' ').toLowerCase().includes(needle.toLowerCase())) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }
  return undefined;
}`;

/** The page's visible text under `selector` (all matches, joined), or '' when none is visible. */
export function visibleText(page: Page, selector: string): Promise<string> {
  return page.evaluate<string>(`(${VISIBLE_TEXT})(${JSON.stringify(selector)})`);
}

export function findWordOnScreen(page: Page, word: string): Promise<{ x: number; y: number; context: string } | undefined> {
  return page.evaluate(`(${FIND_WORD})(${JSON.stringify(word)})`);
}

export function count(page: Page, selector: string): Promise<number> {
  return page.evaluate<number>(`(${COUNT})(${JSON.stringify(selector)})`);
}

/** The text of every element under `selector`, whitespace collapsed. */
export function rowTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(`(${ROW_TEXTS})(${JSON.stringify(selector)})`);
}

export function ariaLabels(page: Page, selector: string): Promise<string> {
  return page.evaluate<string>(`(${ARIA_LABELS})(${JSON.stringify(selector)})`);
}

export function centreOf(page: Page, selector: string, needle: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(`(${CENTRE_OF})(${JSON.stringify([selector, needle])})`);
}

const PANE_EXPANDED = `(title) => {
  for (const el of document.querySelectorAll('.part.sidebar .pane-header')) if (el.innerText.toLowerCase().includes(title.toLowerCase())) return el.getAttribute('aria-expanded') === 'true';
  return false;
}`;

// The rows of the side bar's view titled \`title\` (rendered rows only: lists are virtualised).
const PANE_ROWS = `(title) => {
  for (const header of document.querySelectorAll('.part.sidebar .pane-header')) {
    if (!header.innerText.toLowerCase().includes(title.toLowerCase())) continue;
    const pane = header.closest('.pane');
    return pane ? Array.from(pane.querySelectorAll('.pane-body .monaco-list-row')).map((e) => e.innerText.replace(/\\s+/g, ' ').trim()) : [];
  }
  return [];
}`;

/** The text of the rendered rows of the side bar's view titled `title`. */
export function paneRows(page: Page, title: string): Promise<string[]> {
  return page.evaluate<string[]>(`(${PANE_ROWS})(${JSON.stringify(title)})`);
}

/** Whether the side bar's view titled `title` (a pane of the Explorer) is expanded. */
export function paneExpanded(page: Page, title: string): Promise<boolean> {
  return page.evaluate<boolean>(`(${PANE_EXPANDED})(${JSON.stringify(title)})`);
}

/** Clicks the header of the side bar's view titled `title` until it is expanded (or collapsed): views move as others fold. */
export async function setPaneExpanded(page: Page, title: string, expanded: boolean): Promise<void> {
  await waitFor(
    `the ${title} view to be ${expanded ? 'expanded' : 'collapsed'}`,
    async () => {
      if ((await paneExpanded(page, title)) === expanded) return true;
      const at = await centreOf(page, '.part.sidebar .pane-header', title);
      if (at) await page.mouse.click(at.x, at.y);
      return false;
    },
    15_000,
    500,
  );
}

/** Closes whatever transient UI is up (quick input, hover, find widget) and moves the mouse out of the way. */
export async function dismiss(page: Page): Promise<void> {
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
}

/** The labels of the editor tabs, the active one first. */
export async function activeTabLabel(page: Page): Promise<string> {
  return ariaLabels(page, '.editor-group-container.active .tabs-container .tab.active');
}

/** Ctrl+P, the file name, Enter; waits for its editor tab to be active and its text rendered. */
export async function openDocument(page: Page, name: string): Promise<void> {
  await dismiss(page);
  await waitFor(
    `quick open to find ${name}`,
    async () => {
      if (!(await page.locator('.quick-input-widget').first().isVisible())) {
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget').first().waitFor({ state: 'visible', timeout: 5_000 });
        await page.keyboard.type(name.replace(/\.[a-z]+$/, ''), { delay: 10 });
      }
      return (await visibleText(page, '.quick-input-list .monaco-list-row')).includes(name);
    },
    30_000,
    500,
  );
  await page.keyboard.press('Enter');
  await waitFor(`the editor tab of ${name}`, async () => (await activeTabLabel(page)).includes(name), 20_000);
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 20_000 });
}

/** The cursor position the status bar shows ("Ln 12, Col 5"), 1-based. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number } | undefined> {
  const match = /Ln (\d+), Col (\d+)/.exec(await visibleText(page, '.statusbar'));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

/** Ctrl+G line:column in the active editor; waits for the status bar to show it. */
export async function goToLineColumn(page: Page, line: number, column: number): Promise<void> {
  await dismiss(page);
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(`${line}:${column}`, { delay: 10 });
  await page.keyboard.press('Enter');
  await waitFor(`the cursor at Ln ${line}, Col ${column}`, async () => {
    const at = await cursorPosition(page);
    return at?.line === line && at.column === column;
  }, 10_000);
}

/** Runs a command from the command palette by its title ("Policy Lens: Compare Statements"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await dismiss(page);
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(title, { delay: 5 });
  await waitFor(
    `"${title}" in the command palette`,
    async () => (await rowTexts(page, '.quick-input-list .monaco-list-row')).some((r) => r.startsWith(title)),
    10_000,
  );
  // The best match is selected first; Enter runs it.
  const selected = (await rowTexts(page, '.quick-input-list .monaco-list-row.focused'))[0] ?? '';
  if (!selected.startsWith(title)) throw new Error(`the command palette selected "${selected}" for "${title}"`);
  await page.keyboard.press('Enter');
}

/** 1-based line and column of a UTF-16 offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * Saves a screenshot in the scratch folder and, when `screenshotsDir` is given, in its `latest/` (gitignored);
 * with E2E_UPDATE_SCREENSHOTS=1 also as the committed reference picture in `screenshotsDir` itself.
 */
export async function screenshot(page: Page, name: string, scratchDir: string, screenshotsDir?: string, reference = true): Promise<void> {
  const file = path.join(scratchDir, name);
  await page.screenshot({ path: file });
  if (!screenshotsDir) return;
  fs.mkdirSync(path.join(screenshotsDir, 'latest'), { recursive: true });
  fs.copyFileSync(file, path.join(screenshotsDir, 'latest', name));
  if (reference && process.env.E2E_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(screenshotsDir, name));
}
