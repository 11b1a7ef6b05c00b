import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeFindings } from '../../server/src/core/api';
import { inconsistentDerivation } from '../../server/src/core/rules/inconsistentDerivation';
import { indexFiles } from '../helpers/inMemoryWorkspace';

/** The inconsistent-derivation findings of one deck, through the real figure extraction. */
async function derivations(text: string) {
  const { index } = await indexFiles({ 'deck.md': text });
  return [...computeFindings(index, {}, [inconsistentDerivation]).values()].flat().map((f) => ({
    at: text.slice(f.span.start, f.span.end),
    message: f.message,
    related: f.related.map((r) => text.slice(r.span.start, r.span.end)),
  }));
}

const slide = (exports: string, imports: string, heading: string, total: string) =>
  `# Briefing\n\nDeck (March 2024)\n\n# U.S.–Canada goods trade\n\n**Exports**  \n\\$${exports} Billion\n\n**Imports**  \n\\$${imports} Billion\n\n## ${heading}\n\n**\\$${total} Billion**\n`;

describe('inconsistent-derivation implied across the lines of a slide', () => {
  it('flags bare-labelled exports and imports that nearly, but not quite, add up to the slide’s total (period from a later sub-heading)', async () => {
    assert.deepEqual(await derivations(slide('354.4', '421.1', '2023 Total goods trade', '776.5')), [
      { at: '\\$776.5 Billion', message: 'Exports + imports is $775.5 billion, not $776.5 billion', related: ['\\$354.4 Billion', '\\$421.1 Billion'] },
    ]);
  });

  it('accepts parts that add up within their intervals, and a sum far from the total (not meant as its parts)', async () => {
    assert.deepEqual(await derivations(slide('354.4', '422.1', '2023 Total goods trade', '776.5')), []);
    assert.deepEqual(await derivations(slide('35.4', '42.1', '2023 Total goods trade', '776.5')), []);
  });

  it('does not sum parts of two different years', async () => {
    const text = slide('354.4', '421.1', '2023 Total goods trade', '776.5').replace('**Exports**', '**Exports** (2022)');
    assert.deepEqual(await derivations(text), []);
  });

  it('compares goods-and-services parts with a goods total only as a part against its whole', async () => {
    const gs = (total: string) => slide('380.2', '436.3', '2023 trade in goods', total).replace('goods trade\n', 'goods and services trade\n');
    assert.deepEqual(await derivations(gs('776.5')), []);
    assert.deepEqual(await derivations(gs('817.5')), [
      { at: '\\$817.5 Billion', message: 'Exports + imports (goods and services) is $816.5 billion, less than goods trade alone, $817.5 billion', related: ['\\$380.2 Billion', '\\$436.3 Billion'] },
    ]);
  });

  it('flags labelled goods and services that nearly, but not quite, add up to the slide’s goods-and-services total', async () => {
    const deck = (total: string) => `# Canada\n\nDeck\n\n# Goods and services, 2022\n\n**Goods**  \n\\$793.8 Billion\n\n**Services**  \n\\$120.1 Billion\n\n**Total**  \n\\$${total} Billion\n`;
    assert.deepEqual(await derivations(deck('914.9')), [
      { at: '\\$914.9 Billion', message: 'Goods + services is $913.9 billion, not $914.9 billion', related: ['\\$793.8 Billion', '\\$120.1 Billion'] },
    ]);
    assert.deepEqual(await derivations(deck('913.9')), []);
    assert.deepEqual(await derivations(deck('1,400')), []);
  });

  it('flags imports − exports of a slide against the balance of the same scope and year on another slide', async () => {
    const deck = (deficit: string) => `${slide('354.4', '421.1', '2023 Total goods trade', '775.5')}\n# The deficit\n\n- The 2023 U.S. goods deficit with Canada was \\$${deficit} billion.\n`;
    assert.deepEqual(await derivations(deck('67.7')), [
      { at: '\\$67.7 billion', message: 'Imports − exports is $66.7 billion, not $67.7 billion', related: ['\\$354.4 Billion', '\\$421.1 Billion'] },
    ]);
    assert.deepEqual(await derivations(deck('66.7')), []);
    assert.deepEqual(await derivations(deck('66.7').replace('2023 U.S. goods deficit', '2022 U.S. goods deficit').replace('66.7', '67.7')), []);
    assert.deepEqual(await derivations(deck('67.7').replace('goods deficit', 'goods and services deficit')), []);
  });

  it('flags a total plus an estimate restated per minute after "means" on the next lines', async () => {
    const text = (rate: string) => `# Trade\n\n## 2023\n\n**\\$776.5 Billion** in goods trade\n\nServices trade est. \\$140 b.\n\nmeans\n\n\\$${rate} million per  \nminute in goods & services\n`;
    assert.deepEqual(await derivations(text('1.6')), [
      { at: '\\$1.6 million', message: '$776.5 billion + $140 billion = $916.5 billion in 2023 is $1.725 million–$1.763 million a minute, not $1.6 million a minute', related: ['\\$776.5 Billion', 'est. \\$140 b.'] },
    ]);
    assert.deepEqual(await derivations(text('1.7')), []);
  });

  it('does not sum a total with one of its own flows, nor join figures by an "or" that follows other words', async () => {
    assert.deepEqual(await derivations('# Trade\n\n## 2023\n\nTotal trade \\$800 billion\n\nExports \\$300 billion\n\nmeans\n\n\\$1.5 million per minute\n'), []);
    assert.deepEqual(await derivations('# Aid\n\nIn 2023 the program spent \\$5 billion on schools or \\$2 million a day on clinics.\n'), []);
  });

  it('accepts "X in 2023 means about Y per minute" when it holds, and does not sum an "including" list', async () => {
    assert.deepEqual(await derivations('\\$776.5 billion in 2023 goods trade means about \\$1.5 million per minute.\n'), []);
    assert.deepEqual(await derivations('In 2023, services trade was \\$141 billion, including travel of \\$38 billion, that is \\$9 million per minute.\n'), []);
  });
});
