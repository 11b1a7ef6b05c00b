/**
 * Generic vocabulary from which quantity identities are built (spec §2). Data only: measure words,
 * scope words, geography words, time-invariant features. Nothing here names a document or a sentence.
 * Entries are lower-case words as `words.ts` tokenises them ("u.s.", "two-way").
 */

/**
 * What is measured, most specific first: the first measure whose word occurs in a figure's context wins,
 * so "trade deficit" is a balance, not a two-way trade volume, and "exports" beats "trade".
 */
export const MEASURES: readonly { measure: string; words: readonly string[] }[] = [
  { measure: 'trade balance', words: ['deficit', 'deficits', 'surplus', 'surpluses', 'balance', 'déficit', 'superávit'] },
  { measure: 'exports', words: ['exports', 'exported', 'export', 'exportaciones', 'sells', 'sold', 'shipments'] },
  { measure: 'imports', words: ['imports', 'imported', 'import', 'importaciones', 'buys', 'bought', 'purchases'] },
  { measure: 'remittances', words: ['remittances', 'remittance', 'remesas'] },
  { measure: 'investment', words: ['investment', 'investments', 'fdi', 'invested', 'inversión'] },
  { measure: 'gdp', words: ['gdp', 'pib', 'output', 'economy'] },
  { measure: 'trade', words: ['trade', 'traded', 'commerce', 'trading', 'comercio', 'intercambio'] },
  { measure: 'length', words: ['length', 'long', 'stretches', 'spans', 'runs', 'mide'] },
  { measure: 'budget', words: ['budget', 'funding', 'funded', 'appropriated', 'appropriation', 'spending', 'spent', 'cost', 'costs', 'costing'] },
  { measure: 'revenue', words: ['revenue', 'revenues', 'sales'] },
  { measure: 'wages', words: ['wage', 'wages', 'salary', 'salaries', 'earning', 'earnings'] },
];

/**
 * Measures between two places: in a document about two places, a statement naming only one of them
 * ("the deficit with Mexico") is about both. A country's GDP or population is not, so they are absent.
 */
export const BILATERAL_MEASURE_NAMES: readonly string[] = ['trade', 'trade balance', 'exports', 'imports', 'trade and investment', 'length'];

/** Words that combine with "trade" into a different measure (trade ≠ trade-and-investment). */
export const COMPOUND_MEASURES: readonly { measure: string; all: readonly string[] }[] = [
  { measure: 'trade and investment', all: ['trade', 'investment'] },
];

/**
 * Scope of a measure: what it covers. Goods ≠ services ≠ goods and services.
 * A scope is recognised when all of its words occur in the context; the longest match wins.
 */
export const SCOPES: readonly { scope: string; all: readonly string[] }[] = [
  { scope: 'goods and services', all: ['goods', 'services'] },
  { scope: 'goods', all: ['goods'] },
  { scope: 'goods', all: ['merchandise'] },
  { scope: 'goods', all: ['bienes'] },
  { scope: 'services', all: ['services'] },
  { scope: 'services', all: ['servicios'] },
  { scope: 'agricultural', all: ['agricultural'] },
  { scope: 'agricultural', all: ['agriculture'] },
  { scope: 'agricultural', all: ['farm'] },
  { scope: 'energy', all: ['energy'] },
  { scope: 'oil', all: ['oil'] },
  { scope: 'oil', all: ['petroleum'] },
  { scope: 'intermediate goods', all: ['intermediate'] },
  { scope: 'manufactured', all: ['manufactured'] },
  { scope: 'manufactured', all: ['manufacturing'] },
  { scope: 'automotive', all: ['auto'] },
  { scope: 'automotive', all: ['automotive'] },
  { scope: 'automotive', all: ['vehicle'] },
  { scope: 'automotive', all: ['vehicles'] },
  { scope: 'digital', all: ['digital'] },
];

/**
 * Places and the names they go by. Demonyms are not places: "Mexican immigrants" is a population,
 * kept with the counted noun, not a geography.
 */
