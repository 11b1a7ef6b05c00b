import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { computeFindings, rules } from '../../server/src/core/api';
import { indexFiles } from '../helpers/inMemoryWorkspace';

const FOLDER = resolve(import.meta.dirname, '../fixtures/conflicts');
const RULES = new Set(['conflicting-figure', 'inconsistent-derivation']);

interface Expected {
  rule: string;
  document: string;
  line: number;
  text: string;
}

/** Precision and recall of the two conflict rules on `names` (a workspace of their own) against `expectedFile`. */
async function measure(names: readonly string[], expectedFile: string): Promise<{ precision: number; recall: number }> {
  const expected = (JSON.parse(readFileSync(join(FOLDER, expectedFile), 'utf8')) as { findings: Expected[] }).findings;
  const files: Record<string, string> = {};
  for (const name of names) files[name] = readFileSync(join(FOLDER, name), 'utf8');
  const { index } = await indexFiles(files);
  const found = [...computeFindings(index, {}, rules.filter((r) => RULES.has(r.id))).values()].flat();

  const matched = new Set<Expected>();
  const falseAlarms: string[] = [];
  for (const finding of found) {
    const document = index.get(finding.uri)!;
    const name = finding.uri.slice(finding.uri.lastIndexOf('/') + 1);
    const line = document.lines.positionAt(finding.span.start).line + 1;
    const hit = expected.find((e) => {
      if (e.rule !== finding.ruleId || e.document !== name || e.line !== line) return false;
      const at = document.text.indexOf(e.text, document.lines.offsetAt({ line: line - 1, character: 0 }));
      return at !== -1 && at < finding.span.end && finding.span.start < at + e.text.length;
    });
    if (hit) matched.add(hit);
    else falseAlarms.push(`${name}:${line} ${finding.ruleId}: ${finding.message}`);
  }
  const misses = expected.filter((e) => !matched.has(e)).map((e) => `${e.document}:${e.line} ${e.rule} «${e.text}»`);
  const precision = matched.size / Math.max(1, matched.size + falseAlarms.length);
  const recall = matched.size / expected.length;
  console.log(`${expectedFile}: ${matched.size} of ${expected.length} expected found, ${falseAlarms.length} false alarms — precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`);
  for (const miss of misses) console.log(`  missed: ${miss}`);
  for (const alarm of falseAlarms) console.log(`  false alarm: ${alarm}`);
  return { precision, recall };
}

describe('conflicts on hand-annotated documents (test/fixtures/conflicts)', () => {
  const all = readdirSync(FOLDER).filter((n) => /\.(md|txt)$/.test(n));
  const heldOut = all.filter((n) => n.startsWith('heldout-'));
  const heldOut3 = all.filter((n) => n.startsWith('heldout3-'));

  it('finds the planted conflicts and derivations, and none of the traps', async () => {
    const { precision, recall } = await measure(all.filter((n) => !n.startsWith('heldout')), 'expected.json');
    assert.ok(precision >= 0.9, `precision ${precision.toFixed(2)} below 0.9`);
    assert.ok(recall >= 0.8, `recall ${recall.toFixed(2)} below 0.8`);
  });

  it('finds ranks, records, levels, derivations and table citations in the held-out deck and report', async () => {
    const { precision, recall } = await measure(heldOut, 'heldout.expected.json');
    assert.ok(precision >= 0.9, `precision ${precision.toFixed(2)} below 0.9`);
    assert.ok(recall >= 0.7, `recall ${recall.toFixed(2)} below 0.7`);
  });

  it('finds implied totals of a slide, balances across slides and sums restated per minute in the round-3 held-out deck', async () => {
    const { precision, recall } = await measure(heldOut3, 'heldout3.expected.json');
    assert.ok(precision >= 0.9, `precision ${precision.toFixed(2)} below 0.9`);
    assert.ok(recall >= 0.6, `recall ${recall.toFixed(2)} below 0.6`);
  });

  it('reports exactly the hand-verified findings on the seeds: the spec’s two examples of §5 and two derivations of one deck slide', async () => {
    const seeds = resolve(import.meta.dirname, '../../seeds');
    const files: Record<string, string> = {};
    for (const name of readdirSync(seeds)) files[name] = readFileSync(join(seeds, name), 'utf8');
    const { index } = await indexFiles(files);
    const found = [...computeFindings(index, {}, rules.filter((r) => RULES.has(r.id))).values()].flat();
    const summary = found.map((f) => `${f.uri.slice(f.uri.lastIndexOf('/') + 1, f.uri.lastIndexOf('/') + 4)} ${f.ruleId} ${index.get(f.uri)!.text.slice(f.span.start, f.span.end)}`);
    assert.deepEqual(summary.sort(), [
      // Spec §5: the border length, 3,175 km vs 3,201 km (not the round 2,000-mile statements).
      '001 conflicting-figure 3175 kilometers',
      // "life expectancy at birth … had increased to 78.5 and 70 years respectively (see Table 1)", after a sentence on
      // "the average American … and the average Mexican": Mexico's 70 years (65–75) against 75.4 in Table 1 (78.5 touches 78.6).
      '002 conflicting-figure 70 years',
      // Spec §5: "$1.3 trillion a year or $3.6 million a day" is off by a factor of 1,000.
      '002 inconsistent-derivation \\$3.6 million',
      '004 conflicting-figure 1990-mile',
      // "$798.8 Billion" + "Services trade est. $50 b." "means" "$1.5 million dollars per minute": 848.8 billion a year is ≈ 1.6 million a minute.
      '004 inconsistent-derivation \\$1.5 million dollars',
      // 004's trade slide: goods-and-services Exports 322.2 + Imports 475.6 = 797.8 is less than the 798.8 of
      // "2023 Trade in goods" alone (each is read as labelled; 323.2 would make both this and the 152.4 deficit hold).
      '004 inconsistent-derivation \\$798.8  \nBillion',
    ]);
  });
});
