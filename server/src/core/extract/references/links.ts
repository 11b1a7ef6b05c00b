import type { DocumentLink } from './types';

// A web address ends before white space, angle brackets, quotes, and trailing punctuation.
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"“”'`|]+/gi;

/**
 * Every web address in the text (running text and notes alike). Trailing sentence punctuation and
 * an unbalanced closing parenthesis are not part of the address: "(see https://x.org/a)." → "https://x.org/a".
 * `www.` addresses get an `https://` target.
 */
export function findLinks(text: string): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const match of text.matchAll(URL)) {
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
    links.push({ kind: 'document-link', url: target, span: { start: match.index, end: match.index + url.length } });
  }
  return links;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
