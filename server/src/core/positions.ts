import type { Span } from './types';

/** A zero-based line and UTF-16 character, the unit LSP and SARIF (utf16CodeUnits) both use. */
export interface LineCharacter {
  line: number;
  character: number;
}

/**
 * Converts between string offsets and line/character positions.
 * This is the one place positions change representation: the LSP layer and the CLI both use it.
 * A line break is "\n", "\r\n" or a lone "\r", as in LSP.
 */
export class LineIndex {
  // The text's length and each line break's width, not the text: an index kept with a closed document's analysis
  // would otherwise keep its whole text alive beside the compact copy the index keeps (see compactText.ts).
  readonly #length: number;
  /** A typed array: 4 bytes a line, not 8, kept with every closed document's analysis. */
  readonly #lineStarts: Int32Array;
  /** Per line, the width of the break ending it (1 or 2); absent when every break is "\n". */
  readonly #breakWidths: Uint8Array | undefined;

  constructor(text: string) {
    const starts = [0];
    this.#length = text.length;
    // Without a carriage return, line starts are where indexOf finds "\n": ~6× a loop over every character, and every
    // analysis builds one (each keystroke in the 359 KB seed; each of 2,000 documents on a warm restart).
    if (text.indexOf('\r') === -1) {
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
      this.#lineStarts = Int32Array.from(starts);
      this.#breakWidths = undefined;
      return;
    }
    const widths: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        const crlf = text.charCodeAt(i + 1) === 10;
        if (crlf) i++;
        widths.push(crlf ? 2 : 1);
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        widths.push(1);
        starts.push(i + 1);
      }
    }
    this.#lineStarts = Int32Array.from(starts);
    this.#breakWidths = Uint8Array.from(widths);
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  /** Offset → position; offsets outside the text are clamped. */
  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.#length));
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.#lineStarts[low]! };
  }

  /** Position → offset; a character past the end of its line clamps to the line end (before its break). */
  offsetAt(position: LineCharacter): number {
    if (position.line < 0) return 0;
    if (position.line >= this.#lineStarts.length) return this.#length;
    const { start, end } = this.lineSpan(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** The span of a whole line, without its line break. */
  lineSpan(line: number): Span {
    const start = this.#lineStarts[line] ?? this.#length;
    if (line + 1 >= this.#lineStarts.length) return { start, end: Math.max(start, this.#length) };
    // Every line but the last ends with a break: the next line starts right after it.
    const end = this.#lineStarts[line + 1]! - (this.#breakWidths ? this.#breakWidths[line]! : 1);
    return { start, end };
  }
}

/**
 * The start of the line before the line starting at `lineStart` (0 for the first two lines). `lastIndexOf` with
 * `lineStart - 2` below 0 looks at offset 0 anyway: from the line at offset 1 it found offset 0's break again and
 * walks up the text looped forever on a text opening with a blank line.
 */
export function previousLineStart(text: string, lineStart: number): number {
  return lineStart < 2 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
}
