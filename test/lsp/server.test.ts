import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { FileChangeType, MarkupContent, type Location } from 'vscode-languageserver-protocol';
import { fileUri, LspHarness } from '../helpers/lspHarness';

const SEEDS = resolve(import.meta.dirname, '../../seeds');

describe('language server over stdio', () => {
  let server: LspHarness | undefined;
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'policy-lens-lsp-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('announces exactly its capabilities', async () => {
    server = await LspHarness.start([folder]);
    assert.deepEqual(server.initializeResult!.capabilities, {
      textDocumentSync: { openClose: true, change: 2 },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      documentLinkProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      executeCommandProvider: { commands: ['policyLens.reloadWaivers'] },
      renameProvider: { prepareProvider: true },
      semanticTokensProvider: {
        legend: { tokenTypes: ['person', 'organization', 'agreement', 'program', 'place', 'event', 'entity', 'figure'], tokenModifiers: ['declaration', 'undefined', 'hedged'] },
        full: true,
      },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    });
  });

  it('indexes unopened seed documents, reports progress, and publishes policy-lens diagnostics', async () => {
    server = await LspHarness.start([SEEDS]);
    await server.whenIndexed();
    const uri = fileUri(join(SEEDS, '002_2e3851e7520eefff.txt'));
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.ok(diagnostics.every((d) => d.source === 'policy-lens' && typeof d.code === 'string'));
    const kinds = server.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
  });

  it('answers hover and definition across documents on the seeds', async () => {
    server = await LspHarness.start([SEEDS]);
    await server.whenIndexed();
    const uri = fileUri(join(SEEDS, '000_3209c946108f91e7.txt'));
    // Line of the second USMCA use: hover must come from the index, without opening the file.
    const text = (await import('node:fs')).readFileSync(join(SEEDS, '000_3209c946108f91e7.txt'), 'utf8');
    const second = text.indexOf('USMCA', text.indexOf('USMCA') + 1);
    const before = text.slice(0, second).split('\n');
    const position = { line: before.length - 1, character: before.at(-1)!.length + 1 };
    const hover = await server.hover(uri, position);
    assert.match((hover!.contents as MarkupContent).value, /U\.S\.-Mexico-Canada Trade Agreement/);
    const definition = (await server.definition(uri, position)) as Location[];
    assert.equal(definition.length, 1);
    assert.equal(definition[0]!.uri, uri);
    assert.ok(definition[0]!.range.start.line < position.line);
  });

  it('re-analyses an edited document incrementally and keeps ranges exact with CRLF and non-ASCII text', async () => {
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const uri = fileUri(join(folder, 'draft.md'));
    await server.open(uri, 'Café ¹ 😀 — the QQX met.\r\nSecond line mentions ZZW.\r\n');
    // "¹" is also an unresolved note marker here; this test is about the acronyms' ranges.
    const undefinedAcronyms = <T extends { code?: string | number }>(d: T[]) => d.filter((x) => x.code === 'undefined-acronym');
    let diagnostics = undefinedAcronyms(await server.waitForDiagnostics(uri, (d) => undefinedAcronyms(d).length === 2));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start]), [
      ['undefined-acronym', { line: 0, character: 16 }],
      ['undefined-acronym', { line: 1, character: 21 }],
    ]);
    // Define QQX in place: only ZZW stays undefined.
    await server.change(uri, 2, [{ range: { start: { line: 0, character: 19 }, end: { line: 0, character: 19 } }, text: ' (Quick Queue eXchange) – Quick Queue X (QQX)' }]);
    diagnostics = undefinedAcronyms(await server.waitForDiagnostics(uri, (d) => undefinedAcronyms(d).length === 1));
    assert.equal(diagnostics[0]!.range.start.line, 1);
  });

  it('answers a request right after a burst of keystrokes against the latest text, and publishes for the last version', async () => {
    const lsp = (server = await LspHarness.start([folder]));
    await lsp.whenIndexed();
    const uri = fileUri(join(folder, 'burst.md'));
    await lsp.open(uri, 'The plan.\n');
    await lsp.waitFor(() => lsp.publishedVersion(uri) === 1, 30_000, 'diagnostics of the opened document');
    // Three keystrokes sent without waiting, then a hover on a name only the last one completes.
    const typed = ['Q', 'Q', 'X'];
    await Promise.all(typed.map((letter, i) => lsp.change(uri, i + 2, [{ range: { start: { line: 1, character: i }, end: { line: 1, character: i } }, text: letter }])));
    const hover = await lsp.hover(uri, { line: 1, character: 1 });
    assert.match(JSON.stringify(hover?.contents ?? ''), /QQX/);
    await lsp.waitFor(() => lsp.publishedVersion(uri) === 4, 30_000, 'diagnostics of version 4');
    assert.ok(lsp.diagnostics(uri)!.some((d) => d.code === 'undefined-acronym' && d.range.start.line === 1), 'the diagnostics are those of the last text');
  });

  it('refreshes another document when the document defining its acronym is created or deleted on disk', async () => {
    const userPath = join(folder, 'user.md');
    writeFileSync(userPath, 'The HLDE met again.\n');
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const userUri = fileUri(userPath);
    await server.waitForDiagnostics(userUri, (d) => d.some((x) => x.code === 'undefined-acronym'));
    const definerPath = join(folder, 'definer.txt');
    writeFileSync(definerPath, 'The High Level Dialogue Exchange (HLDE) was created.\n');
    await server.filesChanged([{ uri: fileUri(definerPath), type: FileChangeType.Created }]);
    await server.waitForDiagnostics(userUri, (d) => d.length === 0);
    unlinkSync(definerPath);
    await server.filesChanged([{ uri: fileUri(definerPath), type: FileChangeType.Deleted }]);
    await server.waitForDiagnostics(userUri, (d) => d.some((x) => x.code === 'undefined-acronym'));
    unlinkSync(userPath);
  });

  it('keeps answering when an open file is deleted, and forgets it once closed', async () => {
    const path = join(folder, 'doomed.md');
    writeFileSync(path, 'The ZQK exists.\n');
    server = await LspHarness.start([folder]);
    await server.whenIndexed();
    const uri = fileUri(path);
    await server.open(uri, 'The ZQK exists.\n');
    unlinkSync(path);
    await server.filesChanged([{ uri, type: FileChangeType.Deleted }]);
    const hover = await server.hover(uri, { line: 0, character: 5 });
    assert.match((hover!.contents as MarkupContent).value, /ZQK/);
    await server.close(uri);
    await server.waitForDiagnostics(uri, (d) => d.length === 0);
    assert.equal(await server.hover(uri, { line: 0, character: 5 }), null);
  });

  it('survives binary, huge and invalid UTF-8 files in the folder', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'policy-lens-bad-'));
    try {
      writeFileSync(join(bad, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
      writeFileSync(join(bad, 'huge.txt'), Buffer.alloc(20 * 1024 * 1024, 'a'));
      writeFileSync(join(bad, 'latin1.txt'), Buffer.from('Se\xf1or Garc\xeda', 'latin1'));
      cpSync(join(SEEDS, '003_399aea2aac741c78.txt'), join(bad, 'good.txt'));
      server = await LspHarness.start([bad]);
      await server.whenIndexed();
      const skipped = await server.waitForDiagnostics(fileUri(join(bad, 'huge.txt')), (d) => d.length > 0);
      assert.equal(skipped[0]!.code, 'document-skipped');
      const binary = await server.waitForDiagnostics(fileUri(join(bad, 'binary.md')), (d) => d.length > 0);
      assert.match(binary[0]!.message as string, /binary/);
      const latin1 = await server.waitForDiagnostics(fileUri(join(bad, 'latin1.txt')), (d) => d.length > 0);
      assert.equal(latin1[0]!.code, 'invalid-encoding');
      const symbols = await server.documentSymbols(fileUri(join(bad, 'good.txt')));
      assert.ok(symbols && symbols.length > 0);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

describe('language server on a folder of 2,000 documents', () => {
  it('answers hover on an open document while the rest is still being indexed, then finishes', async () => {
    const big = mkdtempSync(join(tmpdir(), 'policy-lens-2000-'));
    const server = await (async () => {
      for (let i = 0; i < 2000; i++) writeFileSync(join(big, `note-${i}.md`), `# Note ${i}\n\nThe Regional Review Board (RRB) met ${i} times.\n`);
      return LspHarness.start([big]);
    })();
    try {
      const uri = fileUri(join(big, 'note-1999.md'));
      await server.open(uri, '# Note 1999\n\nThe Regional Review Board (RRB) met. RRB again.\n');
      const hover = await server.hover(uri, { line: 2, character: 40 });
      assert.match((hover!.contents as MarkupContent).value, /Regional Review Board/);
      // Open documents are analysed first: the answer came before the folder was done.
      assert.ok(!server.logs.some((line) => line.startsWith('Indexed ')), 'hover should not wait for the whole folder');
      await server.whenIndexed(120_000);
      const progress = server.progress.map((p) => (p as { value: { kind: string; message?: string } }).value);
      assert.ok(progress.some((p) => p.kind === 'report' && p.message === '2000/2000 documents'));
      // The analyses from the workers share their equal strings as they arrive, before the rules pass; the open document
      // (analysed here, re-analysed on edits) is not one of them.
      await server.waitFor(() => server.logs.some((line) => line.startsWith('Shared the strings')), 60_000, 'the strings to be shared');
      assert.match(server.logs.find((line) => line.startsWith('Shared the strings'))!, /^Shared the strings of 1999 analyses \(\d+ distinct\): 1999 as they were made or read, 0 after/);
      // Then the heap is collected once the server has had no edit for a second: typing 300 ms apart puts it off.
      const collected = () => server.logs.some((line) => line.startsWith('Collected the heap while idle'));
      for (let version = 2; version <= 5; version++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.ok(!collected(), `collected while edits came in (before version ${version})`);
        await server.change(uri, version, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'x' }]);
      }
      await server.waitFor(collected, 30_000, 'the heap to be collected while idle');
      assert.equal(server.logs.filter((line) => line.startsWith('Collected the heap')).length, 1);
    } finally {
      await server.dispose();
      rmSync(big, { recursive: true, force: true });
    }
  });
});
