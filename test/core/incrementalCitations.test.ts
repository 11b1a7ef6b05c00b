import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, formatOf, OpenDocumentAnalyzer, type DocumentAnalysis } from '../../server/src/core/api';
import { citationChecksOf, type CitationCheck } from '../../server/src/core/conflicts/citations';
import { seedsAndFixtures } from '../helpers/corpus';
import { applyEdit, randomEdit, seededRandom } from '../helpers/randomEdits';

// An edited document's citation checks keep the last version's where nothing they read changed: the citing sentence,
// the words around its figures, the paragraph before a "respectively", its references, the cited table's caption and
// cells. Every version's checks must equal a fresh analysis's and hold the new analysis's own figures and captions.

const corpus = seedsAndFixtures();
const SEED = 'seeds/002_2e3851e7520eefff.txt';
const seed = corpus.find((d) => d.name === SEED)!.text;
/** The endnotes after the seed's two tables. */
const AFTER_TABLES = 'Endnotes\n\n[1] <https://www.pnas.org';

/** Every record a check holds is the document's own: its figure, caption and cells. */
function assertOwnRecords(document: DocumentAnalysis, message: string): void {
  const figures = new Set(document.figures.figures);
  const captions = new Set(document.references.captions);
  for (const check of citationChecksOf(document)) {
    assert.ok(figures.has(check.figure), `${message}: a check holds a figure of another version`);
    assert.ok(captions.has(check.caption), `${message}: a check holds a caption of another version`);
    for (const cell of check.cells) assert.ok(figures.has(cell.figure), `${message}: a check holds a cell of another version`);
  }
}

/** Analyses `text` as the next version of an open document, and checks its citation checks against a fresh analysis. */
function analyzeEdited(open: OpenDocumentAnalyzer, uri: string, version: number, text: string, message: string, fresh?: readonly CitationCheck[]): DocumentAnalysis {
  const document = { uri, version, format: formatOf(uri), text };
  const incremental = open.analyze(document);
  assert.deepStrictEqual(citationChecksOf(incremental), fresh ?? citationChecksOf(analyzeDocument(document)), message);
  assertOwnRecords(incremental, message);
  return incremental;
}

/** `text` with its one occurrence of `from` replaced by `to`. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `one ${JSON.stringify(from)} in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** `text` with `typed` inserted before its one occurrence of `before`. */
function typeAt(text: string, before: string, typed: string): string {
  const at = text.indexOf(before);
  assert.ok(at >= 0 && text.indexOf(before, at + 1) < 0, `one ${JSON.stringify(before)} in the text`);
  return text.slice(0, at) + typed + text.slice(at);
}

type Edit = [name: string, edit: (text: string) => string];

/** Each edit made to the original and undone, in one editing session: both versions equal fresh analyses. */
function checkEdits(name: string, original: string, edits: readonly Edit[]): void {
  const uri = `file:///workspace/${name}`;
  const open = new OpenDocumentAnalyzer();
  const first = open.analyze({ uri, version: 0, format: formatOf(uri), text: original });
  const fresh = citationChecksOf(analyzeDocument({ uri, version: 0, format: formatOf(uri), text: original }));
  assert.deepStrictEqual(citationChecksOf(first), fresh);
  assert.ok(fresh.length > 0, `${name} has citation checks`);
  let version = 0;
  for (const [what, edit] of edits) {
    const text = edit(original);
    assert.notEqual(text, original, what);
    analyzeEdited(open, uri, ++version, text, `${name}: ${what}`);
    analyzeEdited(open, uri, ++version, original, `${name}: ${what}, undone`, fresh);
  }
}

