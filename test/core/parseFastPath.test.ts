import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Root } from 'mdast';
import { parseMarkdown, parseWithRemark } from '../../server/src/core/parse';
import { AUTOLINKS, LIST, parseAroundPlainBlocks, plainBlocks } from '../../server/src/core/plainBlocks';
import { seedsAndFixtures } from '../helpers/corpus';
import { seededRandom } from '../helpers/random';
import { joinLines } from '../helpers/text';

const corpus = seedsAndFixtures;

/** The fast parse, and whether it kept its plain paragraphs (remark ran once) or fell back to a whole parse. */
function fastParse(text: string): { tree: Root; remarkRuns: number } {
  let remarkRuns = 0;
  const tree = parseAroundPlainBlocks(text, (t) => {
    remarkRuns++;
    return parseWithRemark(t);
  });
  return { tree, remarkRuns };
}

/** The fast parse of `text` kept its plain blocks (remark ran once) and gave remark's tree. */
function assertKeptAsRemarkParses(text: string): void {
  const { tree, remarkRuns } = fastParse(text);
  assert.deepStrictEqual(tree, parseWithRemark(text), JSON.stringify(text));
  assert.equal(remarkRuns, 1, JSON.stringify(text));
}

const plainShare = (text: string) => plainBlocks(text).reduce((sum, p) => sum + p.end - p.start, 0) / Math.max(1, text.length);

