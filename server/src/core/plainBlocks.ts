import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import type { Point } from 'unist';

/**
 * Top-level paragraphs and ATX headings whose text has no Markdown syntax, turned into mdast without remark.
 * Hand-written because remark-parse costs ~0.7 µs per character of plain prose (~1.5 MB/s; ~70 µs per block,
 * even a one-letter paragraph), and policy texts are mostly plain prose; this scanner reads ~250 MB/s.
 * `parseAroundPlainBlocks` shrinks each run of such blocks to a one-letter paragraph, lets remark parse what
 * remains, and puts the blocks it built itself in the placeholder's place.
 *
 * The result is the tree remark gives for the whole text (test/core/parseFastPath.test.ts compares them on
 * every seed, fixture and thousands of generated texts). Why it can be: a run starts at column 1 after a
 * blank line (or at the start), is made of lines that each are a heading or a paragraph line whose text has
 * only inert syntax (escapes of punctuation, `&` that starts no character reference, `_` inside a word,
 * brackets that can neither link nor define), no line that starts or ends a block otherwise, and ends at a
 * blank line or the end. Whether it really is top-level there (and not inside a fenced code block, an HTML
 * block, a table or a list) depends only on what precedes it, which both texts share: so each placeholder
 * is checked to have come out as a top-level paragraph `x` where expected, and if one did not, the whole
 * text is parsed by remark. A run followed by a blank line leaves nothing open, so what follows parses the same.
 */

/** A top-level paragraph (one `text` node) or ATX heading (depth 1–6, one `text` node). */
export interface PlainBlock {
  /** 0 for a paragraph, else the heading's depth. */
  depth: number;
  /** Offset of its first character, at column 1 of `line`. */
  start: number;
  /** End of its last line, trailing spaces and tabs included: where remark ends the block. */
  end: number;
  /** Where its text starts: `start` for a paragraph, after the `#`s and spaces for a heading. */
  textStart: number;
  /** End of its last line without trailing spaces and tabs: where remark ends the text. */
  textEnd: number;
  line: number;
  lines: number;
  lastLineStart: number;
  /** Whether the text value is not the text between `textStart` and `textEnd` (escapes, indents, inner line ends). */
  rewritten: boolean;
}

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const AMPERSAND = 38;
const BACKSLASH = 92;
const UNDERSCORE = 95;
const RIGHT_BRACKET = 93;

// Characters of inline syntax: 1 for those never taken here (code, emphasis, strikethrough, HTML and autolinks,
// table cells, and what micromark rewrites: NUL, bare CR, controls), 2 for those looked at (`\ & _ [ ]`).
const INLINE = new Uint8Array(128);
for (let c = 0; c < 32; c++) INLINE[c] = c === TAB ? 0 : 1;
for (const c of '`*~<|\x7f') INLINE[c.charCodeAt(0)] = 1;
for (const c of '\\&_[]') INLINE[c.charCodeAt(0)] = 2;

