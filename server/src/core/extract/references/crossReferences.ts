import type { Heading } from '../outline';
import type { Span } from '../../types';
import { arabic, chapterAt } from './chapters';
import { captionKindOf } from './captions';
import { UNNUMBERED_HEADINGS } from './data';
import { normalizeTitle } from './lines';
import type { Caption, Chapter, CrossReference, TocEntry } from './types';

// "Figure 1", "Table 2", "Figs. 3", "Chart 4.1".
const CAPTION_REFERENCE = /\b(Figures?|Figs?\.?|Tables?|Charts?|Graphs?|Maps?|Exhibits?)\s+(\d{1,3}(?:\.\d{1,2})?)\b/g;
// "see Section 4", "See also Chapter 3"; not "Section 4 of the Act", which cites another text.
const SECTION_REFERENCE = /\bsee\s+(?:also\s+)?(?:the\s+)?(section|chapter)\s+(\d{1,3}|[IVX]{1,5})\b(?!\s+of\b)/gi;
// "see the chapter by Max Kaiser", "see chapter by Arturo Sarukhan in this collection".
const AUTHOR_REFERENCE = /\b[Ss]ee\s+(?:also\s+)?(?:the\s+)?[Cc]hapter\s+by\s+(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|del|la|van|von|y))*)/gu;
// "(see below)", "see section below", "shown in the table below"; not "the programs described above", which points at prose.
const RELATIVE_REFERENCE = /\b(?:see|shown\s+in|presented\s+in|listed\s+in)\s+(?:(?:the\s+)?(section|table|figure|chart|list)\s+)?(below|above)\b/gi;

/** What the cross-reference finder needs to know about the document. */
export interface CrossReferenceContext {
  text: string;
  outline: readonly Heading[];
  chapters: readonly Chapter[];
  captions: readonly Caption[];
  toc: readonly TocEntry[];
  /** Spans where references are not looked for: notes (they cite other texts), captions, the contents. */
  excluded: readonly Span[];
}

/**
 * Every reference in running text to a figure, table, section or chapter of the same document, and
 * every "see below"/"see above", each resolved to its target when the document has one. Figure and
 * table numbers restart in each chapter, so "Table 2" resolves within its own chapter.
 */
export function findCrossReferences(context: CrossReferenceContext): CrossReference[] {
  const { text } = context;
  const references: CrossReference[] = [];
  const outside = (span: Span) => !context.excluded.some((ex) => ex.start <= span.start && span.end <= ex.end);
  const taken: Span[] = [];
  const add = (reference: CrossReference) => {
    if (!outside(reference.span) || taken.some((t) => t.start < reference.span.end && reference.span.start < t.end)) return;
    taken.push(reference.span);
    references.push(reference);
  };
  for (const match of text.matchAll(AUTHOR_REFERENCE)) {
    const span = { start: match.index, end: match.index + match[0].length };
    add(resolveAuthor({ kind: 'cross-reference', targetKind: 'chapter', author: match[1]!, span }, context));
  }
  for (const match of text.matchAll(SECTION_REFERENCE)) {
    const start = match.index + match[0].toLowerCase().lastIndexOf(match[1]!.toLowerCase());
    const span = { start, end: match.index + match[0].length };
    const targetKind = match[1]!.toLowerCase() === 'chapter' ? 'chapter' : 'section';
    add(resolveNumbered({ kind: 'cross-reference', targetKind, number: match[2]!, span }, context));
  }
  for (const match of text.matchAll(CAPTION_REFERENCE)) {
    const word = match[1]!.replace(/\.$/, '');
    const kind = captionKindOf(word) ?? captionKindOf(word.replace(/s$/i, ''));
    if (!kind) continue;
    const span = { start: match.index, end: match.index + match[0].length };
    add(resolveCaption({ kind: 'cross-reference', targetKind: kind, number: match[2]!, span }, context));
  }
  for (const match of text.matchAll(RELATIVE_REFERENCE)) {
    const span = { start: match.index, end: match.index + match[0].length };
    const direction = match[2]!.toLowerCase() as 'below' | 'above';
    add(resolveRelative({ kind: 'cross-reference', targetKind: direction, span }, match[1]?.toLowerCase(), context));
  }
  return references.sort((a, b) => a.span.start - b.span.start);
}

