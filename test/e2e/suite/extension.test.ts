// Runs inside a real VS Code extension host, with the workspace folder = a scratch copy of seeds/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { before, describe, it } from './mocha';
import { report } from './report';
import { waitFor } from './waitFor';
import { activatedClient, EXTENSION_ID, hoverAt, seedUri, SEEDS } from './workspace';

const SEED = SEEDS.summit;
const USMCA_EXPANSION = 'U.S.-Mexico-Canada Trade Agreement';
const STATE_RUNNING = 2; // vscode-languageclient's State.Running

/** The position in the middle of the first use of USMCA after its definition "… Trade Agreement (USMCA)". */
function laterUsmca(document: vscode.TextDocument): { use: vscode.Position; definitionLine: number } {
  const text = document.getText();
  const definition = text.indexOf(`${USMCA_EXPANSION} (USMCA)`);
  assert.ok(definition >= 0, `${SEED} defines USMCA`);
  const use = text.indexOf('USMCA', definition + USMCA_EXPANSION.length + '(USMCA)'.length + 1);
  assert.ok(use > definition, `${SEED} uses USMCA after defining it`);
  return { use: document.positionAt(use + 2), definitionLine: document.positionAt(definition).line };
}

describe('Policy Lens in a real VS Code', function () {
  let client: LanguageClient;

  before(async function () {
    this.timeout(120_000);
    client = await activatedClient();
  });

  it('activates and its activate() returns the running LanguageClient', async function () {
    const extension = vscode.extensions.getExtension<LanguageClient>(EXTENSION_ID)!;
    assert.equal(extension.isActive, true);
    assert.ok(client, 'activate() returned the client');
    assert.equal(typeof client.isRunning, 'function', 'exports look like a LanguageClient');
    await waitFor('the client to be running', () => client.state, (state) => state === STATE_RUNNING, 30_000);
    assert.equal(client.isRunning(), true);
    assert.ok(client.initializeResult?.capabilities, 'the server answered initialize');
    report(`      (VS Code ${vscode.version}, ${vscode.env.appName}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, remote ${vscode.env.remoteName ?? 'none'})`);
  });

  it('hover on a later "USMCA" shows its expansion from the server', async function () {
    const uri = seedUri(SEED);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const { use } = laterUsmca(document);
    const text = await waitFor(
      `a hover at ${SEED}:${use.line + 1}:${use.character + 1} mentioning "${USMCA_EXPANSION}"`,
      () => hoverAt(uri, use),
      (t) => t.includes(USMCA_EXPANSION),
      30_000,
    );
    report(`      hover: ${JSON.stringify(text.slice(0, 160))}`);
  });

  it('publishes policy-lens diagnostics for the seed documents', async function () {
    this.timeout(90_000);
    const ours = await waitFor(
      'a diagnostic with source "policy-lens" in any seed document',
      () =>
        vscode.languages
          .getDiagnostics()
          .flatMap(([uri, list]) => list.filter((d) => d.source === 'policy-lens').map((d) => ({ uri, d }))),
      (list) => list.length > 0,
      60_000,
    );
    const files = new Set(ours.map(({ uri }) => uri.path.split('/').pop()));
    const first = ours[0]!;
    report(`      ${ours.length} diagnostics in ${files.size} file(s), e.g. ${first.uri.path.split('/').pop()}:${first.d.range.start.line + 1}: ${first.d.message.slice(0, 100)}`);
    assert.ok([...files].every((f) => f?.endsWith('.txt')), 'diagnostics are on seed documents');
    // The same diagnostics are reachable per document, as the Problems panel reads them.
    assert.ok(vscode.languages.getDiagnostics(first.uri).some((d) => d.source === 'policy-lens'));
  });

  it('go to definition on a "USMCA" use returns where it is defined', async function () {
    const uri = seedUri(SEED);
    const document = await vscode.workspace.openTextDocument(uri);
    const { use, definitionLine } = laterUsmca(document);
    const locations = await waitFor(
      `a definition for ${SEED}:${use.line + 1}:${use.character + 1}`,
      async () =>
        (await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', uri, use)) ?? [],
      (list) => list.length > 0,
      30_000,
    );
    const target = locations.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetRange } : l))[0]!;
    const targetDocument = await vscode.workspace.openTextDocument(target.uri);
    const targetText = targetDocument.lineAt(target.range.start.line).text;
    report(`      definition: ${target.uri.path.split('/').pop()}:${target.range.start.line + 1}:${target.range.start.character + 1}`);
    assert.ok(targetText.includes('USMCA'), `the definition's line mentions USMCA: ${targetText.slice(0, 120)}`);
    if (target.uri.toString() === uri.toString()) assert.equal(target.range.start.line, definitionLine, 'the same-document definition');
  });
});
