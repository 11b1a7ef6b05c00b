/**
 * The vocabulary of the figure extractor, as data: scale words, units, currencies, hedges, number words,
 * identifier keywords and function words, in English and Spanish. The scanner is generic; adding a word
 * here is how it learns a new surface form.
 */
import type { Dimension, HedgeKind } from './types';

/** Scale words and suffixes (lower-cased; suffixes matched case-sensitively are in `SCALE_SUFFIXES`). */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['hundred', 1e2],
  ['thousand', 1e3],
  ['thousands', 1e3],
  ['million', 1e6],
  ['millions', 1e6],
  ['mn', 1e6],
  ['mln', 1e6],
  ['billion', 1e9],
  ['billions', 1e9],
  ['bn', 1e9],
  ['bln', 1e9],
  ['trillion', 1e12],
  ['trillions', 1e12],
  ['tn', 1e12],
  // Spanish: "mil" is a thousand, "mil millones" a (short-scale) billion, "billón" a trillion.
  ['mil', 1e3],
  ['millón', 1e6],
  ['millon', 1e6],
  ['millones', 1e6],
  ['mil millones', 1e9],
  ['billón', 1e12],
  ['billon', 1e12],
  ['billones', 1e12],
]);

/** Letter suffixes glued to (or one space after) a number: "27.0K", "\$50 b.", "\$495.7bn", "4.9M". Case-sensitive. */
export const SCALE_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['K', 1e3],
  ['k', 1e3],
  ['M', 1e6],
  ['MM', 1e6],
  ['B', 1e9],
  ['b', 1e9],
  ['bn', 1e9],
  ['T', 1e12],
  ['tn', 1e12],
]);

export interface UnitEntry {
  dimension: Dimension;
  base: string;
  /** Short symbol for display. */
  symbol: string;
  factor: number;
}

const KM: UnitEntry = { dimension: 'length', base: 'km', symbol: 'km', factor: 1 };
const MI: UnitEntry = { dimension: 'length', base: 'km', symbol: 'mi', factor: 1.609344 };
const M: UnitEntry = { dimension: 'length', base: 'km', symbol: 'm', factor: 0.001 };
const FT: UnitEntry = { dimension: 'length', base: 'km', symbol: 'ft', factor: 0.0003048 };
const SQMI: UnitEntry = { dimension: 'area', base: 'km2', symbol: 'sq mi', factor: 2.589988110336 };
const KM2: UnitEntry = { dimension: 'area', base: 'km2', symbol: 'km²', factor: 1 };
const HA: UnitEntry = { dimension: 'area', base: 'km2', symbol: 'ha', factor: 0.01 };
const ACRE: UnitEntry = { dimension: 'area', base: 'km2', symbol: 'acres', factor: 0.0040468564224 };
const KG: UnitEntry = { dimension: 'weight', base: 'kg', symbol: 'kg', factor: 1 };
const LB: UnitEntry = { dimension: 'weight', base: 'kg', symbol: 'lb', factor: 0.45359237 };
const TONNE: UnitEntry = { dimension: 'weight', base: 'kg', symbol: 't', factor: 1000 };
const SHORT_TON: UnitEntry = { dimension: 'weight', base: 'kg', symbol: 'short tons', factor: 907.18474 };
const GRAM: UnitEntry = { dimension: 'weight', base: 'kg', symbol: 'g', factor: 0.001 };
const BARREL: UnitEntry = { dimension: 'volume', base: 'l', symbol: 'bbl', factor: 158.987294928 };
const GALLON: UnitEntry = { dimension: 'volume', base: 'l', symbol: 'gal', factor: 3.785411784 };
const LITRE: UnitEntry = { dimension: 'volume', base: 'l', symbol: 'l', factor: 1 };
const KWH: UnitEntry = { dimension: 'energy', base: 'kWh', symbol: 'kWh', factor: 1 };
const MWH: UnitEntry = { dimension: 'energy', base: 'kWh', symbol: 'MWh', factor: 1e3 };
const GWH: UnitEntry = { dimension: 'energy', base: 'kWh', symbol: 'GWh', factor: 1e6 };
const TWH: UnitEntry = { dimension: 'energy', base: 'kWh', symbol: 'TWh', factor: 1e9 };
const KW: UnitEntry = { dimension: 'power', base: 'kW', symbol: 'kW', factor: 1 };
const MW: UnitEntry = { dimension: 'power', base: 'kW', symbol: 'MW', factor: 1e3 };
const GW: UnitEntry = { dimension: 'power', base: 'kW', symbol: 'GW', factor: 1e6 };
// Durations in days: a year is 365 days (spec §1), a month a twelfth of it.
const MINUTE: UnitEntry = { dimension: 'duration', base: 'day', symbol: 'min', factor: 1 / 1440 };
const HOUR: UnitEntry = { dimension: 'duration', base: 'day', symbol: 'h', factor: 1 / 24 };
const DAY: UnitEntry = { dimension: 'duration', base: 'day', symbol: 'days', factor: 1 };
const WEEK: UnitEntry = { dimension: 'duration', base: 'day', symbol: 'weeks', factor: 7 };
const MONTH: UnitEntry = { dimension: 'duration', base: 'day', symbol: 'months', factor: 365 / 12 };
const YEAR: UnitEntry = { dimension: 'duration', base: 'day', symbol: 'years', factor: 365 };
const DECADE: UnitEntry = { dimension: 'duration', base: 'day', symbol: 'decades', factor: 3650 };
export const PERCENT: UnitEntry = { dimension: 'percent', base: '%', symbol: '%', factor: 1 };
export const PERCENTAGE_POINT: UnitEntry = { dimension: 'percentage-point', base: 'pp', symbol: 'pp', factor: 1 };
export const TIMES: UnitEntry = { dimension: 'ratio', base: 'times', symbol: 'times', factor: 1 };

