import type { Previous } from '../textChange';
import type { Heading } from './outline';
import { findCaptions } from './references/captions';
import { findChapters } from './references/chapters';
import { findCrossReferences } from './references/crossReferences';
import { splitLines } from './references/lines';
import { findLinks } from './references/links';
import { findNoteMarkers } from './references/markers';
import { findNotes } from './references/notes';
import { findQuotedSpans } from './references/quoted';
import { resolveMarkers } from './references/resolve';
import { findToc, resolveToc } from './references/toc';
import type { ReferenceExtract } from './references/types';

export { withChapterHeadings } from './references/chapterOutline';
export { footnoteMarkerSpans, findNoteMarkers } from './references/markers';
export type * from './references/types';

/**
 * Extracts the cross-reference structure of one document from its text: note markers and the notes
 * they resolve to (per chapter when numbering restarts), the table of contents and the headings it
 * names, chapters, figure and table captions, "see Table 2"-style references, and web addresses.
 * Works on the raw text rather than the syntax tree: plain-text exports put contents lines and
 * notes in tab-indented lines that Markdown reads as code.
 */
export function extractReferences(text: string, outline: readonly Heading[], _previous?: Previous<ReferenceExtract>): ReferenceExtract {
  const lines = splitLines(text);
  const markers = findNoteMarkers(text);
  const { entries: toc, bodyStart } = findToc(lines);
  resolveToc(lines, toc, bodyStart);
  const chapters = findChapters(lines, toc, bodyStart, text.length);
  const { notes, noteLists } = findNotes(lines, markers, chapters.map((chapter) => chapter.span.start));
  const quoted = findQuotedSpans(lines);
  const resolutions = resolveMarkers(markers, { notes, noteLists, chapters, quoted });
  const captions = findCaptions(lines, chapters);
  const excluded = [...notes.map((note) => note.span), ...captions.map((caption) => caption.span), ...toc.map((entry) => entry.span)];
  const crossReferences = findCrossReferences({ text, outline, chapters, captions, toc, excluded });
  const links = findLinks(text);
  return { markers, resolutions, notes, noteLists, chapters, toc, captions, crossReferences, links };
}

/** The extract of an empty or skipped document. */
export function emptyReferences(): ReferenceExtract {
  return { markers: [], resolutions: [], notes: [], noteLists: [], chapters: [], toc: [], captions: [], crossReferences: [], links: [] };
}
