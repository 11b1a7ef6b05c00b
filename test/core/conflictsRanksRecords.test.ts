import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeFindings, rules } from '../../server/src/core/api';
import { rankClaimsOf } from '../../server/src/core/conflicts/ranks';
import { indexFiles } from '../helpers/inMemoryWorkspace';

const RULE = rules.filter((r) => r.id === 'conflicting-figure');

async function conflicts(files: Record<string, string>): Promise<string[]> {
  const { index } = await indexFiles(files);
  return [...computeFindings(index, {}, RULE).values()]
    .flat()
    .map((f) => `${f.uri.slice(f.uri.lastIndexOf('/') + 1)} ${index.get(f.uri)!.text.slice(f.span.start, f.span.end)} | ${f.message}`)
    .sort();
}

describe('rank statements (spec §4)', () => {
  it('reads a measure written with a long s or a Kelvin sign, which case-insensitive matching folds', async () => {
    const { index } = await indexFiles({
      'a.md': 'In 2020, Canada was the largest \u017fupplier of imports to the United States. In 2021, Mexico was the second-largest export mar\u212aet of the United States.',
    });
    const claims = rankClaimsOf(index.documents()[0]!).map((c) => `${c.holder} ${c.rank} ${c.among} ${c.measure} ${c.year}`);
    assert.deepEqual(claims, ['Canada 1 U.S. supplier of imports 2020', 'Mexico 2 U.S. export market 2021']);
  });

  it('reads rank, holder, the ranked place, measure, scope and period', async () => {
    const { index } = await indexFiles({
      'a.md': 'In 2021 & 2022, Mexico was the 2nd largest US trade partner. Mexico is the United States’ second-largest export market (after Canada) and largest trading partner in goods in 2019.',
    });
    const claims = rankClaimsOf(index.documents()[0]!).map((c) => `${c.holder} ${c.rank} ${c.among} ${c.measure}/${c.scope} ${c.year}`);
    assert.deepEqual(claims, [
      'Mexico 2 U.S. trading partner/ 2021',
      'Mexico 2 U.S. trading partner/ 2022',
      'Mexico 2 U.S. export market/ 2019',
      'Mexico 1 U.S. trading partner/goods 2019',
    ]);
  });

  it('flags two ranks of one holder for the same period, across documents, with related information', async () => {
    const found = await conflicts({
      'a.md': 'In 2022, Japan was the fourth-largest trading partner of the United States.',
      'b.txt': 'Japan was the fifth-largest U.S. trading partner in 2022.',
    });
    assert.deepEqual(found, [
      'a.md fourth-largest trading partner | Rank of Japan among U.S. trading partners (2022): 4th here, but 5th in b.txt',
      'b.txt fifth-largest U.S. trading partner | Rank of Japan among U.S. trading partners (2022): 5th here, but 4th in a.md',
    ]);
  });

  it('names a few places per rank when many copies repeat a claim, and links at most 20', async () => {
    const files: Record<string, string> = { 'a.md': 'In 2022, Japan was the fourth-largest trading partner of the United States.' };
    for (let i = 0; i < 30; i++) files[`copy${String(i).padStart(2, '0')}.txt`] = 'Japan was the fifth-largest U.S. trading partner in 2022.';
    const { index } = await indexFiles(files);
    const onA = computeFindings(index, {}, RULE).get(index.uris().find((u) => u.endsWith('/a.md'))!)!;
    assert.equal(onA.length, 1);
    assert.equal(onA[0]!.message, 'Rank of Japan among U.S. trading partners (2022): 4th here, but 5th in copy00.txt, in copy01.txt, in copy02.txt and 27 other places');
    assert.equal(onA[0]!.related.length, 20);
  });

  it('flags two holders of the first rank for one period', async () => {
    const found = await conflicts({
      'a.md': 'In 2023, Canada was the largest U.S. export market.',
      'b.md': 'Mexico was the largest export market of the United States in 2023.',
    });
    assert.equal(found.length, 2);
    assert.match(found[0]!, /Rank of Canada among U\.S\. export markets \(2023\): 1st here, but Mexico 1st in b\.md/);
  });

  it('does not flag different years, scopes, measures, "one of the top", plural or alternative ranks, or an undated "this year"', async () => {
    const found = await conflicts({
      'a.md': [
        'In 2021, Japan was the third-largest U.S. trading partner.',
        'Japan is one of the top five trading partners of the United States.',
        'Japan was the largest trading partner in goods of the United States in 2022.',
        'Japan was the largest export market for U.S. beef in 2022.',
        'Japan and Canada were the largest trading partners of the United States in 2022.',
        'Japan was the 1st or 2nd trading partner of the United States in 2023.',
        'This year Japan is the largest trading partner of the United States.',
      ].join('\n\n'),
      'b.md': 'In 2022, Japan was the fourth-largest trading partner of the United States. In 2023, Japan was the second-largest trading partner of the United States.',
    });
    assert.deepEqual(found, []);
  });

  it('resolves "this year" against a stated document date', async () => {
    const found = await conflicts({
      'a.md': 'Trade review (March 2022)\n\nThis year Mexico retook first place in trade with the United States.',
      'b.md': 'In 2022, Mexico was the 2nd largest US trade partner.',
    });
    assert.equal(found.length, 2);
    assert.match(found[0]!, /^a\.md first place \| Rank of Mexico among U\.S\. trading partners \(2022\): 1st here, but 2nd in b\.md/);
  });
});

describe('records (spec §4)', () => {
  it('flags a record contradicted by a higher value of an earlier period, in any document', async () => {
    const found = await conflicts({
      'a.md': 'The 2023 U.S. goods deficit with Japan, \\$71.2 billion, was the highest ever.',
      'b.md': 'The U.S. goods trade deficit with Japan reached \\$74.1 billion in 2021.',
    });
    assert.equal(found.length, 2);
    assert.match(found[0]!, /^a\.md \\\$71\.2 billion \| .*a record \$71\.2 billion in 2023 here, but \$74\.1 billion in 2021 in b\.md/);
    assert.match(found[1]!, /^b\.md \\\$74\.1 billion \| .*\$74\.1 billion in 2021 here, but the record in 2023 is \$71\.2 billion in a\.md/);
  });

  it('does not flag lower values, later periods, other scopes, successive records, record lows or track records', async () => {
    const found = await conflicts({
      'a.md': [
        'In 2021, remittances set a record of \\$51.6 billion.',
        'Remittances were \\$58.5 billion in 2022.',
        'Remittances were \\$45 billion in 2020.',
        'The goods deficit with Japan was a record \\$71.2 billion in 2023.',
        'The goods and services deficit with Japan was \\$76 billion in 2021.',
        'Record encounters: 2,378,900 in FY 2022 and 2,475,000 in FY 2023.',
        'Unemployment fell to a record low of 3.4% in 2023, after 3.9% in 2021.',
        'With a track record of exports of \\$80 billion in 2020, the goods deficit with Japan is modest.',
      ].join('\n\n'),
    });
    assert.deepEqual(found, []);
  });
});
