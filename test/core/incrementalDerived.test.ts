import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, formatOf, OpenDocumentAnalyzer, type DocumentAnalysis } from '../../server/src/core/api';
import '../../server/src/core/rules/index';
import '../../server/src/core/queries/entityTable';
import { citationChecksOf } from '../../server/src/core/conflicts/citations';
import { failedDerivations } from '../../server/src/core/conflicts/derivations';
import { placeCountsOf } from '../../server/src/core/conflicts/geography';
import { placeNameCounts } from '../../server/src/core/conflicts/placeNames';
import { rankClaimsOf } from '../../server/src/core/conflicts/ranks';
import { recordClaimsOf } from '../../server/src/core/conflicts/records';
import { documentGeographyOf, statementsOf } from '../../server/src/core/conflicts/statements';
import { wordTextsIn } from '../../server/src/core/conflicts/words';
import { extractReferences } from '../../server/src/core/extract/references';
import { textChange } from '../../server/src/core/textChange';
import { seedsAndFixtures } from '../helpers/corpus';
import { applyEdit, randomEdit, seededRandom } from '../helpers/randomEdits';

// The per-document values of an edited document reuse its last version's outside the change. Besides equalling a
// fresh analysis (incrementalAnalysis.test.ts), they must point at the new analysis's own records: conflict tables
// compare statements by identity (moves.ts), and a statement holding the last version's figure would be stale.

const EDITS_PER_DOCUMENT = Number(process.env.INCREMENTAL_EDITS ?? 8);

/** The per-document values as the rules read them. */
function derivedValues(document: DocumentAnalysis) {
  return {
    geography: documentGeographyOf(document),
    statements: statementsOf(document),
    derivations: failedDerivations(document),
    ranks: rankClaimsOf(document),
    records: recordClaimsOf(document),
    citations: citationChecksOf(document),
  };
}

/** Every record a value points at is the document's own: its figures, its statements. */
function assertOwnRecords(document: DocumentAnalysis, message: string): void {
  const figures = new Set(document.figures.figures);
  const statements = statementsOf(document);
  for (const s of statements) {
    assert.ok(figures.has(s.figure), `${message}: a statement holds a figure of another version`);
    assert.ok(!s.restatement || figures.has(s.restatement), `${message}: a restatement of another version`);
    assert.equal(s.span, s.figure.span, `${message}: a statement's span is its figure's`);
    if (!s.restatement) assert.equal(s.interval, s.figure.interval, `${message}: a statement's interval is its figure's`);
    assert.equal(s.uri, document.uri);
  }
  const own = new Set(statements);
  for (const r of recordClaimsOf(document)) assert.ok(own.has(r.statement), `${message}: a record claim holds a statement of another version`);
  for (const c of citationChecksOf(document)) {
    assert.ok(figures.has(c.figure), `${message}: a citation check holds a figure of another version`);
  }
}

for (const [index, { name, text: original }] of seedsAndFixtures().entries()) {
  test(`an edited ${name}'s per-document values equal fresh ones and hold its own records`, () => {
    const random = seededRandom(104729 * (index + 1));
    const uri = `file:///workspace/${name}`;
    const open = new OpenDocumentAnalyzer();
    let text = original;
    open.analyze({ uri, version: 0, format: formatOf(uri), text });
    for (let version = 1; version <= EDITS_PER_DOCUMENT; version++) {
      const edit = randomEdit(text, random);
      text = applyEdit(text, edit);
      const document = { uri, version, format: formatOf(uri), text };
      const incremental = open.analyze(document);
      const message = `${name}, version ${version}: after ${JSON.stringify(edit).slice(0, 200)}`;
      assert.deepStrictEqual(derivedValues(incremental), derivedValues(analyzeDocument(document)), message);
      assertOwnRecords(incremental, message);
    }
  });
}

const REPORT = [
  'Trade between the United States and Mexico',
  '',
  'In 2019 the United States exported $256 billion of goods to Mexico, and Mexico exported $358 billion to the United States.',
  '',
  'The two economies are closely tied by supply chains that cross the border many times before a product is finished.',
  '',
  'Mexico was the largest trading partner of the United States in 2019.',
  '',
  'The border between Mexico and the United States is 3,145 km long.',
  '',
  'Remittances to Mexico were a record $40 billion in 2021.',
  '',
].join('\n');

test('a statement far from an edit keeps its quantity key; one after it is moved with the new figure', () => {
  const uri = 'file:///workspace/report.txt';
  const open = new OpenDocumentAnalyzer();
  const before = open.analyze({ uri, version: 0, format: 'plaintext', text: REPORT });
  const at = REPORT.indexOf('was the largest');
  const text = `${REPORT.slice(0, at)}truly ${REPORT.slice(at)}`;
  const after = open.analyze({ uri, version: 1, format: 'plaintext', text });
  const old = statementsOf(before);
  const now = statementsOf(after);
  assert.ok(old.length >= 4 && now.length === old.length);
  // The first statements are before the change: their keys are not read again.
  assert.equal(now[0]!.key, old[0]!.key);
  // The border's length is after it: the same key, with the figure moved.
  const border = now.find((s) => s.figure.text.includes('3,145'))!;
  const was = old.find((s) => s.figure.text.includes('3,145'))!;
  assert.equal(border.key, was.key);
  assert.equal(border.span.start, was.span.start + 'truly '.length);
  assert.deepStrictEqual(derivedValues(after), derivedValues(analyzeDocument({ uri, version: 1, format: 'plaintext', text })));
});

