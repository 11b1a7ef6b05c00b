// Helpers shared by the specs: the seed documents of the workspace folder, the activated extension's client,
// and the results of VS Code's provider commands in one shape.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const EXTENSION_ID = 'policy-lens.policy-lens';
/** The seed documents the specs read (the workspace folder is a scratch copy of seeds/). */
export const SEEDS = {
  summit: '000_3209c946108f91e7.txt',
  border: '001_3977f2ea8b54d961.txt',
  volume: '002_2e3851e7520eefff.txt',
  economic: '003_399aea2aac741c78.txt',
  slides: '004_ecc22693258a47e1.txt',
} as const;

export function seedUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The file name of a URI, for messages. */
export function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

/** Whether the URI is one of the workspace folder's documents (a seed). */
export function isSeed(uri: vscode.Uri): boolean {
  return Object.values(SEEDS).some((name) => uri.toString() === seedUri(name).toString());
}

let activated: Promise<LanguageClient> | undefined;

/** Activates the extension once; its activate() returns the LanguageClient. */
export function activatedClient(): Promise<LanguageClient> {
  activated ??= (async () => {
    const extension = vscode.extensions.getExtension<LanguageClient>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed (${vscode.extensions.all.length} extensions present)`);
    return extension.activate();
  })();
  return activated;
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const hover of hovers ?? []) {
    for (const content of hover.contents) {
      parts.push(typeof content === 'string' ? content : content.value);
    }
  }
  return parts.join('\n');
}

export async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position));
}

/** The definition provider's answer as plain locations (LocationLinks are flattened to their target range). */
export async function definitionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Location[]> {
  const result = (await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri, position)) ?? [];
  return result.map((l) => ('targetUri' in l ? new vscode.Location(l.targetUri, l.targetSelectionRange ?? l.targetRange) : l));
}

/** "file.txt:12:5" (1-based) for messages. */
export function where(uri: vscode.Uri, position: vscode.Position): string {
  return `${fileName(uri)}:${position.line + 1}:${position.character + 1}`;
}

/** A diagnostic's code as a string (the server sends `{ value, target }` when the rule has a documentation link). */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
