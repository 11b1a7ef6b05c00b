import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, formatOf, OpenDocumentAnalyzer } from '../../server/src/core/api';
import '../../server/src/core/rules/index';
import '../../server/src/core/queries/entityTable';
import { textChange } from '../../server/src/core/textChange';
import { seedsAndFixtures } from '../helpers/corpus';
import { applyEdit, randomEdit, seededRandom } from '../helpers/randomEdits';

// An open document's analysis reuses its last version's records outside the change; it must equal a fresh
// analysis of the same text, record for record, after any chain of edits.
const EDITS_PER_DOCUMENT = Number(process.env.INCREMENTAL_EDITS ?? 12);

test('textChange finds the one replaced range between two texts', () => {
  assert.deepEqual(textChange('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4, delta: 0 });
  assert.deepEqual(textChange('abcdef', 'abcdef'), { start: 6, oldEnd: 6, newEnd: 6, delta: 0 });
  assert.deepEqual(textChange('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4, delta: 1 });
  assert.deepEqual(textChange('abcabc', 'abc'), { start: 3, oldEnd: 6, newEnd: 3, delta: -3 });
  assert.deepEqual(textChange('', 'new'), { start: 0, oldEnd: 0, newEnd: 3, delta: 3 });
});

for (const [index, { name, text: original }] of seedsAndFixtures().entries()) {
  test(`an edited ${name} analyses as a fresh analysis of the same text does`, () => {
    const random = seededRandom(7919 * (index + 1));
    const uri = `file:///workspace/${name}`;
    const open = new OpenDocumentAnalyzer();
    let text = original;
    open.analyze({ uri, version: 0, format: formatOf(uri), text });
    for (let version = 1; version <= EDITS_PER_DOCUMENT; version++) {
      const edit = randomEdit(text, random);
      text = applyEdit(text, edit);
      const document = { uri, version, format: formatOf(uri), text };
      const incremental = open.analyze(document);
      const fresh = analyzeDocument(document);
      assert.deepStrictEqual(incremental, fresh, `${name}, version ${version}: after ${JSON.stringify(edit).slice(0, 200)}`);
    }
  });
}
