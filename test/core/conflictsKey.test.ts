import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyContextOf } from '../../server/src/core/conflicts/statements';
import { describeQuantityKey, quantityKey, type QuantityKey } from '../../server/src/core/conflicts/quantityKey';
import { documentWithFigures, type FigureSpec } from '../helpers/figures';

/** The key of the one figure `spec` in `text` (a document about `text` alone). */
function keyOf(text: string, spec: FigureSpec, name = 'doc.txt'): QuantityKey {
  const document = documentWithFigures(name, text, [spec]);
  const context = keyContextOf(document);
  return quantityKey(context.figures[0]!, context);
}

const usd = (phrase: string, value: number, step: number, extra: Partial<FigureSpec> = {}): FigureSpec => ({ phrase, value, step, unit: 'USD', ...extra });

describe('quantity key', () => {
  it('tells a trade balance from two-way trade, and goods from goods and services', () => {
    const deficit = keyOf('However, the United States had a \\$101 billion trade deficit with Mexico in goods in 2019, which continues to grow.', usd('\\$101 billion', 101e9, 1e9));
    assert.equal(deficit.label, 'trade balance · goods · Mexico–U.S. · USD');
    const total = keyOf('In 2019, two-way trade in goods and services between the United States and Mexico totaled \\$677.3 billion.', usd('\\$677.3 billion', 677.3e9, 0.1e9));
    assert.equal(total.label, 'trade · goods and services · Mexico–U.S. · USD');
    assert.notEqual(deficit.id, total.id);
  });

  it('keeps a services surplus apart from a goods deficit in the same sentence', () => {
    const text = 'The United States had a \\$101 billion trade deficit with Mexico in goods, while maintaining a modest \\$3.2 billion surplus in services.';
    const document = documentWithFigures('d.txt', text, [usd('\\$101 billion', 101e9, 1e9), usd('\\$3.2 billion', 3.2e9, 0.1e9)]);
    const context = keyContextOf(document);
    const [goods, services] = context.figures.map((f) => quantityKey(f, context));
    assert.equal(goods!.scope, 'goods');
    assert.equal(services!.scope, 'services');
    assert.equal(services!.measure, 'trade balance');
  });

  it('tells exports from imports from trade', () => {
    assert.equal(keyOf('U.S. exports to Mexico reached \\$322 billion.', usd('\\$322 billion', 322e9, 1e9)).measure, 'exports');
    assert.equal(keyOf('U.S. imports from Mexico reached \\$475 billion.', usd('\\$475 billion', 475e9, 1e9)).measure, 'imports');
    assert.equal(keyOf('U.S.-Mexico trade reached \\$798 billion.', usd('\\$798 billion', 798e9, 1e9)).measure, 'trade');
    assert.equal(keyOf('Trade and investment ties with Mexico support 5 million jobs.', { phrase: '5 million', value: 5e6, step: 1e6 }).measure, 'trade and investment');
  });

  it('tells U.S.–Mexico from North America and from the border states', () => {
    const bilateral = keyOf('U.S.-Mexico trade in goods reached \\$798 billion.', usd('\\$798 billion', 798e9, 1e9));
    const regional = keyOf('North American trade in goods reached \\$1.6 trillion.', usd('\\$1.6 trillion', 1.6e12, 0.1e12));
    const states = keyOf('Trade in goods of the border states reached \\$400 billion.', usd('\\$400 billion', 400e9, 1e9));
    assert.deepEqual(bilateral.geography, ['Mexico', 'U.S.']);
    assert.deepEqual(regional.geography, ['North America']);
    assert.deepEqual(states.geography, ['border states']);
    assert.equal(new Set([bilateral.id, regional.id, states.id]).size, 3);
  });

  it('falls back on the places the document is about when the statement names none', () => {
    const text = 'Mexico and the United States share much. Mexico matters to the United States. This engagement runs along the length of our 2,000-mile border.';
    const key = keyOf(text, { phrase: '2,000-mile', value: 2000 * 1.609344, step: 1000 * 1.609344, unit: 'mi', counted: 'border' });
    assert.deepEqual(key.geography, ['Mexico', 'U.S.']);
    assert.equal(key.geographyFrom, 'document');
    assert.equal(key.label, 'length · border · Mexico–U.S. · km');
    assert.ok(key.timeInvariant);
  });

  it('does not take a wall’s promised length for the border’s length', () => {
    const wall = keyOf('Mexico and the United States. The president promised a 1,000-mile wall along the border.', { phrase: '1,000-mile', value: 1609.344, step: 1609.344, unit: 'mi' });
    const border = keyOf('Mexico and the United States. The border is 1,954 miles long.', { phrase: '1,954 miles', value: 1954 * 1.609344, step: 1.609344, unit: 'mi' });
    assert.equal(wall.subject, 'wall');
    assert.equal(border.subject, 'border');
    assert.notEqual(wall.id, border.id);
    assert.equal(wall.comparable, false, 'a promise is not a statement of the quantity');
    assert.ok(!wall.timeInvariant);
  });

  it('tells the share of Mexican immigrants who are unauthorized from the share of unauthorized immigrants who are Mexican', () => {
    const a = keyOf('About 48% of unauthorized immigrants are Mexican.', { phrase: '48%', value: 48, step: 1, unit: '%' });
    const b = keyOf('The share of Mexican immigrants who are unauthorized was 48%.', { phrase: '48%', value: 48, step: 1, unit: '%' });
    assert.deepEqual(a.share, { of: 'unauthorized immigrant', part: 'mexican' });
    assert.equal(b.share!.of, 'mexican immigrant');
    assert.notEqual(a.id, b.id);
  });

  it('keys counts by what is counted', () => {
    const residents = keyOf('An estimated 1.6 million U.S. citizens reside in Mexico.', { phrase: 'An estimated 1.6 million', value: 1.6e6, step: 0.1e6, hedge: 'approximate', hedgeLength: 13 });
    const citizens = keyOf('There are over a million U.S. citizens in Mexico.', { phrase: 'over a million', value: 1e6, step: 1e6, hedge: 'over', hedgeLength: 5 });
    assert.equal(residents.subject, 'u.s. citizen');
    assert.equal(citizens.subject, 'u.s. citizen');
    assert.equal(residents.id, citizens.id);
    const mexicans = keyOf('Nearly eleven million Mexicans live in the United States.', { phrase: 'Nearly eleven million', value: 11e6, step: 1e6, hedge: 'nearly', hedgeLength: 7 });
    assert.equal(mexicans.subject, 'mexican');
    assert.notEqual(mexicans.id, citizens.id);
  });

  it('keeps flows per different time units apart', () => {
    const year = keyOf('U.S.-Mexico trade is \\$1.3 trillion a year.', usd('\\$1.3 trillion', 1.3e12, 0.1e12, { perTime: 'year' }));
    const minute = keyOf('U.S.-Mexico trade amounted to about \\$1 million per minute.', usd('about \\$1 million', 1e6, 1e6, { hedge: 'approximate', hedgeLength: 6 }));
    assert.equal(year.unit, 'USD/year');
    assert.equal(minute.unit, 'USD/minute');
  });

  it('does not compare changes, targets or comparisons', () => {
    assert.match(keyOf('Fentanyl seizures rose, up 241% over two years.', { phrase: '241%', value: 241, step: 1, unit: '%', change: 'increase' }).reason!, /change/);
    assert.match(keyOf('The plan aims to reduce homicides by 50% by 2030.', { phrase: '50%', value: 50, step: 10, unit: '%' }).reason!, /target/);
    assert.match(keyOf('The homicide rate was 62% higher than in 2015.', { phrase: '62%', value: 62, step: 1, unit: '%' }).reason!, /relative/);
    assert.match(keyOf('Perception of insecurity went from 80% to 39%.', { phrase: '80%', value: 80, step: 10, unit: '%' }).reason!, /from|whole/);
  });

  it('reads table cells by their headers', () => {
    const key = keyOf('| Trade | Exports |\n|---|---|\n| Mexico | 322 |\n', usd('322', 322e9, 1e9, { table: { rowHeader: 'Mexico', columnHeader: 'Exports', row: 1, column: 1 } }));
    assert.equal(key.measure, 'exports');
    assert.deepEqual(key.geography, ['Mexico']);
  });

  it('describes itself for the hover', () => {
    const key = keyOf('Mexico and the U.S. share a long history. The plan aims to build 1,000 miles of wall.', { phrase: '1,000 miles', value: 1609.344, step: 1609.344, unit: 'mi' });
    assert.match(describeQuantityKey(key), /^Quantity: `length · wall · Mexico–U\.S\. · km`/);
    assert.match(describeQuantityKey(key), /Not compared with other statements: it is a target/);
  });
});
