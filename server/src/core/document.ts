import type { Root } from 'mdast';
import { withDerivedValues } from './derived';
import { emptyWordRuns, extractEntities, type EntityExtract } from './extract/entities';
import { extractFigures } from './extract/figures/extractFigures';
import type { FigureExtract } from './extract/figures/types';
import { extractOutline, type Heading } from './extract/outline';
import { emptyReferences, extractReferences, withChapterHeadings, type ReferenceExtract } from './extract/references';
import { parseMarkdown } from './parse';
import { LineIndex } from './positions';
import { textChange, type Previous, type TextChange } from './textChange';
import type { DocumentFormat, SourceDocument } from './types';

/**
 * Everything the core extracts from one document. The syntax tree is not kept: extractors turn it
 * into plain records and it is dropped, so a large workspace holds only what queries need.
 */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  format: DocumentFormat;
  text: string;
  lines: LineIndex;
  outline: Heading[];
  /** Names, acronym definitions and uses, and runs of capitalised words (see extract/entities.ts). */
  entities: EntityExtract;
  /** Note markers resolved to their notes, contents, chapters, captions, "see Table 2" references, links. */
  references: ReferenceExtract;
  /** Every statistic as an interval with unit, hedge, period and subject, and the document's own date (see extract/figures/). */
  figures: FigureExtract;
  /** Why the document was not (fully) analysed, if it was not; shown by the `document-skipped` rule. */
  skipped?: string;
  /** A problem reading it that did not stop analysis (e.g. invalid UTF-8); shown by `invalid-encoding`. */
  encodingWarning?: string;
  /** Values the cross-document rules derive from this document alone, computed with it (see derived.ts); drop them if you replace the records above. */
  derived?: Record<string, unknown>;
}

/** Infers how to read a document from its URI: `.md`/`.markdown` are Markdown, everything else plain text. */
export function formatOf(uri: string): DocumentFormat {
  return /\.(md|markdown)$/i.test(uri) ? 'markdown' : 'plaintext';
}

/**
 * Parses and extracts one document. Pure: the same text always gives the same analysis. `tree` is the
 * document's syntax tree when the caller already has it (an open document parsed incrementally), and
 * `previous` the analysis of its last version: extractors that can reuse records outside the change do
 * (an edit in a 359 KB report re-reads a few paragraphs), with a result equal to a fresh analysis. `editing`: the
 * document is open in an editor, so extractors keep what its next version will reuse (even on its first analysis).
 */
export function analyzeDocument(
  document: SourceDocument,
  tree: Root = parseMarkdown(document.text),
  previous?: DocumentAnalysis,
  editing = previous !== undefined,
): DocumentAnalysis {
  const reusable = previous && previous.uri === document.uri && previous.format === document.format && !previous.skipped ? previous : undefined;
  const change = reusable ? textChange(reusable.text, document.text) : undefined;
  const before = <T>(extract: T | undefined): Previous<T> | undefined =>
    reusable && change && extract !== undefined ? { text: reusable.text, extract, change } : undefined;
  const lines = new LineIndex(document.text);
  const outline = extractOutline(tree, document.text, lines, document.format);
  const references = extractReferences(document.text, outline, before(reusable?.references), editing);
  return withDerivedValues(
    {
      uri: document.uri,
      version: document.version,
      format: document.format,
      text: document.text,
      lines,
      outline: withChapterHeadings(outline, references.chapters),
      entities: extractEntities(tree, document.text, before(reusable?.entities), editing),
      references,
      figures: extractFigures(tree, document.text, outline, before(reusable?.figures), editing),
    },
    reusable && change ? { document: reusable, change } : undefined,
  );
}

/** The previous analysis of a document and how its text changed since: what per-document values may reuse. */
export interface PreviousAnalysis {
  document: DocumentAnalysis;
  change: TextChange;
}

/** The analysis of a document that could not be read or was too large: empty, with the reason. */
export function skippedDocument(uri: string, version: number, reason: string): DocumentAnalysis {
  return {
    uri,
    version,
    format: formatOf(uri),
    text: '',
    lines: new LineIndex(''),
    outline: [],
    entities: { names: [], acronyms: { definitions: [], aliases: [], mentions: [] }, runs: emptyWordRuns() },
    references: emptyReferences(),
    figures: { figures: [] },
    skipped: reason,
  };
}
