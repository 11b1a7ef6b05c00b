import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeDocument, computeFindings, OpenDocumentAnalyzer, WorkspaceIndex, type DocumentAnalysis } from '../../server/src/core/api';
import { entityTable } from '../../server/src/core/queries/entityTable';
import { heapStrings, stringRetainers } from '../helpers/heapStrings';
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
/** Edits in the long-session test: far more than the texts it may hold. */
const EDITS = 60;
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

  it('holds a few whole texts however many versions it is edited through', async () => {
    const index = new WorkspaceIndex();
    for (const other of others) index.set(analyzeDocument({ ...other, version: 0, format: 'plaintext' }));
    const open = new OpenDocumentAnalyzer();
    index.set(open.analyze({ uri: report.uri, version: 1, format: 'plaintext', text: report.text }));
    const { text } = edit(open, index, report.text, 2, EDITS, seededRandom(9));
    await collect();
    // In bytes: a text with a character past Latin-1 is stored two bytes a character.
    const threshold = (report.text.length - 1000) * (/[^\u0000-\u00ff]/.test(report.text) ? 2 : 1);
    const texts = longStrings(threshold);
    // The seed as this file read it, the current text, the noise-masked copy and a flattened copy the figures are read
    // from, and the texts of the versions some extractor last read whole (it does when an edit reaches too far): records
    // kept from them hold slices. Each keystroke's own text used to stay until the document was analysed afresh.
    assert.ok(texts <= 8, `${texts} text-sized strings after ${EDITS} edits, held through:\n${texts <= 8 ? '' : stringRetainers(threshold).join('\n')}`);
    assert.deepEqual(index.get(report.uri), analyzeDocument({ uri: report.uri, version: EDITS + 1, format: 'plaintext', text }, undefined, undefined, true));
  });
});
