import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Span } from '../types';

/** "004_report.txt:12" — a place as a reviewer reads it (1-based line). */
export function describePlace(index: WorkspaceIndex, uri: string, span: Span): string {
  const document = index.get(uri);
  const line = document ? document.lines.positionAt(span.start).line + 1 : 1;
  return `${baseName(uri)}:${line}`;
}

/** A Markdown link to a place, which VS Code opens at the line (`#L12`). */
export function linkToPlace(index: WorkspaceIndex, uri: string, span: Span): string {
  const document = index.get(uri);
  const line = document ? document.lines.positionAt(span.start).line + 1 : 1;
  return `[${baseName(uri)}:${line}](${uri}#L${line})`;
}

/** The last path segment of a URI, decoded. */
export function baseName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The sentence around a span, trimmed to at most `max` characters, on one line. */
export function sentenceAround(text: string, span: Span, max = 240): string {
  const before = text.slice(Math.max(0, span.start - max), span.start);
  const after = text.slice(span.end, span.end + max);
  const startCut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n\n'), before.lastIndexOf('\n-'));
  const endMatch = /[.!?](\s|$)|\n\n/.exec(after);
  const sentence = before.slice(startCut + 1) + text.slice(span.start, span.end) + after.slice(0, endMatch ? endMatch.index + 1 : after.length);
  return sentence.replace(/\s+/g, ' ').trim();
}
