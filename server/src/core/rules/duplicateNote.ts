import type { DocumentRule, RuleReport } from './rule';

/**
 * `duplicate-note`: two notes with one number in one notes list (or two Markdown footnote
 * definitions with one label), so a marker cannot tell which it cites; it resolves to the first.
 * Example: "[12] Smith …" followed later in the same Endnotes by "[12] Jones …" gives
 * "Unexpected second note 12 in this list" on the second, pointing at the first.
 */
export const duplicateNote: DocumentRule = {
  id: 'duplicate-note',
  scope: 'document',
  defaultSeverity: 'warning',
  summary: 'Two notes carry the same number in one notes list.',
  check(document) {
    const { notes } = document.references;
    const reports: RuleReport[] = [];
    const first = new Map<string, number>();
    notes.forEach((note, i) => {
      // Markdown footnotes share one namespace per document; numbered notes one per list.
      const key = note.form === 'markdown' ? `md:${note.label}` : note.form === 'asterisk' ? `*:${i}` : `${note.list}:${note.label}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, i);
        return;
      }
      const original = notes[earlier]!;
      reports.push({
        uri: document.uri,
        span: note.labelSpan,
        message: `Unexpected second note ${note.label} in this list: expected each number once (markers resolve to the first).`,
        related: [{ uri: document.uri, span: original.labelSpan, message: `First note ${original.label}` }],
      });
    });
    return reports;
  },
};
