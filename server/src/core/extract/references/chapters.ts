import { isBlank, lineAt, trimmedSpan, type TextLine } from './lines';
import type { Chapter, TocEntry } from './types';

const CHAPTER_LINE = /^\s*(?:#+\s*)?(?:chapter|cap[ií]tulo|part|parte)\s+(\d{1,3}|[IVXLC]{1,6})\b[.:]?\s*(.*)$/i;
const AUTHOR_LINE = /^\s*by\s+\S/i;
// How far above a title the "Chapter 4" and "By …" lines that open its chapter may be.
const OPENING_LINES = 6;

/**
 * The chapters of a multi-part document. When a table of contents names its parts, each entry's
 * heading in the body opens a chapter (pulled back over the "Chapter 4" and "By …" lines just above
 * it); otherwise "Chapter N" lines do. Documents without either have no chapters. Each chapter runs
 * to the start of the next; the last to the end of the text.
 */
export function findChapters(lines: readonly TextLine[], toc: readonly TocEntry[], bodyStart: number, textLength: number): Chapter[] {
  const opened: { start: number; title: string; number?: string; titleSpan: { start: number; end: number } }[] = [];
  const targeted = toc.filter((entry) => entry.target !== undefined);
  if (targeted.length >= 2) {
    for (const entry of targeted) {
      const first = lineAt(lines, entry.target!.start);
      const opening = openingLine(lines, first, bodyStart);
      const number = entry.number ?? chapterNumberIn(lines, opening, first);
      opened.push({ start: lines[opening]!.start, title: entry.title, ...(number ? { number } : {}), titleSpan: entry.target! });
    }
  } else {
    for (let i = 0; i < lines.length; i++) {
      const match = CHAPTER_LINE.exec(lines[i]!.text);
      if (!match) continue;
      // The title is on the same line ("Chapter 3: Energy") or on the next non-blank one.
      let titleLine = i;
      if (match[2]!.trim() === '') {
        titleLine = i + 1;
        while (titleLine < lines.length && isBlank(lines[titleLine]!)) titleLine++;
        while (titleLine < lines.length && AUTHOR_LINE.test(lines[titleLine]!.text)) {
          titleLine++;
          while (titleLine < lines.length && isBlank(lines[titleLine]!)) titleLine++;
        }
      }
      const line = lines[Math.min(titleLine, lines.length - 1)]!;
      const title = (titleLine === i ? match[2]! : line.text).trim();
      opened.push({ start: lines[i]!.start, title, number: arabic(match[1]!), titleSpan: trimmedSpan(line) });
    }
  }
  opened.sort((a, b) => a.start - b.start);
  return opened.map((chapter, n) => ({
    kind: 'chapter',
    title: chapter.title,
    ...(chapter.number ? { number: chapter.number } : {}),
    titleSpan: chapter.titleSpan,
    span: { start: chapter.start, end: n + 1 < opened.length ? Math.max(chapter.start, opened[n + 1]!.start - 1) : textLength },
  }));
}

/**
 * The first line of the "Chapter N" and "By …" lines (at most one of each) directly above
 * `titleLine`, never before the body (`bodyStart`); the title line itself when there are none.
 */
function openingLine(lines: readonly TextLine[], titleLine: number, bodyStart: number): number {
  let first = titleLine;
  let sawChapter = false;
  let sawAuthor = false;
  for (let i = titleLine - 1; i >= bodyStart && titleLine - i <= OPENING_LINES; i--) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    if (!sawChapter && CHAPTER_LINE.test(line.text)) sawChapter = true;
    else if (!sawAuthor && !sawChapter && AUTHOR_LINE.test(line.text)) sawAuthor = true;
    else break;
    first = i;
  }
  return first;
}

/** Index of the chapter holding `offset`, or -1. */
export function chapterAt(chapters: readonly Chapter[], offset: number): number {
  return chapters.findIndex((chapter) => chapter.span.start <= offset && offset <= chapter.span.end);
}

/** The number of a "Chapter N" line between `from` and `to` (exclusive), if any. */
function chapterNumberIn(lines: readonly TextLine[], from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) {
    const match = CHAPTER_LINE.exec(lines[i]!.text);
    if (match) return arabic(match[1]!);
  }
  return undefined;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

/** "04" → "4", "IV" → "4". */
export function arabic(numeral: string): string {
  if (/^\d+$/.test(numeral)) return String(Number(numeral));
  let total = 0;
  const digits = [...numeral.toLowerCase()].map((c) => ROMAN[c] ?? 0);
  digits.forEach((value, i) => (total += value < (digits[i + 1] ?? 0) ? -value : value));
  return String(total);
}
