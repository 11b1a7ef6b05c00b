import type { Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { parseMarkdown } from './parse';
import { closesFence, FENCE_OPEN, htmlBlockEnd } from './blockBoundaries';

/**
 * Re-parsing only what an edit touched. A document is cut into top-level blocks at blank lines where no
 * Markdown construct can continue (see `blockStarts`); each block's syntax tree is kept, relative to the
 * block, keyed by the block's text. After an edit, blocks whose text is unchanged reuse their tree, moved
 * to their new offset, and only new blocks go through remark-parse. The result is the same tree a parse
 * of the whole text gives (test/core/incrementalParse.test.ts checks this on every seed and fixture);
 * where that cannot be guaranteed — link or footnote definitions, which resolve across blocks — the whole
 * text is parsed. Written here because neither remark nor micromark parse incrementally.
 */
export interface BlockTrees {
  /** Block text → its top-level nodes, with positions relative to the block's start (line 1, offset 0). */
  readonly byText: ReadonlyMap<string, readonly RootContent[]>;
}

/** Bigger blocks are parsed whole: cutting small documents saves nothing. */
const MIN_BLOCK_CHARS = 2048;

// `[label]: destination` or `[^note]:`, anywhere: definitions change how `[text][label]` parses elsewhere.
const DEFINITION = /\[[^\]\n]*\]:/;

/**
 * Parses `text`, reusing the trees of unchanged blocks from `previous` (the blocks of the same document's
 * last version). Returns the tree and the blocks to pass next time.
 */
export function parseIncrementally(text: string, previous?: BlockTrees): { tree: Root; blocks: BlockTrees } {
  if (DEFINITION.test(text)) return { tree: parseMarkdown(text), blocks: { byText: new Map() } };
  const starts = blockStarts(text);
  const byText = new Map<string, readonly RootContent[]>();
  const children: RootContent[] = [];
  let line = 1;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const blockText = text.slice(start, starts[i + 1] ?? text.length);
    let nodes = byText.get(blockText) ?? previous?.byText.get(blockText);
    if (!nodes) nodes = parseMarkdown(blockText).children;
    byText.set(blockText, nodes);
    for (const node of nodes) children.push(moved(node, start, line - 1));
    line += lineBreaks(blockText);
  }
  const tree: Root = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
  return { tree, blocks: { byText } };
}

/**
 * Offsets where a new top-level block can start without changing how the text parses: the start of a
 * line after a blank line, not indented (so not a list item's or indented code's continuation), not a
 * list marker (a loose list goes on across blank lines), outside fenced code and multi-line HTML blocks,
 * and at least `MIN_BLOCK_CHARS` after the previous cut. A text with an indented opening fence is not cut.
 */
export function blockStarts(text: string): number[] {
  const starts = [0];
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  let offset = 0;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(offset, end);
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
    } else if (htmlEnd !== undefined) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      const blank = /^[ \t]*\r?\n?$/.test(line);
      if (previousBlank && !blank && /^[^\s>]/.test(line) && !LIST_MARKER.test(line) && offset - starts.at(-1)! >= MIN_BLOCK_CHARS) starts.push(offset);
      const opening = FENCE_OPEN.exec(line);
      // An indented fence may belong to a list item, which ends where its own indentation does, not at a closing
      // fence: taken for a top-level one, it would make the next real fence read as its end. Such texts are not cut.
      if (opening && opening[0].length > opening[1]!.length) return [0];
      if (opening) fence = opening[1]!;
      else {
        htmlEnd = htmlBlockEnd(line);
      }
      previousBlank = blank;
    }
    offset = end;
  }
  return starts;
}

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\r?\n?$)/;

function lineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The point after the last character, as remark reports it for the root. */
function endPoint(text: string): Position['end'] {
  const lastBreak = text.lastIndexOf('\n');
  return { line: lineBreaks(text) + 1, column: text.length - lastBreak, offset: text.length };
}

/** A copy of `node` and its descendants with positions moved by `offset` characters and `lines` lines. */
function moved<T extends RootContent>(node: T, offset: number, lines: number): T {
  const copy = { ...node } as T & { children?: RootContent[] };
  if (node.position) {
    const { start, end } = node.position;
    copy.position = {
      start: { line: start.line + lines, column: start.column, offset: (start.offset ?? 0) + offset },
      end: { line: end.line + lines, column: end.column, offset: (end.offset ?? 0) + offset },
    };
  }
  const children = (node as { children?: RootContent[] }).children;
  if (children) copy.children = children.map((child) => moved(child, offset, lines));
  return copy;
}
