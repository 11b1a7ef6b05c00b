import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as api from '../../server/src/core/api';

describe('core public API', () => {
  it('exposes the pipeline entry points and queries', () => {
    const functions = ['analyzeDocument', 'computeFindings', 'createDocumentFilter', 'definitionAt', 'documentSymbols', 'hoverAt', 'indexWorkspace', 'loadDocument', 'referencesTo', 'workspaceSymbols'];
    for (const name of functions) assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name);
  });

  it('registers rules in alphabetical order with unique kebab-case ids', () => {
    const ids = api.rules.map((rule) => rule.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });
});
