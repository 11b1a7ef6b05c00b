import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex, type DocumentAnalysis } from '../../server/src/core/api';
import { IncrementalGroups } from '../../server/src/core/index/incrementalGroups';
import { seededRandom } from '../helpers/random';

interface Item {
  group: string | undefined;
  id: string;
}

/** A stand-in analysis: only the URI and identity matter to the groups; the items ride along. */
function documentOf(uri: string, items: Item[]): DocumentAnalysis {
  return { uri, items } as unknown as DocumentAnalysis;
}

const itemsOf = (document: DocumentAnalysis) => (document as unknown as { items: Item[] }).items;
/** An item's document, from its id (`uri#version.n`): groups given it rebuild a changed group from its last members. */
const uriOf = (item: Item) => item.id.slice(0, item.id.indexOf('#'));

/** Grouping from scratch: every item of every document in URI order. */
function groupedFresh(documents: DocumentAnalysis[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const document of [...documents].sort((a, b) => (a.uri < b.uri ? -1 : 1))) {
    for (const item of itemsOf(document)) if (item.group !== undefined) groups.set(item.group, [...(groups.get(item.group) ?? []), item.id]);
  }
  return groups;
}

describe('incremental groups', () => {
  it('equal a grouping from scratch after random replacements, additions and removals', () => {
    const random = seededRandom(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const groupIds = ['a', 'b', 'c', 'd', undefined];
    let version = 0;
    const makeDocument = (uri: string) => documentOf(uri, Array.from({ length: Math.floor(random() * 5) }, (_, i) => ({ group: pick(groupIds), id: `${uri}#${version}.${i}` })));
    const documents = new Map<string, DocumentAnalysis>();
    for (const uri of ['file:///m.md', 'file:///c.md', 'file:///x.md']) documents.set(uri, makeDocument(uri));
    // Both ways of building a changed group: from its documents' items, and from its last members (uriOf).
    const groups = new IncrementalGroups(itemsOf, (item: Item) => item.group);
    const patched = new IncrementalGroups(itemsOf, (item: Item) => item.group, uriOf);
    for (let step = 0; step < 200; step++) {
      version++;
      const action = random();
      const uri = `file:///${pick(['a', 'c', 'm', 'q', 'x', 'z'])}.md`;
      const known = documents.get(uri);
      // A new analysis keeping some of the last one's items (the same objects), as an edited document keeps the
      // records before its change: groups where it has the same items stay as they are.
      if (known && action < 0.3) documents.set(uri, documentOf(uri, [...itemsOf(known).slice(0, Math.floor(random() * (itemsOf(known).length + 1))), ...itemsOf(makeDocument(uri)).slice(0, 2)]));
      else if (action < 0.6) documents.set(uri, makeDocument(uri));
      else documents.delete(uri);
      const before = new Map([...groups.groups].map(([id, members]) => [id, members]));
      const changed = groups.update([...documents.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1)));
      patched.update([...documents.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1)));
      const actual = new Map([...groups.groups].map(([id, members]) => [id, members.map((item) => item.id)]));
      assert.deepEqual(new Map([...actual].sort()), new Map([...groupedFresh([...documents.values()])].sort()), `step ${step}`);
      // Read now and then only, so a group can change twice before it is rebuilt.
      if (random() < 0.5) assert.deepEqual(new Map([...patched.groups].map(([id, members]) => [id, members.map((item) => item.id)] as const).sort()), new Map([...actual].sort()), `patched, step ${step}`);
      for (const [id, members] of groups.groups) if (!changed.has(id)) assert.equal(members, before.get(id), 'an unchanged group keeps its array');
    }
  });

  it('leave a group as it was where a new analysis of a document has the same items (objects) in it', () => {
    const kept: Item = { group: 'a', id: 'file:///a.md#0.0' };
    const other = documentOf('file:///b.md', [{ group: 'a', id: 'file:///b.md#0.0' }]);
    for (const groups of [new IncrementalGroups(itemsOf, (item: Item) => item.group), new IncrementalGroups(itemsOf, (item: Item) => item.group, uriOf)]) {
      groups.update([documentOf('file:///a.md', [kept, { group: 'b', id: 'file:///a.md#0.1' }, { group: 'c', id: 'file:///a.md#0.2' }]), other]);
      const a = groups.groups.get('a');
      groups.groups.get('b');
      const changed = groups.update([documentOf('file:///a.md', [kept, { group: 'b', id: 'file:///a.md#1.1' }]), other]);
      assert.deepEqual([...changed].sort(), ['b', 'c']);
      assert.equal(groups.groups.get('a'), a, 'the same array');
      assert.deepEqual(groups.groups.get('b')!.map((item) => item.id), ['file:///a.md#1.1']);
      assert.equal(groups.groups.get('c'), undefined);
    }
  });

  it('equal a grouping from scratch when updated from an index by its changes, some updates skipped', () => {
    const random = seededRandom(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const groupIds = ['a', 'b', 'c', undefined];
    let version = 0;
    const makeDocument = (uri: string) => documentOf(uri, Array.from({ length: Math.floor(random() * 4) }, (_, i) => ({ group: pick(groupIds), id: `${uri}#${version}.${i}` })));
    const index = new WorkspaceIndex();
    const groups = new IncrementalGroups(itemsOf, (item: Item) => item.group, uriOf);
    for (let step = 0; step < 300; step++) {
      // One to three changes between updates: updateFrom looks at every document changed since its last update.
      for (let n = Math.floor(random() * 3); n >= 0; n--) {
        version++;
        const uri = `file:///${pick(['a', 'c', 'm', 'q', 'x', 'z'])}.md`;
        if (random() < 0.7) index.set(makeDocument(uri));
        else index.delete(uri);
      }
      if (random() < 0.2) continue;
      groups.updateFrom(index);
      const actual = new Map([...groups.groups].map(([id, members]) => [id, members.map((item) => item.id)]));
      assert.deepEqual(new Map([...actual].sort()), new Map([...groupedFresh([...index.documents()])].sort()), `step ${step}`);
    }
  });
});

describe('workspace index changes', () => {
  it('name the documents set or deleted since a generation, until the log forgets them', () => {
    const index = new WorkspaceIndex();
    index.set(documentOf('file:///a.md', []));
    const start = index.generation;
    index.set(documentOf('file:///b.md', []));
    index.set(documentOf('file:///a.md', []));
    index.delete('file:///b.md');
    assert.deepEqual([...index.changesSince(start)!].sort(), ['file:///a.md', 'file:///b.md']);
    assert.deepEqual([...index.changesSince(index.generation)!], []);
    // Tens of thousands of changes later, the early generation is too old to tell.
    for (let i = 0; i < 25_000; i++) index.set(documentOf('file:///c.md', []));
    assert.equal(index.changesSince(start), undefined);
    assert.deepEqual([...index.changesSince(index.generation - 3)!], ['file:///c.md']);
  });
});
