import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderComparison } from '../../client/src/compareHtml';
import type { QuantityView, StatementView } from '../../server/src/lsp/protocol';

const statement = (documentName: string, line: number, low: number | null, high: number | null, value: number, extra: Partial<StatementView> = {}): StatementView => ({
  uri: `file:///ws/${documentName}`,
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  documentName,
  text: `${value} <km>`,
  low,
  high,
  lowOpen: false,
  highOpen: false,
  value,
  valueLabel: `${value} km`,
  ...extra,
});

const quantity: QuantityView = {
  key: 'length|border',
  label: 'Length of the Mexico–U.S. border',
  keyLabel: 'length · border · Mexico–U.S. · km',
  unit: 'km',
  conflicting: true,
  statements: [statement('b.md', 2, 3200.5, 3201.5, 3201), statement('a.md', 0, 3174.5, 3175.5, 3175), statement('c.md', 9, 1.6e3, null, 1.6e3, { lowOpen: true })],
};

describe('compare view HTML', () => {
  const html = renderComparison(quantity, 'NONCE123');

  it('locks the page down: no script, nothing remote, styles only by nonce', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-NONCE123'; img-src data:;">/);
    assert.doesNotMatch(html, /<script|https?:\/\/| style="/);
    assert.match(html, /<style nonce="NONCE123">/);
  });

  it('draws one row per statement, sorted by document, with a dot, a whisker and the conflict notice', () => {
    const labels = [...html.matchAll(/class="label">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(labels, ['a.md:1', 'b.md:3', 'c.md:10']);
    assert.equal((html.match(/<circle /g) ?? []).length, 3);
    assert.equal((html.match(/class="whisker/g) ?? []).length, 3);
    assert.match(html, /Some of these statements conflict/);
    assert.match(html, /quantity key: <code>length · border · Mexico–U\.S\. · km<\/code>/);
    assert.match(html, /<svg viewBox="0 0 760 \d+" width="100%"/);
  });

  it('draws an unbounded side as a dashed whisker to the edge, and escapes document text', () => {
    assert.equal((html.match(/class="whisker open"/g) ?? []).length, 1);
    assert.match(html, /1600 &#60;km&#62;/);
    assert.doesNotMatch(html, /<km>/);
  });

  it('places non-overlapping intervals apart on the axis', () => {
    const dots = [...html.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    const [a, b] = dots;
    assert.ok(a! < b!, `3,175 km (${a}) should sit left of 3,201 km (${b})`);
  });
});
