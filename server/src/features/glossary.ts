import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { GLOSSARY_INPUT, LineIndex, parseGlossary, RULE_DOCS_BASE, type Glossary } from '../core/api';
import { DIAGNOSTIC_SOURCE, toRange } from '../lsp/convert';
import type { Session } from '../session';

/** Where a workspace folder keeps its glossary, relative to the folder. */
export const GLOSSARY_PATH = '.policylens/glossary.json';
const RULE_ID = 'invalid-glossary';

/** Whether a URI is a folder's glossary file (the client watches `**∕.policylens/*.json`). */
export function isGlossaryUri(uri: string): boolean {
  return uri.endsWith('/' + GLOSSARY_PATH);
}

const published = new Set<string>();

/**
 * Reads every folder's `.policylens/glossary.json`, merges them into the index as the entity layer's glossary
 * (before each full index, so the first diagnostics already apply it, and on every change of the file),
 * and publishes `invalid-glossary` diagnostics on each file (cleared when fixed). A missing file is no glossary;
 * an unreadable or malformed one never stops the server.
 */
export async function reloadGlossary(connection: Connection, session: Session): Promise<void> {
  const merged: Glossary = { entities: [], merge: [], split: [], ignore: [] };
  const severity = session.settings.rules[RULE_ID];
  for (const folder of session.folders) {
    const path = join(folder, GLOSSARY_PATH);
    const uri = URI.file(path).toString();
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      continue;
    }
    const { glossary, problems } = parseGlossary(text);
    merged.entities.push(...glossary.entities);
    merged.merge.push(...glossary.merge);
    merged.split.push(...glossary.split);
    merged.ignore.push(...glossary.ignore);
    const lines = new LineIndex(text);
    const diagnostics: Diagnostic[] =
      severity === 'off'
        ? []
        : problems.map((problem) => ({
            range: toRange(lines, problem.span),
            severity: severity === 'error' ? DiagnosticSeverity.Error : severity === 'information' ? DiagnosticSeverity.Information : severity === 'hint' ? DiagnosticSeverity.Hint : DiagnosticSeverity.Warning,
            source: DIAGNOSTIC_SOURCE,
            code: RULE_ID,
            codeDescription: { href: RULE_DOCS_BASE + RULE_ID },
            message: problem.message,
          }));
    if (diagnostics.length > 0) published.add(uri);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }
  const empty = merged.entities.length + merged.merge.length + merged.split.length + merged.ignore.length === 0;
  // Setting the input invalidates every cross-document table: an unchanged glossary (most often none) is not set again.
  const current = empty ? undefined : merged;
  if (JSON.stringify(current) === JSON.stringify(session.index.input<Glossary>(GLOSSARY_INPUT))) return;
  session.index.setInput(GLOSSARY_INPUT, current);
  session.scheduleDiagnostics();
}