/**
 * Unit words after a number, lower-cased, singular and plural; multi-word units are matched first.
 * A hyphen may join them to the number ("2,000-mile", "2.5-km").
 */
export const UNIT_WORDS: ReadonlyMap<string, UnitEntry> = new Map([
  ...(['km', 'kms', 'kilometer', 'kilometers', 'kilometre', 'kilometres', 'kilómetro', 'kilómetros', 'kilometro', 'kilometros'] as const).map((w) => [w, KM] as const),
  ...(['mi', 'mile', 'miles', 'milla', 'millas'] as const).map((w) => [w, MI] as const),
  ...(['meter', 'meters', 'metre', 'metres', 'metro', 'metros'] as const).map((w) => [w, M] as const),
  ...(['ft', 'foot', 'feet', 'pies'] as const).map((w) => [w, FT] as const),
  ...(['square miles', 'square mile', 'sq mi', 'sq. mi.', 'millas cuadradas'] as const).map((w) => [w, SQMI] as const),
  ...(['km2', 'km²', 'square kilometers', 'square kilometres', 'kilómetros cuadrados', 'kilometros cuadrados'] as const).map((w) => [w, KM2] as const),
  ...(['hectare', 'hectares', 'hectárea', 'hectáreas', 'ha'] as const).map((w) => [w, HA] as const),
  ...(['acre', 'acres'] as const).map((w) => [w, ACRE] as const),
  ...(['kg', 'kgs', 'kilogram', 'kilograms', 'kilo', 'kilos', 'kilogramo', 'kilogramos'] as const).map((w) => [w, KG] as const),
  ...(['lb', 'lbs', 'pound', 'pounds', 'libra', 'libras'] as const).map((w) => [w, LB] as const),
  ...(['tonne', 'tonnes', 'metric ton', 'metric tons', 'tonelada', 'toneladas'] as const).map((w) => [w, TONNE] as const),
  ...(['ton', 'tons', 'short tons'] as const).map((w) => [w, SHORT_TON] as const),
  ...(['gram', 'grams', 'gramo', 'gramos'] as const).map((w) => [w, GRAM] as const),
  ...(['barrel', 'barrels', 'bbl', 'barril', 'barriles'] as const).map((w) => [w, BARREL] as const),
  ...(['gallon', 'gallons', 'galón', 'galones'] as const).map((w) => [w, GALLON] as const),
  ...(['liter', 'liters', 'litre', 'litres', 'litro', 'litros'] as const).map((w) => [w, LITRE] as const),
  ...(['kwh', 'kilowatt-hour', 'kilowatt-hours'] as const).map((w) => [w, KWH] as const),
  ...(['mwh', 'megawatt-hour', 'megawatt-hours'] as const).map((w) => [w, MWH] as const),
  ...(['gwh', 'gigawatt-hour', 'gigawatt-hours'] as const).map((w) => [w, GWH] as const),
  ...(['twh', 'terawatt-hour', 'terawatt-hours'] as const).map((w) => [w, TWH] as const),
  ...(['kw', 'kilowatt', 'kilowatts'] as const).map((w) => [w, KW] as const),
  ...(['mw', 'megawatt', 'megawatts', 'megavatios'] as const).map((w) => [w, MW] as const),
  ...(['gw', 'gigawatt', 'gigawatts', 'gigavatios'] as const).map((w) => [w, GW] as const),
  ...(['minute', 'minutes', 'min', 'mins', 'minuto', 'minutos'] as const).map((w) => [w, MINUTE] as const),
  ...(['hour', 'hours', 'hrs', 'hora', 'horas'] as const).map((w) => [w, HOUR] as const),
  ...(['day', 'days', 'día', 'días', 'dia', 'dias'] as const).map((w) => [w, DAY] as const),
  ...(['week', 'weeks', 'semana', 'semanas'] as const).map((w) => [w, WEEK] as const),
  ...(['month', 'months', 'mes', 'meses'] as const).map((w) => [w, MONTH] as const),
  ...(['year', 'years', 'año', 'años', 'ano', 'anos'] as const).map((w) => [w, YEAR] as const),
  ...(['decade', 'decades', 'década', 'décadas'] as const).map((w) => [w, DECADE] as const),
  ...(['percent', 'per cent', 'percentage', 'pct', 'por ciento', 'porciento'] as const).map((w) => [w, PERCENT] as const),
  ...(['percentage point', 'percentage points', 'pp', 'p.p.', 'points', 'punto porcentual', 'puntos porcentuales'] as const).map((w) => [w, PERCENTAGE_POINT] as const),
  ...(['times', 'fold', 'veces'] as const).map((w) => [w, TIMES] as const),
]);

