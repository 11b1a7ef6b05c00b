import type { Span } from '../../types';
import type { Previous, TextChange } from '../../textChange';
import { lineAt, type TextLine } from './lines';
import { captionAt } from './captions';
import { isReferenceStop, referenceMatches, type ReferenceMatch, type ReferenceMatches } from './crossReferences';
import { findLinks } from './links';
import { groupMarkers, isGroupStop, lineMarkers, sortMarkers } from './markers';
import { IN_NOTE, scanNotes, UNDER_NOTES_HEADING, type NoteDraft } from './notes';
import { tocUnaffected } from './toc';
import type { Caption, Chapter, DocumentLink, Note, NoteMarker, ReferenceExtract, TocEntry } from './types';
import { countBefore } from '../../collections';
import { detached, detachStrings } from '../../detached';

/**
 * What an edited document's extract keeps for its next version, beside the extract itself: its lines, how the notes
 * scan reached each line (`scanNotes`), the notes headings, and where the table of contents ends.
 */
export interface ReferenceState {
  lines: TextLine[];
  noteStates: Uint8Array;
  notesHeadings: Span[];
  /** The line after the table of contents (`findToc`), and whether the document has a contents heading. */
  bodyStart: number;
  hasContentsHeading: boolean;
  /** The cross-reference patterns' matches (`referenceMatches`). */
  referenceMatches: ReferenceMatches;
}

