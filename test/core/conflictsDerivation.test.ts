import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeFindings } from '../../server/src/core/api';
import { inconsistentDerivation } from '../../server/src/core/rules/inconsistentDerivation';
import { indexWithFigures, type FigureSpec } from '../helpers/figures';

const usd = (phrase: string, value: number, step: number, extra: Partial<FigureSpec> = {}): FigureSpec => ({ phrase, value, step, unit: 'USD', ...extra });

function derivations(text: string, figures: readonly FigureSpec[]) {
  const index = indexWithFigures({ 'a.txt': { text, figures } });
  return [...computeFindings(index, {}, [inconsistentDerivation]).values()].flat().map((f) => ({
    at: text.slice(f.span.start, f.span.end),
    message: f.message,
    related: f.related.map((r) => text.slice(r.span.start, r.span.end)),
    severity: f.severity,
  }));
}

describe('inconsistent-derivation', () => {
  it('flags "$1.3 trillion a year or $3.6 million a day" as off by a factor of 1,000 (spec §5)', () => {
    const found = derivations('U.S.-Mexico trade is worth \\$1.3 trillion a year or \\$3.6 million a day.', [
      usd('\\$1.3 trillion', 1.3e12, 0.1e12, { perTime: 'year' }),
      usd('\\$3.6 million', 3.6e6, 0.1e6, { perTime: 'day' }),
    ]);
    assert.deepEqual(found, [
      { at: '\\$3.6 million', message: '$1.3 trillion a year is $3.562 billion a day, not $3.6 million a day: off by a factor of about 1,000', related: ['\\$1.3 trillion'], severity: 'error' },
    ]);
  });

  it('accepts a consistent restatement per another time unit, hedges included', () => {
    assert.deepEqual(derivations('Trade is \\$1.3 trillion a year or \\$3.6 billion a day.', [usd('\\$1.3 trillion', 1.3e12, 0.1e12, { perTime: 'year' }), usd('\\$3.6 billion', 3.6e9, 0.1e9, { perTime: 'day' })]), []);
    assert.deepEqual(
      derivations('A ten-minute cut represents USD 26 million each month, equivalent to over USD 312 million per year.', [
        usd('USD 26 million', 26e6, 1e6, { perTime: 'month' }),
        usd('over USD 312 million', 312e6, 1e6, { perTime: 'year', hedge: 'over', hedgeLength: 5 }),
      ]),
      [],
    );
    assert.deepEqual(derivations('- trade \\$1.57 trillion a year\n- \\$4.3 billion a day', [usd('\\$1.57 trillion', 1.57e12, 0.01e12, { perTime: 'year' }), usd('\\$4.3 billion', 4.3e9, 0.1e9, { perTime: 'day' })]), []);
  });

  it('checks a per-minute restatement (1 year = 525,600 minutes)', () => {
    const found = derivations('Trade of \\$798 billion a year, or \\$15 million a minute.', [usd('\\$798 billion', 798e9, 1e9, { perTime: 'year' }), usd('\\$15 million', 15e6, 1e6)]);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /is \$1\.518 million a minute, not \$15 million a minute: off by a factor of about 10$/);
  });

  it('checks "up N%" against its two endpoints', () => {
    const text = 'Exports rose from \\$100 billion in 2020 to \\$150 billion in 2023, up 40%.';
    const specs = [usd('\\$100 billion', 100e9, 1e9), usd('\\$150 billion', 150e9, 1e9), { phrase: '40%', value: 40, step: 1, unit: '%' as const, change: 'increase' as const }];
    assert.deepEqual(derivations(text, specs), [
      { at: '40%', message: 'From $100 billion to $150 billion is an increase of 50%, not 39.5%–40.5%', related: ['\\$100 billion', '\\$150 billion'], severity: 'error' },
    ]);
    const right = text.replace('40%', '50%');
    assert.deepEqual(derivations(right, [specs[0]!, specs[1]!, { ...specs[2]!, phrase: '50%', value: 50 }]), []);
  });

  it('checks "more than doubled"', () => {
    const wrong = 'Seizures more than doubled, from 1,200 to 2,000 kilograms.';
    assert.equal(derivations(wrong, [{ phrase: '1,200', value: 1200, step: 100 }, { phrase: '2,000 kilograms', value: 2000, step: 1000 }]).length, 0, '2,000 may mean up to 2,500: no proof of error');
    const exact = 'Seizures more than doubled, from 1,250 to 2,140 kilograms.';
    const found = derivations(exact, [{ phrase: '1,250', value: 1250, step: 10 }, { phrase: '2,140 kilograms', value: 2140, step: 10 }]);
    assert.deepEqual(found.map((f) => f.message), ['From 1,250 to 2,140 is a factor of 1.71, not “more than doubled”']);
    assert.deepEqual(derivations('Seizures more than doubled, from 1,000 to 2,600 kilograms.', [{ phrase: '1,000', value: 1000, step: 1 }, { phrase: '2,600 kilograms', value: 2600, step: 100 }]), []);
  });

  it('checks parts against their stated total, but not items after "including"', () => {
    const wrong = 'Aid totaled \\$10.0 billion: \\$6.5 billion for security and \\$5.5 billion for development.';
    const specs = [usd('\\$10.0 billion', 10e9, 0.1e9), usd('\\$6.5 billion', 6.5e9, 0.1e9), usd('\\$5.5 billion', 5.5e9, 0.1e9)];
    const found = derivations(wrong, specs);
    assert.deepEqual(found.map((f) => [f.at, f.message, f.related]), [['\\$10.0 billion', 'The parts add up to $12 billion, not $10 billion', ['\\$6.5 billion', '\\$5.5 billion']]]);
    const partial = wrong.replace(':', ', including');
    assert.deepEqual(derivations(partial, specs), []);
    const ofWhich = 'Aid totaled \\$10.0 billion, of which \\$6.5 billion for security and \\$5.5 billion for development.';
    assert.deepEqual(derivations(ofWhich, specs).map((f) => f.message), ['The parts ($12 billion) exceed the total, $10 billion']);
    const right = 'Aid totaled \\$12.0 billion: \\$6.5 billion for security and \\$5.5 billion for development.';
    assert.deepEqual(derivations(right, [usd('\\$12.0 billion', 12e9, 0.1e9), specs[1]!, specs[2]!]), []);
    const rounded = 'Aid totaled \\$10 billion: \\$6 billion for security and \\$5 billion for development.';
    assert.deepEqual(derivations(rounded, [usd('\\$10 billion', 10e9, 1e9), usd('\\$6 billion', 6e9, 1e9), usd('\\$5 billion', 5e9, 1e9)]), [], 'rounded parts may add up to a rounded total');
  });

  it('checks imports − exports against the stated balance of the same year', () => {
    const text = [
      'Mexico and the United States trade a lot.',
      'In 2023, U.S. goods exports to Mexico were \\$322.2 billion.',
      'In 2023, U.S. goods imports from Mexico were \\$475.6 billion.',
      'In 2023, the U.S. goods trade deficit with Mexico was \\$152.4 billion.',
    ].join('\n');
    const specs = [usd('\\$322.2 billion', 322.2e9, 0.1e9, { year: 2023 }), usd('\\$475.6 billion', 475.6e9, 0.1e9, { year: 2023 })];
    const found = derivations(text, [...specs, usd('\\$152.4 billion', 152.4e9, 0.1e9, { year: 2023 })]);
    assert.deepEqual(found.map((f) => [f.at, f.message]), [['\\$152.4 billion', 'Imports − exports is $153.4 billion, not $152.4 billion']]);
    const other = text.replace('In 2023, the U.S. goods trade deficit', 'In 2022, the U.S. goods trade deficit');
    assert.deepEqual(derivations(other, [...specs, usd('\\$152.4 billion', 152.4e9, 0.1e9, { year: 2022 })]), [], 'a balance of another year');
  });
});
