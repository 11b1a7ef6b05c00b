import * as vscode from 'vscode';
import type { QuantityView } from '../../server/src/lsp/protocol';
import { nonce, renderComparison } from './compareHtml';

/**
 * The "Compare statements" webview: every statement of one quantity as an interval on one axis
 * (dot = stated value, whisker = what it can honestly mean), one row per statement grouped by document.
 * Pure SVG rendered here; the page runs no script and loads nothing (CSP `default-src 'none'`).
 */
export function showComparison(quantity: QuantityView, panel?: vscode.WebviewPanel): vscode.WebviewPanel {
  const view = panel ?? vscode.window.createWebviewPanel('policyLens.compare', `Compare: ${quantity.label}`, vscode.ViewColumn.Beside, { enableScripts: false });
  view.title = `Compare: ${quantity.label}`;
  view.webview.html = renderComparison(quantity, nonce());
  return view;
}

