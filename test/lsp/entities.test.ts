import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { FileChangeType, PrepareRenameRequest, RenameRequest, SemanticTokensRequest, type Location, type MarkupContent, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspHarness } from '../helpers/lspHarness';

const A = 'President Andrés Manuel López Obrador (AMLO) met the Department of Homeland Security (DHS).\n';
const B = 'Later, Lopez Obrador spoke.\n\nAMLO and DHS agreed; the DHS acted.\n';

describe('entities over the protocol', () => {
  let server: LspHarness | undefined;
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'policy-lens-entities-'));
    writeFileSync(join(folder, 'a.md'), A);
    writeFileSync(join(folder, 'b.md'), B);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });
  const a = () => fileUri(join(folder, 'a.md'));
  const b = () => fileUri(join(folder, 'b.md'));

  it('hovers, goes to the definition in another document and finds references across documents', async () => {
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const hover = await server.hover(b(), { line: 2, character: 1 });
    const text = (hover!.contents as MarkupContent).value;
    assert.match(text, /Andrés Manuel López Obrador/);
    assert.match(text, /person/);
    assert.match(text, /a\.md:1/);
    const definition = (await server.definition(b(), { line: 0, character: 9 })) as Location[];
    assert.deepEqual(definition.map((l) => [l.uri, l.range.start.line]), [[a(), 0]]);
    const references = (await server.references(b(), { line: 2, character: 10 }))!;
    assert.deepEqual(references.map((l) => l.uri), [a(), a(), b(), b()]);
  });

  it('renames an acronym across documents as one workspace edit', async () => {
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const prepared = await server.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: b() }, position: { line: 2, character: 10 } });
    assert.deepEqual(prepared, { range: { start: { line: 2, character: 9 }, end: { line: 2, character: 12 } }, placeholder: 'DHS' });
    const edit = (await server.connection.sendRequest(RenameRequest.type, { textDocument: { uri: b() }, position: { line: 2, character: 10 }, newName: 'HSD' })) as WorkspaceEdit;
    assert.deepEqual(Object.keys(edit.changes!).sort(), [a(), b()].sort());
    assert.equal(edit.changes![b()]!.length, 2);
    assert.ok(edit.changes![b()]!.every((e) => e.newText === 'HSD'));
  });

  it('colours mentions by kind with semantic tokens', async () => {
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const tokens = await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: b() } });
    // Lopez Obrador, AMLO, DHS, DHS: four tokens of five integers; the first is a person (type 0).
    assert.equal(tokens!.data.length, 20);
    assert.equal(tokens!.data[3], 0);
  });

  it('reads the glossary, reports its errors on the file, and reloads it on change', async () => {
    const dir = join(folder, '.policylens');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'glossary.json');
    writeFileSync(path, '{ "entities": [ { "name": "Home Office", "kind": "planet" } ] }');
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const glossaryUri = fileUri(path);
    const problems = await server.waitForDiagnostics(glossaryUri, (d) => d.length > 0);
    assert.equal(problems[0]!.code, 'invalid-glossary');
    writeFileSync(path, '{ "ignore": ["DHS"] }');
    await server.filesChanged([{ uri: glossaryUri, type: FileChangeType.Changed }]);
    await server.waitForDiagnostics(glossaryUri, (d) => d.length === 0);
    assert.equal(await server.hover(b(), { line: 2, character: 10 }), null);
    rmSync(dir, { recursive: true, force: true });
  });
});
