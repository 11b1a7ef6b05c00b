import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/core/api';

describe('LineIndex (the one offset ↔ line/character conversion)', () => {
  it('counts UTF-16 code units on lines with non-ASCII text', () => {
    const text = 'Mérida ¹ 😀 TCO\nsecond';
    const lines = new LineIndex(text);
    // "😀" is two UTF-16 code units, so "TCO" starts at character 12.
    assert.deepEqual(lines.positionAt(text.indexOf('TCO')), { line: 0, character: 12 });
    assert.equal(lines.offsetAt({ line: 0, character: 12 }), text.indexOf('TCO'));
    assert.deepEqual(lines.positionAt(text.indexOf('second')), { line: 1, character: 0 });
  });

  it('treats CRLF and lone CR as one line break each', () => {
    const text = 'a\r\nbb\rccc\n';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(text.indexOf('bb')), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(text.indexOf('ccc')), { line: 2, character: 0 });
    assert.deepEqual(lines.lineSpan(0), { start: 0, end: 1 });
    assert.deepEqual(lines.lineSpan(1), { start: 3, end: 5 });
  });

  it('finds the same lines in a text with or without carriage returns', () => {
    // Texts with only "\n" breaks take a faster path: its lines must be those of the same text written with "\r\n".
    for (const text of ['', '\n', 'one', 'one\n', '\n\ntwo\n\nthree', 'a\nb\nc\n\n']) {
      const lf = new LineIndex(text);
      const crlf = new LineIndex(text.replace(/\n/g, '\r\n'));
      assert.equal(lf.lineCount, crlf.lineCount, JSON.stringify(text));
      assert.equal(lf.lineCount, text.split('\n').length, JSON.stringify(text));
      for (let line = 0; line < lf.lineCount; line++) {
        const [a, b] = [lf.lineSpan(line), crlf.lineSpan(line)];
        assert.equal(text.slice(a.start, a.end), text.replace(/\n/g, '\r\n').slice(b.start, b.end), `${JSON.stringify(text)} line ${line}`);
        assert.deepEqual(lf.positionAt(lf.lineSpan(line).end), { line, character: text.split('\n')[line]!.length });
      }
    }
  });

  it('clamps positions past a line end to before its break, and offsets past the text to its end', () => {
    const text = 'ab\r\ncd';
    const lines = new LineIndex(text);
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), text.length);
    assert.deepEqual(lines.positionAt(999), { line: 1, character: 2 });
  });
});
