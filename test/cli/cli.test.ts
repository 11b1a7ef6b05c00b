import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

function run(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('policy-lens CLI', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'policy-lens-cli-'));
    writeFileSync(join(folder, 'a.md'), '# Report\n\nThe Department of Homeland Security (DHS) and the QZX met.\n');
    writeFileSync(join(folder, 'b.txt'), 'Later the QZX and DHS met again.\n');
    writeFileSync(join(folder, 'skip.json'), '{"not": "a document"}');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('prints a readable report grouped by file and exits 0 without errors', () => {
    const { code, stdout } = run(['check', folder, '--no-color']);
    assert.equal(code, 0);
    assert.match(stdout, /a\.md\n\s+3:\d+\s+info\s+“QZX” is never expanded/);
    assert.match(stdout, /2 documents checked: 0 errors, 0 warnings, 2 info, 0 hints/);
  });

  it('gives JSON with 1-based positions and rule ids', () => {
    const { code, stdout } = run(['check', folder, '--format', 'json']);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as { documents: number; findings: { ruleId: string; file: string; line: number; column: number }[] };
    assert.equal(report.documents, 2);
    const first = report.findings[0]!;
    assert.equal(first.ruleId, 'undefined-acronym');
    assert.equal(first.line, 3);
    const lineText = readFileSync(join(folder, 'a.md'), 'utf8').split('\n')[2]!;
    assert.equal(lineText.slice(first.column - 1, first.column + 2), 'QZX');
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const { code, stdout } = run(['check', folder, '--format', 'sarif']);
    assert.equal(code, 0);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-2.1.0.schema.json'), 'utf8'));
    const validate = ajv.compile(schema);
    const log = JSON.parse(stdout) as { runs: { tool: { driver: { name: string } }; results: { ruleId: string }[] }[] };
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.runs[0].tool.driver.name, 'policy-lens');
    assert.equal(log.runs[0].results.length, 2);
    assert.equal(log.runs[0].results[0].ruleId, 'undefined-acronym');
  });

  it('exits 1 on an error-severity finding, or as --fail-on says', () => {
    const derivation = mkdtempSync(join(tmpdir(), 'policy-lens-cli-fail-'));
    try {
      writeFileSync(join(derivation, 'trade.md'), 'U.S.-Mexico trade reached \\$1.3 trillion a year, or \\$3.6 million a day, in 2019.\n');
      const report = run(['check', derivation, '--format', 'json']);
      assert.equal(report.code, 1, report.stdout);
      assert.ok((JSON.parse(report.stdout) as { findings: { ruleId: string }[] }).findings.some((f) => f.ruleId === 'inconsistent-derivation'));
      assert.equal(run(['check', derivation, '--fail-on', 'none']).code, 0);
      assert.equal(run(['check', folder, '--fail-on', 'warning']).code, 0, 'info findings never fail');
    } finally {
      rmSync(derivation, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors with a message', () => {
    assert.equal(run(['check', join(folder, 'nope')]).code, 2);
    const badFormat = run(['check', folder, '--format', 'xml']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /xml/);
    assert.equal(run(['frobnicate']).code, 2);
  });

  it('checks the seeds and reports every document', () => {
    const { stdout } = run(['check', 'seeds', '--format', 'json']);
    assert.equal(JSON.parse(stdout).documents, 5);
  });
});