/** Currency symbols and codes before or after a number, mapped to ISO 4217. "$" alone is ambiguous: see `DEFAULT_DOLLAR`. */
export const CURRENCY_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['$', '$'],
  ['us$', 'USD'],
  ['usd$', 'USD'],
  ['usd', 'USD'],
  ['us $', 'USD'],
  ['usd $', 'USD'],
  ['mx$', 'MXN'],
  ['mxn$', 'MXN'],
  ['mxn', 'MXN'],
  ['mxp', 'MXN'],
  ['c$', 'CAD'],
  ['ca$', 'CAD'],
  ['cad', 'CAD'],
  ['cad$', 'CAD'],
  ['€', 'EUR'],
  ['eur', 'EUR'],
  ['£', 'GBP'],
  ['gbp', 'GBP'],
]);

/** Currency words after the number (and its scale): "\$1.3 trillion dollars", "1,6 millones de pesos", "14.8 billion USD". */
export const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ['dollar', '$'],
  ['dollars', '$'],
  ['dólar', '$'],
  ['dólares', '$'],
  ['dolares', '$'],
  ['us dollars', 'USD'],
  ['u.s. dollars', 'USD'],
  ['usd', 'USD'],
  ['peso', 'MXN'],
  ['pesos', 'MXN'],
  ['mxn', 'MXN'],
  ['cad', 'CAD'],
  ['euro', 'EUR'],
  ['euros', 'EUR'],
  ['eur', 'EUR'],
]);

