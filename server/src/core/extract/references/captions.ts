import { chapterAt } from './chapters';
import { CAPTION_WORDS } from './data';
import { isBlank, trimmedSpan, type TextLine } from './lines';
import type { Caption, Chapter } from './types';

// "Figure 1. U.S.-Mexico Trade (1993-2019)", "**Table 2:** Health Systems", "Fig. 3 – Oil production".
const CAPTION = /^\s*(?:[#>]+\s*)?(?:\*\*|__)?(\p{L}+)\.?\s+(\d{1,3}(?:\.\d{1,2})?)(?:\*\*|__)?\s*[.:–—-]?\s*(?:\*\*|__)?\s*(\S.*)?$/u;
const TABLE_ROW = /\t|^\s*\|/;
// Lines under a table that still belong to it.
const TABLE_NOTE = /^\s*(?:sources?|notes?|\(\*\)|\*)\b|^\s*\(\*\)/i;

/** The word at the start of a caption or reference ("Figure", "Table", "Fig") as a caption kind, if it is one. */
export function captionKindOf(word: string): Caption['captionKind'] | undefined {
  return CAPTION_WORDS[word.toLowerCase()];
}

/**
 * Every figure and table caption: a line that starts with "Figure 1", "Table 2" and a title. A table
 * caption's block runs over the rows (tab-separated or piped) under it and the source lines that
 * follow them, so the table folds as one.
 */
export function findCaptions(lines: readonly TextLine[], chapters: readonly Chapter[]): Caption[] {
  const captions: Caption[] = [];
  for (let i = 0; i < lines.length; i++) {
    const caption = captionAt(lines, i, chapters);
    if (caption) captions.push(caption);
  }
  return captions;
}

/**
 * The caption on line `i`, if it holds one. Whether it does depends on that line alone; a table caption's block
 * reads the lines under it, and its chapter the chapters.
 */
export function captionAt(lines: readonly TextLine[], i: number, chapters: readonly Chapter[]): Caption | undefined {
  const line = lines[i]!;
  const match = CAPTION.exec(line.text);
  if (!match) return undefined;
  const captionKind = captionKindOf(match[1]!);
  const title = (match[3] ?? '').replace(/[*_]+$/, '').trim();
  if (!captionKind || title === '' || line.text.length > 200) return undefined;
  // Running text that starts "Table 2 shows …" is not a caption: captions do not read as sentences.
  if (/^\p{Ll}/u.test(title) && !/^\(/.test(title)) return undefined;
  const span = trimmedSpan(line);
  let blockEnd = span.end;
  if (captionKind === 'table') blockEnd = tableEnd(lines, i) ?? span.end;
  return { kind: 'caption', captionKind, number: match[2]!, text: title, span, blockSpan: { start: span.start, end: blockEnd }, chapter: chapterAt(chapters, span.start) };
}

/** The end offset of the rows (and their source notes) under the caption on line `captionLine`. */
function tableEnd(lines: readonly TextLine[], captionLine: number): number | undefined {
  let end: number | undefined;
  let sawRow = false;
  for (let i = captionLine + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    if (TABLE_ROW.test(line.text)) {
      sawRow = true;
      end = line.end;
    } else if (sawRow && TABLE_NOTE.test(line.text)) {
      end = line.end;
    } else {
      break;
    }
  }
  return end;
}
