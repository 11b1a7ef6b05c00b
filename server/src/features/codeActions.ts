import { existsSync } from 'node:fs';
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type TextDocumentEdit,
  type CreateFile,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { addWaiver, LineIndex, type Finding } from '../core/api';
import { DIAGNOSTIC_SOURCE, toRange } from '../lsp/convert';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';
import { readText } from '../waiverStore';

/** Re-reads the waivers file; run by "Accept this difference" after its edit is applied. */
export const RELOAD_WAIVERS_COMMAND = 'policyLens.reloadWaivers';

/**
 * textDocument/codeAction: reviewer control over findings.
 * - "Use the value stated in <document>": the finding's own fixes (edits this statement);
 * - "Accept this difference": records a waiver keyed by the finding's fingerprint in `.policylens/waivers.json`,
 *   as a WorkspaceEdit (create the file, replace its text) so the user sees and confirms it;
 * - "Ignore <rule> on this line": appends `<!-- policy-lens-disable-line <rule> -->` to the line.
 */
export function register(connection: Connection, session: Session): void {
  connection.onCodeAction((params, token) =>
    runSafe(connection.console, 'codeAction', token, [], async () => {
      // Fixes come from cross-document findings: on a partly loaded index they would be wrong, not just few.
      await session.whenIndexed();
      const document = session.index.get(params.textDocument.uri);
      if (!document) return [];
      const start = document.lines.offsetAt(params.range.start);
      const end = document.lines.offsetAt(params.range.end);
      const findings = session.findings().get(document.uri) ?? [];
      const actions: CodeAction[] = [];
      for (const finding of findings) {
        if (finding.span.end < start || finding.span.start > end) continue;
        const diagnostic = matchingDiagnostic(params.context.diagnostics, finding, document.lines);
        const diagnostics = diagnostic ? [diagnostic] : [];
        for (const fix of finding.fixes ?? []) {
          const target = session.index.get(fix.uri);
          if (!target) continue;
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics,
            isPreferred: false,
            edit: { changes: { [fix.uri]: [{ range: toRange(target.lines, fix.span), newText: fix.newText }] } },
          });
        }
        const waiver = finding.fingerprint !== undefined ? acceptAction(session, finding, diagnostics) : undefined;
        if (waiver) actions.push(waiver);
        actions.push(ignoreOnLineAction(document.uri, document.text, document.lines, finding, diagnostics));
      }
      return actions;
    }),
  );
  connection.onExecuteCommand((params) => {
    if (params.command !== RELOAD_WAIVERS_COMMAND) return;
    session.waivers.reload();
    session.publishDiagnostics();
  });
}

function matchingDiagnostic(diagnostics: readonly Diagnostic[], finding: Finding, lines: LineIndex): Diagnostic | undefined {
  const range = toRange(lines, finding.span);
  return diagnostics.find(
    (d) => d.source === DIAGNOSTIC_SOURCE && d.code === finding.ruleId && d.range.start.line === range.start.line && d.range.start.character === range.start.character,
  );
}

function acceptAction(session: Session, finding: Finding, diagnostics: Diagnostic[]): CodeAction | undefined {
  const path = session.waivers.primaryFile;
  if (!path) return undefined;
  const uri = URI.file(path).toString();
  const existing = existsSync(path) ? readText(path) : undefined;
  const text = addWaiver(existing, { rule: finding.ruleId, fingerprint: finding.fingerprint!, reason: `Accepted in review: ${finding.message}` });
  const old = new LineIndex(existing ?? '');
  const create: CreateFile = { kind: 'create', uri, options: { ignoreIfExists: true } };
  const write: TextDocumentEdit = {
    textDocument: { uri, version: null },
    edits: [{ range: { start: { line: 0, character: 0 }, end: old.positionAt((existing ?? '').length) }, newText: text }],
  };
  return {
    title: 'Accept this difference (record a waiver in .policylens/waivers.json)',
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { documentChanges: existing === undefined ? [create, write] : [write] },
    command: { title: 'Reload waivers', command: RELOAD_WAIVERS_COMMAND },
  };
}

function ignoreOnLineAction(uri: string, text: string, lines: LineIndex, finding: Finding, diagnostics: Diagnostic[]): CodeAction {
  const line = lines.positionAt(finding.span.start).line;
  const nextLineStart = line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : text.length;
  let lineEnd = nextLineStart;
  while (lineEnd > 0 && lineEnd > lines.offsetAt({ line, character: 0 }) && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
  const at = lines.positionAt(lineEnd);
  return {
    title: `Ignore ${finding.ruleId} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: ` <!-- policy-lens-disable-line ${finding.ruleId} -->` }] } },
  };
}
