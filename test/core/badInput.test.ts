import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexFiles } from '../helpers/inMemoryWorkspace';
import { joinLines } from '../helpers/text';

const codes = (findings: { ruleId: string }[] | undefined) => (findings ?? []).map((f) => f.ruleId);

describe('bad input never stops the analysis', () => {
  it('skips binary files with a document-skipped notice and keeps indexing the rest', async () => {
    const { index, findings } = await indexFiles({
      'image.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      'good.md': 'The Department of Homeland Security (DHS) said DHS would act.',
    });
    assert.deepEqual(codes(findings.get('file:///ws/image.md')), ['document-skipped']);
    assert.match(findings.get('file:///ws/image.md')![0]!.message, /binary/);
    assert.equal(index.get('file:///ws/good.md')!.entities.acronyms.definitions[0]!.acronym, 'DHS');
  });

  it('analyses invalid UTF-8 with replacement characters and warns once', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Ciudad de México '), 0xff, 0xfe, ...new TextEncoder().encode(' end')]);
    const { index, findings } = await indexFiles({ 'latin1.txt': bytes });
    assert.deepEqual(codes(findings.get('file:///ws/latin1.txt')), ['invalid-encoding']);
    assert.ok(index.get('file:///ws/latin1.txt')!.text.includes('\uFFFD'));
  });

  it('skips files over the size limit without reading them into the analysis', async () => {
    const { findings, index } = await indexFiles({ 'big.md': 'x'.repeat(2048) }, 1024);
    assert.deepEqual(codes(findings.get('file:///ws/big.md')), ['document-skipped']);
    assert.match(findings.get('file:///ws/big.md')![0]!.message, /over the 1\.0 KB limit/);
    assert.equal(index.get('file:///ws/big.md')!.text, '');
  });

  it('accepts empty files, CRLF files and a 1 MB single line', async () => {
    const crlf = joinLines('Transnational Criminal Organizations (TCOs)', '', 'TCOs again').replace(/\n/g, '\r\n');
    const { index, findings } = await indexFiles({ 'empty.md': '', 'crlf.txt': crlf, 'long.txt': 'word '.repeat(200_000) });
    assert.deepEqual(codes(findings.get('file:///ws/empty.md')), []);
    const document = index.get('file:///ws/crlf.txt')!;
    const second = document.entities.acronyms.mentions[1]!;
    assert.deepEqual(document.lines.positionAt(second.span.start), { line: 2, character: 0 });
    assert.equal(index.get('file:///ws/long.txt')!.text.length, 1_000_000);
  });

  it('analyses a text that opens with blank lines above a table', async () => {
    // Walking up from a table's cells to its caption looped forever when the lines above reached a text-opening blank line.
    const table = '| Year | Exports |\n| --- | --- |\n| 2019 | $5 billion |\n| 2020 | $6 billion |\n';
    const { index } = await indexFiles({ 'a.md': `\n${table}`, 'b.md': `\n\n${table}`, 'c.txt': `\r\n\r\n${table.replace(/\n/g, '\r\n')}` });
    for (const name of ['a.md', 'b.md', 'c.txt']) {
      assert.deepEqual(index.get(`file:///ws/${name}`)!.figures.figures.filter((f) => f.unit.base === 'USD').map((f) => f.value), [5e9, 6e9], name);
    }
  });

  it('gives the same findings in the same order on every run', async () => {
    const files = { 'b.md': 'HLED met. (XYZ) TCOs.', 'a.md': 'The ABC met the DEF.' };
    const first = await indexFiles(files);
    const second = await indexFiles(Object.fromEntries(Object.entries(files).reverse()));
    assert.deepEqual([...first.findings.entries()], [...second.findings.entries()]);
  });
});
