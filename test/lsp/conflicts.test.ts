import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CodeActionRequest, ExecuteCommandRequest, FileChangeType, type CodeAction, type Diagnostic, type TextDocumentEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspHarness } from '../helpers/lspHarness';

const A = 'Mexico and the United States work together along the 3175 kilometers of shared border.\n';
const B = '# Ties\n\n- Mexico and the United States: a 1990-mile border (3,201 km) with shared interests.\n';
const C = 'Mexico and the United States share a 2,000-mile border.\n';

const conflicts = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'conflicting-figure');

describe('conflicting figures over the protocol', () => {
  let server: LspHarness | undefined;
  let folder: string;
  const uri = (name: string) => fileUri(join(folder, name));

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'policy-lens-conflicts-'));
    writeFileSync(join(folder, 'a.txt'), A);
    writeFileSync(join(folder, 'b.md'), B);
    writeFileSync(join(folder, 'c.txt'), C);
  });
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it('links each statement of a conflict to the other across files, leaves the compatible one alone, and updates both when one is edited', async () => {
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const onA = conflicts(await server.waitForDiagnostics(uri('a.txt'), (d) => conflicts(d).length === 1));
    const onB = conflicts(await server.waitForDiagnostics(uri('b.md'), (d) => conflicts(d).length === 1));
    assert.equal(onA[0]!.message, 'Length of the U.S.–Mexico border: 3,175 km here, but 3,201 km (1,990 mi) in b.md');
    assert.equal(onA[0]!.severity, 2);
    assert.deepEqual(onA[0]!.relatedInformation!.map((r) => [r.location.uri, r.location.range.start]), [[uri('b.md'), { line: 2, character: 34 }]]);
    assert.deepEqual(onB[0]!.relatedInformation!.map((r) => [r.location.uri, r.location.range.start]), [[uri('a.txt'), { line: 0, character: 53 }]]);
    assert.deepEqual(conflicts(server.diagnostics(uri('c.txt')) ?? []), [], 'the round 2,000-mile statement is compatible with both');

    // Editing a's figure to agree clears the diagnostics of b too, though b was not touched.
    await server.open(uri('a.txt'), A);
    await server.change(uri('a.txt'), 2, [{ range: { start: { line: 0, character: 53 }, end: { line: 0, character: 57 } }, text: '3201' }]);
    await server.waitForDiagnostics(uri('b.md'), (d) => conflicts(d).length === 0);
    assert.deepEqual(conflicts(server.diagnostics(uri('a.txt')) ?? []), []);
  });

  it('links a figure that disagrees with the table cell it cites to that cell and the caption', async () => {
    writeFileSync(join(folder, 'health.txt'), 'In Mexico, life expectancy at birth reached 72.4 years (see Table 1).\n\nTable 1. Health indicators\n\n\tMexico\tUnited States\nLife expectancy at birth (years)\t75.1\t78.6\n');
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const [diagnostic] = conflicts(await server.waitForDiagnostics(uri('health.txt'), (d) => conflicts(d).length === 1));
    assert.equal(diagnostic!.message, 'Life expectancy at birth (years), Mexico: 72.4 years here, but 75.1 in Table 1 (Health indicators)');
    assert.deepEqual(diagnostic!.range.start, { line: 0, character: 44 });
    assert.deepEqual(diagnostic!.relatedInformation!.map((r) => [r.location.range.start, r.message]), [
      [{ line: 5, character: 33 }, 'Table 1, Life expectancy at birth (years) × Mexico: 75.1'],
      [{ line: 2, character: 0 }, 'Table 1. Health indicators'],
    ]);
  });

  it('offers the reviewer’s quick fixes, and a waiver written to .policylens/waivers.json silences the conflict in both files', async () => {
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const [diagnostic] = conflicts(await server.waitForDiagnostics(uri('a.txt'), (d) => conflicts(d).length === 1));
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri('a.txt') },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic!] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), [
      'Use the value stated in b.md',
      'Accept this difference (record a waiver in .policylens/waivers.json)',
      'Ignore conflicting-figure on this line',
    ]);
    assert.deepEqual(actions[0]!.edit!.changes![uri('a.txt')], [{ range: diagnostic!.range.start.character === 53 ? { start: { line: 0, character: 53 }, end: { line: 0, character: 57 } } : diagnostic!.range, newText: '3201' }]);
    assert.deepEqual(actions[2]!.edit!.changes![uri('a.txt')]![0]!.newText, ' <!-- policy-lens-disable-line conflicting-figure -->');

    // Apply the waiver edit as the client would (create the file, write its text), then run its command.
    const accept = actions[1]!;
    const [create, write] = accept.edit!.documentChanges! as [{ kind: string; uri: string }, TextDocumentEdit];
    assert.equal(create.kind, 'create');
    assert.equal(create.uri, fileUri(join(folder, '.policylens', 'waivers.json')));
    const text = (write.edits[0] as { newText: string }).newText;
    const waivers = JSON.parse(text) as { waivers: { rule: string; fingerprint: string; reason: string }[] };
    assert.equal(waivers.waivers.length, 1);
    assert.equal(waivers.waivers[0]!.rule, 'conflicting-figure');
    mkdirSync(join(folder, '.policylens'));
    writeFileSync(join(folder, '.policylens', 'waivers.json'), text);
    await server.connection.sendRequest(ExecuteCommandRequest.type, { command: accept.command!.command, arguments: accept.command!.arguments ?? [] });
    await server.waitForDiagnostics(uri('a.txt'), (d) => conflicts(d).length === 0);
    await server.waitForDiagnostics(uri('b.md'), (d) => conflicts(d).length === 0);

    // Deleting the waivers by hand (a watched-file event) brings the conflict back.
    rmSync(join(folder, '.policylens'), { recursive: true });
    await server.filesChanged([{ uri: fileUri(join(folder, '.policylens', 'waivers.json')), type: FileChangeType.Deleted }]);
    await server.waitForDiagnostics(uri('a.txt'), (d) => conflicts(d).length === 1);
  });

  it('honours an inline disable comment in plain text and Markdown', async () => {
    writeFileSync(join(folder, 'a.txt'), A.replace('\n', ' <!-- policy-lens-disable-line conflicting-figure -->\n'));
    writeFileSync(join(folder, 'b.md'), B.replace('- Mexico', '<!-- policy-lens-disable-next-line -->\n- Mexico'));
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    await server.waitFor(() => server!.diagnostics(uri('a.txt')) !== undefined && server!.diagnostics(uri('b.md')) !== undefined, 15_000, 'diagnostics');
    assert.deepEqual(conflicts(server.diagnostics(uri('a.txt'))!), []);
    assert.deepEqual(conflicts(server.diagnostics(uri('b.md'))!), []);
  });
});
