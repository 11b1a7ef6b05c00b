import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordsIn, wordTextsIn } from '../../server/src/core/conflicts/words';

describe('words of a context', () => {
  it('reads dotted abbreviations, possessives, hyphens, accents and letters outside the BMP as words', () => {
    const text = 'The U.S. and USA’s e.g. x-- ñandú 2mexico 𝐀bc3 a.b don\'t —dash';
    assert.deepEqual(wordsIn(text, { start: 0, end: text.length }), [
      { text: 'the', start: 0 },
      { text: 'u.s.', start: 4 },
      { text: 'and', start: 9 },
      { text: 'usa', start: 13 },
      { text: 'e.g.', start: 19 },
      { text: 'x', start: 24 },
      { text: 'ñandú', start: 28 },
      { text: 'mexico', start: 35 },
      { text: '𝐀bc3', start: 42 },
      { text: 'a', start: 48 },
      { text: 'b', start: 50 },
      { text: "don't", start: 52 },
      { text: 'dash', start: 59 },
    ]);
  });

  it('gives offsets in the document for a span inside it, and the same words without them', () => {
    const text = 'Trade with Mexico grew.';
    assert.deepEqual(wordsIn(text, { start: 6, end: 17 }), [{ text: 'with', start: 6 }, { text: 'mexico', start: 11 }]);
    assert.deepEqual(wordTextsIn(text, { start: 6, end: 16 }), ['with', 'mexic']);
  });
});
