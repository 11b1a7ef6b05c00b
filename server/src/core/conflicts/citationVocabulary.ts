/**
 * Generic vocabulary of the table-citation check (`citations.ts`). Data only: nothing here names a document
 * or a sentence. Words are lower-case, as `words.ts` tokenises them.
 */

/**
 * What people of a place are called: "the average Mexican" names the Mexico column, "American doctors" the
 * United States column. Keyed by the place ids of `vocabulary.ts` PLACES.
 */
export const DEMONYMS: Readonly<Record<string, readonly string[]>> = {
  'U.S.': ['american', 'americans'],
  Mexico: ['mexican', 'mexicans', 'mexicano', 'mexicanos'],
  Canada: ['canadian', 'canadians'],
  China: ['chinese'],
  Japan: ['japanese'],
  Germany: ['german', 'germans'],
  EU: ['european', 'europeans'],
  Guatemala: ['guatemalan', 'guatemalans'],
  Honduras: ['honduran', 'hondurans'],
  'El Salvador': ['salvadoran', 'salvadorans'],
  Cuba: ['cuban', 'cubans'],
  Venezuela: ['venezuelan', 'venezuelans'],
  Colombia: ['colombian', 'colombians'],
  Brazil: ['brazilian', 'brazilians'],
  India: ['indian', 'indians'],
  Korea: ['korean', 'koreans'],
  UK: ['british'],
};

/**
 * Words before a place name or demonym that make it another place: "New Mexico", "North American",
 * "Latin American", "South Korean". A column labelled "Mexico" is not named by "New Mexico".
 */
export const PLACE_PREFIXES: ReadonlySet<string> = new Set(['new', 'north', 'latin', 'central', 'south', 'northern', 'southern', 'baja']);

/**
 * Names that are also ordinary words once lower-cased: "us" (the pronoun). "US" is already read as "u.s."
 * by `wordsIn`, so the lower-case form is never a place here.
 */
export const AMBIGUOUS_PLACE_NAMES: ReadonlySet<string> = new Set(['us']);

/** Words of the citation itself and of table layout, which say nothing about the measure: "see Table 1", "as shown in". */
export const CITATION_WORDS: ReadonlySet<string> = new Set([
  'see', 'table', 'tables', 'figure', 'figures', 'chart', 'charts', 'shown', 'shows', 'show', 'showing', 'presented', 'listed', 'also',
  'above', 'below', 'respectively', 'average', 'total', 'value', 'values', 'figure', 'number', 'numbers', 'level', 'levels', 'stood',
  'reached', 'reach', 'rose', 'fell', 'stands', 'stand', 'there', 'only', 'n.a', 'na',
]);