/** Hedge phrases before a figure, lower-cased (spec §1). Longer phrases are matched first. */
export const HEDGES_BEFORE: ReadonlyMap<string, HedgeKind> = new Map([
  ['about', 'approximate'],
  ['around', 'approximate'],
  ['approximately', 'approximate'],
  ['approx.', 'approximate'],
  ['roughly', 'approximate'],
  ['some', 'approximate'],
  ['an estimated', 'approximate'],
  ['estimated', 'approximate'],
  ['est.', 'approximate'],
  ['~', 'approximate'],
  ['circa', 'approximate'],
  ['ca.', 'approximate'],
  ['cerca de', 'approximate'],
  ['alrededor de', 'approximate'],
  ['aproximadamente', 'approximate'],
  ['unos', 'approximate'],
  ['unas', 'approximate'],
  ['nearly', 'nearly'],
  ['almost', 'nearly'],
  ['close to', 'nearly'],
  ['casi', 'nearly'],
  ['over', 'over'],
  ['more than', 'over'],
  ['above', 'over'],
  ['in excess of', 'over'],
  ['upwards of', 'over'],
  ['exceeding', 'over'],
  ['más de', 'over'],
  ['mas de', 'over'],
  ['at least', 'at-least'],
  ['no less than', 'at-least'],
  ['al menos', 'at-least'],
  ['por lo menos', 'at-least'],
  ['up to', 'up-to'],
  ['as many as', 'up-to'],
  ['as much as', 'up-to'],
  ['no more than', 'up-to'],
  ['hasta', 'up-to'],
  ['less than', 'under'],
  ['fewer than', 'under'],
  ['under', 'under'],
  ['below', 'under'],
  ['menos de', 'under'],
]);

/** Written-out numbers: units and tens. Larger ones compose with `SCALE_WORDS` ("two-thousand", "eleven million"). */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9],
  ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16],
  ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50],
  ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90], ['a', 1], ['an', 1],
  ['uno', 1], ['un', 1], ['una', 1], ['dos', 2], ['tres', 3], ['cuatro', 4], ['cinco', 5], ['seis', 6], ['siete', 7],
  ['ocho', 8], ['nueve', 9], ['diez', 10], ['veinte', 20], ['treinta', 30], ['cuarenta', 40], ['cincuenta', 50], ['cien', 100],
]);

/** Word fractions: "a half-trillion", "one-third of", "a quarter of". Their interval is ± 5 percentage points (spec §1). */
export const FRACTION_WORDS: ReadonlyMap<string, number> = new Map([
  ['half', 0.5],
  ['a half', 0.5],
  ['one-half', 0.5],
  ['one half', 0.5],
  ['a third', 1 / 3],
  ['one-third', 1 / 3],
  ['one third', 1 / 3],
  ['two-thirds', 2 / 3],
  ['two thirds', 2 / 3],
  ['a quarter', 0.25],
  ['one-quarter', 0.25],
  ['one quarter', 0.25],
  ['three-quarters', 0.75],
  ['three quarters', 0.75],
  ['la mitad', 0.5],
  ['un tercio', 1 / 3],
  ['dos tercios', 2 / 3],
  ['un cuarto', 0.25],
]);

/** Word multipliers: "doubled", "sixfold". */
export const MULTIPLIER_WORDS: ReadonlyMap<string, number> = new Map([
  ['twofold', 2], ['threefold', 3], ['fourfold', 4], ['fivefold', 5], ['sixfold', 6], ['sevenfold', 7], ['eightfold', 8], ['ninefold', 9], ['tenfold', 10],
]);

