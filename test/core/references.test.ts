import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument, computeFindings, definitionAt, documentLinks, documentSymbols, foldingRegions, footnoteMarkerSpans, hoverAt, referencesTo, WorkspaceIndex, type DocumentAnalysis } from '../../server/src/core/api';
import { duplicateNote } from '../../server/src/core/rules/duplicateNote';
import { unresolvedReference } from '../../server/src/core/rules/unresolvedReference';
import { unusedNote } from '../../server/src/core/rules/unusedNote';
import { joinLines, offsetOf } from '../helpers/text';

const URI = 'file:///ws/report.txt';

function analyze(text: string, uri = URI): DocumentAnalysis {
  return analyzeDocument({ uri, version: 0, format: uri.endsWith('.md') ? 'markdown' : 'plaintext', text });
}

function indexOf(text: string, uri = URI): { index: WorkspaceIndex; document: DocumentAnalysis } {
  const index = new WorkspaceIndex();
  const document = analyze(text, uri);
  index.set(document);
  return { index, document };
}

/** Each marker as "label→first words of its note" (or its status). */
function resolved(document: DocumentAnalysis): string[] {
  const { markers, resolutions, notes } = document.references;
  return markers.map((marker, i) => {
    const resolution = resolutions[i]!;
    return `${marker.label}→${resolution.status === 'resolved' ? notes[resolution.note]!.text.split(' ').slice(0, 2).join(' ') : resolution.status}`;
  });
}

