import { type Connection, type TextEdit } from 'vscode-languageserver';
import { prepareRenameAt, renameEdits } from '../core/api';
import { toRange } from '../lsp/convert';
import { runSafe } from '../lsp/runSafe';
import type { Session } from '../session';

/** textDocument/prepareRename and textDocument/rename: rename an entity or acronym across the workspace as one WorkspaceEdit. */
export function register(connection: Connection, session: Session): void {
  connection.onPrepareRename((params, token) =>
    runSafe(connection.console, 'prepareRename', token, null, () => {
      const document = session.index.get(params.textDocument.uri);
      const target = document && prepareRenameAt(session.index, document.uri, document.lines.offsetAt(params.position));
      if (!document || !target) return null;
      return { range: toRange(document.lines, target.span), placeholder: target.placeholder };
    }),
  );
  connection.onRenameRequest((params, token) =>
    runSafe(connection.console, 'rename', token, null, () => {
      const document = session.index.get(params.textDocument.uri);
      if (!document) return null;
      if (params.newName.trim() === '') return null;
      const edits = renameEdits(session.index, document.uri, document.lines.offsetAt(params.position), params.newName);
      if (!edits) return null;
      const changes: Record<string, TextEdit[]> = {};
      for (const [uri, list] of edits) {
        const target = session.index.get(uri);
        if (target) changes[uri] = list.map((edit) => ({ range: toRange(target.lines, edit.span), newText: edit.newText }));
      }
      return { changes };
    }),
  );
}