/** Verbs and adverbs marking a figure as a change: "up 241%", "rose 37%", "fell by 12 minutes". */
export const CHANGE_WORDS: ReadonlyMap<string, 'increase' | 'decrease'> = new Map([
  ['up', 'increase'], ['rose', 'increase'], ['rise', 'increase'], ['rising', 'increase'], ['risen', 'increase'], ['increase', 'increase'],
  ['increased', 'increase'], ['increasing', 'increase'], ['grew', 'increase'], ['grown', 'increase'], ['growth', 'increase'], ['jumped', 'increase'],
  ['climbed', 'increase'], ['gained', 'increase'], ['surged', 'increase'], ['aumentó', 'increase'], ['creció', 'increase'], ['incremento', 'increase'], ['incremento de', 'increase'],
  ['down', 'decrease'], ['fell', 'decrease'], ['fall', 'decrease'], ['fallen', 'decrease'], ['dropped', 'decrease'], ['declined', 'decrease'], ['decline', 'decrease'],
  ['decrease', 'decrease'], ['decreased', 'decrease'], ['shrank', 'decrease'], ['cut', 'decrease'], ['reduced', 'decrease'], ['disminuyó', 'decrease'], ['cayó', 'decrease'],
]);

/** Time units a flow is stated per: "\$1.3 trillion a year", "\$3.6 million a day", "per minute", "annually", "al año". */
export const PER_TIME_PHRASES: ReadonlyMap<string, 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'> = new Map([
  ['a minute', 'minute'], ['per minute', 'minute'], ['each minute', 'minute'], ['every minute', 'minute'], ['por minuto', 'minute'], ['al minuto', 'minute'],
  ['an hour', 'hour'], ['per hour', 'hour'], ['each hour', 'hour'], ['every hour', 'hour'], ['hourly', 'hour'], ['por hora', 'hour'], ['a la hora', 'hour'],
  ['a day', 'day'], ['per day', 'day'], ['each day', 'day'], ['every day', 'day'], ['daily', 'day'], ['al día', 'day'], ['por día', 'day'], ['diarios', 'day'], ['cada día', 'day'],
  ['a week', 'week'], ['per week', 'week'], ['weekly', 'week'], ['each week', 'week'],
  ['a month', 'month'], ['per month', 'month'], ['monthly', 'month'], ['each month', 'month'], ['al mes', 'month'],
  ['a year', 'year'], ['per year', 'year'], ['each year', 'year'], ['every year', 'year'], ['annually', 'year'], ['per annum', 'year'], ['a year', 'year'],
  ['al año', 'year'], ['por año', 'year'], ['anuales', 'year'], ['anualmente', 'year'], ['each year', 'year'],
]);

/**
 * Words whose next number is an identifier, not a quantity: "Table 1", "section 4.2", "Goal 3", "p. 6",
 * "Title 42", "Route 66", "No. 5", "Article 22", "Section 232".
 */
export const IDENTIFIER_KEYWORDS: ReadonlySet<string> = new Set([
  'table', 'tables', 'figure', 'figures', 'fig', 'fig.', 'chart', 'graph', 'exhibit', 'box', 'map', 'section', 'sections', 'sec', 'sec.', '§',
  'chapter', 'chapters', 'ch.', 'article', 'articles', 'art.', 'title', 'annex', 'appendix', 'part', 'volume', 'vol', 'vol.', 'issue', 'no', 'no.',
  'nos.', 'number', 'num.', 'page', 'pages', 'p', 'p.', 'pp', 'pp.', 'goal', 'objective', 'sub-objective', 'step', 'phase', 'level', 'tier', 'route',
  'highway', 'interstate', 'rule', 'resolution', 'decree', 'law', 'bill', 'act', 'amendment', 'paragraph', 'para.', 'item', 'line', 'note', 'footnote',
  'question', 'slide', 'session', 'summit', 'group', 'class', 'grade', 'version', 'v', 'v.', 'release', 'rev', 'rev.', 'op.', 'doi',
  'tabla', 'cuadro', 'gráfica', 'gráfico', 'figura', 'sección', 'capítulo', 'artículo', 'anexo', 'página', 'núm.', 'número', 'objetivo', 'meta',
  'fracción', 'párrafo', 'ley', 'top', '#', 'episode', 'ep.', 'season', 'room', 'suite',
]);

