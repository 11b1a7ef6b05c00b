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
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { kind: 'unreadable', reason: 'binary content (NUL bytes); not a text document' };
  try {
    return { kind: 'text', text: strictUtf8.decode(bytes) };
  } catch {
    const text = lenientUtf8.decode(bytes);
    let bad = 0;
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) bad++;
    return { kind: 'text', text, warning: `invalid UTF-8: ${bad} byte sequence${bad === 1 ? '' : 's'} replaced with U+FFFD` };
  }
}
