import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument, computeFindings, WorkspaceIndex } from '../../server/src/core/api';
import { conflictMove, workspaceConflicts } from '../../server/src/core/conflicts/conflicts';
import { rankConflictMove, workspaceRankConflicts } from '../../server/src/core/conflicts/ranks';
import { recordConflictMove, workspaceRecordConflicts } from '../../server/src/core/conflicts/records';

// Typing in a document moves its statements without changing them: the conflicts of the groups they are in are
// kept, with the moved statements put in (conflicts.ts `movedConflict`, ranks.ts, records.ts), and the reports of
// the other documents' statements are kept, with their related places moved (conflictingFigure.ts `movedReport`).
// After every edit the findings must equal those of an index built from scratch.

const A = 'file:///w/a.md';

/** A rank, a record and figures in conflict with another document, figures in conflict within it, on several lines. */
const aText = [
  '# Trade with Japan',
  '',
  'In 2022, Japan was the fourth-largest trading partner of the United States.',
  'The 2023 U.S. goods deficit with Japan, \\$71.2 billion, was the highest ever.',
  'The U.S.-Mexico border is 3,201 km long. Remittances to Mexico reached \\$51.6 billion in 2022. Remittances to Mexico reached \\$58.5 billion in 2022.',
  '',
  'Later, remittances to Mexico reached \\$58.5 billion in 2022.',
].join('\n');

function workspace(): Map<string, string> {
  const files = new Map<string, string>([
    [A, aText],
    ['file:///w/b.md', 'Japan was the fifth-largest U.S. trading partner in 2022. The U.S. goods trade deficit with Japan reached \\$74.1 billion in 2021.\n'],
  ]);
  // More documents stating another length than related information lists (20): the sample is taken by value.
  for (let i = 0; i < 24; i++) files.set(`file:///w/c${String(i).padStart(2, '0')}.md`, 'The U.S.-Mexico border is 3,145 km long.\n');
  return files;
}

const analyze = (uri: string, text: string, version: number) => analyzeDocument({ uri, version, format: 'markdown', text });

function indexOf(files: ReadonlyMap<string, string>, version = 0): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of files) index.set(analyzeDocument({ uri, version, format: 'markdown', text }));
  return index;
}

function assertSameAsFresh(index: WorkspaceIndex, files: ReadonlyMap<string, string>, step: string): void {
  assert.deepEqual(computeFindings(index), computeFindings(indexOf(files)), step);
}

