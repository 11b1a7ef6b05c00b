import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument, definitionAt, hoverAt, referencesTo, renameEdits, WorkspaceIndex, GLOSSARY_INPUT, parseGlossary } from '../../server/src/core/api';
import { entityTable } from '../../server/src/core/queries/entityTable';
import { indexFiles } from '../helpers/inMemoryWorkspace';
import { offsetOf } from '../helpers/text';

const namesOf = (text: string) => analyzeDocument({ uri: 'file:///ws/a.md', version: 0, format: 'markdown', text }).entities.names.filter((n) => !n.weak).map((n) => [n.text, n.kind]);

function workspace(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.set(analyzeDocument({ uri: `file:///ws/${name}`, version: 0, format: 'markdown', text }));
  return index;
}
const entityNamed = (index: WorkspaceIndex, alias: string) => entityTable(index).entities.find((e) => e.aliases.includes(alias));

describe('entity detection', () => {
  it('finds people after titles, without the title', () => {
    assert.deepEqual(namesOf('We met Vice President Kamala Harris and Secretary of Energy Thomas Whitfield today.'), [['Kamala Harris', 'person'], ['Thomas Whitfield', 'person']]);
    assert.deepEqual(namesOf('Both U.S. President Joseph Biden and Foreign Minister Ana Ruiz of Peru spoke.'), [['Joseph Biden', 'person'], ['Ana Ruiz', 'person'], ['Peru', 'place']]);
  });

  it('gives kinds from cue words in English and Spanish', () => {
    assert.deepEqual(namesOf('Then the Environmental Protection Agency joined the Comisión Federal de Electricidad in the Clean Rivers Initiative under the Andean Water Treaty at the Ninth Summit of the Americas in Mexico City.'), [
      ['Environmental Protection Agency', 'organization'],
      ['Comisión Federal de Electricidad', 'organization'],
      ['Clean Rivers Initiative', 'program'],
      ['Andean Water Treaty', 'agreement'],
      ['Ninth Summit of the Americas', 'event'],
      ['Mexico City', 'place'],
    ]);
  });

  it('ignores sentence-initial common words, adjectives of nationality and title-case lines', () => {
    assert.deepEqual(namesOf('Promote the security of Mexico. Mexican authorities agreed.'), [['Mexico', 'place']]);
    assert.deepEqual(namesOf('Mission Strategic Framework\n\nThe plan is ready.'), []);
    assert.deepEqual(namesOf('Central American migrants and U.S.-Mexico relations grew.'), []);
  });
});

describe('entity merging across the workspace', () => {
  const index = workspace({
    'a.md': 'President Andrés Manuel López Obrador (AMLO) met President Joseph Biden. The Mérida Initiative ended. Transnational Criminal Organizations (TCOs) adapt.',
    'b.md': 'Lopez Obrador and Biden spoke about the Merida Initiative. AMLO left. The TCOs grew.',
  });

  it('folds case and accents: Mérida/Merida, López Obrador/Lopez Obrador', () => {
    const merida = entityNamed(index, 'Merida Initiative')!;
    assert.ok(merida.aliases.includes('Mérida Initiative'));
    assert.equal(merida.kind, 'program');
  });

  it('merges acronym ↔ long name, nickname ↔ full name and surnames when unambiguous', () => {
    const amlo = entityNamed(index, 'AMLO')!;
    assert.equal(amlo.name, 'Andrés Manuel López Obrador');
    assert.equal(amlo.kind, 'person');
    assert.ok(amlo.aliases.includes('Lopez Obrador'));
    assert.equal(entityNamed(index, 'Biden')!.name, 'Joseph Biden');
    assert.equal(entityNamed(index, 'TCOs')!.name, 'Transnational Criminal Organizations');
  });

  it('keeps a surname apart when two people share it', () => {
    const shared = workspace({ 'a.md': 'We met Senator Maria Lopez and Governor Pedro Lopez. Later Lopez spoke.' });
    assert.equal(entityTable(shared).entities.filter((e) => e.aliases.includes('Lopez')).length, 0);
  });

  it('answers hover, definition and references across documents', () => {
    const b = index.get('file:///ws/b.md')!;
    const hover = hoverAt(index, b.uri, offsetOf(b.text, 'AMLO', 0, 1))!;
    assert.match(hover.markdown, /Andrés Manuel López Obrador/);
    assert.match(hover.markdown, /person/);
    assert.match(hover.markdown, /a\.md:1/);
    assert.match(hover.markdown, /a\.md: \d+, b\.md: \d+/);
    const definition = definitionAt(index, b.uri, offsetOf(b.text, 'TCOs', 0, 1))!;
    assert.deepEqual(definition.map((p) => p.uri), ['file:///ws/a.md']);
    const references = referencesTo(index, b.uri, offsetOf(b.text, 'Merida', 0, 1))!;
    assert.deepEqual(references.map((p) => p.uri), ['file:///ws/a.md', 'file:///ws/b.md']);
  });

  it('renames one spelling of an entity everywhere, keeping plurals', () => {
    const b = index.get('file:///ws/b.md')!;
    const edits = renameEdits(index, b.uri, offsetOf(b.text, 'TCOs', 0, 1), 'OCTs')!;
    const applied = [...edits].map(([uri, list]) => [uri, list.map((e) => index.get(uri)!.text.slice(e.span.start, e.span.end))]);
    assert.deepEqual(applied, [['file:///ws/a.md', ['TCO']], ['file:///ws/b.md', ['TCO']]]);
  });
});

