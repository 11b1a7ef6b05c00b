import { getHeapSnapshot } from 'node:v8';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** This process's heap as a snapshot (taken synchronously: take it after a full collection). */
function takeSnapshot(): Snapshot {
  const chunks: Buffer[] = [];
  // The snapshot stream is written synchronously: its chunks are all there to read.
  const stream = getHeapSnapshot();
  for (let chunk = stream.read(); chunk !== null; chunk = stream.read()) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Snapshot;
}

/**
 * The flat strings on this process's heap, each with its size in bytes and its value, from a heap snapshot: for tests
 * that check what an analysis keeps alive (strings cannot be held by a WeakRef). Take it after a full collection.
 */
export function heapStrings(): { size: number; value: string }[] {
  const snapshot = takeSnapshot();
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [type, name, size] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const strings: { size: number; value: string }[] = [];
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (types[snapshot.nodes[i + type]!] === 'string') strings.push({ size: snapshot.nodes[i + size]!, value: snapshot.strings[snapshot.nodes[i + name]!]! });
  }
  return strings;
}

/**
 * For each flat string of at least `bytes` bytes on the heap, one shortest chain of references that keeps it alive
 * (weak references skipped), nearest holder first: "(sliced string) ← .text of Object ← [14] of Array ← .outline of
 * Object ← …". For a test's failure message: it names the record that keeps a text alive.
 */
export function stringRetainers(bytes: number, depth = 12): string[] {
  const snapshot = takeSnapshot();
  const { node_fields: nodeFields, node_types: [nodeTypes], edge_fields: edgeFields, edge_types: [edgeTypes] } = snapshot.snapshot.meta;
  const { nodes, edges, strings } = snapshot;
  const [N, E] = [nodeFields.length, edgeFields.length];
  const [type, name, size, edgeCount] = ['type', 'name', 'self_size', 'edge_count'].map((field) => nodeFields.indexOf(field)) as [number, number, number, number];
  const count = nodes.length / N;
  const firstEdge = new Int32Array(count + 1);
  for (let n = 0, e = 0; n < count; n++) {
    firstEdge[n] = e;
    e += nodes[n * N + edgeCount]! * E;
  }
  firstEdge[count] = edges.length;
  // Breadth first from the root: each node's parent on one shortest path.
  const parentEdge = new Int32Array(count).fill(-1);
  const parent = new Int32Array(count).fill(-1);
  parent[0] = 0;
  const weak = edgeTypes.indexOf('weak');
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q]!;
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += E) {
      const to = edges[e + 2]! / N;
      if (edges[e] === weak || parent[to] !== -1) continue;
      parent[to] = n;
      parentEdge[to] = e;
      queue.push(to);
    }
  }
  const label = (n: number) => `${nodeTypes[nodes[n * N + type]!]} ${String(strings[nodes[n * N + name]!]).slice(0, 30).replace(/\s+/g, ' ')}`;
  const edgeLabel = (e: number) => {
    const kind = edgeTypes[edges[e]!];
    return kind === 'element' || kind === 'hidden' ? `[${edges[e + 1]}]` : `.${strings[edges[e + 1]!]}`;
  };
  const chains: string[] = [];
  for (let n = 0; n < count; n++) {
    if (nodeTypes[nodes[n * N + type]!] !== 'string' || nodes[n * N + size]! < bytes || parent[n] === -1) continue;
    const links: string[] = [];
    for (let m = n; m !== 0 && links.length < depth; m = parent[m]!) links.push(`${edgeLabel(parentEdge[m]!)} of ${label(parent[m]!)}`);
    chains.push(`${nodes[n * N + size]} bytes ← ${links.join(' ← ')}`);
  }
  return chains;
}
