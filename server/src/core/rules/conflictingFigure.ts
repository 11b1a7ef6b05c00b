/**
 * `conflicting-figure` (warning): two or more statements of one quantity, for one period, whose intervals
 * do not overlap — in one document or across documents (spec §4).
 *
 * A figure is an interval (precision and hedges, spec §1); two statements are compared only when their
 * quantity keys are equal (subject, measure, scope, share, geography, unit — `conflicts/quantityKey.ts`)
 * and their periods allow it (`conflicts/periods.ts`). Each statement involved gets one diagnostic whose
 * related information points at every statement it contradicts.
 *
 * @example
 * 001.txt: "along the 3175 kilometers of shared border"
 * 004.txt: "1990-mile border (3,201 km)"
 * → on each: "Length of the U.S.–Mexico border: 3,175 km here, but 3,201 km (1,990 mi) in 004.txt"
 * Ranks (`conflicts/ranks.ts`): "the fourth-largest trading partner … in 2022" against "fifth-largest … in 2022"
 * → "Rank of Japan among U.S. trading partners (2022): 4th here, but 5th in report.txt".
 * Records (`conflicts/records.ts`): "the 2023 goods deficit, \$71.2 billion, was the highest ever" against
 * "the goods deficit reached \$74.1 billion in 2021" (a higher value for an earlier period) flags both.
 * Table citations (`conflicts/citations.ts`): "life expectancy at birth reached 72.4 years (see Table 1)" in a
 * sentence naming Mexico, where Table 1's "Life expectancy at birth" row has 75.1 under "Mexico"
 * → "Life expectancy at birth (years), Mexico: 72.4 years here, but 75.1 in Table 1 (Health indicators)".
 * Not flagged: "our 2,000-mile border" (1,500–2,500 mi holds both), "over a million" against "1.6 million".
 */
import { textSlice } from '../compactText';
import { conflictMove, documentName, isInConflict, formatStatement, quantityName, workspaceConflicts, type Conflict } from '../conflicts/conflicts';
import { workspaceCitationConflicts, type CitationConflict } from '../conflicts/citations';
import { periodLabel } from '../conflicts/periods';
import { recordConflictMove, workspaceRecordConflicts, type RecordConflict } from '../conflicts/records';
import { ordinal, rankConflictMove, rankName, workspaceRankConflicts, type RankClaim, type RankConflict } from '../conflicts/ranks';
import { firstAtOrAfter, type Placed } from '../conflicts/moves';
import { statementsOf, type Statement } from '../conflicts/statements';
import type { DocumentAnalysis } from '../document';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { pushTo } from '../collections';
import type { TextFix } from '../types';
import type { RuleReport, WorkspaceRule } from './rule';

export const conflictingFigure: WorkspaceRule = {
  id: 'conflicting-figure',
  defaultSeverity: 'warning',
  summary: 'Two statements of one quantity for one period disagree (their value ranges do not overlap), two rank claims for one ranking and period disagree, a stated record is exceeded by an earlier value, or a figure disagrees with every candidate cell of the table it cites ("see Table 1") — in one document or across documents.',
  scope: 'workspace',
  check(index: WorkspaceIndex): RuleReport[] {
    const reports: RuleReport[] = [];
    for (const conflict of workspaceConflicts(index)) reports.push(...conflictReports(index, conflict));
    reports.push(...rankReports(index), ...recordReports(index), ...citationReports(index));
    return reports;
  },
};

/**
 * A conflict's reports, made once: conflicts of groups an edit did not touch are the same objects on the
 * next pass (conflicts.ts, ranks.ts, records.ts reuse them), and their statements belong to unchanged
 * analyses, so their messages, places and fixes still hold.
 */
function reportsOnce(conflict: object, make: () => RuleReport[]): RuleReport[] {
  let reports = reportsByConflict.get(conflict);
  if (!reports) reportsByConflict.set(conflict, (reports = make()));
  return reports;
}

const reportsByConflict = new WeakMap<object, RuleReport[]>();

