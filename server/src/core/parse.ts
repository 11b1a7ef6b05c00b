import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// One frozen processor: building it per call costs more than parsing a short document.
const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Parses a document's text into mdast. Plain-text documents are parsed as Markdown too:
 * policy `.txt` exports carry bold, tables, `\$` escapes and `<sup>` markers.
 * Node positions carry `offset`s into exactly this text (CRLF included).
 */
export function parseMarkdown(text: string): Root {
  return processor.runSync(processor.parse(text)) as Root;
}
