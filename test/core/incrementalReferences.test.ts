import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractOutline } from '../../server/src/core/extract/outline';
import { extractReferences, type ReferenceExtract } from '../../server/src/core/extract/references';
import { parseMarkdown } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/positions';
import { textChange } from '../../server/src/core/textChange';
import { seedsAndFixtures } from '../helpers/corpus';
import { seededRandom } from '../helpers/random';

// extractReferences given the previous version's extract re-reads the lines around the change (and the reference
// patterns between the stops around it) and keeps the other records; whatever the edit, the result must be the one a
// fresh extraction of the same text gives.

interface Version {
  text: string;
  extract: ReferenceExtract;
}

function outlineOf(text: string, name: string) {
  return extractOutline(parseMarkdown(text), text, new LineIndex(text), name.endsWith('.md') ? 'markdown' : 'plaintext');
}

/** Extracts `text` as the next version of `previous` (incrementally) and from scratch; fails unless they are equal. */
function next(previous: Version, text: string, name = 'a.txt'): Version {
  const outline = outlineOf(text, name);
  const change = textChange(previous.text, text);
  const extract = extractReferences(text, outline, { text: previous.text, extract: previous.extract, change });
  const fresh = extractReferences(text, outline);
  assert.deepStrictEqual(extract, fresh, `${name}: ${JSON.stringify(change)} ${JSON.stringify(text.slice(Math.max(0, change.start - 40), change.newEnd + 40))}`);
  return { text, extract };
}

/** A document opened and edited once (an extract made without a previous version keeps nothing for the next one). */
function opened(text: string, name = 'a.txt'): Version {
  return next({ text, extract: extractReferences(text, outlineOf(text, name)) }, text, name);
}

function edit(version: Version, find: string, replace: string, name = 'a.txt', occurrence: 'first' | 'last' = 'first'): Version {
  const at = occurrence === 'first' ? version.text.indexOf(find) : version.text.lastIndexOf(find);
  assert.notEqual(at, -1, `text lacks “${find}”`);
  return next(version, version.text.slice(0, at) + replace + version.text.slice(at + find.length), name);
}

const REPORT = [
  'Contents',
  '',
  '01.\tSecurity First\t3',
  '\tBy Ana Ruiz\t',
  '02.\tEnergy Relations\t9',
  '',
  '',
  '',
  'Chapter 1',
  'By Ana Ruiz',
  'Security First',
  '',
  'Homicides rose sharply.¹ The plan failed.² See Table 1 and the chapter by Max Kaiser, and see section below.',
  '',
  'Table 1. Homicides by state',
  'State\t2019\t2020',
  'Sonora\t10\t12',
  'Source: INEGI.',
  '',
  'The treaty says:',
  '',
  '27.3.2. Each Party shall act.³',
  '',
  'Notes',
  '',
  '1. Smith, A study, 2020. https://example.org/a',
  '2. Jones, Another study, 2021.',
  '3. Treaty text.',
  '',
  'Chapter 2',
  'Energy Relations',
  '',
  'Oil exports fell^{1,2} and gas <sup>3</sup> too.[^a]',
  '',
  'Endnotes',
  '',
  '¹ First energy note.',
  '² Second energy note,',
  '  continued on a second line.',
  '³ Third note.',
  '',
  '[^a]: A Markdown footnote.',
  '',
].join('\n');

