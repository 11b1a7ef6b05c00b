import type { Connection } from 'vscode-languageserver';
import { referencesTo } from '../core/api';
import { toLocation } from '../lsp/convert';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** textDocument/references: every mention of the thing under the cursor, across the workspace. */
export function register(connection: Connection, session: Session): void {
  connection.onReferences((params, token) =>
    runSafe(connection.console, 'references', token, null, () => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return null;
      const places = referencesTo(session.index, document.uri, document.lines.offsetAt(params.position));
      return places.map((place) => toLocation(session.index, place.uri, place.span));
    }),
  );
}
