import { classifyCharacter } from 'micromark-util-classify-character';
import type { Emphasis, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Strong } from 'mdast';
import type { Point } from 'unist';
import { closesFence, FENCE_OPEN, htmlBlockEnd } from './blockBoundaries';

/**
 * Top-level paragraphs, ATX headings and bullet lists of one-line items of plain text, turned into mdast without remark. Hand-written because
 * remark-parse costs ~0.7 µs per character of plain prose (~1.5 MB/s; ~70 µs per block, even a one-letter
 * paragraph), and policy texts are mostly plain prose; this scanner reads ~250 MB/s.
 * `parseAroundPlainBlocks` shrinks each run of such blocks to a one-letter paragraph, lets remark parse what
 * remains, and puts the blocks it built itself in the placeholder's place.
 *
 * The result is the tree remark gives for the whole text (test/core/parseFastPath.test.ts compares them on
 * every seed, fixture and thousands of generated texts). Why it can be: a run starts at column 1 after a
 * blank line (or at the start), is made of lines that each are a heading or a paragraph line with no line
 * that starts or ends a block otherwise, and ends at a blank line or the end. Its text has only syntax built
 * here (trailing-space hard breaks, `*` emphasis whose runs pair up without nesting) or syntax that stays
 * text (escaped punctuation, `&` that starts no character reference, `_` inside a word, brackets that can
 * neither link nor meet a definition), and URL autolinks (`<https://…>`, the links of reference lists). Whether the run really is top-level there (and not inside a fenced
 * code block, an HTML block, a table or a list) depends only on what precedes it, which both texts share:
 * so each placeholder is checked to have come out as a top-level paragraph `x` where expected, and if one
 * did not, the whole text is parsed by remark. A run followed by a blank line leaves nothing open, so what
 * follows parses the same.
 */

/**
 * A top-level paragraph, ATX heading (depth 1–6) or bullet list of one-line `- ` items, of text with at most
 * emphasis, strong emphasis, URL autolinks and hard breaks.
 */
export interface PlainBlock {
  /** 0 for a paragraph, the heading's depth, or `LIST`. */
  depth: number;
  /** A list's items: each a paragraph from `textStart` (after the `- `), its `start` at the line's start. */
  items?: PlainBlock[];
  /** A list with blank lines between items (loose). */
  spread?: boolean;
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
  /** Inline syntax seen while scanning (`ESCAPES`, `STARS`, `BRACKETS`, `AUTOLINKS`). */
  syntax: number;
  /** Whether some line ends with a hard break (two or more spaces). */
  breaks: boolean;
  /** Emphasis and strong emphasis: offsets of each opening and closing `*` run, and its length, in threes. */
  pairs: number[];
}

/** The depth of a list block. */
export const LIST = -1;

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const AMPERSAND = 38;
const BACKSLASH = 92;
const UNDERSCORE = 95;
const RIGHT_BRACKET = 93;
const STAR = 42;
const LESS_THAN = 60;
const GREATER_THAN = 62;
const DASH = 45;

// What `inlineSyntax` reports of a line.
const ESCAPES = 1;
const STARS = 2;
const BRACKETS = 4;
/** What `PlainBlock.syntax` has for a block with URL autolinks. */
export const AUTOLINKS = 8;

