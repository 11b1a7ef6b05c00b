import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, OpenDocumentAnalyzer, type DocumentAnalysis } from '../../server/src/core/api';
import '../../server/src/core/rules/index';
import '../../server/src/core/queries/entityTable';
import { failedDerivations } from '../../server/src/core/conflicts/derivations';
import { recordClaimsOf } from '../../server/src/core/conflicts/records';
import { statementsOf } from '../../server/src/core/conflicts/statements';

// Record claims and derivations read one sentence's text and statements: an edited document's sentence whose
// statements the statements' reuse kept keeps the last version's claims and failures (moved), the others are read again.

const uri = 'file:///workspace/derived.txt';

const SENTENCES = [
  'Trade report',
  '',
  'Published in March 2024 by the office of trade.',
  '',
  'Remittances to Mexico were a record $40 billion in 2021.',
  '',
  'Exports rose from $100 billion in 2020 to $150 billion in 2023, up 40%.',
  '',
  'Seizures more than doubled, from 1,250 to 2,140 kilograms.',
  '',
  'Aid totaled $10.0 billion, of which $6.5 billion for security and $5.5 billion for development.',
  '',
  'The filler paragraph says nothing about any amount at all, and goes on for a while.',
  '',
  'Tourism receipts were a record 12 million visitors.',
  '',
  'Sales rose from $200 million in 2017 to $300 million in 2018, up 20%.',
  '',
  'Visitors more than tripled, from 1,250 to 2,140 people.',
  '',
  'Grants totaled $5.0 billion, of which $3.5 billion for schools and $2.5 billion for roads.',
  '',
].join('\n');

function values(document: DocumentAnalysis) {
  return { records: recordClaimsOf(document), derivations: failedDerivations(document), statements: statementsOf(document) };
}

/** The analyses of `text` then `edited` through one open-document analyser, and a fresh analysis of `edited`. */
function edit(text: string, edited: string) {
  const open = new OpenDocumentAnalyzer();
  const before = open.analyze({ uri, version: 0, format: 'plaintext', text });
  const after = open.analyze({ uri, version: 1, format: 'plaintext', text: edited });
  const fresh = analyzeDocument({ uri, version: 1, format: 'plaintext', text: edited });
  return { before, after, fresh };
}

test('the sample states records and failed derivations in several sentences', () => {
  const document = analyzeDocument({ uri, version: 0, format: 'plaintext', text: SENTENCES });
  assert.equal(recordClaimsOf(document).length, 2);
  // "more than doubled" and "more than tripled" (×1.71), the parts of two totals (12 of 10, 6 of 5).
  assert.ok(failedDerivations(document).length >= 4, JSON.stringify(failedDerivations(document).map((f) => f.message)));
});

test('an edit in the filler paragraph keeps the claims and failures before it, and moves those after it', () => {
  const at = SENTENCES.indexOf('for a while');
  const edited = `${SENTENCES.slice(0, at)}x${SENTENCES.slice(at)}`;
  const { before, after, fresh } = edit(SENTENCES, edited);
  assert.deepStrictEqual(values(after), values(fresh));
  const [oldRecord, oldTourism] = recordClaimsOf(before);
  const [record, tourism] = recordClaimsOf(after);
  // Before the change: the very claim (its statement is the same object too).
  assert.equal(record, oldRecord);
  // After it: a new claim holding the new statement, as the old one moved.
  assert.notEqual(tourism, oldTourism);
  assert.equal(tourism!.statement.key, oldTourism!.statement.key, 'the statement was kept');
  assert.equal(tourism!.statement.span.start, oldTourism!.statement.span.start + 1);
  const old = failedDerivations(before);
  const now = failedDerivations(after);
  const changeAt = at;
  for (const failure of now.filter((f) => f.span.start < changeAt)) assert.ok(old.includes(failure), `kept: ${failure.message}`);
  const moved = now.filter((f) => f.span.start > changeAt);
  assert.ok(moved.length >= 1);
  for (const failure of moved) assert.ok(!old.includes(failure));
});

