import { firstMatchAtCandidates } from '../regExps';
import { FUNCTION_WORDS, PERSON_TITLES } from '../entities/data';

const FUNCTION_WORD_SET = new Set(FUNCTION_WORDS);
import type { Span } from '../types';
import { isAcronymShaped, singularAcronym } from '../entities/names';
import type { TextChunk } from './textChunks';

/**
 * An acronym expanded in the text, in any of the forms writers use:
 * - `parenthesised-acronym`: "Transnational Criminal Organizations (TCOs)"
 * - `parenthesised-expansion`: "HLED (High Level Economic Dialogue)"
 * - `or`: "Instituto Nacional Electoral, or INE"
 * - `known-as`: "World Resources Institute, known as WRI"
 *
 * For "Transnational Criminal Organizations (TCOs)": `{ acronym: 'TCO', expansion: 'Transnational Criminal Organizations',
 * span: <"TCOs">, expansionSpan: <"Transnational Criminal Organizations"> }`.
 * `translated` is set when the expansion's initials do not spell the acronym (a Spanish acronym after an English name,
 * "National Migration Service (INM)", or the reverse).
 */
export interface AcronymDefinition {
  kind: 'acronym-definition';
  acronym: string;
  expansion: string;
  form: 'parenthesised-acronym' | 'parenthesised-expansion' | 'or' | 'known-as';
  translated: boolean;
  span: Span;
  expansionSpan: Span;
}

/**
 * Two names given as one: "USMCA (T-MEC in Mexico)", "USMCA (T-MEC, CUSMA)", a nickname
 * ("Luis Carranza, known as Lucho"). `alias` is the new name, `name` the one it stands for.
 */
export interface AliasDefinition {
  kind: 'alias-definition';
  alias: string;
  aliasSpan: Span;
  name: string;
  nameSpan: Span;
}

/** A use of an acronym-shaped token ("TCOs", "USMCA", "T-MEC"), defined or not. */
export interface AcronymMention {
  kind: 'acronym-mention';
  /** Singular, as defined: "TCOs" → "TCO". */
  acronym: string;
  span: Span;
}

/** A set of words, or what answers for one (a set that remembers which words were looked up). */
export interface WordSet {
  has(word: string): boolean;
}

export interface AcronymExtract {
  definitions: AcronymDefinition[];
  aliases: AliasDefinition[];
  mentions: AcronymMention[];
}

const ACR = String.raw`\p{Lu}(?:[\p{Lu}\d&]|-(?=\p{Lu}))+`;
// Where an acronym can start, in plain ranges (a capital is A-Z or non-ASCII): a lookahead the engine scans for
// quickly, where a leading lookbehind and \p{Lu} would be tried at every position (7x faster over a text).
const ACR_START = String.raw`(?=[A-Z\u{80}-\u{10FFFF}][A-Z\d&\u{80}-\u{10FFFF}-])`;
// An all-capitals token of 2–10 characters, optionally with a plural "s": USMCA, TCOs, DHS, T-MEC.
// Sticky: tried only where ACRONYM_TOKEN_START finds a start (see nextAcronymToken).
const ACRONYM_TOKEN = new RegExp(String.raw`${ACR_START}(?<![\p{L}\p{N}.@/-])(${ACR})(s?)(?![\p{L}\p{N}@/]|[.-][\p{L}\p{N}])`, 'uy');
// ACR_START by UTF-16 code units, without the `u` flag (which makes the engine scan slowly): every position ACRONYM_TOKEN
// can match at, and a few more (its first code point is a capital or non-ASCII, its second continues an acronym or is non-ASCII).
const ACRONYM_TOKEN_START = /[A-Z\u0080-\uffff][A-Z\d&\u0080-\uffff-]/g;
// "(ACR)", "(ACRs)", "(ACR, CUSMA)", "(ACR, for its Spanish acronym)", "(T-MEC in Mexico)".
const PARENTHESISED_ACRONYM = new RegExp(String.raw`\(\s*(${ACR})(s?)\s*((?:[,;]|\s(?:in|en|por|for|by)\s)[^()]{0,60})?\)`, 'gu');
// "ACR (Long Name)".
const ACRONYM_THEN_PARENTHESIS = new RegExp(String.raw`${ACR_START}(?<![\p{L}\p{N}])(${ACR})(s?)\s+\(([^()]{3,120})\)`, 'gu');
// "Long Name, or ACR" / "Long Name, known as ACR" / "Long Name (known as ACR)".
const OR_KNOWN_AS = new RegExp(String.raw`(,?\s+\(?|\s\()(?:or|(?:also |widely |commonly |popularly |better )?known as|hereafter|hereinafter|called)\s+(?:the\s+)?[“"]?(${ACR})(s?)(?![\p{L}\p{N}])`, 'gu');
// "Name, known as Nickname" (a capitalised word that is not an acronym).
// What OR_KNOWN_AS needs, without the `u` flag (a fast scan): a cue after a space or "(", then spaces, maybe "the" and a
// quote, then a capital or a non-ASCII character.
const MAY_NAME_ACRONYM = /[\s(](?:or|known as|hereafter|hereinafter|called)\s+(?:the\s+)?[“"]?[A-Z\u0080-\uffff]/;
const KNOWN_AS_NICKNAME = /,?\s+(?:also |widely |commonly |popularly |better )?known as\s+[“"]?(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)[”"]?/gu;
const ROMAN_NUMERAL = /^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;
const CONNECTOR_WORDS = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'to', 'de', 'del', 'la', 'el', 'y', 'e', 'los', 'las', 'a', '&', 'against', 'with', 'at']);

