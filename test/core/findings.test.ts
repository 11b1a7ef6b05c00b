import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument, computeFindings, WorkspaceIndex } from '../../server/src/core/api';
import { rules } from '../../server/src/core/rules/index';
import type { DocumentRule, WorkspaceRule } from '../../server/src/core/rules/rule';

// A bug in one rule must not take every other rule's diagnostics with it: the server passes a failure handler.
const failing: WorkspaceRule = {
  id: 'failing-workspace-rule',
  scope: 'workspace',
  defaultSeverity: 'warning',
  summary: 'throws',
  check: () => {
    throw new Error('workspace boom');
  },
};
const failingPerDocument: DocumentRule = {
  id: 'failing-document-rule',
  scope: 'document',
  defaultSeverity: 'warning',
  summary: 'throws',
  check: () => {
    throw new Error('document boom');
  },
};

function index(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.set(analyzeDocument({ uri: 'file:///w/a.md', version: 0, format: 'markdown', text: 'The QQX reached 12,000 people in 2021.\n\nThe QQX reached 14,000 people in 2021.\n' }));
  return index;
}

describe('a findings pass', () => {
  it('leaves out a rule that throws, keeps the others, and says which failed', () => {
    const failures: string[] = [];
    const findings = computeFindings(index(), {}, [failing, ...rules, failingPerDocument], undefined, (ruleId, error) => failures.push(`${ruleId}: ${(error as Error).message}`));
    assert.deepEqual(failures, ['failing-workspace-rule: workspace boom', 'failing-document-rule: document boom']);
    const codes = findings.get('file:///w/a.md')!.map((finding) => finding.ruleId);
    assert.deepEqual(codes, computeFindings(index()).get('file:///w/a.md')!.map((finding) => finding.ruleId));
    assert.ok(codes.includes('conflicting-figure') && codes.includes('undefined-acronym'), codes.join(', '));
  });

  it('throws the error without a failure handler', () => {
    assert.throws(() => computeFindings(index(), {}, [...rules, failing]), /workspace boom/);
  });
});