test('citation checks of the largest seed after edits in and around its citing sentences and tables equal fresh ones', () => {
  const lifeRow = 'Life expectancy at birth\t75.4\t78.6\t81.0\n';
  checkEdits(SEED, seed, [
    ['a figure of a citing sentence', (t) => replaceOnce(t, '78.5 and 70 years', '78.5 and 60 years')],
    ['"respectively" dropped', (t) => replaceOnce(t, '70 years respectively (see', '70 years (see')],
    ['a reference retargeted', (t) => replaceOnce(t, 'respectively (see Table 1)', 'respectively (see Table 2)')],
    ['a reference dropped', (t) => replaceOnce(t, 'As shown in Table 2, while 25', 'While 25')],
    ['the place named in the sentence before a "respectively"', (t) => replaceOnce(t, 'and the average Mexican until age 57', 'and the average Canadian until age 57')],
    ['a paragraph break before a "respectively" sentence', (t) => replaceOnce(t, 'until age 57. By 2010', 'until age 57.\n\nBy 2010')],
    [
      'the places named in the sentence before a "respectively" swapped (same length)',
      (t) => replaceOnce(t, 'The average American born in 1960 was expected to live until the age of 75 and the average Mexican', 'The average Mexican born in 1960 was expected to live until the age of 75 and the average American'),
    ],
    ['a word typed just before a citing figure', (t) => replaceOnce(t, 'while 25 percent', 'while by 25 percent')],
    ['a word typed just after a citing figure', (t) => replaceOnce(t, '25 percent of U.S. doctors', '25 percent more of U.S. doctors')],
    ['a cited cell', (t) => replaceOnce(t, lifeRow, lifeRow.replace('78.6', '70.6'))],
    ['a cited row header', (t) => replaceOnce(t, lifeRow, lifeRow.replace('Life expectancy', 'Life span'))],
    ['a cited table line deleted', (t) => replaceOnce(t, lifeRow, '')],
    ['an uncited table line deleted', (t) => replaceOnce(t, 'Population (millions, 2019)\t124.9\t328.0\t-\n', '')],
    ['the cited line of the second table deleted', (t) => replaceOnce(t, 'Share of foreign trained doctors\tn.a.\t25\t17.7\n', '')],
    ['a cited table line made text', (t) => replaceOnce(t, 'Share of foreign trained doctors\tn.a.\t25', 'Share of foreign trained doctors n.a. 25')],
    ['a caption renumbered', (t) => replaceOnce(t, 'Table 1. Comparative Statistics', 'Table 3. Comparative Statistics')],
    ['a caption given a year', (t) => replaceOnce(t, 'Performance of Health Systems\n', 'Performance of Health Systems in 2010\n')],
    ['a character typed before everything', (t) => `x${t}`],
    ['a blank line typed before the citing sentences', (t) => `${t.slice(0, 100)}\n\n${t.slice(100)}`],
    ['a character typed between a citing sentence and its table', (t) => typeAt(t, 'This suggests that foreign training', 'x')],
    ['a character typed after the tables', (t) => typeAt(t, AFTER_TABLES, 'x')],
    ['text added at the end', (t) => `${t}\nx`],
  ]);
});

test('citation checks of the fixtures after targeted edits equal fresh ones', () => {
  const fixture = (name: string) => corpus.find((d) => d.name === `test/fixtures/conflicts/citations/${name}`)!.text;
  checkEdits('health-brief.txt', fixture('health-brief.txt'), [
    ['the place named in the sentence before a "respectively"', (t) => replaceOnce(t, 'The average Mexican and the average American', 'The average Canadian and the average American')],
    ['a paragraph break before a "respectively" sentence', (t) => replaceOnce(t, 'two decades. By 2021', 'two decades.\n\nBy 2021')],
    ['the places named in the sentence before a "respectively" swapped (same length)', (t) => replaceOnce(t, 'The average Mexican and the average American', 'The average American and the average Mexican')],
    ['the second of two citing sentences', (t) => replaceOnce(t, 'is about 79 years', 'is about 78 years')],
    ['a cited cell', (t) => replaceOnce(t, '\t75.1\t78.6\t82.3', '\t75.1\t79.6\t82.3')],
    ['a column header', (t) => replaceOnce(t, '\tMexico\tUnited States\tCanada', '\tMexico\tUnited States\tOECD')],
    ['a row deleted', (t) => replaceOnce(t, 'Adult obesity (% of adults)\t36.1\t42.4\t26.8\n', '')],
    ['the caption', (t) => replaceOnce(t, 'Table 1. Health indicators', 'Table 1. Health indicators (percent)')],
    ['a chart caption renamed a table', (t) => replaceOnce(t, 'Figure 2. Trade', 'Table 2. Trade')],
  ]);
  // A figure ending its paragraph: the word after it ("More") makes it a difference, not a value, though in another sentence.
  const ending = replaceOnce(fixture('health-brief.txt'), 'Trade between the three', 'Life expectancy at birth (see Table 1) in Mexico is 75.1 years\n\nMore was expected.\n\nTrade between the three');
  checkEdits('health-brief.txt, a figure ending its paragraph', ending, [['the word after it', (t) => replaceOnce(t, 'More was expected', 'Some was expected')]]);
  // A "respectively" sentence whose paragraph opens the text once the lines above are deleted: the sentence before it is
  // then read from the text's second character (`previousSentence`), and "US" is no longer named.
  const brief = replaceOnce(fixture('health-brief.txt'), 'The average Mexican and the average American were followed', 'US and Mexican households were followed');
  const opening = `Intro.\n\n${brief.slice(brief.indexOf('US and Mexican'))}`;
  checkEdits('health-brief.txt, a "respectively" paragraph', opening, [['the lines above it deleted', (t) => t.slice(t.indexOf('US and Mexican'))]]);
  checkEdits('trade-note.md', fixture('trade-note.md'), [
    ['the caption\'s scale', (t) => replaceOnce(t, '(billions of U.S. dollars)', '(millions of U.S. dollars)')],
    ['a GFM row', (t) => replaceOnce(t, '| 2023 | 322.7 ', '| 2023 | 332.7 ')],
    ['a GFM row deleted', (t) => replaceOnce(t, '| 2019 | 256.4   | 358.1   | -101.7  |\n', '')],
    ['a citing sentence', (t) => replaceOnce(t, 'totaled \\$332.7 billion', 'totaled \\$322.7 billion')],
  ]);
});