/**
 * Finds acronym definitions (every form above), alias definitions and every acronym-shaped token.
 * A long name is accepted when the initials of its words, read backwards from the acronym, spell it
 * (connector words such as "of", "de" may be skipped, one capitalised word may be dropped); failing that,
 * a run of capitalised words right before "(ACR)" sharing at least half of its letters is taken as a
 * translation. Words the document also writes in lower case, tokens in shouted runs ("AMBASSADOR EARL WAYNE") and Roman numerals are not acronyms.
 * Each text node is read on its own (nothing crosses from one to the next). With `into`, appends to its lists and returns it.
 */
export function findAcronyms(chunks: readonly TextChunk[], regionCodes: ReadonlySet<string>, lowerWords: WordSet = new Set(), into?: AcronymExtract): AcronymExtract {
  const { definitions, aliases, mentions } = into ?? { definitions: [], aliases: [], mentions: [] };
  for (const { value, base } of chunks) {
    findMentions(value, base, regionCodes, lowerWords, mentions);
    // Most text nodes hold none of the cues below: a cheap test skips each whole-node scan (they cost 590 ms over 400
    // documents; 120 ms with the tests).
    if (value.includes('(')) {
      findParenthesisedAcronyms(value, base, definitions, aliases);
      if (mayHaveAcronymThenParenthesis(value)) findAcronymsThenParenthesis(value, base, definitions);
    }
    if (MAY_NAME_ACRONYM.test(value)) findOrKnownAs(value, base, definitions);
    if (value.includes('known as')) findNicknames(value, base, aliases);
  }
  return into ?? { definitions, aliases, mentions };
}

/** Every acronym-shaped token of `value` not in a shouted line, a region code, a Roman numeral or a word also written in lower case. */
function findMentions(value: string, base: number, regionCodes: ReadonlySet<string>, lowerWords: WordSet, mentions: AcronymMention[]): void {
  // Lines hold several tokens: judge each line once.
  let shoutedLines: Map<number, boolean> | undefined;
  for (let match = nextAcronymToken(value, 0); match !== null; match = nextAcronymToken(value, match.index + match[0].length)) {
    const acronym = match[1]!;
    // A word the document also writes in lower case ("FACT SHEET", "CONTENTS") is shouted, not an acronym.
    if (ROMAN_NUMERAL.test(acronym) || regionCodes.has(acronym) || lowerWords.has(acronym.toLowerCase()) || inCapitalisedRun(value, match.index, (shoutedLines ??= new Map()))) continue;
    const start = base + match.index;
    mentions.push({ kind: 'acronym-mention', acronym, span: { start, end: start + match[0].length } });
  }
}

/**
 * The first match of ACRONYM_TOKEN at or after `from`, as `matchAll` would give it: the positions ACRONYM_TOKEN_START
 * finds are the only ones it can match at, and the regex is only tried there (48 ms instead of 160 ms over 400 documents:
 * without the `u` flag the engine scans fast, and these positions are few).
 */
function nextAcronymToken(value: string, from: number): RegExpExecArray | null {
  return firstMatchAtCandidates(value, from, ACRONYM_TOKEN_START, ACRONYM_TOKEN);
}

