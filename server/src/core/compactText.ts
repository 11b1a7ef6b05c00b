import type { DocumentAnalysis } from './document';

/** The code unit that stands for a wide character in a compact text's one-byte string (any would do: it is patched). */
const STAND_IN = 0x1a;
/** Above this share of wide characters (CJK, Cyrillic text), a compact text would be no smaller. */
const MOST_WIDE = 1 / 8;
/** How many whole texts stay decoded: a hover or a rule reads one document's text several times in a row. */
const DECODED_KEPT = 4;
/** Characters per compressed block: a slice inflates only its blocks (~28 µs for 8,192 characters, 44 % of their size). */
const BLOCK = 8192;
/** How many inflated blocks stay decoded: the entity table's matching reads a document's slices in text order. */
const BLOCKS_KEPT = 32;

/**
 * A compression of one-byte strings. The core does not depend on Node's zlib: the server gives it one
 * (`compressCompactTexts`); without, a compact text keeps its one-byte string as it is.
 */
export interface TextCodec {
  compress(oneByte: string): Uint8Array;
  decompress(bytes: Uint8Array): string;
}

let codec: TextCodec | undefined;

/** Makes the compact texts made from now on compressed with `textCodec` (or not, with `undefined`). */
export function compressCompactTexts(textCodec: TextCodec | undefined): void {
  codec = textCodec;
}

/**
 * A document's text in about half the memory. V8 stores a string with any character above U+00FF at two bytes per
 * character, and nearly every report has a few (curly quotes, dashes): the 2,000 texts of the benchmark took 226 MB
 * of the server's heap. Here the characters up to U+00FF are a one-byte string, at the same UTF-16 offsets, and the
 * few others are listed by offset beside it. A slice without them is a slice of the one-byte string. With a codec
 * (the server's), the one-byte string is kept compressed in blocks of `BLOCK` characters instead: 112 → ~50 MB on
 * the benchmark, each slice inflating only the blocks it reads (the last `BLOCKS_KEPT` stay decoded).
 */
export class CompactText {
  readonly length: number;
  /** The text with each wide character replaced by STAND_IN; undefined when it is kept compressed. */
  readonly #narrow: string | undefined;
  /** The compressed blocks of that text, one after the other, and where each ends in `#packed`. */
  readonly #packed: Uint8Array | undefined;
  readonly #blockEnds: Uint32Array | undefined;
  readonly #codec: TextCodec | undefined;
  /** Offsets of the wide characters, ascending, and their code units. */
  readonly #wideAt: Uint32Array;
  readonly #wideCode: Uint16Array;

  private constructor(narrow: string, wideAt: Uint32Array, wideCode: Uint16Array, textCodec: TextCodec | undefined) {
    this.length = narrow.length;
    this.#wideAt = wideAt;
    this.#wideCode = wideCode;
    if (!textCodec) {
      this.#narrow = narrow;
      return;
    }
    const blocks: Uint8Array[] = [];
    for (let at = 0; at < narrow.length; at += BLOCK) blocks.push(textCodec.compress(narrow.slice(at, at + BLOCK)));
    const ends = new Uint32Array(blocks.length);
    let size = 0;
    blocks.forEach((block, b) => (ends[b] = size += block.length));
    // One array of its own: the codec's buffers may be views into larger ones.
    const packed = new Uint8Array(size);
    blocks.forEach((block, b) => packed.set(block, b === 0 ? 0 : ends[b - 1]));
    this.#packed = packed;
    this.#blockEnds = ends;
    this.#codec = textCodec;
  }

