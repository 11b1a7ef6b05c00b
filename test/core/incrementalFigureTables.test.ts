import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatOf } from '../../server/src/core/api';
import { extractFigures, type Figure, type FigureExtract } from '../../server/src/core/extract/figures/extractFigures';
import { extractOutline } from '../../server/src/core/extract/outline';
import { parseIncrementally, type BlockTrees } from '../../server/src/core/incrementalParse';
import { LineIndex } from '../../server/src/core/positions';
import { textChange } from '../../server/src/core/textChange';
import { applyEdit, seededRandom } from '../helpers/randomEdits';

// An edit in or next to a table — a tab-separated one (a run of lines holding tabs) or a GFM one — re-reads the tables
// of the window around it instead of every figure of the document: the window is widened over the lines holding tabs
// next to it, the tables outside are kept. Whatever the edit, the result must be the one a fresh extraction gives.

interface Version {
  text: string;
  extract: FigureExtract;
  blocks: BlockTrees;
  name: string;
}

/** Extracts `text` as the next version of `previous` (incrementally) and from scratch; fails unless they are equal. */
function next(previous: Version, text: string): Version {
  const { name } = previous;
  const { tree, blocks } = parseIncrementally(text, previous.blocks);
  const outline = extractOutline(tree, text, new LineIndex(text), formatOf(name));
  const extract = extractFigures(tree, text, outline, { text: previous.text, extract: previous.extract, change: textChange(previous.text, text) });
  const fresh = extractFigures(tree, text, outline);
  assert.deepStrictEqual(extract, fresh, `${name}: ${JSON.stringify(textChange(previous.text, text))}`);
  return { text, extract, blocks, name };
}

/** A document opened in an editor: its extract keeps what the next version's extraction reuses. */
function opened(text: string, name = 'a.md'): Version {
  const { tree, blocks } = parseIncrementally(text);
  const outline = extractOutline(tree, text, new LineIndex(text), formatOf(name));
  return { text, extract: extractFigures(tree, text, outline, undefined, true), blocks, name };
}

function edit(version: Version, find: string, replace: string, occurrence: 'first' | 'last' = 'first'): Version {
  const at = occurrence === 'first' ? version.text.indexOf(find) : version.text.lastIndexOf(find);
  assert.notEqual(at, -1, `text lacks ${JSON.stringify(find)}`);
  return next(version, version.text.slice(0, at) + replace + version.text.slice(at + find.length));
}

/** The figure in the first occurrence of `phrase`. */
function figureAt(version: Version, phrase: string): Figure | undefined {
  const at = version.text.indexOf(phrase);
  assert.notEqual(at, -1, `text lacks ${JSON.stringify(phrase)}`);
  return version.extract.figures.find((f) => f.span.start < at + phrase.length && at < f.span.end);
}

/** Edits `version` and asserts that the figures of `kept` (phrases before the edit) are the previous version's objects. */
function editKeeping(version: Version, find: string, replace: string, kept: readonly string[]): Version {
  const before = kept.map((phrase) => figureAt(version, phrase));
  const after = edit(version, find, replace);
  for (const [i, phrase] of kept.entries()) {
    assert.ok(before[i], `no figure in ${JSON.stringify(phrase)}`);
    assert.equal(figureAt(after, phrase), before[i], `${JSON.stringify(phrase)} was read again: the edit ${JSON.stringify(find)} → ${JSON.stringify(replace)} re-extracted everything`);
  }
  return after;
}

const paragraphs = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join('\n\n');

const tabTable = (title: string, rows: number, first: number) =>
  [`Region\t${title} (tons)\tShare`, ...Array.from({ length: rows }, (_, i) => `Area ${first + i}\t${(first + i) * 3},${100 + i}\t${first + i}%`)].join('\n');

const gfmTable = (rows: number, first: number) =>
  ['| Year | Exports (billions) |', '|---|---|', ...Array.from({ length: rows }, (_, i) => `| ${2000 + first + i} | ${first + i}.5 |`)].join('\n');

/**
 * A report exported as text, whose tab runs are parsed as several blocks: a table of contents whose indented lines are
 * code blocks and numbered ones list items (as in the 359 KB seed), and a table whose header row is a heading.
 */
const exported = (name = 'a.txt', newline = '\n') =>
  opened(
    [
      paragraphs(4, (i) => `Opening ${i}: exports reached $${i + 10}.5 billion in 2019.`),
      'CONTENTS',
      '\tIntroduction\t1\n\tBy Duncan Wood\t\n01.\tSecurity First: A New Chapter\t10\n\tBy Gema Kloppe\t\n02.\tSustainable Migration\t24\n\tBy Andrew Selee\t\n\tAbout the Authors\t121',
      paragraphs(3, (i) => `Middle ${i}: ${i + 40} firms reported.`),
      '# Region\tTons\tShare\nNorth\t1,200\t40%\nSouth\t1,800\t60%\n- East\t2,100\t70%',
      paragraphs(4, (i) => `Closing ${i}: imports fell ${i + 2}% in 2020.`),
    ]
      .join('\n\n')
      .replace(/\n/g, newline),
    name,
  );

