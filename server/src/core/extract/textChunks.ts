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
  const bounds = textNodeBounds(tree);
  return chunksIn(bounds, text, 0, bounds.length / 2);
}

/** Where each text node of the tree starts and ends (two offsets per node), in the order `textChunks` lists them. */
export function textNodeBounds(tree: Root): Int32Array {
  const offsets: number[] = [];
  walk(tree, (node) => {
    if (node.type !== 'text') return undefined;
    const base = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (base !== undefined && end !== undefined) offsets.push(base, end);
    return undefined;
  });
  return Int32Array.from(offsets);
}

/**
 * The chunks of text nodes `from` to `to` (exclusive) of `bounds` (see `textNodeBounds`): an edited document's
 * extraction reads a few nodes around the change, and making a chunk of each of its ~10,000 nodes on every keystroke
 * was most of what it allocated.
 */
export function chunksIn(bounds: Int32Array, text: string, from: number, to: number): TextChunk[] {
  const chunks: TextChunk[] = [];
  for (let k = from; k < to; k++) chunks.push({ value: text.slice(bounds[2 * k], bounds[2 * k + 1]), base: bounds[2 * k]! });
  return chunks;
}
