import type { Nodes } from 'mdast';

/**
 * Calls `enter` with every node of a tree in document order (preorder), not descending into nodes for which it
 * returns 'skip': what the extractors used unist-util-visit for, without the array of ancestors it builds for
 * every node (which cost more than the extractors' own work on a large tree).
 */
export function walk(node: Nodes, enter: (node: Nodes) => 'skip' | undefined): void {
  if (enter(node) === 'skip' || !('children' in node)) return;
  for (const child of node.children) walk(child, enter);
}
