import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { computeFindings, hoverAt, rules, type Finding } from '../../server/src/core/api';
import { stem } from '../../server/src/core/conflicts/citedTables';
import { indexFiles, toUri } from '../helpers/inMemoryWorkspace';
import { joinLines, offsetOf } from '../helpers/text';

const RULE = rules.filter((r) => r.id === 'conflicting-figure');
const FOLDER = resolve(import.meta.dirname, '../fixtures/conflicts/citations');

/** Findings of the table-citation check (its fingerprints say so), as "doc line «span» | message". */
async function citations(files: Record<string, string>): Promise<{ found: string[]; findings: Finding[] }> {
  const { index } = await indexFiles(files);
  const findings = [...computeFindings(index, {}, RULE).values()].flat().filter((f) => f.fingerprint?.startsWith('["table-citation"'));
  const found = findings
    .map((f) => {
      const document = index.get(f.uri)!;
      return `${f.uri.slice(f.uri.lastIndexOf('/') + 1)}:${document.lines.positionAt(f.span.start).line + 1} «${document.text.slice(f.span.start, f.span.end)}» | ${f.message}`;
    })
    .sort();
  return { found, findings };
}

// A table in the layout of a report exported as text: a tab-separated header of places, measures down the rows.
const HEALTH_TABLE = joinLines(
  'Table 1. Health indicators',
  '',
  '\tMexico\tUnited States\tCanada',
  'Life expectancy at birth (years)\t75.1\t78.6\t82.3',
  'Infant mortality 2017 (per 1000 live births)\t12.1\t5.6\t4.5',
  'Adult obesity (% of adults)\t36.1\t42.4\t26.8',
  'Obesity among children (% of 5-9-year-olds)\t35.6\t41.0\t25.1',
  'Health spending per person (USD)\t1,138\t10,586\t5,418',
  '',
  'Source: national statistics offices.',
);

/** One document: the given paragraphs, then the health table. */
function health(...paragraphs: string[]): Record<string, string> {
  return { 'health.txt': [...paragraphs, HEALTH_TABLE].join('\n\n') };
}

