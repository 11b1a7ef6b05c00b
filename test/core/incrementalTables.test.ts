import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument, computeFindings, GLOSSARY_INPUT, OpenDocumentAnalyzer, parseGlossary, WorkspaceIndex } from '../../server/src/core/api';
import { buildEntityTable, dropAcronymMentions, dropNameCandidates, entityTable, type EntityTable } from '../../server/src/core/queries/entityTable';
import { emptyGlossary } from '../../server/src/core/entities/glossary';
import { applyEdit, randomEdit, seededRandom } from '../helpers/randomEdits';

// Cross-document tables reuse per-document parts across edits; after any edit they must equal the tables of an
// index built from scratch with the same documents.
const seedsDir = join(__dirname, '../../seeds');
const seeds = readdirSync(seedsDir).sort().map((name) => ({ uri: `file:///seeds/${name}`, text: readFileSync(join(seedsDir, name), 'utf8') }));

const analyze = (uri: string, text: string, version = 0) => analyzeDocument({ uri, version, format: 'plaintext', text });

function freshIndex(files: readonly { uri: string; text: string }[], glossary?: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  if (glossary !== undefined) index.setInput(GLOSSARY_INPUT, parseGlossary(glossary).glossary);
  for (const { uri, text } of files) index.set(analyze(uri, text));
  return index;
}

/**
 * Indexes a.md (`text`) and b.md, whose text becomes `withName` (a name introduced), then none, then `withName` again,
 * checking the tables against a fresh index after each edit; a.md's mentions (surfaces) before and after.
 */
function nameAddedDroppedAdded(text: string, withName: string): { before: string[]; after: string[] } {
  const files = [
    { uri: 'file:///w/a.md', text },
    { uri: 'file:///w/b.md', text: 'Nothing here.\n' },
  ];
  const index = freshIndex(files);
  const mentionsOfA = () => entityTable(index).mentionsIn('file:///w/a.md').map((m) => m.surface);
  const before = mentionsOfA();
  for (const [version, edited] of [withName, 'Nothing here.\n', withName].entries()) {
    files[1] = { ...files[1]!, text: edited };
    index.set(analyze(files[1]!.uri, edited, version + 1));
    assertSameAsFresh(index, files);
  }
  return { before, after: mentionsOfA() };
}

/** Everything a table answers, materialised (mention lists, ids and introductions are filled on demand). */
function contents(table: EntityTable, uris: readonly string[]) {
  return {
    entities: table.entities.map((e) => ({ ...e, introductions: e.introductions, mentions: table.mentionsOf(e.id).map((m) => `${m.uri}@${m.span.start}-${m.span.end}#${m.entity}`), counts: table.mentionCounts(e.id), total: table.mentionTotal(e.id) })),
    byUri: uris.map((uri) => table.mentionsIn(uri).map((m) => ({ ...m }))),
    acronymDefinitions: table.acronymDefinitions,
    exempt: table.exempt,
  };
}

/** The one-document introduction accessors give each entity's place in its full list of introductions, and nothing elsewhere. */
function assertIntroductionAccessors(table: EntityTable, uris: readonly string[]): void {
  for (const entity of table.entities) {
    assert.deepEqual(table.firstIntroduction(entity.id), entity.introductions[0], entity.name);
    for (const uri of uris) assert.deepEqual(table.introductionIn(entity.id, uri), entity.introductions.find((p) => p.uri === uri)?.span, `${entity.name} in ${uri}`);
  }
}

/** Compares the incremental index with a fresh one: the entity table (against a build from scratch) and every finding. */
function assertSameAsFresh(index: WorkspaceIndex, files: readonly { uri: string; text: string }[], glossary?: string): void {
  const fresh = freshIndex(files, glossary);
  const uris = fresh.uris();
  assertIntroductionAccessors(entityTable(index), uris);
  assert.deepEqual(contents(entityTable(index), uris), contents(buildEntityTable(fresh.documents(), glossary === undefined ? emptyGlossary : parseGlossary(glossary).glossary), uris));
  assert.deepEqual(computeFindings(index), computeFindings(fresh));
}

