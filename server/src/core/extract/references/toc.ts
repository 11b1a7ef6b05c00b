import { CONTENTS_HEADINGS } from './data';
import { isBlank, isOneOfTitles, normalizeTitle, trimmedSpan, type TextLine } from './lines';
import type { TocEntry } from './types';

// "1. Chief of Mission Priorities.....\t3", "01.\tPutting … Cooperation\t10", "\tIntroduction\t1", "Annex   12".
const ENTRY = /^(\s*(?:(?:chapter\s+)?(?:\d{1,3}(?:\.\d+)*[.):]?|[IVX]{1,4}[.)])\s+)?)(\S.*?)(?:\s*\.{3,}\s*|\t+|\s{3,}|\s+\.\s+)(\d{1,4}|[ivxlc]{1,6})\s*$/i;
// "\tBy Gema Kloppe-Santamaría\t": the author line under an entry.
const AUTHOR = /^\s*by\s+(\S.*?)\s*$/i;
const MAX_BLANK_RUN = 2;

/** Whether a line heads a table of contents ("Contents", "Table of Contents"). */
export function isContentsHeading(line: string): boolean {
  return isOneOfTitles(line, CONTENTS_HEADINGS);
}

/**
 * The entries of the document's table of contents: the lines after a "Contents" heading that end
 * in a page number, each with the author line under it if any. Targets are resolved by `resolveToc`.
 * Returns the entries and the index of the line after the table (where the body starts).
 */
export function findToc(lines: readonly TextLine[]): { entries: TocEntry[]; bodyStart: number; hasHeading: boolean } {
  const heading = lines.findIndex((line) => isContentsHeading(line.text));
  if (heading === -1) return { entries: [], bodyStart: 0, hasHeading: false };
  const entries: TocEntry[] = [];
  let blanks = 0;
  let i = heading + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) {
      if (++blanks > MAX_BLANK_RUN && entries.length > 0) break;
      continue;
    }
    blanks = 0;
    const author = AUTHOR.exec(line.text);
    const previous = entries.at(-1);
    if (author && previous && !previous.author) {
      previous.author = author[1]!.replace(/[*_]/g, '');
      previous.span = { start: previous.span.start, end: trimmedSpan(line).end };
      continue;
    }
    const entry = ENTRY.exec(line.text.replace(/\s+$/, ''));
    if (!entry) break;
    const titleStart = line.start + entry[1]!.length;
    const title = entry[2]!.replace(/[.\s]+$/, '');
    const number = /\d+/.exec(entry[1]!)?.[0];
    entries.push({
      kind: 'toc-entry',
      title,
      ...(number ? { number: String(Number(number)) } : {}),
      page: entry[3]!,
      span: trimmedSpan(line),
      titleSpan: { start: titleStart, end: titleStart + title.length },
    });
  }
  return { entries, bodyStart: i, hasHeading: true };
}

/**
 * Finds, for each entry in order, the first body line (after the previous entry's target) whose text
 * is the entry's title; a title broken over two or three lines ("Putting Citizens' Security First:" /
 * "Towards a New Chapter …") matches too. Entries whose title is nowhere keep `target` undefined.
 */
export function resolveToc(lines: readonly TextLine[], entries: TocEntry[], bodyStart: number): void {
  let cursor = bodyStart;
  // Each body line normalised once: an entry whose title is nowhere reads every line after the cursor, and a
  // long report's contents have dozens of entries (normalising every line per entry was half of extractReferences).
  const normalized: (string | undefined)[] = new Array(lines.length);
  const partAt = (line: number): string => (normalized[line] ??= normalizeTitle(stripMarkers(lines[line]!.text)));
  for (const entry of entries) {
    const wanted = normalizeTitle(entry.title);
    if (wanted === '') continue;
    for (let i = cursor; i < lines.length; i++) {
      const last = titleEndingAt(lines, i, wanted, partAt);
      if (last === undefined) continue;
      entry.target = { start: trimmedSpan(lines[i]!).start, end: trimmedSpan(lines[last]!).end };
      cursor = last + 1;
      break;
    }
  }
}

