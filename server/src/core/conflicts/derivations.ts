import { perDocument } from '../derived';
import type { DocumentAnalysis, PreviousAnalysis } from '../document';
import type { TextChange } from '../textChange';
import { movedForward } from './reuse';
import type { Interval } from '../extract/figures/types';
import type { Span } from '../types';
import { formatAmount, formatInterval, formatNumber } from './format';
import { add, absolute, divide, overlaps, scale, separationRatio, subtract } from './intervals';
import { impliedDerivations } from './impliedDerivations';
import { minutesIn } from './quantityKey';
import { keptSentence, sentenceGroups, statementReuseOf, statementsOf, type Statement } from './statements';
import { pushTo } from '../collections';

/**
 * Derivations a document states or implies, checked with interval arithmetic (spec §4,
 * `inconsistent-derivation`). Each failure names the figure that cannot follow and the figures it derives from.
 */
export interface FailedDerivation {
  span: Span;
  message: string;
  from: { span: Span; message: string }[];
}

// Words joining a figure to its restatement per another time unit: "$1.3 trillion a year or $3.6 million a day".
const RESTATED_AS = /^\s*(?:(?:a|an|per|each|every)\s+\p{L}+)?\s*[,;]?\s*(?:or|i\.e\.,?|that is,?|equivalent to|equal to|which (?:is|equals|means)|meaning|means|amounting to|[—–=])\s*$/iu;
// A slide bullet restating the previous one: "trade $1.57 trillion a year\n- $4.3 billion a day".
const RESTATED_ON_NEXT_LINE = /^\s*(?:(?:a|an|per|each|every)\s+\p{L}+)?\s*(?:\*\*)?\s*\n\s*(?:[-*•]\s*)?(?:\*\*)?\s*$/u;
const EXCLUDED_LIST = /\b(?:including|includes|include|such as|among them|among others|e\.g\.)\b/i;
const COMPLETE_LIST = /(?::\s*$|\b(?:consisting of|consists of|made up of|comprising|comprises|split (?:between|into)|divided (?:between|into)|broken down (?:as|into))\s*$)/i;
const PART_LIST = /\bof (?:which|whom)\b/i;
const TOTAL_WORD = /\b(?:total(?:ed|ing|led|ling)?|combined|altogether|in all|overall|sum)\b/i;
const MULTIPLE = /\b(more than|over|nearly|almost|roughly|about)?\s*(doubled|tripled|quadrupled|halved)\b/i;
const MULTIPLES: Record<string, number> = { doubled: 2, tripled: 3, quadrupled: 4, halved: 0.5 };


/**
 * Every derivation of the document that does not hold; computed with the analysis (see derived.ts). Changes, multiples
 * and totals with their parts are read from one sentence's text and statements: an edited document's sentence whose
 * statements are all the last version's (`keptSentence`: read from untouched text) keeps that version's failures, moved.
 */
export const failedDerivations = perDocument('failed-derivations', (document: DocumentAnalysis, previous?: PreviousAnalysis): FailedDerivation[] => {
  const statements = statementsOf(document);
  const groups = sentenceGroups(statements);
  const inOrder = groups.every((g) => g.every((i, k) => i === g[0]! + k));
  const reuse = inOrder ? statementReuseOf(document, previous, 'failed-derivations') : undefined;
  const before = reuse && failuresBySentence.get(reuse.reuse.previous);
  const bySentence = new Map<number, SentenceFailures>();
  const stated: SentenceFailures = { changes: [], multiples: [], totals: [] };
  for (const group of inOrder ? groups : [statements.map((_, i) => i)]) {
    const inSentence = group.map((i) => statements[i]!);
    const from = before && keptSentence(reuse!, group);
    const found = from ? moved(before.get(reuse!.before[from[0]!]!.figure.sentence.start), reuse!.reuse.change) : sentenceFailures(document, inSentence);
    if (!found) continue;
    bySentence.set(inSentence[0]!.figure.sentence.start, found);
    stated.changes.push(...found.changes);
    stated.multiples.push(...found.multiples);
    stated.totals.push(...found.totals);
  }
  if (inOrder) failuresBySentence.set(document, bySentence);
  const failures = [...perTimeRestatements(document, statements), ...stated.changes, ...stated.multiples, ...stated.totals, ...balances(statements)];
  // A derivation stated in one sentence and implied across a slide may be the same: report the stated one.
  const starts = new Set(failures.map((f) => f.span.start));
  return [...failures, ...impliedDerivations(document, statements).filter((f) => !starts.has(f.span.start))].sort(
    (a, b) => a.span.start - b.span.start || a.message.localeCompare(b.message),
  );
});

