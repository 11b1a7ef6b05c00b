import type { Connection } from 'vscode-languageserver';
import { definitionAt } from '../core/api';
import { toLocation } from '../lsp/convert';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** textDocument/definition: where the thing under the cursor is introduced, in any document. */
export function register(connection: Connection, session: Session): void {
  connection.onDefinition((params, token) =>
    runSafe(connection.console, 'definition', token, null, () => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return null;
      const places = definitionAt(session.index, document.uri, document.lines.offsetAt(params.position));
      return places.map((place) => toLocation(session.index, place.uri, place.span));
    }),
  );
}