const ASCII_PUNCTUATION = new Uint8Array(128);
for (let c = 33; c < 127; c++) ASCII_PUNCTUATION[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 0 : 1;

// First characters (after indentation) of lines that start or end a block inside a paragraph: ATX headings
// (taken only at column 1 and checked), block quotes, list items, setext underlines and thematic breaks,
// table delimiter rows (`:-`, `-:` need no pipe).
const STARTS_BLOCK = new Uint8Array(128);
for (const c of '#>-+=:') STARTS_BLOCK[c.charCodeAt(0)] = 1;

/** The plain top-level blocks of `text`, in order; none where micromark would count lines or offsets differently. */
export function plainBlocks(text: string): PlainBlock[] {
  const found: PlainBlock[] = [];
  // micromark drops a leading byte order mark from its offsets and takes a bare CR for a line ending.
  if (text.charCodeAt(0) === 0xfeff || BARE_CR.test(text)) return found;
  // Without `]:` there is no link or footnote definition, so brackets can only link when `](` follows.
  const bracketsInert = !text.includes(']:');
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = true;
  // The blocks since the last blank line, while every line qualifies; the paragraph they end with, if any.
  let block: PlainBlock[] | undefined;
  let paragraph: PlainBlock | undefined;
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
      offset = next;
      continue;
    }
    if (htmlEnd !== undefined) {
      if (htmlEnd.test(text.slice(offset, next))) htmlEnd = undefined;
      previousBlank = false;
      offset = next;
      continue;
    }
    let first = offset;
    let c = 0;
    while (first < contentEnd && ((c = text.charCodeAt(first)) === SPACE || c === TAB)) first++;
    if (first === contentEnd) {
      if (block) found.push(...block);
      block = paragraph = undefined;
      previousBlank = true;
      offset = next;
      continue;
    }
    const firstChar = c;
    let textEnd = contentEnd;
    let tab = false;
    while (textEnd > first && ((c = text.charCodeAt(textEnd - 1)) === SPACE || c === TAB)) {
      if (c === TAB) tab = true;
      textEnd--;
    }
    if (previousBlank) block = [];
    let qualifies = false;
    if (firstChar === HASH) {
      const heading = first === offset ? headingAt(text, offset, contentEnd, textEnd, line, bracketsInert) : undefined;
      if (heading) {
        qualifies = true;
        block?.push(heading);
        paragraph = undefined;
      }
    } else if (!(firstChar < 128 && STARTS_BLOCK[firstChar]) && !startsOrderedItem(text, first, contentEnd)) {
      const escapes = inlineSyntax(text, first, contentEnd, bracketsInert);
      qualifies = escapes !== undefined;
      if (!qualifies || !block) {
        // Not a plain line, or one of a block that has another.
      } else if (paragraph) {
        // Two or more trailing spaces (no tab) before a line ending are a hard break.
        if (previousHardBreak) qualifies = false;
        else {
          paragraph.end = contentEnd;
          paragraph.textEnd = textEnd;
          paragraph.lines++;
          paragraph.lastLineStart = offset;
          if (escapes || previousTrailing || first > offset) paragraph.rewritten = true;
        }
      } else if (first === offset) {
        paragraph = { depth: 0, start: offset, end: contentEnd, textStart: offset, textEnd, line, lines: 1, lastLineStart: offset, rewritten: escapes! };
        block.push(paragraph);
      } else qualifies = false; // An indented paragraph start (or indented code after a heading).
    }
    if (!qualifies) block = paragraph = undefined;
    previousHardBreak = !tab && contentEnd - textEnd >= 2;
    previousTrailing = textEnd < contentEnd;
    // Constructs that run across blank lines (a paragraph inside them is not one) start with ` ~ or <.
    if (!qualifies && first - offset <= 3 && (firstChar === 96 || firstChar === 126 || firstChar === 60)) {
      const lineText = text.slice(offset, next);
      const opening = FENCE_OPEN.exec(lineText);
      if (opening) fence = opening[1]!;
      else {
        const html = HTML_BLOCKS.find(([start]) => start.test(lineText));
        if (html && !html[1].test(lineText.replace(html[0], ''))) htmlEnd = html[1];
      }
    }
    previousBlank = false;
    offset = next;
  }
  if (block) found.push(...block);
  return found;
}

/** An ATX heading at `offset` with plain text and no closing `#`s (nor any `#` in its text), else undefined. */
function headingAt(text: string, offset: number, contentEnd: number, textEnd: number, line: number, bracketsInert: boolean): PlainBlock | undefined {
  let i = offset;
  while (i < contentEnd && text.charCodeAt(i) === HASH) i++;
  const depth = i - offset;
  let c = text.charCodeAt(i);
  if (depth > 6 || i === contentEnd || (c !== SPACE && c !== TAB)) return undefined;
  while (i < textEnd && ((c = text.charCodeAt(i)) === SPACE || c === TAB)) i++;
  const hash = text.indexOf('#', i);
  if (i === textEnd || (hash !== -1 && hash < textEnd)) return undefined;
  const escapes = inlineSyntax(text, i, textEnd, bracketsInert);
  if (escapes === undefined) return undefined;
  return { depth, start: offset, end: contentEnd, textStart: i, textEnd, line, lines: 1, lastLineStart: offset, rewritten: escapes };
}

/**
 * Whether text from `from` to `to` (one line) is plain for micromark: undefined if it may hold inline syntax,
 * true if it holds escapes (the value drops their backslashes), false if its characters are the value's.
 */
