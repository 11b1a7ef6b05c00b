import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** The value of one mdast text node and its offset in the document. */
export interface TextChunk {
  value: string;
  base: number;
}

/**
 * Every text node of the tree with its document offset, in document order (code and HTML are not prose).
 * The value is the node's source text, not its decoded value: an escape ("\\$677") would shift every offset after it.
 */
export function textChunks(tree: Root, text: string): TextChunk[] {
  const chunks: TextChunk[] = [];
  visit(tree, 'text', (node) => {
    const base = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (base !== undefined && end !== undefined) chunks.push({ value: text.slice(base, end), base });
  });
  return chunks;
}
