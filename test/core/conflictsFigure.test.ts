import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeFindings } from '../../server/src/core/api';
import { conflictingFigure } from '../../server/src/core/rules/conflictingFigure';
import { indexWithFigures, type FigureSpec } from '../helpers/figures';

const MI = 1.609344;
const BILATERAL = 'Mexico and the United States are neighbours. Mexico and the United States trade.';

function conflicts(documents: Record<string, { text: string; figures: readonly FigureSpec[] }>) {
  const index = indexWithFigures(documents);
  const findings = computeFindings(index, {}, [conflictingFigure]);
  return [...findings.values()].flat().map((f) => ({ uri: f.uri.replace('file:///ws/', ''), text: index.get(f.uri)!.text.slice(f.span.start, f.span.end), message: f.message, related: f.related.map((r) => `${r.uri.replace('file:///ws/', '')}:${index.get(r.uri)!.text.slice(r.span.start, r.span.end)}`), fingerprint: f.fingerprint, fixes: f.fixes }));
}

describe('conflicting-figure', () => {
  it('flags the border length across documents, and not the round 2,000-mile statements (spec §5)', () => {
    const found = conflicts({
      '000.txt': { text: `${BILATERAL} We work along the length of our 2,000-mile border.`, figures: [{ phrase: '2,000-mile', value: 2000 * MI, step: 1000 * MI, unit: 'mi' }] },
      '001.txt': { text: `${BILATERAL} New tools along the 3175 kilometers of shared border.`, figures: [{ phrase: '3175 kilometers', value: 3175, step: 1, unit: 'km' }] },
      '004.txt': { text: `${BILATERAL}\n- 1990-mile border (3,201 km) with security interests.`, figures: [{ phrase: '1990-mile', value: 1990 * MI, step: 10 * MI, unit: 'mi' }, { phrase: '3,201 km', value: 3201, step: 1, unit: 'km' }] },
    });
    assert.deepEqual(
      found.map((f) => [f.uri, f.text, f.message, f.related]),
      [
        ['001.txt', '3175 kilometers', 'Length of the U.S.–Mexico border: 3,175 km here, but 3,201 km (1,990 mi) in 004.txt', ['004.txt:1990-mile']],
        ['004.txt', '1990-mile', 'Length of the U.S.–Mexico border: 3,201 km (1,990 mi) here, but 3,175 km in 001.txt', ['001.txt:3175 kilometers']],
      ],
    );
    assert.equal(found[0]!.fingerprint, found[1]!.fingerprint, 'both ends of one conflict share one waiver key');
    assert.deepEqual(found[0]!.fixes!.map((f) => [f.title, f.newText]), [['Use the value stated in 004.txt', '3201']]);
  });

  it('keeps a conflict with many copies of a report readable: values named once, a few places, one fix per rewrite', () => {
    const copies = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`copy${i}.txt`, { text: `${BILATERAL}\n- 1990-mile border (3,201 km) with security interests.`, figures: [{ phrase: '1990-mile', value: 1990 * MI, step: 10 * MI, unit: 'mi' as const }, { phrase: '3,201 km', value: 3201, step: 1, unit: 'km' as const }] }]),
    );
    const found = conflicts({
      ...copies,
      '001.txt': { text: `${BILATERAL} New tools along the 3175 kilometers of shared border.`, figures: [{ phrase: '3175 kilometers', value: 3175, step: 1, unit: 'km' }] },
    });
    const lone = found.find((f) => f.uri === '001.txt')!;
    assert.equal(lone.message, 'Length of the U.S.–Mexico border: 3,175 km here, but 3,201 km (1,990 mi) in copy0.txt, in copy1.txt, in copy2.txt and 5 other places');
    assert.equal(lone.related.length, 8, 'related information still points at every statement');
    assert.deepEqual(lone.fixes!.map((f) => [f.title, f.newText]), [['Use the value stated in copy0.txt', '3201']]);
    assert.equal(found.filter((f) => f.uri.startsWith('copy')).length, 8);
  });

  it('links at most 20 other statements from one diagnostic, every value among them, and still counts them all in the message', () => {
    const copies = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`copy${String(i).padStart(2, '0')}.txt`, { text: `${BILATERAL}\n- 1990-mile border (3,201 km) with security interests.`, figures: [{ phrase: '1990-mile', value: 1990 * MI, step: 10 * MI, unit: 'mi' as const }, { phrase: '3,201 km', value: 3201, step: 1, unit: 'km' as const }] }]),
    );
    const found = conflicts({
      ...copies,
      '001.txt': { text: `${BILATERAL} New tools along the 3175 kilometers of shared border.`, figures: [{ phrase: '3175 kilometers', value: 3175, step: 1, unit: 'km' }] },
      // Last in URI order: a plain cut after 20 places would leave this third value unlinked.
      'zz.txt': { text: `${BILATERAL} The border runs 3,300 kilometers.`, figures: [{ phrase: '3,300 kilometers', value: 3300, step: 100, unit: 'km' }] },
    });
    const lone = found.find((f) => f.uri === '001.txt')!;
    assert.equal(lone.related.length, 20);
    assert.match(lone.message, /in copy00\.txt, in copy01\.txt, in copy02\.txt and 57 other places/);
    assert.ok(lone.related.some((r) => r.startsWith('zz.txt:')), 'the third value is linked');
    const order = lone.related.map((r) => r.split(':')[0]);
    assert.deepEqual(order, [...order].sort(), 'in URI order');
  });

  it('accepts a lower bound that the other value satisfies', () => {
    const found = conflicts({
      'a.txt': { text: `${BILATERAL} In 2020, 1.6 million U.S. citizens lived in Mexico.`, figures: [{ phrase: '1.6 million', value: 1.6e6, step: 0.1e6, year: 2020 }] },
      'b.txt': { text: `${BILATERAL} In 2020, over a million U.S. citizens lived in Mexico.`, figures: [{ phrase: 'over a million', value: 1e6, step: 1e6, hedge: 'over', hedgeLength: 5, year: 2020 }] },
    });
    assert.deepEqual(found, []);
  });

  it('flags a lower bound that the other value does not satisfy', () => {
    const found = conflicts({
      'a.txt': { text: `${BILATERAL} In 2020, 900,000 U.S. citizens lived in Mexico.`, figures: [{ phrase: '900,000', value: 9e5, step: 1e5, year: 2020 }] },
      'b.txt': { text: `${BILATERAL} In 2020, over a million U.S. citizens lived in Mexico.`, figures: [{ phrase: 'over a million', value: 1e6, step: 1e6, hedge: 'over', hedgeLength: 5, year: 2020 }] },
    });
    assert.deepEqual(found.map((f) => f.message), [
      'Number of “u.s. citizen” (Mexico, 2020): 900,000 here, but over 1 million in b.txt',
      'Number of “u.s. citizen” (Mexico, 2020): over 1 million here, but 900,000 in a.txt',
    ]);
  });

  it('never compares different years, nor a bound figure with an unbound one', () => {
    const found = conflicts({
      'a.txt': { text: `${BILATERAL} The U.S. had a \\$101 billion trade deficit with Mexico in goods in 2019.`, figures: [{ phrase: '\\$101 billion', value: 101e9, step: 1e9, unit: 'USD', year: 2019 }] },
      'b.txt': { text: `${BILATERAL} The U.S. goods trade deficit with Mexico was \\$152.4 billion in 2023.`, figures: [{ phrase: '\\$152.4 billion', value: 152.4e9, step: 0.1e9, unit: 'USD', year: 2023 }] },
      'c.txt': { text: `${BILATERAL} The U.S. goods trade deficit with Mexico is \\$130 billion.`, figures: [{ phrase: '\\$130 billion', value: 130e9, step: 10e9, unit: 'USD' }] },
    });
    assert.deepEqual(found, []);
  });

  it('compares unbound figures within one document only', () => {
    const text = `${BILATERAL} The U.S. goods trade deficit with Mexico is \\$130 billion. Later: the U.S. goods trade deficit with Mexico is \\$90 billion.`;
    const found = conflicts({
      'a.txt': { text, figures: [{ phrase: '\\$130 billion', value: 130e9, step: 10e9, unit: 'USD' }, { phrase: '\\$90 billion', value: 90e9, step: 10e9, unit: 'USD' }] },
      'b.txt': { text: `${BILATERAL} The U.S. goods trade deficit with Mexico is \\$40 billion.`, figures: [{ phrase: '\\$40 billion', value: 40e9, step: 10e9, unit: 'USD' }] },
    });
    assert.deepEqual(found.map((f) => [f.uri, f.text, f.related]), [
      ['a.txt', '\\$130 billion', ['a.txt:\\$90 billion']],
      ['a.txt', '\\$90 billion', ['a.txt:\\$130 billion']],
    ]);
    assert.match(found[0]!.message, /here, but \$90 billion on line 1$/);
  });

  it('does not compare different measures or scopes of one year (spec §5)', () => {
    const text = `${BILATERAL} In 2019, two-way trade in goods and services totaled \\$677.3 billion. The U.S. had a \\$101 billion trade deficit with Mexico in goods in 2019.`;
    const found = conflicts({ 'a.txt': { text, figures: [{ phrase: '\\$677.3 billion', value: 677.3e9, step: 0.1e9, unit: 'USD', year: 2019 }, { phrase: '\\$101 billion', value: 101e9, step: 1e9, unit: 'USD', year: 2019 }] } });
    assert.deepEqual(found, []);
  });

  it('flags one figure against several others and points at each of them', () => {
    const sentence = (v: string) => `U.S.-Mexico trade in goods reached ${v} in 2023.`;
    const found = conflicts({
      'a.txt': { text: `${BILATERAL} ${sentence('\\$798.8 billion')}`, figures: [{ phrase: '\\$798.8 billion', value: 798.8e9, step: 0.1e9, unit: 'USD', year: 2023 }] },
      'b.txt': { text: `${BILATERAL} ${sentence('\\$298.8 billion')}`, figures: [{ phrase: '\\$298.8 billion', value: 298.8e9, step: 0.1e9, unit: 'USD', year: 2023 }] },
      'c.txt': { text: `${BILATERAL} ${sentence('about \\$800 billion')}`, figures: [{ phrase: 'about \\$800 billion', value: 800e9, step: 100e9, unit: 'USD', year: 2023, hedge: 'approximate', hedgeLength: 6 }] },
    });
    assert.deepEqual(found.map((f) => [f.uri, f.related]), [
      ['a.txt', ['b.txt:\\$298.8 billion']],
      ['b.txt', ['a.txt:\\$798.8 billion', 'c.txt:about \\$800 billion']],
      ['c.txt', ['b.txt:\\$298.8 billion']],
    ]);
    assert.equal(found[1]!.message, 'Goods trade (U.S.–Mexico, 2023): $298.8 billion here, but $798.8 billion in a.txt and about $800 billion in c.txt');
  });

  it('does not compare two figures of one sentence (a change from one to the other)', () => {
    const text = `${BILATERAL} U.S.-Mexico trade in goods was \\$600 billion in 2023 and \\$700 billion in 2023 by another count.`;
    assert.deepEqual(conflicts({ 'a.txt': { text, figures: [{ phrase: '\\$600 billion', value: 600e9, step: 100e9, unit: 'USD', year: 2023 }, { phrase: '\\$700 billion', value: 700e9, step: 100e9, unit: 'USD', year: 2023 }] } }), []);
  });

  it('is deterministic: the same workspace gives the same findings in the same order', () => {
    const docs = {
      'b.txt': { text: `${BILATERAL} U.S.-Mexico trade in goods reached \\$298.8 billion in 2023.`, figures: [{ phrase: '\\$298.8 billion', value: 298.8e9, step: 0.1e9, unit: 'USD' as const, year: 2023 }] },
      'a.txt': { text: `${BILATERAL} U.S.-Mexico trade in goods reached \\$798.8 billion in 2023.`, figures: [{ phrase: '\\$798.8 billion', value: 798.8e9, step: 0.1e9, unit: 'USD' as const, year: 2023 }] },
    };
    assert.deepEqual(conflicts(docs), conflicts(docs));
  });
});