describe('parsing plain paragraphs and headings without remark gives the tree remark gives', () => {
  const documents = corpus();

  for (const { name, text } of documents) {
    for (const [variant, input] of [['LF', text], ['CRLF', text.replace(/\r?\n/g, '\r\n')]] as const) {
      it(`${name} (${variant})`, () => {
        const { tree, remarkRuns } = fastParse(input);
        assert.deepStrictEqual(tree, parseWithRemark(input));
        assert.equal(remarkRuns, 1, 'no placeholder should have needed a whole parse');
      });
    }
  }

  it('takes most of the seeds’ bytes past remark (otherwise nothing is saved)', () => {
    const seeds = documents.filter((d) => d.name.startsWith('seeds/'));
    const share = seeds.reduce((sum, d) => sum + plainShare(d.text) * d.text.length, 0) / seeds.reduce((sum, d) => sum + d.text.length, 0);
    assert.ok(share > 0.5, `plain share ${share}`);
    for (const { text } of seeds) assert.deepStrictEqual(parseMarkdown(text), parseWithRemark(text));
  });

  it('builds lines with indents, trailing spaces and tabs, CRLF and no final newline as remark does', () => {
    const texts = [
      '',
      'one line',
      'one line  ',
      'a \t\nb',
      'a\t  \nb',
      'a \n   \t  b  c\t \n',
      'abc\r\n  def \r\n\r\nnext\t',
      'first\r\n\tsecond\r\n    third  \r\n',
      'x\n\n- a\n\nplain',
      ' \t \nafter whitespace\n \t\n',
      'Mérida ¹ 😀 TCO!\n> not a quote #1 $4.2 (a) e.g. U.S.\n',
      '## Heading  \r\nText right after\r\n# Another\t\r\n\r\n###\tTab',
      'It cost \\$4.2 billion \\\\ \\a R&D & snake_case [119] ![x] [^1] see]\n  \\[not a link\\]  \n# A \\$5 heading',
      'A **strong** word,  \r\n  *emphasis\r\nacross lines* and a \\*literal\\* star **  \r\n# **Bold** heading *x*',
    ];
    for (const text of texts) assertKeptAsRemarkParses(text);
    assert.ok(plainBlocks('abc\r\n  def \r\n').length === 1 && plainBlocks('a \t\nb')[0]!.rewritten);
    // Taken by the fast path, not left to remark: headings around a paragraph, escapes and inert brackets.
    assert.deepEqual(plainBlocks(texts.at(-3)!).map((b) => b.depth), [2, 0, 1, 3]);
    assert.deepEqual(plainBlocks(texts.at(-2)!).map((b) => [b.depth, b.rewritten]), [[0, true], [1, true]]);
    assert.deepEqual(plainBlocks(texts.at(-1)!).map((b) => [b.depth, b.pairs.length / 3, b.breaks]), [[0, 2, true], [1, 2, false]]);
  });

  it('builds URL autolinks as remark does, and leaves other uses of `<` to remark', () => {
    const texts = [
      'Retrieved from <https://www.example.org/report_2020.pdf?a=1&b=*2*> on 3 May.',
      'Two <http://a.b/x\\y> and <ftp://ü.example/ä>  \nbroken <https://x.y/[1]>',
      '# Sources <https://a.b>\n\n- See <https://c.d/e_f>\n- plain item\n',
      '\\<https://not.a.link> but <https://a.link>',
    ];
    for (const text of texts) {
      assertKeptAsRemarkParses(text);
      assert.ok(plainBlocks(text).length > 0, `built here: ${JSON.stringify(text)}`);
    }
    for (const text of ['mail <a@b.co>', 'html <b>x</b>', 'a <a:b c> d', 'x <1a:x>', '<:x>', 'a <' + 'a'.repeat(33) + ':x>', '*em* <https://a.b>']) {
      assert.deepEqual(plainBlocks(text), [], JSON.stringify(text));
      assert.deepStrictEqual(parseMarkdown(text), parseWithRemark(text), JSON.stringify(text));
    }
  });

  it('leaves syntax and block starts to remark', () => {
    for (const text of ['a\\\nb', '***', 'x*y*z', '* a', '** *', '*a **b** c*', '**a*', '[a] *b*', 'a ***b***', 'a &amp; b', 'AT&T;', 'a\n===', 'a\n:-', 'a\n-:', '1. a', '2019) a', 'a\n> b', '# a #', '#a', '####### a', ' # a', 'a | b', '\tcode', '  indented', '_a_', 'a_ b', 'see [x](y)', '[a]\n\n[a]: /url', '# a\n  b']) {
      assert.deepEqual(plainBlocks(text), [], JSON.stringify(text));
      assert.deepStrictEqual(parseMarkdown(text), parseWithRemark(text), JSON.stringify(text));
    }
  });

  it('falls back to a whole parse when a candidate is not a top-level paragraph (a fence inside a list item)', () => {
    // The scanner takes the indented ``` for a top-level fence and the ``` after "para" for its end, so it
    // proposes "plain inside" — which is inside the fence that ``` really opens.
    const text = joinLines('- item', '', '  ```', '  code', '', 'para', '', '```', 'real code', '', 'plain inside', '', '```', '');
    assert.ok(plainBlocks(text).some((p) => text.startsWith('plain inside', p.start)));
    const { tree, remarkRuns } = fastParse(text);
    assert.equal(remarkRuns, 2);
    assert.deepStrictEqual(tree, parseWithRemark(text));
  });

  it('matches remark on 3,000 generated texts mixing plain paragraphs and headings with everything that could confuse them', () => {
    const next = seededRandom(20240611);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    let fellBack = 0;
    let kept = 0;
    let headings = 0;
    let rewritten = 0;
    let emphasis = 0;
    let breaks = 0;
    let lists = 0;
    let autolinks = 0;
    for (let i = 0; i < 3000; i++) {
      const text = generatedText(next, pick);
      const { tree, remarkRuns } = fastParse(text);
      assert.deepStrictEqual(tree, parseWithRemark(text), `text #${i}: ${JSON.stringify(text)}`);
      const blocks = plainBlocks(text);
      if (remarkRuns === 2) fellBack++;
      else if (blocks.length > 0) {
        kept++;
        headings += blocks.filter((b) => b.depth > 0).length;
        rewritten += blocks.filter((b) => b.rewritten).length;
        emphasis += blocks.filter((b) => b.pairs.length > 0).length;
        breaks += blocks.filter((b) => b.breaks).length;
        lists += blocks.filter((b) => b.depth === LIST).length;
        autolinks += blocks.filter((b) => b.syntax & AUTOLINKS).length;
      }
    }
    // The comparison means something only if most texts kept plain blocks, of every kind; some must exercise the check.
    const counts = `kept ${kept}, headings ${headings}, rewritten ${rewritten}, emphasis ${emphasis}, breaks ${breaks}, lists ${lists}, autolinks ${autolinks}`;
    // (A block with both emphasis and an autolink is left to remark: fewer build emphasis since autolinks are words.)
    assert.ok(kept > 700 && headings > 150 && rewritten > 400 && emphasis > 150 && breaks > 40 && lists > 0 && autolinks > 150, counts);
    assert.ok(fellBack > 0 && fellBack < 300, `fell back ${fellBack}`);
  });
});

