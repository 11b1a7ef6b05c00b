import { MarkupKind, type Connection } from 'vscode-languageserver';
import { hoverAt } from '../core/api';
import { toRange } from '../lsp/convert';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** textDocument/hover: the core's explanation of the entity, figure or reference under the cursor. */
export function register(connection: Connection, session: Session): void {
  connection.onHover((params, token) =>
    runSafe(connection.console, 'hover', token, null, () => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return null;
      const hover = hoverAt(session.index, document.uri, document.lines.offsetAt(params.position));
      if (!hover) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toRange(document.lines, hover.span) };
    }),
  );
}
