import type { Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { parseMarkdown } from './parse';
import { closesFence, FENCE_OPEN, htmlBlockEnd } from './blockBoundaries';
import { shift } from './plainBlocks';
import { detached } from './detached';

/**
 * Re-parsing only what an edit touched. A document is cut into top-level blocks at blank lines where no
 * Markdown construct can continue (see `blockStarts`); each block's syntax tree is kept with the block's text.
 * After an edit, blocks whose text is unchanged reuse their nodes, moved in place to their new offset and line,
 * and only new blocks go through remark-parse. The result is the same tree a parse of the whole text gives
 * (test/core/incrementalParse.test.ts checks this on every seed and fixture); where that cannot be guaranteed —
 * link or footnote definitions, which resolve across blocks — the whole text is parsed. Written here because
 * neither remark nor micromark parse incrementally.
 *
 * Moved in place, not copied: a copy of every node after the edit was most of what a keystroke in a 359 KB report
 * allocated while it was being analysed, and young-generation collections copied it again. So a tree is valid until
 * the next `parseIncrementally` from its blocks: nothing may keep its nodes past its own analysis (extractors keep
 * numbers and strings, as figures' `placesOf` does).
 */
export interface BlockTrees {
  /** The blocks of the last version in text order, each with its top-level nodes placed where it was. */
  readonly placed: readonly PlacedBlock[];
  /** How many blocks the last parse ran remark-parse on (the others were reused). */
  readonly parsed: number;
}

interface PlacedBlock {
  readonly text: string;
  /** The block's offset and zero-based line in its version's text: where its nodes' positions are. */
  readonly offset: number;
  readonly line: number;
  readonly nodes: readonly RootContent[];
}

/** Bigger blocks are parsed whole: cutting small documents saves nothing. */
const MIN_BLOCK_CHARS = 2048;

// `[label]: destination` or `[^note]:`, anywhere: definitions change how `[text][label]` parses elsewhere.
const DEFINITION = /\[[^\]\n]*\]:/;

/**
 * Parses `text`, reusing the nodes of unchanged blocks from `previous` (the blocks of the same document's last
 * version, whose tree this invalidates). Returns the tree and the blocks to pass next time.
 */
export function parseIncrementally(text: string, previous?: BlockTrees): { tree: Root; blocks: BlockTrees } {
  if (DEFINITION.test(text)) return { tree: parseMarkdown(text), blocks: { placed: [], parsed: 0 } };
  const starts = blockStarts(text);
  const texts = starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
  const old = previous?.placed ?? [];
  // Unchanged blocks are those before the edit, in the same order, and those after it, counted from the end; a block
  // in between is looked up by its text among the old ones in between (an edit that moves a cut can leave some).
  let head = 0;
  while (head < texts.length && head < old.length && old[head]!.text === texts[head] && old[head]!.offset === starts[head]) head++;
  let tail = 0;
  while (tail < texts.length - head && tail < old.length - head && old[old.length - 1 - tail]!.text === texts[texts.length - 1 - tail]) tail++;
  const between = new Map<string, PlacedBlock[]>();
  for (let i = old.length - tail - 1; i >= head; i--) {
    const block = old[i]!;
    const list = between.get(block.text);
    if (list) list.push(block);
    else between.set(block.text, [block]);
  }
  // Reused or parsed, each block's nodes with where they are now; parsed first, so a parser error leaves the last
  // version's nodes where they were.
  let parsed = 0;
  const found: { nodes: readonly RootContent[]; from: PlacedBlock | undefined; text: string }[] = texts.map((blockText, i) => {
    const from = i < head ? old[i]! : i >= texts.length - tail ? old[old.length - (texts.length - i)]! : between.get(blockText)?.pop();
    if (from) return { nodes: from.nodes, from, text: from.text };
    parsed++;
    // Parsed from a copy: the nodes' strings are sliced from what remark reads, and a reused block must not keep its
    // version's whole text alive through them (see `OpenDocumentAnalyzer`).
    const own = previous ? detached(blockText) : blockText;
    return { nodes: parseMarkdown(own).children, from: undefined, text: own };
  });
  const placed: PlacedBlock[] = [];
  const children: RootContent[] = [];
  let line = 0;
  texts.forEach((blockText, i) => {
    const { nodes, from, text: ownText } = found[i]!;
    const offset = starts[i]!;
    const offsetShift = offset - (from?.offset ?? 0);
    const lineShift = line - (from?.line ?? 0);
    if (offsetShift !== 0 || lineShift !== 0) for (const node of nodes) shift(node, offsetShift, lineShift);
    placed.push(from && offsetShift === 0 && lineShift === 0 ? from : { text: ownText, offset, line, nodes });
    for (const node of nodes) children.push(node);
    line += lineBreaks(blockText);
  });
  const tree: Root = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
  return { tree, blocks: { placed, parsed } };
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
