import type { DocumentAnalysis } from '../document';
import type { Caption, CrossReference, Note, NoteMarker, TocEntry } from '../extract/references';
import type { Span } from '../types';

/** What of the cross-reference layer is at an offset. */
export type ReferenceHit =
  | { kind: 'marker'; index: number; marker: NoteMarker; span: Span }
  | { kind: 'note'; index: number; note: Note; span: Span }
  | { kind: 'toc-entry'; entry: TocEntry; span: Span }
  | { kind: 'cross-reference'; reference: CrossReference; span: Span }
  | { kind: 'caption'; caption: Caption; span: Span };

const contains = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

/**
 * The note marker, note label, contents line, cross-reference or caption label
 * at `offset` (ends inclusive, so a cursor right after "¹²" still finds it), or `undefined`.
 * A brace group's punctuation ("^{", ",") counts as its nearest number.
 */
export function referenceAt(document: DocumentAnalysis, offset: number): ReferenceHit | undefined {
  const { markers, notes, toc, crossReferences, captions } = document.references;
  const exact = markers.findIndex((m) => contains(m.span, offset));
  const inGroup = exact !== -1 ? exact : markers.findIndex((m) => contains(m.groupSpan, offset));
  if (inGroup !== -1) return { kind: 'marker', index: inGroup, marker: markers[inGroup]!, span: markers[inGroup]!.span };
  const note = notes.findIndex((n) => contains(n.labelSpan, offset));
  if (note !== -1) return { kind: 'note', index: note, note: notes[note]!, span: notes[note]!.labelSpan };
  const reference = crossReferences.find((r) => contains(r.span, offset));
  if (reference) return { kind: 'cross-reference', reference, span: reference.span };
  const entry = toc.find((e) => contains(e.span, offset));
  if (entry) return { kind: 'toc-entry', entry, span: entry.span };
  for (const caption of captions) {
    const label = captionLabelSpan(document.text, caption);
    if (contains(label, offset)) return { kind: 'caption', caption, span: label };
  }
  return undefined;
}

/** "Table 2" of the caption "Table 2. Comparative Performance …". */
export function captionLabelSpan(text: string, caption: Caption): Span {
  const at = text.slice(caption.span.start, caption.span.end).indexOf(caption.number);
  return { start: caption.span.start, end: at === -1 ? caption.span.end : caption.span.start + at + caption.number.length };
}