function inlineSyntax(text: string, from: number, to: number, bracketsInert: boolean): boolean | undefined {
  let escapes = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || INLINE[c] === 0) continue;
    if (INLINE[c] === 1) return undefined;
    if (c === BACKSLASH) {
      // Before punctuation an escape; before a line ending a hard break; else a backslash.
      if (i + 1 === to) return undefined;
      const d = text.charCodeAt(i + 1);
      if (d < 128 && ASCII_PUNCTUATION[d]) {
        escapes = true;
        i++;
      }
    } else if (c === AMPERSAND) {
      // `&name;`, `&#digits;` or `&#xhex;` may be a character reference; without the `;` it is none.
      let j = i + 1;
      if (text.charCodeAt(j) === HASH) {
        j++;
        if ((text.charCodeAt(j) | 32) === 120) j++;
      }
      while (j < to && isAsciiAlphanumeric(text.charCodeAt(j))) j++;
      if (j < to && text.charCodeAt(j) === 59) return undefined;
    } else if (c === UNDERSCORE) {
      // Between letters or digits `_` can neither open nor close emphasis.
      if (i === from || !isAsciiAlphanumeric(text.charCodeAt(i - 1))) return undefined;
      let j = i + 1;
      while (j < to && text.charCodeAt(j) === UNDERSCORE) j++;
      if (j === to || !isAsciiAlphanumeric(text.charCodeAt(j))) return undefined;
      i = j - 1;
    } else if (!bracketsInert || (c === RIGHT_BRACKET && text.charCodeAt(i + 1) === 40)) {
      // A bracket: a label that could resolve to a definition, or `](` of an inline link.
      return undefined;
    }
  }
  return escapes;
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
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
 * Parses `text` with `parse` (remark) after shrinking each run of plain blocks (only line endings and blank
 * lines between them) to one paragraph `x`, and puts the blocks back as mdast built here, with every other
 * node's position moved to where it is in `text`. Runs, not blocks: remark's cost is mostly per block.
 */
export function parseAroundPlainBlocks(text: string, parse: (text: string) => Root): Root {
  const plains = plainBlocks(text);
  if (plains.length === 0) return parse(text);
  const runs = plainRuns(text, plains);
  const parts: string[] = [];
  let at = 0;
  for (const run of runs) {
    parts.push(text.slice(at, run[0]!.start), 'x');
    at = run.at(-1)!.end;
  }
  parts.push(text.slice(at));
  return withPlainBlocks(parse(parts.join('')), text, runs) ?? parse(text);
}

/** Groups blocks that only line endings and blank lines separate: after such a run, nothing is open. */
function plainRuns(text: string, plains: PlainBlock[]): PlainBlock[][] {
  const runs: PlainBlock[][] = [[plains[0]!]];
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
function withPlainBlocks(tree: Root, text: string, runs: PlainBlock[][]): Root | undefined {
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
      for (const plain of run!) children.push(node(text, plain));
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
  // The root ends on the last placeholder's line (after its `x`, column 2) when the text ends with that run.
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

/** The paragraph or heading remark makes of `plain`. */
function node(text: string, plain: PlainBlock): Paragraph | Heading {
  const lastLine = plain.line + plain.lines - 1;
  const point = (offset: number, line: number, lineStart: number): Point => ({ line, column: offset - lineStart + 1, offset });
  const children: Paragraph['children'] = [
    {
      type: 'text',
      value: plain.rewritten ? textValue(text, plain.textStart, plain.textEnd) : text.slice(plain.textStart, plain.textEnd),
      position: { start: point(plain.textStart, plain.line, plain.start), end: point(plain.textEnd, lastLine, plain.lastLineStart) },
    },
  ];
  const position = { start: point(plain.start, plain.line, plain.start), end: point(plain.end, lastLine, plain.lastLineStart) };
  if (plain.depth === 0) return { type: 'paragraph', children, position };
  return { type: 'heading', depth: plain.depth as Heading['depth'], children, position };
}

/**
 * The text value remark gives lines from `start` to `end`: each without its indent and trailing spaces and tabs,
 * line endings kept, escaped punctuation without its backslash.
 */
function textValue(text: string, start: number, end: number): string {
  let value = '';
  for (let offset = start; offset < end; ) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    let from = offset;
    let to = lineEnd > from && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const lineEnding = lineEnd === end ? '' : text.slice(to, lineEnd + 1);
    let c = 0;
    while (from < to && ((c = text.charCodeAt(from)) === SPACE || c === TAB)) from++;
    while (to > from && ((c = text.charCodeAt(to - 1)) === SPACE || c === TAB)) to--;
    value += text.slice(from, to).replace(ESCAPE, '$1') + lineEnding;
    offset = lineEnd + 1;
  }
  return value;
}

const ESCAPE = /\\([!-/:-@[-`{-~])/g;
