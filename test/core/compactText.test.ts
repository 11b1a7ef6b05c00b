import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  analyzeDocument,
  computeFindings,
  definitionAt,
  dropAcronymMentions,
  dropNameCandidates,
  documentSymbols,
  entityTable,
  foldingRegions,
  forgetDecodedTexts,
  hoverAt,
  prepareRenameAt,
  StringPool,
  withCompactText,
  WorkspaceIndex,
  type DocumentAnalysis,
} from '../../server/src/core/api';
import { CompactText, compressCompactTexts } from '../../server/src/core/compactText';
import { zlibTextCodec } from '../../server/src/node/textCodec';
import { heapStrings, stringRetainers } from '../helpers/heapStrings';
import { seededRandom } from '../helpers/randomEdits';

setFlagsFromString('--expose-gc');
const hash = (text: string) => createHash('sha1').update(text).digest('hex');
const gc = runInNewContext('gc') as () => void;

const seedsDir = join(__dirname, '../../seeds');
const fixturesDir = join(__dirname, '../fixtures/conflicts');
const seedNames = readdirSync(seedsDir).sort();
const readSeed = (name: string) => readFileSync(join(seedsDir, name), 'utf8');
/** A document with what a compact text must keep exact: CRLF, a disabling comment, wide and astral characters. */
const EDGE_TEXT =
  '# Edge “cases”\r\n\r\n<!-- policy-lens-disable-next-line conflicting-figure -->\r\n\r\nThe Mérida Initiative (MI) gave $1.6 billion — see Table 9.\r\n' +
  'Its 𝔐 budget was $2.1 billion in 2019; the MI was “renewed”.\r\n\r\nThe Mérida Initiative gave $1.9 billion in 2019.\r\n';

describe('CompactText', () => {
  it('gives back the exact text and every slice of it, compressed in blocks as the server keeps it', () => {
    const random = seededRandom(5);
    compressCompactTexts(zlibTextCodec);
    try {
      // A text whose wide characters sit on and around the 8,192-character block boundaries.
      const around = Array.from({ length: 40_000 }, (_, i) => (i % 8192 < 2 || i % 8192 > 8189 || i % 977 === 0 ? '“' : String.fromCharCode(97 + (i % 26)))).join('');
      for (const text of [...seedNames.map(readSeed), EDGE_TEXT, around, 'plain ASCII and Latin-1: café'.repeat(700)]) {
        const compact = CompactText.of(text)!;
        assert.ok(compact.compressed, 'every text is kept compressed with a codec, with or without wide characters');
        assert.equal(compact.length, text.length);
        assert.equal(compact.toString(), text);
        forgetDecodedTexts();
        for (let n = 0; n < 3000; n++) {
          const start = Math.floor(random() * (text.length + 1));
          const end = start + Math.floor(random() * (n % 10 === 0 ? 20_000 : 80));
          assert.equal(compact.slice(start, end), text.slice(start, end), `slice ${start}–${end}`);
        }
        // Occurrences across a block boundary are found too.
        for (const at of [8190, 16_380, text.length - 12]) {
          const ascii = text.slice(at, at + 12);
          if (/^[\x00-\x7f]+$/.test(ascii)) assert.equal(compact.includesAscii(ascii), true, ascii);
        }
        assert.equal(compact.includesAscii('no such words here'), false);
      }
    } finally {
      compressCompactTexts(undefined);
      forgetDecodedTexts();
    }
  });

  it('gives back the exact text and every slice of it', () => {
    const random = seededRandom(3);
    for (const text of [...seedNames.map(readSeed), EDGE_TEXT]) {
      const compact = CompactText.of(text);
      if (!compact) {
        assert.ok(![...text].some((c) => c.charCodeAt(0) > 0xff), 'only texts without wide characters are left as they are');
        continue;
      }
      assert.equal(compact.length, text.length);
      assert.equal(compact.toString(), text);
      for (let n = 0; n < 2000; n++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = start + Math.floor(random() * 80);
        assert.equal(compact.slice(start, end), text.slice(start, end), `slice ${start}–${end}`);
      }
      assert.equal(compact.includesAscii('Initiative'), text.includes('Initiative'));
      assert.equal(compact.includesAscii('no such words here'), false);
    }
  });

  it('does not take a wide character for an ASCII one', () => {
    // "Œ" is U+0152: its low byte is "R". A one-byte copy that kept low bytes would find "ROSE" in "ŒOSE".
    const compact = CompactText.of('ŒOSE and ÆON “quoted” in a sentence long enough to be kept compact')!;
    assert.equal(compact.includesAscii('ROSE'), false);
    assert.equal(compact.slice(0, 4), 'ŒOSE');
  });

  it('is not made where it would not save memory', () => {
    assert.equal(CompactText.of('plain ASCII and Latin-1: café'), undefined);
    assert.equal(CompactText.of('Россия и Мексика'), undefined);
  });
});

