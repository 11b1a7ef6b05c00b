import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument, formatOf } from '../../server/src/core/document';
import { blockStarts, parseIncrementally } from '../../server/src/core/incrementalParse';
import { OpenDocumentAnalyzer } from '../../server/src/core/openDocumentAnalyzer';
import { parseMarkdown } from '../../server/src/core/parse';
import { seedsAndFixtures } from '../helpers/corpus';
import { seededRandom } from '../helpers/random';
import { joinLines } from '../helpers/text';

const corpus = seedsAndFixtures;

// Edits a reviewer makes: a letter, a digit, a blank line, a fence, a list marker, a deletion.
const INSERTIONS = ['x', '7', '\n\n', '\n```\n', '\n- ', '\n\n    code', '<!--', '|', '\t', ''];

describe('incremental parsing gives the tree a whole parse gives', () => {
  const documents = corpus();

  it('cuts the seeds into many blocks (otherwise nothing is saved)', () => {
    const largest = documents.filter((d) => d.name.startsWith('seeds/')).sort((a, b) => b.text.length - a.text.length)[0]!;
    assert.ok(blockStarts(largest.text).length > 50, `${largest.name}: ${blockStarts(largest.text).length} blocks`);
  });

  for (const { name, text } of documents) {
    it(`${name}: first parse, then 12 random edits, each equal to a whole parse`, () => {
      assert.deepEqual(parseIncrementally(text).tree, parseMarkdown(text));
      const next = seededRandom(text.length);
      let current = text;
      let blocks = parseIncrementally(current).blocks;
      for (let i = 0; i < 12; i++) {
        const at = Math.floor(next() * current.length);
        const removed = INSERTIONS[i % INSERTIONS.length] === '' ? Math.floor(next() * 40) : 0;
        current = current.slice(0, at) + INSERTIONS[i % INSERTIONS.length]! + current.slice(at + removed);
        const incremental = parseIncrementally(current, blocks);
        assert.deepEqual(incremental.tree, parseMarkdown(current), `edit ${i} at ${at}`);
        blocks = incremental.blocks;
      }
    });
  }

  it('keeps constructs that span blank lines whole: fences, HTML comments, loose lists, indented continuations', () => {
    const filler = 'Filler paragraph with enough words to make a block worth cutting. '.repeat(40);
    const text = joinLines(
      filler, '',
      '```', 'code', '', 'Not a paragraph: still code', '```', '',
      filler, '',
      '<!-- a comment', '', 'Still inside the comment', '-->', '',
      filler, '',
      '- item one', '', '- item two', '', '  continued item two', '',
      filler, '',
      '1. first', '', '2. second', '',
      filler,
    );
    assert.deepEqual(parseIncrementally(text).tree, parseMarkdown(text));
    const starts = blockStarts(text).map((start) => text.slice(start, start + 12));
    assert.ok(!starts.some((s) => /^(Not a|Still|- item|  cont|2\. sec)/.test(s)), starts.join(' | '));
  });

  it('does not take a fence inside a list item for a top-level one, whose real fences would then be misread', () => {
    const filler = 'Filler paragraph with enough words to make a block worth cutting. '.repeat(40);
    const text = joinLines(filler, '', '- item', '', '  ```', '  code', '', 'para1', '', '```', 'real code', '', filler, '```', '');
    assert.deepEqual(parseIncrementally(text).tree, parseMarkdown(text));
  });

  it('parses the whole text when a link or footnote definition could resolve across blocks', () => {
    const filler = 'Filler paragraph with enough words to make a block worth cutting. '.repeat(40);
    const text = joinLines('See [the report][r] and a note.[^1]', '', filler, '', filler, '', '[r]: https://example.org', '', '[^1]: The note.');
    const { tree } = parseIncrementally(text);
    assert.deepEqual(tree, parseMarkdown(text));
    assert.ok(JSON.stringify(tree).includes('"linkReference"'));
  });

  it('handles CRLF, an empty text and a text without a final newline', () => {
    for (const text of ['', 'one line', 'a\r\n\r\nb\r\n', `${'word '.repeat(600)}\r\n\r\nNext block\r\n\r\n${'word '.repeat(600)}`]) {
      assert.deepEqual(parseIncrementally(text).tree, parseMarkdown(text), JSON.stringify(text.slice(0, 20)));
    }
  });

  it('moves the nodes of unchanged blocks to their new place instead of copying them', () => {
    const seed = documents.filter((d) => d.name.startsWith('seeds/')).sort((a, b) => b.text.length - a.text.length)[0]!;
    const first = parseIncrementally(seed.text);
    const lastBlock = first.tree.children.at(-1)!;
    const lastEnd = { ...lastBlock.position!.end };
    // A line added in the first block: every later block moves by its characters and one line.
    const edited = seed.text.replace('\n', '\nA new line.\n');
    const second = parseIncrementally(edited, first.blocks);
    assert.equal(second.tree.children.at(-1), lastBlock, 'the same node object');
    assert.deepEqual(lastBlock.position!.end, { ...lastEnd, line: lastEnd.line + 1, offset: lastEnd.offset! + 12 });
    assert.deepEqual(second.tree, parseMarkdown(edited));
    assert.equal(second.blocks.parsed, 1);
  });

  it('re-parses only the edited block of an open document and analyses it as a whole parse would', () => {
    const seed = documents.find((d) => d.name.startsWith('seeds/002'))!;
    const analyzer = new OpenDocumentAnalyzer();
    const uri = 'file:///ws/002.txt';
    analyzer.analyze({ uri, version: 1, format: formatOf(uri), text: seed.text });
    const at = seed.text.indexOf('\n\n', seed.text.length / 2) + 2;
    const edited = `${seed.text.slice(0, at)}In 2019 the program cost $4.2 billion. ${seed.text.slice(at)}`;
    const before = parseIncrementally(seed.text).blocks;
    const after = parseIncrementally(edited, before).blocks;
    assert.equal(before.parsed, before.placed.length);
    assert.equal(after.parsed, 1, `${after.parsed} of ${after.placed.length} blocks parsed again`);
    const incremental = analyzer.analyze({ uri, version: 2, format: formatOf(uri), text: edited });
    const whole = analyzeDocument({ uri, version: 2, format: formatOf(uri), text: edited });
    assert.deepEqual({ ...incremental, lines: undefined }, { ...whole, lines: undefined });
    assert.ok(incremental.figures.figures.some((f) => edited.slice(f.span.start, f.span.end).includes('4.2 billion')));
  });
});