// Characters of inline syntax: 1 for those never taken here (code, strikethrough, table cells, and what micromark
// rewrites: NUL, bare CR, controls), 2 for those looked at (`\ & _ [ ] *`, and `<` of an autolink, not of HTML).
const INLINE = new Uint8Array(128);
for (let c = 0; c < 32; c++) INLINE[c] = c === TAB ? 0 : 1;
for (const c of '`~|\x7f') INLINE[c.charCodeAt(0)] = 1;
for (const c of '\\&_[]*<') INLINE[c.charCodeAt(0)] = 2;

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
  // Lists: one-line `- ` items from a blank line on, with blank lines between them or not (loose or tight), up to
  // the first other line after a blank one. An indented line or another kind of list marker there would go on with
  // it, and a list before it would take it in; so it is taken only between groups built here that hold paragraphs
  // and headings (or the text's start or end), as one run with them.
  let list: PlainBlock | undefined;
  /** A group holding a list, kept until the group after it is known. */
  let pendingList: PlainBlock[] | undefined;
  /** Whether the last group was taken and ends with a paragraph or heading, with only blank lines since (true at the start). */
  let afterPlainGroup = true;
  /** Blank lines since the open list's last item. */
  let listGap = false;
  const endGroup = (taken: boolean) => {
    const group = block;
    if (!taken || !group || group.length === 0) {
      pendingList = undefined;
      afterPlainGroup = false;
      return;
    }
    if (group[0]!.depth === LIST) {
      // A list group holds its list only; it waits for the group after it.
      pendingList = afterPlainGroup && !pendingList ? group : undefined;
      afterPlainGroup = false;
      return;
    }
    if (pendingList) found.push(...pendingList);
    pendingList = undefined;
    found.push(...group);
    afterPlainGroup = true;
  };
  let line = 1;
  for (let offset = 0; offset < text.length; line++) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    const contentEnd = lineEnd > offset && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    if (fence !== undefined) {
      pendingList = undefined;
      afterPlainGroup = false;
      if (closesFence(text.slice(offset, next), fence)) fence = undefined;
      previousBlank = false;
      offset = next;
      continue;
    }
    if (htmlEnd !== undefined) {
      pendingList = undefined;
      afterPlainGroup = false;
      if (htmlEnd.test(text.slice(offset, next))) htmlEnd = undefined;
      previousBlank = false;
      offset = next;
      continue;
    }
    let first = offset;
    let c = 0;
    while (first < contentEnd && ((c = text.charCodeAt(first)) === SPACE || c === TAB)) first++;
    if (first === contentEnd) {
      // After a list, the next non-blank line says whether the list goes on (loose) or ends.
      if (list) listGap = true;
      else {
        if (!previousBlank) endGroup(!!block && (!paragraph || closed(text, paragraph)));
        block = paragraph = undefined;
      }
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
    const item = first === offset && firstChar === DASH ? listItemAt(text, offset, contentEnd, textEnd, line, bracketsInert) : undefined;
    if (list && listGap) {
      // Another item after blank lines: the same list, loose. Anything else: the list ended at the blank line.
      if (item) list.spread = true;
      else {
        endGroup(true);
        block = paragraph = list = undefined;
      }
      listGap = false;
    }
    if (previousBlank && !list) block = [];
    let qualifies = false;
    if (item || list) {
      // A list starts a group and holds it: an item after other lines, or another line after an item, is left to remark.
      qualifies = !!item && (list !== undefined || (previousBlank && block !== undefined));
      if (qualifies && !list) {
        list = { ...item!, depth: LIST, items: [] };
        block!.push(list);
      }
      if (qualifies) {
        list!.items!.push(item!);
        list!.end = item!.end;
        list!.textEnd = item!.textEnd;
        list!.lines = line - list!.line + 1;
        list!.lastLineStart = offset;
      }
      paragraph = undefined;
    } else if (firstChar === HASH) {
      const heading = first === offset ? headingAt(text, offset, contentEnd, textEnd, line, bracketsInert) : undefined;
      if (heading) {
        qualifies = true;
        // A heading ends the paragraph before it.
        if (paragraph && !closed(text, paragraph)) block = undefined;
        block?.push(heading);
        paragraph = undefined;
      }
    } else if (!(firstChar < 128 && STARTS_BLOCK[firstChar]) && !startsOrderedItem(text, first, contentEnd) && !(firstChar === STAR && startsStarBlock(text, first, textEnd))) {
      const syntax = inlineSyntax(text, first, contentEnd, bracketsInert);
      qualifies = syntax !== undefined;
      if (syntax === undefined || !block) {
        // Not a plain line, or one of a block that has another.
      } else if (paragraph) {
        paragraph.end = contentEnd;
        paragraph.textEnd = textEnd;
        paragraph.lines++;
        paragraph.lastLineStart = offset;
        paragraph.syntax |= syntax;
        if (syntax & ESCAPES || previousTrailing || first > offset) paragraph.rewritten = true;
        // Two or more trailing spaces (no tab) before a line ending are a hard break.
        if (previousHardBreak) paragraph.breaks = true;
      } else if (first === offset) {
        paragraph = { depth: 0, start: offset, end: contentEnd, textStart: offset, textEnd, line, lines: 1, lastLineStart: offset, rewritten: (syntax & ESCAPES) !== 0, syntax, breaks: false, pairs: [] };
        block.push(paragraph);
      } else qualifies = false; // An indented paragraph start (or indented code after a heading).
    }
    if (!qualifies) {
      // What the group held is left to remark, and so is a list waiting for it.
      if (block) endGroup(false);
      else pendingList = undefined;
      afterPlainGroup = false;
      block = paragraph = list = undefined;
      listGap = false;
    }
    previousHardBreak = !tab && contentEnd - textEnd >= 2;
    previousTrailing = textEnd < contentEnd;
    // Constructs that run across blank lines (a paragraph inside them is not one) start with ` ~ or <.
    if (!qualifies && first - offset <= 3 && (firstChar === 96 || firstChar === 126 || firstChar === 60)) {
      const lineText = text.slice(offset, next);
      const opening = FENCE_OPEN.exec(lineText);
      if (opening) fence = opening[1]!;
      else {
        htmlEnd = htmlBlockEnd(lineText);
      }
    }
    previousBlank = false;
    offset = next;
  }
  if (!previousBlank || list) endGroup(!!block && (!paragraph || closed(text, paragraph)));
  // A list with nothing after it but blank lines.
  if (pendingList) found.push(...pendingList);
  return found;
}