/** The last line of `wanted` written from line `first` on (over at most three lines), or `undefined`. */
function titleEndingAt(lines: readonly TextLine[], first: number, wanted: string, partAt: (line: number) => string): number | undefined {
  let sofar = '';
  let line = first;
  for (let parts = 0; parts < 3 && line < lines.length; parts++) {
    // Each part must normalise to a prefix of the title: a prose line too long for it fails without normalising.
    if (longerThan(lines[line]!.text, wanted.length)) return undefined;
    const part = partAt(line);
    if (part === '') return undefined;
    sofar = sofar === '' ? part : `${sofar} ${part}`;
    if (sofar === wanted || sofar.replace(/:/g, '') === wanted.replace(/:/g, '')) return line;
    if (!wanted.replace(/:/g, '').startsWith(sofar.replace(/:/g, ''))) return undefined;
    line++;
    // A title broken over lines may have one blank line between its parts.
    if (line < lines.length && isBlank(lines[line]!)) line++;
  }
  return undefined;
}

// At most what normalizeTitle drops at the start of a line besides white space and marks: "chapter", two digits and ".", ")" or ":".
const MAX_NUMBERING = 10;

/**
 * Whether `text` surely normalises (after `stripMarkers`) to more than `length` characters: it keeps more than
 * `length + MAX_NUMBERING` characters that neither normalisation nor marker stripping removes (white space,
 * Markdown marks, superscripts and the punctuation trimmed at the end are not counted; lower-casing never
 * shortens). A line with "<" or "^" may hold a marker of any length: not decided here.
 */
function longerThan(text: string, length: number): boolean {
  const limit = length + MAX_NUMBERING;
  if (text.length <= limit) return false;
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 60 /* < */ || code === 94 /* ^ */) return false;
    if (code <= 32 || code === 42 || code === 95 || code === 35 || code === 96 || code === 58 || code === 46 || code === 44 || code === 59) continue;
    if (code === 0xb9 || code === 0xb2 || code === 0xb3 || (code >= 0x2070 && code <= 0x2079) || (code > 127 && /\s/.test(text[i]!))) continue;
    if (++kept > limit) return true;
  }
  return false;
}

/** "Introduction¹" → "Introduction": a heading may carry a note marker. */
function stripMarkers(text: string): string {
  return text.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{[^}]*\}|<sup>[^<]*<\/sup>/g, '');
}

/**
 * Whether an edit that replaced lines [first, oldAfter) of `oldLines` with lines [first, newAfter) of `newLines`, below
 * the contents (past the line `findToc` stopped at), leaves `findToc` and `resolveToc` reading the same: no title of
 * `entries` starts on a changed line of either version, and from each of the four lines above them (a title is read
 * over at most five lines: three parts with a blank line between each) every title reads the same lines. When the
 * document has no contents (`hasHeading` false), no contents heading may appear. Then the entries and targets found
 * before hold (targets after the change moved).
 */
export function tocUnaffected(
  oldLines: readonly TextLine[],
  newLines: readonly TextLine[],
  entries: readonly TocEntry[],
  hasHeading: boolean,
  window: { first: number; oldAfter: number; newAfter: number },
): boolean {
  const { first, oldAfter, newAfter } = window;
  if (!hasHeading) {
    for (let i = first; i < newAfter; i++) if (isContentsHeading(newLines[i]!.text)) return false;
    return true;
  }
  const partsOf = (lines: readonly TextLine[]) => {
    const normalized = new Map<number, string>();
    return (line: number): string => {
      let part = normalized.get(line);
      if (part === undefined) normalized.set(line, (part = normalizeTitle(stripMarkers(lines[line]!.text))));
      return part;
    };
  };
  const oldPart = partsOf(oldLines);
  const newPart = partsOf(newLines);
  for (const entry of entries) {
    const wanted = normalizeTitle(entry.title);
    if (wanted === '') continue;
    for (let i = Math.max(0, first - 4); i < first; i++) {
      const before = titleEndingAt(oldLines, i, wanted, oldPart);
      if (before !== titleEndingAt(newLines, i, wanted, newPart) || (before !== undefined && before >= first)) return false;
    }
    for (let i = first; i < oldAfter; i++) if (titleEndingAt(oldLines, i, wanted, oldPart) !== undefined) return false;
    for (let i = first; i < newAfter; i++) if (titleEndingAt(newLines, i, wanted, newPart) !== undefined) return false;
  }
  return true;
}
