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
  // Long texts are compared by blocks first: the change must be found to the character, whatever block holds it,
  // and the common suffix must not overlap the prefix in a repetitive text.
  const long = 'ab'.repeat(3000);
  for (const at of [0, 1, 1023, 1024, 1025, 2048, 3071, 5999, 6000]) {
    assert.deepEqual(textChange(long, `${long.slice(0, at)}x${long.slice(at)}`), { start: at, oldEnd: at, newEnd: at + 1, delta: 1 }, `x at ${at}`);
    assert.deepEqual(textChange(`${long.slice(0, at)}x${long.slice(at)}`, long), { start: at, oldEnd: at + 1, newEnd: at, delta: -1 }, `x gone at ${at}`);
  }
  assert.deepEqual(textChange(long, long + long), { start: 6000, oldEnd: 6000, newEnd: 12000, delta: 6000 });
  assert.deepEqual(textChange(long + 'Z' + long, long + 'Y' + long), { start: 6000, oldEnd: 6001, newEnd: 6001, delta: 0 });
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

test('an edited document reads names against the lower-case words typed, pasted and deleted since, as a fresh analysis does', () => {
  // Whether a single capitalised word is a name depends on whether the document writes it in lower case anywhere.
  // The open analyzer keeps the words joined and left since its last full reading; a paste of hundreds of new words
  // makes it start a new word set.
  const uri = 'file:///workspace/typed-words.md';
  const open = new OpenDocumentAnalyzer();
  const word = (i: number) => `vor${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;
  const capitalised = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  let text = 'A short report.\n\nThe notes of the vorzy day.\n';
  let version = 0;
  const analyzeBoth = (what: string) => {
    const document = { uri, version: ++version, format: formatOf(uri), text };
    assert.deepStrictEqual(open.analyze(document), analyzeDocument(document), what);
    return analyzeDocument(document);
  };
  analyzeBoth('first version');
  for (let i = 0; i < 50; i++) {
    text = text.replace(/\.\n$/, ` ${word(i)}.\n`);
    // A word of the first version and a typed one, deleted before the set is made anew.
    if (i === 30) text = text.replace(' vorzy ', ' ').replace(` ${word(5)} `, ' ');
    analyzeBoth(`after typing ${i + 1} words`);
  }
  const pasted = Array.from({ length: 260 }, (_, i) => word(50 + i)).join(' ');
  text = text.replace(/\.\n$/, ` ${pasted}.\n`);
  analyzeBoth('after pasting 260 words');
  text = text.replace(` ${word(3)} `, ' ').replace(` ${word(290)} `, ' ');
  analyzeBoth('after deleting two words');
  text = text.replace(/\.\n$/, ' vorzx.\n');
  analyzeBoth('after typing a word after the paste');
  const probe = ['Vorzx', 'Vorzz', 'Vorzy', ...[1, 3, 5, 280, 290].map((i) => capitalised(word(i)))];
  text += `\n\nThey met ${probe.join(' there, then ')} there.\n`;
  const names = analyzeBoth('after the probe').entities.names.map((n) => n.text);
  assert.deepEqual(names.filter((n) => n.startsWith('Vor')).sort(), [capitalised(word(3)), capitalised(word(5)), capitalised(word(290)), 'Vorzy', 'Vorzz'], 'names: the words not written in lower case');
});
