import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../server/src/core/api';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('documents every rule, with its default severity, and no rule that does not exist', () => {
    const table = readme.slice(readme.indexOf('<!-- rules:start -->'), readme.indexOf('<!-- rules:end -->'));
    const documented = [...table.matchAll(/`([a-z-]+)` \| (\w+) \|/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(documented, rules.map((rule) => [rule.id, rule.defaultSeverity]));
  });

  it('opens with exactly two quick-start command lines, the second of which CI runs', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)!;
    const lines = block[1]!.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(readme.indexOf(block[0]) < readme.indexOf('\n## '));
    const ci = readFileSync(resolve(import.meta.dirname, '../../.ci/run'), 'utf8');
    assert.ok(ci.includes(lines[1]!), `.ci/run must run “${lines[1]}”`);
  });
});
