import { MONTHS } from './data';
import type { DocumentDate, Period, PeriodBinding } from './types';
import type { Span } from '../../types';

/** A period stated in the text, before it is bound to a figure. */
export interface PeriodMention {
  kind: Period['kind'];
  start: number;
  end: number;
  text: string;
  span: Span;
}

const YEAR = String.raw`(?:18|19|20)\d{2}`;
/**
 * "FY 2022", "FY2021-23", "fiscal year 2022"; "2021-23", "2013–2016", "between 2021 and 2023", "from 2017 to 2021"; "2019".
 * A year followed by a unit or a percent sign is a number, not a year ("1990-mile").
 */
const PERIOD = new RegExp(
  String.raw`(?<![\p{L}\p{N}$.,])(?:(FY|fiscal year|año fiscal|ejercicio fiscal)\s?(${YEAR}|'?\d{2})(?:\s?[-–—/]\s?((?:${YEAR})|\d{2}))?` +
    String.raw`|(?:between|from|entre|de)\s+(${YEAR})\s+(?:and|to|through|y|a|al)\s+(${YEAR})` +
    String.raw`|(${YEAR})\s?[-–—/]\s?((?:${YEAR})|\d{2})(?![\d%]|[ -]?(?:mile|km|kilo|percent))` +
    String.raw`|(${YEAR})(?![\p{N}%\p{L}]|[.,]\d|[ -]?(?:miles?\b|km\b|kilomet|kilómet|percent|por ciento|million|billion))` +
    ')',
  'giu',
);

/** Relative periods that resolve against the document's own date. */
const RELATIVE = /(?<![\p{L}])(this year|last year|next year|current year|este año|el año pasado|currently|today|now|at present|hoy|actualmente)(?![\p{L}])/giu;

/** Every period mention in `text.slice(start, end)`, in text order. */
export function periodMentions(text: string, start: number, end: number): PeriodMention[] {
  const mentions: PeriodMention[] = [];
  const region = text.slice(start, end);
  for (const m of region.matchAll(PERIOD)) {
    const mention = mentionOf(m, start);
    if (mention) mentions.push(mention);
  }
  return mentions;
}

/** A match of the period pattern: where it is, and the mention it makes (none for a backwards range such as "2023-21"). */
export interface PeriodMatch {
  start: number;
  end: number;
  mention: PeriodMention | undefined;
}

// PERIOD tried at one position (see nextPeriod).
const PERIOD_AT = new RegExp(PERIOD.source, 'iuy');
const DIGIT_RUN = /\d+/g;
/** The longest cue before a period's first digit (and the spaces and apostrophe after it): "ejercicio fiscal". */
const LONGEST_CUE = 'ejercicio fiscal'.length;

/**
 * The matches of the period pattern in the whole `text` that start in [from, to), scanning from `from` as a scan
 * of the whole text would if it were not inside a match there. Each match and its lookarounds read at most four
 * runs of non-space characters separated by whitespace ("between 2019 and 2021", "FY 2022 - 23"): an incremental
 * update rescans from a few non-blank lines before a change to a few after it, reading to `readEnd` (four non-blank
 * lines past `to` is enough for what matches starting before `to` read).
 */
export function periodMatches(fullText: string, from: number, to: number, readEnd = fullText.length): PeriodMatch[] {
  // Scanning a prefix: a scan finding nothing more before `to` would otherwise go on to the end of the text.
  const text = readEnd < fullText.length ? fullText.slice(0, readEnd) : fullText;
  const matches: PeriodMatch[] = [];
  for (let m = nextPeriod(text, from); m !== null && m.index < to; m = nextPeriod(text, m.index + m[0].length)) {
    matches.push({ start: m.index, end: m.index + m[0].length, mention: mentionOf(m, 0) });
  }
  return matches;
}

/**
 * The first match of PERIOD in `text` at or after `from`, as a scan from `from` finds it. Every match holds digits, and
 * starts at its first digit run or at most a cue, spaces and an apostrophe before it: PERIOD is tried, in order, only at
 * those positions, found from the digit runs by a scan without the `u` flag (periodMatches 200 -> 65 ms over 400 documents).
 */
function nextPeriod(text: string, from: number): RegExpExecArray | null {
  // Every position before `untried` is known not to start a match.
  let untried = from;
  DIGIT_RUN.lastIndex = from;
  for (let run = DIGIT_RUN.exec(text); run !== null; run = DIGIT_RUN.exec(text)) {
    for (let at = Math.max(untried, cueReach(text, run.index)); at <= run.index; at++) {
      if (at > 0 && mayNotStartPeriod(text.charCodeAt(at - 1))) continue;
      PERIOD_AT.lastIndex = at;
      const match = PERIOD_AT.exec(text);
      if (match !== null) return match;
    }
    untried = run.index + 1;
  }
  return null;
}

/** Whether a character fails PERIOD's leading lookbehind, `[\p{L}\p{N}$.,]`, tested for ASCII only (saves most tries). */
function mayNotStartPeriod(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 36 || code === 46 || code === 44;
}

