import type { Previous } from '../textChange';
import type { Heading } from './outline';
import { findCaptions } from './references/captions';
import { findChapters } from './references/chapters';
import { findCrossReferences, referenceMatches, type ReferenceMatches } from './references/crossReferences';
import { splitLines } from './references/lines';
import { findLinks } from './references/links';
import { findNoteMarkers } from './references/markers';
import { groupNotes, scanNotes, type NoteDraft } from './references/notes';
import { updateLines, updateLinks, updateMarkers, updateNotes, updateCaptions, updateReferenceMatches, updateToc, type ReferenceState } from './references/incremental';
import type { TextLine } from './references/lines';
import { findQuotedSpans } from './references/quoted';
import { resolveMarkers } from './references/resolve';
import { findToc, resolveToc } from './references/toc';
import type { Caption, Chapter, DocumentLink, NoteMarker, ReferenceExtract, TocEntry } from './references/types';
import type { Span } from '../types';

export { withChapterHeadings } from './references/chapterOutline';
export { footnoteMarkerSpans, findNoteMarkers } from './references/markers';
export type * from './references/types';

/**
 * Extracts the cross-reference structure of one document from its text: note markers and the notes
 * they resolve to (per chapter when numbering restarts), the table of contents and the headings it
 * names, chapters, figure and table captions, "see Table 2"-style references, and web addresses.
 * Works on the raw text rather than the syntax tree: plain-text exports put contents lines and
 * notes in tab-indented lines that Markdown reads as code.
 *
 * Given the previous version's extract (an edited document), the lines, markers, notes, links and the table of
 * contents outside the changed lines are the previous version's (see references/incremental.ts); the result is the
 * one a fresh extraction gives. With `editing` (a document open in an editor, from its first version on), the
 * extract keeps what its own next version reuses (`ReferenceState`).
 */
export function extractReferences(text: string, outline: readonly Heading[], previous?: Previous<ReferenceExtract>, editing = previous !== undefined): ReferenceExtract {
  const state = previous && states.get(previous.extract);
  const incremental = previous && state ? extractAgain(text, outline, previous, state) : undefined;
  if (incremental) return incremental;
  const lines = splitLines(text);
  const markers = findNoteMarkers(text);
  const { entries: toc, bodyStart, hasHeading } = findToc(lines);
  resolveToc(lines, toc, bodyStart);
  const noteStates = new Uint8Array(lines.length);
  const { drafts, headings } = scanNotes(lines, 0, false, noteStates);
  const matches = referenceMatches(text, 0, text.length);
  const extract = assemble(text, outline, lines, markers, toc, bodyStart, drafts, headings, findLinks(text), matches, (chapters) => findCaptions(lines, chapters))!;
  if (editing) states.set(extract, { lines, noteStates, notesHeadings: headings, bodyStart, hasContentsHeading: hasHeading, referenceMatches: matches });
  return extract;
}

/** What an edited document's extracts keep for the next version (only those made while editing: see `editing`). */
const states = new WeakMap<ReferenceExtract, ReferenceState>();

/** The extract of an edited text from its previous version's; `undefined` where the change reaches what it cannot reuse. */
function extractAgain(text: string, outline: readonly Heading[], previous: Previous<ReferenceExtract>, state: ReferenceState): ReferenceExtract | undefined {
  const window = updateLines(state.lines, text, previous.change);
  if (!window) return undefined;
  const toc = updateToc(previous, state, window);
  if (!toc) return undefined;
  const notes = updateNotes(previous, state, window);
  if (!notes) return undefined;
  const delta = previous.change.delta;
  const markers = updateMarkers(text, previous.extract.markers, window, previous.change);
  const links = updateLinks(text, previous.extract.links, window, delta);
  const matches = updateReferenceMatches(text, state.referenceMatches, previous.change);
  const captionsOf = (chapters: readonly Chapter[]) => updateCaptions(previous.extract.captions, state.lines, window, chapters);
  const extract = assemble(text, outline, window.lines, markers, toc, state.bodyStart, notes.drafts, notes.headings, links, matches, captionsOf);
  if (!extract) return undefined;
  states.set(extract, { lines: window.lines, noteStates: notes.noteStates, notesHeadings: notes.headings, bodyStart: state.bodyStart, hasContentsHeading: state.hasContentsHeading, referenceMatches: matches });
  return extract;
}

/** The document-level structure from the parts read line by line: chapters, note lists, resolutions, captions, cross-references. */
function assemble(
  text: string,
  outline: readonly Heading[],
  lines: readonly TextLine[],
  markers: NoteMarker[],
  toc: TocEntry[],
  bodyStart: number,
  drafts: readonly NoteDraft[],
  headings: readonly Span[],
  links: DocumentLink[],
  matches: ReferenceMatches,
  captionsOf: (chapters: readonly Chapter[]) => Caption[] | undefined,
): ReferenceExtract | undefined {
  const chapters = findChapters(lines, toc, bodyStart, text.length);
  const { notes, noteLists } = groupNotes(drafts, headings, markers, chapters.map((chapter) => chapter.span.start));
  const quoted = findQuotedSpans(lines);
  const resolutions = resolveMarkers(markers, { notes, noteLists, chapters, quoted });
  const captions = captionsOf(chapters);
  if (!captions) return undefined;
  const excluded = [...notes.map((note) => note.span), ...captions.map((caption) => caption.span), ...toc.map((entry) => entry.span)];
  const crossReferences = findCrossReferences({ text, outline, chapters, captions, toc, excluded }, matches);
  return { markers, resolutions, notes, noteLists, chapters, toc, captions, crossReferences, links };
}

/** The extract of an empty or skipped document. */
export function emptyReferences(): ReferenceExtract {
  return { markers: [], resolutions: [], notes: [], noteLists: [], chapters: [], toc: [], captions: [], crossReferences: [], links: [] };
}
