import { acronymAt } from './acronymAt';
import { acronymTable } from './acronymTable';
import type { QueryLayer } from './layer';
import { baseName, linkToPlace, sentenceAround } from './places';

/** Hover, definition and references for acronyms ("TCOs", "USMCA"). */
export const acronymLayer: QueryLayer = {
  name: 'acronyms',

  hoverAt(index, document, offset) {
    const hit = acronymAt(document, offset);
    if (!hit) return undefined;
    const definitions = acronymTable(index).definitions.get(hit.acronym) ?? [];
    const lines = [`**${hit.acronym}** — acronym`];
    if (definitions.length === 0) {
      lines.push('', 'Never expanded in any document of the workspace.');
    } else {
      const expansions = [...new Set(definitions.map((d) => d.expansion))];
      lines.push('', expansions.map((e) => `*${e}*`).join(' · '));
      const first = definitions.find((d) => d.uri === document.uri) ?? definitions[0]!;
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
  },

  definitionAt(index, document, offset) {
    const hit = acronymAt(document, offset);
    if (!hit) return undefined;
    const definitions = acronymTable(index).definitions.get(hit.acronym) ?? [];
    const local = definitions.filter((d) => d.uri === document.uri).slice(0, 1);
    const seen = new Set<string>();
    const chosen = local.length > 0 ? local : definitions.filter((d) => !seen.has(d.uri) && seen.add(d.uri));
    return chosen.map((d) => ({ uri: d.uri, span: { start: Math.min(d.expansionSpan.start, d.span.start), end: d.span.end } }));
  },

  referencesTo(index, document, offset) {
    const hit = acronymAt(document, offset);
    if (!hit) return undefined;
    return index.documents().flatMap((other) => other.acronyms.mentions.filter((m) => m.acronym === hit.acronym).map((m) => ({ uri: other.uri, span: m.span })));
  },
};
