import { textIncludesAscii } from './compactText';
import { detached } from './detached';
import type { DocumentAnalysis } from './document';

/**
 * Lines on which a reviewer turned rules off with an inline comment, read the same way in Markdown and
 * plain text (an HTML comment is invisible in rendered Markdown and harmless in a .txt):
 * - `<!-- policy-lens-disable-next-line conflicting-figure -->` — the next non-blank line;
 * - `<!-- policy-lens-disable-line inconsistent-derivation -->` — its own line;
 * - without rule ids, or with several (space- or comma-separated), all rules or each of them.
 * Keys are 0-based line numbers; a value `undefined` in the set means every rule.
 */
export type DisabledLines = ReadonlyMap<number, ReadonlySet<string | undefined>>;

const DIRECTIVE = /<!--\s*policy-lens-disable-(next-line|line)\b([^>]*?)-->/g;
const cache = new WeakMap<DocumentAnalysis, DisabledLines>();

/** The disabled lines of a document; cached per analysis. */
export function disabledLinesOf(document: DocumentAnalysis): DisabledLines {
  let lines = cache.get(document);
  if (!lines) cache.set(document, (lines = readDirectives(document)));
  return lines;
}

/** True when `ruleId` is disabled on the line holding `offset`. */
export function isDisabled(document: DocumentAnalysis, offset: number, ruleId: string): boolean {
  const rules = disabledLinesOf(document).get(document.lines.positionAt(offset).line);
  return !!rules && (rules.has(undefined) || rules.has(ruleId));
}

function readDirectives(document: DocumentAnalysis): DisabledLines {
  const result = new Map<number, Set<string | undefined>>();
  // Most documents have none: looked for in a closed document's compact text, without decoding it whole.
  if (!textIncludesAscii(document, 'policy-lens-disable')) return result;
  const { text, lines } = document;
  for (const match of text.matchAll(DIRECTIVE)) {
    const at = lines.positionAt(match.index);
    let line = at.line;
    if (match[1] === 'next-line') {
      line = at.line + 1;
      // Skip blank lines: in Markdown the comment usually stands alone above the paragraph it disables.
      while (line < lines.lineCount && text.slice(lines.offsetAt({ line, character: 0 }), lines.offsetAt({ line: line + 1, character: 0 })).trim() === '') line++;
    }
    const ids = match[2]!.split(/[\s,]+/).filter((id) => id);
    let set = result.get(line);
    if (!set) result.set(line, (set = new Set()));
    if (ids.length === 0) set.add(undefined);
    // Detached: kept with the analysis, a slice would keep the decoded copy of a compact text alive.
    for (const id of ids) set.add(detached(id));
  }
  return result;
}
