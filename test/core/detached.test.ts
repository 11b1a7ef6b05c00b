import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { detached, detachStrings } from '../../server/src/core/detached';
import { heapStrings } from '../helpers/heapStrings';

// What an edited document's records keep must not keep the whole text they were sliced from (V8 keeps a slice's
// parent alive): checked on the heap, after a full collection.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A text of `length` characters, made at run time (not a literal of this file) and flat. */
function text(length: number, seed: string): string {
  return detached(`${seed} `.repeat(Math.ceil(length / (seed.length + 1))).slice(0, length));
}

/** Whether a string of `length` characters is on the heap (its size is the characters' bytes and a header). */
function onHeap(length: number): boolean {
  return heapStrings().some(({ size }) => (size >= length && size < length + 64) || (size >= 2 * length && size < 2 * length + 64));
}

describe('detached strings', () => {
  it('keep only their own characters, in records and the plain objects and arrays under them', () => {
    let sliced: string | undefined = text(1_000_003, 'Border Patrol agents');
    let mapped: string | undefined = text(1_500_007, 'Merida Initiative funds');
    const record: Record<string, unknown> = {
      name: sliced.slice(100, 140),
      short: sliced.slice(5, 10),
      nested: { list: [sliced.slice(200, 260), 5, null], span: { start: 1, end: 2 } },
      // Not a plain object: left as it is.
      byKey: new Map([['k', mapped.slice(300, 340)]]),
    };
    record.self = record;
    const before = JSON.stringify({ ...record, self: undefined, byKey: [...(record.byKey as Map<string, string>)] });
    detachStrings([record]);
    assert.equal(JSON.stringify({ ...record, self: undefined, byKey: [...(record.byKey as Map<string, string>)] }), before);
    sliced = mapped = undefined;
    gc();
    assert.ok(!onHeap(1_000_003), 'the sliced text is still on the heap');
    assert.ok(onHeap(1_500_007), 'the map’s slice no longer holds its text: was it copied?');
  });
});
