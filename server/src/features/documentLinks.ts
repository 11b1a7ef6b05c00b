import type { Connection, DocumentLink } from 'vscode-languageserver';
import { documentLinks } from '../core/api';
import { toRange } from '../lsp/convert';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** textDocument/documentLink: web addresses in the text and in notes, clickable in the editor. */
export function register(connection: Connection, session: Session): void {
  connection.onDocumentLinks((params, token) =>
    runSafe(connection.console, 'documentLink', token, null, () => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return null;
      return documentLinks(document).map((link): DocumentLink => ({ range: toRange(document.lines, link.span), target: link.url }));
    }),
  );
}
