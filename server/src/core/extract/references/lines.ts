import type { Span } from '../../types';

/** One line of a document, without its line break. */
export interface TextLine {
  text: string;
  start: number;
  end: number;
}

/** Splits a text into lines ("\n", "\r\n" or "\r"), keeping each line's offsets. */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ text: text.slice(start, match.index), start, end: match.index });
    start = match.index + match[0].length;
  }
  lines.push({ text: text.slice(start), start, end: text.length });
  return lines;
}

/** Whether a line holds only white space. */
export function isBlank(line: TextLine): boolean {
  // `\s` is what trim removes; the test stops at the first other character instead of copying the trimmed line.
  return !NOT_WHITE_SPACE.test(line.text);
}

const NOT_WHITE_SPACE = /\S/;

/** The line's span without leading and trailing white space. */
export function trimmedSpan(line: TextLine): Span {
  const leading = line.text.length - line.text.trimStart().length;
  const trailing = line.text.length - line.text.trimEnd().length;
  return { start: line.start + leading, end: Math.max(line.start + leading, line.end - trailing) };
}

/**
 * A heading or title reduced for comparison: Markdown marks, numbering ("01.", "3."), quotes and
 * case dropped, white space collapsed. "01.\tPutting Citizens’ Security First:" → "putting citizens' security first".
 */
export function normalizeTitle(title: string): string {
  return title
    .replace(/[*_#`]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/^\s*(?:chapter\s+)?\d{1,2}[.):]?\s+/i, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:.,;]+$/, '')
    .trim()
    .toLowerCase();
}

// normalizeTitle keeps every letter of a line but a leading "chapter", and any character not listed here: a line
// with another character ("-", "(", "'") or more than 47 letters normalises to no title of letters and spaces of
// up to 40 characters. Tested first, and fails within a prose line's first words, because every line is tested.
const SHORT_WORD_TITLE = /^[\s*_#`\d.):,;]*(?:\p{L}[\s*_#`\d.):,;]*){0,47}$/u;
const MAX_TITLE_LENGTH = 40;

/** Whether `line` normalises to one of `titles`, which hold only letters and spaces ("table of contents"). */
export function isOneOfTitles(line: string, titles: readonly string[]): boolean {
  if (!SHORT_WORD_TITLE.test(line) && titles.every((title) => title.length <= MAX_TITLE_LENGTH)) return false;
  return titles.includes(normalizeTitle(line));
}

/** Index of the line holding `offset` (binary search over sorted lines). */
export function lineAt(lines: readonly TextLine[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
