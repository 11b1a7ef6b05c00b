/** Joins lines with "\n" — keeps multi-line fixtures readable. */
export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

export const CURSOR = '$$CURSOR$$';

/** Removes the cursor marker from a fixture and returns the text and the marker's offset. */
export function withCursor(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf(CURSOR);
  if (offset === -1) throw new Error(`fixture has no ${CURSOR}`);
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + CURSOR.length), offset };
}

/** Offset of the `nth` (0-based) occurrence of `needle` in `text`, plus `delta`; throws when missing. */
export function offsetOf(text: string, needle: string, nth = 0, delta = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`“${needle}” (#${nth}) not in text`);
  }
  return at + delta;
}