/**
 * A bullet list item at `offset` (column 1) as this module builds one: `- ` and then plain text on that line alone,
 * its first character starting nothing inside the item (a block quote, heading, list, code, thematic break).
 */
function listItemAt(text: string, offset: number, contentEnd: number, textEnd: number, line: number, bracketsInert: boolean): PlainBlock | undefined {
  const textStart = offset + 2;
  if (text.charCodeAt(offset + 1) !== SPACE || textStart >= textEnd) return undefined;
  const c = text.charCodeAt(textStart);
  if (c === SPACE || c === TAB || (c < 128 && STARTS_BLOCK[c]) || c === HASH || c === 96 || c === 126 || c === 60) return undefined;
  if (c === STAR && startsStarBlock(text, textStart, textEnd)) return undefined;
  if (startsOrderedItem(text, textStart, textEnd)) return undefined;
  const syntax = inlineSyntax(text, textStart, contentEnd, bracketsInert);
  if (syntax === undefined) return undefined;
  const item: PlainBlock = { depth: 0, start: offset, end: contentEnd, textStart, textEnd, line, lines: 1, lastLineStart: offset, rewritten: (syntax & ESCAPES) !== 0, syntax, breaks: false, pairs: [] };
  return closed(text, item) ? item : undefined;
}

/** Settles the emphasis of a finished paragraph, heading or list item; false if it is not one this module builds. */
function closed(text: string, block: PlainBlock): boolean {
  if (!(block.syntax & STARS)) return true;
  // Brackets that stay text and `*` runs are resolved by different micromark resolvers: leave both to remark. The
  // pairing of runs would also have to skip autolinks, whose `*`s are characters of a URL: left to remark too.
  if (block.syntax & (BRACKETS | AUTOLINKS)) return false;
  const pairs = attentionPairs(text, block);
  if (!pairs) return false;
  block.pairs = pairs;
  return true;
}

