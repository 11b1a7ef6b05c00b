import { isDisabled } from './disableComments';
import type { DocumentAnalysis } from './document';
import type { WorkspaceIndex } from './index/workspaceIndex';
import { rules as allRules } from './rules/index';
import type { Rule, RuleReport } from './rules/rule';
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
 */
export function computeFindings(
  index: WorkspaceIndex,
  severities: RuleSeverities = {},
  rules: readonly Rule[] = allRules,
  waivers: readonly Waiver[] = [],
): Map<string, Finding[]> {
  const byUri = new Map<string, Finding[]>(index.uris().map((uri) => [uri, []]));
  const waived = new Set(waivers.map((waiver) => `${waiver.rule}\n${waiver.fingerprint}`));
  for (const rule of rules) {
    const severity = severities[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    for (const report of reportsOf(rule, index)) {
      if (waived.size > 0 && report.fingerprint !== undefined && waived.has(`${rule.id}\n${report.fingerprint}`)) continue;
      let finding = findingByReport.get(report);
      if (finding === undefined || (finding !== null && (finding.severity !== severity || finding.ruleId !== rule.id))) {
        const document = index.get(report.uri);
        finding = document && isDisabled(document, report.span.start, rule.id) ? null : findingOf(rule.id, severity, report);
        findingByReport.set(report, finding);
      }
      if (finding) byUri.get(report.uri)?.push(finding);
    }
  }
  for (const findings of byUri.values()) findings.sort(compareFindings);
  return byUri;
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

function reportsOf(rule: Rule, index: WorkspaceIndex): RuleReport[] {
  if (rule.scope === 'workspace') return rule.check(index);
  const reports: RuleReport[] = [];
  for (const document of index.documents()) {
    let cached = documentReports.get(document);
    if (!cached) documentReports.set(document, (cached = new Map()));
    let forRule = cached.get(rule.id);
    if (!forRule) cached.set(rule.id, (forRule = rule.check(document)));
    reports.push(...forRule);
  }
  return reports;
}

function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
