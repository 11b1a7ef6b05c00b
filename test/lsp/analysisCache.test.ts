import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it, test } from 'node:test';
import { serialize } from 'node:v8';
import { analyzeDocument, type DocumentAnalysis, type SourceDocument } from '../../server/src/core/api';
import { AnalysisCache, contentKey } from '../../server/src/node/analysisCache';
import { LspHarness } from '../helpers/lspHarness';

const SEEDS = resolve(import.meta.dirname, '../../seeds');

describe('persisted analysis cache', () => {
  it('restarts from the workspace storage and re-analyses only the document that changed', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-cache-'));
    const folder = join(scratch, 'docs');
    const storagePath = join(scratch, 'storage');
    cpSync(SEEDS, folder, { recursive: true });
    const indexedLine = (server: LspHarness) => server.logs.find((line) => line.startsWith('Indexed '))!;
    try {
      let server = await LspHarness.start([folder], {}, { storagePath });
      await server.whenIndexed();
      assert.match(indexedLine(server), /Indexed 5 documents in \d+ ms \(0 from cache\)/);
      const coldDiagnostics = await server.waitForDiagnostics(`file://${join(folder, '002_2e3851e7520eefff.txt')}`, () => true);
      await server.dispose();

      appendFileSync(join(folder, '003_399aea2aac741c78.txt'), '\nA late addition.\n');
      server = await LspHarness.start([folder], {}, { storagePath });
      await server.whenIndexed();
      assert.ok(server.logs.some((line) => line.startsWith('Loaded 5 cached document analyses')), server.logs.join('\n'));
      assert.match(indexedLine(server), /Indexed 5 documents in \d+ ms \(4 from cache\)/);
      const uri = `file://${join(folder, '002_2e3851e7520eefff.txt')}`;
      const warmDiagnostics = await server.waitForDiagnostics(uri, () => true);
      assert.deepEqual(warmDiagnostics, coldDiagnostics);
      // Cache hits share their strings as they are read, as analyses made anew do: not after the first rules pass.
      await server.waitFor(() => server.logs.some((line) => line.startsWith('Shared the strings')), 60_000, 'the strings to be shared');
      assert.match(server.logs.find((line) => line.startsWith('Shared the strings'))!, /^Shared the strings of 5 analyses \(\d+ distinct\): 5 as they were made or read, 0 after/);
      await server.dispose();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

test('the cache file is read one entry at a time, gives back the same analyses, and a save copies the entries it keeps', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-cache-file-'));
  try {
    const file = join(scratch, 'analysis-cache.bin');
    const seeds = ['000_3209c946108f91e7.txt', '002_2e3851e7520eefff.txt', '003_399aea2aac741c78.txt'].map((name): SourceDocument => {
      const uri = `file:///seeds/${name}`;
      return { uri, version: 0, format: 'plaintext', text: readFileSync(join(SEEDS, name), 'utf8') };
    });
    let analysed = 0;
    const analyze = (document: SourceDocument) => {
      analysed++;
      return analyzeDocument(document);
    };
    const records = ({ uri: _u, version: _v, text: _t, lines: _l, ...rest }: DocumentAnalysis) => rest;

    const cold = new AnalysisCache(file, 'v1');
    assert.equal(cold.load(), 0);
    const fresh = [];
    for (const document of seeds) fresh.push(await cold.wrap(analyze)(document));
    assert.equal(cold.save(), 3);
    assert.equal(cold.save(), undefined, 'unchanged: not written again');
    cold.close();

    const warm = new AnalysisCache(file, 'v1');
    assert.equal(warm.load(), 3);
    for (const [i, document] of seeds.entries()) assert.deepEqual(records(await warm.wrap(analyze)(document)), records(fresh[i]!), 'the same records, Infinity and Maps included');
    assert.deepEqual([warm.hits, analysed], [3, 3]);
    // Typed arrays read back own their bytes: a view into the entry read would keep the whole entry alive.
    const views = viewsIn(records(await warm.wrap(analyze)(seeds[1]!)));
    assert.ok(views.length > 0, 'the records hold typed arrays (word bounds, filters)');
    for (const view of views) assert.equal(view.buffer.byteLength, view.byteLength, `${view.constructor.name} of ${view.byteLength} bytes on a buffer of ${view.buffer.byteLength}`);

    // One document changed: the save keeps the two others' bytes and adds the new analysis; the old content is dropped.
    const changed = { ...seeds[2]!, text: `${seeds[2]!.text}\nA late addition.\n` };
    const warmAgain = new AnalysisCache(file, 'v1');
    warmAgain.load();
    for (const document of [seeds[0]!, seeds[1]!, changed]) await warmAgain.wrap(analyze)(document);
    assert.deepEqual([warmAgain.hits, warmAgain.misses], [2, 1]);
    assert.equal(warmAgain.save(), 3);
    // Read from the new file after the save.
    assert.deepEqual(records(await warmAgain.wrap(analyze)(seeds[0]!)), records(fresh[0]!));
    warmAgain.close();
    const third = new AnalysisCache(file, 'v1');
    assert.equal(third.load(), 3);
    for (const document of [...seeds.slice(0, 2), changed]) await third.wrap(analyze)(document);
    assert.deepEqual([third.hits, third.misses], [3, 0]);
    assert.equal((await third.wrap(analyze)(seeds[2]!)) !== undefined && third.misses, 1, 'the old content is gone');
    third.close();

    const otherBuild = new AnalysisCache(file, 'v2');
    assert.equal(otherBuild.load(), 0, 'another analyser build starts empty');

    truncateSync(file, statSync(file).size - 2);
    const truncated = new AnalysisCache(file, 'v1');
    assert.equal(truncated.load(), 0, 'a truncated file is an empty cache');

    // The layout of older builds (the whole table as one v8 value) is still read, and rewritten at the next save.
    const { uri: _u, version: _v, text: _t, lines: _l, ...old } = fresh[0]!;
    writeFileSync(file, serialize({ version: 'v1', entries: new Map([[contentKey(seeds[0]!.uri, 'plaintext', seeds[0]!.text), old]]) }));
    const legacy = new AnalysisCache(file, 'v1');
    assert.equal(legacy.load(), 1);
    await legacy.wrap(analyze)(seeds[0]!);
    assert.equal(legacy.hits, 1);
    assert.equal(legacy.save(), 1);
    legacy.close();
    const converted = new AnalysisCache(file, 'v1');
    assert.equal(converted.load(), 1);
    assert.deepEqual(records(await converted.wrap(analyze)(seeds[0]!)), records(fresh[0]!));
    converted.close();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

/** Every typed array and DataView reachable from `value`. */
function viewsIn(value: unknown, seen = new Set<unknown>(), found: ArrayBufferView[] = []): ArrayBufferView[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return found;
  seen.add(value);
  if (ArrayBuffer.isView(value)) found.push(value);
  else if (value instanceof Map) for (const [k, v] of value) viewsIn(v, seen, viewsIn(k, seen, found));
  else for (const v of Object.values(value)) viewsIn(v, seen, found);
  return found;
}