/** A line starting with `*` that is a list item (`*` and a space or tab, or nothing) or a thematic break (only `*`s and spaces). */
function startsStarBlock(text: string, first: number, textEnd: number): boolean {
  const next = text.charCodeAt(first + 1);
  if (first + 1 === textEnd || next === SPACE || next === TAB) return true;
  for (let i = first; i < textEnd; i++) {
    const c = text.charCodeAt(i);
    if (c !== STAR && c !== SPACE && c !== TAB) return false;
  }
  return true;
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
  const syntax = inlineSyntax(text, i, textEnd, bracketsInert);
  if (syntax === undefined) return undefined;
  const heading: PlainBlock = { depth, start: offset, end: contentEnd, textStart: i, textEnd, line, lines: 1, lastLineStart: offset, rewritten: (syntax & ESCAPES) !== 0, syntax, breaks: false, pairs: [] };
  return closed(text, heading) ? heading : undefined;
}

/**
 * What inline syntax text from `from` to `to` (one line) has for micromark: undefined if some this module does not
 * build, else `ESCAPES` (the value drops their backslashes), `STARS` (runs of one or two `*`, settled per paragraph),
 * `BRACKETS` and `AUTOLINKS` (whose characters are all the link's, skipped here), or 0 if its characters are the value's.
 */
function inlineSyntax(text: string, from: number, to: number, bracketsInert: boolean): number | undefined {
  let syntax = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || INLINE[c] === 0) continue;
    if (INLINE[c] === 1) return undefined;
    if (c === BACKSLASH) {
      // Before punctuation an escape; before a line ending a hard break; else a backslash.
      if (i + 1 === to) return undefined;
      const d = text.charCodeAt(i + 1);
      if (d < 128 && ASCII_PUNCTUATION[d]) {
        syntax |= ESCAPES;
        i++;
      }
    } else if (c === STAR) {
      let j = i + 1;
      while (j < to && text.charCodeAt(j) === STAR) j++;
      if (j - i > 2) return undefined;
      syntax |= STARS;
      i = j - 1;
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
    } else if (c === LESS_THAN) {
      // A URL autolink; anything else (an e-mail autolink, inline HTML, a lone `<`) is left to remark.
      const end = autolinkEnd(text, i, to);
      if (end === -1) return undefined;
      syntax |= AUTOLINKS;
      i = end;
    } else if (!bracketsInert || (c === RIGHT_BRACKET && text.charCodeAt(i + 1) === 40)) {
      // A bracket: a label that could resolve to a definition, or `](` of an inline link.
      return undefined;
    } else syntax |= BRACKETS;
  }
  return syntax;
}

/**
 * Where the URL autolink opening at `at` (a `<`) ends (its `>`), or -1, as micromark's autolink tokenizer reads one:
 * a scheme of 2–32 characters (an ASCII letter, then letters, digits, `+`, `-` or `.`), `:`, then any characters
 * but spaces, controls and `<`, up to `>` on the same line. Its characters are the link's text and URL as written.
 */
function autolinkEnd(text: string, at: number, to: number): number {
  let i = at + 1;
  const first = text.charCodeAt(i) | 32;
  if (first < 97 || first > 122) return -1;
  i++;
  while (i < to && i - at - 1 < 32 && isSchemeCharacter(text.charCodeAt(i))) i++;
  const scheme = i - at - 1;
  if (scheme < 2 || i === to || text.charCodeAt(i) !== 58) return -1;
  for (i++; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === GREATER_THAN) return i;
    if (c <= SPACE || c === LESS_THAN || c === 127) return -1;
  }
  return -1;
}

function isSchemeCharacter(c: number): boolean {
  return isAsciiAlphanumeric(c) || c === 43 || c === DASH || c === 46;
}

/**
 * The emphasis micromark makes of the `*` runs of `block` (offsets of opening run, closing run and length, in
 * threes), or undefined unless every run can only open, only close or neither, and each closer either closes
 * the one opener before it, of its length, or has none to close (no nesting, no rule of three, no leftovers).
 */
