// Issue 5 in a real VS Code: a conflict between two documents reaches the editor as a diagnostic on each
// statement, with related information pointing at the other document's statement.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { before, describe, it } from './mocha';
import { report } from './report';
import { waitFor } from './waitFor';
import { activatedClient, codeOf, fileName, isSeed, where } from './workspace';

const RULE = 'conflicting-figure';

interface Placed {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
}

/** Every conflicting-figure diagnostic whose related information points into another seed document. */
function crossDocumentConflicts(): Placed[] {
  return vscode.languages
    .getDiagnostics()
    .flatMap(([uri, list]) => list.map((diagnostic) => ({ uri, diagnostic })))
    .filter(({ uri, diagnostic }) => codeOf(diagnostic) === RULE && (diagnostic.relatedInformation ?? []).some((r) => r.location.uri.toString() !== uri.toString() && isSeed(r.location.uri)));
}

describe('Conflicting figures in a real VS Code', function () {
  before(async function () {
    this.timeout(120_000);
    await activatedClient();
  });

  it('a conflicting-figure diagnostic links the statement in another seed document, and that one links back', async function () {
    this.timeout(90_000);
    const conflicts = await waitFor('a cross-document conflicting-figure diagnostic', crossDocumentConflicts, (list) => list.length > 0, 60_000);
    const { uri, diagnostic } = conflicts[0]!;
    const related = diagnostic.relatedInformation!.find((r) => r.location.uri.toString() !== uri.toString())!;
    const other = related.location;
    report(`      ${where(uri, diagnostic.range.start)} [${vscode.DiagnosticSeverity[diagnostic.severity]}] ${diagnostic.message}`);
    report(`        related: ${where(other.uri, other.range.start)} ${related.message}`);

    assert.equal(diagnostic.source, 'policy-lens');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(diagnostic.message.includes(fileName(other.uri)), `the message names the other document: ${diagnostic.message}`);
    // Both ranges cover a number as written in the documents.
    const here = (await vscode.workspace.openTextDocument(uri)).getText(diagnostic.range);
    const there = (await vscode.workspace.openTextDocument(other.uri)).getText(other.range);
    assert.match(here, /\d/, `the diagnostic covers a figure: "${here}"`);
    assert.match(there, /\d/, `the related location covers a figure: "${there}"`);
    // The mirror: the other document's statement carries the conflict too, pointing back at this one.
    const mirror = vscode.languages
      .getDiagnostics(other.uri)
      .find((d) => codeOf(d) === RULE && d.range.intersection(other.range) && (d.relatedInformation ?? []).some((r) => r.location.uri.toString() === uri.toString() && r.location.range.intersection(diagnostic.range)));
    assert.ok(mirror, `${fileName(other.uri)} has the mirror diagnostic on "${there}" pointing back at ${where(uri, diagnostic.range.start)}`);
    report(`      mirror: ${where(other.uri, mirror.range.start)} ${mirror.message}`);
  });
});
