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
  const numbered = numberedLists(context);
  const labels = new Map<NoteList, Map<string, number>>();
  // The first note of a list with a label, from a map per list: each of a report's hundreds of markers searched its lists' notes.
  const noteIn = (list: NoteList, label: string): number | undefined => {
    let byLabel = labels.get(list);
    if (!byLabel) {
      labels.set(list, (byLabel = new Map()));
      for (const n of list.notes) if (!byLabel.has(context.notes[n]!.label)) byLabel.set(context.notes[n]!.label, n);
    }
    return byLabel.get(label);
  };
  return markers.map((marker) => resolveMarker(marker, context, numbered, noteIn));
}

/**
 * The numbered notes lists a marker in a chapter may resolve to, in order: those of its chapter when chapters scope
 * notes (two or more chapters hold notes lists of their own), else all of them. Worked out once per chapter, not for
 * each of a report's hundreds of markers.
 */
function numberedLists(context: ResolutionContext): (chapter: number) => readonly NoteList[] {
  const { notes } = context;
  const isNumbered = (list: NoteList) => list.notes.some((n) => notes[n]!.form !== 'markdown' && notes[n]!.form !== 'asterisk');
  const lists = context.noteLists.filter(isNumbered).map((list) => ({ list, chapter: chapterAt(context.chapters, list.span.start) }));
  // Chapters scope notes only when they hold notes lists of their own; a report whose sections
  // share one list of endnotes at its end resolves every marker to that list.
  const scoped = new Set(lists.map((l) => l.chapter)).size >= 2;
  const all = lists.map((l) => l.list);
  const byChapter = new Map<number, NoteList[]>();
  return (chapter) => {
    if (!scoped) return all;
    let inChapter = byChapter.get(chapter);
    if (!inChapter) byChapter.set(chapter, (inChapter = lists.filter((l) => l.chapter === chapter).map((l) => l.list)));
    return inChapter;
  };
}

function resolveMarker(
  marker: NoteMarker,
  context: ResolutionContext,
  numberedIn: (chapter: number) => readonly NoteList[],
  noteIn: (list: NoteList, label: string) => number | undefined,
): MarkerResolution {
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
  const numbered = numberedIn(chapterAt(context.chapters, marker.span.start));
  // A marker inside a note cites a note of the same list ("see note 3" written as a superscript).
  const following = numbered.find((list) => list.span.end >= marker.span.end);
  const preceding = numbered.filter((list) => list.span.end < marker.span.start).reverse();
  for (const list of following ? [following, ...preceding] : preceding) {
    const index = noteIn(list, marker.label);
    if (index !== undefined) return { status: 'resolved', note: index };
  }
  return { status: 'unresolved' };
}
