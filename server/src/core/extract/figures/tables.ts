import type { Nodes } from 'mdast';
import { walk } from '../walk';
import { CURRENCY_WORDS, PERCENT, SCALE_WORDS, UNIT_WORDS, FUNCTION_WORDS } from './data';
import { isYearLike } from './noise';
import type { UnitHints } from './scanner';
import type { Span } from '../../types';

/** A cell of a table: its text as written (trimmed) and where that text is. */
export interface TableCell {
  text: string;
  span: Span;
}

/** A table as rows of cells; row 0 is the header row. Both GFM tables and tab-separated lines become one. */
export interface TableModel {
  rows: TableCell[][];
  span: Span;
}

/** GFM tables of the tree (or of one of its blocks: an edited document's re-read ones), cell spans trimmed to the cell's text. */
export function markdownTables(tree: Nodes, text: string, tables: TableModel[] = []): TableModel[] {
  walk(tree, (node) => {
    if (node.type !== 'table') return undefined;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return undefined;
    const rows = node.children.map((row) =>
      row.children.map((cell) => {
        const s = cell.position?.start.offset ?? start;
        const e = cell.position?.end.offset ?? s;
        return trimmedCell(text, s, e);
      }),
    );
    tables.push({ rows, span: { start, end } });
    return undefined;
  });
  return tables;
}

/**
 * Runs of consecutive lines holding tabs, split into cells at the tabs: the tables of slide decks and
 * PDF exports saved as text. A run where no line has two non-empty cells is not a table (indented prose).
 * `from` (a line start) and `to`: only the lines starting in [from, to) — an edited document's re-read lines, whose
 * edges its caller puts where no run goes on across them.
 */
export function tabSeparatedTables(text: string, from = 0, to = text.length): TableModel[] {
  const tables: TableModel[] = [];
  let run: { cells: TableCell[]; start: number; end: number }[] = [];
  const flush = () => {
    // Title lines above a table ("Trade with Mexico: 4.9 million") have one cell: prose, not the header row.
    while (run.length > 0 && run[0]!.cells.filter((c) => c.text !== '').length < 2) run.shift();
    if (run.length >= 2) tables.push({ rows: run.map((line) => line.cells), span: { start: run[0]!.start, end: run[run.length - 1]!.end } });
    run = [];
  };
  const line = /[^\r\n]*(?:\r\n|\n|\r|$)/gy;
  line.lastIndex = from;
  let m: RegExpExecArray | null;
  while (line.lastIndex < to && (m = line.exec(text))) {
    if (m[0].length === 0) break;
    const content = m[0].replace(/\r?\n$|\r$/, '');
    if (!content.includes('\t') || content.trim() === '') {
      flush();
      continue;
    }
    const cells: TableCell[] = [];
    let offset = m.index;
    for (const part of content.split('\t')) {
      cells.push(trimmedCell(text, offset, offset + part.length));
      offset += part.length + 1;
    }
    run.push({ cells, start: m.index, end: m.index + content.length });
  }
  flush();
  return tables;
}

function trimmedCell(text: string, start: number, end: number): TableCell {
  let s = start;
  let e = end;
  while (s < e && /[\s|]/.test(text[s]!)) s++;
  while (e > s && /[\s|]/.test(text[e - 1]!)) e--;
  return { text: text.slice(s, e), span: { start: s, end: e } };
}

const NUMERIC_CELL = /^[+\-−]?\s*(?:US\$|USD|\$|€|MX\$)?\s*\d[\d.,  ]*(?:\s?(?:K|M|B|bn|T|%|pp))?\+?\*?$/u;

/** Whether a cell holds just a number (perhaps with a sign, currency, scale suffix or percent sign). */
export function isNumericCell(masked: string): boolean {
  const text = masked.trim().replace(/\\/g, '');
  return NUMERIC_CELL.test(text) && !isYearLike(text);
}

/** Whether a cell is a label: it has letters, or it is a year ("2021", "2024 (FYTD)"). */
export function isLabelCell(masked: string): boolean {
  const text = masked.trim();
  if (text === '' || text === '-' || text === '—') return false;
  return isYearLike(text.slice(0, 4)) || (/\p{L}{2}/u.test(text) && !isNumericCell(text));
}

