import type { DocumentLink } from './types';

// A web address ends before white space, angle brackets, quotes, and trailing punctuation.
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"“”'`|]+/gi;

/**
 * Every web address in the text (running text and notes alike). Trailing sentence punctuation and
 * an unbalanced closing parenthesis are not part of the address: "(see https://x.org/a)." → "https://x.org/a".
 * `www.` addresses get an `https://` target. Only addresses starting in [from, to) when given: an address never holds
 * a line break and `\b` reads one character before it (a line break), so a window of whole lines finds what the whole text would.
 */
export function findLinks(text: string, from = 0, to = text.length): DocumentLink[] {
  const links: DocumentLink[] = [];
  // A slice of the window, so that a scan past the window's last address stops at its end.
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const match of part.matchAll(URL)) {
    let url = match[0];
    for (;;) {
      const trimmed = url.replace(/[.,;:!?*_\]]+$/, '');
      const unbalanced = trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')');
      const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
      if (next === url) break;
      url = next;
    }
    if (url.length < 8) continue;
    const target = /^www\./i.test(url) ? `https://${url}` : url;
    links.push({ kind: 'document-link', url: target, span: { start: match.index + from, end: match.index + from + url.length } });
  }
  return links;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