test('an edit in a statement’s sentence, or of the main places, reads its key again', () => {
  const uri = 'file:///workspace/report.txt';
  const open = new OpenDocumentAnalyzer();
  const before = open.analyze({ uri, version: 0, format: 'plaintext', text: REPORT });
  const at = REPORT.indexOf('km long');
  // "km wide": the sentence of the border's length changed.
  let text = `${REPORT.slice(0, at)}km wide${REPORT.slice(at + 'km long'.length)}`;
  let after = open.analyze({ uri, version: 1, format: 'plaintext', text });
  const border = (d: DocumentAnalysis) => statementsOf(d).find((s) => s.figure.text.includes('3,145'))!;
  assert.notEqual(border(after).key, border(before).key);
  assert.deepStrictEqual(derivedValues(after), derivedValues(analyzeDocument({ uri, version: 1, format: 'plaintext', text })));
  // Canada named often enough becomes a main place, which a statement naming no place takes.
  const main = documentGeographyOf(after);
  text = `${text}Canada, Canada, Canada, Canada, Canada, Canada, Canada, Canada, Canada, Canada.\nThe total was 300 tonnes in 2019.\n`;
  after = open.analyze({ uri, version: 2, format: 'plaintext', text });
  assert.ok(documentGeographyOf(after).includes('Canada') && !main.includes('Canada'));
  assert.deepStrictEqual(derivedValues(after), derivedValues(analyzeDocument({ uri, version: 2, format: 'plaintext', text })));
});

/** The place counts of `text` after `old`, counted again around the change only. */
function countsAfter(old: string, text: string, kept?: string): ReadonlyMap<string, number> {
  const previous = { text: old } as DocumentAnalysis;
  placeCountsOf(previous, kept ?? old);
  return placeCountsOf({}, text, { document: previous, change: textChange(old, text) });
}

function freshCounts(text: string): ReadonlyMap<string, number> {
  return placeNameCounts(wordTextsIn(text, { start: 0, end: text.length }));
}

test('place counts are counted again around the change only', () => {
  // The kept counts of the last version are taken as they are: counts made from another text show through.
  const old = `${'Canada is far. '.repeat(40)}Mexico and the United States.`;
  const text = old.replace('Mexico and', 'Mexico or');
  assert.deepStrictEqual(countsAfter(old, text, `${old} Canada`), new Map([['Canada', 41], ['Mexico', 1], ['U.S.', 1]]));
  assert.deepStrictEqual(countsAfter(old, text), freshCounts(text));
});

test('place counts around the change: names cut or joined at its edges, the ends of the text, CRLF, empty text', () => {
  const cases: [string, string][] = [
    ['the United States of America and Mexico', 'the United Statesx of America and Mexico'],
    ['the United States of America and Mexico', 'the United States of Americas and Mexico'],
    ['the United States of America and Mexico', 'the United\nStates of America and Mexico'],
    ['the United States of America and Mexico', 'the United of America and Mexico'],
    ['the United Kingdom', 'the United States'],
    ['North America and the U.S. and US', 'North America and the U.S. and USA'],
    ['Mexico', ''],
    ['', 'Mexico City'],
    ['Mexico City and Mexico', 'xMexico City and Mexico'],
    ['Mexico City and Mexico', 'Mexico City and Mexicox'],
    ['Canada\r\nMexico\r\nthe United\r\nStates', 'Canada\r\nMexico\r\nthe United\r\n States'],
    ['Canada\r\nMexico\r\nthe United\r\nStates', 'Canada\r\nMexico\r\nthe United\rStates'],
    ['Mexico’s exports to Canada', 'Mexico exports to Canada'],
    ['a b c d e f g h United States', 'a b c d e f g h Unitedx States'],
  ];
  for (const [old, text] of cases) assert.deepStrictEqual(countsAfter(old, text), freshCounts(text), `${JSON.stringify(old)} → ${JSON.stringify(text)}`);
  // Random edits of a text dense with place names.
  const random = seededRandom(17);
  let text = 'Mexico City, the United States of America, the U.S., US and USA, Canada; North America, Central America and South America. '.repeat(12);
  let counts = freshCounts(text);
  let previous = { text } as DocumentAnalysis;
  placeCountsOf(previous, text);
  for (let i = 0; i < 300; i++) {
    const next = applyEdit(text, randomEdit(text, random));
    const analysis = { text: next } as DocumentAnalysis;
    counts = placeCountsOf(analysis, next, { document: previous, change: textChange(text, next) });
    assert.deepStrictEqual(counts, freshCounts(next), `edit ${i}`);
    previous = analysis;
    text = next;
  }
});

