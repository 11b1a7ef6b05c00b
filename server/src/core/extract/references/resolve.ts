import type { Span } from '../../types';
import { chapterAt } from './chapters';
import type { Chapter, MarkerResolution, Note, NoteList, NoteMarker } from './types';

/** What marker resolution needs about the document. */
export interface ResolutionContext {
  notes: readonly Note[];
  noteLists: readonly NoteList[];
  chapters: readonly Chapter[];
  quoted: readonly Span[];
}

/**
 * Resolves each marker to its note. A numbered marker belongs to the first notes list after it in
 * its chapter (endnotes close the chapter they serve; a note printed mid-document follows its
 * marker); when that list lacks the number, the nearest list before it in the chapter is tried.
 * Chapters bound the search only when two or more chapters have notes lists of their own.
 * Markdown footnotes resolve by label anywhere in the document, as in Markdown. Markers inside
 * quoted articles are `quoted`: their notes belong to the quoted text.
 */
export function resolveMarkers(markers: readonly NoteMarker[], context: ResolutionContext): MarkerResolution[] {
  return markers.map((marker) => resolveMarker(marker, context));
}

function resolveMarker(marker: NoteMarker, context: ResolutionContext): MarkerResolution {
  const { notes } = context;
  if (marker.form === 'markdown') {
    const index = notes.findIndex((note) => note.form === 'markdown' && note.label === marker.label);
    return index === -1 ? { status: 'unresolved' } : { status: 'resolved', note: index };
  }
  if (context.quoted.some((q) => q.start <= marker.span.start && marker.span.end <= q.end)) return { status: 'quoted' };
  if (marker.label === '*') {
    const asterisks = notes.map((note, index) => ({ note, index })).filter(({ note }) => note.form === 'asterisk');
    const after = asterisks.find(({ note }) => note.span.start > marker.span.end);
    const chosen = after ?? asterisks.reverse().find(({ note }) => note.span.end < marker.span.start);
    return chosen ? { status: 'resolved', note: chosen.index } : { status: 'unresolved' };
  }
  const chapter = chapterAt(context.chapters, marker.span.start);
  const isNumbered = (list: NoteList) => list.notes.some((n) => notes[n]!.form !== 'markdown' && notes[n]!.form !== 'asterisk');
  // Chapters scope notes only when they hold notes lists of their own; a report whose sections
  // share one list of endnotes at its end resolves every marker to that list.
  const chaptersWithNotes = new Set(context.noteLists.filter(isNumbered).map((list) => chapterAt(context.chapters, list.span.start)));
  const scoped = chaptersWithNotes.size >= 2;
  const sameChapter = (list: NoteList) => !scoped || chapterAt(context.chapters, list.span.start) === chapter;
  const numbered = context.noteLists.filter((list) => sameChapter(list) && isNumbered(list));
  // A marker inside a note cites a note of the same list ("see note 3" written as a superscript).
  const following = numbered.find((list) => list.span.end >= marker.span.end);
  const preceding = numbered.filter((list) => list.span.end < marker.span.start).reverse();
  for (const list of following ? [following, ...preceding] : preceding) {
    const index = list.notes.find((n) => notes[n]!.label === marker.label);
    if (index !== undefined) return { status: 'resolved', note: index };
  }
  return { status: 'unresolved' };
}