describe('table citations: a figure must agree with the cell it cites (spec §4)', () => {
  it('flags the cell of the column the clause names, with the quantity, both values, and related cell and caption', async () => {
    const { found, findings } = await citations(health('In Mexico, life expectancy at birth reached 72.4 years (see Table 1).'));
    assert.deepEqual(found, ['health.txt:1 «72.4 years» | Life expectancy at birth (years), Mexico: 72.4 years here, but 75.1 in Table 1 (Health indicators)']);
    const related = findings[0]!.related.map((r) => r.message);
    assert.deepEqual(related, ['Table 1, Life expectancy at birth (years) × Mexico: 75.1', 'Table 1. Health indicators']);
    assert.equal(findings[0]!.severity, 'warning');
  });

  it('reads demonyms as column names ("the average Canadian")', async () => {
    const { found } = await citations(health('Life expectancy at birth for the average Canadian is 80.1 years (see Table 1).'));
    assert.deepEqual(found, ['health.txt:1 «80.1 years» | Life expectancy at birth (years), Canada: 80.1 years here, but 82.3 in Table 1 (Health indicators)']);
  });

  it('does not flag a compatible round number: "about 79 years" holds 78.6, "2 percent" holds 2.1', async () => {
    const { found } = await citations(health('Life expectancy at birth in the United States is about 79 years (see Table 1). In the United States, adult obesity stands at 42 percent (see Table 1).'));
    assert.deepEqual(found, []);
  });

  it('maps "respectively" figures to the places named in order, in the sentence or the previous one', async () => {
    const { found } = await citations(
      health(
        'Infant mortality in 2017 stood at 12.1 and 6.9 per 1,000 live births in Mexico and the United States, respectively (see Table 1).',
        'There are 5.6 and 12.1 deaths per 1,000 live births in the United States and Mexico in 2017, respectively, by this infant mortality measure (see Table 1).',
        'The average Mexican and the average American were followed for decades. By 2021, life expectancy at birth had reached 75.1 and 76.4 years respectively (see Table 1).',
      ),
    );
    assert.deepEqual(found, [
      'health.txt:1 «6.9 per 1,000 live births» | Infant mortality 2017 (per 1000 live births), United States: 6.9 per 1,000 births here, but 5.6 per 1,000 births in Table 1 (Health indicators)',
      'health.txt:5 «76.4 years» | Life expectancy at birth (years), United States: 76.4 years here, but 78.6 in Table 1 (Health indicators)',
    ]);
  });

  it('leaves a "respectively" list alone when the places cannot be mapped one to one', async () => {
    const { found } = await citations(health('By 2021, life expectancy at birth had reached 70.1 and 70.4 years respectively (see Table 1).'));
    assert.deepEqual(found, []);
  });

  it('with no column named, flags only when no cell of the row agrees', async () => {
    const { found } = await citations(
      health('Life expectancy at birth is 82.3 years in the best performer of the region (see Table 1).', 'Health spending per person reached USD 12,400 (see Table 1).'),
    );
    assert.deepEqual(found, [
      'health.txt:3 «USD 12,400» | Health spending per person (USD): $12,400 here, but $1,138 (Mexico), $10,586 (United States) and $5,418 (Canada) in Table 1 (Health indicators)',
    ]);
  });

  it('never compares different explicit periods, but compares an explicit year with an unbound cell', async () => {
    const { found } = await citations(
      health('Infant mortality in Mexico fell to 9.0 per 1,000 live births in 2020 (see Table 1).', 'In 2010, life expectancy at birth in Mexico was 70 years (see Table 1).'),
    );
    assert.deepEqual(found, ['health.txt:3 «70 years» | Life expectancy at birth (years), Mexico: 70 years here, but 75.1 in Table 1 (Health indicators)']);
  });

  it('never compares incompatible units: percent of GDP against dollars per person, percent against a rate per 1,000', async () => {
    const { found } = await citations(
      health('Health spending in Mexico is 5.5 percent of GDP (see Table 1).', 'In Mexico, infant mortality in 2017 was 1.9 percent of births (see Table 1).'),
    );
    assert.deepEqual(found, []);
  });

  it('stays quiet when the measure is ambiguous or weak: "obesity" names two rows, "mortality" alone is not "infant mortality"', async () => {
    const { found } = await citations(health('Obesity in the United States stands at 30.0 percent (see Table 1).', 'In Mexico, mortality is 20.5 per 1,000 (see Table 1).'));
    assert.deepEqual(found, []);
  });

  it('does not check a figure citing a chart (no values), a sentence citing nothing, or a change', async () => {
    const { found } = await citations(
      health(
        'Trade between the three countries grew to 1.2 trillion dollars (see Figure 2).',
        'Life expectancy at birth in Mexico was 70 years in 2000, well before the reforms.',
        'In Mexico, health spending per person rose by 12.5 percent (see Table 1).',
        'Figure 2. Trade in North America, 1993-2021',
      ),
    );
    assert.deepEqual(found, []);
  });

  it('does not check a figure about a place the table does not list, or a difference between two values', async () => {
    const { found } = await citations(
      health(
        'In Mexico, life expectancy at birth is 75.1 years, compared with 80.2 years in the OECD (see Table 1).',
        'Life expectancy at birth in North America is 79.0 years (see Table 1).',
        'In Mexico, life expectancy at birth rose by 5 years (see Table 1).',
        'Life expectancy at birth in Canada is 3.7 years higher than in the United States (see Table 1).',
      ),
    );
    assert.deepEqual(found, []);
  });

  it('does not check two figures of one measure and place without "respectively" (a series over time)', async () => {
    const { found } = await citations(health('In Mexico, life expectancy at birth rose from 57 years in 1960 to 75 years (see Table 1).'));
    assert.deepEqual(found, []);
  });

  it('reads a GFM table under a caption with its scale, rows bound to years, and "Table 1 shows"', async () => {
    const md = joinLines(
      '# Goods trade',
      '',
      'In 2023, U.S. goods exports to Mexico totaled \\$332.7 billion (see Table 1).',
      '',
      'U.S. goods exports to Mexico were \\$265.1 billion in 2018 (see Table 1).',
      '',
      'Table 1 shows that U.S. goods imports from Mexico were about \\$358 billion in 2019.',
      '',
      '**Table 1: U.S. goods trade with Mexico (billion dollars)**',
      '',
      '| Year | Exports | Imports |',
      '|------|---------|---------|',
      '| 2019 | 256.4   | 358.1   |',
      '| 2023 | 322.7   | 475.6   |',
    );
    const { found } = await citations({ 'trade.md': md });
    assert.deepEqual(found, ['trade.md:3 «\\$332.7 billion» | Exports, 2023: $332.7 billion here, but $322.7 billion in Table 1 (U.S. goods trade with Mexico (billion dollars))']);
  });

  it('compares a bare figure with a rate cell only when the sentence gives the same denominator; skips the denominator itself', async () => {
    const table = joinLines('Table 2. Workforce', '', '\tMexico\tUnited States', 'Practicing nurses (per 1000 population)\t2.9\t11.7');
    const { found } = await citations({
      'w.txt': joinLines(
        'In Mexico, there are 3.9 practicing nurses/1,000 inhabitants (See Table 2).',
        '',
        'Practicing nurses in the United States are 12.7 (see Table 2).',
        '',
        table,
      ),
    });
    assert.deepEqual(found, ['w.txt:1 «3.9» | Practicing nurses (per 1000 population), Mexico: 3.9 here, but 2.9 in Table 2 (Workforce)']);
  });

  it('reports a figure once when it already conflicts with other statements of its quantity', async () => {
    const md = joinLines(
      'U.S. imports from Japan, \\$149.6 billion in 2023 (see Table 1), were mostly vehicles. In 2023, imports from Japan reached \\$146.9 billion.',
      '',
      'Table 1: U.S.-Japan goods trade, 2023 (billion dollars)',
      '',
      '| Flow | Value |',
      '|---|---|',
      '| Exports | 75.7 |',
      '| Imports | 146.9 |',
    );
    const { index } = await indexFiles({ 'r.md': md });
    const onFigure = [...computeFindings(index, {}, RULE).values()].flat().filter((f) => md.slice(f.span.start, f.span.end) === '\\$149.6 billion');
    assert.equal(onFigure.length, 1, onFigure.map((f) => f.message).join('\n'));
  });

  it('keeps the figure hover on a citing figure, and says which cell it was checked against', async () => {
    const files = health('In Mexico, life expectancy at birth reached 72.4 years (see Table 1).');
    const { index } = await indexFiles(files);
    const hover = hoverAt(index, toUri('health.txt'), offsetOf(files['health.txt']!, '72.4', 0, 1));
    assert.ok(hover);
    assert.match(hover.markdown, /^\*\*72\.4 years/);
    assert.match(hover.markdown, /Interval: 72\.35 years – 72\.45 years/);
    assert.match(hover.markdown, /Cites Table 1 \(Health indicators\): Life expectancy at birth \(years\) × Mexico = 75\.1 — does not agree/);
    const agreeing = health('Life expectancy at birth in the United States is about 79 years (see Table 1).');
    const { index: other } = await indexFiles(agreeing);
    const agrees = hoverAt(other, toUri('health.txt'), offsetOf(agreeing['health.txt']!, '79', 0, 1))!;
    assert.match(agrees.markdown, /× United States = 78\.6 — agrees/);
  });

  it('stems header and sentence words alike', () => {
    assert.deepEqual(['nurses', 'nursing', 'trained', 'training', 'obesity', 'obese', 'births'].map(stem), ['nurs', 'nurs', 'train', 'train', 'obes', 'obes', 'birth']);
  });
});

