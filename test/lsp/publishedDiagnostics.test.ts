import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, WorkspaceIndex, type Finding } from '../../server/src/core/api';
import { PublishedDiagnostics } from '../../server/src/lsp/publishedDiagnostics';

const A = 'file:///a.txt';
const B = 'file:///b.txt';

function analysis(uri: string, text: string, version = 0) {
  return analyzeDocument({ uri, version, format: 'plaintext', text });
}

/** A finding in `a.txt` at `start`, related to `b.txt` at `relatedStart`. */
function finding(start: number, relatedStart: number, message = 'differs'): Finding {
  return { ruleId: 'conflicting-figure', severity: 'warning', uri: A, span: { start, end: start + 2 }, message, related: [{ uri: B, span: { start: relatedStart, end: relatedStart + 2 }, message: 'stated here' }] };
}

function setUp() {
  const index = new WorkspaceIndex();
  index.set(analysis(A, 'one\ntwo\nthree\n'));
  index.set(analysis(B, 'alpha\nbeta\ngamma\n'));
  const published = new PublishedDiagnostics();
  const first = published.changes(index, new Map([[A, [finding(4, 11)]], [B, []]]));
  return { index, published, first };
}

test('the first pass publishes every document, an identical pass publishes none', () => {
  const { index, published, first } = setUp();
  assert.deepEqual(first.publish.map((p) => p.uri), [A, B]);
  assert.deepEqual(first.publish[0]!.diagnostics[0]!.relatedInformation![0]!.location.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } });
  // Fresh finding objects with the same content, as every rules pass makes.
  const again = published.changes(index, new Map([[A, [finding(4, 11)]], [B, []]]));
  assert.deepEqual(again, { publish: [], clear: [] });
});

test('a changed message or span is republished', () => {
  const { index, published } = setUp();
  assert.deepEqual(published.changes(index, new Map([[A, [finding(4, 11, 'now differs')]], [B, []]])).publish.map((p) => p.uri), [A]);
  assert.deepEqual(published.changes(index, new Map([[A, [finding(8, 11, 'now differs')]], [B, []]])).publish.map((p) => p.uri), [A]);
});

test('an edit in a related document republishes a finding only when the related range moved', () => {
  const { index, published } = setUp();
  // An edit on b.txt's first line shifts the offsets after it, but "gamma" stays at line 2, character 0.
  index.set(analysis(B, 'alphax\nbeta\ngamma\n', 2));
  const sameLine = published.changes(index, new Map([[A, [finding(4, 12)]], [B, []]]));
  assert.deepEqual(sameLine.publish.map((p) => p.uri), [B], 'only the edited document (its version changed)');
  // A new line before "gamma" moves it to line 3: a.txt's related location changed.
  index.set(analysis(B, 'alphax\n\nbeta\ngamma\n', 3));
  const moved = published.changes(index, new Map([[A, [finding(4, 13)]], [B, []]]));
  assert.deepEqual(moved.publish.map((p) => p.uri), [A, B]);
  assert.deepEqual(moved.publish[0]!.diagnostics[0]!.relatedInformation![0]!.location.range.start, { line: 3, character: 0 });
});

test('a document that left the workspace is cleared once', () => {
  const { index, published } = setUp();
  index.delete(B);
  assert.deepEqual(published.changes(index, new Map([[A, [finding(4, 11)]]])).clear, [B]);
  assert.deepEqual(published.changes(index, new Map([[A, [finding(4, 11)]]])).clear, []);
});

test('the same list of findings is republished when a document it points at was re-analysed and the place moved', () => {
  const { index, published } = setUp();
  // Rules hand back the very same list for a document whose reports did not change.
  const list = [finding(4, 11)];
  published.changes(index, new Map([[A, list], [B, []]]));
  assert.deepEqual(published.changes(index, new Map([[A, list], [B, []]])).publish, []);
  index.set(analysis(B, 'alpha\n\nbeta\ngamma\n', 2));
  const moved = published.changes(index, new Map([[A, list], [B, []]]));
  assert.deepEqual(moved.publish.map((p) => p.uri), [A, B]);
  assert.deepEqual(moved.publish[0]!.diagnostics[0]!.relatedInformation![0]!.location.range.start, { line: 2, character: 4 }, 'offset 11 is now the end of “beta”');
});

test('documents re-analysed beyond what the index logs, or in another index, are still found by comparing every analysis', () => {
  const { index, published } = setUp();
  const list = [finding(4, 11)];
  published.changes(index, new Map([[A, list], [B, []]]));
  // More changes than the index's log holds between two passes: it cannot tell which documents changed.
  const same = analysis(B, 'alpha\nbeta\ngamma\n', 2);
  for (let i = 0; i < 25_000; i++) index.set(same);
  assert.equal(index.changesSince(index.generation - 25_000), undefined, 'the log no longer reaches the last pass');
  index.set(analysis(B, 'alpha\n\nbeta\ngamma\n', 3));
  assert.deepEqual(published.changes(index, new Map([[A, list], [B, []]])).publish.map((p) => p.uri), [A, B]);
  // Another index with the same URIs: its analyses are other objects.
  const other = new WorkspaceIndex();
  other.set(analysis(A, 'one\ntwo\nthree\n'));
  other.set(analysis(B, 'alpha\nbeta\ngamma\n', 4));
  const switched = published.changes(other, new Map([[A, list], [B, []]]));
  assert.deepEqual(switched.publish.map((p) => p.uri), [A, B]);
  assert.deepEqual(switched.publish[0]!.diagnostics[0]!.relatedInformation![0]!.location.range.start, { line: 2, character: 0 });
});
