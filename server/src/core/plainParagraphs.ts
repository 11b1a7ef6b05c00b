import type { Paragraph, Root, RootContent } from 'mdast';
import type { Point } from 'unist';

/**
 * Top-level paragraphs without Markdown syntax, turned into mdast without remark. Hand-written because
 * remark-parse costs ~0.7 µs per character of plain prose (~1.5 MB/s; ~70 µs per paragraph, even a one-letter
 * one), and policy texts are mostly plain prose; this scanner reads ~250 MB/s. `parseAroundPlainParagraphs`
 * shrinks each run of such paragraphs to a one-letter paragraph, lets remark parse what remains, and puts the
 * paragraphs it built itself in the placeholder's place.
 *
 * The result is the tree remark gives for the whole text (test/core/parseFastPath.test.ts compares them on
 * every seed, fixture and thousands of generated texts). Why it can be: a candidate starts at column 1 after
 * a blank line (or at the start), has no character that starts inline syntax and no line that starts or ends
 * a block, and ends at a blank line or the end. Whether it really is a top-level paragraph there (and not
 * the inside of a fenced code block, an HTML block, a table or a list) depends only on what precedes it,
 * which both texts share: so each placeholder is checked to have come out as a top-level paragraph
 * `x` where expected, and if one did not, the whole text is parsed by remark. A paragraph ended by a blank
 * line leaves nothing open, so what follows parses the same; no definition can hide in a candidate (no `[`).
 */

/** A top-level paragraph of plain text: one `text` node in a `paragraph`. */
export interface PlainParagraph {
  /** Offset of its first character, at column 1 of `line`. */
  start: number;
  /** End of its last line, trailing spaces and tabs included: where remark ends the paragraph. */
  end: number;
  /** End of its last line without trailing spaces and tabs: where remark ends the text. */
  textEnd: number;
  line: number;
  lines: number;
  lastLineStart: number;
  /** Whether some line has spaces or tabs that remark leaves out of the text value (inner line ends, indents). */
  trimmed: boolean;
}

// Characters that can start inline syntax (escapes, code, emphasis, strikethrough, links, footnote calls, HTML,
// autolinks, character references), a table cell (`|`), or that micromark rewrites (NUL, bare CR, controls).
const SPECIAL = new Uint8Array(128);
for (let c = 0; c < 32; c++) SPECIAL[c] = c === 9 ? 0 : 1;
for (const c of '\\`*_~[]<&|\x7f') SPECIAL[c.charCodeAt(0)] = 1;

// First characters (after indentation) of lines that start or end a block inside a paragraph: ATX headings,
// block quotes, list items, setext underlines and thematic breaks, table delimiter rows (`:-`, `-:` need no pipe).
const STARTS_BLOCK = new Uint8Array(128);
for (const c of '#>-+=:') STARTS_BLOCK[c.charCodeAt(0)] = 1;

const SPACE = 32;
const TAB = 9;