test('a contents entry resolves to a body line long with marks and markers', () => {
  const title = 'Putting Citizens’ Security First';
  const marked = `**${title.split(' ').join('**   **')}**¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹ ¹`;
  const text = ['Contents', '', `1. ${title}\t3`, `2. Another Chapter\t9`, '', '', '', 'Body text.', '', marked, '', 'Chapter text.', ''].join('\n');
  assert.ok(marked.length > title.length + 10);
  const [first] = extractReferences(text, []).toc;
  assert.ok(first?.target, 'the entry resolves');
  assert.equal(text.slice(first.target.start, first.target.end), marked);
});

test('rank claims: the lines before an edit keep their claims, those after it are moved, the edited lines are read again', () => {
  const uri = 'file:///workspace/ranks.txt';
  const lines = [
    'Mexico was the largest trading partner of the U.S. in 2019.',
    'Canada was the second-largest export market of the U.S. in 2019 and 2020.',
    'China was the third largest supplier of imports to the U.S. in 2019. Mexico was the U.S.’ largest export market in 2021.',
    'Trade with Canada grew, with Mexico retaking first place in 2023.',
  ];
  const check = (text: string, edited: string, message: string) => {
    const open = new OpenDocumentAnalyzer();
    const before = open.analyze({ uri, version: 0, format: 'plaintext', text });
    const after = open.analyze({ uri, version: 1, format: 'plaintext', text: edited });
    assert.deepStrictEqual(rankClaimsOf(after), rankClaimsOf(analyzeDocument({ uri, version: 1, format: 'plaintext', text: edited })), message);
    return { before: rankClaimsOf(before), after: rankClaimsOf(after) };
  };
  const text = `${lines.join('\n')}\n`;
  const at = text.indexOf('China');
  const { before, after } = check(text, `${text.slice(0, at)}x${text.slice(at)}`, 'a letter typed in the third line');
  assert.ok(before.length >= 5);
  // The first two lines' claims are the same objects; the last line's is moved by one.
  assert.equal(after[0], before[0]);
  assert.equal(after[1], before[1]);
  assert.deepStrictEqual(after.at(-1)!.span, { start: before.at(-1)!.span.start + 1, end: before.at(-1)!.span.end + 1 });
  const edits: [string, (t: string) => string][] = [
    ['two lines joined', (t) => t.replace('2019.\nCanada', '2019. Canada')],
    ['a line split in a claim', (t) => t.replace('second-largest export', 'second-largest\nexport')],
    ['a sentence end made an abbreviation', (t) => t.replace('in 2019. Mexico', 'in 2019 U. Mexico')],
    ['an edit at the start', (t) => `x${t}`],
    ['a line break at the start', (t) => `\n${t}`],
    ['the first line deleted', (t) => t.slice(t.indexOf('\n') + 1)],
    ['an edit at the end', (t) => `${t}Mexico was the largest trading partner of Canada in 2022.`],
    ['the last break deleted', (t) => t.slice(0, -1)],
    ['everything deleted', () => ''],
    ['a heading with a year above', (t) => `# Trade in 2018\n\n${t.replace(' in 2019.', '.')}`],
    ['the document date', (t) => `March 2024\n\n${t.replace(' in 2023', ' this year')}`],
  ];
  for (const [name, edit] of edits) {
    check(text, edit(text), name);
    check(text.replace(/\n/g, '\r\n'), edit(text.replace(/\n/g, '\r\n')), `${name} (CRLF)`);
    check('', edit(text), `${name} (from empty)`);
  }
});

test('a whole text’s place counts equal counting every word, in the same order', () => {
  // The first count of a text reads only the chunks where a name may start; reading every word gives the reference.
  const texts = [
    ...seedsAndFixtures().map((document) => document.text),
    'US, USA, us, Us, uS, U.S., U.S.A., U.S.A, U.S.Mexico, USAID, US-based, US’s, US\'s, 1US, xUS, -US, “US”, (us).',
    'Mexico’s, Mexico\'s, Mexico-, Mexico--\'s, MEXICO, méxico, MÉXICO, NewMexico, Mexico1, 1Mexico, Mexico-based, Mexico.City',
    'the United\nStates, the United  States, united states of america, the United States-Mexico border, Ciudad de México',
    'Estados Unidos y EE.UU. y EUA; Canadá; CANADÁ; e\u0301Mexico; ÉMexico; İndia; Japan’s China-Japan ties',
    'a \u212Aelvin sign: the United States and Mexico, CANADA and \u212Aorea',
    '',
    'Mexico',
  ];
  for (const text of texts) assert.deepStrictEqual([...placeCountsOf({}, text)], [...freshCounts(text)], text.slice(0, 80));
});
