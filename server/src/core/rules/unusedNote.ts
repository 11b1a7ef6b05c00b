import type { DocumentRule, RuleReport } from './rule';

/**
 * `unused-note`: a note that no marker of the document cites — its marker was lost when the
 * document was exported, or the note is left over from an earlier draft. Example: endnotes 1–25
 * where the text never carries "⁶" give "Note 6 is never cited" on the note's number.
 */
export const unusedNote: DocumentRule = {
  id: 'unused-note',
  scope: 'document',
  defaultSeverity: 'hint',
  summary: 'A note (footnote or endnote) that no marker in the text cites.',
  check(document) {
    const { notes, resolutions } = document.references;
    const cited = new Set<number>();
    for (const resolution of resolutions) if (resolution.status === 'resolved') cited.add(resolution.note);
    const reports: RuleReport[] = [];
    notes.forEach((note, i) => {
      if (cited.has(i)) return;
      reports.push({ uri: document.uri, span: note.labelSpan, message: `Note ${note.label} is never cited: expected a marker such as “${markerFor(note.label)}” before it.` });
    });
    return reports;
  },
};

function markerFor(label: string): string {
  if (!/^\d+$/.test(label)) return label === '*' ? '\\*' : `[^${label}]`;
  return [...label].map((digit) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(digit)]).join('');
}