describe('table citations on hand-annotated documents (test/fixtures/conflicts/citations)', () => {
  it('finds the planted disagreements and none of the traps', async () => {
    const expected = JSON.parse(readFileSync(join(FOLDER, 'expected.json'), 'utf8')) as {
      findings: { document: string; line: number; text: string }[];
      traps: { document: string; line: number; text: string }[];
    };
    const files: Record<string, string> = {};
    for (const name of readdirSync(FOLDER).filter((n) => /\.(md|txt)$/.test(n))) files[name] = readFileSync(join(FOLDER, name), 'utf8');
    const { findings } = await citations(files);
    const { index } = await indexFiles(files);
    const at = (e: { document: string; line: number; text: string }, f: Finding) => {
      const document = index.get(toUri(e.document))!;
      if (f.uri !== toUri(e.document) || document.lines.positionAt(f.span.start).line + 1 !== e.line) return false;
      const start = document.text.indexOf(e.text, document.lines.offsetAt({ line: e.line - 1, character: 0 }));
      return start !== -1 && start < f.span.end && f.span.start < start + e.text.length;
    };
    const hits = expected.findings.filter((e) => findings.some((f) => at(e, f)));
    const falseAlarms = findings.filter((f) => !expected.findings.some((e) => at(e, f)));
    const trapsHit = expected.traps.filter((t) => findings.some((f) => at(t, f)));
    const precision = hits.length / Math.max(1, hits.length + falseAlarms.length);
    const recall = hits.length / expected.findings.length;
    console.log(`citations: ${hits.length} of ${expected.findings.length} found, ${falseAlarms.length} false alarms (${trapsHit.length} of ${expected.traps.length} traps hit) — precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`);
    for (const e of expected.findings.filter((x) => !hits.includes(x))) console.log(`  missed: ${e.document}:${e.line} «${e.text}»`);
    for (const f of falseAlarms) console.log(`  false alarm: ${f.message}`);
    assert.deepEqual(trapsHit, []);
    assert.equal(falseAlarms.length, 0);
    assert.ok(recall >= 0.85, `recall ${recall.toFixed(2)} below 0.85`);
  });
});
