/** What the core makes of a document's raw bytes. */
export type DecodedContent =
  | { kind: 'text'; text: string; warning?: string }
  | { kind: 'unreadable'; reason: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decodes a file's bytes as UTF-8. Binary content (a NUL byte in the first 8 KiB, as git decides)
 * is unreadable; invalid UTF-8 decodes with U+FFFD replacements and a warning, so a single bad byte
 * does not hide a whole report from analysis.
 */
export function decodeDocumentBytes(bytes: Uint8Array): DecodedContent {
  if (looksBinary(bytes)) return { kind: 'unreadable', reason: 'binary content (NUL bytes); not a text document' };
  try {
    return { kind: 'text', text: strictUtf8.decode(bytes) };
  } catch {
    const text = lenientUtf8.decode(bytes);
    let bad = 0;
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) bad++;
    return { kind: 'text', text, warning: `invalid UTF-8: ${bad} byte sequence${bad === 1 ? '' : 's'} replaced with U+FFFD` };
  }
}

/** Binary content, as git decides: a NUL byte in the first 8 KiB. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** Whether the bytes open with a UTF-8 byte order mark, which decoding drops from the text. */
export function hasByteOrderMark(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
