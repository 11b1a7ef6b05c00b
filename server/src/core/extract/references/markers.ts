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
  return sortMarkers([...lineMarkers(text, 0, text.length), ...groupMarkers(text)]);
}

/**
 * Markers in text order. Two markers start at the same offset only when one written marker names several notes
 * ("^{3-5}"), and those are found in order: a stable sort of any concatenation of the forms' lists gives one order.
 */
export function sortMarkers(markers: NoteMarker[]): NoteMarker[] {
  return markers.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The markers written on one line (superscripts, Markdown footnote references, escaped asterisks) that start in
 * [from, to), where both are line starts (or the text's ends): none of these patterns reaches over a line break,
 * and what each reads around a match (the line's start, four characters before, one after) stays on its line or
 * reads a line break. Brace groups and `<sup>` tags may hold line breaks (`\s*`): see `groupMarkers`.
 */
export function lineMarkers(text: string, from: number, to: number): NoteMarker[] {
  const markers: NoteMarker[] = [];
  // A slice of the window, so that a scan past the window's last match stops at its end; the checks around a match read the whole text.
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const match of part.matchAll(SUPERSCRIPT_RUN)) {
    const start = match.index + from;
    const end = start + match[0].length;
    if (isLineStartLabel(text, start, end)) continue;
    if (EXPONENT_UNITS.test(text.slice(Math.max(0, start - 4), start))) continue;
    const span = { start, end };
    markers.push({ kind: 'note-marker', label: superscriptToDigits(match[0]), form: 'superscript', span, groupSpan: span });
  }
  for (const match of part.matchAll(MARKDOWN_FOOTNOTE)) {
    const span = { start: match.index + from, end: match.index + from + match[0].length };
    markers.push({ kind: 'note-marker', label: match[1]!, form: 'markdown', span, groupSpan: span });
  }
  for (let at = text.indexOf('\\*', from); at !== -1 && at < to; ) {
    if (at > 0 && BEFORE_ESCAPED_ASTERISK.test(text.slice(Math.max(0, at - 2), at))) {
      const span = { start: at, end: at + 2 };
      markers.push({ kind: 'note-marker', label: '*', form: 'asterisk', span, groupSpan: span });
      at = text.indexOf('\\*', at + 2);
    } else at = text.indexOf('\\*', at + 1);
  }
  return markers;
}

/**
 * Brace groups ("^{1,2}") and `<sup>` tags starting in [from, to), which may reach over line breaks (`\s*`). A scan
 * of `text.slice(from, to)` finds what a scan of the whole text finds there when the characters before `from` and
 * before `to` are stops (`isGroupStop`) or the text's ends: the patterns consume none, so no attempt that starts
 * before a stop reads past it.
 */
export function groupMarkers(text: string, from = 0, to = text.length): NoteMarker[] {
  const markers: NoteMarker[] = [];
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const found of part.matchAll(BRACE_GROUP)) {
    const match = { index: found.index + from, 0: found[0], 1: found[1] };
    const groupSpan = { start: match.index, end: match.index + match[0].length };
    const bodyStart = match.index + match[0].indexOf(match[1]!);
    markers.push(...numbersIn(match[1]!, bodyStart).map(({ label, span }) => ({ kind: 'note-marker' as const, label, form: 'brace' as const, span, groupSpan })));
  }
  for (const found of part.matchAll(SUP_TAG)) {
    const match = { index: found.index + from, 0: found[0], 1: found[1] };
    const groupSpan = { start: match.index, end: match.index + match[0].length };
    const bodyStart = match.index + match[0].indexOf(match[1]!, 5);
    const numbers = match[1] === '*' ? [{ label: '*', span: { start: bodyStart, end: bodyStart + 1 } }] : numbersIn(match[1]!, bodyStart);
    markers.push(...numbers.map(({ label, span }) => ({ kind: 'note-marker' as const, label, form: 'sup-tag' as const, span, groupSpan })));
  }
  return markers;
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

// What brace groups and <sup> tags consume: white space, digits, separators, "^{}", "<sup>", "</sup>" (any case, ASCII
// only: these patterns have no "u" flag, and case-insensitive matching without it never maps other letters to ASCII).
const GROUP_CONSUMES = /[\s\d,–\-*^{}<>/supSUP]/;

/** Whether the character at `offset` stops brace groups and `<sup>` tags (see `groupMarkers`). */
export function isGroupStop(text: string, offset: number): boolean {
  return !GROUP_CONSUMES.test(text[offset]!);
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
