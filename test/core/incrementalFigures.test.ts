import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatOf } from '../../server/src/core/api';
import { extractFigures, type FigureExtract } from '../../server/src/core/extract/figures/extractFigures';
import { extractOutline } from '../../server/src/core/extract/outline';
import { parseIncrementally, type BlockTrees } from '../../server/src/core/incrementalParse';
import { LineIndex } from '../../server/src/core/positions';
import { textChange } from '../../server/src/core/textChange';
import { seedsAndFixtures } from '../helpers/corpus';
import { applyEdit, randomEdit, seededRandom } from '../helpers/randomEdits';

// extractFigures given the previous version's extract re-reads the blocks around the change and keeps the other
// figures; whatever the edit, the result must be the one a fresh extraction of the same text gives.

interface Version {
  text: string;
  extract: FigureExtract;
  blocks: BlockTrees;
}

/** Extracts `text` as the next version of `previous` (incrementally) and from scratch; fails unless they are equal. */
function next(previous: Version, text: string, name = 'a.md'): Version {
  const { tree, blocks } = parseIncrementally(text, previous.blocks);
  const format = formatOf(name);
  const outline = extractOutline(tree, text, new LineIndex(text), format);
  const extract = extractFigures(tree, text, outline, { text: previous.text, extract: previous.extract, change: textChange(previous.text, text) });
  const fresh = extractFigures(tree, text, outline);
  assert.deepStrictEqual(extract, fresh, `${name}: ${JSON.stringify(textChange(previous.text, text))}`);
  return { text, extract, blocks };
}

/**
 * A document opened and edited once: the extract that keeps what the next version reuses (the first version's has
 * none; an open document's first edit extracts everything).
 */
function opened(text: string, name = 'a.md'): Version {
  const { tree, blocks } = parseIncrementally(text);
  const outline = extractOutline(tree, text, new LineIndex(text), formatOf(name));
  const first: Version = { text, extract: extractFigures(tree, text, outline), blocks };
  return next(first, text, name);
}

function edit(version: Version, find: string, replace: string, name = 'a.md', occurrence: 'first' | 'last' = 'first'): Version {
  const at = occurrence === 'first' ? version.text.indexOf(find) : version.text.lastIndexOf(find);
  assert.notEqual(at, -1, `text lacks “${find}”`);
  return next(version, version.text.slice(0, at) + replace + version.text.slice(at + find.length), name);
}

/** The figure in the first occurrence of `phrase`. */
function figureAt(version: Version, phrase: string) {
  const at = version.text.indexOf(phrase);
  assert.notEqual(at, -1, `text lacks “${phrase}”`);
  return version.extract.figures.find((f) => f.span.start < at + phrase.length && at < f.span.end);
}

const paragraphs = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join('\n\n');