function attentionPairs(text: string, block: PlainBlock): number[] | undefined {
  const pairs: number[] = [];
  let opener = -1;
  let openerSize = 0;
  let failed = false;
  eachLine(text, block, (first, textEnd) => {
    for (let i = first; !failed && i < textEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < textEnd && ASCII_PUNCTUATION[text.charCodeAt(i + 1)]) i++;
      else if (c === STAR) {
        let j = i + 1;
        while (j < textEnd && text.charCodeAt(j) === STAR) j++;
        // As micromark's attention tokenizer decides for `*`, from the characters around the run.
        const before = classifyCharacter(i > 0 ? text.charCodeAt(i - 1) : null);
        const after = classifyCharacter(j < text.length ? text.charCodeAt(j) : null);
        const open = !after || (after === 2 && before !== undefined);
        const close = !before || (before === 2 && after !== undefined);
        if (open && close) failed = true;
        else if (open) {
          if (opener !== -1) failed = true;
          opener = i;
          openerSize = j - i;
        } else if (close && opener !== -1) {
          if (j - i !== openerSize) failed = true;
          pairs.push(opener, i, openerSize);
          opener = -1;
        }
        i = j - 1;
      }
    }
  });
  return failed ? undefined : pairs;
}

/**
 * Calls `fn` for each line of `block`: where its text starts (after the indent; `textStart` on the first line),
 * ends (before trailing spaces and tabs), its content ends (before the line ending) and the next line starts.
 */
