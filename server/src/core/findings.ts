import { isDisabled } from './disableComments';
import type { DocumentAnalysis } from './document';
import type { WorkspaceIndex } from './index/workspaceIndex';
import { rules as allRules } from './rules/index';
import type { DocumentRule, Rule, RuleReport } from './rules/rule';
import type { Finding, Severity, Waiver } from './types';

/** Per-rule severity overrides from settings; 'off' turns a rule off. */
export type RuleSeverities = Readonly<Record<string, Severity | 'off'>>;

// Document rules depend on their document alone: cache their reports per analysis object.
const documentReports = new WeakMap<DocumentAnalysis, Map<string, RuleReport[]>>();

/**
 * Runs every rule over the index and returns the findings of every indexed document (an empty list
 * for a document without any), each list sorted by position, then rule id, then message — the same
 * workspace always gives the same findings in the same order. Findings on lines disabled by an inline
 * comment (`disableComments.ts`) and findings whose fingerprint a reviewer waived are left out.
 *
 * A document whose analysis and reports are the same objects as in the last pass over this index (with the
 * same rules, severities and waivers) keeps its list: rules reuse the reports of unchanged documents and
 * conflicts, so a keystroke sorts and filters the findings of the few documents it changed, not of 2,000.
 */
export function computeFindings(
  index: WorkspaceIndex,
  severities: RuleSeverities = {},
  rules: readonly Rule[] = allRules,
  waivers: readonly Waiver[] = NO_WAIVERS,
): Map<string, Finding[]> {
  const active = rules.flatMap((rule) => {
    const severity = severities[rule.id] ?? rule.defaultSeverity;
    return severity === 'off' ? [] : [{ rule, severity }];
  });
  let last = lastPasses.get(index);
  if (!last || last.rules !== rules || !sameSeverities(last.severities, severities) || !sameItems(last.waivers, waivers)) {
    lastPasses.set(index, (last = { rules, severities, waivers, documents: new Map() }));
  }
  const waived = new Set(waivers.map((waiver) => `${waiver.rule}\n${waiver.fingerprint}`));
  // Workspace rules' reports by document, in rule then report order, with the index in `active` of each one's rule.
  const workspaceReports = new Map<string, { reports: RuleReport[]; rules: number[] }>();
  active.forEach(({ rule }, r) => {
    if (rule.scope !== 'workspace') return;
    for (const report of rule.check(index)) {
      const bucket = workspaceReports.get(report.uri);
      if (!bucket) workspaceReports.set(report.uri, { reports: [report], rules: [r] });
      else {
        bucket.reports.push(report);
        bucket.rules.push(r);
      }
    }
  });
  const byUri = new Map<string, Finding[]>();
  const documents = new Map<string, DocumentFindings>();
  for (const uri of index.uris()) {
    const document = index.get(uri)!;
    const bucket = workspaceReports.get(uri) ?? NO_REPORTS;
    const previous = last.documents.get(uri);
    const current = previous && previous.document === document && sameItems(previous.reports, bucket.reports) ? previous : { document, reports: bucket.reports, findings: findingsOf(document, active, bucket, waived) };
    documents.set(uri, current);
    byUri.set(uri, current.findings);
  }
  last.documents = documents;
  return byUri;
}

/** What the last pass over an index computed a document's findings from, and the findings. */
interface DocumentFindings {
  document: DocumentAnalysis;
  /** The workspace rules' reports on the document, in rule then report order. */
  reports: readonly RuleReport[];
  findings: Finding[];
}

const lastPasses = new WeakMap<WorkspaceIndex, { rules: readonly Rule[]; severities: RuleSeverities; waivers: readonly Waiver[]; documents: Map<string, DocumentFindings> }>();

/** The default: a fresh `[]` per call would look like new waivers and start every pass from scratch. */
const NO_WAIVERS: readonly Waiver[] = [];

const NO_REPORTS = { reports: [] as RuleReport[], rules: [] as number[] };

/** One document's findings: its document rules' reports, then the workspace rules' (`workspace`), sorted. */
function findingsOf(
  document: DocumentAnalysis,
  active: readonly { rule: Rule; severity: Severity }[],
  workspace: { reports: readonly RuleReport[]; rules: readonly number[] },
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
  // Stable: equal places, rule and message keep the rule's report order.
  return findings.sort(compareFindings);
}

function documentReportsOf(rule: DocumentRule, document: DocumentAnalysis): RuleReport[] {
  let cached = documentReports.get(document);
  if (!cached) documentReports.set(document, (cached = new Map()));
  let reports = cached.get(rule.id);
  if (!reports) cached.set(rule.id, (reports = rule.check(document)));
  return reports;
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

function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