/** "Long Name (ACR)", and "USMCA (T-MEC in Mexico)" (an alias) when no long name spells the acronym. */
function findParenthesisedAcronyms(value: string, base: number, definitions: AcronymDefinition[], aliases: AliasDefinition[]): void {
  for (const match of value.matchAll(PARENTHESISED_ACRONYM)) {
    const acronym = match[1]!;
    const at = match.index + match[0].indexOf(acronym);
    const span = { start: base + at, end: base + at + acronym.length + match[2]!.length };
    const expansion = expansionBefore(value, match.index, acronym);
    if (expansion) {
      definitions.push({ kind: 'acronym-definition', acronym, expansion: expansion.text, form: 'parenthesised-acronym', translated: expansion.translated, span, expansionSpan: { start: base + expansion.start, end: base + expansion.end } });
    } else {
      // "USMCA (T-MEC in Mexico)", "USMCA (T-MEC, CUSMA)": the parenthesis renames the acronym before it.
      const previous = /(\p{Lu}(?:[\p{Lu}\d&]|-(?=\p{Lu}))+)s?\s*$/u.exec(value.slice(0, match.index));
      if (previous && isAcronymShaped(previous[1]!)) {
        const nameStart = base + previous.index;
        const nameSpan = { start: nameStart, end: nameStart + previous[1]!.length };
        aliases.push({ kind: 'alias-definition', alias: acronym, aliasSpan: span, name: previous[1]!, nameSpan });
        for (const other of (match[3] ?? '').matchAll(new RegExp(String.raw`(?<=^[,;]\s*|,\s*)(${ACR})(?=\s*(?:,|$))`, 'gu'))) {
          const otherStart = base + match.index + match[0].indexOf(match[3]!) + other.index;
          aliases.push({ kind: 'alias-definition', alias: other[1]!, aliasSpan: { start: otherStart, end: otherStart + other[1]!.length }, name: previous[1]!, nameSpan });
        }
      }
    }
  }
}

/**
 * Whether some "(" in `value` follows spaces after a character that can end an acronym (or its plural "s"): what
 * ACRONYM_THEN_PARENTHESIS needs. A non-ASCII character on the way may be a space or a capital: taken as a yes.
 */
function mayHaveAcronymThenParenthesis(value: string): boolean {
  for (let open = value.indexOf('('); open !== -1; open = value.indexOf('(', open + 1)) {
    let at = open - 1;
    for (; at >= 0; at--) {
      const code = value.charCodeAt(at);
      if (code >= 0x80) return true;
      if (code !== 32 && (code < 9 || code > 13)) break;
    }
    if (at === open - 1) continue;
    if (at >= 0 && value.charCodeAt(at) === 115 /* s */) at--;
    if (at >= 0 && mayEndAcronym(value.charCodeAt(at))) return true;
  }
  return false;
}

