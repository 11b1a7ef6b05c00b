import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatisticsRequest, type QuantityView, type StatementView } from '../../server/src/lsp/protocol';

type Node = { quantity: QuantityView } | { statement: StatementView; quantity: QuantityView };

/**
 * The "Statistics" tree in the explorer: every quantity stated more than once in the workspace,
 * with its statements per document. Clicking a statement opens it; a quantity offers "Compare".
 */
export class StatisticsView implements vscode.TreeDataProvider<Node> {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.#changed.event;
  readonly #client: () => LanguageClient | undefined;

  constructor(client: () => LanguageClient | undefined) {
    this.#client = client;
  }

  refresh(): void {
    this.#changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return 'statement' in node ? [] : node.quantity.statements.map((statement) => ({ statement, quantity: node.quantity }));
    const client = this.#client();
    if (!client?.isRunning()) return [];
    const result = await client.sendRequest<StatisticsRequest.Result>(StatisticsRequest.method, {});
    return result.quantities.map((quantity) => ({ quantity }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('statement' in node) {
      const { statement } = node;
      const item = new vscode.TreeItem(`${statement.valueLabel}`, vscode.TreeItemCollapsibleState.None);
      item.description = `${statement.documentName}:${statement.range.start.line + 1}${statement.period ? ` · ${statement.period}` : ''}`;
      item.tooltip = `“${statement.text}”`;
      item.command = {
        command: 'vscode.open',
        title: 'Open statement',
        arguments: [vscode.Uri.parse(statement.uri), { selection: toRange(statement) } satisfies vscode.TextDocumentShowOptions],
      };
      return item;
    }
    const { quantity } = node;
    const documents = new Set(quantity.statements.map((s) => s.uri)).size;
    const item = new vscode.TreeItem(quantity.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = `${quantity.statements.length} statements in ${documents} document${documents === 1 ? '' : 's'} · ${quantity.unit}`;
    item.iconPath = new vscode.ThemeIcon(quantity.conflicting ? 'warning' : 'graph');
    item.tooltip = `Quantity key: ${quantity.keyLabel}`;
    item.contextValue = 'quantity';
    item.id = quantity.key;
    return item;
  }
}

function toRange(statement: StatementView): vscode.Range {
  const { start, end } = statement.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}