function resolveCaption(reference: CrossReference, context: CrossReferenceContext): CrossReference {
  const chapter = chapterAt(context.chapters, reference.span.start);
  const numbered = context.captions.filter((c) => c.captionKind === reference.targetKind && c.number === reference.number);
  // Numbering restarts per chapter when some number is used twice; then only this chapter's caption counts.
  const kindNumbers = context.captions.filter((c) => c.captionKind === reference.targetKind).map((c) => c.number);
  const restarts = new Set(kindNumbers).size < kindNumbers.length;
  const candidates = restarts ? numbered.filter((c) => c.chapter === chapter) : numbered;
  const closest = candidates.sort((a, b) => Math.abs(a.span.start - reference.span.start) - Math.abs(b.span.start - reference.span.start))[0];
  return closest ? { ...reference, target: closest.blockSpan, targetText: `${capitalize(reference.targetKind)} ${closest.number}. ${closest.text}` } : reference;
}

function resolveNumbered(reference: CrossReference, context: CrossReferenceContext): CrossReference {
  const number = reference.number!;
  if (reference.targetKind === 'chapter') {
    const chapter = context.chapters.find((c) => c.number === arabic(number));
    return chapter ? { ...reference, target: chapter.titleSpan, targetText: chapter.title } : reference;
  }
  const headings = sectionHeadings(context, reference.span.start);
  const numbered = headings.find((h) => new RegExp(`^(?:section\\s+)?${escape(number)}(?:[.):]|\\s)`, 'i').test(h.text));
  const counted = numbered ?? (/^\d+$/.test(number) ? headings.filter((h) => !UNNUMBERED_HEADINGS.includes(normalizeTitle(h.text)))[Number(number) - 1] : undefined);
  return counted ? { ...reference, target: counted.span, targetText: counted.text } : reference;
}

function resolveAuthor(reference: CrossReference, context: CrossReferenceContext): CrossReference {
  const author = reference.author!.toLowerCase();
  const entry = context.toc.find((e) => e.author?.toLowerCase().includes(author) && e.target);
  return entry ? { ...reference, target: entry.target!, targetText: `${entry.title} — by ${entry.author}` } : reference;
}

/** "see section below": the next heading (or caption of the named kind) that shares a word with the sentence, else the next one. */
function resolveRelative(reference: CrossReference, named: string | undefined, context: CrossReferenceContext): CrossReference {
  const below = reference.targetKind === 'below';
  const chapter = chapterAt(context.chapters, reference.span.start);
  const inChapter = (offset: number) => context.chapters.length === 0 || chapterAt(context.chapters, offset) === chapter;
  const captionKind = named === 'table' ? 'table' : named === 'figure' || named === 'chart' ? 'figure' : undefined;
  const targets: { span: Span; text: string }[] = captionKind
    ? context.captions.filter((c) => c.captionKind === captionKind).map((c) => ({ span: c.blockSpan, text: `${capitalize(c.captionKind)} ${c.number}. ${c.text}` }))
    : context.outline.map((h) => ({ span: h.span, text: h.text }));
  const ordered = targets.filter((t) => inChapter(t.span.start) && (below ? t.span.start > reference.span.end : t.span.end < reference.span.start));
  if (!below) ordered.reverse();
  const words = contentWords(context.text.slice(Math.max(0, reference.span.start - 120), reference.span.start));
  const sharing = ordered.find((t) => contentWords(t.text).some((w) => words.includes(w)));
  const target = sharing ?? ordered[0];
  return target ? { ...reference, target: target.span, targetText: target.text } : reference;
}

/** Headings of the chapter holding `offset` (the whole outline when there are no chapters), title excluded. */
function sectionHeadings(context: CrossReferenceContext, offset: number): Heading[] {
  const index = chapterAt(context.chapters, offset);
  const chapter = context.chapters[index];
  if (!chapter) return [...context.outline];
  return context.outline.filter((h) => h.span.start > chapter.titleSpan.end && h.span.start <= chapter.span.end && !/^by\s/i.test(h.text) && !/^chapter\s/i.test(h.text));
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}{5,}/gu) ?? []).filter((w) => !['which', 'their', 'there', 'these', 'those', 'about', 'section', 'below', 'above'].includes(w));
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
