import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument, formatOf } from '../../server/src/core/api';
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
      const pooled = await Promise.all(documents.map(pool.analyze));
      for (const [i, document] of documents.entries()) {
        const { lines: expectedLines, ...expected } = analyzeDocument(document);
        const { lines, ...actual } = pooled[i]!;
        assert.deepEqual(actual, expected, document.uri);
        assert.equal(lines.lineCount, expectedLines.lineCount);
      }
    } finally {
      await pool.dispose();
    }
  });
});