test('an edit in a sentence reads its claims and failures again', () => {
  const cases: [string, (t: string) => string][] = [
    ['the record word changed', (t) => t.replace('a record $40', 'a recorx $40')],
    ['a record word typed', (t) => t.replace('were a record 12', 'were 12').replace('Remittances to Mexico were a', 'Remittances to Mexico were an all-time high, a')],
    ['the percent changed', (t) => t.replace('up 40%', 'up 50%')],
    ['"more than" dropped', (t) => t.replace('more than doubled', 'nearly doubled')],
    ['a part changed', (t) => t.replace('$5.5 billion for', '$3.5 billion for')],
    ['a list made partial', (t) => t.replace('of which $6.5', 'including $6.5')],
    ['two sentences joined', (t) => t.replace('in 2021.\n\nExports', 'in 2021, and exports')],
    ['a sentence split', (t) => t.replace('in 2020 to $150', 'in 2020. To $150')],
    ['the document date, which bounds a record without a period', (t) => t.replace('2024 by', '2022 by')],
    ['the document date removed', (t) => t.replace('in March 2024 by', 'by')],
    ['the heading above every statement', (t) => t.replace('Trade report', 'Trade reports')],
    ['an edit at the start', (t) => `x${t}`],
    ['a blank line at the start', (t) => `\n\n${t}`],
    ['the first line deleted', (t) => t.slice(t.indexOf('\n') + 1)],
    ['an edit at the end', (t) => `${t}Profits were a record $5 billion in 2022.`],
    ['the last break deleted', (t) => t.slice(0, -1)],
    ['everything deleted', () => ''],
  ];
  for (const [name, change] of cases) {
    for (const [label, text] of [['', SENTENCES], [' (CRLF)', SENTENCES.replace(/\n/g, '\r\n')], [' (from empty)', ''], [' (under a blank line)', `\n${SENTENCES}`]] as const) {
      const edited = change(text === '' ? SENTENCES : text);
      const { after, fresh } = edit(text, edited);
      assert.deepStrictEqual(values(after), values(fresh), `${name}${label}`);
    }
  }
});

test('a new document date bounds the kept statements’ records again', () => {
  const { before, after, fresh } = edit(SENTENCES, SENTENCES.replace('2024 by', '2022 by'));
  // The statements are kept (the date is read from another sentence); the claim without a period now ends in 2022.
  assert.equal(statementsOf(after).at(-1)!.key, statementsOf(before).at(-1)!.key);
  assert.deepStrictEqual(recordClaimsOf(before).map((r) => r.through), [2021, 2024]);
  assert.deepStrictEqual(recordClaimsOf(after).map((r) => r.through), [2021, 2022]);
  assert.deepStrictEqual(values(after), values(fresh));
});

test('a kept sentence must keep every statement: a figure added to a record sentence drops the claim', () => {
  // "a record $40 billion in 2021" holds one comparable statement; with a second the sentence states no single record.
  const edited = SENTENCES.replace('in 2021.', 'in 2021, up from $30 billion in 2020.');
  const { before, after, fresh } = edit(SENTENCES, edited);
  assert.equal(recordClaimsOf(before).length, 2);
  assert.deepStrictEqual(values(after), values(fresh));
});

test('random edits of the sample keep claims and failures equal to fresh ones', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const open = new OpenDocumentAnalyzer();
  let text = SENTENCES.repeat(3);
  open.analyze({ uri, version: 0, format: 'plaintext', text });
  const pieces = ['x', ' ', '\n', '.', '5', '$', 'record', '%', 'from ', ' to ', 'doubled', '\n\n'];
  for (let version = 1; version <= 200; version++) {
    const at = Math.floor(random() * (text.length + 1));
    const remove = random() < 0.4 ? Math.floor(random() * 12) : 0;
    text = text.slice(0, at) + (random() < 0.7 ? pieces[Math.floor(random() * pieces.length)] : '') + text.slice(at + remove);
    const after = open.analyze({ uri, version, format: 'plaintext', text });
    assert.deepStrictEqual(values(after), values(analyzeDocument({ uri, version, format: 'plaintext', text })), `version ${version}`);
  }
});
