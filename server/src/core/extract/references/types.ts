import type { Span } from '../../types';

/** How a note marker is written. */
export type NoteMarkerForm = 'superscript' | 'brace' | 'sup-tag' | 'markdown' | 'asterisk';

/**
 * One citation of a note. A brace group cites several notes: in "drugs.^{5,6}" there are two markers,
 * `{ label: '5', span: <"5"> }` and `{ label: '6', span: <"6"> }`, each with `groupSpan: <"^{5,6}">`.
 * For "demand.³⁵" the marker is `{ label: '35', form: 'superscript', span: <"³⁵"> }`.
 */
export interface NoteMarker {
  kind: 'note-marker';
  /** The note number as ASCII digits ("35"), a Markdown footnote label ("1", "note"), or "*". */
  label: string;
  form: NoteMarkerForm;
  /** The characters naming this one note. */
  span: Span;
  /** The whole written marker (brace group, `<sup>…</sup>`, `[^1]`); equals `span` for superscripts. */
  groupSpan: Span;
}

/** How a note is introduced at its start. */
export type NoteForm = 'bracket' | 'superscript' | 'markdown' | 'asterisk' | 'numbered';

/**
 * A note's text. For "- [12] González, José Luis. …" this is `{ label: '12', labelSpan: <"[12]">, span: <the item> }`;
 * for "¹ Alejandro Brugués …" `{ label: '1', form: 'superscript' }`.
 */
export interface Note {
  kind: 'note';
  label: string;
  form: NoteForm;
  /** The note number as written ("[12]", "¹", "[^1]:", "\*"). */
  labelSpan: Span;
  /** The note from its label to its last line (continuation lines included). */
  span: Span;
  /** The note's text without its label, on one line. */
  text: string;
  /** Index into `ReferenceExtract.noteLists`. */
  list: number;
}

/**
 * Notes printed together: a chapter's "Endnotes", or a single note printed mid-document.
 * A new list starts wherever body text citing notes comes between two notes.
 */
export interface NoteList {
  kind: 'note-list';
  /** From the list's heading ("Endnotes"), if it has one, to the end of its last note. */
  span: Span;
  /** The heading line above the notes ("Endnotes", "Notes"), if any. */
  headingSpan?: Span;
  /** Indices into `ReferenceExtract.notes`, in text order. */
  notes: number[];
}

/**
 * A chapter (or the document's front matter) of a multi-part document. Numbering of notes, figures
 * and tables may restart in each. For a volume whose CONTENTS lists "04. U.S.-Mexico Energy Relations",
 * the chapter runs from the "Chapter 4" line above that title to the line before the next chapter.
 */
export interface Chapter {
  kind: 'chapter';
  title: string;
  /** "4" for a chapter opened by "Chapter 4" or listed as "04." in the contents. */
  number?: string;
  span: Span;
  /** The title line(s) in the body. */
  titleSpan: Span;
}

/**
 * One line of a table of contents. For "01.\tPutting Citizens' Security First: …\t10" followed by
 * "\tBy Gema Kloppe-Santamaría\t", `{ title: "Putting Citizens' Security First: …", page: '10', author: 'Gema Kloppe-Santamaría' }`.
 */
export interface TocEntry {
  kind: 'toc-entry';
  title: string;
  /** The entry's number without leading zeros ("01." → "1"), if numbered. */
  number?: string;
  page?: string;
  author?: string;
  /** The entry's line (and its author line). */
  span: Span;
  /** The title as written in the entry. */
  titleSpan: Span;
  /** The heading in the body this entry names; `undefined` when none was found. */
  target?: Span;
}

/** What a caption labels. */
export type CaptionKind = 'figure' | 'table';

/** "Table 2. Comparative Performance of Health Systems": `{ captionKind: 'table', number: '2', text: 'Comparative …' }`. */
export interface Caption {
  kind: 'caption';
  captionKind: CaptionKind;
  number: string;
  /** The caption after its number. */
  text: string;
  /** The caption line. */
  span: Span;
  /** The caption and the table rows under it, for folding; the caption line alone for figures. */
  blockSpan: Span;
  /** Index into `ReferenceExtract.chapters`, or -1 outside any chapter. */
  chapter: number;
}

/** What a cross-reference in the text points at. */
export type CrossReferenceKind = 'figure' | 'table' | 'section' | 'chapter' | 'below' | 'above';

/**
 * A reference in running text: "(see Table 2)" → `{ targetKind: 'table', number: '2', span: <"Table 2"> }`;
 * "(see section below)" → `{ targetKind: 'below', span: <"see section below"> }`;
 * "(see the chapter by Max Kaiser)" → `{ targetKind: 'chapter', author: 'Max Kaiser' }`.
 */
export interface CrossReference {
  kind: 'cross-reference';
  targetKind: CrossReferenceKind;
  number?: string;
  author?: string;
  span: Span;
  /** What it resolves to; `undefined` when nothing in the document matches. */
  target?: Span;
  /** Hover text for the target (a caption, a heading). */
  targetText?: string;
}

/** A web address in the text or in a note. For "<https://fas.org/x.pdf>" the span covers the address only. */
export interface DocumentLink {
  kind: 'document-link';
  url: string;
  span: Span;
}

/** Where a marker points. */
export type MarkerResolution =
  | { status: 'resolved'; note: number }
  | { status: 'unresolved' }
  /** The marker belongs to quoted material (a treaty article, a block quote) whose notes are not reproduced. */
  | { status: 'quoted' };

/** Every cross-reference structure of one document, with markers already resolved to their notes. */
export interface ReferenceExtract {
  markers: NoteMarker[];
  /** Parallel to `markers`. */
  resolutions: MarkerResolution[];
  notes: Note[];
  noteLists: NoteList[];
  chapters: Chapter[];
  toc: TocEntry[];
  captions: Caption[];
  crossReferences: CrossReference[];
  links: DocumentLink[];
}
