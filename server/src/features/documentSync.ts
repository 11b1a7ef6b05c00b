import { FileChangeType, type Connection } from 'vscode-languageserver';
import type { Session } from '../session';
import { isGlossaryUri, reloadGlossary } from './glossary';

/**
 * Keeps the index current: editor edits (incremental sync) re-analyse only the edited document;
 * files created, changed, renamed or deleted on disk arrive as `workspace/didChangeWatchedFiles`.
 */
export function register(connection: Connection, session: Session): void {
  session.documents.onDidChangeContent((event) => guard(connection, () => session.refreshDocument(event.document.uri)));
  // On close the disk is the truth again (unsaved edits are gone, or the file was deleted while open).
  session.documents.onDidClose((event) => guard(connection, () => session.refreshDocument(event.document.uri)));
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (isGlossaryUri(change.uri)) {
        void reloadGlossary(connection, session).catch((error) => connection.console.error(`Reading the glossary failed: ${String(error)}`));
        continue;
      }
      // A reviewer may edit or delete the waivers by hand; they apply to the next diagnostics pass.
      if (change.uri.endsWith('/.policylens/waivers.json')) {
        session.waivers.reload();
        session.publishDiagnostics();
        continue;
      }
      if (change.type === FileChangeType.Deleted) session.forget(change.uri);
      else if (!session.documents.get(change.uri)) void guard(connection, () => session.refreshDocument(change.uri));
    }
  });
  session.documents.listen(connection);
}

async function guard(connection: Connection, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    connection.console.error(`Updating a document failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
