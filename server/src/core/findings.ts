import { detached } from './detached';
import { isDisabled } from './disableComments';
import type { DocumentAnalysis } from './document';
import type { WorkspaceIndex } from './index/workspaceIndex';
import { rules as allRules } from './rules/index';
import type { DocumentRule, Rule, RuleReport } from './rules/rule';
import type { Finding, Severity, Waiver } from './types';

/** Per-rule severity overrides from settings; 'off' turns a rule off. */
export type RuleSeverities = Readonly<Record<string, Severity | 'off'>>;

/** Told when a rule throws; the pass goes on without that rule's reports (on that document, for a document rule). */
export type RuleFailure = (ruleId: string, error: unknown) => void;

// Document rules depend on their document alone: cache their reports per analysis object.
const documentReports = new WeakMap<DocumentAnalysis, Map<string, RuleReport[]>>();

/**
 * Runs every rule over the index and returns the findings of every indexed document (an empty list
 * for a document without any), each list sorted by position, then rule id, then message — the same
 * workspace always gives the same findings in the same order. Findings on lines disabled by an inline
 * comment (`disableComments.ts`) and findings whose fingerprint a reviewer waived are left out.
 *
 * A pass over an index that the last pass (with the same rules, severities and waivers) saw with the same documents
 * patches that pass: each workspace rule's reports are compared with its last ones (the same objects where nothing
 * changed: rules reuse the reports of unchanged documents and conflicts), and only the documents that changed or
 * whose reports changed get new lists. Sorting reports into 2,005 documents on every keystroke cost ~10 ms.
 *
 * With `failed`, a rule that throws is left out of the pass and `failed` told, so that one rule's bug does not take
 * every other rule's diagnostics with it; without it, the error is thrown (the command line and the tests).
 */
export function computeFindings(
  index: WorkspaceIndex,
  severities: RuleSeverities = {},
  rules: readonly Rule[] = allRules,
  waivers: readonly Waiver[] = NO_WAIVERS,
  failed?: RuleFailure,
): Map<string, Finding[]> {
  flatMessages.clear();
  const active = rules.flatMap((rule) => {
    const severity = severities[rule.id] ?? rule.defaultSeverity;
    return severity === 'off' ? [] : [{ rule: failed ? guarded(rule, failed) : rule, severity }];
  });
  const last = lastPasses.get(index);
  const sameSettings = last !== undefined && last.rules === rules && sameSeverities(last.severities, severities) && sameItems(last.waivers, waivers);
  const waived = new Set(waivers.map((waiver) => `${waiver.rule}\n${waiver.fingerprint}`));
  const ruleReports = active.map(({ rule }) => (rule.scope === 'workspace' ? rule.check(index) : NO_REPORT_LIST));
  // The documents set or deleted since the last pass; the same URIs (the same sorted list) mean none came or went.
  const changes = sameSettings && last.uris === index.uris() ? index.changesSince(last.generation) : undefined;
  let pass: Pass;
  try {
    pass = changes ? patched(index, last!, active, ruleReports, changes, waived) : fresh(index, active, ruleReports, waived);
  } finally {
    // Its keys are the messages as built: kept, they would keep every part of them.
    flatMessages.clear();
  }
  lastPasses.set(index, { rules, severities, waivers, ...pass });
  return pass.findings;
}

/** What a pass computed, to patch on the next one. */
interface Pass {
  generation: number;
  uris: readonly string[];
  /** Per active rule, the workspace rule's reports (none for a document rule). */
  ruleReports: readonly (readonly RuleReport[])[];
  documents: Map<string, DocumentFindings>;
  findings: Map<string, Finding[]>;
}

/** What a pass computed a document's findings from, and the findings. */
interface DocumentFindings {
  document: DocumentAnalysis;
  /** The workspace rules' reports on the document, in no particular order, with the index in `active` of each one's rule. */
  reports: WorkspaceReports;
  findings: Finding[];
}

interface WorkspaceReports {
  reports: RuleReport[];
  rules: number[];
}

const lastPasses = new WeakMap<WorkspaceIndex, { rules: readonly Rule[]; severities: RuleSeverities; waivers: readonly Waiver[] } & Pass>();

const NO_REPORT_LIST: readonly RuleReport[] = [];

