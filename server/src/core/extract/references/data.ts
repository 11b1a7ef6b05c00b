/**
 * Generic words of document structure (not tied to any document): headings that introduce notes
 * lists and tables of contents, summary boxes that are not numbered sections, and caption words.
 */

/** Headings above a notes list, normalised (lower case, no trailing colon). */
export const NOTES_HEADINGS: readonly string[] = ['endnotes', 'end notes', 'notes', 'footnotes', 'foot notes', 'notas', 'notes and references'];

/** Headings of a table of contents. */
export const CONTENTS_HEADINGS: readonly string[] = ['contents', 'table of contents', 'índice', 'indice', 'contenido', 'sommaire'];

/** Headings of summary boxes that writers do not count when they say "Section 3". */
export const UNNUMBERED_HEADINGS: readonly string[] = [
  'key policy recommendations',
  'policy recommendations',
  'recommendations at a glance',
  'key takeaways',
  'key findings',
  'abstract',
  'summary',
  'executive summary',
  'endnotes',
  'notes',
  'footnotes',
  'references',
  'sources',
];

/** Words that introduce a caption or a reference to one, and the kind each means. */
export const CAPTION_WORDS: Readonly<Record<string, 'figure' | 'table'>> = {
  figure: 'figure',
  fig: 'figure',
  chart: 'figure',
  graph: 'figure',
  map: 'figure',
  exhibit: 'figure',
  table: 'table',
  tabla: 'table',
  cuadro: 'table',
  gráfica: 'figure',
  figura: 'figure',
};
