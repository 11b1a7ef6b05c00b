import { SemanticTokensBuilder, type Connection, type SemanticTokensLegend } from 'vscode-languageserver';
import { semanticTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../core/api';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** The legend announced in the capabilities; its order is the core's (types are only ever appended). */
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

/** textDocument/semanticTokens/full: every entity mention coloured by kind. */
export function register(connection: Connection, session: Session): void {
  connection.languages.semanticTokens.on((params, token) =>
    runSafe(connection.console, 'semanticTokens', token, { data: [] }, () => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return { data: [] };
      const builder = new SemanticTokensBuilder();
      for (const item of semanticTokens(session.index, document.uri)) {
        const start = document.lines.positionAt(item.span.start);
        const end = document.lines.positionAt(item.span.end);
        // LSP tokens are single-line: a name wrapped over two lines is left uncoloured rather than split.
        if (end.line === start.line) builder.push(start.line, start.character, end.character - start.character, item.type, item.modifiers);
      }
      return builder.build();
    }),
  );
}
