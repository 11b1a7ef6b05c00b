import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
  relatedLocations?: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}

function sarif(folder: string): SarifResult[] {
  const result = spawnSync(process.execPath, [CLI, 'check', folder, '--format', 'sarif'], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  const log = JSON.parse(result.stdout) as { runs: { results: SarifResult[] }[] };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-2.1.0.schema.json'), 'utf8')));
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return log.runs[0]!.results.filter((r) => r.ruleId === 'conflicting-figure');
}

describe('policy-lens CLI on conflicting figures', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'policy-lens-cli-conflicts-'));
    writeFileSync(join(folder, 'a.txt'), 'Mexico and the United States work together along the 3175 kilometers of shared border.\n');
    writeFileSync(join(folder, 'b.md'), '# Ties\n\n- Mexico and the United States: a 1990-mile border (3,201 km) with shared interests.\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('carries each conflict’s other statements as SARIF relatedLocations', () => {
    const results = sarif(folder);
    const where = (r: SarifResult) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`;
    assert.deepEqual(
      results.map((r) => [where(r), r.relatedLocations!.map((l) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}:${l.physicalLocation.region.startColumn}`)]),
      [
        ['a.txt:1', ['b.md:3:35']],
        ['b.md:3', ['a.txt:1:54']],
      ],
    );
    assert.match(results[0]!.relatedLocations![0]!.message.text, /^Length of the U\.S\.–Mexico border: 3,201 km \(1,990 mi\)$/);
  });

  it('leaves out a conflict accepted in .policylens/waivers.json', () => {
    const fingerprint = JSON.stringify(['conflicting-figure', 'length · border · Mexico–U.S. · km', '', ['a.txt=3,175 km', 'b.md=3,201 km (1,990 mi)']]);
    mkdirSync(join(folder, '.policylens'), { recursive: true });
    writeFileSync(join(folder, '.policylens', 'waivers.json'), JSON.stringify({ waivers: [{ rule: 'conflicting-figure', fingerprint, reason: 'different sources' }] }));
    try {
      assert.deepEqual(sarif(folder), []);
    } finally {
      rmSync(join(folder, '.policylens'), { recursive: true, force: true });
    }
  });
});
