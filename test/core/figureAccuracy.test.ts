/**
 * Precision and recall of the figure extractor against hand annotations:
 * a sample of the seeds (`test/fixtures/figures/seeds.expected.json`) and a document written for this purpose
 * and annotated before the extractor existed (`unseen.md` + `unseen.expected.json`). Also prints the
 * extractor's throughput on the seeds, parsing excluded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument, LineIndex } from '../../server/src/core/api';
import { extractFigures } from '../../server/src/core/extract/figures/extractFigures';
import { extractOutline } from '../../server/src/core/extract/outline';
import { parseMarkdown } from '../../server/src/core/parse';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = resolve(ROOT, 'test/fixtures/figures');

interface Score {
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
}

/** Scores the figures found on the annotated lines of one document. `lines` maps 1-based line numbers to expected substrings. */
function score(name: string, text: string, lines: Record<string, string[]>, into: Score): void {
  const format = name.endsWith('.md') ? 'markdown' : 'plaintext';
  const analysis = analyzeDocument({ uri: `file:///ws/${name}`, version: 0, format, text });
  const index = new LineIndex(text);
  for (const [lineNumber, expected] of Object.entries(lines)) {
    const line = index.lineSpan(Number(lineNumber) - 1);
    const found = analysis.figures.figures.filter((f) => f.span.start < line.end && f.span.end > line.start);
    const matched = new Set<number>();
    let from = line.start;
    for (const phrase of expected) {
      const at = text.indexOf(phrase, from);
      assert.ok(at !== -1 && at < line.end, `${name}:${lineNumber} lacks “${phrase}”`);
      from = at + phrase.length;
      const hit = found.findIndex((f, i) => !matched.has(i) && f.span.start < at + phrase.length && at < f.span.end);
      if (hit === -1) into.falseNegatives.push(`${name}:${lineNumber} “${phrase}”`);
      else {
        matched.add(hit);
        into.truePositives++;
      }
    }
    found.forEach((f, i) => matched.has(i) || into.falsePositives.push(`${name}:${lineNumber} “${f.text}”`));
  }
}

function report(label: string, s: Score): { precision: number; recall: number } {
  const precision = s.truePositives / (s.truePositives + s.falsePositives.length);
  const recall = s.truePositives / (s.truePositives + s.falseNegatives.length);
  console.log(
    `${label}: precision ${precision.toFixed(3)} (${s.truePositives}/${s.truePositives + s.falsePositives.length}), recall ${recall.toFixed(3)} (${s.truePositives}/${s.truePositives + s.falseNegatives.length})`,
  );
  if (s.falsePositives.length > 0) console.log(`  false positives: ${s.falsePositives.join('; ')}`);
  if (s.falseNegatives.length > 0) console.log(`  missed: ${s.falseNegatives.join('; ')}`);
  return { precision, recall };
}

const empty = (): Score => ({ truePositives: 0, falsePositives: [], falseNegatives: [] });

describe('figure extraction accuracy', () => {
  it('finds the annotated figures in a sample of the seeds', () => {
    const fixture = JSON.parse(readFileSync(resolve(FIXTURES, 'seeds.expected.json'), 'utf8')) as { documents: Record<string, Record<string, string[]>> };
    const total = empty();
    for (const [name, lines] of Object.entries(fixture.documents)) {
      score(name, readFileSync(resolve(ROOT, 'seeds', name), 'utf8'), lines, total);
    }
    const { precision, recall } = report('seeds sample', total);
    assert.ok(precision >= 0.9, `precision ${precision}`);
    assert.ok(recall >= 0.8, `recall ${recall}`);
  });

  it('finds the annotated figures in a document written for the test', () => {
    const fixture = JSON.parse(readFileSync(resolve(FIXTURES, 'unseen.expected.json'), 'utf8')) as { document: string; lines: Record<string, string[]> };
    const text = readFileSync(resolve(FIXTURES, fixture.document), 'utf8');
    // Every line is annotated: a line not listed must have no figure.
    const lines: Record<string, string[]> = {};
    for (let n = 1; n <= text.split('\n').length; n++) lines[String(n)] = fixture.lines[String(n)] ?? [];
    const total = empty();
    score(fixture.document, text, lines, total);
    const { precision, recall } = report('unseen document', total);
    assert.ok(precision >= 0.85, `precision ${precision}`);
    assert.ok(recall >= 0.85, `recall ${recall}`);
  });

  it('extracts at a useful speed (parsing excluded)', () => {
    const names = Object.keys((JSON.parse(readFileSync(resolve(FIXTURES, 'seeds.expected.json'), 'utf8')) as { documents: object }).documents);
    const inputs = names.map((name) => {
      const text = readFileSync(resolve(ROOT, 'seeds', name), 'utf8');
      const tree = parseMarkdown(text);
      return { text, tree, outline: extractOutline(tree, text, new LineIndex(text), 'plaintext') };
    });
    const bytes = inputs.reduce((sum, input) => sum + Buffer.byteLength(input.text), 0);
    let figures = 0;
    for (const input of inputs) figures += extractFigures(input.tree, input.text, input.outline).figures.length; // warm-up
    const rounds = 5;
    const started = performance.now();
    for (let r = 0; r < rounds; r++) for (const input of inputs) extractFigures(input.tree, input.text, input.outline);
    const seconds = (performance.now() - started) / 1000;
    const megabytesPerSecond = (bytes * rounds) / 1e6 / seconds;
    console.log(`figure extractor: ${figures} figures in ${(bytes / 1e6).toFixed(2)} MB of seeds; ${megabytesPerSecond.toFixed(1)} MB/s (mean of ${rounds} rounds)`);
    assert.ok(megabytesPerSecond > 0.5, `${megabytesPerSecond} MB/s`);
  });
});
