import { entityAt } from './entityAt';
import { entityTable } from './entityTable';
import type { QueryLayer } from './layer';
import { baseName, linkToPlace, sentenceAround } from './places';

/** Documents listed by name in the hover's mention counts; beyond this, the total and the busiest ones. */
const MENTION_COUNTS_LISTED = 8;

/**
 * The documents mentioning an entity most, most first (one more than listed, in case one is the hovered document);
 * sorted once per table, not on every hover: a name in 2,000 documents took ~4 ms per hover to sort.
 */
function busiest(counts: readonly (readonly [string, number])[]): readonly (readonly [string, number])[] {
  let top = busiestByCounts.get(counts);
  if (!top) busiestByCounts.set(counts, (top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MENTION_COUNTS_LISTED)));
  return top;
}

const busiestByCounts = new WeakMap<readonly (readonly [string, number])[], readonly (readonly [string, number])[]>();

/** An acronym's distinct expansions, once per table: copies of a report define one acronym a thousand times. */
function distinctExpansions(definitions: readonly { expansion: string }[]): string[] {
  let expansions = expansionsByDefinitions.get(definitions);
  if (!expansions) expansionsByDefinitions.set(definitions, (expansions = [...new Set(definitions.map((d) => d.expansion))]));
  return expansions;
}

const expansionsByDefinitions = new WeakMap<readonly { expansion: string }[], string[]>();

const KIND_LABEL = { person: 'person', organization: 'organization', agreement: 'agreement', program: 'program / initiative', place: 'place', event: 'event', other: 'name' } as const;

/** Hover, definition and references for named entities and acronyms ("TCOs", "Mérida Initiative", "AMLO", "Biden"). */
export const entityLayer: QueryLayer = {
  name: 'entities',

  hoverAt(index, document, offset) {
    const hit = entityAt(index, document, offset);
    if (!hit) return undefined;
    const { entity, mention } = hit;
    const table = entityTable(index);
    const isAcronym = mention.acronym || entity.acronyms.length > 0;
    const lines = [`**${entity.name}** — ${KIND_LABEL[entity.kind]}${isAcronym && entity.kind === 'other' ? ' (acronym)' : ''}`];
    if (entity.expansions.length > 0) {
      // Only acronyms expanded somewhere get a line; the others (aliases such as "T-MEC") are listed under "Also".
      const expanded = entity.acronyms
        .map((a) => [a, distinctExpansions(table.acronymDefinitions.get(a) ?? []).map((e) => `*${e}*`)] as const)
        .filter(([, expansions]) => expansions.length > 0);
      lines.push('', expanded.map(([a, expansions]) => `${a}: ${expansions.join(' · ')}`).join('  \n'));
    } else if (mention.acronym && !table.exempt.has(mention.key)) {
      lines.push('', 'Never expanded in any document of the workspace.');
    }
    const others = entity.aliases.filter((a) => a !== entity.name).slice(0, 8);
    if (others.length > 0) lines.push('', `Also: ${others.join(', ')}`);
    const here = table.introductionIn(entity.id, document.uri);
    const introduction = here ? { uri: document.uri, span: here } : table.firstIntroduction(entity.id);
    const source = introduction && index.get(introduction.uri);
    if (introduction && source) lines.push('', `Introduced in ${linkToPlace(index, introduction.uri, introduction.span)}: “${sentenceAround(source.text, introduction.span)}”`);
    const counts = table.mentionCounts(entity.id);
    if (counts.length > 0 && counts.length <= MENTION_COUNTS_LISTED) lines.push('', `Mentions — ${counts.map(([uri, n]) => `${baseName(uri)}: ${n}`).join(', ')}`);
    else if (counts.length > 0) {
      // A name found in hundreds of documents: the total, this document, and where it is mentioned most.
      const here = counts.find(([uri]) => uri === document.uri)?.[1] ?? 0;
      const most = busiest(counts).filter(([uri]) => uri !== document.uri).slice(0, MENTION_COUNTS_LISTED - 1);
      lines.push('', `Mentions — ${table.mentionTotal(entity.id)} in ${counts.length} documents: ${[`here: ${here}`, ...most.map(([uri, n]) => `${baseName(uri)}: ${n}`)].join(', ')}, …`);
    }
    return { span: mention.span, markdown: lines.join('\n') };
  },

  definitionAt(index, document, offset) {
    const hit = entityAt(index, document, offset);
    if (!hit) return undefined;
    const local = entityTable(index).introductionIn(hit.entity.id, document.uri);
    return local ? [{ uri: document.uri, span: local }] : hit.entity.introductions;
  },

  referencesTo(index, document, offset) {
    const hit = entityAt(index, document, offset);
    if (!hit) return undefined;
    return entityTable(index).mentionsOf(hit.entity.id).map((m) => ({ uri: m.uri, span: m.span }));
  },
};
