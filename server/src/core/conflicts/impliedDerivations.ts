import type { DocumentAnalysis } from '../document';
import type { Interval } from '../extract/figures/types';
import type { FailedDerivation } from './derivations';
import { formatAmount, formatInterval } from './format';
import { absolute, add, overlaps, scale, subtract } from './intervals';
import { minutesIn } from './quantityKey';
import { blockAt, blockPeriod, blocksOf, sectionAt, type Block } from './slides';
import type { Statement } from './statements';
import { countBefore } from '../collections';

/**
 * Derivations a deck implies across lines rather than states in one sentence (spec §4): the labelled
 * parts of a slide against its total, imports − exports of a slide against a balance stated elsewhere in
 * the document, and a sum of yearly amounts restated per minute after "means". Each is checked with
 * interval arithmetic and reported only when it cannot hold for any reading of the figures.
 */

// A sum that misses its total by more than this share is not meant as its parts (a sub-total, another
// measure): only near misses are typos worth an error.
const NEAR_MISS = 0.1;
// A partial list (spec §4): items after "including" are not summed.
const PARTIAL_LIST = /\b(?:including|includes|include|such as|among them|among others|e\.g\.)\b/i;
// Scopes where the first is a part of the second (goods trade is a part of goods-and-services trade).
const NARROWER_SCOPES: Record<string, string[]> = { goods: ['goods and services'], services: ['goods and services'] };
// Between the last amount and its restatement per time unit: "\n\nmeans\n\n", " in goods trade means ",
// " — that is ", ", or ". A bare "or"/"=" must follow the amount at once: after other words it may join anything.
const RESTATED_AS = /^[\s*_,;:—–-]*(?:(?:[^\n.;:]{0,40}?\s)?(?:means|meaning|that is|i\.e\.)|or|equals|=)[\s*_,;:—–-]*$/i;
// Between two amounts summed before such a restatement: one short line or phrase ("Services trade est.").
const ADDEND_GAP = /^[^.;:\d]{0,60}$/;
const MAX_ADDENDS = 4;

/** Every implied derivation of the document that does not hold. */
export function impliedDerivations(document: DocumentAnalysis, statements: readonly Statement[]): FailedDerivation[] {
  const blocks = blocksOf(document);
  const pairs = tradePairs(statements, blocks);
  return [...impliedTotals(document, statements, pairs), ...scopeTotals(document, statements, blocks), ...balancesAcrossBlocks(statements, blocks, pairs), ...sumsPerTime(document, statements, blocks)];
}

/**
 * The statements whose figure starts in `block`, in order. Statements are in text order, so they are one run, found by
 * binary search: filtering every statement for each of a report's blocks was most of its implied derivations.
 */
function statementsIn(statements: readonly Statement[], block: Block): readonly Statement[] {
  return statements.slice(firstFrom(statements, block.span.start), firstFrom(statements, block.span.end));
}

/** The index of the first statement whose figure starts at or after `offset`. */
function firstFrom(statements: readonly Statement[], offset: number): number {
  return countBefore(statements, (s) => s.figure.span.start < offset);
}

/** The one exports and one imports statement of a block, of one unit, geography, scope and period. */
interface TradePair {
  block: Block;
  exports: Statement;
  imports: Statement;
  period: string;
  scope: string;
  geography: string;
}

function tradePairs(statements: readonly Statement[], blocks: readonly Block[]): TradePair[] {
  const pairs: TradePair[] = [];
  for (const block of blocks) {
    const inBlock = statementsIn(statements, block).filter(isLevel);
    const exports = inBlock.filter((s) => s.key.measure === 'exports');
    const imports = inBlock.filter((s) => s.key.measure === 'imports');
    if (exports.length !== 1 || imports.length !== 1) continue;
    const [e, i] = [exports[0]!, imports[0]!];
    const period = blockPeriod(e, block);
    if (e.key.unit !== i.key.unit || e.key.scope !== i.key.scope || geography(e) !== geography(i) || period !== blockPeriod(i, block) || !period) continue;
    pairs.push({ block, exports: e, imports: i, period, scope: e.key.scope, geography: geography(e) });
  }
  return pairs;
}

/**
 * A slide's labelled exports and imports against the two-way trade total it states, when the sum nearly
 * meets the total: "**Exports** \$322.2 Billion / **Imports** \$475.6 Billion / ## 2023 Trade in goods /
 * \$798.8 Billion". Same scope: the sum must meet the total. A goods total under goods-and-services parts
 * is a part of their sum and may not exceed it (spec §2).
 */