/** The failures read from one sentence (or, when sentences interleave, from all statements at once), by rule. */
interface SentenceFailures {
  changes: FailedDerivation[];
  multiples: FailedDerivation[];
  totals: FailedDerivation[];
}

/** Per analysis, its failures by the start of the sentence they were read from (sentences with failures only). */
const failuresBySentence = new WeakMap<DocumentAnalysis, Map<number, SentenceFailures>>();

function sentenceFailures(document: DocumentAnalysis, statements: readonly Statement[]): SentenceFailures | undefined {
  const found = { changes: percentChanges(document, statements), multiples: multiples(document, statements), totals: componentsAgainstTotals(document, statements) };
  return found.changes.length || found.multiples.length || found.totals.length ? found : undefined;
}

/** A kept sentence's failures where its text is now: the same objects before the change, moved copies after it. */
function moved(found: SentenceFailures | undefined, change: TextChange): SentenceFailures | undefined {
  if (!found || change.delta === 0 || found.changes.concat(found.multiples, found.totals).every((f) => f.span.end <= change.start)) return found;
  const move = (f: FailedDerivation): FailedDerivation => ({ span: movedForward(f.span, change), message: f.message, from: f.from.map((r) => ({ span: movedForward(r.span, change), message: r.message })) });
  return { changes: found.changes.map(move), multiples: found.multiples.map(move), totals: found.totals.map(move) };
}

