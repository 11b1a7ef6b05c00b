import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument, WorkspaceIndex } from '../../server/src/core/api';
import { nameKey } from '../../server/src/core/entities/names';
import { entityTable } from '../../server/src/core/queries/entityTable';

/**
 * Precision and recall of entity detection against hand annotations (test/fixtures/entities): two seed excerpts,
 * and a brief written before the detector was tuned. An annotated entity is found when a mention in the excerpt
 * is one of its surfaces; a detected entity is correct when one of its surfaces in the excerpt is annotated.
 */
const FIXTURES = resolve(import.meta.dirname, '../fixtures/entities');
const SEEDS = resolve(import.meta.dirname, '../../seeds');

interface Annotated {
  name: string;
  kind: string;
  aliases?: string[];
}

function score(index: WorkspaceIndex, uri: string, lines: [number, number] | undefined, expected: Annotated[]) {
  const table = entityTable(index);
  const document = index.get(uri)!;
  const inRange = (table.mentionsIn(uri)).filter((m) => {
    const line = document.lines.positionAt(m.span.start).line + 1;
    return !lines || (line >= lines[0] && line <= lines[1]);
  });
  const surfaceKeys = (e: Annotated) => new Set([e.name, ...(e.aliases ?? [])].map(nameKey));
  const found = expected.filter((e) => inRange.some((m) => surfaceKeys(e).has(nameKey(m.surface))));
  const detected = [...new Set(inRange.map((m) => m.entity))];
  const correct = detected.filter((id) => inRange.some((m) => m.entity === id && expected.some((e) => surfaceKeys(e).has(nameKey(m.surface)))));
  const kindsRight = found.filter((e) => {
    const mention = inRange.find((m) => surfaceKeys(e).has(nameKey(m.surface)))!;
    return table.entities[mention.entity]!.kind === e.kind;
  });
  const missed = expected.filter((e) => !found.includes(e)).map((e) => e.name);
  const spurious = detected.filter((id) => !correct.includes(id)).map((id) => table.entities[id]!.name);
  return { expected: expected.length, found: found.length, detected: detected.length, correct: correct.length, kindsRight: kindsRight.length, missed, spurious };
}

function report(label: string, s: ReturnType<typeof score>) {
  const precision = s.correct / s.detected;
  const recall = s.found / s.expected;
  console.log(`${label}: precision ${(precision * 100).toFixed(0)}% (${s.correct}/${s.detected}), recall ${(recall * 100).toFixed(0)}% (${s.found}/${s.expected}), kind accuracy ${((s.kindsRight / s.found) * 100).toFixed(0)}% (${s.kindsRight}/${s.found})`);
  if (s.missed.length > 0) console.log(`  missed: ${s.missed.join('; ')}`);
  if (s.spurious.length > 0) console.log(`  spurious: ${s.spurious.join('; ')}`);
  return { precision, recall, kind: s.kindsRight / s.found };
}

describe('entity detection quality', () => {
  it('on the seed excerpts', () => {
    const index = new WorkspaceIndex();
    for (const name of ['000_3209c946108f91e7.txt', '001_3977f2ea8b54d961.txt', '002_2e3851e7520eefff.txt', '003_399aea2aac741c78.txt', '004_ecc22693258a47e1.txt']) {
      index.set(analyzeDocument({ uri: `file:///seeds/${name}`, version: 0, format: 'plaintext', text: readFileSync(resolve(SEEDS, name), 'utf8') }));
    }
    const annotation = JSON.parse(readFileSync(resolve(FIXTURES, 'seed-samples.expected.json'), 'utf8')) as { samples: { document: string; lines: [number, number]; entities: Annotated[] }[] };
    const totals = { expected: 0, found: 0, detected: 0, correct: 0, kindsRight: 0, missed: [] as string[], spurious: [] as string[] };
    for (const sample of annotation.samples) {
      const s = score(index, `file:///seeds/${sample.document}`, sample.lines, sample.entities);
      report(`${sample.document} lines ${sample.lines.join('-')}`, s);
      for (const key of ['expected', 'found', 'detected', 'correct', 'kindsRight'] as const) totals[key] += s[key];
    }
    const { precision, recall, kind } = report('seed excerpts, total', totals);
    assert.ok(precision >= 0.8, `precision ${precision}`);
    assert.ok(recall >= 0.8, `recall ${recall}`);
    assert.ok(kind >= 0.75, `kind accuracy ${kind}`);
  });

  it('on a brief the detector had never seen', () => {
    const annotation = JSON.parse(readFileSync(resolve(FIXTURES, 'unseen-brief.expected.json'), 'utf8')) as { document: string; entities: Annotated[] };
    const index = new WorkspaceIndex();
    const uri = `file:///fixtures/${annotation.document}`;
    index.set(analyzeDocument({ uri, version: 0, format: 'markdown', text: readFileSync(resolve(FIXTURES, annotation.document), 'utf8') }));
    const { precision, recall, kind } = report('unseen brief', score(index, uri, undefined, annotation.entities));
    assert.ok(precision >= 0.8, `precision ${precision}`);
    assert.ok(recall >= 0.8, `recall ${recall}`);
    assert.ok(kind >= 0.75, `kind accuracy ${kind}`);
  });
});