/** One report per statement of the conflict, in its order. */
function conflictReports(index: WorkspaceIndex, conflict: Conflict): RuleReport[] {
  return reportsOnce(conflict, () => {
    const name = quantityName(conflict.key, conflict.period);
    // A conflict whose statements only moved in their documents (typing above them) has the reports of the
    // conflict before, but for the places of the moved statements (`movedReport`).
    const move = conflictMove(index, conflict);
    const before = move && reportsByConflict.get(move.previous);
    if (!move || !before) return conflict.statements.map((statement) => statementReport(index, conflict, name, statement));
    // Statements of one value share their list of opponents, and so their related sample: whether its places moved
    // is found once per list, not per report (a conflict among copies of a report has hundreds of statements). The
    // sample is taken by value and order, which a move keeps: the one before, with the moved statements put in.
    const samples = new Map<readonly Statement[], { now: readonly Statement[]; same: boolean }>();
    for (const [was, list] of move.lists) {
      if (was === list) continue;
      const sample = relatedSample(was, () => byValue(was));
      const now = sample.map((s) => move.moved.get(s) ?? s);
      samples.set(list, { now, same: sameSample(sample, now) });
      // The next move of this list finds its sample without grouping it by value.
      if (list.length > MAX_RELATED) sampleByList.set(list, now);
    }
    const reports = before.slice();
    const remake = (i: number) => (reports[i] = statementReport(index, conflict, name, conflict.statements[i]!));
    if ([...samples.values()].every((sample) => sample.same)) {
      // No related place of another document's statement moved: only the moved statements' reports are made again.
      for (const uri of move.uris) {
        for (let i = firstAtOrAfter(conflict.statements, uri); i < conflict.statements.length && conflict.statements[i]!.uri === uri; i++) {
          if (move.previous.statements[i] !== conflict.statements[i]) remake(i);
        }
      }
      return reports;
    }
    conflict.statements.forEach((statement, i) => {
      if (move.previous.statements[i] !== statement) return remake(i);
      const sample = samples.get(conflict.against.get(statement)!);
      if (!sample || sample.same) return;
      const moved = movedReport(before[i]!, sample.now);
      if (moved) reports[i] = moved;
      else remake(i);
    });
    return reports;
  });
}

function statementReport(index: WorkspaceIndex, conflict: Conflict, name: string, statement: Statement): RuleReport {
  const others = conflict.against.get(statement)!;
  const groups = byValue(others);
  return {
    uri: statement.uri,
    span: statement.span,
    message: `${name}: ${formatStatement(statement)} here, but ${joinAnd([...groups].map(([value, list]) => `${value} ${placesOf(index, statement, list)}`))}`,
    related: relatedSample(others, groups).map((other) => ({ uri: other.uri, span: other.span, message: `${name}: ${formatStatement(other)}` })),
    fingerprint: conflict.fingerprint,
    fixes: distinctFixes([...groups.values()].flatMap(([first]) => fixFor(index, statement, first!))),
  };
}

/**
 * The report of a statement (or claim) that did not move, in a conflict whose other statements moved
 * (`conflictMove`), from the report it had and its related sample now: the report it had, with the related places
 * at the moved statements' new places. Its message and fixes name the moved statements' values and documents, which
 * a move keeps, and places in its own document, which did not change (a document with a moved statement has only
 * new statements); its related sample is taken by value and order, which a move keeps too. `undefined` if the
 * sample does not match the report's related places.
 */
function movedReport(previous: RuleReport, sample: readonly Placed[]): RuleReport | undefined {
  const related = previous.related!;
  if (sample.length !== related.length) return undefined;
  let same = true;
  for (let j = 0; j < sample.length && same; j++) same = sample[j]!.uri === related[j]!.uri && sample[j]!.span.start === related[j]!.span.start && sample[j]!.span.end === related[j]!.span.end;
  if (same) return previous;
  return { ...previous, related: sample.map((other, j) => ({ uri: other.uri, span: other.span, message: related[j]!.message })) };
}

/** Whether two related samples link the same places. */
function sameSample(a: readonly Placed[], b: readonly Placed[]): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) {
    const x = a[j]!;
    const y = b[j]!;
    if (x !== y && (x.uri !== y.uri || x.span.start !== y.span.start || x.span.end !== y.span.end)) return false;
  }
  return true;
}

/**
 * Figures that disagree with the table cell they cite (spec §4, `conflicts/citations.ts`):
 * "Life expectancy at birth (years), Mexico: 72.4 years here, but 75.1 in Table 1 (Health indicators)".
 * A figure already reported as disagreeing with other statements of its quantity is not reported twice.
 */
