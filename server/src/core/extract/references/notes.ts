import type { Span } from '../../types';
import { superscriptToDigits } from './markers';
import { NOTES_HEADINGS } from './data';
import { isBlank, isOneOfTitles, type TextLine } from './lines';
import type { Note, NoteForm, NoteList, NoteMarker } from './types';
import { countBefore } from '../../collections';

interface NoteStart {
  label: string;
  form: NoteForm;
  /** Length of the label and the white space after it, from the line's first non-blank character. */
  labelLength: number;
  labelOffset: number;
}

const BRACKET_NOTE = /^(\s*(?:[-*+]\s+)?)(\[(\d{1,3})\])\s+\S/;
const SUPERSCRIPT_NOTE = /^(\s*)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)[ \t]+\S/;
const MARKDOWN_NOTE = /^(\s{0,3})(\[\^([^\]\s]+)\]:)/;
const ASTERISK_NOTE = /^(\s*)(\\\*)\s*\S/;
const NUMBERED_NOTE = /^(\s*)((\d{1,3})[.)]?)[ \t]+\S/;

/** How a line starts a note, if it does; numbered lines ("12. Smith, …") only count under a notes heading. */
function noteStartOf(line: string, underNotesHeading: boolean): NoteStart | undefined {
  let match = BRACKET_NOTE.exec(line);
  if (match) return { label: match[3]!, form: 'bracket', labelOffset: match[1]!.length, labelLength: match[2]!.length };
  match = SUPERSCRIPT_NOTE.exec(line);
  if (match) return { label: superscriptToDigits(match[2]!), form: 'superscript', labelOffset: match[1]!.length, labelLength: match[2]!.length };
  match = MARKDOWN_NOTE.exec(line);
  if (match) return { label: match[3]!, form: 'markdown', labelOffset: match[1]!.length, labelLength: match[2]!.length };
  match = ASTERISK_NOTE.exec(line);
  if (match) return { label: '*', form: 'asterisk', labelOffset: match[1]!.length, labelLength: match[2]!.length };
  if (underNotesHeading) {
    match = NUMBERED_NOTE.exec(line);
    if (match) return { label: match[3]!, form: 'numbered', labelOffset: match[1]!.length, labelLength: match[2]!.length };
  }
  return undefined;
}

/** Whether a line is a notes heading ("Endnotes", "## Notes", "**Footnotes:**"). */
export function isNotesHeading(line: string): boolean {
  return isOneOfTitles(line, NOTES_HEADINGS);
}

/**
 * Finds every note and groups them into lists. A note runs from its label over the lines that follow
 * it up to a blank line or the next note. Notes are in one list until body text citing a note, a
 * notes heading, or a chapter start comes between them — so per-chapter "Endnotes" are separate lists,
 * and a note printed mid-document forms a list of its own.
 */
export function findNotes(lines: readonly TextLine[], markers: readonly NoteMarker[], chapterStarts: readonly number[]): { notes: Note[]; noteLists: NoteList[] } {
  const { drafts, headings } = scanNotes(lines, 0, false, new Uint8Array(lines.length));
  return groupNotes(drafts, headings, markers, chapterStarts);
}

/** A note before it is put in a list: a fresh one, or the previous version's (kept when its list is the same). */
export type NoteDraft = Omit<Note, 'kind' | 'list'> | Note;

/** How `scanNotes` reached a line: outside or under a notes heading, or inside a note (its continuation). */
export const OUTSIDE_NOTES = 0;
export const UNDER_NOTES_HEADING = 1;
export const IN_NOTE = 2;

/**
 * The notes and notes headings of `lines` from line `from`, reached with `underNotesHeading`; `states` gets how each
 * line was reached. The scan's only state between lines is that flag (a note's continuation lines are skipped), so an
 * edited text's scan may start at a line before the change and stop once, past it, `stop` says the flag is the one
 * the previous version's scan had on the same line (the rest is the same).
 */
