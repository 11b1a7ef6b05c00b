import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eachContextWord, lowerCaseWords, nameWordBounds } from '../../server/src/core/extract/wordScan';

// Texts that exercise the scanners' edges: dots, hyphens and apostrophes inside and at the end of words, accents,
// letters and digits outside the BMP, lone surrogates, "&", line breaks.
const SAMPLES = [
  'The U.S.-Mexico-Canada Agreement (USMCA) and the U.S. Mexico’s share; Kloppe-Santamaría, López & Co. e.g. a.b. x-- -y',
  'ñandú Ñandú ÁRBOL árbol straße 2mexico 3rd COVID-19 H2-B don\'t States\' rock\'n\'roll end.',
  '𝐀bc 𝐚bc 𝟘x 😀word x😀 \ud800x a\ud83d \udc00b 1.2.3 A.B.C. .start -start ‘quoted’ \n line\nbreak',
  '',
  'a',
  '&&&',
];

const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]);

describe('word scanners', () => {
  it('find the lower-case words that (?<![\\p{L}\\p{N}])\\p{Ll}+ matches', () => {
    for (const text of SAMPLES) assert.deepEqual(lowerCaseWords(text), new Set(text.match(/(?<![\p{L}\p{N}])\p{Ll}+/gu) ?? []), text);
    assert.deepEqual([...lowerCaseWords('Mexico and the U.S. árbol x2y')], ['and', 'the', 'árbol', 'x']);
  });

  it('find the name words the name-word pattern matches', () => {
    for (const text of SAMPLES) {
      const bounds = nameWordBounds(text);
      const pairs = bounds.flatMap((_, i) => (i % 2 === 0 ? [[bounds[i], bounds[i + 1]]] : []));
      assert.deepEqual(pairs, matches(text, /[\p{L}\p{N}](?:[\p{L}\p{N}'’]|[.-](?=[\p{L}\p{N}-]))*\.?|&/gu), text);
    }
  });

  it('find the context words the context-word pattern matches', () => {
    for (const text of SAMPLES) {
      const found: number[][] = [];
      eachContextWord(text, (start, end) => found.push([start, end]));
      assert.deepEqual(found, matches(text, /(?:\p{L}\.){2,}|\p{L}[\p{L}\p{N}'’-]*/gu), text);
    }
  });
});
