import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DocumentLinkRequest, FoldingRangeRequest, type Location, type MarkupContent, type Position } from 'vscode-languageserver-protocol';
import { fileUri, LspHarness } from '../helpers/lspHarness';

const SEEDS = resolve(import.meta.dirname, '../../seeds');

/** A seed's text, URI, and helpers to turn offsets into positions and back. */
function seed(name: string) {
  const text = readFileSync(join(SEEDS, name), 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number): Position => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { line, character: offset - lineStarts[line]! };
  };
  const offset = (p: Position) => lineStarts[p.line]! + p.character;
  /** The text of the line a location starts on. */
  const lineOf = (location: Location) => text.slice(lineStarts[location.range.start.line]!, text.indexOf('\n', lineStarts[location.range.start.line]!));
  const find = (needle: string, from = 0) => {
    const at = text.indexOf(needle, from);
    assert.notEqual(at, -1, `“${needle}” not in ${name}`);
    return at;
  };
  return { text, uri: fileUri(join(SEEDS, name)), position, offset, lineOf, find };
}

describe('cross-references over the protocol, on the seeds', () => {
  let server: LspHarness;
  before(async () => {
    server = await LspHarness.start([SEEDS]);
    await server.whenIndexed();
  });
  after(() => server.dispose());

  it('jumps from a superscript marker to the endnote of its own chapter when numbering restarts', async () => {
    const volume = seed('002_2e3851e7520eefff.txt');
    // "Introduction¹" opens a later chapter; its note 1 is in that chapter's Endnotes, not the first chapter's.
    const marker = volume.find('Introduction¹') + 'Introduction'.length;
    const [note] = (await server.definition(volume.uri, volume.position(marker))) as Location[];
    assert.ok(note, 'a definition');
    assert.match(volume.lineOf(note), /^(- )?\[1\] /);
    const endnotes = volume.find('\nEndnotes', marker);
    const nextEndnotes = volume.find('\nEndnotes', endnotes + 1);
    const at = volume.offset(note.range.start);
    assert.ok(at > endnotes && at < nextEndnotes, 'the note is in the first Endnotes after the marker');
  });

  it('splits a brace group: each number of ^{15, 16} goes to its own note', async () => {
    const volume = seed('002_2e3851e7520eefff.txt');
    const group = volume.find('^{15, 16}');
    const [fifteen] = (await server.definition(volume.uri, volume.position(group + 2))) as Location[];
    const [sixteen] = (await server.definition(volume.uri, volume.position(group + 6))) as Location[];
    assert.match(volume.lineOf(fifteen!), /^(- )?\[15\] /);
    assert.match(volume.lineOf(sixteen!), /^(- )?\[16\] /);
  });

  it('hover on a two-digit superscript shows the text of its note', async () => {
    const volume = seed('002_2e3851e7520eefff.txt');
    const marker = volume.find('³⁵');
    const hover = await server.hover(volume.uri, volume.position(marker + 1));
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /\*\*Note 35\*\*/);
    const noteLine = volume.text.slice(volume.find('[35] ', marker) + 5);
    assert.ok(value.includes(noteLine.slice(0, 30)), `hover shows “${noteLine.slice(0, 30)}”`);
  });

  it('resolves notes printed mid-document in the bilingual article, with the note’s link in the hover', async () => {
    const article = seed('001_3977f2ea8b54d961.txt');
    const marker = article.find('²');
    const [note] = (await server.definition(article.uri, article.position(marker))) as Location[];
    assert.match(article.lineOf(note!), /^² /);
    const hover = await server.hover(article.uri, article.position(marker));
    assert.match((hover!.contents as MarkupContent).value, /<https:\/\/www\.census\.gov\/[^>]+>/);
  });

  it('jumps from a table-of-contents line to the heading it names', async () => {
    const strategy = seed('000_3209c946108f91e7.txt');
    const entry = strategy.find('Chief of Mission Priorities.....');
    const [heading] = (await server.definition(strategy.uri, strategy.position(entry + 3))) as Location[];
    assert.equal(strategy.lineOf(heading!), 'Chief of Mission Priorities');
    assert.ok(strategy.offset(heading!.range.start) > entry);

    const volume = seed('002_2e3851e7520eefff.txt');
    const contents = volume.find('\tU.S.-Mexico Energy Relations\t');
    const [title] = (await server.definition(volume.uri, volume.position(contents + 5))) as Location[];
    assert.equal(volume.lineOf(title!), 'U.S.-Mexico Energy Relations');
    assert.ok(volume.offset(title!.range.start) > contents);
  });

  it('finds every marker citing a note, and shows a table’s caption on "see Table 2"', async () => {
    const volume = seed('002_2e3851e7520eefff.txt');
    const note = volume.find('[5] ', volume.find('\nEndnotes'));
    const citing = (await server.references(volume.uri, volume.position(note + 1))) as Location[];
    assert.ok(citing.length >= 1);
    for (const place of citing) {
      const at = volume.offset(place.range.start);
      assert.ok(at < note, 'every citation precedes its endnote');
      assert.match(volume.text.slice(at, volume.offset(place.range.end)), /^(5|⁵)$/);
    }
    const reference = volume.find('see Table 2');
    const hover = await server.hover(volume.uri, volume.position(reference + 6));
    assert.match((hover!.contents as MarkupContent).value, /Table 2\. Comparative/);
  });

  it('returns web addresses as document links and folds every Endnotes list', async () => {
    const article = seed('001_3977f2ea8b54d961.txt');
    const links = await server.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: article.uri } });
    assert.ok(links!.some((link) => link.target?.startsWith('https://www.census.gov/')));

    const volume = seed('002_2e3851e7520eefff.txt');
    const ranges = await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: volume.uri } });
    const lines = volume.text.split('\n');
    const endnotesFolds = ranges!.filter((range) => lines[range.startLine] === 'Endnotes');
    assert.equal(endnotesFolds.length, lines.filter((line) => line === 'Endnotes').length);
  });
});
