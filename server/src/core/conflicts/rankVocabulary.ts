/**
 * Generic vocabulary of rank statements (spec §4, ranks): rank words and the partner nouns a ranking is
 * by. Data only; nothing here names a document.
 */

/** Ordinal words and abbreviations → rank. */
export const RANK_ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9, '10th': 10,
  segundo: 2, tercer: 3, tercero: 3, primer: 1,
};

/** What a ranking is by, and the singular phrases that name it ("largest trade partner" = trading partner). */
export const RANK_MEASURES: readonly { measure: string; phrases: readonly string[] }[] = [
  { measure: 'trading partner', phrases: ['trading partner', 'trade partner', 'commercial partner', 'socio comercial'] },
  { measure: 'export market', phrases: ['export market', 'export destination', 'market for exports', 'destination for exports'] },
  { measure: 'supplier of imports', phrases: ['supplier of imports', 'source of imports', 'import supplier', 'supplier'] },
  { measure: 'foreign investor', phrases: ['foreign investor', 'investor', 'source of foreign direct investment', 'source of fdi', 'source of investment'] },
];

/** What a ranking may be restricted to; words found between the rank word and the partner noun or just after it. */
export const RANK_SCOPES: readonly { scope: string; words: readonly string[] }[] = [
  { scope: 'goods and services', words: ['goods and services', 'goods & services'] },
  { scope: 'goods', words: ['in goods', 'goods', 'merchandise'] },
  { scope: 'services', words: ['in services', 'services'] },
  { scope: 'agricultural', words: ['agricultural', 'agriculture', 'farm', 'food'] },
  { scope: 'energy', words: ['energy', 'oil', 'petroleum', 'gas'] },
];
