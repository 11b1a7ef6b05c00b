import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Span } from '../types';
import { acronymAt } from './acronymAt';
import { acronymTable } from './acronymTable';
import { baseName, linkToPlace, sentenceAround } from './places';

/** Hover content: Markdown, and the span it explains. */
export interface HoverResult {
  span: Span;
  markdown: string;
}

/** The hover for `offset` in `uri`, or `undefined` when nothing there is known to the analysis. */
export function hoverAt(index: WorkspaceIndex, uri: string, offset: number): HoverResult | undefined {
  const document = index.get(uri);
  if (!document) return undefined;
  const hit = acronymAt(document, offset);
  if (!hit) return undefined;
  const table = acronymTable(index);
  const definitions = table.definitions.get(hit.acronym) ?? [];
  const lines = [`**${hit.acronym}** — acronym`];
  if (definitions.length === 0) {
    lines.push('', 'Never expanded in any document of the workspace.');
  } else {
    const expansions = [...new Set(definitions.map((d) => d.expansion))];
    lines.push('', expansions.map((e) => `*${e}*`).join(' · '));
    const first = definitions.find((d) => d.uri === uri) ?? definitions[0]!;
    const source = index.get(first.uri);
    if (source) lines.push('', `Introduced in ${linkToPlace(index, first.uri, first.span)}: “${sentenceAround(source.text, first.span)}”`);
  }
  const counts = index
    .documents()
    .map((d) => [d.uri, d.acronyms.mentions.filter((m) => m.acronym === hit.acronym).length] as const)
    .filter(([, n]) => n > 0)
    .map(([u, n]) => `${baseName(u)}: ${n}`);
  if (counts.length > 0) lines.push('', `Mentions — ${counts.join(', ')}`);
  return { span: hit.span, markdown: lines.join('\n') };
}