describe('incremental cross-document tables', () => {
  it('give the same entities and findings after edits as a fresh index', () => {
    const files = seeds.map((s) => ({ ...s }));
    const index = freshIndex(files);
    const before = computeFindings(index);
    assert.ok([...before.values()].some((list) => list.some((f) => f.ruleId === 'conflicting-figure')), 'the seeds have a conflicting figure to keep');

    // A typo: the known names stay the same, so other documents' mentions are reused.
    files[3] = { ...files[3]!, text: files[3]!.text.replace('the', 'teh') };
    index.set(analyze(files[3]!.uri, files[3]!.text, 1));
    assertSameAsFresh(index, files);

    // Edits that keep the names but move, add and drop mentions: only that document is counted again.
    for (const [n, edit] of [
      [2, (t: string) => `x${t}`],
      [2, (t: string) => t.replace('Mexico', 'Mexico and Mexico')],
      [4, (t: string) => t.replace(/United States/, 'country')],
      [1, (t: string) => `${t}\nThe USMCA and the United States.\n`],
    ] as const) {
      files[n] = { ...files[n]!, text: edit(files[n]!.text) };
      index.set(analyze(files[n]!.uri, files[n]!.text, 2));
      assertSameAsFresh(index, files);
    }

    // A new person and acronym definition: the known names change (a new surname), and with them other documents' mentions.
    files[0] = { ...files[0]!, text: `${files[0]!.text}\n\nSenator Ana Financiero said the Transnational Criminal Organizations (TCOs) met Secretary Maria Quintana Obrador. Quintana Obrador said 40 percent of the 2020 remittances came from the Merida Initiative.\n` };
    const financiero = (ix: WorkspaceIndex) => entityTable(ix).entities.find((e) => e.aliases.includes('Ana Financiero'));
    assert.equal(financiero(index), undefined);
    index.set(analyze(files[0]!.uri, files[0]!.text, 1));
    assert.ok(new Set(entityTable(index).mentionsOf(financiero(index)!.id).map((m) => m.uri)).size > 1, 'the surname Financiero is now known in other documents');
    assertSameAsFresh(index, files);

    // A conflicting statistic added in one document, then the document removed again.
    files.push({ uri: 'file:///seeds/zzz_new.txt', text: 'Remittances to Mexico reached $51.6 billion in 2022. The USMCA (T-MEC) entered into force.\n' });
    index.set(analyze(files[5]!.uri, files[5]!.text));
    assertSameAsFresh(index, files);
    files.pop();
    index.delete('file:///seeds/zzz_new.txt');
    assertSameAsFresh(index, files);

    // An acronym nobody expands, in two documents: the unchanged one's message must follow the other's new count.
    files.push({ uri: 'file:///seeds/zzz_a.txt', text: 'The ZQX met in March.\n' }, { uri: 'file:///seeds/zzz_b.txt', text: 'The ZQX spoke in May.\n' });
    for (const file of files.slice(-2)) index.set(analyze(file.uri, file.text));
    assertSameAsFresh(index, files);
    files[files.length - 2] = { ...files.at(-2)!, text: 'The ZQX met in March. The ZQX met again.\n' };
    index.set(analyze(files.at(-2)!.uri, files.at(-2)!.text, 1));
    assert.ok([...computeFindings(index).get('file:///seeds/zzz_b.txt')!].some((f) => f.message.includes('used 3 times')));
    assertSameAsFresh(index, files);
    for (const file of files.splice(-2)) index.delete(file.uri);

    // The glossary changes: the cached per-document parts are kept, the merge applies the new glossary.
    const glossary = JSON.stringify({ ignore: ['Mexico'], merge: [['Quintana Obrador', 'Maria Quintana']] });
    index.setInput(GLOSSARY_INPUT, parseGlossary(glossary).glossary);
    assertSameAsFresh(index, files, glossary);
  });

  it('merge names as a fresh index does while documents gain and lose names, definitions and aliases', () => {
    // The merge keeps what each document contributes and the order a pass over the documents meets keys and links
    // (nameMerge.ts): which document first names a person decides an initial, and a glossary's split group makes
    // the order of links matter. Small documents rewritten at random from sentences that name, define and link.
    const sentences = [
      'Secretary Ana Financiero spoke.', 'Senator Luis Financiero spoke.', 'Governor Pedro Financiero agreed.', 'Financiero said so.',
      'Minister Ana Quintana Obrador arrived.', 'Quintana Obrador left.', 'President Andrés Manuel López Obrador spoke.', 'Lopez Obrador and AMLO met.',
      'The Transnational Criminal Organizations (TCOs) grew.', 'The TCOs moved.', 'The Trade Council (TC) met.', 'The Tariff Commission (TC) met.',
      'The TC ruled.', 'The USMCA (T-MEC) entered into force.', 'The United States-Mexico-Canada Agreement (USMCA) took effect.', 'The ZQX met.',
      'The Merida Initiative ended in Mexico City.', 'The Central American Bank (CAB) lent.', 'The CAB and the Trade Council signed.',
      // The same names spelt and introduced otherwise: the canonical name and kind follow how often each is.
      'President Andres Manuel Lopez Obrador spoke.', 'Andres Manuel Lopez Obrador and Andres Manuel Lopez Obrador met.', 'The Trade Council Agency met.',
    ];
    const glossary = JSON.stringify({ split: [['Trade Council', 'Tariff Commission']], ignore: ['Merida Initiative'] });
    const random = seededRandom(4242);
    const pick = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => sentences[Math.floor(random() * sentences.length)]).join(' ') + '\n';
    const files = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ uri: `file:///w/${name}.md`, text: pick() }));
    const index = freshIndex(files, glossary);
    assertSameAsFresh(index, files, glossary);
    for (let version = 1; version <= 60; version++) {
      const n = Math.floor(random() * files.length);
      files[n] = { ...files[n]!, text: random() < 0.3 ? files[n]!.text + pick() : pick() };
      index.set(analyze(files[n]!.uri, files[n]!.text, version));
      assertSameAsFresh(index, files, glossary);
    }
  });

  it('give an acronym its own entity again when the definition that merged it goes and its mentions stay', () => {
    // The acronym is mentioned as often before and after, so no count marks it; only the merge that lost it can.
    const files = [
      { uri: 'file:///w/a.md', text: 'The Quantum Widget Agency (QWA) met.\n' },
      { uri: 'file:///w/b.md', text: 'Nothing here.\n' },
    ];
    const index = freshIndex(files);
    const entityOfQwa = () => entityTable(index).entities.find((e) => e.acronyms.includes('QWA'));
    assert.deepEqual(entityOfQwa()?.expansions, ['Quantum Widget Agency']);
    files[0] = { ...files[0]!, text: 'The Quantum Widget, said the Agency (QWA), met.\n' };
    index.set(analyze(files[0]!.uri, files[0]!.text, 1));
    assert.deepEqual(entityOfQwa()?.expansions, []);
    assertSameAsFresh(index, files);
  });

  it('are the same when closed documents’ name candidates and acronym mentions are dropped once their parts are made', () => {
    const dropped = freshIndex(seeds);
    for (const uri of dropped.uris()) {
      dropNameCandidates(dropped.get(uri)!);
      dropAcronymMentions(dropped.get(uri)!);
    }
    assert.ok(dropped.documents().every((document) => document.entities.names.length === 0 && document.entities.acronyms.mentions.length === 0));
    const uris = dropped.uris();
    assert.deepEqual(contents(entityTable(dropped), uris), contents(entityTable(freshIndex(seeds)), uris));
    assert.deepEqual(computeFindings(dropped), computeFindings(freshIndex(seeds)));
  });

  it('follow an expansion that changes in another entity, kept apart by the glossary', () => {
    // “Central America(s)” may not join the entity of “Consular Affairs (CA)”, yet that entity lists every expansion of
    // CA: when one changes, its keys, votes and surfaces stay as they were, and only the definitions tell.
    const glossary = JSON.stringify({ split: [['Consular Affairs', 'Central America', 'Central Americas']] });
    const files = [
      { uri: 'file:///w/a.md', text: 'The Consular Affairs (CA) office opened. The CA helps.\n' },
      { uri: 'file:///w/b.md', text: 'Trade with Central America (CA) grew.\n' },
    ];
    const index = freshIndex(files, glossary);
    const expansions = () => entityTable(index).entities.find((e) => e.acronyms.includes('CA'))?.expansions;
    assert.deepEqual(expansions(), ['Consular Affairs', 'Central America']);
    files[1] = { ...files[1]!, text: 'Trade with Central Americas (CA) grew.\n' };
    index.set(analyze(files[1]!.uri, files[1]!.text, 1));
    assert.deepEqual(expansions(), ['Consular Affairs', 'Central Americas']);
    assertSameAsFresh(index, files, glossary);
  });

  it('match again only the runs of other documents that hold a name added or gone, also when a word holds a hyphen', () => {
    // A new name can change another document's mentions only in runs holding its words in a row; "Pan-American" is
    // one word whose key, "pan american", holds a space.
    const { before, after } = nameAddedDroppedAdded('Delegates praised Pan-American trade yesterday. The Border Council met.\n\nLater the Pan-American mood turned.\n', 'The Pan-American (PA) grew.\n');
    assert.ok(!before.includes('Pan-American'), 'a weak name of its own is no mention');
    assert.deepEqual(after.filter((s) => s === 'Pan-American').length, 2);
    assert.ok(before.every((surface) => after.includes(surface)), 'the other runs keep their mentions');
  });

  it('count again a name whose mention a longer name added elsewhere takes over, and gives back when it goes', () => {
    // In a.md's run "Border Council Reform Office", "Border Council" is a mention until b.md introduces the longer name:
    // the run is matched again, and both names' counts change though only the longer one was added.
    const { before, after } = nameAddedDroppedAdded('The Border Council (BC) met.\n\nLater the Border Council Reform Office spoke.\n', 'The Border Council Reform Office (BCRO) opened.\n');
    assert.deepEqual(before.filter((s) => s.startsWith('Border Council')), ['Border Council', 'Border Council']);
    assert.deepEqual(after.filter((s) => s.startsWith('Border Council')), ['Border Council', 'Border Council Reform Office']);
  });

  it('keep a document’s acronym mentions, the same list, when a name added elsewhere re-matches only full names in it', () => {
    // The acronym rules keep their reports while that list is the same object.
    const files = [
      { uri: 'file:///w/a.md', text: 'The Border Council Reform Office spoke.\n\nThe TCO grew and the TCO left.\n' },
      { uri: 'file:///w/b.md', text: 'Nothing here.\n' },
    ];
    const index = freshIndex(files);
    const acronymsOfA = () => entityTable(index).acronymMentionsIn('file:///w/a.md');
    const before = acronymsOfA();
    assert.deepEqual([...before].map((m) => m.surface), ['TCO', 'TCO']);
    files[1] = { ...files[1]!, text: 'The Border Council Reform Office (BCRO) opened.\n' };
    index.set(analyze(files[1]!.uri, files[1]!.text, 1));
    assert.ok(entityTable(index).mentionsIn('file:///w/a.md').some((m) => m.surface === 'Border Council Reform Office'), 'a.md matched the new name');
    assert.equal(acronymsOfA(), before);
    assertSameAsFresh(index, files);
    // A longer name over the acronym's word takes its mention: a.md's acronym mentions are another list, without it.
    files[0] = { ...files[0]!, text: 'We saw DHS Secretary Mayorkas. The DHS left.\n' };
    index.set(analyze(files[0]!.uri, files[0]!.text, 1));
    assertSameAsFresh(index, files);
    const withAcronym = acronymsOfA();
    assert.deepEqual([...withAcronym].map((m) => m.span.start), [7, 35]);
    files[1] = { ...files[1]!, text: 'The DHS Secretary (DS) met.\n' };
    index.set(analyze(files[1]!.uri, files[1]!.text, 2));
    assert.deepEqual([...acronymsOfA()].map((m) => m.span.start), [35]);
    assertSameAsFresh(index, files);
  });

  it('match an edited open document as a fresh table does, re-matching only the runs its edits touch', () => {
    // An open document's part knows its last version's (same words before and after the change): its mentions are
    // that version's outside the runs the change touched. Random edits of a seed, with every seed indexed.
    const files = seeds.map((s) => ({ ...s }));
    const index = freshIndex(files);
    const open = new OpenDocumentAnalyzer();
    const n = files.findIndex((f) => f.uri.includes('004_'));
    const random = seededRandom(9001);
    const uri = files[n]!.uri;
    index.set(open.analyze({ uri, version: 0, format: 'plaintext', text: files[n]!.text }));
    entityTable(index);
    for (let version = 1; version <= 25; version++) {
      files[n] = { uri, text: applyEdit(files[n]!.text, randomEdit(files[n]!.text, random)) };
      index.set(open.analyze({ uri, version, format: 'plaintext', text: files[n]!.text }));
      const fresh = freshIndex(files);
      assert.deepEqual(
        entityTable(index).mentionsIn(uri).map((m) => ({ ...m })),
        entityTable(fresh).mentionsIn(uri).map((m) => ({ ...m })),
        `version ${version}`,
      );
    }
    assertSameAsFresh(index, files);
  });

  it('follow severities and waivers that change between passes over one index', () => {
    const index = freshIndex(seeds);
    const fresh = freshIndex(seeds);
    const conflict = [...computeFindings(index).values()].flat().find((f) => f.ruleId === 'conflicting-figure' && f.fingerprint !== undefined)!;
    assert.ok(conflict, 'the seeds have a waivable conflicting figure');
    const waivers = [{ rule: 'conflicting-figure', fingerprint: conflict.fingerprint!, reason: 'checked' }];
    for (const [severities, waived] of [
      [{ 'conflicting-figure': 'error' }, []],
      [{ 'conflicting-figure': 'off', 'undefined-acronym': 'warning' }, []],
      [{}, waivers],
      [{}, []],
    ] as const) {
      const actual = computeFindings(index, severities, undefined, waived);
      assert.deepEqual(actual, computeFindings(fresh, severities, undefined, waived));
      assert.equal([...actual.values()].flat().some((f) => f.fingerprint === conflict.fingerprint), waived.length === 0 && !('conflicting-figure' in severities && severities['conflicting-figure'] === 'off'));
    }
  });

  it('place an introduction in one document as the full list does, when an earlier document only has an alias', () => {
    // a.md introduces the USMCA by an alias alone (no full name), b.md by its expansion: a.md comes first.
    const files = [
      { uri: 'file:///w/b.md', text: 'The United States-Mexico-Canada Agreement (USMCA) replaced NAFTA. The USMCA took effect.\n' },
      { uri: 'file:///w/a.md', text: 'The USMCA (T-MEC) entered into force in 2020.\n' },
    ];
    const index = freshIndex(files);
    const table = entityTable(index);
    const usmca = table.entities.find((e) => e.acronyms.includes('USMCA'))!;
    assert.deepEqual(usmca.introductions.map((p) => p.uri), ['file:///w/a.md', 'file:///w/b.md']);
    assertIntroductionAccessors(table, index.uris());
  });

  it('report an acronym expanded two ways as a fresh index does, while its definitions move, change and go', () => {
    // The rule keeps an acronym's reports while its list of definitions is the same array (entityTable.ts regroups
    // the definitions of the documents that changed); each edit below changes one list.
    const files = [
      { uri: 'file:///w/a.md', text: 'The Consular Affairs (CA) office opened. The CA helps.\n' },
      { uri: 'file:///w/b.md', text: 'Trade with Central America (CA) grew. CA exports rose.\n' },
      { uri: 'file:///w/c.md', text: 'The Bureau of Consular Affairs (CA) is in Washington. The World Trade Organization (WTO) met.\n' },
      { uri: 'file:///w/0.md', text: 'Nothing defined yet.\n' },
    ];
    const index = freshIndex(files);
    const messages = () => [...computeFindings(index).values()].flat().filter((f) => f.ruleId === 'conflicting-acronym-definition').map((f) => `${f.uri.slice(-4)} ${f.message}`);
    assert.deepEqual(messages(), ['b.md Unexpected expansion of “CA” as “Central America”, expected “Consular Affairs” as expanded before.']);
    // Each edit, and the reports expected after it: comparisons are remembered across passes and indexes, so a
    // fresh index alone would not tell a stale one.
    const onB = 'b.md Unexpected expansion of “CA” as “Central America”, expected “Consular Affairs” as expanded before.';
    const onC = 'c.md Unexpected expansion of “CA” as “Consular Affairs”, expected “Central America” as expanded before.';
    const [onA2, onB2, onC2] = ['a.md Consular Affairs', 'b.md Central America', 'c.md Consular Affairs'].map((x) => `${x.slice(0, 4)} Unexpected expansion of “CA” as “${x.slice(5)}”, expected “Civil Aviation” as expanded before.`);
    let version = 0;
    for (const [n, edit, expected] of [
      [1, (t: string) => `Moved. ${t}`, [onB]],
      [0, (t: string) => t.replace('Consular Affairs (CA)', 'Central America (CA)'), [onC]],
      [2, (t: string) => t.replace('World Trade Organization (WTO)', 'World Tourism Organization (WTO)'), [onC]],
      [0, (t: string) => t.replace('Central America (CA)', 'Consular Affairs (CA)'), [onB]],
      // A document before the first one defines the acronym: it is the one expected now.
      [3, () => 'The Civil Aviation (CA) board met.\n', [onA2, onB2, onC2]],
      [3, () => 'Nothing defined yet.\n', [onB]],
      [1, (t: string) => t.replace('(CA)', ''), []],
    ] as const) {
      files[n] = { ...files[n]!, text: edit(files[n]!.text) };
      index.set(analyze(files[n]!.uri, files[n]!.text, ++version));
      assertSameAsFresh(index, files);
      assert.deepEqual(messages(), expected);
    }
  });

  it('report never-expanded acronyms as a fresh index does when an edit elsewhere changes their count, spellings or expansion', () => {
    // undefined-acronym redoes only documents whose mentions changed or that mention an entity whose facts (acronym,
    // spellings, count, being known) changed; c.md mentions neither acronym and keeps its reports.
    const files = [
      { uri: 'file:///w/a.md', text: 'The QXR met. The ZPT met.\n' },
      { uri: 'file:///w/b.md', text: 'Later the QXR spoke.\n' },
      { uri: 'file:///w/c.md', text: 'The WVB acted.\n' },
      { uri: 'file:///w/d.md', text: 'Nothing here.\n' },
    ];
    const index = freshIndex(files);
    const messages = () => [...computeFindings(index).values()].flat().filter((f) => f.ruleId === 'undefined-acronym').map((f) => `${f.uri.slice(-4)} ${f.message.replace(/; expected.*/, '')}`);
    const reportsOfC = () => [...computeFindings(index).values()].flat().filter((f) => f.uri.endsWith('c.md'));
    const unused = (uri: string, acronym: string, times: number) => `${uri} “${acronym}” is never expanded in the workspace (used ${times} time${times === 1 ? '' : 's'})`;
    assert.deepEqual(messages(), [unused('a.md', 'QXR', 2), unused('a.md', 'ZPT', 1), unused('b.md', 'QXR', 2), unused('c.md', 'WVB', 1)]);
    let version = 0;
    for (const [n, text, expected] of [
      // Another mention in d.md: b.md's count changes, though its mentions do not.
      [3, 'The QXR again.\n', [unused('a.md', 'QXR', 3), unused('a.md', 'ZPT', 1), unused('b.md', 'QXR', 3), unused('c.md', 'WVB', 1), unused('d.md', 'QXR', 3)]],
      // Expanded in d.md: known everywhere.
      [3, 'The Quality Exchange Register (QXR) again.\n', [unused('a.md', 'ZPT', 1), unused('c.md', 'WVB', 1)]],
      // The expansion gone, a plural spelling in its place.
      [3, 'The QXRs again.\n', [unused('a.md', 'QXR', 3), unused('a.md', 'ZPT', 1), unused('b.md', 'QXR', 3), unused('c.md', 'WVB', 1), unused('d.md', 'QXR', 3)]],
      [3, 'Nothing here.\n', [unused('a.md', 'QXR', 2), unused('a.md', 'ZPT', 1), unused('b.md', 'QXR', 2), unused('c.md', 'WVB', 1)]],
    ] as const) {
      const before = reportsOfC();
      files[n] = { ...files[n]!, text };
      index.set(analyze(files[n]!.uri, text, ++version));
      assertSameAsFresh(index, files);
      assert.deepEqual(messages(), expected, text);
      assert.deepEqual(reportsOfC(), before, 'c.md keeps its reports');
    }
  });

  it('remake the findings of an edited document that no workspace rule reports on', () => {
    // A pass patches the last one where reports changed, and where documents changed: here only a document rule's do.
    const files = [...seeds, { uri: 'file:///seeds/zzz_flows.txt', text: 'Nothing to check yet.\n' }];
    const index = freshIndex(files);
    assert.deepEqual(computeFindings(index).get('file:///seeds/zzz_flows.txt'), []);
    files[files.length - 1] = { ...files.at(-1)!, text: 'Nothing to check yet. Trade was \$1.3 trillion a year or \$3.6 million a day.\n' };
    index.set(analyze(files.at(-1)!.uri, files.at(-1)!.text, 1));
    assert.deepEqual(computeFindings(index).get('file:///seeds/zzz_flows.txt')!.map((f) => f.ruleId), ['inconsistent-derivation']);
    assertSameAsFresh(index, files);
  });
});
