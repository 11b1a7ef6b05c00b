import type { Span } from '../../types';
import type { NoteMarker } from './types';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUPERSCRIPT_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
// Units whose superscript is an exponent, not a note ("12 km²", "m³/s").
const EXPONENT_UNITS = /(?:^|[^\p{L}])(?:k?m|cm|mm|ft|in|mi|yd|sq)$/u;
// "^{1,2}", "^{15, 16}", "^{3-5}": each number (or each number of a range) is its own reference.
const BRACE_GROUP = /\^\{\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*\}/g;
// "<sup>5</sup>", "<sup>1,2</sup>"; "3<sup>rd</sup>" has no digits inside and is an ordinal.
const SUP_TAG = /<sup>\s*(\d{1,3}(?:\s*,\s*\d{1,3})*|\*)\s*<\/sup>/gi;
// "[^1]" not followed by ":" (that is the footnote's definition).
const MARKDOWN_FOOTNOTE = /\[\^([^\]\s]+)\](?!:)/g;
// "GOVERNMENT\*": an escaped asterisk right after a word or closing punctuation, not at a line start. Found with
// indexOf, the character before tested with this (a lookbehind pattern tried at every backslash cost ~1 ms a report).
const BEFORE_ESCAPED_ASTERISK = /[\p{L}\p{N}.,;:)”"’']$/u;

/** "³⁵" → "35". */
export function superscriptToDigits(superscript: string): string {
  return [...superscript].map((c) => String(SUPERSCRIPT_DIGITS.indexOf(c))).join('');
}

/**
 * Every note marker of a text, in text order: Unicode superscripts ("¹", "³⁵"), brace groups
 * ("^{1,2}": one marker per number), `<sup>5</sup>`, Markdown footnote references ("[^1]") and
 * escaped asterisks ("GOVERNMENT\*"). Notes' own labels at a line start ("¹ Alejandro …") are not markers.
 */
export function findNoteMarkers(text: string): NoteMarker[] {
  const markers: NoteMarker[] = [];
  for (const match of text.matchAll(SUPERSCRIPT_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (isLineStartLabel(text, start, end)) continue;
    if (EXPONENT_UNITS.test(text.slice(Math.max(0, start - 4), start))) continue;
    const span = { start, end };
    markers.push({ kind: 'note-marker', label: superscriptToDigits(match[0]), form: 'superscript', span, groupSpan: span });
  }
  for (const match of text.matchAll(BRACE_GROUP)) {
    const groupSpan = { start: match.index, end: match.index + match[0].length };
    const bodyStart = match.index + match[0].indexOf(match[1]!);
    markers.push(...numbersIn(match[1]!, bodyStart).map(({ label, span }) => ({ kind: 'note-marker' as const, label, form: 'brace' as const, span, groupSpan })));
  }
  for (const match of text.matchAll(SUP_TAG)) {
    const groupSpan = { start: match.index, end: match.index + match[0].length };
    const bodyStart = match.index + match[0].indexOf(match[1]!, 5);
    const numbers = match[1] === '*' ? [{ label: '*', span: { start: bodyStart, end: bodyStart + 1 } }] : numbersIn(match[1]!, bodyStart);
    markers.push(...numbers.map(({ label, span }) => ({ kind: 'note-marker' as const, label, form: 'sup-tag' as const, span, groupSpan })));
  }
  for (const match of text.matchAll(MARKDOWN_FOOTNOTE)) {
    const span = { start: match.index, end: match.index + match[0].length };
    markers.push({ kind: 'note-marker', label: match[1]!, form: 'markdown', span, groupSpan: span });
  }
  for (let at = text.indexOf('\\*'); at !== -1; ) {
    if (at > 0 && BEFORE_ESCAPED_ASTERISK.test(text.slice(Math.max(0, at - 2), at))) {
      const span = { start: at, end: at + 2 };
      markers.push({ kind: 'note-marker', label: '*', form: 'asterisk', span, groupSpan: span });
      at = text.indexOf('\\*', at + 2);
    } else at = text.indexOf('\\*', at + 1);
  }
  return markers.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The spans of every footnote marker in a text (one span per written marker, a brace group whole),
 * sorted. For other extractors: the "¹²" of "35,484¹²" is a note marker, not part of the number.
 */
export function footnoteMarkerSpans(text: string): Span[] {
  const seen = new Set<number>();
  const spans: Span[] = [];
  for (const marker of findNoteMarkers(text)) {
    if (seen.has(marker.groupSpan.start)) continue;
    seen.add(marker.groupSpan.start);
    spans.push(marker.groupSpan);
  }
  return spans;
}

/** "15, 16" → 15 and 16 with their spans; "3-5" → 3, 4 and 5, each spanning the range. */
function numbersIn(body: string, bodyStart: number): { label: string; span: Span }[] {
  const numbers: { label: string; span: Span }[] = [];
  for (const part of body.matchAll(/(\d+)(?:\s*[–-]\s*(\d+))?/g)) {
    const span = { start: bodyStart + part.index, end: bodyStart + part.index + part[0].length };
    const first = Number(part[1]);
    const last = part[2] === undefined ? first : Number(part[2]);
    if (last < first || last - first > 20) {
      numbers.push({ label: String(first), span });
      continue;
    }
    const single = last === first;
    for (let n = first; n <= last; n++) numbers.push({ label: String(n), span: single ? { start: span.start, end: span.start + part[1]!.length } : span });
  }
  return numbers;
}

/** A superscript opening a line and followed by a space labels a note printed there ("¹ Alejandro …"). */
function isLineStartLabel(text: string, start: number, end: number): boolean {
  // Back to the nearest line break by hand: lastIndexOf('\r') on a text without one scans to its start every time.
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  return /^[\s>*-]*$/.test(text.slice(lineStart, start)) && /^[ \t]/.test(text.slice(end, end + 1));
}