function citationReports(index: WorkspaceIndex): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const conflict of workspaceCitationConflicts(index)) {
    // A figure already in conflict with other statements of its quantity keeps that one diagnostic. Looked up from
    // the few citing figures: going through the statements of every conflict cost milliseconds per keystroke.
    const statement = statementsOf(index.get(conflict.uri)!).find((s) => s.figure.span.start === conflict.figure.span.start);
    if (statement && isInConflict(index, statement)) continue;
    let report = citationReportOf.get(conflict);
    if (!report) citationReportOf.set(conflict, (report = citationReport(conflict)));
    reports.push(report);
  }
  return reports;
}

/** A citation conflict's report depends on it alone (its document's figure, table and caption): made once. */
const citationReportOf = new WeakMap<CitationConflict, RuleReport>();

function citationReport(conflict: CitationConflict): RuleReport {
  const { figure, caption, cells } = conflict;
  const table = `Table ${caption.number}`;
  const name = cells.length === 1 && cells[0]!.series ? `${conflict.measure}, ${cells[0]!.series}` : conflict.measure;
  const values = cells.length === 1 ? cells[0]!.value : joinAnd(cells.map((c) => `${c.value} (${c.series})`));
  return {
    uri: conflict.uri,
    span: figure.span,
    message: `${name}: ${conflict.value} here, but ${values} in ${table} (${caption.text})`,
    related: [
      ...cells.map((c) => ({ uri: conflict.uri, span: c.figure.span, message: `${table}, ${conflict.measure}${c.series ? ` × ${c.series}` : ''}: ${c.value}` })),
      { uri: conflict.uri, span: caption.span, message: `${table}. ${caption.text}` },
    ],
    fingerprint: conflict.fingerprint,
  };
}

/**
 * Records contradicted by a higher value for an earlier period (spec §4, records):
 * "Goods trade balance (Japan–U.S.): a record $71.2 billion in 2023 here, but $74.1 billion in 2021 in report.txt",
 * and on the higher value: "… $74.1 billion in 2021 here, but the record in 2023 is $71.2 billion in deck.md".
 */
function recordReports(index: WorkspaceIndex): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const conflict of workspaceRecordConflicts(index)) reports.push(...reportsOnce(conflict, () => recordReportsOf(index, conflict)));
  return reports;
}

/** A record conflict's reports: on the record, then on each higher statement. */
function recordReportsOf(index: WorkspaceIndex, conflict: RecordConflict): RuleReport[] {
  // Statements that only moved: the reports of the conflict before, but for their places (as `conflictReports`).
  const move = recordConflictMove(index, conflict);
  const before = move && reportsByConflict.get(move.previous);
  if (!before) return recordConflictReports(index, conflict);
  let fresh: RuleReport[] | undefined;
  const made = (i: number) => (fresh ??= recordConflictReports(index, conflict))[i]!;
  const r = conflict.record.statement;
  const onRecord = move.previous.record.statement === r ? movedReport(before[0]!, relatedSample(conflict.higher, () => byValueAndPeriod(conflict.higher))) : undefined;
  return [onRecord ?? made(0), ...conflict.higher.map((h, i) => (move.previous.higher[i] === h ? movedReport(before[i + 1]!, [r]) : undefined) ?? made(i + 1))];
}

/** The higher values of a record conflict by value and period, as its message names them. */
function byValueAndPeriod(higher: readonly Statement[]): Map<string, Statement[]> {
  const groups = new Map<string, Statement[]>();
  for (const h of higher) pushTo(groups, `${formatStatement(h)}${when(h)}`, h);
  return groups;
}

/** " in 2021": a statement's period for messages, or '' when it has none. */
function when(s: Statement): string {
  const label = periodLabel(s.figure.period ?? s.restatement?.period);
  return label ? ` in ${label}` : '';
}

function recordConflictReports(index: WorkspaceIndex, { record, higher, fingerprint }: RecordConflict): RuleReport[] {
  const r = record.statement;
  const name = quantityName(r.key, '');
  const groups = byValueAndPeriod(higher);
  const reports: RuleReport[] = [{
    uri: r.uri,
    span: r.span,
    message: `${name}: a record ${formatStatement(r)}${when(r)} here, but ${joinAnd([...groups].map(([value, list]) => `${value} ${placesOf(index, r, list)}`))}`,
    related: relatedSample(higher, groups).map((h) => ({ uri: h.uri, span: h.span, message: `${name}: ${formatStatement(h)}${when(h)}` })),
    fingerprint,
  }];
  for (const h of higher) {
    reports.push({
      uri: h.uri,
      span: h.span,
      message: `${name}: ${formatStatement(h)}${when(h)} here, but the record${when(r)} is ${formatStatement(r)} ${whereOf(index, h, r)}`,
      related: [{ uri: r.uri, span: r.span, message: `${name}: a record ${formatStatement(r)}${when(r)}` }],
      fingerprint,
    });
  }
  return reports;
}

