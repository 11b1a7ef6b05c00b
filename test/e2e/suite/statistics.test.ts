// Issue 4 in a real VS Code: the figure hover, the statistics request behind the Statistics view, and the
// "Compare statements" command opening its webview (from a quantity key, and from the cursor).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { QuantityView, StatisticsRequest } from '../../../server/src/lsp/protocol';
import { before, describe, it } from './mocha';
import { report } from './report';
import { waitFor } from './waitFor';
import { activatedClient, fileName, hoverAt, seedUri, SEEDS, where } from './workspace';

const SEED = SEEDS.border;
const FIGURE = '3175 kilometers';
const COMPARE_TAB = 'Compare:';

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label.startsWith(COMPARE_TAB));
}

async function closeCompareTabs(): Promise<void> {
  const tabs = compareTabs();
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  await waitFor('the compare tabs to close', () => compareTabs().length, (n) => n === 0, 10_000);
}

/** The middle of the first occurrence of `needle` in the document. */
function positionOf(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${fileName(document.uri)} contains "${needle}"`);
  return document.positionAt(offset + 2);
}

describe('Figures and statistics in a real VS Code', function () {
  let client: LanguageClient;
  let document: vscode.TextDocument;

  before(async function () {
    this.timeout(120_000);
    client = await activatedClient();
    document = await vscode.workspace.openTextDocument(seedUri(SEED));
  });

  it(`hover on "${FIGURE}" shows the normalised value in km with miles`, async function () {
    const position = positionOf(document, FIGURE);
    const text = await waitFor(`a figure hover at ${where(document.uri, position)}`, () => hoverAt(document.uri, position), (t) => /\bkm\b/.test(t), 30_000);
    report(`      hover: ${JSON.stringify(text.split('\n')[0])}`);
    assert.match(text, /3,175 km/, 'the value normalised with a thousands separator and the unit symbol');
    assert.match(text, /≈ [\d,]+ mi\b/, 'the value in the other unit');
    assert.match(text, /Other statements/i, 'the other statements of the same quantity');
  });

  it('the statistics request lists quantities stated more than once, the border length among them', async function () {
    const result = await waitFor(
      'quantities from policyLens/statistics',
      () => client.sendRequest<StatisticsRequest.Result>('policyLens/statistics', {}),
      (r) => r.quantities.length > 0,
      30_000,
    );
    const border = borderQuantity(result.quantities);
    report(`      ${result.quantities.length} quantities; "${border.label}": ${border.statements.length} statements in ${new Set(border.statements.map((s) => s.uri)).size} documents`);
    for (const q of result.quantities) assert.ok(q.statements.length >= 2, `"${q.label}" is stated more than once`);
    assert.ok(new Set(border.statements.map((s) => s.uri)).size >= 2, 'the border length is stated in several documents');
  });

  it('"Policy Lens: Compare Statements" with a quantity key opens the compare webview', async function () {
    await closeCompareTabs();
    const { quantities } = await client.sendRequest<StatisticsRequest.Result>('policyLens/statistics', {});
    const border = borderQuantity(quantities);
    await vscode.commands.executeCommand('policyLens.compareStatements', { key: border.key });
    const tabs = await waitFor('a "Compare:" tab', compareTabs, (t) => t.length === 1, 15_000);
    const tab = tabs[0]!;
    report(`      tab: "${tab.label}"`);
    assert.equal(tab.label, `${COMPARE_TAB} ${border.label}`);
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'the tab is a webview');
    assert.match((tab.input as vscode.TabInputWebview).viewType, /policyLens\.compare$/);
  });

  it(`"Compare Statements" with the cursor on "${FIGURE}" compares that figure's quantity`, async function () {
    await closeCompareTabs();
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
    const position = positionOf(document, FIGURE);
    editor.selection = new vscode.Selection(position, position);
    const { quantities } = await client.sendRequest<StatisticsRequest.Result>('policyLens/statistics', {});
    const expected = borderQuantity(quantities);
    await vscode.commands.executeCommand('policyLens.compareStatements');
    const tabs = await waitFor('a "Compare:" tab', compareTabs, (t) => t.length === 1, 15_000);
    report(`      tab: "${tabs[0]!.label}"`);
    assert.equal(tabs[0]!.label, `${COMPARE_TAB} ${expected.label}`);
    await closeCompareTabs();
  });
});

/** The quantity with a statement of "3175 kilometers" in the border document. */
function borderQuantity(quantities: QuantityView[]): QuantityView {
  const uri = seedUri(SEED).toString();
  const found = quantities.find((q) => q.statements.some((s) => s.uri === uri && s.text.replace(/,/g, '').startsWith('3175')));
  assert.ok(found, `a quantity has the statement "${FIGURE}" of ${SEED} (labels: ${quantities.map((q) => q.label).slice(0, 10).join('; ')})`);
  return found;
}
