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
    const sharedPaths = pathsToSharedObjects(copy);
    new StringPool().internAnalysis(copy, true);
    assert.deepStrictEqual(copy, analysis);
    // A record referred to from two places (a statement's figure, a figure's span) is still one record.
    assert.ok(sharedPaths.length > 100, `${sharedPaths.length} records referred to more than once`);
    for (const [first, other] of sharedPaths) assert.equal(at(copy, other), at(copy, first), `${other.join('.')} is ${first.join('.')}`);
  });

  it('keeps one record per equal unit, quantity key and list of places across the analyses it remakes', () => {
    const analysis = withDerivedValues(analyzeDocument({ uri, version: 0, format: 'plaintext', text }));
    const copies = [copied(analysis), copied(analysis)];
    const pool = new StringPool();
    for (const copy of copies) pool.internAnalysis(copy, true);
    for (const copy of copies) assert.deepStrictEqual(copy, analysis);
    const [first, second] = copies.map((copy) => ({ figures: copy.figures.figures, statements: statementsIn(copy) }));
    assert.ok(first!.figures.length > 20 && first!.statements.length > 20, `${first!.figures.length} figures, ${first!.statements.length} statements`);
    first!.figures.forEach((figure, i) => assert.equal(second!.figures[i]!.unit, figure.unit, `figure ${i}'s unit`));
    first!.statements.forEach((statement, i) => assert.equal(second!.statements[i]!.key, statement.key, `statement ${i}'s key`));
    // Within one analysis too: as many unit records as distinct units, not one per figure.
    const units = new Set(first!.figures.map((figure) => figure.unit));
    const distinctUnits = new Set(first!.figures.map((figure) => JSON.stringify(figure.unit)));
    assert.equal(units.size, distinctUnits.size);
    assert.ok(units.size < first!.figures.length / 2, `${units.size} unit records for ${first!.figures.length} figures`);
    const places = new Set(first!.statements.map((statement) => statement.key.geography));
    assert.equal(places.size, new Set(first!.statements.map((statement) => JSON.stringify(statement.key.geography))).size);
    // Only as loaded: an analysis others may already refer into keeps its records.
    const again = copied(analysis);
    pool.internAnalysis(again);
    assert.notEqual(again.figures.figures[0]!.unit, first!.figures[0]!.unit);
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

/** For each object reached through more than one reference: the path it was first reached by and each other one. */
function pathsToSharedObjects(analysis: DocumentAnalysis): [first: string[], other: string[]][] {
  const firstPath = new Map<object, string[]>();
  const pairs: [string[], string[]][] = [];
  const stack: [unknown, string[]][] = (['outline', 'entities', 'references', 'figures', 'derived'] as const).map((field) => [analysis[field], [field]]);
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) continue;
    const first = firstPath.get(value);
    if (first) {
      pairs.push([first, path]);
      continue;
    }
    firstPath.set(value, path);
    // Map keys and Set members are not replaced by the pool (strings and numbers in the analyses).
    if (value instanceof Map) for (const [key, member] of value) stack.push([member, [...path, `{${String(key)}}`]]);
    else if (!(value instanceof Set)) for (const [key, member] of Object.entries(value)) stack.push([member, [...path, key]]);
  }
  return pairs;
}

/** What `path` (from `pathsToSharedObjects`) leads to in the analysis. */
function at(analysis: DocumentAnalysis, path: readonly string[]): unknown {
  let value: unknown = analysis;
  for (const step of path) {
    if (value instanceof Map) {
      const key = step.slice(1, -1);
      value = value.has(key) ? value.get(key) : value.get(Number(key));
    } else value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** The statements among an analysis's derived values. */
function statementsIn(analysis: DocumentAnalysis): { key: { geography: string[] } }[] {
  return (analysis.derived as unknown as Record<string, { key: { geography: string[] } }[]>).statements!;
}
