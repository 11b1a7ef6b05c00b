import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { extractEntities, type EntityExtract } from '../../server/src/core/extract/entities';
import { hasLowerCaseWord, lowerCaseWords } from '../../server/src/core/extract/wordScan';
import { parseMarkdown } from '../../server/src/core/parse';
import { textChange } from '../../server/src/core/textChange';

// Entity extraction given the previous version's extract re-reads only the text nodes around the change; whatever
// the edit, its result must be the one a fresh extraction of the new text gives.

const fresh = (text: string) => extractEntities(parseMarkdown(text), text);

/** Extracts `next` from `previous`'s extract, checks it against a fresh extraction, and returns it for the next step. */
function edit(text: string, extract: EntityExtract, next: string, message = ''): EntityExtract {
  const again = extractEntities(parseMarkdown(next), next, { text, extract, change: textChange(text, next) });
  assert.deepStrictEqual(again, fresh(next), `${message} ${JSON.stringify(next.slice(0, 120))}`);
  return again;
}

/** Applies `next` edits in a chain, each from the last one's incremental extract (the first from a fresh one made reusable). */
function chain(texts: string[]): EntityExtract {
  let extract = fresh(texts[0]!);
  // A first edit that changes nothing: the extract it gives has what later edits reuse.
  extract = edit(texts[0]!, extract, texts[0]!, 'same text');
  for (let i = 1; i < texts.length; i++) extract = edit(texts[i - 1]!, extract, texts[i]!, `step ${i}`);
  return extract;
}

const insert = (text: string, at: number, piece: string) => text.slice(0, at) + piece + text.slice(at);
const remove = (text: string, from: number, to: number) => text.slice(0, from) + text.slice(to);

const PARAGRAPHS = [
  'The Department of Homeland Security (DHS) met President Joseph Biden in Mexico City.',
  'Transnational Criminal Organizations (TCOs) move fentanyl; the USMCA (T-MEC in Mexico) helps.',
  'FACT SHEET',
  'Promote U.S. security. Dialogue with Foreign Minister Gabriela Sotomayor Ruiz of Peru went on.',
  'Luis Carranza, known as Lucho, spoke for the World Resources Institute, known as WRI.',
  'Annual Report On Border Security And Trade',
  'Vice President Kamala Harris visited Guatemala City. Harris said little.',
];
const DOCUMENT = PARAGRAPHS.join('\n\n') + '\n';

