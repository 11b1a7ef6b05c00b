import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { semanticTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../server/src/core/api';
import { indexFiles, toUri } from '../helpers/inMemoryWorkspace';

describe('semantic tokens', () => {
  const text = 'The Department of Homeland Security (DHS) counted nearly 2,000 miles of border and 35,484 homicides in 2020.';

  it('marks figures, hedged ones with the hedged modifier, next to entity mentions, in text order without overlaps', async () => {
    const { index } = await indexFiles({ 'a.md': text });
    const tokens = semanticTokens(index, toUri('a.md'));
    const named = tokens.map((t) => [text.slice(t.span.start, t.span.end), SEMANTIC_TOKEN_TYPES[t.type], SEMANTIC_TOKEN_MODIFIERS.filter((_, i) => t.modifiers & (1 << i))]);
    const figures = named.filter(([, type]) => type === 'figure');
    assert.deepEqual(figures.map(([span, , modifiers]) => [span, modifiers]), [
      ['nearly 2,000 miles', ['hedged']],
      ['35,484', []],
    ]);
    assert.ok(named.some(([span, type]) => span === 'DHS' && type !== 'figure'), JSON.stringify(named));
    for (let i = 1; i < tokens.length; i++) assert.ok(tokens[i]!.span.start >= tokens[i - 1]!.span.end, 'tokens must not overlap');
  });

  it('keeps the legend append-only: entity kinds first, figure last', () => {
    assert.deepEqual(SEMANTIC_TOKEN_TYPES.slice(0, 7), ['person', 'organization', 'agreement', 'program', 'place', 'event', 'entity']);
    assert.equal(SEMANTIC_TOKEN_TYPES.at(-1), 'figure');
  });
});