/** Each seed and fixture analysed, as plain analyses or as the server's index keeps closed documents' (compact texts). */
function analyses(compact: boolean): DocumentAnalysis[] {
  const sources = [
    ...seedNames.map((name) => ({ uri: `file:///seeds/${name}`, text: readSeed(name) })),
    ...readdirSync(fixturesDir)
      .filter((name) => /\.(md|txt)$/.test(name))
      .sort()
      .map((name) => ({ uri: `file:///fixtures/${name}`, text: readFileSync(join(fixturesDir, name), 'utf8') })),
    { uri: 'file:///edge.md', text: EDGE_TEXT },
  ];
  const pool = new StringPool();
  return sources.map(({ uri, text }) => {
    const analysis = analyzeDocument({ uri, version: 0, format: uri.endsWith('.md') ? 'markdown' : 'plaintext', text });
    if (!compact) return analysis;
    // As the server keeps a closed document: what only its derived values read dropped, strings shared (copies, not
    // slices of the text). Not its figures' context words, which the figure hover compared here reads.
    const kept = withCompactText(analysis);
    dropNameCandidates(kept);
    dropAcronymMentions(kept);
    pool.internAnalysis(kept);
    return kept;
  });
}

function indexOf(documents: DocumentAnalysis[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const document of documents) index.set(document);
  return index;
}

/** What the server answers for a workspace: findings, entities, and the queries at sampled places. */
function answers(index: WorkspaceIndex, documents: DocumentAnalysis[]): unknown {
  const table = entityTable(index);
  const queries = documents.map((document) => {
    const at: unknown[] = [];
    for (let offset = 0; offset < document.text.length; offset += 211) {
      at.push([hoverAt(index, document.uri, offset)?.markdown, definitionAt(index, document.uri, offset), prepareRenameAt(index, document.uri, offset)]);
    }
    return { at, symbols: documentSymbols(document), folding: foldingRegions(document) };
  });
  return { findings: computeFindings(index), entities: table.entities.map((e) => [e.name, table.mentionsOf(e.id).map((m) => [m.uri, m.span.start, m.span.end, m.surface, m.key])]), queries };
}

describe('an index of analyses with compact texts', () => {
  it('answers as the same analyses with their texts', () => {
    const plain = analyses(false);
    const compacted = analyses(true);
    assert.ok(compacted.filter((document, i) => document !== plain[i]).length >= 5, 'most documents have a wide character and are kept compact');
    compacted.forEach((document, i) => assert.equal(document.text, plain[i]!.text));
    assert.deepEqual(answers(indexOf(compacted), compacted), answers(indexOf(plain), plain));
  });

  it('answers as the same analyses with their texts compressed, as the server keeps them', () => {
    const plain = analyses(false);
    compressCompactTexts(zlibTextCodec);
    try {
      const compacted = analyses(true);
      assert.equal(compacted.filter((document, i) => document !== plain[i]).length, plain.length, 'every document is kept compressed');
      forgetDecodedTexts();
      assert.deepEqual(answers(indexOf(compacted), compacted), answers(indexOf(plain), plain));
    } finally {
      compressCompactTexts(undefined);
      forgetDecodedTexts();
    }
  });

  it('keeps no decoded copy of a text alive', async () => {
    const compacted = analyses(true);
    const index = indexOf(compacted);
    answers(index, compacted);
    // The texts are known by their hashes only: the test must not hold them itself.
    const kept = compacted.filter((document) => CompactText.of(document.text) !== undefined);
    const hashes = new Set(kept.map((document) => hash(document.text)));
    const smallest = Math.min(...kept.map((document) => document.text.length));
    kept.length = 0;
    forgetDecodedTexts();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    gc();
    const decoded = heapStrings().filter((string) => string.size >= smallest && hashes.has(hash(string.value)));
    const sizes = new Set(decoded.map((string) => string.size));
    const holders = () => stringRetainers(Math.min(...sizes)).filter((chain) => sizes.has(Number(chain.split(' ')[0])));
    assert.equal(decoded.length, 0, `decoded texts still on the heap:\n${decoded.length ? holders().join('\n') : ''}`);
    assert.ok(index.get(compacted[0]!.uri));
  });
});