/** Findings of the given rules as "line:col-line:col: message" (1-based). */
function findingsOf(text: string, rule: Parameters<typeof computeFindings>[2]): string[] {
  const { index, document } = indexOf(text);
  return (computeFindings(index, {}, rule).get(URI) ?? []).map((f) => {
    const a = document.lines.positionAt(f.span.start);
    const b = document.lines.positionAt(f.span.end);
    return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}: ${f.message}`;
  });
}

const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('note markers', () => {
  it('reads Unicode superscripts of one to three digits, not exponents of units', () => {
    const text = joinLines('Trade grew.¹ Jobs grew,³⁵ and exports too.¹²⁷ The site covers 12 km² of land.');
    const { markers } = analyze(text).references;
    assert.deepEqual(markers.map((m) => [m.label, m.form, slice(text, m.span)]), [
      ['1', 'superscript', '¹'],
      ['35', 'superscript', '³⁵'],
      ['127', 'superscript', '¹²⁷'],
    ]);
  });

  it('splits brace groups into one marker per number, each with its own span', () => {
    const text = 'Unpunished.^{15, 16} More.^{1,2} Range.^{3-5}';
    const { markers } = analyze(text).references;
    assert.deepEqual(markers.map((m) => [m.label, slice(text, m.span), slice(text, m.groupSpan)]), [
      ['15', '15', '^{15, 16}'],
      ['16', '16', '^{15, 16}'],
      ['1', '1', '^{1,2}'],
      ['2', '2', '^{1,2}'],
      ['3', '3-5', '^{3-5}'],
      ['4', '3-5', '^{3-5}'],
      ['5', '3-5', '^{3-5}'],
    ]);
  });

  it('reads <sup>5</sup> but not the ordinal in 3<sup>rd</sup>', () => {
    const text = 'The **3<sup>rd</sup> or 4<sup>th</sup> largest** economy; deaths by drug class<sup>5</sup>';
    const { markers } = analyze(text).references;
    assert.deepEqual(markers.map((m) => [m.label, m.form, slice(text, m.groupSpan)]), [['5', 'sup-tag', '<sup>5</sup>']]);
  });

  it('resolves Markdown footnotes to their definitions anywhere in the document', () => {
    const text = joinLines('Claim one.[^1] Claim two.[^src]', '', '[^src]: The source.', '[^1]: First note.');
    const document = analyze(text, 'file:///ws/a.md');
    assert.deepEqual(resolved(document), ['1→First note.', 'src→The source.']);
  });

  it('resolves an escaped asterisk to the asterisk note under it', () => {
    const text = joinLines('1 HEAD OF GOVERNMENT\\*', '', 'Term: 6 years', '\\*Mexico City');
    assert.deepEqual(resolved(analyze(text)), ['*→Mexico City']);
  });

  it('does not take a note label at a line start for a marker', () => {
    const text = joinLines('Jobs grew.¹', '', '¹ Smith, Trade, p. 6.');
    const document = analyze(text);
    assert.equal(document.references.markers.length, 1);
    assert.deepEqual(resolved(document), ['1→Smith, Trade,']);
  });

  it('exposes footnoteMarkerSpans so a figure "35,484¹²" keeps its digits apart from the marker', () => {
    const text = 'Deaths reached 35,484¹² in 2020 and 1,200^{3,4} later.';
    assert.deepEqual(footnoteMarkerSpans(text).map((span) => slice(text, span)), ['¹²', '^{3,4}']);
  });
});

describe('notes and chapter-scoped resolution', () => {
  const volume = joinLines(
    'CONTENTS',
    '',
    '01.\tTrade Ties\t3',
    '\tBy Ana Pérez\t',
    '02.\tHealth Agenda: A New Start\t9',
    '\tBy Luis Gómez\t',
    '',
    'By **Ana Pérez**',
    '',
    'Trade Ties',
    '',
    'Trade grew fast.¹ Investment followed.² See Table 1 for details.',
    '',
    'Table 1. Trade by year',
    '',
    '\t2019\t2020',
    'Exports\t10\t12',
    '',
    'Endnotes',
    '',
    '- [1] Census Bureau, https://census.gov/trade.',
    '- [2] Banxico, 2020.',
    '',
    'Chapter 2',
    '',
    'By Luis Gómez',
    '',
    'Health Agenda:',
    '',
    'A New Start',
    '',
    'Spending rose.¹ Nurses are scarce.^{2,3} See Table 1 and Table 2.',
    '',
    'Table 1. Health spending',
    '',
    'Endnotes',
    '',
    '[1] OECD, Health at a Glance.',
    '',
    '[2] WHO, Nursing report.',
  );

  it('resolves each marker to the note of its own chapter when numbering restarts', () => {
    assert.deepEqual(resolved(analyze(volume)), ['1→Census Bureau,', '2→Banxico, 2020.', '1→OECD, Health', '2→WHO, Nursing', '3→unresolved']);
  });

  it('finds the chapters from the contents and resolves contents lines to headings, also a title broken over two lines', () => {
    const { toc, chapters } = analyze(volume).references;
    assert.deepEqual(
      toc.map((e) => [e.title, e.author, e.page, e.target && slice(volume, e.target)]),
      [
        ['Trade Ties', 'Ana Pérez', '3', 'Trade Ties'],
        ['Health Agenda: A New Start', 'Luis Gómez', '9', 'Health Agenda:\n\nA New Start'],
      ],
    );
    assert.deepEqual(
      chapters.map((c) => [c.number, c.title, volume.slice(c.span.start, c.span.start + 10)]),
      [
        ['1', 'Trade Ties', 'By **Ana P'],
        ['2', 'Health Agenda: A New Start', 'Chapter 2\n'],
      ],
    );
  });

  it('puts the chapters the contents names at the top of the outline, a title broken over two lines included', () => {
    const symbols = documentSymbols(analyze(volume));
    assert.deepEqual(
      symbols.filter((s) => s.name !== 'CONTENTS').map((s) => [s.name, s.children.map((c) => c.name).filter((name) => name === 'Endnotes' || /^(By|Chapter) /.test(name))]),
      [
        ['Trade Ties', ['Endnotes']],
        ['Health Agenda: A New Start', ['Endnotes']],
      ],
    );
  });

  it('resolves "Table 1" within its chapter and leaves a missing "Table 2" unresolved', () => {
    const { crossReferences } = analyze(volume).references;
    assert.deepEqual(
      crossReferences.map((r) => [slice(volume, r.span), r.targetText ?? 'none']),
      [
        ['Table 1', 'Table 1. Trade by year'],
        ['Table 1', 'Table 1. Health spending'],
        ['Table 2', 'none'],
      ],
    );
  });

  it('resolves notes printed mid-document, each after the paragraph that cites it', () => {
    const text = joinLines('Wait times cost jobs.¹', '', 'Trade is growing.', '', '¹ Brugués, Border study.', '', 'Mexico is first.² As noted.¹', '', '² Census, Top partners.');
    const document = analyze(text);
    assert.deepEqual(resolved(document), ['1→Brugués, Border', '2→Census, Top', '1→Brugués, Border']);
    assert.equal(document.references.noteLists.length, 2);
  });

  it('takes markers in a quoted treaty article as the quoted text’s own', () => {
    const text = joinLines('The article reads:', '', '27.3.2. Each Party shall adopt measures against another diversion³ by a public official.', '', 'Corruption persists.¹', '', 'Endnotes', '', '[1] USMCA text.', '[3] Rule of law index.');
    assert.deepEqual(resolved(analyze(text)), ['3→quoted', '1→USMCA text.']);
  });
});

describe('cross-reference rules', () => {
  it('unresolved-reference: flags a marker without a note and a table that does not exist', () => {
    const text = joinLines('Deaths rose.¹ Overdoses rose.² See Table 3.', '', 'Notes', '', '1. CDC, 2022.');
    assert.deepEqual(findingsOf(text, [unresolvedReference]), [
      '1:30-1:31: Unexpected note marker “2”: expected a note numbered 2 in this document.',
      '1:36-1:43: Unexpected reference “Table 3”: expected a table it names in this document.',
    ]);
  });

  it('unresolved-reference: quiet when every marker and reference resolves', () => {
    const text = joinLines('Deaths rose.¹ See Figure 1.', '', 'Figure 1. Deaths by year', '', 'Notes', '', '1. CDC, 2022.');
    assert.deepEqual(findingsOf(text, [unresolvedReference]), []);
  });

  it('unused-note: flags a note no marker cites', () => {
    const text = joinLines('Deaths rose.¹', '', 'Endnotes', '', '[1] CDC, 2022.', '[2] Unused source.');
    assert.deepEqual(findingsOf(text, [unusedNote]), ['6:1-6:4: Note 2 is never cited: expected a marker such as “²” before it.']);
  });

  it('duplicate-note: flags a second note with one number in one list, pointing at the first', () => {
    const text = joinLines('Deaths rose.¹', '', 'Endnotes', '', '[1] CDC, 2022.', '[1] CDC again.');
    const { index } = indexOf(text);
    const findings = computeFindings(index, {}, [duplicateNote]).get(URI)!;
    assert.deepEqual(findingsOf(text, [duplicateNote]), ['6:1-6:4: Unexpected second note 1 in this list: expected each number once (markers resolve to the first).']);
    assert.equal(findings[0]!.related[0]!.span.start, offsetOf(text, '[1] CDC, 2022.'));
  });

  it('duplicate-note: the same number in two chapters’ lists is not a duplicate', () => {
    const text = joinLines('A.¹', '', 'Endnotes', '', '[1] One.', '', 'Chapter 2', '', 'Second', '', 'B.¹', '', 'Endnotes', '', '[1] Other.');
    assert.deepEqual(findingsOf(text, [duplicateNote, unusedNote, unresolvedReference]), []);
  });
});

describe('reference queries', () => {
  const text = joinLines(
    'Contents',
    '',
    '1. Border Trade.....\t2',
    '2. Security.....\t5',
    '',
    'Border Trade',
    '',
    'Crossings fell.^{1,2} Trade rose.¹ See Figure 1.',
    '',
    'Figure 1. Crossings by month',
    '',
    'Security',
    '',
    'Endnotes',
    '',
    '- [1] CBP data, <https://cbp.gov/stats>.',
    '- [2] Banxico, see https://banxico.org.mx/x (2020).',
  );

  it('hover on a marker shows the note text with its links', () => {
    const { index } = indexOf(text);
    const hover = hoverAt(index, URI, offsetOf(text, 'rose.¹', 0, 5))!;
    assert.equal(slice(text, hover.span), '¹');
    assert.match(hover.markdown, /\*\*Note 1\*\*/);
    assert.match(hover.markdown, /CBP data, <https:\/\/cbp\.gov\/stats>/);
  });

  it('go to definition jumps from a marker to its note and from a contents line to its heading', () => {
    const { index } = indexOf(text);
    const [note] = definitionAt(index, URI, offsetOf(text, '^{1,2}', 0, 4));
    assert.match(slice(text, note!.span), /^\[2\] Banxico/);
    const [heading] = definitionAt(index, URI, offsetOf(text, '2. Security', 0, 5));
    assert.equal(heading!.span.start, offsetOf(text, 'Security\n\nEndnotes'));
  });

  it('find references from a note lists every marker citing it; hover on "Figure 1" shows the caption', () => {
    const { index } = indexOf(text);
    const places = referencesTo(index, URI, offsetOf(text, '[1] CBP', 0, 1));
    assert.deepEqual(places.map((p) => slice(text, p.span)), ['1', '¹']);
    assert.match(hoverAt(index, URI, offsetOf(text, 'See Figure 1', 0, 6))!.markdown, /Figure 1\. Crossings by month/);
  });

  it('lists web addresses as document links and folds notes lists and the contents', () => {
    const document = analyze(text);
    assert.deepEqual(documentLinks(document).map((l) => l.url), ['https://cbp.gov/stats', 'https://banxico.org.mx/x']);
    assert.deepEqual(
      foldingRegions(document).map((r) => [r.kind, document.lines.positionAt(r.span.start).line, document.lines.positionAt(r.span.end).line]),
      [
        ['contents', 2, 3],
        ['chapter', 5, 9],
        ['chapter', 11, 16],
        ['notes', 13, 16],
      ],
    );
  });
});