/** Every document's findings from every report. */
function fresh(index: WorkspaceIndex, active: readonly ActiveRule[], ruleReports: readonly (readonly RuleReport[])[], waived: ReadonlySet<string>): Pass {
  const workspaceReports = new Map<string, WorkspaceReports>();
  ruleReports.forEach((reports, r) => {
    for (const report of reports) {
      const bucket = workspaceReports.get(report.uri);
      if (!bucket) workspaceReports.set(report.uri, { reports: [report], rules: [r] });
      else {
        bucket.reports.push(report);
        bucket.rules.push(r);
      }
    }
  });
  const documents = new Map<string, DocumentFindings>();
  const findings = new Map<string, Finding[]>();
  for (const uri of index.uris()) {
    const document = index.get(uri)!;
    const reports = workspaceReports.get(uri) ?? { reports: [], rules: [] };
    const current = { document, reports, findings: findingsOf(document, active, reports, waived) };
    documents.set(uri, current);
    findings.set(uri, current.findings);
  }
  return { generation: index.generation, uris: index.uris(), ruleReports, documents, findings };
}

/**
 * The last pass with what changed since: documents re-analysed (`changes`, the same URIs as then) and reports that
 * are not the same objects at the same places of a rule's list (where the list kept its length; else between its
 * common start and end). Other documents keep their reports and findings.
 */