/** "X a year or Y a day": X converted to Y's time unit (1 year = 365 days = 525,600 minutes) must meet Y. */
function perTimeRestatements(document: DocumentAnalysis, statements: readonly Statement[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  for (let i = 0; i + 1 < statements.length; i++) {
    const a = statements[i]!;
    const b = statements[i + 1]!;
    if (!a.perTime || !b.perTime || a.perTime === b.perTime || a.figure.unit.base !== b.figure.unit.base) continue;
    const gap = document.text.slice((a.restatement ?? a.figure).span.end, b.figure.span.start);
    if (!RESTATED_AS.test(gap) && !RESTATED_ON_NEXT_LINE.test(gap)) continue;
    const from = minutesIn(a.perTime);
    const to = minutesIn(b.perTime);
    if (!from || !to) continue;
    const expected = scale(a.interval, to / from);
    if (overlaps(expected, b.interval)) continue;
    const ratio = separationRatio(expected, b.interval);
    const off = ratio >= 5 ? `: off by a factor of about ${formatNumber(roundRatio(ratio), 2)}` : '';
    failures.push({
      span: b.figure.span,
      message: `${formatAmount(a.figure.value, a.figure.unit, a.perTime)} is ${formatAmount(a.figure.value * (to / from), a.figure.unit, b.perTime)}, not ${formatAmount(b.figure.value, b.figure.unit, b.perTime)}${off}`,
      from: [{ span: a.figure.span, message: `derived from ${formatAmount(a.figure.value, a.figure.unit, a.perTime)}` }],
    });
  }
  return failures;
}

/** "up N% from A to B": (B ÷ A − 1) × 100 must meet N (and 1 − B ÷ A for a decrease). */
function percentChanges(document: DocumentAnalysis, statements: readonly Statement[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  for (const change of statements) {
    const kind = change.figure.change?.kind;
    if ((kind !== 'increase' && kind !== 'decrease') || change.figure.unit.dimension !== 'percent') continue;
    const endpoints = fromTo(document, statements, change);
    if (!endpoints) continue;
    const [old, now] = endpoints;
    const ratio = divide(now.interval, old.interval);
    if (!ratio) continue;
    const percent = kind === 'increase' ? scale(subtract(ratio, { low: 1, high: 1 }), 100) : scale(subtract({ low: 1, high: 1 }, ratio), 100);
    if (overlaps(percent, change.interval)) continue;
    const actual = kind === 'increase' ? (now.figure.value / old.figure.value - 1) * 100 : (1 - now.figure.value / old.figure.value) * 100;
    failures.push({
      span: change.figure.span,
      message: `From ${formatAmount(old.figure.value, old.figure.unit)} to ${formatAmount(now.figure.value, now.figure.unit)} is ${kind === 'increase' ? 'an increase' : 'a decrease'} of ${formatNumber(actual, 3)}%, not ${formatInterval(change.interval, change.figure.unit)}`,
      from: endpointPlaces(old, now),
    });
  }
  return failures;
}

/** "more than doubled from A to B": B ÷ A must be able to exceed 2 (about 2 for "doubled"). */
function multiples(document: DocumentAnalysis, statements: readonly Statement[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  const sentences = new Map<number, Statement[]>();
  for (const s of statements) pushTo(sentences, s.figure.sentence.start, s);
  for (const inSentence of sentences.values()) {
    const sentence = inSentence[0]!.figure.sentence;
    const match = MULTIPLE.exec(document.text.slice(sentence.start, sentence.end));
    if (!match) continue;
    const endpoints = fromTo(document, inSentence, undefined);
    if (!endpoints) continue;
    const [old, now] = endpoints;
    const ratio = divide(now.interval, old.interval);
    if (!ratio) continue;
    const factor = MULTIPLES[match[2]!.toLowerCase()]!;
    const hedge = match[1]?.toLowerCase();
    const claimed: Interval =
      hedge === 'more than' || hedge === 'over'
        ? { low: factor, high: Infinity, lowOpen: true }
        : hedge === 'nearly' || hedge === 'almost'
          ? { low: factor * 0.8, high: factor }
          : { low: factor * 0.9, high: factor * 1.1 };
    if (overlaps(ratio, claimed)) continue;
    const start = sentence.start + match.index;
    failures.push({
      span: { start, end: start + match[0].length },
      message: `From ${formatAmount(old.figure.value, old.figure.unit)} to ${formatAmount(now.figure.value, now.figure.unit)} is a factor of ${formatNumber(now.figure.value / old.figure.value, 3)}, not “${match[0].trim()}”`,
      from: endpointPlaces(old, now),
    });
  }
  return failures;
}

/**
 * A total followed by its parts: "a total of \$10 billion: \$6 billion in goods and \$3 billion in services"
 * (the parts must add up to the total) or "\$10 billion, of which …" (they may not exceed it). Items after
 * "including" or "such as" are a partial list and are not summed (spec §4).
 */
function componentsAgainstTotals(document: DocumentAnalysis, statements: readonly Statement[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  for (let i = 0; i < statements.length; i++) {
    const total = statements[i]!;
    if (total.figure.change || total.figure.range) continue;
    const sentence = total.figure.sentence;
    const before = document.text.slice(Math.max(sentence.start, total.figure.span.start - 40), total.figure.span.start);
    if (!TOTAL_WORD.test(before)) continue;
    const parts: Statement[] = [];
    for (let j = i + 1; j < statements.length; j++) {
      const part = statements[j]!;
      if (part.figure.sentence.start !== sentence.start || part.figure.unit.base !== total.figure.unit.base || part.figure.change) break;
      parts.push(part);
    }
    if (parts.length < 2) continue;
    const lead = document.text.slice((total.restatement ?? total.figure).span.end, parts[0]!.figure.span.start);
    const wholeSentence = document.text.slice(sentence.start, sentence.end);
    if (EXCLUDED_LIST.test(lead) || EXCLUDED_LIST.test(wholeSentence)) continue;
    // "totaled \$232.6 billion: exports of \$75.7 billion and imports of …": a colon right after the total opens its parts.
    const complete = COMPLETE_LIST.test(lead) || (/^\s*:/.test(lead) && lead.length <= 30);
    if (!complete && !PART_LIST.test(lead)) continue;
    const sum = parts.map((p) => p.interval).reduce(add);
    const holds = complete ? overlaps(sum, total.interval) : !(sum.low > total.interval.high);
    if (holds) continue;
    const sumValue = parts.reduce((acc, p) => acc + p.figure.value, 0);
    failures.push({
      span: total.figure.span,
      message: complete
        ? `The parts add up to ${formatAmount(sumValue, total.figure.unit)}, not ${formatAmount(total.figure.value, total.figure.unit)}`
        : `The parts (${formatAmount(sumValue, total.figure.unit)}) exceed the total, ${formatAmount(total.figure.value, total.figure.unit)}`,
      from: parts.map((p) => ({ span: p.figure.span, message: `a part: ${formatAmount(p.figure.value, p.figure.unit)}` })),
    });
  }
  return failures;
}

/**
 * Imports − exports against a stated balance, and exports + imports against a stated two-way total, for
 * one scope, geography and period of one document — checked only when each is stated exactly once there.
 */
function balances(statements: readonly Statement[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  const groups = new Map<string, Map<string, Statement[]>>();
  for (const s of statements) {
    if (!s.key.comparable || !['exports', 'imports', 'trade balance', 'trade'].includes(s.key.measure) || s.key.subject) continue;
    const id = JSON.stringify([s.key.scope, s.key.geography, s.key.unit, s.group.slice(s.group.lastIndexOf('|'))]);
    const byMeasure = groups.get(id) ?? new Map<string, Statement[]>();
    groups.set(id, byMeasure);
    pushTo(byMeasure, s.key.measure, s);
  }
  for (const byMeasure of groups.values()) {
    const one = (measure: string) => (byMeasure.get(measure)?.length === 1 ? byMeasure.get(measure)![0] : undefined);
    const exports = one('exports');
    const imports = one('imports');
    if (!exports || !imports) continue;
    const from = [
      { span: exports.figure.span, message: `exports: ${formatAmount(exports.figure.value, exports.figure.unit)}` },
      { span: imports.figure.span, message: `imports: ${formatAmount(imports.figure.value, imports.figure.unit)}` },
    ];
    const balance = one('trade balance');
    if (balance && !overlaps(absolute(subtract(imports.interval, exports.interval)), balance.interval)) {
      const difference = Math.abs(imports.figure.value - exports.figure.value);
      failures.push({ span: balance.figure.span, message: `Imports − exports is ${formatAmount(difference, balance.figure.unit)}, not ${formatAmount(balance.figure.value, balance.figure.unit)}`, from });
    }
    const trade = one('trade');
    if (trade && !overlaps(add(imports.interval, exports.interval), trade.interval)) {
      const sum = imports.figure.value + exports.figure.value;
      failures.push({ span: trade.figure.span, message: `Exports + imports is ${formatAmount(sum, trade.figure.unit)}, not ${formatAmount(trade.figure.value, trade.figure.unit)}`, from });
    }
  }
  return failures;
}

/** The starting and final values of a change stated "from A to B" in the sentence of `around` (or of the statements). */
function fromTo(document: DocumentAnalysis, statements: readonly Statement[], around: Statement | undefined): [Statement, Statement] | undefined {
  const sentence = (around ?? statements[0])?.figure.sentence;
  if (!sentence) return undefined;
  const levels = statements.filter((s) => s !== around && s.figure.sentence.start === sentence.start && !s.figure.change);
  for (let i = 0; i + 1 < levels.length; i++) {
    let a = levels[i]!;
    const b = levels[i + 1]!;
    // "from 1,250 to 2,140 kilograms": a bare start takes the unit of the end.
    if (a.figure.unit.dimension === 'count' && !a.figure.unit.stated && b.figure.unit.dimension !== 'count') {
      const k = b.figure.unit.factor;
      a = { ...a, interval: scale(a.interval, k), figure: { ...a.figure, value: a.figure.value * k, unit: b.figure.unit } };
    }
    if (a.figure.unit.base !== b.figure.unit.base) continue;
    const beforeA = document.text.slice(Math.max(sentence.start, a.figure.span.start - 6), a.figure.span.start);
    const between = document.text.slice((a.restatement ?? a.figure).span.end, b.figure.span.start);
    if (/\bfrom\s+$/i.test(beforeA) && /^\s*(?:in \d{4}\s*)?(?:,\s*)?to\s+$/i.test(between)) return [a, b];
  }
  return undefined;
}

function roundRatio(ratio: number): number {
  const power = 10 ** Math.round(Math.log10(ratio));
  return Math.abs(ratio / power - 1) < 0.2 ? power : ratio;
}

/** The two figures a change or a multiple derives from, as related places. */
function endpointPlaces(old: Statement, now: Statement): FailedDerivation['from'] {
  return [
    { span: old.figure.span, message: `the starting value, ${formatAmount(old.figure.value, old.figure.unit)}` },
    { span: now.figure.span, message: `the final value, ${formatAmount(now.figure.value, now.figure.unit)}` },
  ];
}
