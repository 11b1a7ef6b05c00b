import type { QuantityView } from '../../server/src/lsp/protocol';

/** The whole HTML page plotting a quantity's statements (no vscode import, so it is testable in Node). */
export function renderComparison(quantity: QuantityView, styleNonce: string): string {
  const rows = [...quantity.statements].sort((a, b) => (a.documentName < b.documentName ? -1 : a.documentName > b.documentName ? 1 : a.range.start.line - b.range.start.line));
  const finite = rows.flatMap((s) => [s.low, s.high, s.value]).filter((v): v is number => v !== null && Number.isFinite(v));
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (min === max) [min, max] = [min * 0.9, max * 1.1 || 1];
  const pad = (max - min) * 0.08;
  min -= pad;
  max += pad;
  const width = 760;
  const labelWidth = 250;
  const rowHeight = 34;
  const plotWidth = width - labelWidth - 20;
  const x = (v: number) => labelWidth + ((v - min) / (max - min)) * plotWidth;
  const height = rows.length * rowHeight + 50;
  const parts: string[] = [];
  rows.forEach((s, i) => {
    const y = 20 + i * rowHeight + rowHeight / 2;
    const low = s.low === null ? labelWidth : x(s.low);
    const high = s.high === null ? labelWidth + plotWidth : x(s.high);
    parts.push(`<text x="0" y="${y + 4}" class="label">${escape(`${s.documentName}:${s.range.start.line + 1}`)}${s.period ? ` · ${escape(s.period)}` : ''}</text>`);
    parts.push(`<line x1="${low}" x2="${high}" y1="${y}" y2="${y}" class="whisker${s.low === null || s.high === null ? ' open' : ''}"/>`);
    if (s.low !== null) parts.push(`<line x1="${low}" x2="${low}" y1="${y - 7}" y2="${y + 7}" class="${s.lowOpen ? 'cap open' : 'cap'}"/>`);
    if (s.high !== null) parts.push(`<line x1="${high}" x2="${high}" y1="${y - 7}" y2="${y + 7}" class="${s.highOpen ? 'cap open' : 'cap'}"/>`);
    parts.push(`<circle cx="${x(s.value)}" cy="${y}" r="5" class="dot"><title>${escape(`“${s.text}” → ${s.valueLabel}`)}</title></circle>`);
    parts.push(`<text x="${Math.min(x(s.value) + 8, width - 120)}" y="${y - 8}" class="value">${escape(s.valueLabel)}</text>`);
  });
  const axisY = height - 22;
  parts.push(`<line x1="${labelWidth}" x2="${labelWidth + plotWidth}" y1="${axisY}" y2="${axisY}" class="axis"/>`);
  for (let t = 0; t <= 4; t++) {
    const v = min + ((max - min) * t) / 4;
    parts.push(`<text x="${x(v)}" y="${axisY + 16}" class="tick">${escape(formatNumber(v))}</text>`);
  }
  const csp = `default-src 'none'; style-src 'nonce-${styleNonce}'; img-src data:;`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style nonce="${styleNonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
  .label, .tick, .value { fill: var(--vscode-foreground); font-size: 12px; }
  .tick { text-anchor: middle; opacity: .7; }
  .whisker { stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 3; }
  .whisker.open { stroke-dasharray: 6 3; }
  .cap { stroke: var(--vscode-charts-blue, #3794ff); stroke-width: 2; }
  .cap.open { stroke-dasharray: 2 2; }
  .dot { fill: var(--vscode-charts-orange, #d18616); }
  .axis { stroke: var(--vscode-foreground); opacity: .4; }
  .plot { max-width: ${width * 1.5}px; }
  .conflict { color: var(--vscode-editorWarning-foreground, #cca700); }
</style></head>
<body>
<h2>${escape(quantity.label)} <small>(${escape(quantity.unit)})</small></h2>
<p>${quantity.conflicting ? '<span class="conflict">⚠ Some of these statements conflict.</span> ' : ''}${rows.length} statements · quantity key: <code>${escape(quantity.keyLabel)}</code></p>
<svg viewBox="0 0 ${width} ${height}" width="100%" class="plot" role="img" aria-label="${escape(quantity.label)}">${parts.join('')}</svg>
</body></html>`;
}

function formatNumber(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e12) return `${(v / 1e12).toFixed(2)} T`;
  if (abs >= 1e9) return `${(v / 1e9).toFixed(2)} B`;
  if (abs >= 1e6) return `${(v / 1e6).toFixed(2)} M`;
  if (abs >= 1e4) return `${(v / 1e3).toFixed(1)} K`;
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function nonce(): string {
  let text = '';
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 32; i++) text += chars.charAt(Math.floor(Math.random() * chars.length));
  return text;
}

