/**
 * The top-level Markdown constructs that go on across blank lines, as CommonMark defines them: fenced code until its
 * closing fence, and HTML blocks of kinds 1–5 until their end marker. The block cutter of incremental parsing and the
 * plain-block scanner both need to know when a blank line does not end what came before it.
 */

/** An opening code fence, up to three spaces in: group 1 is its marker (a backtick fence's info has no backtick). */
export const FENCE_OPEN = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;

// CommonMark HTML blocks 1–5: [how one starts, how it ends].
const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Whether `line` closes a fence opened with `fence` (the same character, at least as many). */
export function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?\n?$/.exec(line);
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
}

/** When `line` opens an HTML block of kind 1–5 that it does not also close, the pattern of the line that ends it. */
export function htmlBlockEnd(line: string): RegExp | undefined {
  const html = HTML_BLOCKS.find(([start]) => start.test(line));
  return html && !html[1].test(line.replace(html[0], '')) ? html[1] : undefined;
}
