import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CountsByKey, FirstMetOrder } from '../../server/src/core/queries/nameMerge';
import { seededRandom } from '../helpers/randomEdits';

test('FirstMetOrder lists each item once, in the order a pass over the documents in index order meets it', () => {
  const random = seededRandom(99);
  const order = new FirstMetOrder();
  const lists = new Map<number, string[]>();
  const naive = () => {
    const seen = new Set<string>();
    for (const n of [...lists.keys()].sort((a, b) => a - b)) for (const item of lists.get(n)!) seen.add(item);
    return [...seen];
  };
  for (let step = 0; step < 2000; step++) {
    const n = Math.floor(random() * 12);
    order.remove(n);
    lists.delete(n);
    if (random() < 0.8) {
      const items = [...new Set(Array.from({ length: Math.floor(random() * 6) }, () => `k${Math.floor(random() * 15)}`))];
      order.add(n, items);
      lists.set(n, items);
    }
    if (random() < 0.5) assert.deepEqual(order.ordered(), naive(), `after step ${step}`);
  }
});

test('CountsByKey hands out maps that later changes leave as they were', () => {
  const counts = new CountsByKey<string>();
  counts.change('mexico', 'Mexico', 2);
  const before = counts.snapshot();
  counts.change('mexico', 'Mexico', -2);
  counts.change('usmca', 'USMCA', 1);
  assert.deepEqual([...before].map(([k, m]) => [k, [...m]]), [['mexico', [['Mexico', 2]]]]);
  assert.deepEqual([...counts.snapshot()].map(([k, m]) => [k, [...m]]), [['usmca', [['USMCA', 1]]]]);
});