describe('incremental conflicts after an edit that moves statements', () => {
  it('keep the conflicts, with the moved statements at their new places, as a fresh index finds them', () => {
    const files = workspace();
    const index = indexOf(files);
    const before = computeFindings(index);
    assert.ok(before.get(A)!.some((f) => f.message.includes('on line 7')), 'a conflict within a.md names a line');
    let version = 0;
    const edit = (change: (text: string) => string, step: string) => {
      files.set(A, change(files.get(A)!));
      index.set(analyzeDocument({ uri: A, version: ++version, format: 'markdown', text: files.get(A)! }));
      assertSameAsFresh(index, files, step);
    };
    const moved = () => ({
      figures: workspaceConflicts(index).filter((c) => conflictMove(index, c)).length,
      ranks: workspaceRankConflicts(index).filter((c) => rankConflictMove(index, c)).length,
      records: workspaceRecordConflicts(index).filter((c) => recordConflictMove(index, c)).length,
    });

    edit((t) => `x${t}`, 'a character at the start');
    assert.deepEqual(moved(), { figures: 2, ranks: 1, records: 1 }, 'every conflict of a.md was moved, not found again');
    // The other documents' findings are the same objects: their messages still hold, and no related place moved
    // within their lists but for a.md's.
    const after = computeFindings(index);
    assert.equal(after.get('file:///w/c05.md'), computeFindings(index).get('file:///w/c05.md'));

    edit((t) => t.replace('# Trade with Japan\n', '# Trade with Japan\n\nA new paragraph.\n'), 'lines inserted above: a.md names other lines');
    assert.ok(computeFindings(index).get(A)!.some((f) => f.message.includes('on line 9')));
    assert.deepEqual(moved(), { figures: 2, ranks: 1, records: 1 });

    edit((t) => t.replace('The U.S.-Mexico border', 'The U.S.-Mexico  border').replace('A new paragraph.\n', ''), 'characters inserted and deleted between statements');
    assert.deepEqual(moved(), { figures: 2, ranks: 1, records: 1 });

    // Two statements that now share a sentence no longer conflict (statements of a sentence never do), and back.
    edit((t) => t.replace('in 2022. Remittances to Mexico reached \\$58.5', 'in 2022; remittances to Mexico reached \\$58.5'), 'two sentences joined');
    edit((t) => t.replace('in 2022; remittances to Mexico reached \\$58.5', 'in 2022. Remittances to Mexico reached \\$58.5'), 'and split again');

    // A value changed: its group's conflicts are found again, the other groups' are moved.
    edit((t) => t.replace('3,201 km', '3,202 km'), 'a value changed');
    assert.deepEqual(workspaceConflicts(index).map((c) => `${c.key.subject || c.key.measure} ${conflictMove(index, c) ? 'moved' : 'found'}`).sort(), ['border found', 'remittances moved']);
  });

  it('find a record again when the document’s date, not its statement, changes the years it covers', () => {
    const D = 'file:///w/d.md';
    const files = new Map([
      [D, 'Briefing (March 2024)\n\nThe U.S. goods deficit with Japan was the highest ever, at \\$71.2 billion.\n'],
      ['file:///w/b.md', 'The U.S. goods trade deficit with Japan reached \\$74.1 billion in 2021.\n'],
    ]);
    const index = indexOf(files);
    assert.equal(workspaceRecordConflicts(index).length, 1, 'an unbound record covers the years to the document’s date');
    // The statement is the same (it states no year); the record now covers the years to 2020, before the higher value.
    files.set(D, files.get(D)!.replace('2024', '2020'));
    index.set(analyzeDocument({ uri: D, version: 1, format: 'markdown', text: files.get(D)! }));
    assert.equal(workspaceRecordConflicts(index).length, 0);
    assertSameAsFresh(index, files, 'record through 2020');
  });

  it('remake only the moved statements’ reports when no other report links to them', () => {
    // z.md states a length that 21 documents before it state too: the other side's related places (20) are theirs.
    const files = new Map<string, string>();
    for (let i = 0; i < 21; i++) files.set(`file:///w/b${String(i).padStart(2, '0')}.md`, 'The U.S.-Mexico border is 3,201 km long.\n');
    for (let i = 0; i < 3; i++) files.set(`file:///w/c${i}.md`, 'The U.S.-Mexico border is 3,145 km long.\n');
    const Z = 'file:///w/z.md';
    files.set(Z, 'The U.S.-Mexico border is 3,201 km long.\n');
    const index = indexOf(files);
    const before = computeFindings(index);
    assert.ok(!before.get('file:///w/c0.md')![0]!.related.some((r) => r.uri === Z), 'c0.md links to other documents than z.md');
    files.set(Z, `Some words first. ${files.get(Z)!}`);
    index.set(analyze(Z, files.get(Z)!, 1));
    const after = computeFindings(index);
    assert.ok(workspaceConflicts(index).some((c) => conflictMove(index, c)));
    assert.equal(after.get('file:///w/c0.md'), before.get('file:///w/c0.md'), 'the other documents keep their findings');
    assert.equal(after.get(Z)![0]!.span.start, 'Some words first. '.length + before.get(Z)![0]!.span.start);
    assertSameAsFresh(index, files, 'moved, linked from nowhere');
  });

  it('move the related places of other documents’ statements that point into the edited one', () => {
    const files = workspace();
    const index = indexOf(files);
    const c00 = 'file:///w/c00.md';
    const related = () => computeFindings(index).get(c00)!.flatMap((f) => f.related.filter((r) => r.uri === A).map((r) => r.span.start));
    const start = related();
    assert.equal(start.length, 1, 'c00.md links to the length stated in a.md');
    files.set(A, `Preface.\n${files.get(A)!}`);
    index.set(analyzeDocument({ uri: A, version: 1, format: 'markdown', text: files.get(A)! }));
    assert.deepEqual(related(), [start[0]! + 'Preface.\n'.length]);
    assertSameAsFresh(index, files, 'moved related place');
  });
});