/** Month names (English and Spanish, with common abbreviations), for dates and document dates. */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7], ['august', 8], ['september', 9], ['october', 10], ['november', 11], ['december', 12],
  ['jan', 1], ['jan.', 1], ['feb', 2], ['feb.', 2], ['mar.', 3], ['apr', 4], ['apr.', 4], ['jun.', 6], ['jul.', 7], ['aug', 8], ['aug.', 8], ['sep', 9], ['sep.', 9], ['sept', 9], ['sept.', 9], ['oct', 10], ['oct.', 10], ['nov', 11], ['nov.', 11], ['dec', 12], ['dec.', 12],
  ['enero', 1], ['febrero', 2], ['marzo', 3], ['abril', 4], ['mayo', 5], ['junio', 6], ['julio', 7], ['agosto', 8], ['septiembre', 9], ['setiembre', 9], ['octubre', 10], ['noviembre', 11], ['diciembre', 12],
]);

/** Function words left out of a figure's subject words and where the counted noun phrase stops (English and Spanish). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'and', 'or', 'but', 'nor', 'as', 'than', 'that', 'this', 'these', 'those',
  'which', 'who', 'whom', 'whose', 'what', 'when', 'where', 'while', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'do', 'does',
  'did', 'will', 'would', 'could', 'should', 'may', 'might', 'can', 'must', 'shall', 'it', 'its', 'their', 'there', 'they', 'them', 'he', 'she', 'his',
  'her', 'we', 'our', 'us', 'you', 'your', 'i', 'not', 'no', 'so', 'if', 'then', 'also', 'into', 'over', 'under', 'about', 'around', 'up', 'down', 'out',
  'per', 'each', 'every', 'some', 'more', 'most', 'less', 'least', 'nearly', 'almost', 'approximately', 'roughly', 'only', 'just', 'all', 'any', 'both',
  'such', 'other', 'another', 'same', 'between', 'among', 'through', 'during', 'since', 'until', 'after', 'before', 'via', 'including', 'according',
  'year', 'years', 'estimated', 'an', 'least', 'total', 'totaled', 'reached', 'worth', 'valued', 'around', 'roughly',
  'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'de', 'del', 'en', 'y', 'o', 'que', 'con', 'por', 'para', 'al', 'se', 'su', 'sus', 'es', 'son',
  'fue', 'fueron', 'ha', 'han', 'como', 'más', 'mas', 'menos', 'entre', 'sobre', 'desde', 'hasta', 'cerca', 'casi', 'lo', 'le', 'les', 'este', 'esta',
  'estos', 'estas', 'año', 'años',
]);

/** Words that end a counted noun phrase as a verb would ("400,000 people cross the border"). */
export const PHRASE_BREAKERS: ReadonlySet<string> = new Set([
  'cross', 'crossed', 'crossing', 'live', 'lived', 'living', 'work', 'worked', 'working', 'die', 'died', 'depend', 'depends', 'go', 'went', 'come', 'came',
  'will', 'would', 'were', 'was', 'are', 'is', 'have', 'has', 'had', 'remain', 'remained', 'reside', 'entered', 'arrived', 'left', 'received', 'returned',
  // Adjectives and adverbs that follow a measure: "3,175 km long", "two years ago".
  'long', 'wide', 'high', 'deep', 'tall', 'away', 'old', 'ago', 'later', 'earlier', 'apart', 'ahead', 'behind',
]);