describe('incremental entity extraction', () => {
  it('reuses an open document’s first extraction on its first edit', () => {
    // An open document's first version is extracted fresh (no previous version), but editing: its next version reuses it.
    const opened = extractEntities(parseMarkdown(DOCUMENT), DOCUMENT, undefined, true);
    assert.deepStrictEqual(opened, fresh(DOCUMENT));
    const next = DOCUMENT.replace('Harris said little.', 'Harris said a little.');
    const again = edit(DOCUMENT, opened, next);
    assert.equal(again.names[0], opened.names[0], 'the first name is the very same record');
  });

  it('keeps the records before the change and moves those after it, as new objects', () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../seeds/002_2e3851e7520eefff.txt'), 'utf8');
    const first = fresh(text);
    const ready = edit(text, first, text);
    const middle = Math.floor(text.length / 2);
    const next = insert(text, text.indexOf(' ', middle), ' x');
    const again = edit(text, ready, next);
    const early = ready.names.findIndex((n) => n.span.end > 1000) - 1;
    assert.ok(early > 0);
    assert.equal(again.names[early], ready.names[early], 'a name far before the change is the very same record');
    const late = ready.names.findIndex((n) => n.span.start > middle + 20_000);
    const moved = again.names.findIndex((n) => n.span.start === ready.names[late]!.span.start + 2);
    assert.notEqual(again.names[moved], ready.names[late], 'a name after the change is a new record');
    assert.deepEqual(again.names[moved], { ...ready.names[late]!, span: { start: ready.names[late]!.span.start + 2, end: ready.names[late]!.span.end + 2 } });
    assert.equal(ready.names[late]!.span.start, first.names[late]!.span.start, 'the previous version’s records are not changed');
    const lateMention = ready.acronyms.mentions.findIndex((m) => m.span.start > middle + 20_000);
    assert.equal(again.acronyms.mentions.at(lateMention - ready.acronyms.mentions.length)!.span.start, ready.acronyms.mentions[lateMention]!.span.start + 2);
  });

  it('reads a whole document again when the change adds or removes a lower-case word a record looked up', () => {
    // "FACT SHEET" is no acronym once "fact" is written in lower case anywhere; "Promote" starts no name while "promote" is.
    const base = 'FACT SHEET: the DHS and the TCOs.\n\nPromote Hidalgo Ortega today.\n\nSomething else entirely, in a later paragraph.\n';
    chain([base, insert(base, base.indexOf('entirely'), 'fact '), base]);
    chain([base, insert(base, base.indexOf('entirely'), 'promote '), base]);
    // Only lower-case occurrence of "hidalgo" goes away and comes back: "Hidalgo Ortega" reads as a person, or not.
    const withWord = base.replace('else', 'hidalgo');
    chain([withWord, base, withWord, withWord.replace('hidalgo', 'hidalgos'), withWord]);
    // A word written twice in lower case stays in the set when one goes; then a name at a sentence start looks it up.
    const twice = 'A zebra here.\n\nThe Ministry of Finance said so.\n\nAnother zebra there.\n';
    chain([twice, twice.replace('Another zebra', 'Another'), twice.replace('Another zebra', 'Another') + '\nZebra Hidalgo went home.\n']);
    // Typed letter by letter, a word goes through words the document does not have.
    let typed = base;
    const steps = [base];
    for (const letter of 'dhs tcos') steps.push((typed = insert(typed, typed.indexOf(' in a later') + steps.length - 1, letter)));
    chain(steps);
  });

  it('reads again the lines the change touches and the runs just after it', () => {
    const title = DOCUMENT.indexOf('Annual Report');
    // A lower-case word makes a line a sentence, not a title: its names count again.
    chain([DOCUMENT, insert(DOCUMENT, title + 'Annual Report'.length, ' about the many'), DOCUMENT]);
    // A sentence end moves next to a run (8 characters before it decide a sentence start).
    const dialogue = DOCUMENT.indexOf('Dialogue');
    chain([DOCUMENT, remove(DOCUMENT, dialogue - 2, dialogue - 1), insert(DOCUMENT, dialogue - 1, ';'), DOCUMENT]);
    const harris = DOCUMENT.indexOf('Harris said');
    chain([DOCUMENT, remove(DOCUMENT, harris - 2, harris - 1), insert(DOCUMENT, harris - 1, '\n')]);
    // A line of several text nodes: a change in one makes the line a title, or no more one, for the others.
    const line = 'Annual Report Of The Commission xx yy zz Some Long Words **Pan American Health Organization** And';
    const lines = `${PARAGRAPHS[0]}\n\n${line}\n\n${PARAGRAPHS[1]}\n`;
    assert.ok(fresh(lines).names.some((n) => n.text === 'Pan American Health Organization'));
    const titled = remove(lines, lines.indexOf('xx'), lines.indexOf('yy'));
    assert.ok(!fresh(titled).names.some((n) => n.text === 'Pan American Health Organization'), 'a title line gives no new names');
    chain([lines, titled, lines, insert(titled, titled.indexOf(' And'), ' Commission'), titled.replace('**Pan', '**The Pan')]);
    // Lower-case words typed at the end of a title line: the name in the node before counts again.
    const ending = insert(titled, titled.indexOf(' And\n') + 4, ' now and then');
    chain([titled, ending, titled]);
    // A letter replaced: the text node keeps its bounds, not its text.
    const city = DOCUMENT.indexOf('Mexico City');
    chain([DOCUMENT, DOCUMENT.replace('Mexico City', 'Mexico Citx'), DOCUMENT.replace('Mexico City', 'mexico City'), DOCUMENT]);
    // A paragraph break inside a name, and one joining two paragraphs.
    chain([DOCUMENT, insert(DOCUMENT, city + 'Mexico'.length, '\n\n'), DOCUMENT, remove(DOCUMENT, city - 60, city + 3)]);
  });

  it('follows changes of Markdown structure far from the edit', () => {
    // An opening fence turns the rest into code; a heading marker, a list, emphasis split text nodes.
    chain([DOCUMENT, '```\n' + DOCUMENT, DOCUMENT, '# ' + DOCUMENT, DOCUMENT.replace('Department', '*Department*'), DOCUMENT]);
    const paragraph = DOCUMENT.indexOf('Luis');
    chain([DOCUMENT, insert(DOCUMENT, paragraph, '- '), insert(DOCUMENT, paragraph, '    ')]);
  });

  it('handles edits at the start and end, empty texts and CRLF line breaks', () => {
    chain(['', 'M', 'Mexico City', '', DOCUMENT, 'x' + DOCUMENT, DOCUMENT + 'The Pan American Health Organization', DOCUMENT, '']);
    const crlf = DOCUMENT.replace(/\n/g, '\r\n');
    const title = crlf.indexOf('Annual');
    chain([crlf, insert(crlf, title, 'the '), remove(crlf, title - 2, title - 1), insert(crlf, crlf.indexOf('Harris said') - 1, '\r\n'), crlf]);
    // Letters outside the BMP next to the change.
    chain([DOCUMENT, insert(DOCUMENT, 4, '𝐚𝐛c'), insert(DOCUMENT, 4, '𝐚'), DOCUMENT]);
  });

  it('checks whether a word is still written in lower case as the scanner finds them', () => {
    const texts = [
      'The U.S.-Mexico share; kloppe-Santamaría, lópez & Co. e.g. x-- -y and2 3and Andes',
      'ñandú Ñandú árbol straße 2mexico 𝐀bc 𝐚bc x𝐚bc \ud800ab a\ud83d \udc00b don\'t',
      '',
    ];
    for (const text of texts) {
      const words = lowerCaseWords(text);
      const candidates = new Set([...words, 'and', 'mexico', 'bc', 'abc', 'ab', 'b', 'ndes', 'andú', 'xyz', 'nt', 't', 'e', 'g', 'y', 'ópez']);
      for (const word of candidates) assert.equal(hasLowerCaseWord(text, word), words.has(word), `${word} in ${text}`);
    }
  });
});
