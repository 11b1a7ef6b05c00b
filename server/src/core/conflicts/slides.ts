import type { DocumentAnalysis } from '../document';
import type { Heading } from '../extract/outline';
import type { Span } from '../types';
import { periodLabel } from './periods';
import type { Statement } from './statements';

/**
 * The blocks of a document that one derivation may span (spec §4 "a derivation the text implies"): a
 * slide of a deck or a section of a report, from one heading of the *block depth* to the next. The block
 * depth is the shallowest heading depth that occurs more than once, so a deck of `#` slides is cut at its
 * slides (their `##` sub-headings stay inside) and a report with one `#` title is cut at its `##`
 * sections. Text before the first such heading is a block of its own.
 */
export interface Block {
  span: Span;
  /** The headings inside the block, its own first. */
  headings: Heading[];
  /** The one year the block states (in any heading or line), when it states exactly one. */
  year?: number;
}

const YEAR = /(?<![\d.,$\\])\b(19[5-9]\d|20[0-4]\d)\b(?![\d.,]\d)/g;

const cache = new WeakMap<DocumentAnalysis, Block[]>();

/** The blocks of a document, in text order; cached per analysis. */
export function blocksOf(document: DocumentAnalysis): Block[] {
  let blocks = cache.get(document);
  if (blocks) return blocks;
  const headings = [...document.outline].sort((a, b) => a.span.start - b.span.start);
  const counts = new Map<number, number>();
  for (const h of headings) counts.set(h.depth, (counts.get(h.depth) ?? 0) + 1);
  const repeated = [...counts.entries()].filter(([, n]) => n > 1).map(([depth]) => depth);
  const depth = repeated.length ? Math.min(...repeated) : Math.min(...headings.map((h) => h.depth), 1);
  const starts = [0, ...headings.filter((h) => h.depth <= depth).map((h) => h.span.start)];
  blocks = starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : document.text.length;
    const years = new Set([...document.text.slice(start, end).matchAll(YEAR)].map((m) => Number(m[1])));
    const block: Block = { span: { start, end }, headings: headings.filter((h) => h.span.start >= start && h.span.start < end) };
    if (years.size === 1) block.year = [...years][0]!;
    return block;
  }).filter((b) => b.span.end > b.span.start);
  cache.set(document, blocks);
  return blocks;
}

/** The block holding `offset`. */
export function blockAt(blocks: readonly Block[], offset: number): Block | undefined {
  return blocks.find((b) => b.span.start <= offset && offset < b.span.end);
}

/**
 * The innermost section holding `offset`: from the nearest heading before it (of any depth) to the next
 * heading — "## 2023" and the lines under it.
 */
export function sectionAt(document: DocumentAnalysis, offset: number): Span {
  let start = 0;
  let end = document.text.length;
  for (const h of document.outline) {
    if (h.span.start <= offset) start = Math.max(start, h.span.start);
    else end = Math.min(end, h.span.start);
  }
  return { start, end };
}

/**
 * The period of a statement for derivations within a block: its own bound period, or — when it is
 * unbound — the one year its block states (the slide "Exports \$322.2 Billion" under "## 2023 Trade in
 * goods", whether that heading comes before or after). '' when neither.
 */
export function blockPeriod(statement: Statement, block: Block | undefined): string {
  const own = statement.figure.period ?? statement.restatement?.period;
  if (own) return periodLabel(own);
  return block?.year !== undefined ? String(block.year) : '';
}
