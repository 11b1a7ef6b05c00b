import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Location, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { fileUri, LspHarness } from '../helpers/lspHarness';

const SEEDS = resolve(import.meta.dirname, '../../seeds');

/** A seed's URI and the position of an offset found by searching its text (no fixed line numbers). */
function seed(name: string) {
  const text = readFileSync(join(SEEDS, name), 'utf8');
  const position = (offset: number): Position => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  const find = (needle: string) => {
    const at = text.indexOf(needle);
    assert.notEqual(at, -1, `“${needle}” not in ${name}`);
    return at;
  };
  return { uri: fileUri(join(SEEDS, name)), position, find };
}

describe('figure hover over the protocol, on the seeds', () => {
  let server: LspHarness;
  before(async () => {
    server = await LspHarness.start([SEEDS]);
    await server.whenIndexed();
  });
  after(() => server.dispose());

  it('explains "3175 kilometers": value, the other unit, interval, and the other border-length statements', async () => {
    const report = seed('001_3977f2ea8b54d961.txt');
    const at = report.find('3175 kilometers');
    const hover = await server.hover(report.uri, report.position(at + 2));
    assert.ok(hover, 'a hover');
    const markdown = (hover.contents as MarkupContent).value;
    assert.match(markdown, /^\*\*3,175 km\*\* ≈ 1,973 mi — length/);
    assert.match(markdown, /Interval: 3,174\.5 km – 3,175\.5 km/);
    assert.match(markdown, /Period: none needed \(the quantity does not change over time\)/);
    assert.match(markdown, /\*\*Other statements of this quantity\*\*/);
    assert.match(markdown, /004_ecc22693258a47e1\.txt:\d+\]\([^)]+\): “1990-mile”/, 'the 1990-mile border of another document');
    assert.deepEqual(hover.range?.start, report.position(at));
    assert.deepEqual(hover.range?.end, report.position(at + '3175 kilometers'.length));
  });

  it('names the context words of a figure in a document open in the editor (the index keeps none for closed ones)', async () => {
    const strategy = seed('000_3209c946108f91e7.txt');
    const at = strategy.find('35,484');
    const closed = (await server.hover(strategy.uri, strategy.position(at)))!.contents as MarkupContent;
    assert.doesNotMatch(closed.value, /- Context:/, 'a closed document’s figures keep no context words');
    await server.open(strategy.uri, readFileSync(join(SEEDS, '000_3209c946108f91e7.txt'), 'utf8'), 'plaintext');
    try {
      const open = (await server.hover(strategy.uri, strategy.position(at)))!.contents as MarkupContent;
      assert.match(open.value, /- Context: .*homicides/);
    } finally {
      await server.close(strategy.uri);
    }
  });

  it('explains a hedged figure bound to a year in its clause', async () => {
    const strategy = seed('000_3209c946108f91e7.txt');
    const at = strategy.find('35,484');
    const hover = await server.hover(strategy.uri, strategy.position(at));
    const markdown = (hover!.contents as MarkupContent).value;
    assert.match(markdown, /^\*\*35,484\*\* — count/);
    assert.match(markdown, /Period: 2020, from its clause/);
    assert.match(markdown, /counts \*homicides\*/);
  });

  it('lists the statements of the same quantity as references', async () => {
    const strategy = seed('000_3209c946108f91e7.txt');
    const at = strategy.find('2,000-mile');
    const locations = (await server.references(strategy.uri, strategy.position(at + 1))) as Location[];
    const uris = new Set(locations.map((l) => l.uri.slice(l.uri.lastIndexOf('/') + 1)));
    assert.ok(uris.has('001_3977f2ea8b54d961.txt') && uris.has('004_ecc22693258a47e1.txt'), [...uris].join(', '));
  });
});