/** Rank claims that disagree (spec §4, ranks): "Rank of Japan among U.S. trading partners (2022): 4th here, but 5th in report.txt". */
function rankReports(index: WorkspaceIndex): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const conflict of workspaceRankConflicts(index)) {
    reports.push(...reportsOnce(conflict, () => {
      // Claims that only moved: the reports of the conflict before, but for their places (as `conflictReports`).
      const move = rankConflictMove(index, conflict);
      const before = move && reportsByConflict.get(move.previous);
      return conflict.claims.map((claim, i) => {
        const others = conflict.against.get(claim)!;
        const previous = before && move.previous.claims[i] === claim ? before[i] : undefined;
        if (!previous) return rankReport(index, conflict, claim, others);
        // The sample before, with the moved claims put in (taken by holder, rank and order, which a move keeps).
        const was = move!.previous.against.get(claim)!;
        const sample = relatedSample(was, () => byRank(claim, was)).map((c) => move!.moved.get(c) ?? c);
        if (others.length > MAX_RELATED) sampleByList.set(others, sample);
        return movedReport(previous, sample) ?? rankReport(index, conflict, claim, others);
      });
    }));
  }
  return reports;
}

function rankReport(index: WorkspaceIndex, conflict: RankConflict, claim: RankClaim, others: readonly RankClaim[]): RuleReport {
  const groups = byRank(claim, others);
  return {
    uri: claim.uri,
    span: claim.span,
    message: `${rankName(claim)}: ${ordinal(claim.rank)} here, but ${joinAnd([...groups].map(([value, list]) => `${value} ${placesOf(index, claim, list)}`))}`,
    related: relatedSample(others, groups).map((other) => ({ uri: other.uri, span: other.span, message: `${rankName(other)}: ${ordinal(other.rank)}` })),
    fingerprint: conflict.fingerprint,
  };
}

/** Copies of a report repeat one claim in many places: the others by holder and rank, for one entry per holder and rank. */
function byRank(claim: RankClaim, others: readonly RankClaim[]): Map<string, RankClaim[]> {
  const groups = new Map<string, RankClaim[]>();
  for (const other of others) pushTo(groups, `${other.holder === claim.holder ? '' : `${other.holder} `}${ordinal(other.rank)}`, other);
  return groups;
}

function whereOf(index: WorkspaceIndex, here: { uri: string }, other: { uri: string; span: { start: number } }): string {
  if (other.uri !== here.uri) return `in ${documentName(other.uri)}`;
  const document = index.get(other.uri);
  return document ? `on line ${document.lines.positionAt(other.span.start).line + 1}` : 'in this document';
}

/**
 * Related information lists at most this many other statements. A real conflict involves a handful; only a
 * workspace of many copies of one report reaches it, where a thousand links per diagnostic would help nobody
 * and cost quadratic memory (50 per diagnostic made 140 MB of diagnostics on the 2,000-document benchmark).
 * The message still counts every one, and the Compare Statements view lists them all.
 */
const MAX_RELATED = 20;

/**
 * The others to link, in their order (URI, then text): all of them up to MAX_RELATED, else places taken in
 * turn from each group of one value, so every value the message names keeps its first places linked.
 */
function relatedSample<T>(others: readonly T[], groups: ReadonlyMap<string, readonly T[]> | (() => ReadonlyMap<string, readonly T[]>)): readonly T[] {
  if (others.length <= MAX_RELATED) return others;
  let sample = sampleByList.get(others) as readonly T[] | undefined;
  if (!sample) {
    const chosen = new Set<T>();
    const lists = [...(typeof groups === 'function' ? groups() : groups).values()];
    for (let turn = 0; chosen.size < MAX_RELATED; turn++) {
      for (const list of lists) if (turn < list.length && chosen.size < MAX_RELATED) chosen.add(list[turn]!);
    }
    sampleByList.set(others, (sample = others.filter((other) => chosen.has(other))));
  }
  return sample;
}

const sampleByList = new WeakMap<readonly unknown[], readonly unknown[]>();