describe('glossary', () => {
  it('adds aliases, sets kinds, splits and ignores', () => {
    const index = workspace({ 'a.md': 'The Sembrando Vida program grew. The XQZ and the HLED met. Sembrando Vida again.' });
    const { glossary, problems } = parseGlossary(JSON.stringify({ entities: [{ name: 'Sembrando Vida', kind: 'program', aliases: ['XQZ'] }], ignore: ['HLED'] }));
    assert.deepEqual(problems, []);
    index.setInput(GLOSSARY_INPUT, glossary);
    const entity = entityNamed(index, 'XQZ')!;
    assert.equal(entity.name, 'Sembrando Vida');
    assert.equal(entity.kind, 'program');
    assert.equal(entityNamed(index, 'HLED'), undefined);
  });

  it('reports malformed glossaries without throwing', () => {
    assert.equal(parseGlossary('{ "entities": [').problems.length, 1);
    const { glossary, problems } = parseGlossary(JSON.stringify({ entities: [{ name: 'A B', kind: 'planet' }, { nope: 1 }], merge: [['only one']], colour: 'red' }));
    assert.deepEqual(glossary.entities.map((e) => e.name), ['A B']);
    assert.equal(problems.length, 4);
  });
});

describe('acronym rules', () => {
  const rulesOf = async (files: Record<string, string>) => {
    const { findings } = await indexFiles(files);
    return [...findings].flatMap(([uri, list]) => list.filter((f) => f.ruleId !== 'document-skipped').map((f) => `${uri.slice(11)} ${f.ruleId} ${f.message.slice(0, 40)}`));
  };

  it('undefined-acronym: reported once per document, not for known or defined acronyms', async () => {
    assert.deepEqual(await rulesOf({ 'a.md': 'The ZQW met. ZQW again. GDP and COVID and the U.S. grew. Chapter IV.' }), ['a.md undefined-acronym “ZQW” is never expanded in the workspace']);
    assert.deepEqual(await rulesOf({ 'a.md': 'The Zebra Quota Watch (ZQW) met.', 'b.md': 'The ZQW met.' }), []);
  });

  it('acronym-before-definition: a use before the expansion in the same document', async () => {
    assert.deepEqual(await rulesOf({ 'a.md': 'The ZQW met.\n\nThe Zebra Quota Watch (ZQW) was founded.' }), ['a.md acronym-before-definition Unexpected use of “ZQW” before its expan']);
  });

  it('conflicting-acronym-definition: two different expansions, with both as related places', async () => {
    const { findings } = await indexFiles({ 'a.md': 'The Consular Affairs (CA) office.', 'b.md': 'Migrants from Central America (CA) arrive.' });
    const conflict = findings.get('file:///ws/b.md')!.find((f) => f.ruleId === 'conflicting-acronym-definition')!;
    assert.deepEqual(conflict.related.map((r) => r.uri), ['file:///ws/a.md', 'file:///ws/b.md']);
    assert.deepEqual(await rulesOf({ 'a.md': 'The U.S.-Mexico-Canada Agreement (USMCA).', 'b.md': 'The United States-Mexico-Canada Trade Agreement (USMCA).' }), []);
  });
});

