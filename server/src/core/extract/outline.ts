import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { LineIndex } from '../positions';
import type { DocumentFormat, Span } from '../types';

/**
 * A heading of the document outline.
 * For "## Border Crossings" this is `{ text: 'Border Crossings', depth: 2, span: <whole line>, style: 'atx' }`;
 * for the bare line "Chief of Mission Priorities" between blank lines of a `.txt` report, `style: 'bare-line'`.
 */
export interface Heading {
  kind: 'heading';
  text: string;
  depth: number;
  span: Span;
  /** `contents`: a chapter title found through the table of contents (see references/chapterOutline.ts). */
  style: 'atx' | 'setext' | 'bare-line' | 'contents';
}

const MAX_BARE_HEADING_LENGTH = 90;

/**
 * Extracts the outline: Markdown headings, and in plain-text documents the bare-line headings
 * writers use instead (a short line standing alone between blank lines, with no sentence ending).
 * Bare-line headings get depth 2 so that a document title in `#` (if any) stays above them.
 */
export function extractOutline(tree: Root, text: string, lines: LineIndex, format: DocumentFormat): Heading[] {
  const headings: Heading[] = [];
  for (const node of tree.children) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    if (node.type === 'heading') {
      const label = toString(node).trim();
      if (label === '') continue;
      const style = text.startsWith('#', start) ? 'atx' : 'setext';
      headings.push({ kind: 'heading', text: label, depth: node.depth, span: { start, end }, style });
    } else if (format === 'plaintext' && node.type === 'paragraph') {
      const startLine = lines.positionAt(start).line;
      if (startLine !== lines.positionAt(end).line) continue;
      const label = toString(node).trim();
      if (isBareLineHeading(label)) headings.push({ kind: 'heading', text: label, depth: 2, span: { start, end }, style: 'bare-line' });
    }
  }
  return headings;
}

/** A heading-like line: starts with a capital or digit, has letters, is short, and does not end like a sentence. */
function isBareLineHeading(label: string): boolean {
  if (label.length < 3 || label.length > MAX_BARE_HEADING_LENGTH) return false;
  if (!/^[\p{Lu}\d]/u.test(label)) return false;
  if (!/\p{L}{2}/u.test(label)) return false;
  if (/[.,;:!?…)"”]$/.test(label) && !/[?]$/.test(label)) return false;
  if (/\t|\.{4,}|^https?:|@|^\d+$/.test(label)) return false;
  // Most words capitalised, as titles are ("Migration: A Top Priority That's Difficult to Manage Well").
  const words = label.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  if (words.length === 0) return false;
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return words.length <= 3 || capitalised / words.length >= 0.5;
}
