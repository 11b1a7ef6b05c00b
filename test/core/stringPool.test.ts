import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deserialize, serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeDocument, StringPool, type DocumentAnalysis } from '../../server/src/core/api';
import { withDerivedValues } from '../../server/src/core/derived';
import { LineIndex } from '../../server/src/core/positions';
import { heapStrings } from '../helpers/heapStrings';

// Analyses reach the server's main thread as copies (from worker threads, from the persisted cache): the pool makes
// the copies' equal strings one.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const text = readFileSync(join(__dirname, '../../seeds/001_3977f2ea8b54d961.txt'), 'utf8');
const uri = 'file:///seeds/001.txt';

/** A copy of the analysis as the worker pool and the cache give it: records copied by V8's serializer, the text and line index its own. */
function copied(analysis: DocumentAnalysis): DocumentAnalysis {
  const { text: own, lines: _lines, ...records } = analysis;
  return { ...(deserialize(serialize(records)) as Omit<DocumentAnalysis, 'text' | 'lines'>), text: own, lines: new LineIndex(own) };
}

/** How many string objects on the heap have this value. */
function copiesOnHeap(value: string): number {
  return heapStrings().filter((string) => string.value === value).length;
}

/** The longest string among the analysis's derived values (a quantity key, a name): one no other code holds. */
function longestDerivedString(analysis: DocumentAnalysis): string {
  let longest = '';
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length > longest.length) longest = value;
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof Map) && !(value instanceof Set)) Object.values(value).forEach(visit);
  };
  visit(analysis.derived);
  return longest;
}

describe('the string pool', () => {
  it('changes no value of an analysis', () => {
    const analysis = withDerivedValues(analyzeDocument({ uri, version: 0, format: 'plaintext', text }));
    const copy = copied(analysis);
    const pool = new StringPool();
    pool.internAnalysis(copy);
    pool.internAnalysis(copied(analysis));
    assert.ok(pool.size > 100, `${pool.size} distinct strings`);
    assert.deepStrictEqual(copy, analysis);
  });

  it('keeps one copy of a string that copies of analyses each brought', async () => {
    let analysis: DocumentAnalysis | undefined = withDerivedValues(analyzeDocument({ uri, version: 0, format: 'plaintext', text }));
    const copies = [copied(analysis), copied(analysis), copied(analysis)];
    // Made from pieces, so the value is not a string this file's code holds as such.
    const value = longestDerivedString(copies[0]!).split('').join('');
    analysis = undefined;
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const before = copiesOnHeap(value);
    const pool = new StringPool();
    for (const copy of copies) pool.internAnalysis(copy);
    pool.clear();
    gc();
    const after = copiesOnHeap(value);
    assert.ok(before >= 3, `copies of “${value}” before: ${before}`);
    // The pool's one, and the one this test made to look for it.
    assert.ok(after <= 2, `copies of “${value}” after: ${after} (before: ${before})`);
    assert.equal(copies.length, 3);
  });

  it('remakes records at their exact size without changing a value or which records are shared', () => {
    const analysis = withDerivedValues(analyzeDocument({ uri, version: 0, format: 'plaintext', text }));
    const copy = copied(analysis);
    const shared = sharedObjects(copy);
    new StringPool().internAnalysis(copy, true);
    assert.deepStrictEqual(copy, analysis);
    // A record referred to from two places (a statement's figure, a figure's span) is still one record.
    assert.ok(shared > 100, `${shared} records referred to more than once`);
    assert.equal(sharedObjects(copy), shared);
  });

  it('takes less memory with records remade at their exact size', () => {
    const analysis = withDerivedValues(analyzeDocument({ uri, version: 0, format: 'plaintext', text }));
    const heapOf = (exact: boolean) => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const copies = Array.from({ length: 100 }, () => copied(analysis));
      const pool = new StringPool();
      for (const copy of copies) pool.internAnalysis(copy, exact);
      gc();
      const used = process.memoryUsage().heapUsed - before;
      assert.equal(copies.length, 100);
      return used;
    };
    // Both ways once first: the makers of each record layout are compiled once, not per copy.
    heapOf(true);
    heapOf(false);
    const [asCopied, exact] = [heapOf(false), heapOf(true)];
    assert.ok(exact < asCopied * 0.95, `100 copies: ${(exact / 1e6).toFixed(1)} MB remade, ${(asCopied / 1e6).toFixed(1)} MB as copied`);
  });
});

/** How many objects under the analysis's records are reached through more than one reference. */
function sharedObjects(analysis: DocumentAnalysis): number {
  const seen = new Set<object>();
  let shared = 0;
  const stack: unknown[] = [analysis.outline, analysis.entities, analysis.references, analysis.figures, analysis.derived];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    if (seen.has(value)) {
      shared++;
      continue;
    }
    seen.add(value);
    if (value instanceof Map) for (const [key, member] of value) stack.push(key, member);
    else if (value instanceof Set) for (const member of value) stack.push(member);
    else stack.push(...Object.values(value));
  }
  return shared;
}
