import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { analyzeDocument, WorkspaceIndex, type Finding } from '../../server/src/core/api';
import { diagnosticsDigest, PublishedDiagnostics } from '../../server/src/lsp/publishedDiagnostics';
import { contentKey } from '../../server/src/node/analysisCache';
import { DiagnosticsSnapshot, fileStamp, racilyClean, verifiedStamp } from '../../server/src/node/diagnosticsSnapshot';
import { fileUri, LspHarness } from '../helpers/lspHarness';

// Two statements of the border's length that conflict across files, and a third compatible with both.
const A = 'Mexico and the United States work together along the 3175 kilometers of shared border.\n';
const B = '# Ties\n\n- Mexico and the United States: a 1990-mile border (3,201 km) with shared interests.\n';
const C = 'Mexico and the United States share a 2,000-mile border. The USMCA took effect in 2020.\n';
const NAMES = ['a.txt', 'b.md', 'c.txt'];

const SNAPSHOT_USED = /^Publishing the diagnostics of 3 documents from the diagnostics snapshot/;

describe('diagnostics snapshot across restarts', () => {
  let scratch: string;
  let folder: string;
  let storagePath: string;
  const servers: LspHarness[] = [];

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'policy-lens-snapshot-'));
    folder = join(scratch, 'docs');
    storagePath = join(scratch, 'storage');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), A);
    writeFileSync(join(folder, 'b.md'), B);
    writeFileSync(join(folder, 'c.txt'), C);
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  /**
   * Starts a server and returns the diagnostics of every document as they are the moment the last one arrives:
   * from a snapshot, that is before the index could correct anything.
   */
  async function start(settings: Record<string, unknown> = {}, options: Record<string, unknown> = { storagePath }) {
    const server = await LspHarness.start([folder], settings, options);
    servers.push(server);
    await server.waitFor(() => server.publishedCount() >= NAMES.length, 30_000, 'diagnostics of every document');
    const first = Object.fromEntries(NAMES.map((name) => [name, server.diagnostics(fileUri(join(folder, name)))!]));
    return { server, first };
  }

  /** What a server without any storage publishes for the files as they are now: the truth to compare with. */
  async function fresh(settings: Record<string, unknown> = {}): Promise<Record<string, Diagnostic[]>> {
    const { server } = await start(settings, {});
    await server.whenIndexed();
    // The glossary is read after indexing and triggers a second pass; both give the same diagnostics here.
    await server.waitFor(() => NAMES.every((name) => server.diagnostics(fileUri(join(folder, name))) !== undefined), 30_000, 'diagnostics');
    return Object.fromEntries(NAMES.map((name) => [name, server.diagnostics(fileUri(join(folder, name)))!]));
  }

  /** A cold run that indexes, publishes, and shuts down at once: the snapshot is written on shutdown. */
  async function coldRun(): Promise<Record<string, Diagnostic[]>> {
    const { server, first } = await start();
    assert.ok(!server.logs.some((line) => SNAPSHOT_USED.test(line)), 'no snapshot yet');
    await server.dispose();
    servers.splice(servers.indexOf(server), 1);
    assert.ok(existsSync(join(storagePath, 'diagnostics-snapshot.jsonl')));
    return first;
  }

  const conflicts = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'conflicting-figure');

  it('publishes the same diagnostics from the snapshot on an unchanged restart, and sends none again once indexed', async () => {
    const cold = await coldRun();
    assert.equal(conflicts(cold['a.txt']!).length, 1, 'the workspace has a cross-document conflict');
    assert.ok(cold['c.txt']!.length > 0, 'and another finding');

    const { server, first } = await start();
    assert.ok(server.logs.some((line) => SNAPSHOT_USED.test(line)), server.logs.join('\n'));
    // The files were written well before the snapshot: their size and times vouch for their content.
    assert.ok(server.logs.some((line) => SNAPSHOT_USED.test(line) && line.endsWith('; 0 documents read, the others unchanged by size and time)')), server.logs.join('\n'));
    assert.deepEqual(first, cold);
    // The index is still built (hover, quick fixes) and confirms every document: nothing is sent twice.
    await server.waitFor(() => server.logs.some((line) => line.startsWith('Checked the 3 documents')), 30_000, 'the check against the index');
    assert.ok(server.logs.some((line) => /^Indexed 3 documents in \d+ ms \(3 from cache\)/.test(line)), server.logs.join('\n'));
    assert.ok(server.logs.some((line) => line.endsWith(': 0 sent again')), server.logs.join('\n'));
    const hover = await server.hover(fileUri(join(folder, 'a.txt')), { line: 0, character: 55 });
    assert.ok(hover, 'hover answers from the index');
  });

  it('uses the snapshot for files that are not plain UTF-8: a byte order mark, invalid UTF-8, binary, over the size limit', async () => {
    const names = [...NAMES, 'bom.txt', 'latin1.txt', 'binary.txt', 'large.txt'];
    writeFileSync(join(folder, 'bom.txt'), '\uFEFFThe HLED met in 2020.\n');
    writeFileSync(join(folder, 'latin1.txt'), Buffer.from('Le CNRS \xe0 Paris.\n', 'latin1'));
    writeFileSync(join(folder, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]));
    writeFileSync(join(folder, 'large.txt'), 'The USMCA. '.repeat(300));
    const settings = { maxFileSizeKB: 2 };
    const run = async (options: Record<string, unknown>) => {
      const server = await LspHarness.start([folder], settings, options);
      servers.push(server);
      await server.waitFor(() => server.publishedCount() >= names.length, 30_000, 'diagnostics of every document');
      return { server, first: Object.fromEntries(names.map((name) => [name, server.diagnostics(fileUri(join(folder, name)))!])) };
    };
    const truth = (await run({})).first;
    assert.deepEqual(['bom.txt', 'latin1.txt', 'binary.txt', 'large.txt'].map((name) => truth[name]!.map((d) => d.code)), [
      ['undefined-acronym'],
      ['undefined-acronym', 'invalid-encoding'],
      ['document-skipped'],
      ['document-skipped'],
    ]);
    const cold = await run({ storagePath });
    // Written a second after the first diagnostics, with the analysis cache.
    await cold.server.waitFor(() => cold.server.logs.some((line) => line.startsWith('Saved the diagnostics of 7 documents')), 30_000, 'the snapshot');
    const { server, first } = await run({ storagePath });
    assert.ok(server.logs.some((line) => line.startsWith('Publishing the diagnostics of 7 documents from the diagnostics snapshot')), server.logs.join('\n'));
    assert.deepEqual(first, truth);
  });

  it('does not use the snapshot when a file changed on disk, and publishes the diagnostics of the new content', async () => {
    await coldRun();
    // a.txt now agrees with b.md: b.md's conflict is gone although b.md itself did not change. The same size: only
    // the file's times tell it changed.
    writeFileSync(join(folder, 'a.txt'), A.replace('3175', '3201'));
    const truth = await fresh();
    assert.deepEqual(conflicts(truth['b.md']!), []);

    const { server, first } = await start();
    assert.deepEqual(first, truth);
    assert.ok(server.logs.some((line) => line === `Not using the diagnostics snapshot: ${fileUri(join(folder, 'a.txt'))} changed`), server.logs.join('\n'));
  });

  it('reads a racily clean file again (changed as late as the snapshot), and sees a same-size edit whose modification time was put back', async () => {
    // A modification time after the snapshot was written, as a change within the same clock tick would leave it.
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(folder, 'a.txt'), later, later);
    // b.md's modification time a minute ago, exactly representable (utimes takes milliseconds), to be put back below.
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(join(folder, 'b.md'), earlier, earlier);
    const cold = await coldRun();
    const { server, first } = await start();
    assert.ok(server.logs.some((line) => SNAPSHOT_USED.test(line) && line.endsWith('; 1 documents read, the others unchanged by size and time)')), server.logs.join('\n'));
    assert.deepEqual(first, cold);
    await server.dispose();
    servers.splice(servers.indexOf(server), 1);

    // b.md edited without changing its size, then given its old modification time back (touch -d).
    const before = statSync(join(folder, 'b.md'), { bigint: true });
    writeFileSync(join(folder, 'b.md'), B.replace('3,201 km', '3,175 km'));
    utimesSync(join(folder, 'b.md'), earlier, earlier);
    const after = statSync(join(folder, 'b.md'), { bigint: true });
    assert.deepEqual([after.size, after.mtimeNs], [before.size, before.mtimeNs], 'same size and modification time');
    const truth = await fresh();
    assert.deepEqual(conflicts(truth['a.txt']!), [], 'the edit settles the conflict');
    const again = await start();
    assert.deepEqual(again.first, truth);
    assert.ok(again.server.logs.some((line) => line === `Not using the diagnostics snapshot: ${fileUri(join(folder, 'b.md'))} changed`), again.server.logs.join('\n'));
  });

  it('does not use the snapshot when a document was added', async () => {
    await coldRun();
    writeFileSync(join(folder, 'd.txt'), 'The border is 3,175 km long.\n');
    const { server } = await start();
    assert.ok(server.logs.some((line) => line === 'Not using the diagnostics snapshot: the set of documents changed (4 now, 3 then)'), server.logs.join('\n'));
  });

  it('does not use the snapshot when a rule severity changed, and publishes with the new severity', async () => {
    await coldRun();
    const settings = { rules: { 'conflicting-figure': 'error' } };
    const truth = await fresh(settings);
    assert.equal(conflicts(truth['a.txt']!)[0]!.severity, 1);

    const { server, first } = await start(settings);
    assert.deepEqual(first, truth);
    assert.ok(server.logs.some((line) => line === 'Not using the diagnostics snapshot: the settings changed'), server.logs.join('\n'));
  });
});

