import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Location,
  type Range,
} from 'vscode-languageserver';
import { RULE_DOCS_BASE, type Finding, type LineIndex, type Severity, type Span, type WorkspaceIndex } from '../core/api';

/** The diagnostics' `source`, on every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'policy-lens';

/** A core span as an LSP range (UTF-16, as both sides count). */
export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** A span in any indexed document as an LSP location; a document no longer indexed maps to its start. */
export function toLocation(index: WorkspaceIndex, uri: string, span: Span): Location {
  const document = index.get(uri);
  const range = document ? toRange(document.lines, span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { uri, range };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A core finding as an LSP diagnostic, its related places as `relatedInformation`. */
export function toDiagnostic(index: WorkspaceIndex, lines: LineIndex, finding: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] = finding.related.map((place) => ({
    location: toLocation(index, place.uri, place.span),
    message: place.message,
  }));
  return {
    range: toRange(lines, finding.span),
    severity: severities[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: RULE_DOCS_BASE + finding.ruleId },
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}