function eachLine(text: string, block: PlainBlock, fn: (first: number, textEnd: number, contentEnd: number, next: number, last: boolean) => void): void {
  let offset = block.start;
  for (;;) {
    const newline = text.indexOf('\n', offset);
    const last = newline === -1 || newline >= block.end;
    const contentEnd = last ? block.end : text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    let first = offset === block.start ? block.textStart : offset;
    let textEnd = last ? block.textEnd : contentEnd;
    let c = 0;
    while (first < textEnd && ((c = text.charCodeAt(first)) === SPACE || c === TAB)) first++;
    while (textEnd > first && ((c = text.charCodeAt(textEnd - 1)) === SPACE || c === TAB)) textEnd--;
    fn(first, textEnd, contentEnd, last ? block.end : newline + 1, last);
    if (last) return;
    offset = newline + 1;
  }
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

const BARE_CR = /\r(?!\n)/;

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
      for (const plain of run!) children.push(plain.depth === LIST ? listNode(text, plain) : node(text, plain));
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

/**
 * Moves a node and its descendants by `offset` characters and `lines` lines, changing their positions in place (remark
 * makes new point objects for every node, so none is moved twice): here for a freshly parsed node, and in
 * incrementalParse.ts for the nodes of a block an edit moved.
 */
export function shift(node: RootContent, offset: number, lines: number): void {
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
  const children = plain.breaks || plain.pairs.length > 0 || plain.syntax & AUTOLINKS ? phrasing(text, plain) : [
    {
      type: 'text' as const,
      value: plain.rewritten ? textValue(text, plain.textStart, plain.textEnd) : text.slice(plain.textStart, plain.textEnd),
      position: { start: point(plain.textStart, plain.line, plain.start), end: point(plain.textEnd, lastLine, plain.lastLineStart) },
    },
  ];
  const position = { start: point(plain.start, plain.line, plain.start), end: point(plain.end, lastLine, plain.lastLineStart) };
  if (plain.depth === 0) return { type: 'paragraph', children, position };
  return { type: 'heading', depth: plain.depth as Heading['depth'], children, position };
}

/** The bullet list remark makes of `plain`, tight or loose: each item a paragraph after its `- `. */
function listNode(text: string, plain: PlainBlock): List {
  const children = plain.items!.map((item): ListItem => {
    const paragraph = node(text, item) as Paragraph;
    paragraph.position!.start = point(item.textStart, item.line, item.start);
    const position = { start: point(item.start, item.line, item.start), end: point(item.end, item.line, item.start) };
    return { type: 'listItem', spread: false, checked: null, children: [paragraph], position };
  });
  const position = { start: point(plain.start, plain.line, plain.start), end: point(plain.end, plain.line + plain.lines - 1, plain.lastLineStart) };
  return { type: 'list', ordered: false, start: null, spread: plain.spread === true, children, position };
}

function point(offset: number, line: number, lineStart: number): Point {
  return { line, column: offset - lineStart + 1, offset };
}

/**
 * The text, emphasis, autolinks and hard breaks remark makes of `plain`, as mdast-util-from-markdown does:
 * consecutive data and line endings make one text node, trailing spaces and indents are left out, a hard break runs
 * from its spaces to the start of the next line, an autolink's URL and text are its characters as written.
 */
function phrasing(text: string, plain: PlainBlock): PhrasingContent[] {
  const children: PhrasingContent[] = [];
  const open: (Emphasis | Strong)[] = [];
  const runs = new Map<number, number>();
  for (let k = 0; k < plain.pairs.length; k += 3) {
    runs.set(plain.pairs[k]!, plain.pairs[k + 2]!);
    runs.set(plain.pairs[k + 1]!, -plain.pairs[k + 2]!);
  }
  let line = plain.line;
  let lineStart = plain.start;
  const parent = () => open.at(-1)?.children ?? children;
  const data = (from: number, value: string, end: Point) => {
    const siblings = parent();
    const tail = siblings.at(-1);
    if (tail?.type === 'text') {
      tail.value += value;
      tail.position!.end = end;
    } else siblings.push({ type: 'text', value, position: { start: point(from, line, lineStart), end } });
  };
  eachLine(text, plain, (first, textEnd, contentEnd, next, last) => {
    let from = first;
    for (let i = first; i < textEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < textEnd && ASCII_PUNCTUATION[text.charCodeAt(i + 1)]) i++;
      else if (c === STAR && runs.has(i)) {
        const size = runs.get(i)!;
        if (i > from) data(from, text.slice(from, i).replace(ESCAPE, '$1'), point(i, line, lineStart));
        if (size > 0) {
          const node: Emphasis | Strong = { type: size === 2 ? 'strong' : 'emphasis', children: [], position: { start: point(i, line, lineStart), end: point(i, line, lineStart) } };
          parent().push(node);
          open.push(node);
          i += size - 1;
        } else {
          open.pop()!.position!.end = point(i - size, line, lineStart);
          i -= size + 1;
        }
        from = i + 1;
      } else if (c === LESS_THAN && plain.syntax & AUTOLINKS) {
        const end = autolinkEnd(text, i, textEnd);
        if (end === -1) continue;
        if (i > from) data(from, text.slice(from, i).replace(ESCAPE, '$1'), point(i, line, lineStart));
        const url = text.slice(i + 1, end);
        const inside: PhrasingContent = { type: 'text', value: url, position: { start: point(i + 1, line, lineStart), end: point(end, line, lineStart) } };
        parent().push({ type: 'link', title: null, url, children: [inside], position: { start: point(i, line, lineStart), end: point(end + 1, line, lineStart) } });
        i = end;
        from = end + 1;
      }
    }
    if (textEnd > from) data(from, text.slice(from, textEnd).replace(ESCAPE, '$1'), point(textEnd, line, lineStart));
    if (!last) {
      const nextLine: Point = { line: line + 1, column: 1, offset: next };
      const trailing = text.slice(textEnd, contentEnd);
      if (trailing.length >= 2 && !trailing.includes('\t')) parent().push({ type: 'break', position: { start: point(textEnd, line, lineStart), end: nextLine } });
      else data(contentEnd, text.slice(contentEnd, next), nextLine);
    }
    line++;
    lineStart = next;
  });
  return children;
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