/**
 * A table of contents: every number in it is a whole number ending its line (a page number).
 * The TOC of a report exported as text is a tab-separated "table" like any other.
 */
export function isTableOfContents(rows: readonly (readonly string[])[]): boolean {
  let numbers = 0;
  for (const row of rows) {
    const filled = row.map((c) => c.trim()).filter((c) => c !== '');
    for (const [i, cell] of filled.entries()) {
      if (!isNumericCell(cell) || /^\d{1,2}\.$/.test(cell)) continue;
      if (!/^\d{1,4}$/.test(cell) || i !== filled.length - 1 || i === 0) return false;
      numbers++;
    }
  }
  return numbers >= 2;
}

/** A column of ranks or item numbers ("No.", "#", "Rank", or 1, 2, 3… down the column). */
export function isNumberingColumn(header: string, values: readonly string[]): boolean {
  if (/^(?:no\.?|n[º°]\.?|#|rank|ranking|item|núm\.?)$/i.test(header.trim())) return true;
  const numbers = values.map((v) => v.trim()).filter((v) => v !== '');
  return numbers.length >= 3 && numbers.every((v, i) => v === String(i + 1));
}

const SCALE_IN_HEADER = /(?<![\p{L}])(thousands|millions|billions|trillions|miles de millones|millones|miles de)(?![\p{L}])/iu;
const PER_IN_HEADER = /(?<![\p{L}])(?:per|por cada)\s+([\d,.]+)\s+([\p{L}\s-]+)/iu;

/**
 * What headers say about the numbers under or beside them: "Volume \$USD (Billions)" → USD, billion;
 * "Total (Pounds)" → pounds; "(% of adult population)" → percent; "(per 1000 live births)" → a rate per 1,000 births;
 * "Net Number of U.S. Jobs" → counted "jobs". The first header that says something wins for each hint.
 */
export function unitHints(headers: readonly string[], dollar: string): UnitHints {
  const hints: UnitHints = {};
  for (const header of headers) {
    const lower = header.toLowerCase().replace(/\\/g, '');
    const scale = SCALE_IN_HEADER.exec(lower);
    if (scale && !hints.scale) {
      const word = scale[1]!.replace(/ de$/, '').replace(/^miles$/, 'thousands');
      const factor = SCALE_WORDS.get(word) ?? (word === 'miles de millones' ? 1e9 : undefined);
      if (factor) hints.scale = { word: scale[1]!, factor };
    }
    const per = PER_IN_HEADER.exec(lower);
    if (per && !hints.per) {
      const size = Number(per[1]!.replace(/[,.]/g, ''));
      const noun = per[2]!.trim().split(/\s+/).pop()!;
      if (size > 1) hints.per = { size, noun };
    }
    if (!hints.currency && !hints.unit) {
      if (/\$|\busd\b|dollars?|dólares/.test(lower)) hints.currency = /peso|mxn/.test(lower) ? 'MXN' : /\busd\b|us\$/.test(lower) ? 'USD' : dollar;
      else if (/\bpesos?\b|\bmxn\b/.test(lower)) hints.currency = 'MXN';
      else if (/%|percent|por ciento/.test(lower)) hints.unit = PERCENT;
      else {
        for (const word of lower.match(/[\p{L}]+(?:-[\p{L}]+)?/gu) ?? []) {
          const unit = UNIT_WORDS.get(word);
          // Years, months and days in headers are periods, not units.
          if (unit && unit.dimension !== 'duration' && unit.dimension !== 'percentage-point' && !CURRENCY_WORDS.has(word)) {
            hints.unit = unit;
            break;
          }
        }
      }
    }
    // Only a header of several words names what is counted ("Net Number of U.S. Jobs"); "Mexico" or "Texas" labels a series.
    if (!hints.counted && header === headers[0] && /\s/.test(header.trim())) {
      const words = lower.replace(/\([^)]*\)/g, ' ').match(/[\p{L}][\p{L}.'-]*/gu) ?? [];
      const content = words.filter((w) => !FUNCTION_WORDS.has(w) && !UNIT_WORDS.has(w) && !SCALE_WORDS.has(w) && !CURRENCY_WORDS.has(w) && !/^(?:number|net|volume|value|amount|fiscal)$/.test(w));
      if (content.length > 0) hints.counted = content[content.length - 1]!;
    }
  }
  return hints;
}
