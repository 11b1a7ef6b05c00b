import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver-protocol';
import { CompareRequest, StatisticsRequest } from '../../server/src/lsp/protocol';
import { fileUri, LspHarness } from '../helpers/lspHarness';

describe('statistics view, compare view and CodeLens (custom requests)', () => {
  let folder: string;
  let server: LspHarness;
  const a = 'Mexico and the United States share a border of 3175 kilometers, the longest in the region.\n';
  const b = '# Important U.S.-Mexico Ties\n\n- **1990-mile border** (3,201 km) with security and economic interests.\n';

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'policy-lens-stats-'));
    writeFileSync(join(folder, 'a.md'), a);
    writeFileSync(join(folder, 'b.md'), b);
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
  });
  after(async () => {
    await server.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists a quantity stated in two documents, with each statement normalised and its conflict flagged', async () => {
    const result = await server.connection.sendRequest<StatisticsRequest.Result>(StatisticsRequest.method, {});
    const border = result.quantities.find((q) => q.statements.some((s) => s.text.includes('3175')));
    assert.ok(border, JSON.stringify(result.quantities.map((q) => q.label)));
    assert.equal(border.unit, 'km');
    assert.equal(border.conflicting, true);
    assert.deepEqual(border.statements.map((s) => s.documentName), ['a.md', 'b.md']);
    const [first] = border.statements;
    assert.equal(first!.low, 3174.5);
    assert.equal(first!.high, 3175.5);
    assert.equal(first!.range.start.line, 0);
    assert.equal(a.slice(first!.range.start.character, first!.range.end.character), '3175 kilometers');
  });

  it('answers compare for the figure under the cursor and for a quantity key', async () => {
    const uri = fileUri(join(folder, 'a.md'));
    const at = await server.connection.sendRequest<CompareRequest.Result>(CompareRequest.method, { uri, position: { line: 0, character: a.indexOf('3175') + 1 } });
    assert.ok(at);
    const byKey = await server.connection.sendRequest<CompareRequest.Result>(CompareRequest.method, { key: at.key });
    assert.deepEqual(byKey, at);
    const nothing = await server.connection.sendRequest<CompareRequest.Result>(CompareRequest.method, { uri, position: { line: 0, character: 2 } });
    assert.equal(nothing, null);
  });

  it('puts a “stated in 2 documents — conflicting” CodeLens on the figure', async () => {
    const lenses = (await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: fileUri(join(folder, 'b.md')) } })) as CodeLens[];
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0]!.command!.title, 'stated in 2 documents — conflicting');
    assert.equal(lenses[0]!.command!.command, 'policyLens.compareStatements');
    assert.equal(lenses[0]!.range.start.line, 2);
  });
});
