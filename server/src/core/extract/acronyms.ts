import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Span } from '../types';

/**
 * An acronym expanded in the text.
 * For "Transnational Criminal Organizations (TCOs)": `{ acronym: 'TCO', expansion: 'Transnational Criminal Organizations',
 * span: <"TCOs">, expansionSpan: <"Transnational Criminal Organizations"> }`.
 */
export interface AcronymDefinition {
  kind: 'acronym-definition';
  acronym: string;
  expansion: string;
  span: Span;
  expansionSpan: Span;
}

/** A use of an acronym-shaped token ("TCOs", "USMCA"), defined or not. */
export interface AcronymMention {
  kind: 'acronym-mention';
  /** Singular, as defined: "TCOs" → "TCO". */
  acronym: string;
  span: Span;
}

export interface AcronymExtract {
  definitions: AcronymDefinition[];
  mentions: AcronymMention[];
}

// An all-capitals token of 2–8 letters, optionally with a plural "s": USMCA, TCOs, DHS.
const ACRONYM_TOKEN = /(?<![\p{L}\p{N}.-])(\p{Lu}{2,8})(s?)(?![\p{L}\p{N}]|\.\p{L})/gu;
// "Long Name (ACR)": the parenthesis holds only the acronym.
const PARENTHESISED = /\((\p{Lu}{2,8})(s?)\)/gu;
const CONNECTOR_WORDS = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'to', 'de', 'del', 'la', 'el', 'y', 'los', 'las', 'a', '&']);

/**
 * Finds "Long Name (ACR)" definitions and every acronym-shaped token in the document's text nodes.
 * The long name is accepted when the initials of its capitalised words, read backwards from the
 * parenthesis, spell the acronym (connector words such as "of", "de" may be skipped).
 */
export function extractAcronyms(tree: Root): AcronymExtract {
  const definitions: AcronymDefinition[] = [];
  const mentions: AcronymMention[] = [];
  visit(tree, 'text', (node) => {
    const base = node.position?.start.offset;
    if (base === undefined) return;
    const value = node.value;
    for (const match of value.matchAll(ACRONYM_TOKEN)) {
      if (inCapitalisedRun(value, match.index, match.index + match[0].length)) continue;
      const start = base + match.index;
      mentions.push({ kind: 'acronym-mention', acronym: match[1]!, span: { start, end: start + match[0].length } });
    }
    for (const match of value.matchAll(PARENTHESISED)) {
      const acronym = match[1]!;
      const expansion = expansionBefore(value, match.index, acronym);
      if (!expansion) continue;
      const start = base + match.index + 1;
      definitions.push({
        kind: 'acronym-definition',
        acronym,
        expansion: expansion.text,
        span: { start, end: start + acronym.length + match[2]!.length },
        expansionSpan: { start: base + expansion.start, end: base + match.index },
      });
    }
  });
  return { definitions, mentions };
}

function expansionBefore(value: string, parenthesis: number, acronym: string): { text: string; start: number } | undefined {
  const before = value.slice(0, parenthesis).trimEnd();
  const words = [...before.matchAll(/[\p{L}][\p{L}'’.-]*|&/gu)];
  let letter = acronym.length - 1;
  let first = words.length;
  let skipped = 0;
  for (let w = words.length - 1; w >= 0 && letter >= 0; w--) {
    const word = words[w]![0];
    if (CONNECTOR_WORDS.has(word.toLowerCase())) continue;
    // Hyphenated names give one initial per part: "U.S.-Mexico-Canada" → U, S, M, C.
    const initials = word.split('-').filter(Boolean).flatMap(initialsOf);
    if (initials[initials.length - 1] !== acronym[letter]) {
      // Writers drop a word now and then ("U.S.-Mexico-Canada Trade Agreement (USMCA)"): allow one, inside the name.
      if (skipped > 0 || first === words.length || !/^\p{Lu}/u.test(word)) return undefined;
      skipped++;
      continue;
    }
    for (let i = initials.length - 1; i >= 0 && letter >= 0; i--) {
      if (initials[i] !== acronym[letter]) return undefined;
      letter--;
    }
    first = w;
  }
  if (letter >= 0 || first === words.length) return undefined;
  const start = words[first]!.index;
  return { text: before.slice(start).trim(), start };
}

/** "Mexico" → ["M"]; "U.S." → ["U", "S"] (dotted abbreviations spell each letter). */
function initialsOf(part: string): string[] {
  if (/^(\p{Lu}\.)+$/u.test(part)) return part.split('.').filter(Boolean);
  return [part[0]!.toUpperCase()];
}

/** Whether the token stands next to another all-capitals word: a shouted title ("AMBASSADOR EARL WAYNE"), not an acronym. */
function inCapitalisedRun(value: string, start: number, end: number): boolean {
  const before = /(\p{Lu}{2,})[\s,:;-]+$/u.test(value.slice(Math.max(0, start - 40), start));
  const after = /^[\s,:;-]+\p{Lu}{2,}(?!\p{Ll})/u.test(value.slice(end, end + 40));
  return before || after;
}
