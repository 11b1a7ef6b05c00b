import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { parseAroundPlainBlocks } from './plainBlocks';

/**
 * The parts of GFM policy texts use: tables, footnotes and strikethrough (remark-gfm's own pieces, as remark-gfm
 * registers them). Not its autolink literals: finding bare URLs scans every character and made parsing ~1.5×
 * slower on the benchmark corpus, while the extractors mask URLs in the text themselves (figures/noise.ts).
 */
function gfmTablesAndNotes(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
}

// One frozen processor: building it per call costs more than parsing a short document.
const processor = unified().use(remarkParse).use(gfmTablesAndNotes).freeze();

/**
 * Parses a document's text into mdast. Plain-text documents are parsed as Markdown too:
 * policy `.txt` exports carry bold, tables, `\$` escapes and `<sup>` markers.
 * Node positions carry `offset`s into exactly this text (CRLF included).
 * Paragraphs and headings of plain prose are built without remark (see plainBlocks.ts); the tree is remark's.
 */
export function parseMarkdown(text: string): Root {
  return parseAroundPlainBlocks(text, parseWithRemark);
}

/** remark-parse alone on the whole text: what `parseMarkdown` must equal (tests, benchmark). */
export function parseWithRemark(text: string): Root {
  return processor.runSync(processor.parse(text)) as Root;
}