const report = (name = 'a.md', newline = '\n') =>
  opened(
    [
      paragraphs(6, (i) => `Before ${i}: exports reached $${i + 10}.5 billion in 2019.`),
      tabTable('Cattle', 5, 1),
      paragraphs(3, (i) => `Middle ${i}: ${i + 40} firms reported.`),
      gfmTable(4, 10),
      paragraphs(3, (i) => `Between ${i}: ${i + 60} plants closed.`),
      tabTable('Grain', 4, 20),
      paragraphs(6, (i) => `After ${i}: imports fell ${i + 2}% in 2020.`),
    ]
      .join('\n\n')
      .replace(/\n/g, newline),
    name,
  );

describe('incremental figure extraction around tables', () => {
  it('re-reads only the window of an edit in or next to a tab table, keeping the figures and tables before it', () => {
    let version = report();
    const kept = ['$10.5 billion', '$15.5 billion'];
    // In a row of the table (not its first line: the window is widened over the whole run of tab lines).
    version = editKeeping(version, 'Area 3\t9,102', 'Area 3\t19,102', kept);
    assert.equal(figureAt(version, '19,102')?.text, '19,102');
    assert.equal(figureAt(version, '19,102')?.table?.rowHeader, 'Area 3');
    // In the header row: every figure under it reads it again.
    const tons = figureAt(version, '19,102')!.value;
    version = editKeeping(version, 'Cattle (tons)', 'Cattle (pounds)', kept);
    assert.ok(figureAt(version, '19,102')!.value < tons);
    // On the line right under the table, and right above it.
    version = editKeeping(version, 'Middle 0: 40 firms', 'Middle 0: 41 firms', kept);
    version = editKeeping(version, 'Before 5: exports reached $15.5', 'Before 5: exports reached $16.5', ['$10.5 billion']);
    // The second table's figures before the edit in the last table are kept too (the same objects).
    version = editKeeping(version, 'Area 22\t66,102', 'Area 22\t67,102', ['$10.5 billion', '$16.5 billion', '19,102', '10.5 |', '62 plants']);
    // A figure after the window is moved as a new object, equal but for its place.
    const moved = figureAt(version, '2% in 2020');
    version = edit(version, 'Area 21\t63,101', 'Area 21\t63,1011');
    assert.notEqual(figureAt(version, '2% in 2020'), moved);
    assert.equal(figureAt(version, '2% in 2020')?.span.start, moved!.span.start + 1);
  });

  it('re-reads only the window of an edit in or next to a GFM table', () => {
    let version = report();
    const kept = ['$10.5 billion', '3,100', '42 firms'];
    version = editKeeping(version, '| 2011 | 11.5 |', '| 2011 | 12.5 |', kept);
    assert.equal(figureAt(version, '12.5 |')?.value, 12.5e9);
    version = editKeeping(version, 'Exports (billions)', 'Exports (millions)', kept);
    assert.equal(figureAt(version, '12.5 |')?.value, 12.5e6);
    version = editKeeping(version, 'Between 0: 60 plants', 'Between 0: 61 plants', kept);
    // A row added under it, and the delimiter row broken and mended: the table is unmade, its cells become text, and back.
    version = editKeeping(version, '| 2013 | 13.5 |', '| 2013 | 13.5 |\n| 2014 | 14.5 |', kept);
    version = editKeeping(version, '|---|---|', '|---|', kept);
    assert.equal(figureAt(version, '12.5 |')?.table, undefined);
    version = editKeeping(version, '|---|\n', '|---|---|\n', kept);
    assert.deepEqual(figureAt(version, '12.5 |')?.table, { row: 2, column: 1, rowHeader: '2011', columnHeader: 'Exports (millions)' });
  });

  it('widens the window over a run of tab lines parsed as several blocks', () => {
    let version = exported();
    const kept = ['$10.5 billion', '$13.5 billion'];
    // The latency bench's edit of the seed's table of contents: "x" typed at the start of a numbered line, and deleted.
    version = editKeeping(version, '02.\tSustainable', 'x02.\tSustainable', kept);
    version = editKeeping(version, 'x02.\tSustainable', '02.\tSustainable', kept);
    version = editKeeping(version, '\tBy Gema Kloppe\t', '\tBy Gema Kloppe 2\t', kept);
    version = editKeeping(version, '\tAbout the Authors\t121', '\tAbout the Authors\t121.5', kept);
    assert.ok(figureAt(version, '121.5'));
    version = editKeeping(version, '\tAbout the Authors\t121.5', '\tAbout the Authors\t121', kept);
    assert.equal(figureAt(version, '121'), undefined);
    // Under a heading that is the table's header row, and in a list item that is its last row.
    version = editKeeping(version, 'South\t1,800', 'South\t1,900', [...kept, '41 firms']);
    assert.equal(figureAt(version, '1,900')?.table?.columnHeader, 'Tons');
    version = editKeeping(version, 'East\t2,100', 'East\t2,200', [...kept, '41 firms']);
    assert.equal(figureAt(version, '2,200')?.table?.rowHeader, '- East');
  });

  it('makes and unmakes tab lines: a tab typed or deleted, runs joined and split', () => {
    let version = report();
    const kept = ['$10.5 billion'];
    // A tab typed on the line under the table: it joins the run, as a row.
    version = editKeeping(version, 'Middle 0: 40 firms reported.', 'Middle 0:\t40 firms reported.', kept);
    // The blank line between joins it to the table; deleted again, it leaves.
    version = editKeeping(version, 'Area 5\t15,104\t5%\n\nMiddle 0:', 'Area 5\t15,104\t5%\nMiddle 0:', kept);
    assert.equal(figureAt(version, '40 firms')?.table?.rowHeader, 'Middle 0:');
    version = editKeeping(version, '\t40 firms', ' 40 firms', kept);
    assert.equal(figureAt(version, '40 firms')?.table, undefined);
    // A row's tabs deleted: the run is split in two, the second (one header row and rows) a table of its own.
    version = editKeeping(version, 'Area 3\t9,102\t3%', 'Area 3 9,102 3%', kept);
    assert.equal(figureAt(version, '15,104')?.table?.columnHeader, '12,103');
    version = editKeeping(version, 'Area 3 9,102 3%', 'Area 3\t9,102\t3%', kept);
    assert.equal(figureAt(version, '15,104')?.table?.columnHeader, 'Cattle (tons)');
    // A blank line splits the run; deleted, the runs join again.
    version = editKeeping(version, '3%\nArea 4', '3%\n\nArea 4', kept);
    version = editKeeping(version, '3%\n\nArea 4', '3%\nArea 4', kept);
    // Two tables joined into one when the text between them goes, and split again.
    version = editKeeping(version, 'Area 5\t15,104\t5%\nMiddle 0:', 'Area 5\t15,104\t5%\nRegion\tGrain (tons)\tShare\nArea 30\t90,100\t30%\n\nMiddle 0:', kept);
    assert.equal(figureAt(version, '90,100')?.table?.columnHeader, 'Cattle (tons)');
    version = editKeeping(version, '5%\nRegion\tGrain', '5%\n\nRegion\tGrain', kept);
    assert.equal(figureAt(version, '90,100')?.table?.columnHeader, 'Grain (tons)');
    // A title line with one cell above a table is prose, not its header row.
    version = editKeeping(version, 'Region\tCattle', 'Cattle by region:\t\nRegion\tCattle', kept);
    assert.equal(figureAt(version, '3,100')?.table?.columnHeader, 'Cattle (tons)');
  });

  it('turns a table into a table of contents and back', () => {
    const text = [
      paragraphs(4, (i) => `Lead ${i}: ${i + 3} reports.`),
      'Chapter\tPage\nTrade\t1,200\nEnergy\t1,800',
      paragraphs(4, (i) => `Tail ${i}: ${i + 8} reports.`),
    ].join('\n\n');
    let version = opened(text);
    const kept = ['3 reports'];
    assert.ok(figureAt(version, '1,800'));
    version = editKeeping(version, 'Trade\t1,200', 'Trade\t12', kept);
    assert.ok(figureAt(version, '1,800'));
    // Every number a whole number ending its line: page numbers, no figures.
    version = editKeeping(version, 'Energy\t1,800', 'Energy\t18', kept);
    assert.equal(figureAt(version, '\t18'), undefined);
    version = editKeeping(version, 'Energy\t18', 'Energy\t18.5', kept);
    assert.ok(figureAt(version, '18.5'));
  });

  it('a tab table sharing its lines with a GFM table: the GFM one inside it is skipped, as in a fresh extraction', () => {
    let version = opened([paragraphs(3, (i) => `Lead ${i}: ${i + 3} reports.`), '| Year\t| Tons |\n|---\t|---|\n| 2019\t| 12.5 |\n| 2020\t| 14 |', 'Tail: 9 reports.'].join('\n\n'));
    const kept = ['3 reports'];
    version = editKeeping(version, '| 2020\t| 14 |', '| 2020\t| 15 |', kept);
    // One row loses its tab: the tab tables no longer span the GFM table.
    version = editKeeping(version, '| 2019\t| 12.5 |', '| 2019 | 12.5 |', kept);
    version = editKeeping(version, '| 2019 | 12.5 |', '| 2019\t| 12.5 |', kept);
  });

  it('edits at the text start and end, in CRLF text and in text opening with blank lines', () => {
    const body = (newline: string) => [tabTable('Cattle', 3, 1), paragraphs(4, (i) => `Body ${i}: ${i + 40} firms.`), tabTable('Grain', 3, 20)].join('\n\n').replace(/\n/g, newline);
    for (const newline of ['\n', '\r\n']) {
      let version = opened(body(newline), 'a.txt');
      version = next(version, `x${version.text}`);
      version = next(version, version.text.slice(1));
      version = next(version, `Cattle by region\t${version.text}`);
      version = next(version, version.text.slice('Cattle by region\t'.length));
      version = next(version, `${version.text}\tx`);
      version = next(version, `${version.text}${newline}Area 99\t7,000\t9%`);
      version = next(version, version.text.slice(0, version.text.lastIndexOf(newline)));
      version = next(version, `${version.text}${newline}`);
      version = editKeeping(version, `Area 21\t63,101\t21%${newline}`, `Area 21\t63,101\t21%${newline}${newline}`, ['3,100']);
      // A CRLF line break deleted (the rows joined) and typed again, half of it at a time.
      version = editKeeping(version, `Area 21\t63,101\t21%${newline}`, 'Area 21\t63,101\t21%', ['40 firms']);
      version = editKeeping(version, 'Area 21\t63,101\t21%', `Area 21\t63,101\t21%${newline}`, ['40 firms']);
      version = edit(version, `Area 2\t6,101\t2%${newline}`, 'Area 2\t6,101\t2%');
      version = edit(version, 'Area 2\t6,101\t2%', `Area 2\t6,101\t2%${newline}`);
      if (newline === '\r\n') {
        version = edit(version, 'Area 22\t66,102', 'Area 22\r\t66,102');
        version = edit(version, 'Area 22\r\t66,102', 'Area 22\t66,102');
      }
    }
    let version = opened(`\n\n\n${tabTable('Cattle', 3, 1)}\n\nTail: 4 firms.`, 'a.txt');
    version = next(version, `\n${version.text}`);
    version = next(version, `\t${version.text}`);
    version = next(version, version.text.slice(1));
    version = edit(version, '\n\n\nRegion', '\n\nx\tRegion');
    version = edit(version, '\n\nx\tRegion', '\n\n\nRegion');
    version = next(version, version.text.slice(2));
    version = next(version, version.text.slice(1));
  });

  it('stays equal to a fresh extraction over random edit chains around tables', () => {
    // Edits near tabs and table pipes: typing and deleting tabs, line breaks and cells, on and next to the tables' lines.
    const TYPED = ['\t', '\t', '\n', '\n\n', '| ', ' |', '|---|---|\n', '1', '2019', ' 4.5', '%', 'x', ' (tons)', ' (millions)', '\r\n', 'Table 2:\t'];
    // GFM tables whose rows hold tabs: the tab tables of their lines claim them (or part of them).
    const tabbed = (name = 'a.md', newline = '\n') =>
      opened(
        [
          paragraphs(3, (i) => `Lead ${i}: ${i + 3} reports.`),
          '| Year\t| Exports (millions) | Share |\n|---\t|---|---|\n| 2019\t| 12.5 | 4% |\n| 2020\t| 14 |\t5% |\n| 2021 | 1 | 2 |',
          'Tail: 9 reports.',
        ]
          .join('\n\n')
          .replace(/\n/g, newline),
        name,
      );
    const documents = [report, exported, tabbed];
    for (const [seed, name, newline] of [[1, 'a.md', '\n'], [2, 'a.txt', '\n'], [3, 'a.md', '\r\n'], [4, 'a.txt', '\r\n']] as const) {
      for (const document of documents) {
      const random = seededRandom(seed);
      let version = document(name, newline);
      for (let n = 0; n < 150; n++) {
        const { text } = version;
        // A place near a tab or a pipe, most of the time.
        let at = Math.floor(random() * (text.length + 1));
        if (random() < 0.8) {
          const marks = [...text.matchAll(/[\t|]/g)].map((m) => m.index!);
          if (marks.length > 0) at = Math.min(text.length, Math.max(0, marks[Math.floor(random() * marks.length)]! + Math.floor(random() * 9) - 4));
        }
        const kind = random();
        const change =
          kind < 0.55
            ? { start: at, end: at, text: TYPED[Math.floor(random() * TYPED.length)]! }
            : kind < 0.9
              ? { start: at, end: Math.min(text.length, at + 1 + Math.floor(random() * 3)), text: '' }
              : { start: at, end: Math.min(text.length, at + Math.floor(random() * 120)), text: '' };
        if (change.start === change.end && change.text === '') continue;
        version = next(version, applyEdit(text, change));
      }
      }
    }
  });
});
