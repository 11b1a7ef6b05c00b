import { FoldingRangeKind, type Connection, type FoldingRange } from 'vscode-languageserver';
import { foldingRegions } from '../core/api';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** textDocument/foldingRange: chapters, notes lists, tables and the table of contents fold. */
export function register(connection: Connection, session: Session): void {
  connection.onFoldingRanges((params, token) =>
    runSafe(connection.console, 'foldingRange', token, null, () => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return null;
      return foldingRegions(document).map((region): FoldingRange => ({
        startLine: document.lines.positionAt(region.span.start).line,
        endLine: document.lines.positionAt(region.span.end).line,
        kind: FoldingRangeKind.Region,
      }));
    }),
  );
}
