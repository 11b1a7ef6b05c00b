import { textSlice } from '../compactText';
import type { RuleReport, DocumentRule } from './rule';

/**
 * `unresolved-reference`: a note marker with no note of that number in its chapter's notes, a
 * "see Table 3" / "Section 4" / "see below" with no such target, or a contents line naming a heading
 * the document does not have. Markers inside quoted treaty articles and block quotes are not
 * reported: their notes belong to the quoted text. Example: "drug class<sup>5</sup>" in a deck
 * without notes gives "Unexpected note marker “5”: expected a note numbered 5 in this document".
 */
export const unresolvedReference: DocumentRule = {
  id: 'unresolved-reference',
  scope: 'document',
  defaultSeverity: 'warning',
  summary: 'A note marker, a “see Table 3”-style reference or a contents line has no target in the document.',
  check(document) {
    const { markers, resolutions, crossReferences, toc, chapters } = document.references;
    const reports: RuleReport[] = [];
    const scope = (offset: number) => {
      const chapter = chapters.find((c) => c.span.start <= offset && offset <= c.span.end);
      return chapter ? `the notes of the chapter “${chapter.title}”` : 'this document';
    };
    markers.forEach((marker, i) => {
      if (resolutions[i]!.status !== 'unresolved') return;
      reports.push({ uri: document.uri, span: marker.span, message: `Unexpected note marker “${marker.label}”: expected a note numbered ${marker.label} in ${scope(marker.span.start)}.` });
    });
    for (const reference of crossReferences) {
      if (reference.target) continue;
      const written = textSlice(document, reference.span.start, reference.span.end);
      reports.push({ uri: document.uri, span: reference.span, message: `Unexpected reference “${written}”: expected a ${reference.targetKind === 'below' || reference.targetKind === 'above' ? 'heading' : reference.targetKind} it names in ${scope(reference.span.start).replace('the notes of ', '')}.` });
    }
    for (const entry of toc) {
      if (entry.target) continue;
      reports.push({ uri: document.uri, span: entry.titleSpan, message: `Unexpected contents entry “${entry.title}”: expected a heading with this title after the table of contents.` });
    }
    return reports;
  },
};
