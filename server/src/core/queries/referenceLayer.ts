import type { DocumentAnalysis } from '../document';
import type { Note, NoteMarker } from '../extract/references';
import type { Place, Span } from '../types';
import type { QueryLayer } from './layer';
import { baseName } from './places';
import { referenceAt } from './referenceAt';

const MAX_NOTE_CHARS = 600;

/**
 * Hover, definition and references for note markers and notes, contents lines, "see Table 2"
 * references, captions and the headings they name. Everything resolves within one document.
 */
export const referenceLayer: QueryLayer = {
  name: 'references',

  hoverAt(_index, document, offset) {
    const hit = referenceAt(document, offset);
    if (!hit) return undefined;
    const { references } = document;
    switch (hit.kind) {
      case 'marker': {
        const resolution = references.resolutions[hit.index]!;
        const title = `**Note ${hit.marker.label}**`;
        if (resolution.status === 'quoted') return { span: hit.span, markdown: `${title} — part of the quoted text; its note is not reproduced in this document.` };
        if (resolution.status === 'unresolved') return { span: hit.span, markdown: `${title} — no note with this number ${scopeName(document, hit.marker.span.start)}.` };
        const note = references.notes[resolution.note]!;
        return { span: hit.span, markdown: `${title} ${whereNote(document, note)}\n\n${noteMarkdown(note)}` };
      }
      case 'note': {
        const citing = markersOf(document, hit.index);
        const count = citing.length === 0 ? 'Not cited by any marker.' : `Cited ${citing.length} time${citing.length === 1 ? '' : 's'}, first on line ${lineOf(document, citing[0]!.span.start)}.`;
        return { span: hit.span, markdown: `**Note ${hit.note.label}** ${whereNote(document, hit.note)}\n\n${count}` };
      }
      case 'toc-entry': {
        const { entry } = hit;
        const by = entry.author ? ` — by ${entry.author}` : '';
        const where = entry.target ? `Heading on line ${lineOf(document, entry.target.start)}.` : 'No heading with this title in the document.';
        return { span: hit.span, markdown: `**Contents:** ${entry.title}${by}${entry.page ? ` (page ${entry.page})` : ''}\n\n${where}` };
      }
      case 'cross-reference': {
        const { reference } = hit;
        if (!reference.target) return { span: hit.span, markdown: `**${describeReference(document, reference.span)}** — no such ${reference.targetKind === 'below' || reference.targetKind === 'above' ? 'target' : reference.targetKind} ${scopeName(document, reference.span.start)}.` };
        return { span: hit.span, markdown: `**${reference.targetText ?? ''}**\n\nLine ${lineOf(document, reference.target.start)}.` };
      }
      case 'caption': {
        const citing = citationsOf(document, hit.caption.blockSpan);
        return { span: hit.span, markdown: `**${document.text.slice(hit.caption.span.start, hit.caption.span.end)}**\n\nReferred to ${citing.length} time${citing.length === 1 ? '' : 's'} in the text.` };
      }
    }
  },

  definitionAt(_index, document, offset) {
    const hit = referenceAt(document, offset);
    if (!hit) return undefined;
    const { references } = document;
    const here = (span: Span | undefined): Place[] => (span ? [{ uri: document.uri, span }] : []);
    switch (hit.kind) {
      case 'marker': {
        const resolution = references.resolutions[hit.index]!;
        return resolution.status === 'resolved' ? here(references.notes[resolution.note]!.span) : [];
      }
      case 'note':
        return here(hit.note.span);
      case 'toc-entry':
        return here(hit.entry.target);
      case 'cross-reference':
        return here(hit.reference.target);
      case 'caption':
        return here(hit.caption.blockSpan);
    }
  },

  referencesTo(_index, document, offset) {
    const hit = referenceAt(document, offset);
    if (!hit) return undefined;
    const { references } = document;
    const places = (spans: Span[]): Place[] => spans.sort((a, b) => a.start - b.start).map((span) => ({ uri: document.uri, span }));
    switch (hit.kind) {
      case 'marker': {
        const resolution = references.resolutions[hit.index]!;
        if (resolution.status !== 'resolved') return places([hit.marker.span]);
        return places(markersOf(document, resolution.note).map((m) => m.span));
      }
      case 'note':
        return places(markersOf(document, hit.index).map((m) => m.span));
      case 'caption':
        return places(citationsOf(document, hit.caption.blockSpan));
      case 'toc-entry':
        return places(hit.entry.target ? citationsOf(document, hit.entry.target) : [hit.entry.span]);
      case 'cross-reference':
        return places(hit.reference.target ? citationsOf(document, hit.reference.target) : [hit.reference.span]);
    }
  },
};

/** The markers that resolve to note `note`. */
function markersOf(document: DocumentAnalysis, note: number): NoteMarker[] {
  const { markers, resolutions } = document.references;
  return markers.filter((_, i) => {
    const resolution = resolutions[i]!;
    return resolution.status === 'resolved' && resolution.note === note;
  });
}

/** Every contents line and cross-reference whose target is `target`. */
function citationsOf(document: DocumentAnalysis, target: Span): Span[] {
  const { toc, crossReferences } = document.references;
  return [
    ...toc.filter((e) => e.target && e.target.start === target.start).map((e) => e.span),
    ...crossReferences.filter((r) => r.target && r.target.start === target.start).map((r) => r.span),
  ];
}

/** "(Endnotes of “Time to Relaunch …”, line 1322)". */
function whereNote(document: DocumentAnalysis, note: Note): string {
  const list = document.references.noteLists[note.list]!;
  const heading = list.headingSpan ? document.text.slice(list.headingSpan.start, list.headingSpan.end).trim() : 'note';
  const chapter = document.references.chapters.find((c) => c.span.start <= note.span.start && note.span.start <= c.span.end);
  return `(${heading}${chapter ? ` of “${chapter.title}”` : ''}, ${baseName(document.uri)}:${lineOf(document, note.span.start)})`;
}

/** A note's text as Markdown, with bare web addresses made into links and long notes cut. */
function noteMarkdown(note: Note): string {
  const text = note.text.length > MAX_NOTE_CHARS ? `${note.text.slice(0, MAX_NOTE_CHARS)}…` : note.text;
  return text.replace(/(^|[\s(;,])(https?:\/\/[^\s<>)]+[^\s<>).,;:])/g, '$1<$2>');
}

function scopeName(document: DocumentAnalysis, offset: number): string {
  const chapter = document.references.chapters.find((c) => c.span.start <= offset && offset <= c.span.end);
  return chapter ? `in the chapter “${chapter.title}”` : 'in this document';
}

function describeReference(document: DocumentAnalysis, span: Span): string {
  return document.text.slice(span.start, span.end);
}

function lineOf(document: DocumentAnalysis, offset: number): number {
  return document.lines.positionAt(offset).line + 1;
}