// A workspace holding many copies of a report states one value in dozens of places: name a few, count the rest.
const PLACES_NAMED_PER_VALUE = 3;

/** "in 004.txt, in 005.txt, on line 12 and 7 other places": where the others of one value are, seen from `here`. */
function placesOf(index: WorkspaceIndex, here: { uri: string }, others: readonly { uri: string; span: { start: number } }[]): string {
  const where = (list: readonly { uri: string; span: { start: number } }[]) => list.map((other) => whereOf(index, here, other));
  if (others.length <= PLACES_NAMED_PER_VALUE + 1) return joinAnd(where(others));
  return `${where(others.slice(0, PLACES_NAMED_PER_VALUE)).join(', ')} and ${others.length - PLACES_NAMED_PER_VALUE} other places`;
}

/**
 * The statements grouped by their value in normalised form, in order of first appearance. Statements of one
 * value share their list of opponents (conflicts.ts), so the grouping is cached by that list.
 */
function byValue(statements: readonly Statement[]): ReadonlyMap<string, readonly Statement[]> {
  let groups = groupsByList.get(statements);
  if (!groups) {
    const grouped = new Map<string, Statement[]>();
    for (const statement of statements) pushTo(grouped, formatStatement(statement), statement);
    groupsByList.set(statements, (groups = grouped));
  }
  return groups;
}

const groupsByList = new WeakMap<readonly Statement[], ReadonlyMap<string, readonly Statement[]>>();

/** One quick fix per distinct edit: many documents stating the same value offer the same rewrite. */
function distinctFixes(fixes: readonly TextFix[]): TextFix[] {
  const seen = new Set<string>();
  return fixes.filter((fix) => {
    const key = `${fix.span.start}:${fix.span.end}:${fix.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const NUMBER_IN_TEXT = /\d[\d,.\s]*\d|\d/;

/**
 * "Use the value stated in <document>": rewrites this statement's number to the other statement's value,
 * expressed in this statement's unit and scale ("3175 kilometers" → "3201 kilometers"). Offered only for
 * plain, unhedged numbers of the same dimension, where the rewrite is unambiguous.
 */
function fixFor(index: WorkspaceIndex, here: Statement, other: Statement): TextFix[] {
  // Statements are cached per analysis, so a pair's fix stays valid until either document changes.
  let byOther = fixesByStatement.get(here);
  if (!byOther) fixesByStatement.set(here, (byOther = new WeakMap()));
  let fixes = byOther.get(other);
  if (!fixes) byOther.set(other, (fixes = computeFix(index, here, other)));
  return fixes;
}

const fixesByStatement = new WeakMap<Statement, WeakMap<Statement, TextFix[]>>();

/**
 * The formatter `toLocaleString('en-US', …)` would make for these options, made once: making one per call was most of
 * a fix's cost, and the statements of an edited report have their fixes made again on every keystroke.
 */
function numberFormat(decimals: number, grouped: boolean): Intl.NumberFormat {
  const key = decimals * 2 + (grouped ? 1 : 0);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouped })));
  return format;
}

const numberFormats = new Map<number, Intl.NumberFormat>();

function computeFix(index: WorkspaceIndex, here: Statement, other: Statement): TextFix[] {
  const document: DocumentAnalysis | undefined = index.get(here.uri);
  const figure = here.figure;
  if (!document || figure.range || other.figure.range || other.figure.unit.dimension !== figure.unit.dimension) return [];
  const valueText = textSlice(document, figure.valueSpan.start, figure.valueSpan.end);
  const match = NUMBER_IN_TEXT.exec(valueText);
  if (!match) return [];
  const stated = Number(match[0].replace(/[,\s]/g, ''));
  if (!(stated > 0) || !(figure.value > 0)) return [];
  const perStated = figure.value / stated; // base units per written unit: scale word and unit factor together
  const target = other.restatement && other.restatement.unit.stated === figure.unit.stated ? other.restatement : other.figure;
  const replacement = target.value / perStated;
  const decimals = Math.max(0, Math.min(3, -Math.floor(Math.log10(target.step / perStated) + 1e-9)));
  const grouped = /,/.test(match[0]);
  const newNumber = numberFormat(decimals, grouped).format(replacement);
  const start = figure.valueSpan.start + match.index;
  return [{ title: `Use the value stated ${whereOf(index, here, other)}`, uri: here.uri, span: { start, end: start + match[0].length }, newText: newNumber }];
}
