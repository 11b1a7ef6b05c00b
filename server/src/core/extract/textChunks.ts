import type { Root } from 'mdast';
import { walk } from './walk';

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
  walk(tree, (node) => {
    if (node.type !== 'text') return undefined;
    const base = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (base !== undefined && end !== undefined) chunks.push({ value: text.slice(base, end), base });
    return undefined;
  });
  return chunks;
}