describe('incremental reference extraction', () => {
  it('keeps the records before the change and moves those after it', () => {
    const first = opened(REPORT);
    const after = edit(first, 'The plan failed.', 'The new plan failed.');
    // Records before the change are the same objects; those after it new ones, moved (the brace group's "1").
    const brace = first.extract.markers.findIndex((marker) => marker.form === 'brace');
    assert.notEqual(after.extract.markers[brace], first.extract.markers[brace]);
    assert.deepEqual(after.extract.markers[brace]!.span, { start: first.extract.markers[brace]!.span.start + 4, end: first.extract.markers[brace]!.span.end + 4 });
    assert.equal(after.extract.toc[0], first.extract.toc[0], 'an entry whose target is before the change');
    assert.notEqual(after.extract.toc[1], first.extract.toc[1], 'an entry whose target moved');
    assert.equal(after.extract.toc[1]!.target!.start, first.extract.toc[1]!.target!.start + 4);
    const late = edit(after, 'Third note.', 'Third note, amended.');
    assert.equal(late.extract.markers[0], after.extract.markers[0]);
    assert.equal(late.extract.notes[0], after.extract.notes[0], 'a note far before the change is kept');
    assert.equal(late.extract.links[0], after.extract.links[0]);
    assert.equal(late.extract.captions[0], after.extract.captions[0]);
  });

  it('reuses an open document’s first extraction on its first edit', () => {
    // An open document's first version has no previous one, but is extracted while editing: its next version reuses it.
    const first = { text: REPORT, extract: extractReferences(REPORT, outlineOf(REPORT, 'a.txt'), undefined, true) };
    assert.deepStrictEqual(first.extract, extractReferences(REPORT, outlineOf(REPORT, 'a.txt')));
    const after = edit(first, 'Third note.', 'Third note, amended.');
    assert.equal(after.extract.markers[0], first.extract.markers[0], 'a marker far before the change is the very same record');
  });

  it('re-reads notes whose end, list or numbering the change moves', () => {
    let version = opened(REPORT);
    version = edit(version, '\n  continued on a second line.', '\n\n  continued on a second line.');
    version = edit(version, 'Second energy note,\n\n', 'Second energy note,\n');
    version = edit(version, 'Notes\n', 'Remarks\n');
    version = edit(version, 'Remarks\n', 'Notes\n');
    version = edit(version, '2. Jones', 'Jones');
    version = edit(version, '\nJones', '\n2. Jones');
    version = edit(version, 'The plan failed.²', 'The plan failed.');
    version = edit(version, '\n\nEndnotes', '\nEndnotes');
    version = edit(version, '[^a]: A Markdown', '[^b]: A Markdown');
    edit(version, '\n¹ First', '\nMore body text.\n¹ First');
  });

  it('re-reads the contents, chapters, captions and quoted articles the change reaches', () => {
    let version = opened(REPORT);
    version = edit(version, 'Energy Relations\n\nOil', 'Energy Relation\n\nOil');
    version = edit(version, 'Energy Relation\n\nOil', 'Energy Relations\n\nOil');
    version = edit(version, 'Security First\n\nHomicides', 'Security\nFirst\n\nHomicides');
    version = edit(version, '\n\n\n\nChapter 1', '\n\nChapter 1');
    version = edit(version, 'Chapter 2', 'Part 2');
    version = edit(version, 'Table 1. Homicides', 'Table 1. homicides');
    version = edit(version, 'Source: INEGI.', 'Sonora\t11\t13');
    version = edit(version, 'The treaty says:', 'The treaty says');
    version = edit(version, 'The treaty says', 'The treaty says:\n\n> quoted');
    edit(version, '02.\tEnergy Relations\t9', '02.\tEnergy Relations');
  });

  it('finds references and marker groups reaching over lines at the window edges', () => {
    let version = opened(REPORT);
    version = edit(version, 'See Table 1 and', 'See Table\n1 and');
    version = edit(version, 'See Table\n1 and', 'See Table\n\n1 and');
    version = edit(version, 'the chapter by Max Kaiser,', 'the chapter by Max\nKaiser\nRuiz,');
    version = edit(version, 'see section below', 'see section\nbelow');
    version = edit(version, 'fell^{1,2}', 'fell^{1,\n2}');
    version = edit(version, 'fell^{1,\n2}', 'fell^{\n\n1-3 }');
    version = edit(version, '<sup>3</sup>', '<sup>\n3</sup>');
    version = edit(version, 'https://example.org/a', 'https://example.org/a-b');
    edit(version, 'see section\nbelow', 'see Section 2 of the Act');
  });

  it('handles the text start and end, empty texts, CRLF and leading blank lines', () => {
    let version = opened(REPORT);
    version = next(version, `x${version.text}`);
    version = next(version, version.text.slice(1));
    version = next(version, `${version.text}¹ A last note.`);
    version = next(version, `${version.text}\n`);
    version = next(version, '');
    version = next(version, 'Notes\n\n1. A note.');
    version = next(version, `\n\n${version.text}`);
    version = next(version, `\n${version.text.slice(2)}`);
    let crlf = opened(REPORT.replace(/\n/g, '\r\n'));
    crlf = edit(crlf, '\r\n\r\nNotes', '\r\n\r\nx\r\nNotes');
    crlf = edit(crlf, 'Notes\r', 'Notes');
    crlf = edit(crlf, 'Notes\n', 'Notes\r\n');
    crlf = edit(crlf, 'Treaty text.\r', 'Treaty text.');
    crlf = edit(crlf, 'Treaty text.\n', 'Treaty text.\r\r');
    // A line break typed after a lone "\r" joins it: the line before the change ends differently.
    crlf = edit(crlf, 'Treaty text.\r\r', 'Treaty text.\r\n\r');
    crlf = edit(crlf, 'Treaty text.\r\n', 'Treaty text.\r');
    crlf = edit(crlf, 'Second energy note,\r\n', 'Second energy note,\r');
    crlf = edit(crlf, 'Second energy note,\r', 'Second energy note,\r\n');
    next(crlf, crlf.text.replace(/\r\n/g, '\n'));
  });

  // Edits that write or remove what the reference extractor reads, at random places of every seed and fixture (and of
  // the report above), each checked against a fresh extraction.
  const TYPED = [
    'x', ' ', '\n', '\n\n', '\r', '\r\n', ':', ':\n\n', '¹', '²³ ', '\n¹ ', '^{', '^{4', '}', '^{1, 2}', '<sup>', '<sup>5</sup>', '</sup>', '[^1]',
    '\n[^1]: ', '\\*', '\n[7] ', '\n12. ', 'Notes\n', '\nEndnotes\n\n', '\nContents\n', '\nChapter 3\n', 'Chapter ', '\nBy ', 'see Table 2',
    ' see section below', ' see also Chapter 4', 'see the chapter by Ana Ruiz', ' Figure 1', '\nTable 3. Trade flows\n', '\t', 'https://x.org/a',
    ' www.example.com', '> ', '\n27.3.2. ', 'Article 4 ', ' of', '.', ',', '(', ')',
  ];
  const randomText = (random: () => number) => TYPED[Math.floor(random() * TYPED.length)]!;
  const documents = [{ name: 'report.txt', text: REPORT }, ...seedsAndFixtures()];
  for (const { name, text } of documents) {
    it(`equals a fresh extraction after random edits: ${name}`, () => {
      const random = seededRandom(name.length * 7919 + text.length);
      let version = opened(text, name);
      const edits = Number(process.env.INCREMENTAL_EDITS ?? 40);
      for (let i = 0; i < edits; i++) {
        const current = version.text;
        const at = Math.floor(random() * (current.length + 1));
        const end = random() < 0.3 ? Math.min(current.length, at + 1 + Math.floor(random() * 4)) : at;
        version = next(version, current.slice(0, at) + (end > at && random() < 0.5 ? '' : randomText(random)) + current.slice(end), name);
      }
    });
  }
});