const X = 'file:///x.txt';
const Y = 'file:///y.txt';

function finding(message: string): Finding {
  return { ruleId: 'conflicting-figure', severity: 'warning', uri: X, span: { start: 0, end: 3 }, message, related: [{ uri: Y, span: { start: 6, end: 11 }, message: 'stated here' }] };
}

test('a document the client already has from a snapshot is sent again only if its diagnostics differ', () => {
  const index = new WorkspaceIndex();
  index.set(analyzeDocument({ uri: X, version: 0, format: 'plaintext', text: 'one two\n' }));
  index.set(analyzeDocument({ uri: Y, version: 0, format: 'plaintext', text: 'three\n' }));
  const findings = new Map([[X, [finding('differs')]], [Y, []]]);
  // What a first pass sends, as the snapshot would have stored it.
  const sent = new PublishedDiagnostics().changes(index, findings).publish;
  const digestOf = (uri: string) => diagnosticsDigest(JSON.stringify(sent.find((p) => p.uri === uri)!.diagnostics));

  const same = new PublishedDiagnostics();
  same.assume(X, digestOf(X));
  same.assume(Y, digestOf(Y));
  assert.deepEqual(same.changes(index, findings), { publish: [], clear: [] });
  // Once confirmed, the document is compared by its findings like any other.
  assert.deepEqual(same.changes(index, new Map([[X, [finding('now differs')]], [Y, []]])).publish.map((p) => p.uri), [X]);

  const stale = new PublishedDiagnostics();
  stale.assume(X, digestOf(Y)); // the client shows something else for X
  stale.assume(Y, digestOf(Y));
  stale.assume('file:///gone.txt', digestOf(Y));
  const changes = stale.changes(index, findings);
  assert.deepEqual(changes.publish.map((p) => p.uri), [X]);
  assert.deepEqual(changes.clear, ['file:///gone.txt']);
  assert.deepEqual(stale.changes(index, findings), { publish: [], clear: [] });
});