describe('parsing bullet lists without remark gives the tree remark gives', () => {
  it('builds a list only where nothing around it could change it', () => {
    const lists = (text: string) => plainBlocks(text).filter((b) => b.depth === LIST).map((b) => `${b.spread ? 'loose' : 'tight'} ${b.items!.length}`);
    const cases: [string, string[]][] = [
      ['Intro.\n\n- **One:** a\n- Two\n\n', ['tight 2']],
      ['- a\n\n\n- b\n- c', ['loose 3']],
      ['# Goals\n\n- a\n\nAfter.\n', ['tight 1']],
      ['Intro:\n- a\n', []], // interrupts a paragraph
      ['- a\nlazy\n', []], // a lazy continuation
      ['- a\n\n  more\n', []], // the item's second paragraph
      ['- a\n\n* b\n', []], // another list right after
      ['> quote\n\n- a\n', []], // after what remark parses
      ['- a\n\n```\ncode\n```\n', []], // before what remark parses
    ];
    for (const [text, expected] of cases) {
      assert.deepEqual(lists(text), expected, JSON.stringify(text));
      assert.deepStrictEqual(parseMarkdown(text), parseWithRemark(text), JSON.stringify(text));
    }
  });

  it('matches remark on 1,500 generated texts of paragraphs, headings and lists, tight and loose, continued and nested', () => {
    const next = seededRandom(20261123);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    let lists = 0;
    let items = 0;
    let loose = 0;
    let fellBack = 0;
    for (let i = 0; i < 1500; i++) {
      const blocks = Array.from({ length: 1 + Math.floor(next() * 6) }, () => {
        const kind = next();
        const simple = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(['Plain', 'The', 'In']) + ' ' + pick(['words', 'U.S.', 'Mérida', '$4.2 billion', '50%', '**bold**', 'e.g.'])).join('\n');
        return kind < 0.3 ? simple() : kind < 0.4 ? paragraph(next, pick) : kind < 0.5 ? heading(next, pick) : list(next, pick);
      });
      let text = '';
      for (const block of blocks) text += (text === '' ? pick(['', '', '\n']) : pick(['\n\n', '\n\n', '\n\n', '\n \n', '\n', '\n\n\n'])) + block;
      text += pick(['', '\n', '\n\n']);
      if (next() < 0.2) text = text.replace(/\n/g, '\r\n');
      const { tree, remarkRuns } = fastParse(text);
      assert.deepStrictEqual(tree, parseWithRemark(text), `text #${i}: ${JSON.stringify(text)}`);
      if (remarkRuns === 2) fellBack++;
      const built = plainBlocks(text).filter((b) => b.depth === LIST);
      lists += built.length;
      items += built.reduce((sum, b) => sum + b.items!.length, 0);
      loose += built.filter((b) => b.spread).length;
    }
    // Meaningful only if many lists were built here rather than left to remark.
    assert.ok(lists > 150 && items > 300 && loose > 20, `lists ${lists}, items ${items}, loose ${loose}`);
    assert.ok(fellBack < 30, `fell back ${fellBack}`);
  });
});

