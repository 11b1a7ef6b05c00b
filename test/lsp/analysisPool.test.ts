import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument, dropClosedDocumentRecords, formatOf } from '../../server/src/core/api';
import { AnalysisPool } from '../../server/src/node/analysisPool';

const ROOT = resolve(import.meta.dirname, '../..');
const SEEDS = join(ROOT, 'seeds');

describe('analysis worker pool (dist/analysisWorker.js)', () => {
  it('gives exactly the in-thread analysis of every seed', async () => {
    const pool = new AnalysisPool(join(ROOT, 'dist/analysisWorker.js'), 2);
    try {
      const documents = readdirSync(SEEDS).sort().map((name) => {
        const uri = `file://${join(SEEDS, name)}`;
        return { uri, version: 0, format: formatOf(uri), text: readFileSync(join(SEEDS, name), 'utf8') };
      });
      const pooled = await Promise.all(documents.map((document) => pool.analyze(document)));
      for (const [i, document] of documents.entries()) {
        const { lines: expectedLines, ...expected } = analyzeDocument(document);
        const { lines, ...actual } = pooled[i]!;
        assert.deepEqual(actual, expected, document.uri);
        assert.equal(lines.lineCount, expectedLines.lineCount);
      }
      // As a closed document's: what it is not kept with is not sent back.
      const closed = await Promise.all(documents.map((document) => pool.analyze(document, true)));
      for (const [i, document] of documents.entries()) {
        const { lines: _expectedLines, ...expected } = analyzeDocument(document);
        dropClosedDocumentRecords(expected as typeof closed[number]);
        const { lines: _lines, ...actual } = closed[i]!;
        assert.deepEqual(actual, expected, document.uri);
        assert.ok(actual.figures.figures.length === 0 || actual.figures.figures.every((figure) => figure.subject.length === 0), 'no context words');
        assert.deepEqual(actual.entities.names, []);
      }
    } finally {
      await pool.dispose();
    }
  });

  it('stops its idle workers on release and starts new ones for the next document', async () => {
    const pool = new AnalysisPool(join(ROOT, 'dist/analysisWorker.js'), 2);
    const document = (name: string) => {
      const uri = `file://${join(SEEDS, name)}`;
      return { uri, version: 0, format: formatOf(uri), text: readFileSync(join(SEEDS, name), 'utf8') };
    };
    const [first, second] = readdirSync(SEEDS).sort().map(document);
    try {
      await pool.analyze(first!);
      assert.equal(pool.running, 1);
      await pool.release();
      // Let a stopped worker's exit event run: it must not be taken for a crash and replaced.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(pool.running, 0);
      const { lines: _lines, ...actual } = await pool.analyze(second!);
      const { lines: _expectedLines, ...expected } = analyzeDocument(second!);
      assert.deepEqual(actual, expected);
      assert.equal(pool.running, 1);
    } finally {
      await pool.dispose();
    }
  });
});
