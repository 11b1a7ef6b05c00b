import { pathToFileURL } from 'node:url';
import { relative } from 'node:path';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Location as SarifLocation } from 'sarif';
import { URI } from 'vscode-uri';
import { RULE_DOCS_BASE, rules, type Finding, type Span, type WorkspaceIndex } from '../core/api';

/** A finding with 1-based line/column positions, as the CLI prints it. */
export interface PositionedFinding {
  ruleId: string;
  severity: Finding['severity'];
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  related: { file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

/** Resolves spans to 1-based line/columns (UTF-16, like SARIF's default columnKind) relative to `cwd`. */
export function positionFindings(index: WorkspaceIndex, findings: Map<string, Finding[]>, cwd: string): PositionedFinding[] {
  const place = (uri: string, span: Span) => {
    const lines = index.get(uri)?.lines;
    const start = lines?.positionAt(span.start) ?? { line: 0, character: 0 };
    const end = lines?.positionAt(span.end) ?? start;
    const file = relative(cwd, URI.parse(uri).fsPath).replace(/\\/g, '/');
    return { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  const result: PositionedFinding[] = [];
  for (const uri of [...findings.keys()].sort()) {
    for (const finding of findings.get(uri)!) {
      result.push({
        ruleId: finding.ruleId,
        severity: finding.severity,
        ...place(uri, finding.span),
        message: finding.message,
        related: finding.related.map((r) => ({ ...place(r.uri, r.span), message: r.message })),
      });
    }
  }
  return result;
}

const severityLabel = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' } as const;

/** The human-readable report: findings grouped by file, related statements indented, then a summary line. */
export function formatText(findings: PositionedFinding[], documentCount: number, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const colors = { error: '31', warning: '33', information: '36', hint: '2' } as const;
  const out: string[] = [];
  let currentFile = '';
  for (const f of findings) {
    if (f.file !== currentFile) {
      if (currentFile !== '') out.push('');
      out.push(paint('1;4', f.file));
      currentFile = f.file;
    }
    out.push(`  ${`${f.line}:${f.column}`.padEnd(9)} ${paint(colors[f.severity], severityLabel[f.severity].padEnd(7))} ${f.message}  ${paint('2', f.ruleId)}`);
    for (const r of f.related) out.push(`  ${''.padEnd(9)} ${''.padEnd(7)} ${paint('2', `↳ ${r.file}:${r.line}:${r.column}`)} ${r.message}`);
  }
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  if (out.length > 0) out.push('');
  out.push(
    `${documentCount} document${documentCount === 1 ? '' : 's'} checked: ${count('error')} error${count('error') === 1 ? '' : 's'}, ` +
      `${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('information')} info, ${count('hint')} hint${count('hint') === 1 ? '' : 's'}`,
  );
  return out.join('\n');
}

const sarifLevel = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** A SARIF 2.1.0 log of the findings, with related statements as `relatedLocations`. */
export function formatSarif(findings: PositionedFinding[], cwd: string, version: string): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'policy-lens', toolDriverVersion: version, url: RULE_DOCS_BASE.replace(/#.*$/, '') });
  for (const rule of rules) {
    run.addRule(new SarifRuleBuilder().initSimple({ ruleId: rule.id, shortDescriptionText: rule.summary, helpUri: RULE_DOCS_BASE + rule.id }));
  }
  run.run.originalUriBaseIds = { SRCROOT: { uri: pathToFileURL(cwd).href + '/' } };
  for (const f of findings) {
    const result = new SarifResultBuilder().initSimple({
      level: sarifLevel[f.severity],
      messageText: f.message,
      ruleId: f.ruleId,
      fileUri: f.file,
      startLine: f.line,
      startColumn: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
    });
    if (f.related.length > 0) {
      result.result.relatedLocations = f.related.map(
        (r, id): SarifLocation => ({
          id,
          message: { text: r.message },
          physicalLocation: {
            artifactLocation: { uri: r.file, uriBaseId: 'SRCROOT' },
            region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
          },
        }),
      );
    }
    for (const location of result.result.locations ?? []) {
      if (location.physicalLocation?.artifactLocation) location.physicalLocation.artifactLocation.uriBaseId = 'SRCROOT';
    }
    run.addResult(result);
  }
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
}