export function scanNotes(
  lines: readonly TextLine[],
  from: number,
  underNotesHeading: boolean,
  states: Uint8Array,
  stop?: (line: number, underNotesHeading: boolean) => boolean,
): { drafts: NoteDraft[]; headings: Span[]; stoppedAt: number } {
  const drafts: NoteDraft[] = [];
  const headings: Span[] = [];
  for (let i = from; i < lines.length; i++) {
    if (stop?.(i, underNotesHeading)) return { drafts, headings, stoppedAt: i };
    states[i] = underNotesHeading ? UNDER_NOTES_HEADING : OUTSIDE_NOTES;
    const line = lines[i]!;
    if (isBlank(line)) continue;
    if (isNotesHeading(line.text)) {
      underNotesHeading = true;
      headings.push({ start: line.start, end: line.end });
      continue;
    }
    const start = noteStartOf(line.text, underNotesHeading);
    if (!start) {
      // A paragraph that is not a note ends a numbered-notes block; "[n]" notes may be interleaved with sources.
      if (!/^\s/.test(line.text)) underNotesHeading = false;
      continue;
    }
    let last = i;
    while (last + 1 < lines.length && !isBlank(lines[last + 1]!) && !noteStartOf(lines[last + 1]!.text, underNotesHeading)) states[++last] = IN_NOTE;
    const labelStart = line.start + start.labelOffset;
    const span = { start: labelStart, end: lines[last]!.end };
    const labelSpan = { start: labelStart, end: labelStart + start.labelLength };
    const text = lines
      .slice(i, last + 1)
      .map((l) => l.text)
      .join(' ')
      .slice(start.labelOffset + start.labelLength)
      .replace(/\s+/g, ' ')
      .trim();
    drafts.push({ label: start.label, form: start.form, labelSpan, span, text });
    i = last;
  }
  return { drafts, headings, stoppedAt: lines.length };
}

/**
 * Puts notes (in text order) into lists: a new list starts at the first note, after a notes heading, after a marker
 * in body text, or at a chapter start. `headings`: the notes headings' lines, in text order.
 */
export function groupNotes(drafts: readonly NoteDraft[], headings: readonly Span[], markers: readonly NoteMarker[], chapterStarts: readonly number[]): { notes: Note[]; noteLists: NoteList[] } {
  const notes: Note[] = [];
  const noteLists: NoteList[] = [];
  let lastHeading: Span | undefined;
  let nextHeading = 0;
  for (const draft of drafts) {
    const { span, labelSpan } = draft;
    const labelStart = labelSpan.start;
    // The last notes heading on a line before the note's.
    while (nextHeading < headings.length && headings[nextHeading]!.start < labelStart) lastHeading = headings[nextHeading++];
    const previous = notes.at(-1);
    const previousList = noteLists.at(-1);
    const startsNewList =
      !previous ||
      !previousList ||
      (lastHeading !== undefined && lastHeading.start > previous.span.end) ||
      firstMarkerAfter(markers, previous.span.end) < labelStart ||
      chapterStarts.some((c) => c > previous.span.end && c <= labelStart);
    if (startsNewList) {
      const heading = lastHeading && lastHeading.start > (previous?.span.end ?? -1) ? lastHeading : undefined;
      noteLists.push({ kind: 'note-list', span: { start: heading?.start ?? span.start, end: span.end }, ...(heading ? { headingSpan: heading } : {}), notes: [] });
    }
    const list = noteLists.at(-1)!;
    list.notes.push(notes.length);
    list.span.end = span.end;
    const index = noteLists.length - 1;
    notes.push('kind' in draft && draft.list === index ? draft : { kind: 'note', label: draft.label, form: draft.form, labelSpan, span, text: draft.text, list: index });
  }
  return { notes, noteLists };
}

/**
 * The start of the first marker that starts after `offset`, or Infinity: markers are in text order (`findNoteMarkers`),
 * and looking through all of them for each of a report's hundreds of notes was a third of finding its notes.
 */
function firstMarkerAfter(markers: readonly NoteMarker[], offset: number): number {
  const low = countBefore(markers, (m) => m.span.start <= offset);
  return low < markers.length ? markers[low]!.span.start : Infinity;
}