function patched(
  index: WorkspaceIndex,
  last: Pass,
  active: readonly ActiveRule[],
  ruleReports: readonly (readonly RuleReport[])[],
  changes: ReadonlySet<string>,
  waived: ReadonlySet<string>,
): Pass {
  const gone = new Map<string, Map<RuleReport, number>>();
  const come = new Map<string, WorkspaceReports>();
  const leave = (report: RuleReport) => {
    let counts = gone.get(report.uri);
    if (!counts) gone.set(report.uri, (counts = new Map()));
    counts.set(report, (counts.get(report) ?? 0) + 1);
  };
  const enter = (report: RuleReport, r: number) => {
    const bucket = come.get(report.uri);
    if (!bucket) come.set(report.uri, { reports: [report], rules: [r] });
    else {
      bucket.reports.push(report);
      bucket.rules.push(r);
    }
  };
  ruleReports.forEach((now, r) => {
    const before = last.ruleReports[r]!;
    if (before === now) return;
    if (before.length === now.length) {
      for (let i = 0; i < now.length; i++) {
        if (before[i] === now[i]) continue;
        leave(before[i]!);
        enter(now[i]!, r);
      }
      return;
    }
    let head = 0;
    while (head < before.length && head < now.length && before[head] === now[head]) head++;
    let tail = 0;
    while (tail < before.length - head && tail < now.length - head && before[before.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
    for (let i = head; i < before.length - tail; i++) leave(before[i]!);
    for (let i = head; i < now.length - tail; i++) enter(now[i]!, r);
  });
  const documents = new Map(last.documents);
  const findings = new Map(last.findings);
  for (const uri of new Set([...changes, ...gone.keys(), ...come.keys()])) {
    const document = index.get(uri)!;
    const previous = last.documents.get(uri)!;
    const left = gone.get(uri);
    const added = come.get(uri);
    let reports = previous.reports;
    if (left || added) {
      reports = { reports: [], rules: [] };
      previous.reports.reports.forEach((report, i) => {
        const count = left?.get(report);
        if (count) left!.set(report, count - 1);
        else {
          reports.reports.push(report);
          reports.rules.push(previous.reports.rules[i]!);
        }
      });
      if (added) {
        reports.reports.push(...added.reports);
        reports.rules.push(...added.rules);
      }
    }
    if (reports === previous.reports && document === previous.document) continue;
    const current = { document, reports, findings: findingsOf(document, active, reports, waived) };
    documents.set(uri, current);
    findings.set(uri, current.findings);
  }
  return { generation: index.generation, uris: index.uris(), ruleReports, documents, findings };
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

/** The default: a fresh `[]` per call would look like new waivers and start every pass from scratch. */
const NO_WAIVERS: readonly Waiver[] = [];

/** One document's findings: its document rules' reports, then the workspace rules' (`workspace`), sorted. */
function findingsOf(
  document: DocumentAnalysis,
  active: readonly ActiveRule[],
  workspace: WorkspaceReports,
  waived: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: Rule, severity: Severity, report: RuleReport) => {
    if (waived.size > 0 && report.fingerprint !== undefined && waived.has(`${rule.id}\n${report.fingerprint}`)) return;
    let finding = findingByReport.get(report);
    if (finding === undefined || (finding !== null && (finding.severity !== severity || finding.ruleId !== rule.id))) {
      finding = isDisabled(document, report.span.start, rule.id) ? null : findingOf(rule.id, severity, report);
      findingByReport.set(report, finding);
    }
    if (finding) findings.push(finding);
  };
  for (const { rule, severity } of active) {
    if (rule.scope === 'document') for (const report of documentReportsOf(rule, document)) add(rule, severity, report);
  }
  workspace.reports.forEach((report, i) => {
    const { rule, severity } = active[workspace.rules[i]!]!;
    add(rule, severity, report);
  });
  return findings.sort(compareFindings);
}

function documentReportsOf(rule: DocumentRule, document: DocumentAnalysis): RuleReport[] {
  let cached = documentReports.get(document);
  if (!cached) documentReports.set(document, (cached = new Map()));
  let reports = cached.get(rule.id);
  if (!reports) cached.set(rule.id, (reports = rule.check(document)));
  return reports;
}

/** `rule` with its check returning no reports, and telling `failed`, when it throws. */
function guarded(rule: Rule, failed: RuleFailure): Rule {
  const attempt = <T,>(check: () => T, none: T): T => {
    try {
      return check();
    } catch (error) {
      failed(rule.id, error);
      return none;
    }
  };
  return rule.scope === 'document'
    ? { ...rule, check: (document: DocumentAnalysis) => attempt(() => rule.check(document), []) }
    : { ...rule, check: (index: WorkspaceIndex) => attempt(() => rule.check(index), NO_REPORT_LIST) };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameSeverities(a: RuleSeverities, b: RuleSeverities): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Findings made from reports, by report: rules reuse the reports of unchanged documents and conflicts, so an
 * edit makes findings only for what changed (`null`: disabled by an inline comment in its unchanged document).
 */
const findingByReport = new WeakMap<RuleReport, Finding | null>();

function findingOf(ruleId: string, severity: Severity, report: RuleReport): Finding {
  flattenMessages(report);
  return {
    ruleId,
    severity,
    uri: report.uri,
    span: report.span,
    message: report.message,
    related: report.related ?? [],
    ...(report.fingerprint !== undefined ? { fingerprint: report.fingerprint } : {}),
    ...(report.fixes ? { fixes: report.fixes } : {}),
  };
}

/**
 * Replaces, in place, the report's messages (its own and its related places') with flat copies. A message built by
 * concatenation is a tree of its parts in V8, one string object per part, kept as long as the finding is: ~320,000
 * of them for the findings of 600 benchmark documents.
 */
function flattenMessages(report: RuleReport): void {
  report.message = flatMessage(report.message);
  for (const related of report.related ?? []) related.message = flatMessage(related.message);
}

/** One flat copy per distinct message of a pass: a message many reports share (a rule's fixed text) stays one string. */
function flatMessage(message: string): string {
  let flat = flatMessages.get(message);
  if (flat === undefined) flatMessages.set(message, (flat = detached(message)));
  return flat;
}

/** The flat messages of the pass under way (cleared as it starts and ends: reports keep theirs). */
const flatMessages = new Map<string, string>();

/**
 * Position, then rule id, then message; findings equal in these (rare: a value stated twice in one place, two records
 * of one value in documents of one name) by the rest of their content, so the order never depends on the order rules
 * reported them in, which a pass that patches the last one's lists does not keep.
 */
function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message) || compareRest(a, b);
}

function compareRest(a: Finding, b: Finding): number {
  const byRelated = a.related.length - b.related.length || compareText(a.severity, b.severity) || compareText(a.fingerprint ?? '', b.fingerprint ?? '') || (a.fingerprint === undefined ? 0 : 1) - (b.fingerprint === undefined ? 0 : 1);
  if (byRelated) return byRelated;
  for (let i = 0; i < a.related.length; i++) {
    const x = a.related[i]!;
    const y = b.related[i]!;
    const order = compareText(x.uri, y.uri) || x.span.start - y.span.start || x.span.end - y.span.end || compareText(x.message, y.message);
    if (order) return order;
  }
  const fa = a.fixes ?? [];
  const fb = b.fixes ?? [];
  if (fa.length !== fb.length || (a.fixes === undefined) !== (b.fixes === undefined)) return fa.length - fb.length || (a.fixes === undefined ? -1 : 1);
  for (let i = 0; i < fa.length; i++) {
    const x = fa[i]!;
    const y = fb[i]!;
    const order = compareText(x.title, y.title) || compareText(x.uri, y.uri) || x.span.start - y.span.start || x.span.end - y.span.end || compareText(x.newText, y.newText);
    if (order) return order;
  }
  return 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
