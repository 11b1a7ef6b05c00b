import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeDocument, computeFindings, OpenDocumentAnalyzer, WorkspaceIndex, type DocumentAnalysis } from '../../server/src/core/api';
import { MAX_REUSING_VERSIONS } from '../../server/src/core/openDocumentAnalyzer';
import { entityTable } from '../../server/src/core/queries/entityTable';
import { heapStrings } from '../helpers/heapStrings';
import { applyEdit, randomEdit, seededRandom } from '../helpers/randomEdits';

// An open document is re-analysed on every keystroke from its last version; what the next version reuses must not
// keep the earlier versions alive, or a long editing session grows the server without bound.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** A full collection, after the current job, so WeakRefs made in it may be cleared. */
async function collect(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
}

const seedsDir = join(__dirname, '../../seeds');
const seed = (name: string) => ({ uri: `file:///seeds/${name}`, text: readFileSync(join(seedsDir, name), 'utf8') });
const report = seed('002_2e3851e7520eefff.txt');
const others = readdirSync(seedsDir).filter((name) => name !== '002_2e3851e7520eefff.txt').sort().map(seed);

/** Edits `document` `count` times through `open`, with the entity table and the findings of `index` after each, as the server does. */
function edit(open: OpenDocumentAnalyzer, index: WorkspaceIndex, text: string, firstVersion: number, count: number, random: () => number) {
  const analyses: DocumentAnalysis[] = [];
  for (let version = firstVersion; version < firstVersion + count; version++) {
    text = applyEdit(text, randomEdit(text, random));
    const analysis = open.analyze({ uri: report.uri, version, format: 'plaintext', text });
    index.set(analysis);
    entityTable(index);
    computeFindings(index);
    analyses.push(analysis);
  }
  return { text, analyses };
}

/** How many strings on the heap take at least `bytes` bytes (texts of the report's versions). */
function longStrings(bytes: number): number {
  return heapStrings().filter((string) => string.size >= bytes).length;
}

describe('an open document being edited', () => {
  it('does not keep its earlier analyses alive', async () => {
    const index = new WorkspaceIndex();
    for (const other of others) index.set(analyzeDocument({ ...other, version: 0, format: 'plaintext' }));
    const open = new OpenDocumentAnalyzer();
    const random = seededRandom(8);
    index.set(open.analyze({ uri: report.uri, version: 1, format: 'plaintext', text: report.text }));
    const first = edit(open, index, report.text, 2, 8, random);
    const earlier = first.analyses.map((analysis) => new WeakRef(analysis));
    // The entity table's part of each version (made anew for every version) links to the last version's.
    const parts = first.analyses.map((analysis) => new WeakRef(analysis.derived!['entity-part'] as object));
    first.analyses.length = 0;
    const last = edit(open, index, first.text, 10, 4, random).analyses.at(-1)!;
    await collect();
    const alive = earlier.filter((ref) => ref.deref() !== undefined).length;
    assert.equal(alive, 0, `${alive} of the ${earlier.length} earlier analyses are still reachable`);
    const aliveParts = parts.filter((ref) => ref.deref() !== undefined).length;
    assert.equal(aliveParts, 0, `${aliveParts} of the ${parts.length} earlier entity parts are still reachable`);
    assert.equal(index.get(report.uri), last);
  });

  it('holds the earlier versions’ texts until it is analysed afresh, then only its own', async () => {
    const open = new OpenDocumentAnalyzer();
    const random = seededRandom(9);
    open.analyze({ uri: report.uri, version: 1, format: 'plaintext', text: report.text });
    let text = report.text;
    for (let version = 2; version < 12; version++) {
      text = applyEdit(text, randomEdit(text, random));
      open.analyze({ uri: report.uri, version, format: 'plaintext', text });
    }
    await collect();
    // In bytes: a text with a character past Latin-1 is stored two bytes a character.
    const threshold = (report.text.length - 1000) * (/[^\u0000-\u00ff]/.test(report.text) ? 2 : 1);
    const before = longStrings(threshold);
    assert.ok(open.reusesEarlierVersions(report.uri));
    const fresh = open.refresh({ uri: report.uri, version: 12, format: 'plaintext', text });
    assert.ok(!open.reusesEarlierVersions(report.uri));
    await collect();
    const after = longStrings(threshold);
    // The seed as this file read it, the current text, and two text-sized strings the figures of this version are read
    // from and keep for the next edit (the noise-masked copy, a flattened copy); before, the records reused across the
    // 10 edits also held the earlier versions' texts.
    assert.ok(after <= 4, `long strings after the refresh: ${after} (before: ${before})`);
    assert.ok(before >= after + 8, `long strings before the refresh: ${before}, after: ${after}`);
    assert.deepEqual(fresh, analyzeDocument({ uri: report.uri, version: 12, format: 'plaintext', text }, undefined, undefined, true));
  });

  it(`is analysed afresh after ${MAX_REUSING_VERSIONS} versions made from the one before`, () => {
    const open = new OpenDocumentAnalyzer();
    const uri = 'file:///short.md';
    let text = 'The program reached 12,000 people in 2021.\n';
    for (let version = 1; version <= MAX_REUSING_VERSIONS + 2; version++) {
      open.analyze({ uri, version, format: 'markdown', text });
      assert.equal(open.reusesEarlierVersions(uri), version > 1 && version !== MAX_REUSING_VERSIONS + 2, `version ${version}`);
      text += 'x';
    }
  });
});