export const PLACES: readonly { place: string; names: readonly string[] }[] = [
  { place: 'U.S.', names: ['u.s.', 'us', 'usa', 'u.s.a.', 'united states', 'america', 'estados unidos', 'ee.uu.', 'eua'] },
  { place: 'Mexico', names: ['mexico', 'méxico'] },
  { place: 'Canada', names: ['canada', 'canadá'] },
  { place: 'China', names: ['china'] },
  { place: 'Japan', names: ['japan'] },
  { place: 'Germany', names: ['germany'] },
  { place: 'EU', names: ['eu', 'european union'] },
  { place: 'North America', names: ['north america', 'north american', 'norteamérica', 'américa del norte'] },
  { place: 'Latin America', names: ['latin america', 'américa latina'] },
  { place: 'Central America', names: ['central america', 'centroamérica', 'northern triangle'] },
  { place: 'Western Hemisphere', names: ['western hemisphere', 'hemisphere'] },
  { place: 'border states', names: ['border states', 'border state', 'estados fronterizos'] },
  { place: 'border region', names: ['border region', 'border area', 'border areas', 'border communities', 'border counties'] },
  { place: 'world', names: ['world', 'worldwide', 'global', 'globally', 'mundo', 'mundial'] },
  { place: 'Guatemala', names: ['guatemala'] },
  { place: 'Honduras', names: ['honduras'] },
  { place: 'El Salvador', names: ['el salvador'] },
  { place: 'Cuba', names: ['cuba'] },
  { place: 'Venezuela', names: ['venezuela'] },
  { place: 'Colombia', names: ['colombia'] },
  { place: 'Brazil', names: ['brazil', 'brasil'] },
  { place: 'India', names: ['india'] },
  { place: 'Korea', names: ['korea', 'south korea'] },
  { place: 'UK', names: ['uk', 'united kingdom', 'britain'] },
  { place: 'Texas', names: ['texas'] },
  { place: 'California', names: ['california'] },
  { place: 'Arizona', names: ['arizona'] },
  { place: 'New Mexico', names: ['new mexico'] },
];

/**
 * Physical features whose extent does not change from year to year (spec §3): their length or area is
 * compared across documents whatever period each statement is bound to. A wall or a fence is built over
 * time, so it is deliberately absent.
 */
export const TIME_INVARIANT_FEATURES: readonly string[] = ['border', 'boundary', 'frontier', 'coastline', 'coast', 'river', 'frontera', 'línea'];

/** Modal and forward-looking words: a target or a projection is not a statement of the quantity. */
export const NOT_A_STATEMENT_WORDS: readonly string[] = [
  'target', 'targets', 'goal', 'goals', 'aim', 'aims', 'aiming', 'plan', 'plans', 'planned', 'projected', 'projection', 'projections',
  'forecast', 'forecasts', 'expected', 'expects', 'could', 'would', 'might', 'may', 'will', 'should', 'promised', 'promise', 'pledged',
  'pledge', 'proposed', 'proposal', 'if', 'reduce', 'increase', 'cut', 'meta', 'objetivo',
];

/** Words of comparison that make a figure relative to another one ("62% higher than in 2015"). */
export const COMPARATIVE_WORDS: readonly string[] = [
  'higher', 'lower', 'more', 'less', 'fewer', 'greater', 'larger', 'smaller', 'bigger', 'faster', 'slower', 'times', 'than', 'increase',
  'decrease', 'growth', 'grew', 'rose', 'fell', 'declined', 'dropped', 'jumped', 'up', 'down', 'change', 'rise', 'fall', 'drop',
];

/** Words that carry no identity of their own in a counted noun phrase. */
export const FILLER_WORDS: readonly string[] = [
  'the', 'a', 'an', 'of', 'some', 'about', 'around', 'nearly', 'almost', 'over', 'more', 'than', 'less', 'least', 'at', 'up', 'to', 'under',
  'approximately', 'roughly', 'estimated', 'est.', 'total', 'totaling', 'totalling', 'additional', 'new', 'other', 'such', 'these', 'those',
  'its', 'their', 'our', 'his', 'her', 'this', 'that', 'and', 'or', 'with', 'de', 'la', 'el', 'los', 'las', 'y', 'en', 'people', 'persons',
  'individuals', 'resident', 'residents', 'reside', 'living', 'live', 'lived', 'who', 'which', 'annual', 'annually', 'yearly', 'per',
  'each', 'every', 'year', 'years', 'day', 'days', 'month', 'months', 'minute', 'hour', 'week', 'dollars', 'dollar', 'usd', 'us$', 'million',
  'billion', 'trillion', 'thousand', 'millones', 'mil', 'percent', 'per cent', 'por', 'ciento', 'only', 'just', 'record', 'roughly',
];

/** Words that end a noun phrase after a number: verbs and prepositions that start the predicate. */
export const PHRASE_BREAK_WORDS: readonly string[] = [
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'in', 'into', 'on', 'at', 'from', 'by', 'for', 'with', 'to',
  'per', 'as', 'than', 'that', 'which', 'who', 'while', 'whereas', 'but', 'since', 'during', 'between', 'across', 'along', 'through',
  'crossed', 'cross', 'made', 'make', 'depend', 'depends', 'entered', 'reached', 'live', 'living', 'lived', 'reside', 'resided', 'work',
  'worked', 'en', 'de', 'del', 'para', 'con', 'según',
];

/** Words introducing the denominator of a share: "48% of unauthorized immigrants". */
export const SHARE_WORDS: readonly string[] = ['share', 'percentage', 'proportion', 'fraction', 'portion', 'percent', 'rate'];