describe('incremental figure extraction', () => {
  const report = paragraphs(40, (i) => `Paragraph ${i + 1}: exports reached $${i + 10}.5 billion in 2019, up ${i + 2}% on the year before.`);

  it('keeps the figures before the change as they are and moves the ones after it', () => {
    let version = opened(report);
    const before = version.extract.figures;
    version = edit(version, 'Paragraph 20:', 'Paragraph twenty:');
    const after = version.extract.figures;
    assert.equal(after.length, before.length);
    const first = after.findIndex((f) => f.span.start >= version.text.indexOf('Paragraph twenty'));
    // Far before the change: the very same objects. After it: new objects, moved by the change's delta.
    for (let i = 0; i < first; i++) assert.equal(after[i], before[i], `figure ${i} was re-read`);
    const last = after[after.length - 1]!;
    assert.notEqual(last, before[before.length - 1]);
    assert.equal(last.span.start, before[before.length - 1]!.span.start + 'twenty'.length - '20'.length);
    assert.equal(version.text.slice(last.span.start, last.span.end), last.text);
  });

  it('re-reads a figure the change makes or breaks, and its period', () => {
    let version = opened(report);
    version = edit(version, '$30.5 billion', '$30.5 million');
    assert.equal(figureAt(version, '$30.5 million')?.value, 30.5e6);
    version = edit(version, 'in 2019, up 23%', 'in 2021, up 23%');
    assert.equal(figureAt(version, '23% on')?.period?.start, 2021);
    version = edit(version, '$40.5', '$40.');
    version = edit(version, 'Paragraph 1:', '');
    version = edit(version, 'up 41%', 'up 41% this year', 'a.md', 'last');
  });

  it('follows a heading’s period to figures far below it', () => {
    const text = `# Trade\n\n${paragraphs(30, (i) => `Imports were ${i + 3} million tons.`)}\n\n## Outlook\n\nExports were 7 million tons.`;
    let version = opened(text);
    assert.equal(figureAt(version, 'were 30 million tons.')?.period, undefined);
    version = edit(version, '# Trade', '# Trade in 2022');
    assert.equal(figureAt(version, 'were 30 million tons.')?.period?.start, 2022);
    version = edit(version, '# Trade in 2022', '# Trade in 2023 and after');
    assert.equal(figureAt(version, 'were 30 million tons.')?.period?.start, 2023);
    version = edit(version, '## Outlook', '## Outlook for 2030');
    assert.equal(figureAt(version, 'Exports were 7 million tons')?.period?.start, 2030);
    // A heading made and unmade: the outline changes.
    version = edit(version, 'Imports were 10 million tons.', '# Imports\n\nwere 10 million tons.');
    version = edit(version, '# Imports\n\n', 'Imports ');
  });

  it('re-reads everything the document date, or the meaning of "$", decides', () => {
    const text = `Briefing (March 2024)\n\n${paragraphs(20, (i) => `This year the fund holds $${i + 1} million.`)}`;
    let version = opened(text);
    assert.equal(figureAt(version, '$20 million')?.period?.start, 2024);
    version = edit(version, 'March 2024', 'March 2021');
    assert.equal(figureAt(version, '$20 million')?.period?.start, 2021);
    version = edit(version, 'Briefing', 'A briefing');
    assert.equal(figureAt(version, '$20 million')?.unit.base, 'USD');
    version = edit(version, 'holds $5 million', 'holds $5 million (peso)');
    assert.equal(figureAt(version, '$20 million')?.unit.base, 'USD');
    // The change completes the word.
    version = edit(version, '(peso)', '(pesos)');
    assert.equal(figureAt(version, '$20 million')?.unit.base, 'MXN');
    version = edit(version, '$5 million (pesos)', '$5 million (pesos, 3 dollars)');
    assert.equal(figureAt(version, '$20 million')?.unit.base, 'USD');
  });

  it('re-reads a table the change touches, and the figures its header rows describe', () => {
    const text = [
      paragraphs(10, (i) => `Line ${i}: ${i + 5} jobs were added.`),
      '| Year | Exports (billions) |\n|---|---|\n| 2019 | 12.5 |\n| 2020 | 14 |',
      'Region\tVolume (tons)\tShare\nNorth\t1,200\t40%\nSouth\t1,800\t60%',
      paragraphs(10, (i) => `Note ${i}: ${i + 7} firms reported.`),
    ].join('\n\n');
    let version = opened(text);
    version = edit(version, 'Exports (billions)', 'Exports (millions)');
    assert.equal(figureAt(version, '12.5')?.value, 12.5e6);
    version = edit(version, 'Volume (tons)', 'Volume (pounds)');
    version = edit(version, '| 2020 | 14 |', '| 2020 | 14 |\n| 2021 | 15 |');
    version = edit(version, 'South\t1,800\t60%', 'South\t1,800\t60%\nWest\t5\t1%');
    // A line just above a table joins it or leaves it.
    version = edit(version, 'Region\t', 'Stated\tby region\n\nRegion\t');
    version = edit(version, 'Note 3: 10 firms', 'Note 3:\t10 firms');
    // A change under a table masks a cell of its last row ("9\n\nof May").
    version = edit(version, 'West\t5\t1%', 'West\t5\t9');
    version = edit(version, 'Note 0:', 'of the year\n\nNote 0:');
    assert.ok(figureAt(version, '\t9\n'));
    version = edit(version, 'of the year', 'of May');
    assert.equal(figureAt(version, '\t9\n'), undefined);
    // A line with a tab becomes a table when the line under it gets one.
    version = edit(version, 'Note 3:\t10 firms reported.', 'Note 3:\t10 firms reported.\nNote 3b: 12 firms\n\n');
    version = edit(version, 'Note 3b: 12', 'Note 3b:\t12');
    assert.deepEqual(figureAt(version, '12 firms')?.table, { row: 1, column: 1, rowHeader: 'Note 3b:', columnHeader: '10 firms reported.' });
  });

  it('re-masks noise that reaches across lines and blank lines', () => {
    const text = paragraphs(12, (i) => `Item ${i}: a fee of ${i + 20} dollars was charged.`);
    let version = opened(text);
    // "March\n\n9": a day number after a month on an earlier line is a date, not a figure; and "9 of\n\nMarch".
    version = edit(version, 'fee of 25 dollars was charged.', 'fee of 25 dollars was charged in March');
    version = edit(version, 'Item 6: a fee', 'Item 6:\n\n9 a fee');
    version = edit(version, 'in March', 'in April');
    version = edit(version, 'Item 8: a fee of 28', 'Item 8: 4 of\n\nMay a fee of 28');
    // "2019 and\n20", "FY\n22": a year's short form on the next line.
    version = edit(version, 'Item 10: a fee', 'Item 10: in 2019 and\n20 a fee');
    version = edit(version, 'Item 3: a fee', 'Item 3: FY\n22 a fee');
    // Markup and footnotes spanning lines, opened and closed far apart.
    version = edit(version, 'Item 1: a fee', 'Item 1: <sup>a fee');
    version = edit(version, 'Item 11: a fee', 'Item 11: </sup>a fee');
    version = edit(version, '<sup>', '');
    version = edit(version, 'Item 2: a fee', 'Item 2: ^{note a fee');
    version = edit(version, 'Item 9: a fee', 'Item 9: } a fee');
    version = edit(version, 'Item 4: a fee', 'Item 4: <!-- a fee');
    version = edit(version, 'Item 7: a fee', 'Item 7: --> a fee');
    version = edit(version, 'Item 5: a fee of 25', 'Item 5: [4,\n5] a fee of 25');
    version = edit(version, 'Item 0: a fee of 20', 'Item 0: see #\n20 a fee of 20');
  });

  it('re-masks lines a few lines away whose lookarounds read the changed line', () => {
    // Each change is on one line; what it masks or unmasks is one or two non-blank lines away.
    const text = [
      paragraphs(8, (i) => `Entry ${i}: ${i + 3} tons were shipped.`),
      'The vote was held in\n\n9 tons were moved.',
      paragraphs(4, (i) => `Middle ${i}: ${i + 11} boxes.`),
      '$4\n\nof\n\nthe month',
      paragraphs(4, (i) => `Later ${i}: ${i + 21} crates.`),
      'Sales in 1019\nand\n20 tons were sold.',
      'Edit here\nfiller\n$9\nof\nMay',
      paragraphs(8, (i) => `Final ${i}: ${i + 31} bales.`),
    ].join('\n\n');
    let version = opened(text);
    assert.ok(figureAt(version, '9 tons were moved'));
    version = edit(version, 'held in', 'held in March');
    assert.equal(figureAt(version, '9 tons were moved'), undefined);
    version = edit(version, 'held in March', 'held in');
    assert.ok(figureAt(version, '9 tons were moved'));
    assert.ok(figureAt(version, '$4'));
    version = edit(version, 'the month', 'May');
    assert.equal(figureAt(version, '$4'), undefined);
    version = edit(version, '\n\nMay', '\n\nthe month');
    assert.ok(figureAt(version, '20 tons'));
    version = edit(version, 'Sales in 1019', 'Sales in 2019');
    assert.equal(figureAt(version, '20 tons'), undefined);
    version = edit(version, 'Sales in 2019', 'Sales in 1019');
    // What the last lines of the re-masked window read beyond it.
    assert.equal(figureAt(version, '$9'), undefined);
    version = edit(version, 'Edit here', 'Edited here');
  });

  it('re-reads period mentions that reach across lines', () => {
    const text = paragraphs(12, (i) => `Claim ${i}: ${i + 40} people moved.`);
    let version = opened(text);
    // Across a line break in a paragraph, and across a blank line (where the sentence ends).
    version = edit(version, 'Claim 5: 45 people', 'Claim 5: between 2019 and\n2021 45 people');
    assert.equal(figureAt(version, '45 people')?.period?.kind, 'year-range');
    version = edit(version, 'between 2019 and\n', 'between 2019 and\n\n');
    assert.equal(figureAt(version, '45 people')?.period, undefined);
    version = edit(version, 'between 2019 and', 'between 2019 or');
    version = edit(version, 'Claim 7: 47', 'Claim 7: FY 2022 -\n23: 47');
    // The change on the mention's last line: the match starts lines above it.
    version = edit(version, 'Claim 9: 49 people', 'Claim 9: from\n2015\nto\n20x8 49 people');
    version = edit(version, '20x8', '2018');
    assert.equal(figureAt(version, '49 people')?.period?.kind, 'year-range');
    version = edit(version, '\nto\n2018', '\nto\n20y8');
    assert.equal(figureAt(version, '49 people')?.period?.kind, 'year');
    // The change makes a mention that reaches past the lines rescanned at first.
    version = edit(version, 'Claim 11: 51 people', 'Claim 11: since\n2011\nand\n2013\nthe 51 people');
    version = edit(version, 'Claim 11: since', 'Claim 11: between');
    assert.equal(figureAt(version, '51 people')?.period?.kind, 'year-range');
    // And unmakes one: "2012" is a mention of its own again.
    version = edit(version, 'Claim 10: 50 people', 'Claim 10: between\n2010\nand\n2012\nthe 50 people');
    version = edit(version, 'Claim 10: between', 'Claim 10: betwixt');
    assert.equal(figureAt(version, '50 people')?.period?.start, 2012);
  });

  it('handles edits at the start and end of the text, empty texts and CRLF line breaks', () => {
    let version = opened(report);
    version = next(version, `In 2018 exports were $2 billion.\n\n${version.text}`);
    version = next(version, `${version.text}\n\nIn 2030 they may reach $90 billion`);
    version = next(version, `${version.text}.`);
    version = next(version, '');
    version = next(version, 'Now 5%');
    version = next(version, '');

    const crlf = paragraphs(15, (i) => `Row ${i}: ${i + 1},000 cases in 2020.`).replace(/\n/g, '\r\n');
    version = opened(crlf, 'a.txt');
    version = edit(version, 'Row 7: 8,000', 'Row 7: 8,500', 'a.txt');
    version = edit(version, '\r\n\r\nRow 9', '\r\nRow 9', 'a.txt');
    version = edit(version, 'Row 3: 4,000 cases in 2020.', 'Row 3: 4,000 cases in\r\n2021.', 'a.txt');
  });

  it('counts lines back to a text that starts with blank lines', () => {
    // Looking back from the line at offset 1 once found the line break at offset 0 again, and looped forever.
    let version = opened('\n\nTitle\n\nHead of unit\n\nIn 2019 exports were $2 billion.');
    version = edit(version, 'Head', 'He**ad');
    version = edit(version, 'Title', 'x');
    version = next(version, `\n${version.text}`);
    version = edit(version, '$2 billion', '$3 billion');
    assert.equal(figureAt(version, '$3 billion')?.value, 3e9);
  });

  it('keeps the figures a heading made or unmade between paragraphs cannot reach', () => {
    // In a plain-text report a short line standing alone is a heading: typing one on the empty line between two
    // paragraphs, or a letter before a heading's first capital, makes or unmakes a heading.
    const text = [
      'Trade in 2019',
      paragraphs(8, (i) => `Imports were ${i + 3} million tons.`),
      'Outlook',
      paragraphs(8, (i) => `Exports were ${i + 20} million tons.`),
      'Prices for 2021',
      paragraphs(8, (i) => `Fees were ${i + 40} dollars.`),
    ].join('\n\n');
    let version = opened(text, 'a.txt');
    assert.equal(figureAt(version, 'Exports were 25')?.period, undefined);
    assert.equal(figureAt(version, 'Fees were 45')?.period?.start, 2021);
    // A heading without a period under one without a period: the figures below it bind to nothing, as before.
    let before = version.extract.figures;
    version = edit(version, 'tons.\n\nExports were 24', 'tons.\n\nNotes\n\nExports were 24', 'a.txt');
    assert.equal(version.extract.figures.length, before.length);
    for (const [i, figure] of version.extract.figures.entries()) if (figure.span.start < version.text.indexOf('Notes')) assert.equal(figure, before[i], `figure ${i} was re-read`);
    before = version.extract.figures;
    version = edit(version, '\n\nNotes\n\n', '\n\n\n\n', 'a.txt');
    for (const [i, figure] of version.extract.figures.entries()) if (figure.span.start < version.text.indexOf('Exports were 24')) assert.equal(figure, before[i], `figure ${i} was re-read`);
    // The same heading under "Trade in 2019" takes that year from the figures below it…
    version = edit(version, 'tons.\n\nImports were 6', 'tons.\n\nNotes\n\nImports were 6', 'a.txt');
    assert.equal(figureAt(version, 'Imports were 6')?.period, undefined);
    assert.equal(figureAt(version, 'Imports were 10')?.period, undefined);
    assert.equal(figureAt(version, 'Imports were 5')?.period?.start, 2019);
    // …and gives it back when it is unmade (a letter typed before its capital).
    version = edit(version, 'Notes', 'xNotes', 'a.txt');
    assert.equal(figureAt(version, 'Imports were 10')?.period?.start, 2019);
    // "Outlook" unmade: the figures under it bind to 2019 down to "Prices for 2021".
    version = edit(version, 'Outlook', 'xOutlook', 'a.txt');
    assert.equal(figureAt(version, 'Exports were 25')?.period?.start, 2019);
    assert.equal(figureAt(version, 'Fees were 45')?.period?.start, 2021);
    version = edit(version, 'xOutlook', 'Outlook', 'a.txt');
    assert.equal(figureAt(version, 'Exports were 25')?.period, undefined);
    // An empty line filled: the heading above it joins the paragraph under it.
    version = edit(version, 'Prices for 2021\n\n', 'Prices for 2021\nx\n', 'a.txt');
    assert.equal(figureAt(version, 'Fees were 45')?.period, undefined);
    version = edit(version, 'Prices for 2021\nx\n', 'Prices for 2021\n\n', 'a.txt');
    assert.equal(figureAt(version, 'Fees were 45')?.period?.start, 2021);
    // A heading's own period changed, made and unmade.
    version = edit(version, 'Trade in 2019', 'Trade in 2018', 'a.txt');
    assert.equal(figureAt(version, 'Imports were 5')?.period?.start, 2018);
    version = edit(version, 'Trade in 2018', 'Trade', 'a.txt');
    assert.equal(figureAt(version, 'Imports were 5')?.period, undefined);
    version = edit(version, 'Outlook', 'Outlook 2030', 'a.txt');
    assert.equal(figureAt(version, 'Exports were 25')?.period?.start, 2030);
  });

  it('follows a heading made, unmade or moved between levels through the walk up to its ancestors', () => {
    const section = (title: string, n: number) => `${title}\n\n${paragraphs(4, (i) => `Count ${n}.${i}: ${n * 10 + i} cases.`)}`;
    const text = [
      '# Briefing (March 2024)',
      section('## Border in 2019', 1),
      section('### Ports', 2),
      section('#### Inland', 3),
      section('### Crossings', 4),
      section('## Health', 5),
      section('### Clinics in 2022', 6),
      section('#### Staff', 7),
      section('# Annex', 8),
      section('### Tables', 9),
    ].join('\n\n');
    let version = opened(text);
    assert.equal(figureAt(version, '31 cases')?.period?.start, 2019);
    assert.equal(figureAt(version, '71 cases')?.period?.start, 2022);
    // Headings deepened, raised, made and unmade above figures that walk up through them.
    version = edit(version, '## Health', '#### Health');
    assert.equal(figureAt(version, '51 cases')?.period?.start, 2019);
    version = edit(version, '#### Health', '# Health');
    assert.equal(figureAt(version, '51 cases')?.period, undefined);
    version = edit(version, '### Crossings', '## Crossings in 2020');
    assert.equal(figureAt(version, '41 cases')?.period?.start, 2020);
    version = edit(version, '# Health', 'Health');
    assert.equal(figureAt(version, '61 cases')?.period?.start, 2022);
    assert.equal(figureAt(version, '51 cases')?.period?.start, 2020);
    version = edit(version, '### Clinics in 2022', '### Clinics');
    assert.equal(figureAt(version, '71 cases')?.period?.start, 2020);
    version = edit(version, '# Annex', '### Annex');
    assert.equal(figureAt(version, '91 cases')?.period?.start, 2020);
    version = edit(version, 'Count 8.1: 81 cases.', '# Annex B\n\nCount 8.1: 81 cases.');
    assert.equal(figureAt(version, '91 cases')?.period, undefined);
    // The dateline's heading: its year is the document's, not a period for the figures below it.
    version = edit(version, '# Briefing (March 2024)', '## Briefing (March 2024)');
    version = edit(version, '## Border in 2019', '### Border in 2019');
    assert.equal(figureAt(version, '11 cases')?.period?.start, 2019);
    version = edit(version, '## Briefing (March 2024)', '# Briefing 2023 (March 2024)');
    assert.equal(figureAt(version, '91 cases')?.period, undefined);
  });

  it('re-reads everything when a code fence opened far above swallows the rest', () => {
    let version = opened(report);
    const all = version.extract.figures.length;
    version = edit(version, 'Paragraph 3:', '```js\nParagraph 3:');
    assert.equal(version.extract.figures.length, 4);
    version = edit(version, '```js\n', '');
    assert.equal(version.extract.figures.length, all);
  });
});

describe('incremental figure extraction after random edits', () => {
  // Fewer edits than incrementalAnalysis.test.ts, on extractFigures alone, with a check that figures are reused.
  const EDITS = Number(process.env.INCREMENTAL_EDITS ?? 12);
  for (const [index, { name, text }] of seedsAndFixtures().entries()) {
    it(`${name} extracts as a fresh extraction does`, () => {
      const random = seededRandom(104729 * (index + 1));
      let version = opened(text, name);
      let reused = 0;
      for (let i = 0; i < EDITS; i++) {
        const previous = version;
        version = next(version, applyEdit(version.text, randomEdit(version.text, random)), name);
        const before = new Set(previous.extract.figures);
        if (version.extract.figures.some((f) => before.has(f))) reused++;
      }
      if (name.includes('002_2e3851e7520eefff')) assert.ok(reused > EDITS / 2, `figures were reused after ${reused} of ${EDITS} edits`);
    });
  }
});
