import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt, referencesTo } from '../../server/src/core/api';
import { indexFiles, toUri } from '../helpers/inMemoryWorkspace';
import { offsetOf } from '../helpers/text';

const FILES = {
  'a.md': 'Mexico recorded 35,484 homicides in 2020. Our border with Mexico is 3,175 km long.',
  'b.md': 'In 2020 Mexico recorded nearly 36,000 homicides. The border is a 1990-mile border.',
  'c.md': 'In 2020 Mexico had 1.6 million U.S. residents. The wall will be 1,000 kilometers of wall.',
};

describe('figure hover', () => {
  it('gives value, interval, period with its binding, what is counted, and other statements with links', async () => {
    const { index } = await indexFiles(FILES);
    const hover = hoverAt(index, toUri('a.md'), offsetOf(FILES['a.md'], '35,484', 0, 2));
    assert.ok(hover);
    assert.deepEqual(hover.span, { start: offsetOf(FILES['a.md'], '35,484'), end: offsetOf(FILES['a.md'], '35,484') + 6 });
    const lines = hover.markdown.split('\n');
    assert.equal(lines[0], '**35,484** — count');
    assert.ok(lines.includes('- Interval: 35,483.5 – 35,484.5'), hover.markdown);
    assert.ok(lines.includes('- Period: 2020, from its clause'), hover.markdown);
    assert.ok(lines.includes('- Measures: counts *homicides*'), hover.markdown);
    assert.ok(lines.includes('- [b.md:1](file:///ws/b.md#L1): “nearly 36,000” = 35,000 – 36,000 (2020)'), hover.markdown);
    assert.ok(!hover.markdown.includes('1.6 million'), 'residents are not homicides');
  });

  it('shows a hedge and the other unit of a converted length', async () => {
    const { index } = await indexFiles(FILES);
    const near = hoverAt(index, toUri('b.md'), offsetOf(FILES['b.md'], 'nearly'))!;
    assert.match(near.markdown, /^\*\*nearly 36,000\*\*/);
    assert.match(near.markdown, /Hedge: “nearly” — up to one unit below the figure, not above it/);
    const km = hoverAt(index, toUri('a.md'), offsetOf(FILES['a.md'], '3,175'))!;
    assert.match(km.markdown, /^\*\*3,175 km\*\* ≈ 1,973 mi — length/);
    assert.match(km.markdown, /“1990-mile” = 3,195 km – 3,211 km/);
  });

  it('leaves positions outside figures to the other layers', async () => {
    const { index } = await indexFiles(FILES);
    const hover = hoverAt(index, toUri('a.md'), offsetOf(FILES['a.md'], 'recorded'));
    assert.ok(!hover || !hover.markdown.includes('count'));
  });

  it('answers references with the figure and its similar statements', async () => {
    const { index } = await indexFiles(FILES);
    const places = referencesTo(index, toUri('a.md'), offsetOf(FILES['a.md'], '3,175'));
    assert.deepEqual(places.map((p) => [p.uri, FILES[p.uri.replace('file:///ws/', '') as keyof typeof FILES].slice(p.span.start, p.span.end)]), [
      [toUri('a.md'), '3,175 km'],
      [toUri('b.md'), '1990-mile'],
    ]);
  });

  it('keeps a wall apart from the border (a different quantity)', async () => {
    const { index } = await indexFiles(FILES);
    const wall = referencesTo(index, toUri('c.md'), offsetOf(FILES['c.md'], '1,000'));
    assert.deepEqual(wall.map((p) => p.uri), [toUri('c.md')]);
    const hover = hoverAt(index, toUri('a.md'), offsetOf(FILES['a.md'], '3,175'))!;
    assert.doesNotMatch(hover.markdown, /1,000 kilometers/);
  });
});
