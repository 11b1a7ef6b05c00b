// Issue 3 in a real VS Code: go to definition of an acronym that one document uses without expanding it
// lands on its introduction in another document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { before, describe, it } from './mocha';
import { report } from './report';
import { waitFor } from './waitFor';
import { activatedClient, definitionsAt, fileName, hoverAt, isSeed, seedUri, SEEDS, where } from './workspace';

const SEED = SEEDS.slides;
/** Acronym-shaped words: two or more capitals, a plural "s" allowed ("SMEs"). */
const ACRONYM = /\b[A-Z][A-Z]{1,9}s?\b/g;

/** The acronyms of the text it never expands itself, each with its first use: no "(ACR)" or "(ACRs)" anywhere. */
function unexpandedAcronyms(text: string): Array<{ acronym: string; offset: number }> {
  const seen = new Map<string, number>();
  for (const match of text.matchAll(ACRONYM)) {
    const acronym = match[0];
    const singular = acronym.replace(/s$/, '');
    if (seen.has(acronym) || text.includes(`(${singular})`) || text.includes(`(${singular}s)`)) continue;
    seen.set(acronym, match.index!);
  }
  return [...seen].map(([acronym, offset]) => ({ acronym, offset }));
}

describe('Entities across documents in a real VS Code', function () {
  before(async function () {
    this.timeout(120_000);
    await activatedClient();
  });

  it(`go to definition of an acronym ${SEED} never expands lands on its introduction in another seed document`, async function () {
    this.timeout(90_000);
    const document = await vscode.workspace.openTextDocument(seedUri(SEED));
    const candidates = unexpandedAcronyms(document.getText());
    assert.ok(candidates.length > 0, `${SEED} uses acronyms it does not expand`);
    type Resolved = { acronym: string; use: vscode.Position; targets: vscode.Location[] };
    const resolveElsewhere = async (): Promise<Resolved[]> => {
      const found: Resolved[] = [];
      for (const { acronym, offset } of candidates) {
        const use = document.positionAt(offset + 1);
        const targets = await definitionsAt(document.uri, use);
        if (targets.length > 0 && targets.every((t) => t.uri.toString() !== document.uri.toString())) found.push({ acronym, use, targets });
      }
      return found;
    };
    // The server indexes the folder asynchronously: ask again until the answers come.
    const elsewhere = await waitFor(`an acronym of ${SEED} defined in another document`, resolveElsewhere, (list) => list.length > 0, 45_000, 1_000).catch(
      async (error: Error) => {
        assert.fail(`no acronym of ${SEED} resolves to another document (candidates: ${candidates.map((c) => c.acronym).join(', ')}): ${error.message}`);
      },
    );
    report(`      ${candidates.length} unexpanded acronym-shaped words in ${SEED}; defined elsewhere: ${elsewhere.map((e) => `${e.acronym} → ${e.targets.map((t) => fileName(t.uri)).join(', ')}`).join('; ')}`);

    for (const { acronym, use, targets } of elsewhere) {
      const singular = acronym.replace(/s$/, '');
      for (const target of targets) {
        assert.ok(isSeed(target.uri), `${acronym}: the target ${target.uri.toString()} is a seed document`);
        const line = (await vscode.workspace.openTextDocument(target.uri)).lineAt(target.range.start.line).text;
        assert.ok(line.includes(singular), `${acronym} at ${where(document.uri, use)} → ${where(target.uri, target.range.start)}, a line that introduces ${singular}: ${line.slice(0, 120)}`);
      }
      // The hover says where it was introduced.
      const hover = await hoverAt(document.uri, use);
      assert.ok(targets.some((t) => hover.includes(fileName(t.uri))), `the hover on ${acronym} names the introducing document: ${hover.slice(0, 200)}`);
    }
    const first = elsewhere[0]!;
    report(`      e.g. ${first.acronym} at ${where(document.uri, first.use)} → ${where(first.targets[0]!.uri, first.targets[0]!.range.start)}`);
  });
});