/** `[\p{Lu}\d&]` for ASCII; yes for anything else. */
const mayEndAcronym = (code: number) => (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 38 /* & */ || code >= 0x80;

/** "ACR (Long Name)". */
function findAcronymsThenParenthesis(value: string, base: number, definitions: AcronymDefinition[]): void {
  for (const match of value.matchAll(ACRONYM_THEN_PARENTHESIS)) {
    const acronym = match[1]!;
    const inner = match[3]!;
    const innerStart = match.index + match[0].lastIndexOf('(') + 1;
    const expansion = expansionBefore(inner, inner.length, acronym, true);
    if (!expansion || expansion.start > 0) continue;
    const start = base + match.index;
    definitions.push({ kind: 'acronym-definition', acronym, expansion: expansion.text, form: 'parenthesised-expansion', translated: expansion.translated, span: { start, end: start + acronym.length + match[2]!.length }, expansionSpan: { start: base + innerStart, end: base + innerStart + expansion.end } });
  }
}

/** "Long Name, or ACR", "Long Name, known as ACR", "Long Name (known as ACR)". */
function findOrKnownAs(value: string, base: number, definitions: AcronymDefinition[]): void {
  for (const match of value.matchAll(OR_KNOWN_AS)) {
    const acronym = match[2]!;
    const expansion = expansionBefore(value, match.index, acronym);
    if (!expansion) continue;
    const at = match.index + match[0].lastIndexOf(acronym);
    const span = { start: base + at, end: base + at + acronym.length + match[3]!.length };
    const form = /known as|called|hereafter|hereinafter/.test(match[0]) ? 'known-as' : 'or';
    definitions.push({ kind: 'acronym-definition', acronym, expansion: expansion.text, form, translated: false, span, expansionSpan: { start: base + expansion.start, end: base + expansion.end } });
  }
}

/** "Luis Carranza, known as Lucho". */
function findNicknames(value: string, base: number, aliases: AliasDefinition[]): void {
  for (const match of value.matchAll(KNOWN_AS_NICKNAME)) {
    const run = capitalisedRunBefore(value, match.index);
    const name = run && withoutTitle(run);
    if (!name || name.words < 2) continue;
    const nickname = match[1]!;
    const at = match.index + match[0].lastIndexOf(nickname);
    aliases.push({ kind: 'alias-definition', alias: nickname, aliasSpan: { start: base + at, end: base + at + nickname.length }, name: name.text, nameSpan: { start: base + name.start, end: base + name.end } });
  }
}

interface Expansion {
  text: string;
  start: number;
  end: number;
  translated: boolean;
}

/**
 * The long name ending at `end` in `value` whose initials spell `acronym`, or (unless `strictOnly`) a run
 * of at least two capitalised words right before `end` sharing half the acronym's letters.
 */
function expansionBefore(value: string, end: number, acronym: string, allowLowerStart = false, strictOnly = false): Expansion | undefined {
  const before = value.slice(0, endBeforeSpacesAndCommas(value, end));
  const strict = initialsMatch(before, acronym);
  if (strict !== undefined) {
    const text = before.slice(strict).trim();
    if (allowLowerStart || /^[\p{Lu}\d]/u.test(text) || /\p{Lu}/u.test(text)) return { text, start: strict, end: before.length, translated: false };
  }
  if (strictOnly) return undefined;
  const run = capitalisedRunBefore(before, before.length);
  if (!run || run.words < 2) return undefined;
  const initials = [...run.text.matchAll(/(?<![\p{L}'’])\p{Lu}/gu)].map((m) => m[0]);
  const letters = [...singularAcronym(acronym).replace(/[^\p{Lu}]/gu, '')];
  const shared = letters.filter((letter) => initials.includes(letter)).length;
  if (shared * 2 < letters.length) return undefined;
  return { text: run.text, start: run.start, end: run.end, translated: true };
}

const NAME_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*|&/gu;
/** What a reader of words backwards answers when it reached the first word of its tail of the text and wanted more. */
const RAN_OUT = -1;

/**
 * `read(from)` for tails of `text[0, end)` starting after a space, longer and longer, until it does not answer RAN_OUT.
 * The words of a tail are the words of the text starting in it (no word holds a space). The readers read backwards
 * from the end and seldom far, where listing every word before the end made each definition cost the whole text node
 * (expansionBefore 105 -> 75 ms over 400 documents; quadratic in a long node with many definitions).
 */
function readingBackwards<T>(text: string, end: number, read: (from: number) => T | typeof RAN_OUT): T {
  for (let length = 200; ; length *= 4) {
    const from = end - length <= 0 ? 0 : text.lastIndexOf(' ', end - length) + 1;
    const result = read(from);
    if (result !== RAN_OUT || from === 0) return result as T;
  }
}

/** The words of `text[from, end)`, with their offsets in `text`. */
function nameWords(text: string, from: number, end: number): { word: string; index: number }[] {
  const words: { word: string; index: number }[] = [];
  for (const match of text.slice(from, end).matchAll(NAME_WORD)) words.push({ word: match[0], index: from + match.index });
  return words;
}

/** Where `value.slice(0, end).replace(/[\s,]+$/u, '')` ends, without a regex run over all of it. */
function endBeforeSpacesAndCommas(value: string, end: number): number {
  let at = end;
  while (at > 0 && isSpaceOrComma(value.charCodeAt(at - 1))) at--;
  return at;
}

/** `[\s,]`: ASCII spaces, line breaks and commas, and the Unicode spaces. */
function isSpaceOrComma(code: number): boolean {
  if (code < 128) return code === 32 || code === 44 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Start offset in `before` of the words whose initials, read backwards, spell `acronym`; `undefined` when they do not. */
function initialsMatch(before: string, acronymWithPlural: string): number | undefined {
  const acronym = singularAcronym(acronymWithPlural).replace(/[^\p{Lu}\d]/gu, '');
  return readingBackwards(before, before.length, (from) => initialsMatchFrom(before, from, acronym));
}

/** `initialsMatch` reading the words of `before` from `from` on, or RAN_OUT when it needs an earlier one. */
function initialsMatchFrom(before: string, from: number, acronym: string): number | undefined | typeof RAN_OUT {
  const words = nameWords(before, from, before.length);
  let letter = acronym.length - 1;
  let first = words.length;
  let skipped = 0;
  let w = words.length - 1;
  for (; w >= 0 && letter >= 0; w--) {
    const word = words[w]!.word.replace(/['’]s$/u, '');
    if (CONNECTOR_WORDS.has(word.toLowerCase()) && first < words.length) continue;
    // Hyphenated names give one initial per part: "U.S.-Mexico-Canada" → U, S, M, C.
    let initials = word.split('-').filter(Boolean).flatMap(initialsOf);
    // "Inter-American Development Bank (IDB)": a hyphenated word may also give a single initial.
    if (initials.length > 1 && initials[initials.length - 1] !== acronym[letter]) initials = [word[0]!.toUpperCase()];
    if (initials[initials.length - 1] !== acronym[letter]) {
      // Writers drop a word now and then ("U.S.-Mexico-Canada Trade Agreement (USMCA)"): allow one, inside the name.
      if (skipped > 0 || first === words.length || !/^\p{Lu}/u.test(word)) return undefined;
      skipped++;
      continue;
    }
    for (let i = initials.length - 1; i >= 0 && letter >= 0; i--) {
      if (initials[i] !== acronym[letter]) return undefined;
      letter--;
    }
    first = w;
  }
  if (letter >= 0 && w < 0 && from > 0) return RAN_OUT;
  if (letter >= 0 || first === words.length) return undefined;
  return words[first]!.index;
}

/** "Mexico" → ["M"]; "U.S." → ["U", "S"] (dotted abbreviations spell each letter); "USAID" → its capitals. */
function initialsOf(part: string): string[] {
  if (/^(\p{Lu}\.)+$/u.test(part)) return part.split('.').filter(Boolean);
  return [part[0]!.toUpperCase()];
}

/** The run of capitalised words (with connectors inside) ending at `end`: "Comisión Nacional del Agua". */
export function capitalisedRunBefore(value: string, end: number): { text: string; start: number; end: number; words: number } | undefined {
  return readingBackwards(value, end, (from) => capitalisedRunFrom(value, from, end));
}

/** `capitalisedRunBefore` reading the words of `value` from `from` on, or RAN_OUT when it needs an earlier one. */
function capitalisedRunFrom(value: string, from: number, end: number): { text: string; start: number; end: number; words: number } | undefined | typeof RAN_OUT {
  const words = nameWords(value, from, end);
  let first = -1;
  let count = 0;
  let w = words.length - 1;
  for (; w >= 0; w--) {
    const word = words[w]!;
    const gapEnd = w === words.length - 1 ? end : words[w + 1]!.index;
    if (!/^\s*$/u.test(value.slice(word.index + word.word.length, gapEnd))) break;
    if (/^\p{Lu}/u.test(word.word)) {
      first = w;
      count++;
    } else if (!CONNECTOR_WORDS.has(word.word.toLowerCase()) || first === -1) {
      break;
    }
  }
  if (w < 0 && from > 0) return RAN_OUT;
  if (first === -1) return undefined;
  // "The Comisión Nacional del Agua", "Its National Migration Service": a sentence's first word is not part of the name.
  while (FUNCTION_WORD_SET.has(words[first]!.word) && count > 1) {
    first++;
    count--;
    while (first < words.length && !/^\p{Lu}/u.test(words[first]!.word)) first++;
  }
  const start = words[first]!.index;
  const text = value.slice(start, end).trim();
  return { text, start, end: start + text.length, words: count };
}

const TITLE_PREFIX = new RegExp(`^(?:${PERSON_TITLES.map((t) => t.replace(/[.]/g, '\\.')).join('|')})\\s+`, 'u');

/** "President Luis Carranza" → "Luis Carranza": the nickname belongs to the person, not to the title. */
function withoutTitle(run: { text: string; start: number; end: number; words: number }) {
  const title = TITLE_PREFIX.exec(run.text);
  if (!title) return run;
  return { text: run.text.slice(title[0].length), start: run.start + title[0].length, end: run.end, words: run.words - title[0].trim().split(/\s+/).length };
}

const LOWER_ASCII_NOT_S = /[a-rt-z]/;

/** Whether the token at `start` sits on a line written all in capitals ("AMBASSADOR EARL WAYNE", "CAREER AMBASSADOR (RET.)"): a shouted title, not acronyms. */
function inCapitalisedRun(value: string, start: number, judged: Map<number, boolean>): boolean {
  const lineStart = value.lastIndexOf('\n', start - 1) + 1;
  let shouted = judged.get(lineStart);
  if (shouted === undefined) {
    const newline = value.indexOf('\n', start);
    const line = value.slice(lineStart, newline === -1 ? value.length : newline);
    // A lower-case ASCII letter other than "s" settles it without the `u` regexes (most lines are prose; 200 -> 10 ms over 400 documents).
    shouted = !LOWER_ASCII_NOT_S.test(line) && !/\p{Ll}/u.test(line.replace(/(?<=\p{Lu})s\b/gu, '')) && (line.match(/\p{L}{2,}/gu)?.length ?? 0) >= 2;
    judged.set(lineStart, shouted);
  }
  return shouted;
}