/** The plain top-level paragraphs of `text`, in order; none where micromark would count lines or offsets differently. */
export function plainParagraphs(text: string): PlainParagraph[] {
  const found: PlainParagraph[] = [];
  // micromark drops a leading byte order mark from its offsets and takes a bare CR for a line ending.
  if (text.charCodeAt(0) === 0xfeff || BARE_CR.test(text)) return found;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = true;
  // The block that began after the last blank line, while it may be a plain paragraph.
  let open: PlainParagraph | undefined;
  let previousHardBreak = false;
  let previousTrailing = false;
  let line = 1;
  for (let offset = 0; offset < text.length; line++) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    const contentEnd = lineEnd > offset && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (fence !== undefined) {
      if (closesFence(text.slice(offset, next), fence)) fence = undefined;
      previousBlank = false;
    } else if (htmlEnd !== undefined) {
      if (htmlEnd.test(text.slice(offset, next))) htmlEnd = undefined;
      previousBlank = false;
    } else {
      let first = offset;
      let c = 0;
      while (first < contentEnd && ((c = text.charCodeAt(first)) === SPACE || c === TAB)) first++;
      if (first === contentEnd) {
        if (open) found.push(open);
        open = undefined;
        previousBlank = true;
      } else {
        const firstChar = c;
        let plain = !(c < 128 && STARTS_BLOCK[c]) && !startsOrderedItem(text, first, contentEnd);
        for (let i = first; plain && i < contentEnd; i++) {
          const d = text.charCodeAt(i);
          if (d < 128 && SPECIAL[d]) plain = false;
        }
        let textEnd = contentEnd;
        let tab = false;
        while (textEnd > first && ((c = text.charCodeAt(textEnd - 1)) === SPACE || c === TAB)) {
          if (c === TAB) tab = true;
          textEnd--;
        }
        if (previousBlank) {
          open = plain && first === offset ? { start: offset, end: contentEnd, textEnd, line, lines: 1, lastLineStart: offset, trimmed: false } : undefined;
        } else if (open) {
          // Two or more trailing spaces (no tab) before a line ending are a hard break.
          if (!plain || previousHardBreak) open = undefined;
          else {
            open.end = contentEnd;
            open.textEnd = textEnd;
            open.lines++;
            open.lastLineStart = offset;
            if (previousTrailing || first > offset) open.trimmed = true;
          }
        }
        previousHardBreak = !tab && contentEnd - textEnd >= 2;
        previousTrailing = textEnd < contentEnd;
        // Constructs that run across blank lines (a paragraph inside them is not one) start with ` ~ or <.
        if (!plain && first - offset <= 3 && (firstChar === 96 || firstChar === 126 || firstChar === 60)) {
          const lineText = text.slice(offset, next);
          const opening = FENCE_OPEN.exec(lineText);
          if (opening) fence = opening[1]!;
          else {
            const html = HTML_BLOCKS.find(([start]) => start.test(lineText));
            if (html && !html[1].test(lineText.replace(html[0], ''))) htmlEnd = html[1];
          }
          if (fence !== undefined || htmlEnd !== undefined) open = undefined;
        }
        previousBlank = false;
      }
    }
    offset = next;
  }
  if (open) found.push(open);
  return found;
}

const BARE_CR = /\r(?!\n)/;
const FENCE_OPEN = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
// CommonMark HTML blocks 1–5 run until their end marker, across blank lines.
const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?\n?$/.exec(line);
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
}

