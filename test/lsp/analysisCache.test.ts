import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { LspHarness } from '../helpers/lspHarness';

const SEEDS = resolve(import.meta.dirname, '../../seeds');

describe('persisted analysis cache', () => {
  it('restarts from the workspace storage and re-analyses only the document that changed', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'policy-lens-cache-'));
    const folder = join(scratch, 'docs');
    const storagePath = join(scratch, 'storage');
    cpSync(SEEDS, folder, { recursive: true });
    const indexedLine = (server: LspHarness) => server.logs.find((line) => line.startsWith('Indexed '))!;
    try {
      let server = await LspHarness.start([folder], {}, { storagePath });
      await server.whenIndexed();
      assert.match(indexedLine(server), /Indexed 5 documents in \d+ ms \(0 from cache\)/);
      const coldDiagnostics = await server.waitForDiagnostics(`file://${join(folder, '002_2e3851e7520eefff.txt')}`, () => true);
      await server.dispose();

      appendFileSync(join(folder, '003_399aea2aac741c78.txt'), '\nA late addition.\n');
      server = await LspHarness.start([folder], {}, { storagePath });
      await server.whenIndexed();
      assert.ok(server.logs.some((line) => line.startsWith('Loaded 5 cached document analyses')), server.logs.join('\n'));
      assert.match(indexedLine(server), /Indexed 5 documents in \d+ ms \(4 from cache\)/);
      const uri = `file://${join(folder, '002_2e3851e7520eefff.txt')}`;
      const warmDiagnostics = await server.waitForDiagnostics(uri, () => true);
      assert.deepEqual(warmDiagnostics, coldDiagnostics);
      await server.dispose();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