/** The lines re-read after an edit: [first, newAfter) of the new text, in place of [first, oldAfter) of the old one. */
export interface LineWindow {
  lines: TextLine[];
  first: number;
  oldAfter: number;
  newAfter: number;
  /** Offsets of the window in the new text: the start of line `first`, the start of line `newAfter` (or the text's end). */
  from: number;
  to: number;
  /** The old text's `to`. */
  oldTo: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The new text's lines from the old ones: those before the change kept, those after moved by `delta` (new objects),
 * and the lines from the one before the change's first line to its last split again. The window starts a line
 * early because a change at a line's start may join its line break to the one before ("\r" + "\n"), and ends at
 * the first line starting after the change, whose line break before it is after the change too.
 */
export function updateLines(oldLines: readonly TextLine[], text: string, change: TextChange): LineWindow | undefined {
  const first = Math.max(0, lineAt(oldLines, change.start) - 1);
  const oldAfter = lineAt(oldLines, change.oldEnd) + 1;
  const from = oldLines[first]!.start;
  const atEnd = oldAfter >= oldLines.length;
  const oldTo = atEnd ? oldLines.at(-1)!.end : oldLines[oldAfter]!.start;
  const to = atEnd ? text.length : oldTo + change.delta;
  const window: TextLine[] = [];
  const pattern = new RegExp(LINE_BREAK);
  pattern.lastIndex = from;
  let start = from;
  for (let match = pattern.exec(text); match && match.index < to; match = pattern.exec(text)) {
    window.push({ text: detached(text.slice(start, match.index)), start, end: match.index });
    start = match.index + match[0].length;
  }
  if (atEnd) window.push({ text: detached(text.slice(start)), start, end: text.length });
  else if (start !== to) return undefined;
  const lines = oldLines.slice(0, first);
  for (const line of window) lines.push(line);
  const { delta } = change;
  for (let i = oldAfter; i < oldLines.length; i++) {
    const line = oldLines[i]!;
    lines.push({ text: line.text, start: line.start + delta, end: line.end + delta });
  }
  return { lines, first, oldAfter: Math.min(oldAfter, oldLines.length), newAfter: first + window.length, from, to, oldTo };
}

/** `records`, their strings detached (see `detachStrings`). */
function detachedAll<T extends object>(records: T[]): T[] {
  detachStrings(records);
  return records;
}

const moveSpan = (span: Span, delta: number): Span => ({ start: span.start + delta, end: span.end + delta });

/** Index of the first item whose key is at least `offset` (items sorted by key). */
function firstFrom<T>(items: readonly T[], offset: number, key: (item: T) => number): number {
  return countBefore(items, (item) => key(item) < offset);
}

/**
 * The line-bound markers (see `lineMarkers`) of the previous version before the window kept, those after it moved,
 * those in it found again; brace groups and `<sup>` tags likewise, in their own window: from the last stop before the
 * change to the first after it (see `groupMarkers`).
 */
export function updateMarkers(text: string, previous: readonly NoteMarker[], window: LineWindow, change: TextChange): NoteMarker[] {
  const { delta } = change;
  let groupFrom = change.start;
  while (groupFrom > 0 && !isGroupStop(text, groupFrom - 1)) groupFrom--;
  let groupTo = change.newEnd + 1;
  while (groupTo <= text.length && !isGroupStop(text, groupTo - 1)) groupTo++;
  if (groupTo > text.length) groupTo = text.length;
  const oldGroupTo = groupTo - delta;
  const markers: NoteMarker[] = [];
  for (const marker of previous) {
    const lineBound = marker.form === 'superscript' || marker.form === 'markdown' || marker.form === 'asterisk';
    const [from, oldTo] = lineBound ? [window.from, window.oldTo] : [groupFrom, oldGroupTo];
    if (marker.groupSpan.start < from) markers.push(marker);
    else if (marker.groupSpan.start >= oldTo) markers.push({ ...marker, span: moveSpan(marker.span, delta), groupSpan: moveSpan(marker.groupSpan, delta) });
  }
  // Records read anew are kept for later versions: detached, they keep only their own characters (see `updateLines`).
  for (const marker of detachedAll(lineMarkers(text, window.from, window.to))) markers.push(marker);
  for (const marker of detachedAll(groupMarkers(text, groupFrom, groupTo))) markers.push(marker);
  return sortMarkers(markers);
}

/** Web addresses: never over a line break, so those before the window are kept, those after moved. */
export function updateLinks(text: string, previous: readonly DocumentLink[], window: LineWindow, delta: number): DocumentLink[] {
  const before = firstFrom(previous, window.from, (link) => link.span.start);
  const after = firstFrom(previous, window.oldTo, (link) => link.span.start);
  const links = previous.slice(0, before);
  for (const link of detachedAll(findLinks(text, window.from, window.to))) links.push(link);
  for (let i = after; i < previous.length; i++) {
    const link = previous[i]!;
    links.push({ kind: 'document-link', url: link.url, span: moveSpan(link.span, delta) });
  }
  return links;
}

/**
 * The notes (before grouping) and notes headings of the new text: the notes scan starts again at the window's first
 * line, or at the start of the note reaching the line before it (that note's end is where a blank line or the next
 * note starts, which the change may move), with the flag the previous scan had there; it stops at the first line
 * past the window it reaches with the flag the previous scan had on the same line. Notes and headings before the
 * restart are kept, those after the stop moved.
 */
export function updateNotes(
  previous: Previous<ReferenceExtract>,
  state: ReferenceState,
  window: LineWindow,
): { drafts: NoteDraft[]; headings: Span[]; noteStates: Uint8Array } | undefined {
  const { lines } = window;
  const oldLines = state.lines;
  const oldNotes = previous.extract.notes;
  const oldStates = state.noteStates;
  const delta = previous.change.delta;
  const lineDelta = window.newAfter - window.oldAfter;
  let restart = window.first;
  if (restart > 0) {
    const before = firstFrom(oldNotes, oldLines[restart]!.start, (note) => note.labelSpan.start) - 1;
    const note = oldNotes[before];
    if (note && note.span.end >= oldLines[restart - 1]!.start) restart = lineAt(oldLines, note.labelSpan.start);
  }
  if (oldStates[restart] === IN_NOTE) return undefined;
  const noteStates = new Uint8Array(lines.length);
  noteStates.set(oldStates.subarray(0, restart));
  const scan = scanNotes(lines, restart, oldStates[restart] === UNDER_NOTES_HEADING, noteStates, (line, under) => {
    if (line < window.newAfter) return false;
    return oldStates[line - lineDelta] === (under ? UNDER_NOTES_HEADING : 0);
  });
  const restartOffset = lines[restart]!.start;
  const drafts: NoteDraft[] = oldNotes.slice(0, firstFrom(oldNotes, restartOffset, (note) => note.labelSpan.start));
  for (const draft of scan.drafts) drafts.push(draft);
  const headings = state.notesHeadings.slice(0, firstFrom(state.notesHeadings, restartOffset, (heading) => heading.start));
  for (const heading of scan.headings) headings.push(heading);
  if (scan.stoppedAt < lines.length) {
    const oldStop = scan.stoppedAt - lineDelta;
    noteStates.set(oldStates.subarray(oldStop), scan.stoppedAt);
    const stopOffset = oldLines[oldStop]!.start;
    for (let i = firstFrom(oldNotes, stopOffset, (note) => note.labelSpan.start); i < oldNotes.length; i++) {
      const note: Note = oldNotes[i]!;
      drafts.push({ label: note.label, form: note.form, labelSpan: moveSpan(note.labelSpan, delta), span: moveSpan(note.span, delta), text: note.text });
    }
    for (let i = firstFrom(state.notesHeadings, stopOffset, (heading) => heading.start); i < state.notesHeadings.length; i++) headings.push(moveSpan(state.notesHeadings[i]!, delta));
  }
  return { drafts, headings, noteStates };
}

/**
 * The table of contents when the change is below it and reads no title differently (`tocUnaffected`): the entries are
 * the previous ones, their targets after the change moved (new objects). Otherwise `undefined`.
 */
export function updateToc(previous: Previous<ReferenceExtract>, state: ReferenceState, window: LineWindow): TocEntry[] | undefined {
  if (state.hasContentsHeading && window.first <= state.bodyStart) return undefined;
  const entries = previous.extract.toc;
  if (!tocUnaffected(state.lines, window.lines, entries, state.hasContentsHeading, window)) return undefined;
  const delta = previous.change.delta;
  return entries.map((entry) => (entry.target && entry.target.start >= window.oldTo ? { ...entry, target: moveSpan(entry.target, delta) } : entry));
}

/**
 * The cross-reference patterns' matches: the text is scanned again from the last stop before the change to the first
 * stop after it (see `referenceMatches`: a stop ends every attempt, so the scans before and after it are the previous
 * version's), matches before kept and after moved.
 */
export function updateReferenceMatches(text: string, previous: ReferenceMatches, change: TextChange): ReferenceMatches {
  let from = change.start;
  while (from > 0 && !isReferenceStop(text, from - 1)) from--;
  let to = change.newEnd + 1;
  while (to <= text.length && !isReferenceStop(text, to - 1)) to++;
  if (to > text.length) to = text.length;
  const oldTo = to - change.delta;
  const found = referenceMatches(text, from, to);
  for (const matches of found) detachStrings(matches);
  const update = (old: readonly ReferenceMatch[], fresh: ReferenceMatch[]): ReferenceMatch[] => {
    const matches = old.slice(0, firstFrom(old, from, (match) => match.index));
    for (const match of fresh) matches.push(match);
    for (let i = firstFrom(old, oldTo, (match) => match.index); i < old.length; i++) matches.push({ index: old[i]!.index + change.delta, groups: old[i]!.groups });
    return matches;
  };
  return [update(previous[0], found[0]), update(previous[1], found[1]), update(previous[2], found[2]), update(previous[3], found[3])];
}

/**
 * The captions: whether a line holds one depends on that line alone, so the lines holding the previous version's
 * captions outside the window and the window's lines are the only ones read again (a table's block and the chapter
 * of each are worked out again: they read other lines). A caption equal to the previous one is kept.
 */
export function updateCaptions(previous: readonly Caption[], oldLines: readonly TextLine[], window: LineWindow, chapters: readonly Chapter[]): Caption[] | undefined {
  const { lines } = window;
  const lineDelta = window.newAfter - window.oldAfter;
  const captions: Caption[] = [];
  let lost = false;
  const again = (old: Caption, line: number) => {
    const caption = captionAt(lines, line, chapters);
    // Never, as the line is the same; a full extraction if it were.
    if (!caption) return void (lost = true);
    const same =
      caption.span.start === old.span.start && caption.span.end === old.span.end && caption.blockSpan.end === old.blockSpan.end && caption.chapter === old.chapter;
    captions.push(same ? old : caption);
  };
  const windowStart = oldLines[window.first]!.start;
  let i = 0;
  for (; i < previous.length && previous[i]!.span.start < windowStart; i++) again(previous[i]!, lineAt(oldLines, previous[i]!.span.start));
  for (let line = window.first; line < window.newAfter; line++) {
    const caption = captionAt(lines, line, chapters);
    if (caption) captions.push(caption);
  }
  for (; i < previous.length; i++) {
    const old = previous[i]!;
    if (old.span.start < window.oldTo) continue;
    again(old, lineAt(oldLines, old.span.start) + lineDelta);
  }
  return lost ? undefined : captions;
}