/** Digits followed by `.` or `)`: an ordered list item, or close enough to one to leave to remark. */
function startsOrderedItem(text: string, from: number, to: number): boolean {
  let i = from;
  let c = 0;
  while (i < to && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
  return i > from && i < to && (c === 46 || c === 41);
}

/**
 * Parses `text` with `parse` (remark) after shrinking each run of plain paragraphs (only blank lines between them)
 * to one paragraph `x`, and puts the paragraphs back as mdast built here, with every other node's position moved
 * to where it is in `text`. Runs, not paragraphs: remark's cost is mostly per block (~70 µs for a paragraph `x`).
 */
export function parseAroundPlainParagraphs(text: string, parse: (text: string) => Root): Root {
  const plains = plainParagraphs(text);
  if (plains.length === 0) return parse(text);
  const runs = plainRuns(text, plains);
  const parts: string[] = [];
  let at = 0;
  for (const run of runs) {
    parts.push(text.slice(at, run[0]!.start), 'x');
    at = run.at(-1)!.end;
  }
  parts.push(text.slice(at));
  return withPlainParagraphs(parse(parts.join('')), text, runs) ?? parse(text);
}

/** Groups paragraphs that only blank lines separate: after a top-level paragraph and a blank line nothing is open. */
function plainRuns(text: string, plains: PlainParagraph[]): PlainParagraph[][] {
  const runs: PlainParagraph[][] = [[plains[0]!]];
  for (let i = 1; i < plains.length; i++) {
    const previous = plains[i - 1]!;
    const plain = plains[i]!;
    let blank = true;
    for (let j = previous.end; blank && j < plain.start; j++) {
      const c = text.charCodeAt(j);
      blank = c === SPACE || c === TAB || c === 10 || c === 13;
    }
    if (blank) runs.at(-1)!.push(plain);
    else runs.push([plain]);
  }
  return runs;
}

/** Replaces the placeholders of `tree`; undefined if one did not come out as a top-level paragraph `x`. */
function withPlainParagraphs(tree: Root, text: string, runs: PlainParagraph[][]): Root | undefined {
  const children: RootContent[] = [];
  // What to add to a reduced offset and line after the placeholders passed so far.
  let offsetShift = 0;
  let lineShift = 0;
  let k = 0;
  for (const child of tree.children) {
    const run = runs[k];
    const first = run?.[0];
    if (first !== undefined && child.position!.end.offset! > first.start - offsetShift) {
      if (!isPlaceholder(child, first.start - offsetShift, first.line - lineShift)) return undefined;
      for (const plain of run!) children.push(paragraph(text, plain));
      const last = run!.at(-1)!;
      offsetShift += last.end - first.start - 1;
      lineShift += last.line + last.lines - 1 - first.line;
      k++;
    } else {
      if (offsetShift !== 0) shift(child, offsetShift, lineShift);
      children.push(child);
    }
  }
  if (k !== runs.length) return undefined;
  tree.children = children;
  const end = tree.position!.end;
  const last = runs.at(-1)!.at(-1)!;
  // The root ends on the last placeholder's line (after its `x`, column 2) when the text ends with that paragraph.
  if (end.line + lineShift === last.line + last.lines - 1) end.column += last.end - last.lastLineStart - 1;
  end.offset! += offsetShift;
  end.line += lineShift;
  return tree;
}

function isPlaceholder(node: RootContent, offset: number, line: number): boolean {
  if (node.type !== 'paragraph' || node.children.length !== 1) return false;
  const only = node.children[0]!;
  const { start, end } = node.position!;
  return only.type === 'text' && only.value === 'x' && start.offset === offset && start.line === line && start.column === 1 && end.offset === offset + 1;
}

/** Moves a freshly parsed node's positions in place (remark makes new point objects for every node). */
function shift(node: RootContent, offset: number, lines: number): void {
  const position = node.position;
  if (position) {
    position.start.offset! += offset;
    position.start.line += lines;
    position.end.offset! += offset;
    position.end.line += lines;
  }
  const children = (node as { children?: RootContent[] }).children;
  if (children) for (const child of children) shift(child, offset, lines);
}

function paragraph(text: string, plain: PlainParagraph): Paragraph {
  const lastLine = plain.line + plain.lines - 1;
  const point = (offset: number, line: number, lineStart: number): Point => ({ line, column: offset - lineStart + 1, offset });
  return {
    type: 'paragraph',
    children: [
      {
        type: 'text',
        value: plain.trimmed ? trimmedLines(text, plain.start, plain.textEnd) : text.slice(plain.start, plain.textEnd),
        position: { start: point(plain.start, plain.line, plain.start), end: point(plain.textEnd, lastLine, plain.lastLineStart) },
      },
    ],
    position: { start: point(plain.start, plain.line, plain.start), end: point(plain.end, lastLine, plain.lastLineStart) },
  };
}

/** The text value remark gives lines from `start` to `end`: each without its indent and trailing spaces and tabs, line endings kept. */
function trimmedLines(text: string, start: number, end: number): string {
  let value = '';
  for (let offset = start; offset < end; ) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    let from = offset;
    let to = lineEnd > from && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const lineEnding = text.slice(to, lineEnd === end ? end : lineEnd + 1);
    let c = 0;
    while (from < to && ((c = text.charCodeAt(from)) === SPACE || c === TAB)) from++;
    while (to > from && ((c = text.charCodeAt(to - 1)) === SPACE || c === TAB)) to--;
    value += text.slice(from, to) + (lineEnd === end ? '' : lineEnding);
    offset = lineEnd + 1;
  }
  return value;
}