const WORDS = [
  'policy', 'the', 'Mérida', 'U.S.', '$4.2', 'billion', '(a)', 'e.g.', '—', '😀', '2019', '!', '>', '#5', ':', '-', '+', '=', '1.', 'x)',
  '"quoted"', '50%', '@', '^', '{b}', '\u00a0',
  // Inert syntax the scanner takes: escapes, `&` without `;`, `_` inside words, brackets without definitions.
  '\\$4.2', '\\\\', '\\a', '\\', '\\*', '\\[', '\\]', '\\_', 'R&D', '&', '&copy', 'snake_case', 'a__b', '[119]', '[a][b]', '![img]', '[^1]', 'see]', '[open',
  // Emphasis it builds when runs pair up simply, and runs that do not.
  '**bold**', '*it*', '**two', 'words**', '*em', 'em*', '*', '**', '"*q*"', '(**p**)', '**.**',
  // URL autolinks, whose characters are all the link's (`*`, `_`, `&`, `\\`, brackets, non-ASCII).
  '<https://example.com/a_b?c=1&d=2>', '<HTTP://X.Y/*z*>', '<a+b.c-d:x\\y>', '<https://ü.example/ä]([x]>', 'at <ftp://host/~u>.', '(<mailto:a@b.c>)',
];
// Near misses it must leave to remark: references, `_` that may emphasise, links, definitions.
const NEAR_MISSES = ['&amp;', 'AT&T;', '&#35;', '&#x;', '_lead', 'trail_', '[x](y)', '](', 'a]:', '\\#', '***', '_em_', 'x*y',
  // What `<` also opens: e-mail autolinks, HTML, and brackets that are neither (a space, no scheme, one letter, 33).
  '<a@b.co>', '<b>', '</i>', '<a:b c>', '<:x>', '<a:x', '<1a:x>', '<x:<y>', '<a:b\tc>', '\\<https://x>', '<' + 'a'.repeat(33) + ':x>', '<' + 'a'.repeat(32) + ':x>'];
const INDENTS = ['', '', '', ' ', '  ', '   ', '    ', '\t', ' \t', '      '];
const TRAILING = ['', '', '', '', ' ', '  ', '   ', '\t', ' \t', '\t ', '  \t'];
// Lines that start or end blocks, or carry inline syntax, dropped into paragraphs and between them.
const TRICKY = [
  '1. first', '1) first', '2019. A year', '12 items', '- item', '+ item', '* item', '-', '- ', '# Heading', '#hashtag', '> quote', '>',
  '=', '===', '---', '- - -', '***', '___', ':-', '-:', ':-:', '| a | b |', '|---|---|', 'a | b', '    code', '\tcode',
  '```', '~~~', '```js', '  ```', '<!-- comment', '-->', '<div>', '</div>', '<pre>', '</pre>', '<?php', '?>', '<!DOCTYPE html>',
  '<![CDATA[', ']]>', '[a]: /url', '[^1]: A note.', 'See [x][a].', 'A note.[^1]', 'a &amp; b', '&copy', 'line\\', 'a \\ b',
  '<https://start.example/line>', '<http://a.b> starts a line', '<https://a.b', '<div>https://a.b</div>', '*bold*', '_it_', '~~gone~~', '** *', '*\t', '**bold** start', '* * *', '`code`', '<b>x</b>', 'a\u0000b', 'a\rb', '\u00a0lead', 'trailing  ', 'tab\t',
];

function plainLine(next: () => number, pick: <T>(items: readonly T[]) => T): string {
  const words = Array.from({ length: 1 + Math.floor(next() * 8) }, () => pick(next() < 0.03 ? NEAR_MISSES : WORDS));
  // A line may not start with what starts a block; keep some that do, for the scanner to refuse.
  if (next() < 0.8) words.unshift(pick(['Plain', 'words', 'The', 'In', 'Mérida', '2019', 'x']));
  return words.join(pick([' ', ' ', ' ', '  ', '\t']));
}

function heading(next: () => number, pick: <T>(items: readonly T[]) => T): string {
  // Mostly headings the scanner takes; also seven #s, an indent, no space, closing #s.
  return pick(['#', '##', '###', '######', '#', '##', '#######', ' #']) + pick([' ', ' ', ' ', '\t', '  ', '']) + plainLine(next, pick) + pick(['', '', '', '', ' #', ' ##  ', '#']) + pick(TRAILING);
}

