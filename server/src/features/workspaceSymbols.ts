import { SymbolKind, type Connection } from 'vscode-languageserver';
import { workspaceSymbols } from '../core/api';
import { toLocation } from '../lsp/convert';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** workspace/symbol: headings and defined entities across every document. */
export function register(connection: Connection, session: Session): void {
  connection.onWorkspaceSymbol((params, token) =>
    runSafe(connection.console, 'workspaceSymbol', token, null, () =>
      workspaceSymbols(session.index, params.query).map((symbol) => ({
        name: symbol.name,
        kind: symbol.kind === 'heading' ? SymbolKind.String : SymbolKind.Constant,
        containerName: symbol.detail,
        location: toLocation(session.index, symbol.uri, symbol.span),
      })),
    ),
  );
}
