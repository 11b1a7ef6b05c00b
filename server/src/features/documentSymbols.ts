import { SymbolKind, type Connection, type DocumentSymbol } from 'vscode-languageserver';
import { documentSymbols, type LineIndex, type OutlineSymbol } from '../core/api';
import { toRange } from '../lsp/convert';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** textDocument/documentSymbol: the document's outline (Markdown and bare-line headings). */
export function register(connection: Connection, session: Session): void {
  connection.onDocumentSymbol((params, token) =>
    runSafe(connection.console, 'documentSymbol', token, null, () => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return null;
      return documentSymbols(document).map((symbol) => convert(document.lines, symbol));
    }),
  );
}

function convert(lines: LineIndex, symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    kind: SymbolKind.String,
    range: toRange(lines, symbol.span),
    selectionRange: toRange(lines, symbol.selectionSpan),
    children: symbol.children.map((child) => convert(lines, child)),
  };
}