test('random edits around the citations of the seeds and fixtures give the checks of a fresh analysis', () => {
  for (const [index, { name, text: original }] of corpus.entries()) {
    const uri = `file:///workspace/${name}`;
    const first = analyzeDocument({ uri, version: 0, format: formatOf(uri), text: original });
    const checks = citationChecksOf(first);
    if (checks.length === 0) continue;
    // Half the edits fall between the first citing sentence and the end of the last cited table, where the checks read.
    const from = Math.max(0, Math.min(...checks.map((c) => c.figure.sentence.start)) - 300);
    const to = Math.max(...checks.map((c) => c.caption.blockSpan.end)) + 100;
    const random = seededRandom(7919 * (index + 1));
    const open = new OpenDocumentAnalyzer();
    open.analyze({ uri, version: 0, format: formatOf(uri), text: original });
    let text = original;
    const edits = name === SEED ? 12 : 40;
    for (let version = 1; version <= edits; version++) {
      const near = version % 2 === 1 && to < text.length;
      const edit = near ? randomEdit(text.slice(from, to), random) : randomEdit(text, random);
      if (near) {
        edit.start += from;
        edit.end += from;
      }
      text = applyEdit(text, edit);
      analyzeEdited(open, uri, version, text, `${name}, version ${version}: after ${JSON.stringify(edit).slice(0, 200)}`);
    }
  }
});

test('checks away from an edit are the last version’s: the same objects before it, moved copies after it', () => {
  const uri = `file:///workspace/${SEED}`;
  const open = new OpenDocumentAnalyzer();
  const before = citationChecksOf(open.analyze({ uri, version: 0, format: 'plaintext', text: seed }));
  assert.equal(before.length, 3);
  // An edit after the tables: every check and everything it holds is where it was.
  const after = citationChecksOf(analyzeEdited(open, uri, 1, typeAt(seed, AFTER_TABLES, 'x'), 'after the tables'));
  after.forEach((check, i) => assert.equal(check, before[i], `check ${i} kept`));
  // Back to the original: the same again.
  const back = citationChecksOf(analyzeEdited(open, uri, 2, seed, 'undone'));
  back.forEach((check, i) => assert.equal(check, before[i], `check ${i} kept after the undo`));
});

test('a check after an edit is moved from the last version’s; one in the edited sentence or cited table is read again', () => {
  const uri = `file:///workspace/${SEED}`;
  // The kept checks are taken as they are: a mark put on the last version's shows through in those kept, not in those read again.
  const marked = (text: string) => {
    const open = new OpenDocumentAnalyzer();
    const before = citationChecksOf(open.analyze({ uri, version: 0, format: 'plaintext', text: seed }));
    for (const check of before) check.measure = `${check.measure} (marked)`;
    const after = citationChecksOf(open.analyze({ uri, version: 1, format: 'plaintext', text }));
    assert.equal(after.length, before.length);
    return { before, after, kept: after.map((c) => c.measure.endsWith('(marked)')) };
  };
  // A character typed before everything: every check kept, moved by one, holding the new figures and captions.
  let { before, after, kept } = marked(`x${seed}`);
  assert.deepStrictEqual(kept, [true, true, true]);
  after.forEach((check, i) => {
    assert.notEqual(check, before[i]);
    assert.equal(check.figure.span.start, before[i]!.figure.span.start + 1);
    assert.equal(check.caption.span.start, before[i]!.caption.span.start + 1);
    assert.equal(check.cells[0]!.figure.span.start, before[i]!.cells[0]!.figure.span.start + 1);
  });
  // An edit in the first citing sentence reads its checks again; the third, in a later sentence, is kept.
  ({ kept } = marked(replaceOnce(seed, 'the most comprehensive measure', 'the most complete measure')));
  assert.deepStrictEqual(kept, [false, false, true]);
  // An edit in the sentence before a "respectively" (which names its places) reads that sentence's checks again.
  ({ kept } = marked(replaceOnce(seed, 'The average American born in 1960', 'The average American born in 1961')));
  assert.deepStrictEqual(kept, [false, false, true]);
  // An edit in the first table reads the checks citing it again, not those citing the second.
  ({ kept } = marked(replaceOnce(seed, 'Population (millions, 2019)\t124.9', 'Population (millions, 2019)\t124.8')));
  assert.deepStrictEqual(kept, [false, false, true]);
  // An edit in the second table: the reverse.
  ({ kept } = marked(replaceOnce(seed, 'Hospital beds (per 1000 population, 2018)\t1.4', 'Hospital beds (per 1000 population, 2018)\t1.5')));
  assert.deepStrictEqual(kept, [true, true, false]);
});