  /**
   * The compact form of `text`, or `undefined` when it would not be smaller: many wide characters, or none and no
   * codec (such a text is a one-byte string already).
   */
  static of(text: string): CompactText | undefined {
    let wide = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) wide++;
    if ((wide === 0 && !codec) || wide > text.length * MOST_WIDE || text.length === 0) return undefined;
    const wideAt = new Uint32Array(wide);
    const wideCode = new Uint16Array(wide);
    for (let i = 0, k = 0; k < wide; i++) {
      const code = text.charCodeAt(i);
      if (code > 0xff) {
        wideAt[k] = i;
        wideCode[k++] = code;
      }
    }
    return new CompactText(wide === 0 ? text : oneByteString(text), wideAt, wideCode, codec);
  }

  /** Whether the one-byte text is kept compressed. */
  get compressed(): boolean {
    return this.#packed !== undefined;
  }

  /** The characters from `start` to `end` (clamped like `String.prototype.slice` with non-negative bounds). */
  slice(start: number, end: number = this.length): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    let k = this.#firstWideFrom(start);
    if (k === this.#wideAt.length || this.#wideAt[k]! >= end) return this.#narrowSlice(start, end);
    let result = '';
    let from = start;
    for (; k < this.#wideAt.length && this.#wideAt[k]! < end; k++) {
      const at = this.#wideAt[k]!;
      result += this.#narrowSlice(from, at) + String.fromCharCode(this.#wideCode[k]!);
      from = at + 1;
    }
    return result + this.#narrowSlice(from, end);
  }

  /** The whole text, decoded; the last few decoded are kept. */
  toString(): string {
    for (const [text, decoded] of recentlyDecoded) if (text === this) return decoded;
    const decoded = this.#decode();
    recentlyDecoded.unshift([this, decoded]);
    if (recentlyDecoded.length > DECODED_KEPT) recentlyDecoded.pop();
    return decoded;
  }

  /** Whether the text holds `ascii` (only characters below U+0080: those are the same in the one-byte string). */
  includesAscii(ascii: string): boolean {
    if (this.#narrow !== undefined) return this.#narrow.includes(ascii);
    // Block by block, each after the end of the one before it (where an occurrence may begin).
    let before = '';
    for (let b = 0; b < this.#blockEnds!.length; b++) {
      const block = this.#block(b);
      if ((before + block).includes(ascii)) return true;
      before = block.slice(Math.max(0, block.length - ascii.length + 1));
    }
    return false;
  }

  #decode(): string {
    const narrow = this.#narrow ?? this.#narrowSlice(0, this.length);
    const parts: string[] = [];
    let from = 0;
    for (let k = 0; k < this.#wideAt.length; k++) {
      const at = this.#wideAt[k]!;
      parts.push(narrow.slice(from, at), String.fromCharCode(this.#wideCode[k]!));
      from = at + 1;
    }
    parts.push(narrow.slice(from));
    return parts.join('');
  }

  /** The one-byte text from `start` to `end` (within bounds, `start` ≤ `end`). */
  #narrowSlice(start: number, end: number): string {
    if (this.#narrow !== undefined) return this.#narrow.slice(start, end);
    if (start === end) return '';
    const first = Math.floor(start / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    if (first === last) return this.#block(first).slice(start - first * BLOCK, end - first * BLOCK);
    let result = this.#block(first).slice(start - first * BLOCK);
    for (let b = first + 1; b < last; b++) result += this.#block(b);
    return result + this.#block(last).slice(0, end - last * BLOCK);
  }

  /** Block `b` of the one-byte text, inflated (or as kept from a recent read). */
  #block(b: number): string {
    for (let i = 0; i < recentBlocks.length; i++) {
      const kept = recentBlocks[i]!;
      if (kept.text === this && kept.block === b) {
        if (i > 0) {
          recentBlocks.splice(i, 1);
          recentBlocks.unshift(kept);
        }
        return kept.value;
      }
    }
    const ends = this.#blockEnds!;
    const value = this.#codec!.decompress(this.#packed!.subarray(b === 0 ? 0 : ends[b - 1], ends[b]));
    recentBlocks.unshift({ text: this, block: b, value });
    if (recentBlocks.length > BLOCKS_KEPT) recentBlocks.pop();
    return value;
  }

  /** The index of the first wide character at or after `offset` (binary search). */
  #firstWideFrom(offset: number): number {
    let low = 0;
    let high = this.#wideAt.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#wideAt[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

const recentlyDecoded: [CompactText, string][] = [];
const recentBlocks: { text: CompactText; block: number; value: string }[] = [];

/** Lets the texts and blocks decoded last go (the server's idle collection; memory tests). */
export function forgetDecodedTexts(): void {
  recentlyDecoded.length = 0;
  recentBlocks.length = 0;
}

/**
 * `text` with every character above U+00FF replaced by STAND_IN, as a one-byte string. Node's latin1 round trip makes
 * it in ~0.08 ms for a 58 KB text (a character-code loop took 0.5 ms, `replace` left it two-byte in part).
 */
function oneByteString(text: string): string {
  const withStandIns = text.replace(/[^\u0000-\u00ff]/g, String.fromCharCode(STAND_IN));
  const nodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: 'latin1'): { toString(encoding: 'latin1'): string } } }).Buffer;
  if (nodeBuffer) return nodeBuffer.from(withStandIns, 'latin1').toString('latin1');
  // Outside Node: String.fromCharCode of codes up to U+00FF makes one-byte strings.
  const parts: string[] = [];
  for (let i = 0; i < withStandIns.length; i += 4096) {
    const codes: number[] = [];
    for (let j = i; j < Math.min(withStandIns.length, i + 4096); j++) codes.push(withStandIns.charCodeAt(j));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/**
 * A closed document's analysis whose text is kept compact: the same fields, and `text` decoded when read (rules and
 * hovers read it rarely; the entity table's matching reads slices, through `textSlice`). A class, not a property
 * defined on the analysis: V8 turns an object whose data property becomes an accessor into a slow dictionary.
 * Spreading it (`{ ...analysis }`) loses `text`: copy it explicitly.
 */
class CompactTextAnalysis {
  readonly compactText: CompactText;
  constructor(compactText: CompactText) {
    this.compactText = compactText;
  }
  get text(): string {
    return this.compactText.toString();
  }
}

/**
 * The analysis with its text kept compact (a new object with the same records), or the analysis itself when that
 * would not save memory. For closed documents, whose text the server rarely reads again.
 */
export function withCompactText(analysis: DocumentAnalysis): DocumentAnalysis {
  if (analysis instanceof CompactTextAnalysis) return analysis;
  const compact = CompactText.of(analysis.text);
  if (!compact) return analysis;
  const result = new CompactTextAnalysis(compact) as unknown as Record<string, unknown>;
  for (const key of Object.keys(analysis)) if (key !== 'text') result[key] = (analysis as unknown as Record<string, unknown>)[key];
  return result as unknown as DocumentAnalysis;
}

/** `document.text.slice(start, end)` without decoding a compact text whole: the entity table's matching reads runs' words. */
export function textSlice(document: DocumentAnalysis, start: number, end: number): string {
  return document instanceof CompactTextAnalysis ? document.compactText.slice(start, end) : document.text.slice(start, end);
}

/** Whether the document's text holds `ascii`, without decoding a compact text whole. */
export function textIncludesAscii(document: DocumentAnalysis, ascii: string): boolean {
  return document instanceof CompactTextAnalysis ? document.compactText.includesAscii(ascii) : document.text.includes(ascii);
}