/** The earliest start of a cue ending before the spaces and apostrophe right before `digit`. */
function cueReach(text: string, digit: number): number {
  let at = digit;
  if (at > 0 && text.charCodeAt(at - 1) === 39 /* ' */) at--;
  while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--;
  return at - LONGEST_CUE;
}

/** `\s`: ASCII spaces and line breaks, and the Unicode spaces. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function mentionOf(m: RegExpMatchArray, start: number): PeriodMention | undefined {
  const span = { start: start + m.index!, end: start + m.index! + m[0].length };
  if (m[1]) {
    const first = expandYear(m[2]!.replace("'", ''), 2000);
    const last = m[3] ? expandYear(m[3], first) : first;
    if (last < first) return undefined;
    return { kind: 'fiscal-year', start: first, end: last, text: m[0], span };
  } else if (m[4]) {
    const first = Number(m[4]);
    const last = Number(m[5]);
    if (last <= first) return undefined;
    return { kind: 'year-range', start: first, end: last, text: m[0], span };
  } else if (m[6]) {
    const first = Number(m[6]);
    const last = expandYear(m[7]!, first);
    if (last <= first || last - first > 50) return { kind: 'year', start: first, end: first, text: m[6], span: { start: span.start, end: span.start + 4 } };
    return { kind: 'year-range', start: first, end: last, text: m[0], span };
  } else if (m[8]) {
    const year = Number(m[8]);
    return { kind: 'year', start: year, end: year, text: m[8], span };
  }
  return undefined;
}

/** "23" after 2021 → 2023; "2023" → 2023. */
function expandYear(digits: string, after: number): number {
  if (digits.length === 4) return Number(digits);
  const century = Math.floor(after / 100) * 100;
  const year = century + Number(digits);
  return year < after ? year + 100 : year;
}

/**
 * The period closest to `at` among `mentions` inside `window`, excluding mentions inside `exclude`
 * (the figure itself). Mentions before the figure win ties: "in 2019, … \$101 billion".
 */
export function nearestPeriod(mentions: readonly PeriodMention[], window: Span, at: Span, binding: PeriodBinding): Period | undefined {
  let best: PeriodMention | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const mention of mentions) {
    if (mention.span.start < window.start || mention.span.end > window.end) continue;
    if (mention.span.start < at.end && mention.span.end > at.start) continue;
    // Writers state the period first ("In 2019, … \$101 billion"): a year before the figure wins over one after it.
    const distance = mention.span.end <= at.start ? at.start - mention.span.end : mention.span.start - at.end + (binding === 'clause' ? 0.5 : window.end - window.start);
    if (distance < bestDistance) {
      best = mention;
      bestDistance = distance;
    }
  }
  return best ? { kind: best.kind, start: best.start, end: best.end, text: best.text, binding, span: best.span } : undefined;
}

/** A relative period ("this year", "currently") in the window, resolved against the document's date. */
export function relativePeriod(text: string, window: Span, date: DocumentDate | undefined): Period | undefined {
  if (!date) return undefined;
  RELATIVE.lastIndex = 0;
  const m = RELATIVE.exec(text.slice(window.start, window.end));
  if (!m) return undefined;
  const phrase = m[1]!.toLowerCase();
  const year = /last|pasado/.test(phrase) ? date.year - 1 : /next/.test(phrase) ? date.year + 1 : date.year;
  const span = { start: window.start + m.index, end: window.start + m.index + m[0].length };
  return { kind: 'year', start: year, end: year, text: m[0], binding: 'document-date', span };
}

const MONTH_ALT = [...MONTHS.keys()].filter((m) => !m.endsWith('.')).sort((a, b) => b.length - a.length).join('|');
const DATE_PATTERNS: readonly RegExp[] = [
  // "April 2, 2024", "March 2024", "marzo de 2024"
  new RegExp(String.raw`(?<![\p{L}])(${MONTH_ALT})\.?\s+(?:(\d{1,2}),?\s+)?(?:de\s+)?((?:19|20)\d{2})(?![\p{N}])`, 'iu'),
  // "2 April 2024", "2 de abril de 2024"
  new RegExp(String.raw`(?<![\p{N}])(\d{1,2})\s+(?:de\s+)?(${MONTH_ALT})\.?,?\s+(?:de\s+)?((?:19|20)\d{2})(?![\p{N}])`, 'iu'),
];
export const DATE_LOOKAHEAD = 2000;

/**
 * The date a document states for itself: the first full date or month-and-year in its opening
 * (the first 2,000 characters, where title pages and bylines put it). `undefined` when there is none.
 */
export function documentDateOf(text: string): DocumentDate | undefined {
  const opening = text.slice(0, DATE_LOOKAHEAD);
  let best: DocumentDate | undefined;
  for (const [i, pattern] of DATE_PATTERNS.entries()) {
    const m = pattern.exec(opening);
    if (!m) continue;
    const month = MONTHS.get((i === 0 ? m[1]! : m[2]!).toLowerCase());
    const dayText = i === 0 ? m[2] : m[1];
    const date: DocumentDate = { year: Number(m[3]), text: m[0], span: { start: m.index, end: m.index + m[0].length } };
    if (month) date.month = month;
    if (dayText) date.day = Number(dayText);
    if (!best || date.span.start < best.span.start) best = date;
  }
  return best;
}
