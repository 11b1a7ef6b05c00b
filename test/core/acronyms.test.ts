import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/api';

const definitionsOf = (text: string) =>
  analyzeDocument({ uri: 'file:///ws/a.md', version: 0, format: 'markdown', text }).entities.acronyms.definitions.map((d) => [d.acronym, d.expansion, d.form, d.translated]);
const aliasesOf = (text: string) => analyzeDocument({ uri: 'file:///ws/a.md', version: 0, format: 'markdown', text }).entities.acronyms.aliases.map((a) => [a.alias, a.name]);
const mentionsOf = (text: string) => analyzeDocument({ uri: 'file:///ws/a.md', version: 0, format: 'markdown', text }).entities.acronyms.mentions.map((m) => m.acronym);

describe('acronym definitions', () => {
  it('reads "Long Name (ACR)", with hyphenated and dotted initials and a dropped word', () => {
    assert.deepEqual(definitionsOf('Staff of the Department of Homeland Security (DHS) met.'), [['DHS', 'Department of Homeland Security', 'parenthesised-acronym', false]]);
    assert.deepEqual(definitionsOf('A new U.S.-Mexico-Canada Trade Agreement (USMCA) entered into force.'), [['USMCA', 'U.S.-Mexico-Canada Trade Agreement', 'parenthesised-acronym', false]]);
    assert.deepEqual(definitionsOf('The Inter-American Development Bank (IDB) lends.'), [['IDB', 'Inter-American Development Bank', 'parenthesised-acronym', false]]);
  });

  it('reads plural acronyms as their singular', () => {
    assert.deepEqual(definitionsOf('They fight Transnational Criminal Organizations (TCOs) daily.'), [['TCO', 'Transnational Criminal Organizations', 'parenthesised-acronym', false]]);
    assert.deepEqual(mentionsOf('TCOs and the TCO'), ['TCO', 'TCO']);
  });

  it('reads "ACR (Long Name)"', () => {
    assert.deepEqual(definitionsOf('The HLED (High Level Economic Dialogue) resumed.'), [['HLED', 'High Level Economic Dialogue', 'parenthesised-expansion', false]]);
  });

  it('reads "Long Name, or ACR" and "Long Name, known as ACR"', () => {
    assert.deepEqual(definitionsOf('The Instituto Nacional Electoral, or INE, organises elections.'), [['INE', 'Instituto Nacional Electoral', 'or', false]]);
    assert.deepEqual(definitionsOf('Analysts at the World Resources Institute, known as WRI, disagree.'), [['WRI', 'World Resources Institute', 'known-as', false]]);
  });

  it('accepts a Spanish acronym after an English name (and the reverse) as a translation', () => {
    assert.deepEqual(definitionsOf('Its National Migration Service (INM) works closely with us.'), [['INM', 'National Migration Service', 'parenthesised-acronym', true]]);
    assert.deepEqual(definitionsOf('The Secretaría de Relaciones Exteriores (SRE) said so.'), [['SRE', 'Secretaría de Relaciones Exteriores', 'parenthesised-acronym', false]]);
    assert.deepEqual(definitionsOf('Oil Production in Mexico (KBPD) fell.'), []);
  });

  it('reads a person introduced with a nickname', () => {
    assert.deepEqual(definitionsOf('President Andrés Manuel López Obrador (AMLO) spoke.'), [['AMLO', 'Andrés Manuel López Obrador', 'parenthesised-acronym', false]]);
    assert.deepEqual(aliasesOf('Under President Luis Carranza Vélez, widely known as Lucho, the plan began.'), [['Lucho', 'Luis Carranza Vélez']]);
  });

  it('reads "USMCA (T-MEC in Mexico)" and "USMCA (T-MEC, CUSMA)" as aliases', () => {
    assert.deepEqual(aliasesOf('Implement the USMCA (T-MEC in Mexico) fully.'), [['T-MEC', 'USMCA']]);
    assert.deepEqual(aliasesOf('From NAFTA to USMCA (T-MEC, CUSMA) in 2020.'), [['T-MEC', 'USMCA'], ['CUSMA', 'USMCA']]);
  });

  it('does not take shouted lines, Roman numerals, state codes or shouted words for acronyms', () => {
    assert.deepEqual(mentionsOf('AMBASSADOR EARL ANTHONY WAYNE\n\nChapter II covers Houston, TX and the DEA.'), ['DEA']);
    assert.deepEqual(mentionsOf('FACT: the fact is the DEA acts.'), ['DEA']);
  });
});
