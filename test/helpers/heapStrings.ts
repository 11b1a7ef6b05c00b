import { getHeapSnapshot } from 'node:v8';

/**
 * The flat strings on this process's heap, each with its size in bytes and its value, from a heap snapshot: for tests
 * that check what an analysis keeps alive (strings cannot be held by a WeakRef). Take it after a full collection.
 */
export function heapStrings(): { size: number; value: string }[] {
  const chunks: Buffer[] = [];
  // The snapshot stream is written synchronously: its chunks are all there to read.
  const stream = getHeapSnapshot();
  for (let chunk = stream.read(); chunk !== null; chunk = stream.read()) chunks.push(chunk as Buffer);
  const snapshot = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [type, name, size] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const strings: { size: number; value: string }[] = [];
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (types[snapshot.nodes[i + type]!] === 'string') strings.push({ size: snapshot.nodes[i + size]!, value: snapshot.strings[snapshot.nodes[i + name]!]! });
  }
  return strings;
}