function impliedTotals(document: DocumentAnalysis, statements: readonly Statement[], pairs: readonly TradePair[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  for (const pair of pairs) {
    const totals = statementsIn(statements, pair.block).filter(
      (s) =>
        isLevel(s) &&
        s.key.measure === 'trade' &&
        s.key.unit === pair.exports.key.unit &&
        geography(s) === pair.geography &&
        blockPeriod(s, pair.block) === pair.period &&
        (s.key.scope === pair.scope || NARROWER_SCOPES[s.key.scope]?.includes(pair.scope)) &&
        !PARTIAL_LIST.test(document.text.slice(s.figure.sentence.start, s.figure.sentence.end)),
    );
    const sumValue = pair.exports.figure.value + pair.imports.figure.value;
    // Other trade figures of the slide (a services estimate) are not its total: only one near the sum is.
    const near = totals.filter((s) => isNearMiss(sumValue, s.figure.value));
    if (near.length !== 1) continue;
    const total = near[0]!;
    const sum = add(pair.exports.interval, pair.imports.interval);
    const unit = total.figure.unit;
    let message: string;
    if (total.key.scope === pair.scope) {
      if (overlaps(sum, total.interval)) continue;
      message = `Exports + imports is ${formatAmount(sumValue, unit)}, not ${formatAmount(total.figure.value, unit)}`;
    } else if (NARROWER_SCOPES[total.key.scope]?.includes(pair.scope)) {
      if (!(total.interval.low > sum.high)) continue;
      message = `Exports + imports (${pair.scope}) is ${formatAmount(sumValue, unit)}, less than ${total.key.scope} trade alone, ${formatAmount(total.figure.value, unit)}`;
    } else continue;
    failures.push({ span: total.figure.span, message, from: partsOf(pair) });
  }
  return failures;
}

/**
 * A slide's goods and services figures of one measure against its goods-and-services total, when their
 * sum nearly meets it: "**Goods** \$793.8 Billion / **Services** \$120.1 Billion / **Total** \$915.9 Billion"
 * under a "Goods and services" heading.
 */
function scopeTotals(document: DocumentAnalysis, statements: readonly Statement[], blocks: readonly Block[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  for (const block of blocks) {
    const inBlock = statementsIn(statements, block).filter(
      (s) => isLevel(s) && !s.perTime && !PARTIAL_LIST.test(document.text.slice(s.figure.sentence.start, s.figure.sentence.end)),
    );
    for (const measure of new Set(inBlock.map((s) => s.key.measure))) {
      const ofScope = (scope: string) => inBlock.filter((s) => s.key.measure === measure && s.key.scope === scope);
      const [goods, services, totals] = [ofScope('goods'), ofScope('services'), ofScope('goods and services')];
      if (goods.length !== 1 || services.length !== 1) continue;
      const [g, v] = [goods[0]!, services[0]!];
      const period = blockPeriod(g, block);
      const alike = (s: Statement) => s.key.unit === g.key.unit && geography(s) === geography(g) && blockPeriod(s, block) === period;
      if (!period || !alike(v)) continue;
      const sumValue = g.figure.value + v.figure.value;
      const near = totals.filter((t) => alike(t) && isNearMiss(sumValue, t.figure.value));
      if (near.length !== 1) continue;
      const total = near[0]!;
      if (overlaps(add(g.interval, v.interval), total.interval)) continue;
      const unit = total.figure.unit;
      failures.push({
        span: total.figure.span,
        message: `Goods + services is ${formatAmount(sumValue, unit)}, not ${formatAmount(total.figure.value, unit)}`,
        from: [
          { span: g.figure.span, message: `goods: ${formatAmount(g.figure.value, g.figure.unit)}` },
          { span: v.figure.span, message: `services: ${formatAmount(v.figure.value, v.figure.unit)}` },
        ],
      });
    }
  }
  return failures;
}

/**
 * Imports − exports of a slide against a trade balance of the same scope, places and period stated
 * anywhere in the document, when the difference nearly meets it. A balance of unstated scope is compared
 * only when every trade figure of the document that states a scope states the pair's scope.
 */
function balancesAcrossBlocks(statements: readonly Statement[], blocks: readonly Block[], pairs: readonly TradePair[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  const statedScopes = new Set(statements.filter((s) => ['exports', 'imports', 'trade', 'trade balance'].includes(s.key.measure) && s.key.scope).map((s) => s.key.scope));
  for (const pair of pairs) {
    for (const balance of statements) {
      if (!isLevel(balance) || balance.key.measure !== 'trade balance' || balance.key.unit !== pair.exports.key.unit || geography(balance) !== pair.geography) continue;
      if (blockPeriod(balance, blockAt(blocks, balance.figure.span.start)) !== pair.period) continue;
      const sameScope = balance.key.scope === pair.scope || (!balance.key.scope && statedScopes.size === 1 && statedScopes.has(pair.scope));
      if (!sameScope) continue;
      const differenceValue = Math.abs(pair.imports.figure.value - pair.exports.figure.value);
      if (!isNearMiss(differenceValue, balance.figure.value)) continue;
      if (overlaps(absolute(subtract(pair.imports.interval, pair.exports.interval)), balance.interval)) continue;
      const unit = balance.figure.unit;
      failures.push({
        span: balance.figure.span,
        message: `Imports − exports is ${formatAmount(differenceValue, unit)}, not ${formatAmount(balance.figure.value, unit)}`,
        from: partsOf(pair),
      });
    }
  }
  return failures;
}

/**
 * Yearly amounts on consecutive lines restated per minute (day, hour…) after "means", "that is" or "or":
 * "\$798.8 Billion / Services trade est. \$50 b. / means / \$1.5 million dollars per minute". The amounts
 * are summed (a total plus an estimate is their sum) and converted with 1 year = 525,600 minutes = 365
 * days; they must lie in the restatement's innermost section and be bound to one year.
 */
function sumsPerTime(document: DocumentAnalysis, statements: readonly Statement[], blocks: readonly Block[]): FailedDerivation[] {
  const failures: FailedDerivation[] = [];
  for (let i = 1; i < statements.length; i++) {
    const rate = statements[i]!;
    const to = rate.perTime ? minutesIn(rate.perTime) : undefined;
    if (!to || rate.figure.change || rate.figure.range) continue;
    const last = statements[i - 1]!;
    if (!RESTATED_AS.test(document.text.slice((last.restatement ?? last.figure).span.end, rate.figure.span.start))) continue;
    const section = sectionAt(document, rate.figure.span.start);
    const addends: Statement[] = [];
    for (let j = i - 1; j >= 0 && addends.length <= MAX_ADDENDS; j--) {
      const a = statements[j]!;
      if (a.figure.span.start < section.start || a.perTime || !isLevel(a) || a.figure.unit.base !== rate.figure.unit.base) break;
      if (addends.length && !ADDEND_GAP.test(document.text.slice((a.restatement ?? a.figure).span.end, addends[0]!.figure.span.start))) break;
      addends.unshift(a);
    }
    if (!addends.length || addends.length > MAX_ADDENDS || holdsPartAndWhole(addends)) continue;
    const block = blockAt(blocks, rate.figure.span.start);
    const years = new Set(addends.map((a) => blockPeriod(a, block)));
    const year = [...years][0]!;
    if (years.size !== 1 || !/^\d{4}$/.test(year)) continue;
    if (addends.some((a) => PARTIAL_LIST.test(document.text.slice(a.figure.sentence.start, a.figure.sentence.end)))) continue;
    const yearly: Interval = addends.map((a) => a.interval).reduce(add);
    const expected = scale(yearly, to / minutesIn('year')!);
    if (overlaps(expected, rate.interval)) continue;
    const unit = rate.figure.unit;
    const sumValue = addends.reduce((acc, a) => acc + a.figure.value, 0);
    const what = addends.length > 1 ? `${addends.map((a) => formatAmount(a.figure.value, unit)).join(' + ')} = ${formatAmount(sumValue, unit)}` : formatAmount(sumValue, unit);
    failures.push({
      span: rate.figure.span,
      message: `${what} in ${year} is ${formatInterval(expected, unit)} a ${rate.perTime}, not ${formatAmount(rate.figure.value, unit, rate.perTime)}`,
      from: addends.map((a) => ({ span: a.figure.span, message: `summed: ${formatAmount(a.figure.value, a.figure.unit)}` })),
    });
  }
  return failures;
}

/**
 * Amounts that are not disjoint, so their sum means nothing: a total and one of its flows ("trade" and
 * "exports" of one scope) or one scope and a scope inside it (goods and goods-and-services trade).
 */
function holdsPartAndWhole(addends: readonly Statement[]): boolean {
  return addends.some((a, i) =>
    addends.some(
      (b, j) =>
        i !== j &&
        ((a.key.measure === b.key.measure && a.key.scope === b.key.scope) ||
          (a.key.measure === 'trade' && ['exports', 'imports'].includes(b.key.measure) && (a.key.scope === b.key.scope || NARROWER_SCOPES[b.key.scope]?.includes(a.key.scope))) ||
          (a.key.measure === b.key.measure && NARROWER_SCOPES[a.key.scope]?.includes(b.key.scope))),
    ),
  );
}

/** A statement of a level: not a change, range, share or rate. */
function isLevel(s: Statement): boolean {
  return !s.figure.change && !s.figure.range && s.figure.unit.dimension !== 'percent';
}

function geography(s: Statement): string {
  return s.key.geography.join('–');
}

/** The derived value misses the stated one, but by less than NEAR_MISS of it. */
function isNearMiss(derived: number, stated: number): boolean {
  return stated > 0 && Math.abs(derived - stated) / stated <= NEAR_MISS;
}

function partsOf(pair: TradePair): FailedDerivation['from'] {
  return [
    { span: pair.exports.figure.span, message: `exports: ${formatAmount(pair.exports.figure.value, pair.exports.figure.unit)}` },
    { span: pair.imports.figure.span, message: `imports: ${formatAmount(pair.imports.figure.value, pair.imports.figure.unit)}` },
  ];
}
