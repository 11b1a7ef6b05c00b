import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/api';
import type { Figure } from '../../server/src/core/extract/figures/types';
import { joinLines } from '../helpers/text';

const MI = 1.609344;

function figuresOf(text: string, name = 'a.md') {
  const format = name.endsWith('.md') ? 'markdown' : 'plaintext';
  return analyzeDocument({ uri: `file:///ws/${name}`, version: 0, format, text }).figures;
}

/** The one figure whose span contains `phrase`; fails when there is not exactly one. */
function figure(text: string, phrase: string, name?: string): Figure {
  const at = text.indexOf(phrase);
  assert.notEqual(at, -1, `fixture lacks “${phrase}”`);
  const hits = figuresOf(text, name).figures.filter((f) => f.span.start < at + phrase.length && at < f.span.end);
  assert.equal(hits.length, 1, `expected one figure at “${phrase}”, got ${JSON.stringify(hits.map((h) => h.text))}`);
  return hits[0]!;
}

function texts(text: string, name?: string): string[] {
  return figuresOf(text, name).figures.map((f) => f.text);
}

function close(actual: number, expected: number, what = '') {
  if (!Number.isFinite(expected)) return assert.equal(actual, expected, what);
  const tolerance = Math.abs(expected) * 1e-9 + 1e-9;
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≠ ${expected}`);
}

function interval(f: Figure, low: number, high: number) {
  close(f.interval.low, low, `low of ${f.text}`);
  close(f.interval.high, high, `high of ${f.text}`);
}

describe('figures: English surface forms', () => {
  it('reads currency with the Markdown escape, scale words and codes', () => {
    const text = 'Two-way trade reached \\$677.3 billion in 2019, USD\\$18 billion in services and USD 661.16 billion overall.';
    const a = figure(text, '677.3');
    assert.equal(a.text, '\\$677.3 billion');
    assert.equal(a.value, 677.3e9);
    assert.deepEqual([a.unit.dimension, a.unit.base, a.scale], ['currency', 'USD', 'billion']);
    interval(a, 677.25e9, 677.35e9);
    assert.equal(figure(text, 'USD\\$18').value, 18e9);
    assert.equal(figure(text, 'USD\\$18').unit.base, 'USD');
    const c = figure(text, '661.16');
    assert.equal(c.value, 661.16e9);
    assert.equal(c.text, 'USD 661.16 billion');
  });

  it('keeps the magnitude word: \\$3.6 million is not \\$3.6 billion', () => {
    const text = 'Trade is \\$1.3 trillion a year or \\$3.6 million a day.';
    const year = figure(text, '1.3 trillion');
    const day = figure(text, '3.6 million');
    assert.equal(year.value, 1.3e12);
    assert.equal(year.unit.perTime, 'year');
    interval(year, 1.25e12, 1.35e12);
    assert.equal(day.value, 3.6e6);
    assert.equal(day.unit.perTime, 'day');
  });

  it('reads space-separated thousands and the head noun across a masked code', () => {
    const f = figure('DHS announced 65 000 additional H2-B visas for workers.', '65 000');
    assert.equal(f.value, 65000);
    assert.equal(f.counted, 'visas');
    interval(f, 64500, 65500);
  });

  it('converts miles to kilometres, hyphenated and written out', () => {
    const a = figure('along the length of our 2,000-mile border.', '2,000-mile');
    close(a.value, 2000 * MI);
    assert.deepEqual([a.unit.dimension, a.unit.base, a.unit.stated], ['length', 'km', 'mi']);
    interval(a, 1500 * MI, 2500 * MI);
    const b = figure('The border stretches nearly two-thousand-miles from coast to coast.', 'two-thousand');
    assert.equal(b.text, 'nearly two-thousand-miles');
    close(b.value, 2000 * MI);
    assert.equal(b.hedge?.kind, 'nearly');
    interval(b, 1000 * MI, 2000 * MI);
    const c = figure('new tools along the 3175 kilometers of shared border', '3175');
    interval(c, 3174.5, 3175.5);
    assert.equal(c.counted, 'border');
  });

  it('reads written-out scaled numbers and "a million"', () => {
    const a = figure('There are nearly eleven million Mexicans in the U.S.', 'eleven');
    assert.equal(a.value, 11e6);
    assert.equal(a.counted, 'mexicans');
    interval(a, 10e6, 11e6);
    const b = figure('over a million U.S. citizens live there', 'a million');
    assert.equal(b.value, 1e6);
    assert.deepEqual([b.interval.low, b.interval.high, b.interval.lowOpen], [1e6, Infinity, true]);
  });

  it('reads counts with their head noun, and rates per N', () => {
    const text = 'Some 1.6 million U.S. citizen residents; 35,484 homicides in 2020, or 28 victims per 100,000 residents.';
    assert.equal(figure(text, '1.6 million').counted, 'residents');
    const h = figure(text, '35,484');
    assert.equal(h.counted, 'homicides');
    assert.deepEqual([h.period?.start, h.period?.binding], [2020, 'clause']);
    const r = figure(text, '28 victims');
    assert.equal(r.text, '28 victims per 100,000 residents');
    assert.equal(r.unit.dimension, 'rate');
    assert.deepEqual(r.unit.per, { size: 100000, noun: 'residents' });
    close(r.value, 28 / 100000);
    assert.equal(r.counted, 'victims');
    assert.equal(texts(text).length, 3, 'the denominator 100,000 is not a figure of its own');
  });

  it('reads percentages, "80%+", "up 241%" and "6 times"', () => {
    const a = figure('Mexico had 14.4% of U.S. trade.', '14.4%');
    assert.equal(a.unit.dimension, 'percent');
    interval(a, 14.35, 14.45);
    const b = figure('US trade accounts for 80%+ of Mexican exports.', '80%');
    assert.equal(b.text, '80%+');
    assert.equal(b.hedge?.kind, 'over');
    assert.deepEqual([b.interval.low, b.interval.lowOpen, b.interval.high], [80, true, Infinity]);
    const c = figure('Fentanyl seizures up 241% FY 2021-23.', '241%');
    assert.deepEqual(c.change, { kind: 'increase', text: 'up' });
    assert.deepEqual([c.period?.kind, c.period?.start, c.period?.end], ['fiscal-year', 2021, 2023]);
    const d = figure('Trade multiplied by over 6 times since 1995.', '6 times');
    assert.deepEqual([d.unit.dimension, d.change?.kind, d.hedge?.kind], ['ratio', 'multiple', 'over']);
    const e = figure('Both sides grew 42 percent.', '42 percent');
    assert.equal(e.value, 42);
  });

  it('reads ranges as the union of their endpoints', () => {
    const a = figure('USMCA supports 11-12 million U.S. jobs.', '11-12');
    assert.equal(a.text, '11-12 million');
    assert.deepEqual(a.range, { low: 11e6, high: 12e6, separator: '-' });
    interval(a, 10.5e6, 12.5e6);
    assert.equal(a.counted, 'jobs');
    const b = figure('with 1.4 – 3 million patients traveling to Mexico', '1.4');
    assert.equal(b.text, '1.4 – 3 million');
    interval(b, 1.35e6, 3.5e6);
    const c = figure('Upgrades will cost between \\$2.5 and \\$3 billion.', '2.5');
    interval(c, 2.45e9, 3.5e9);
    const d = figure('**\\$19-30 billion drug profits.**', '19-30');
    interval(d, 18.5e9, 35e9); // the trailing zero of 30 is not significant
  });

  it('reads scale suffixes: "\\$50 b.", "\\$495.7bn", "4.9M", and "a half-trillion dollars"', () => {
    const a = figure('Services trade est. \\$50 b.', '50');
    assert.equal(a.value, 50e9);
    assert.equal(a.hedge?.kind, 'approximate');
    interval(a, 40e9, 60e9);
    assert.equal(figure('Canada had investments worth \\$495.7bn in the United States.', '495.7').value, 495.7e9);
    const c = figure('with about a half-trillion dollars in bilateral trade annually', 'half');
    assert.equal(c.value, 0.5e12);
    assert.equal(c.unit.base, 'USD');
    assert.equal(c.unit.perTime, 'year');
    assert.equal(c.hedge?.kind, 'approximate');
  });

  it('reads word fractions as ± 5 percentage points', () => {
    const f = figure('Roughly one in five households heats with electricity.', 'one in five');
    assert.equal(f.unit.dimension, 'percent');
    assert.equal(f.value, 20);
  });
});

describe('figures: subject words', () => {
  it('keeps the content words a quantity identity is built from, units and function words left out', () => {
    const f = figure('In 2019 the U.S. ran a \$101 billion trade deficit with Mexico in goods and services.', '101');
    for (const word of ['u.s.', 'trade', 'deficit', 'mexico', 'goods', 'services']) assert.ok(f.subject.includes(word), `${word} in ${f.subject.join(', ')}`);
    for (const word of ['the', 'billion', 'in', 'with']) assert.ok(!f.subject.includes(word), word);
    assert.equal(f.counted, 'deficit');
  });

  it('splits "U.S.-Mexico" into its places', () => {
    const f = figure('U.S.-Mexico goods trade reached \$614.5 billion.', '614.5');
    assert.ok(f.subject.includes('u.s.') && f.subject.includes('mexico'), f.subject.join(', '));
  });
});

describe('figures: Spanish surface forms', () => {
  it('reads thousands points, decimal commas, "mil millones", "billones" and "por ciento"', () => {
    const text = joinLines(
      'La frontera mide 3.175 kilómetros y cruzan 1,6 millones de personas.',
      '',
      'La inversión llegó a 4 mil millones de dólares y el comercio a 1,2 billones de pesos.',
      '',
      'El 75 por ciento de las exportaciones va a Estados Unidos.',
    );
    const km = figure(text, '3.175');
    assert.equal(km.value, 3175);
    assert.equal(km.unit.base, 'km');
    interval(km, 3174.5, 3175.5);
    const people = figure(text, '1,6 millones');
    assert.equal(people.value, 1.6e6);
    assert.equal(people.counted, 'personas');
    const investment = figure(text, '4 mil millones');
    assert.equal(investment.value, 4e9);
    assert.equal(investment.unit.dimension, 'currency');
    const trade = figure(text, '1,2 billones');
    assert.equal(trade.value, 1.2e12);
    assert.equal(trade.unit.base, 'MXN');
    const share = figure(text, '75 por ciento');
    assert.deepEqual([share.value, share.unit.dimension], [75, 'percent']);
  });

  it('reads Spanish hedges', () => {
    const f = figure('Cruzan cerca de 3.500 camiones cada día y más de 2.000 autobuses.', '3.500');
    assert.equal(f.value, 3500);
    assert.equal(f.hedge?.kind, 'approximate');
    assert.equal(figure('Cruzan cerca de 3.500 camiones cada día y más de 2.000 autobuses.', '2.000').hedge?.kind, 'over');
  });
});

describe('figures: noise that is not a figure', () => {
  const cases: [string, string][] = [
    ['years used as dates', 'The 2018 election changed things in 2021 and 2013-2016.'],
    ['full dates', 'On February 9, 2017, and on 2 April 2024, and on October 8, they met.'],
    ['footnote markers', 'Trade grew.¹² It fell.^{4,5} It rose<sup>5</sup> and again.[^3]\n\n[^3]: A note.'],
    ['footnote digits glued to words', 'This is a claim.12 Another claim follows.'],
    ['URLs and e-mail', 'See https://www.census.gov/foreign-trade/top2112yr.html or write rvelasco@sre.gob.mx.'],
    ['section numbers', 'See section 4.2 for methods.\n\n4.1 Data come from the release.'],
    ['list numbering', '1. Trade values are nominal.\n2. Employment counts are annual.'],
    ['phone-like strings', 'Call 1-800-555-0199 or (555) 123-4567 or +52 55 5080 2000.'],
    ['codes with digits', 'COVID-19 hit; the G20 met; H2-B visas and T-MEC rules; COVID 19 again; H1N1 too.'],
    ['ordinals', 'The Ninth Summit of the 21st century, the 3<sup>rd</sup> largest.'],
    ['identifiers after keywords', 'Table 1 and Figure 2 show it; see p. 6, Title 42 and Goal 3.'],
    ['fiscal year labels', 'In FY 22 and FY 2023, and in 2022 & 23.'],
    ['names with number words', 'The Dos Bocas refinery and the Three Amigos summit.'],
    ['episode numbers and dates with a comma after the month', 'Podcast Episode 39, published January, 18, 2020.'],
    ['bracketed citation numbers', '- [37] Felbab-Brown, V. The Opioid Crisis.'],
  ];
  for (const [what, text] of cases) {
    it(`ignores ${what}`, () => assert.deepEqual(texts(text), []));
  }

  it('ignores page numbers of a table of contents, tab-separated', () => {
    const text = joinLines('Table of Contents', '', '1. Chief of Mission Priorities.....\t3', '2. Mission Strategic Framework.....\t4', '3. Mission Goals and Objectives.....\t6', '4. Management Objectives\t10');
    assert.deepEqual(texts(text, 'a.txt'), []);
  });

  it('still finds the figure next to the noise', () => {
    assert.deepEqual(texts('In 2020, COVID-19 killed over 170,000 people.¹²'), ['over 170,000']);
  });
});

describe('figures: intervals (spec §1)', () => {
  const cases: [string, string, number, number][] = [
    ['2,000 km', '2,000', 1500, 2500],
    ['1990 miles', '1990', 1985 * MI, 1995 * MI],
    ['3175 km', '3175', 3174.5, 3175.5],
    ['about 2,000 km', '2,000', 1000, 3000],
    ['nearly 2,000 km', '2,000', 1000, 2000],
    ['at least 5 km', '5', 5, Infinity],
    ['up to 1,250 megawatts', '1,250', -Infinity, 1250e3],
  ];
  for (const [text, phrase, low, high] of cases) {
    it(`"${text}" → ${low}–${high}`, () => interval(figure(text, phrase), low, high));
  }

  it('marks strict bounds open', () => {
    assert.equal(figure('more than 400,000 people', '400,000').interval.lowOpen, true);
    assert.equal(figure('less than 3 percent', '3').interval.highOpen, true);
  });
});

describe('figures: period binding (spec §3)', () => {
  it('prefers the clause, then the sentence', () => {
    const text = 'In 2019, Mexico ran a \\$101 billion deficit, and in 2023 a \\$152.4 billion one.';
    assert.deepEqual([figure(text, '101').period?.start, figure(text, '152.4').period?.start], [2019, 2023]);
    assert.equal(figure(text, '152.4').period?.binding, 'clause');
    const sentence = figure('In 2022 two-way trade reached \\$791.8 billion, up 19% from the year before.', '19%');
    assert.deepEqual([sentence.period?.start, sentence.period?.binding], [2022, 'sentence']);
  });

  it('binds to the heading when the text has no year', () => {
    const text = joinLines('# Fentanyl seizures FY 2021-23', '', 'Seizures rose by 18.3% on the border.');
    const f = figure(text, '18.3%');
    assert.deepEqual([f.period?.kind, f.period?.start, f.period?.end, f.period?.binding], ['fiscal-year', 2021, 2023, 'heading']);
  });

  it('leaves figures without any year unbound', () => {
    assert.equal(figure('The border is 3,201 km long.', '3,201').period, undefined);
  });

  it('resolves relative periods against the document date', () => {
    const text = joinLines('# Briefing (March 2024)', '', 'This year, 73 038 civil procedures were registered.');
    const extract = figuresOf(text);
    assert.deepEqual([extract.documentDate?.year, extract.documentDate?.month], [2024, 3]);
    const f = figure(text, '73 038');
    assert.deepEqual([f.period?.start, f.period?.binding], [2024, 'document-date']);
  });
});

describe('figures: tables', () => {
  it('reads GFM cells with their row and column headers as unit, scale and period', () => {
    const text = joinLines('| Crossing | 2021 | 2022 |', '|---|---|---|', '| Ambassador Bridge (trucks) | 1.9M | 2.4M |', '| Peace Bridge (cars) | 410K | 1.2M |');
    const f = figure(text, '410K');
    assert.equal(f.value, 410e3);
    assert.equal(f.source, 'table');
    assert.deepEqual(f.table, { rowHeader: 'Peace Bridge (cars)', columnHeader: '2021', row: 2, column: 1 });
    assert.deepEqual([f.period?.start, f.period?.binding], [2021, 'table-column']);
    assert.ok(f.subject.includes('peace'));
    assert.equal(texts(text).length, 4);
  });

  it('reads tab-separated tables: "27.0K" under "Total (Pounds)" with fiscal years in the rows', () => {
    const text = joinLines('Fiscal Year\tTotal (Pounds)', '2021\t11.2K', '2022\t14.7K', '2023\t27.0K', '2024 (FYTD)\t4.6K');
    const f = figure(text, '27.0K', 'a.txt');
    assert.deepEqual([f.unit.dimension, f.unit.stated, f.scale], ['weight', 'lb', 'K']);
    close(f.value, 27000 * 0.45359237);
    close(f.step, 100 * 0.45359237, 'step');
    assert.deepEqual([f.period?.kind, f.period?.start, f.period?.binding], ['fiscal-year', 2023, 'table-row']);
    assert.equal(texts(text, 'a.txt').length, 4, 'the year column is a label, not figures');
  });

  it('takes scale and currency from a header and skips a numbering column', () => {
    const text = joinLines('No.\tState\tVolume \\$USD (Billions)', '1\tTexas\t129.5', '2\tCalifornia\t33.2', '3\tMichigan\t14.5');
    const f = figure(text, '129.5', 'a.txt');
    assert.deepEqual([f.value, f.unit.base, f.table?.rowHeader], [129.5e9, 'USD', 'Texas']);
    assert.deepEqual(texts(text, 'a.txt'), ['129.5', '33.2', '14.5']);
  });

  it('reads a rate per N from a row header', () => {
    const text = joinLines('\tMexico\tUnited States', 'Infant mortality 2017 (per 1000 live births)\t12.1\t4.8');
    const f = figure(text, '12.1', 'a.txt');
    assert.deepEqual([f.unit.dimension, f.unit.per?.size, f.period?.start, f.period?.binding], ['rate', 1000, 2017, 'table-row']);
  });
});

describe('figures: round 2 extractor requests', () => {
  it('binds the second endpoint of "from X in 2020 to Y in 2023" to its own year', () => {
    const [from, to] = figuresOf('Exports rose from \\$301.2 billion in 2020 to \\$354.4 billion in 2023.').figures;
    assert.equal(from!.period?.start, 2020);
    assert.equal(to!.period?.start, 2023);
  });

  it('reads flows per minute and per hour', () => {
    const [perMinute, perHour] = figuresOf('Trade of \\$1.5 million a minute and \\$90 million per hour.').figures;
    assert.equal(perMinute!.unit.perTime, 'minute');
    assert.equal(perHour!.unit.perTime, 'hour');
  });

  it('skips endnote numbers and slide counts before all-caps words, but keeps counts before lower-case nouns', () => {
    const found = figuresOf('10 WHDPC report on trade.\n\n1 PRESIDENT\n\n- 1 HEAD OF GOVERNMENT\n\n35 homicides were reported.').figures;
    assert.deepEqual(found.map((f) => f.text), ['35']);
  });
});