test('what was published is rebuilt as sent, though a related document changed since', () => {
  const index = new WorkspaceIndex();
  index.set(analyzeDocument({ uri: X, version: 0, format: 'plaintext', text: 'one two\n' }));
  index.set(analyzeDocument({ uri: Y, version: 0, format: 'plaintext', text: 'alpha three\n' }));
  const published = new PublishedDiagnostics();
  const sent = published.changes(index, new Map([[X, [finding('differs')]], [Y, []]])).publish;
  // y.txt gains a line before "three": the related range would now be on line 1, but the client still has line 0.
  index.set(analyzeDocument({ uri: Y, version: 0, format: 'plaintext', text: 'new\nalpha three\n' }));
  const rebuilt = [...published.published()];
  assert.deepEqual(rebuilt.map(({ uri, diagnostics }) => ({ uri, version: 0, diagnostics })), sent);
  assert.deepEqual(rebuilt[0]!.diagnostics[0]!.relatedInformation![0]!.location.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 11 } });
  assert.equal(rebuilt[1]!.document.text, 'alpha three\n', 'with the analysis it was converted against');
});

test('the snapshot file gives back exactly the diagnostics written, and their JSON as published, in ASCII', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-snapshot-file-'));
  try {
    const file = join(scratch, 'storage', 'diagnostics-snapshot.jsonl');
    const range = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 4 } });
    const conflict: Diagnostic = {
      range: range(3, 7),
      severity: 2,
      source: 'policy-lens',
      code: 'conflicting-figure',
      codeDescription: { href: 'https://example.invalid/rules#conflicting-figure' },
      message: 'Length of the U.S.–Mexico border: 3,175 km here, but “3,201 km” in b.md',
      relatedInformation: [{ location: { uri: 'file:///b%20c.md', range: range(2, 34) }, message: 'stated here' }],
    };
    const acronym: Diagnostic = { range: range(0, 61), severity: 3, source: 'policy-lens', code: 'undefined-acronym', codeDescription: { href: 'https://example.invalid/rules#undefined-acronym' }, message: '“USMCA” is never expanded' };
    const tagged: Diagnostic = { ...acronym, tags: [1] };
    const documents = [
      { uri: 'file:///a.txt', key: 'k1', diagnostics: [conflict, acronym] },
      { uri: 'file:///b%20c.md', key: 'k2', diagnostics: [] },
      { uri: 'file:///d.txt', key: 'k3', diagnostics: [acronym, tagged] },
    ];
    const tags = { analyzer: 'a', settings: 's', waivers: 'w', glossary: 'g' };
    assert.equal(DiagnosticsSnapshot.write(file, tags, documents), 3);

    const lines = readFileSync(file, 'latin1').split('\n');
    assert.ok(/^[\x00-\x7f]*$/.test(lines.join('\n')), 'ASCII only');
    const snapshot = DiagnosticsSnapshot.read(file)!;
    assert.deepEqual(snapshot.tags, tags);
    assert.deepEqual(snapshot.documents, documents.map(({ uri, key, diagnostics }) => ({ uri, key, digest: diagnosticsDigest(JSON.stringify(diagnostics)) })));
    for (const [i, { diagnostics }] of documents.entries()) {
      assert.equal(JSON.stringify(snapshot.diagnostics(i)), JSON.stringify(diagnostics), 'the same JSON, key order included');
      assert.deepEqual(JSON.parse(snapshot.diagnosticsJson(i).toString('latin1')), diagnostics, 'the bytes sent as they are');
    }

    snapshot.close();

    const written = readFileSync(file);
    writeFileSync(file, Buffer.concat([written.subarray(0, 5), Buffer.from('x'), written.subarray(5)]));
    assert.equal(DiagnosticsSnapshot.read(file), undefined, 'lines that do not add up to the lengths in the header: no snapshot');
    writeFileSync(file, written);
    truncateSync(file, written.length - 10);
    assert.equal(DiagnosticsSnapshot.read(file), undefined, 'a truncated file is no snapshot');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a file is trusted by its stamp only when it holds the content of the snapshot and was not changed as late as the snapshot', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-stamp-'));
  try {
    const path = join(scratch, 'a.txt');
    const uri = fileUri(path);
    writeFileSync(path, A);
    const key = contentKey(uri, 'plaintext', A);
    const info = statSync(path, { bigint: true });
    const after = (info.mtimeNs > info.ctimeNs ? info.mtimeNs : info.ctimeNs) + 1n;
    assert.equal(verifiedStamp(path, uri, key, 1 << 20, after), fileStamp(info));
    assert.equal(verifiedStamp(path, uri, 'another key', 1 << 20, after), undefined, 'other content');
    assert.equal(verifiedStamp(path, uri, key, 10, after), undefined, 'over the size limit: not a plain file');
    assert.equal(verifiedStamp(path, uri, key, 1 << 20, info.mtimeNs), undefined, 'changed in the tick the snapshot began: racily clean');

    const ns = (seconds: number) => BigInt(seconds) * 1_000_000_000n;
    const at = (mtimeNs: bigint, ctimeNs = mtimeNs) => ({ mtimeNs, ctimeNs });
    assert.equal(racilyClean(at(ns(100) + 5n), ns(100) + 6n), false);
    assert.equal(racilyClean(at(ns(100) + 6n), ns(100) + 6n), true, 'the same tick');
    assert.equal(racilyClean(at(ns(100) + 5n, ns(100) + 7n), ns(100) + 6n), true, 'status changed later (times set back)');
    // Whole seconds may be truncated by the file system: two seconds of doubt.
    assert.equal(racilyClean(at(ns(99)), ns(100) + 6n), true);
    assert.equal(racilyClean(at(ns(98)), ns(100) + 6n), false);
    // A same-size edit changes the times, so the stamp.
    assert.notEqual(fileStamp({ size: 10n, mtimeNs: 5n, ctimeNs: 5n, ino: 1n }), fileStamp({ size: 10n, mtimeNs: 6n, ctimeNs: 6n, ino: 1n }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a snapshot whose header is larger than the first tail read is read whole', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-snapshot-header-'));
  try {
    const file = join(scratch, 'diagnostics-snapshot.jsonl');
    const diagnostics: Diagnostic[] = [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } }, message: 'm' }];
    const documents = Array.from({ length: 6000 }, (_, i) => ({ uri: `file:///${'folder/'.repeat(25)}doc-${i}.txt`, key: `k${i}`, diagnostics: i % 2 ? diagnostics : [] }));
    DiagnosticsSnapshot.write(file, { analyzer: 'a', settings: 's', waivers: 'w', glossary: 'g' }, documents);
    const header = readFileSync(file, 'latin1').split('\n').at(-2)!;
    assert.ok(header.length > 1 << 20, `header of ${header.length} bytes`);
    const snapshot = DiagnosticsSnapshot.read(file)!;
    assert.equal(snapshot.documents.length, 6000);
    assert.equal(snapshot.documents[5999]!.uri, documents[5999]!.uri);
    assert.deepEqual(snapshot.diagnostics(5999), diagnostics);
    assert.deepEqual(snapshot.diagnostics(0), []);
    snapshot.close();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
