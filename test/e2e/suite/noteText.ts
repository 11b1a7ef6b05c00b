// How footnote markers and endnotes read in the text, shared by the extension-host suite and part B (no vscode import).

export const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** "¹⁵" → 15. */
export function superscriptValue(marker: string): number {
  return Number([...marker].map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).join(''));
}

/** Whether a line reads like note `n` of an endnote list: "1 …", "1. …", "[1] …", "¹ …", also as a list item "- [1] …". */
export function startsLikeNote(line: string, n: number): boolean {
  const superscript = [...String(n)].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join('');
  return new RegExp(`^\\s*(?:[-*+]\\s+)?(?:\\[${n}\\]|${n}(?![\\d,])[.)]?|${superscript}(?![${SUPERSCRIPT_DIGITS}]))`).test(line);
}

/** A bare heading line that ends with a superscript note marker ("Introduction¹"); group 1 is the marker. */
export const HEADING_WITH_MARKER = new RegExp(`^[A-Z][\\p{L} ,:'’-]{2,80}?\\p{L}([${SUPERSCRIPT_DIGITS}]+)[ \\t]*$`, 'mu');

/** Every superscript marker right after a word or punctuation. */
export const MARKERS = new RegExp(`(?<=[\\p{L}.,;:)”"’])[${SUPERSCRIPT_DIGITS}]+`, 'gu');

/** The heading that opens a list of notes. */
export const NOTES_HEADING = /^\s*(?:End)?notes\s*$/i;

/** The marker of the first heading line that ends with one: its offset in the text, the heading and the note number. */
export function headingMarker(text: string): { offset: number; heading: string; number: number } | undefined {
  const match = HEADING_WITH_MARKER.exec(text);
  if (!match) return undefined;
  const heading = match[0].trimEnd();
  return { offset: match.index + heading.length - match[1]!.length, heading, number: superscriptValue(match[1]!) };
}

/** How many notes headings lie strictly between two 0-based lines. */
export function notesHeadingsBetween(lines: string[], fromLine: number, toLine: number): number {
  return lines.slice(fromLine + 1, toLine).filter((l) => NOTES_HEADING.test(l)).length;
}
