import { escapeRegExp } from '../../regExps';
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

/** One match of a reference pattern: where it starts and its groups (as `RegExpMatchArray` gives them). */
export interface ReferenceMatch {
  index: number;
  groups: readonly (string | undefined)[];
}

/** Matches of each reference pattern, in the order `findCrossReferences` takes them (authors, sections, captions, relative). */
export type ReferenceMatches = readonly [ReferenceMatch[], ReferenceMatch[], ReferenceMatch[], ReferenceMatch[]];

const PATTERNS = [AUTHOR_REFERENCE, SECTION_REFERENCE, CAPTION_REFERENCE, RELATIVE_REFERENCE] as const;

/**
 * Every reference in running text to a figure, table, section or chapter of the same document, and
 * every "see below"/"see above", each resolved to its target when the document has one. Figure and
 * table numbers restart in each chapter, so "Table 2" resolves within its own chapter.
 */
export function findCrossReferences(context: CrossReferenceContext, matches: ReferenceMatches = referenceMatches(context.text, 0, context.text.length)): CrossReference[] {
  const references: CrossReference[] = [];
  const outside = (span: Span) => !context.excluded.some((ex) => ex.start <= span.start && span.end <= ex.end);
  const taken: Span[] = [];
  const add = (reference: CrossReference) => {
    if (!outside(reference.span) || taken.some((t) => t.start < reference.span.end && reference.span.start < t.end)) return;
    taken.push(reference.span);
    references.push(reference);
  };
  const [authors, sections, captions, relatives] = matches;
  for (const { index, groups } of authors) {
    const span = { start: index, end: index + groups[0]!.length };
    add(resolveAuthor({ kind: 'cross-reference', targetKind: 'chapter', author: groups[1]!, span }, context));
  }
  for (const { index, groups } of sections) {
    const start = index + groups[0]!.toLowerCase().lastIndexOf(groups[1]!.toLowerCase());
    const span = { start, end: index + groups[0]!.length };
    const targetKind = groups[1]!.toLowerCase() === 'chapter' ? 'chapter' : 'section';
    add(resolveNumbered({ kind: 'cross-reference', targetKind, number: groups[2]!, span }, context));
  }
  for (const { index, groups } of captions) {
    const word = groups[1]!.replace(/\.$/, '');
    const kind = captionKindOf(word) ?? captionKindOf(word.replace(/s$/i, ''));
    if (!kind) continue;
    const span = { start: index, end: index + groups[0]!.length };
    add(resolveCaption({ kind: 'cross-reference', targetKind: kind, number: groups[2]!, span }, context));
  }
  for (const { index, groups } of relatives) {
    const span = { start: index, end: index + groups[0]!.length };
    const direction = groups[2]!.toLowerCase() as 'below' | 'above';
    add(resolveRelative({ kind: 'cross-reference', targetKind: direction, span }, groups[1]?.toLowerCase(), context));
  }
  return references.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The matches of each reference pattern starting in [from, to) of `text`. A scan of `text.slice(from, to)` finds
 * what a scan of the whole text finds there when the characters before `from` and before `to` are "stops" (or the
 * text's ends): the patterns consume only letters, digits, white space, ".", "'", "’" and "-", so no attempt that
 * starts before a stop reads past it, and a stop is no word character (`\b` reads it as the slice's end).
 */
export function referenceMatches(text: string, from: number, to: number): [ReferenceMatch[], ReferenceMatch[], ReferenceMatch[], ReferenceMatch[]] {
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  const [authors, sections, captions, relatives] = PATTERNS.map((pattern) => [...part.matchAll(pattern)].map((match): ReferenceMatch => ({ index: match.index + from, groups: [...match] })));
  return [authors!, sections!, captions!, relatives!];
}

/** Whether the character at `offset` stops every reference pattern (see `referenceMatches`). */
export function isReferenceStop(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  // Half of a surrogate pair is never a stop: a slice cut inside a pair would read it alone (a "u" pattern reads pairs).
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return STOP.test(text[offset]!);
}

const STOP = /[^\p{L}\p{N}\s.'’_-]/u;

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
  const numberedHeading = new RegExp(`^(?:section\\s+)?${escapeRegExp(number)}(?:[.):]|\\s)`, 'i');
  const numbered = headings.find((h) => numberedHeading.test(h.text));
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
