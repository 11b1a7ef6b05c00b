// Issue 6 in a real VS Code: go to definition from a footnote marker to its endnote, per chapter.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { before, describe, it } from './mocha';
import { report } from './report';
import { waitFor } from './waitFor';
import { headingMarker, MARKERS, notesHeadingsBetween, startsLikeNote, superscriptValue } from './noteText';
import { activatedClient, definitionsAt, fileName, seedUri, SEEDS, where } from './workspace';

const SEED = SEEDS.volume;

interface Jump {
  marker: vscode.Position;
  number: number;
  target: vscode.Location;
  targetLine: string;
}

describe('Cross-references in a real VS Code', function () {
  let document: vscode.TextDocument;

  before(async function () {
    this.timeout(120_000);
    await activatedClient();
    document = await vscode.workspace.openTextDocument(seedUri(SEED));
  });

  async function jumpFrom(offset: number, number: number): Promise<Jump | undefined> {
    const position = document.positionAt(offset);
    const targets = await definitionsAt(document.uri, position);
    if (targets.length === 0) return undefined;
    assert.equal(targets.length, 1, `one note for the marker at ${where(document.uri, position)}`);
    const target = targets[0]!;
    const targetDocument = await vscode.workspace.openTextDocument(target.uri);
    return { marker: position, number, target, targetLine: targetDocument.lineAt(target.range.start.line).text };
  }

  it('go to definition on a heading\'s superscript marker ("Introduction¹") lands on its endnote later in the document', async function () {
    const marker = headingMarker(document.getText());
    assert.ok(marker, `${SEED} has a heading line ending with a superscript marker`);
    // The first request may come before the server has indexed the folder: wait for an answer.
    const jump = await waitFor(
      `a definition for the marker of "${marker.heading}" at ${where(document.uri, document.positionAt(marker.offset))}`,
      () => jumpFrom(marker.offset, marker.number),
      (j) => j !== undefined,
      30_000,
    ).then((j) => j!);
    report(`      "${marker.heading}" (${where(document.uri, jump.marker)}) → ${where(jump.target.uri, jump.target.range.start)}: ${JSON.stringify(jump.targetLine.slice(0, 80))}`);
    assert.equal(fileName(jump.target.uri), SEED, 'the note is in the same document');
    assert.ok(jump.target.range.start.line > jump.marker.line, 'the note comes after the marker');
    assert.ok(startsLikeNote(jump.targetLine, jump.number), `the target line starts like note ${jump.number}: ${jump.targetLine.slice(0, 80)}`);
    const lines = document.getText().split(/\r?\n/);
    assert.equal(notesHeadingsBetween(lines, jump.marker.line, jump.target.range.start.line), 1, 'the note is in the first notes list after the marker (its chapter\'s)');
  });

  it('markers numbered ¹ in different chapters go to the note 1 of their own chapter\'s endnotes', async function () {
    const text = document.getText();
    const lines = text.split(/\r?\n/);
    const jumps: Jump[] = [];
    for (const match of text.matchAll(MARKERS)) {
      if (match[0] !== '¹') continue;
      const jump = await jumpFrom(match.index!, superscriptValue(match[0]));
      if (jump) jumps.push(jump);
    }
    const targets = new Set(jumps.map((j) => j.target.range.start.line));
    report(`      ${jumps.length} resolved "¹" markers → note lines ${[...targets].map((l) => l + 1).join(', ')}`);
    assert.ok(targets.size >= 2, `markers ¹ of at least two chapters resolve to different notes (got lines ${[...targets].join(', ')})`);
    for (const jump of jumps) {
      const at = `the marker at ${where(document.uri, jump.marker)}`;
      assert.ok(startsLikeNote(jump.targetLine, 1), `${at} goes to a note 1: ${jump.targetLine.slice(0, 80)}`);
      assert.ok(jump.target.range.start.line > jump.marker.line, `${at} goes forward`);
      // Its own chapter's list: the first notes heading after the marker is the one the note is under.
      const headings = notesHeadingsBetween(lines, jump.marker.line, jump.target.range.start.line);
      assert.equal(headings, 1, `${at}: exactly one notes heading between the marker and its note (line ${jump.target.range.start.line + 1})`);
    }
  });
});