function paragraph(next: () => number, pick: <T>(items: readonly T[]) => T): string {
  // Lines of a paragraph, and headings right before, after or between them (no blank line needed).
  const lines = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => (next() < 0.15 ? heading(next, pick) : (i > 0 ? pick(INDENTS) : '') + plainLine(next, pick) + pick(TRAILING)));
  if (next() < 0.25) lines.splice(Math.floor(next() * (lines.length + 1)), 0, pick(INDENTS.slice(0, 5)) + pick(TRICKY));
  return lines.join('\n');
}

function construct(next: () => number, pick: <T>(items: readonly T[]) => T): string {
  const p = () => plainLine(next, pick);
  switch (Math.floor(next() * 16)) {
    case 0: return joinLines('- one', '', '- two', '', '  continued two', '', '  ' + p());
    case 1: return joinLines('1. first', '', '2. second', '    indented continuation', '', p());
    case 2: return joinLines(pick(['```', '~~~', '  ```', '````']), p(), '', p(), '', pick(['```', '~~~', '````', '']));
    case 3: return joinLines('<!-- a comment', '', p(), '', '-->');
    case 4: return joinLines('<div>', p(), '', p());
    case 5: return joinLines(p(), pick(['===', '---', '  ---', ':-', '-:|']));
    case 6: return joinLines('| a | b |', '| - | :-: |', '| 1 | 2 |', p());
    case 7: return joinLines('> ' + p(), p(), '>', '> ' + p());
    case 8: return joinLines('    code', '', '\tmore code', '    ', '    end');
    case 9: return joinLines('[a]: https://example.org "Title"', '', 'See [the report][a] and [a].');
    case 10: return joinLines('A note.[^1]', '', '[^1]: The note.', '', '    Its second paragraph.');
    case 11: return joinLines('- item', '', '  ```', '  code', '', p(), '', '```', p(), '', p(), '', '```');
    case 12: return joinLines('<pre>', '', p(), '</pre>');
    case 13:
    case 14: return list(next, pick);
    default: return pick(TRICKY);
  }
}

/**
 * A bullet list: mostly tight lists of one-line `- ` items the scanner builds, and what would change them for remark:
 * blank lines between items (a loose list), lazy and indented continuation lines, other markers, nested blocks, tabs.
 */
function list(next: () => number, pick: <T>(items: readonly T[]) => T): string {
  const items = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
    // Mostly words the scanner takes, sometimes with the inline syntax a paragraph may hold, sometimes a block start.
    const words = next() < 0.6 ? Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(['Objective', 'the', 'U.S.', 'Mérida', '$4.2', 'billion', '50%', '(a)', '—'])).join(' ') : plainLine(next, pick);
    const content = next() < 0.1 ? pick(TRICKY) : (next() < 0.3 ? pick(['**Bold:** ', '*It* ', '**A**', '[1] ', '\\* ']) : '') + words;
    return (next() < 0.92 ? '- ' : pick(['* ', '+ ', '-\t', '-  ', ' - ', '-', '1. '])) + content + pick(TRAILING);
  });
  const lines: string[] = [];
  for (const [i, item] of items.entries()) {
    if (i > 0 && next() < 0.15) lines.push(...pick([[''], [' '], ['', '']]));
    lines.push(item);
    if (next() < 0.05) lines.push(pick(['lazy continuation', '  indented continuation', '    code?', '', '  ']) );
  }
  return lines.join('\n');
}

function generatedText(next: () => number, pick: <T>(items: readonly T[]) => T): string {
  const blocks = Array.from({ length: Math.floor(next() * 9) }, () => {
    const kind = next();
    return kind < 0.5 ? paragraph(next, pick) : kind < 0.6 ? heading(next, pick) : construct(next, pick);
  });
  let text = '';
  for (const block of blocks) text += (text === '' ? pick(['', '', '\n', ' \n']) : pick(['\n\n', '\n\n', '\n \n', '\n\t\n\n', '\n', '\n\n\n'])) + block;
  text += pick(['', '\n', '\n\n', '\n  ', ' \n\t']);
  if (next() < 0.3) text = text.replace(/\n/g, '\r\n');
  if (next() < 0.02) text = '\ufeff' + text;
  return text;
}
