import { MONTHS } from './data';

/**
 * Digit runs that are not statistics, blanked out (same length, so offsets stay valid) before scanning.
 * Each pattern is one kind of noise; the scanner never sees what they match.
 */
const MONTH_NAMES = [...MONTHS.keys()].map((m) => m.replace('.', '\\.')).sort((a, b) => b.length - a.length).join('|');

// Ordinals written with superscript markup: "3<sup>rd</sup>".
const SUPERSCRIPT_ORDINAL = /\d+(?=<sup>(?:st|nd|rd|th|er|o|a)<\/sup>)/g;
// Section numbers and list numbering at the start of a line: "4.1 Data…", "## 1. Overview", "01.\tPutting…", "2) …".
const NUMBERED_LINE_PATTERNS: readonly RegExp[] = [
  /^[ \t>*-]*(?:#{1,6}[ \t]+)?(?:\d+[.)])+\d*(?=[ \t]+[\p{Lu}"“*_(\[])/gmu,
  /^[ \t]*\d+(?:\.\d+)+(?=[ \t]+\p{L})/gmu,
];

// A pattern that opens with a lookbehind or \b is tried at every position; a leading (?=\d) lets the engine
// skip to the digits first (5-10x faster, same matches).
const NOISE_PATTERNS: readonly RegExp[] = [
  // URLs, autolinks and e-mail addresses.
  /<?(?:https?:\/\/|www\.)[^\s<>)\]"]+>?/gi,
  // Markdown link destinations "](…)" and footnote references "[^3]".
  /\]\([^)\s]*\)/g,
  /\[\^[^\]\s]*\]/g,
  // Footnote markers: "<sup>5</sup>", "^{4,5}", "^5".
  /<sup>.*?<\/sup>/gis,
  /\^\{[^}]*\}/g,
  /\^\d+/g,
  // Phone numbers and hyphenated identifiers of three or more groups: "1-800-555-0199", "(555) 123-4567", "12-10-0011-01".
  /(?:\+\d{1,3}[ .-]?)?\(\d{2,3}\)[ .-]?\d{3,4}[ .-]\d{4}\b/g,
  /\+\d{1,3}(?:[ .-]\d{1,4}){2,}\b/g,
  /\b\d+(?:-\d+){2,}\b/g,
  /\b\d{3}[.]\d{3}[.]\d{4}\b/g,
  // Times of day "10:30", ratios "3:1", fractions and slashed dates "9/11", "24/7".
  /\b\d{1,2}:\d{2}\b/g,
  /\b\d+\/\d+(?:\/\d+)?\b/g,
  // Ordinals "21st", "2nd", "10º", Spanish "1er"/"3ra"; decades "1990s".
  /(?=\d)\b\d+(?:st|nd|rd|th|º|°|ª|er|do|ra|ro|vo|to)\b/giu,
  /\b\d+(?:'|’)?s\b/g,
  // Digits glued to letters: "COVID-19", "H2-B", "G20", "T-MEC"-like codes, "H1N1", and footnote digits after a word or punctuation ("border.12").
  /(?=\d)(?<=\p{L}-?)\d[\d.,]*/gu,
  /(?=\d)(?<=\p{L}[.,;:!?]|[)”"’])\d{1,3}(?![\d.,]*\d)(?=[\s,;:.)]|$)/gu,
  SUPERSCRIPT_ORDINAL,
  // Codes written with a space: "COVID 19"; fiscal years "FY 22", "FY2023", and "2022 & 23".
  /(?=\d)(?<=\b(?!USD|MXN|CAD|EUR|GBP)\p{Lu}{3,}[ -])\d{1,2}\b(?![.,]\d)/gu,
  /(?=\d)(?<=\b(?:FY|fiscal year|año fiscal)\s?'?)\d{2,4}\b/giu,
  /(?=\d)(?<=\b(?:18|19|20)\d{2}\s?(?:&|and|y|-|–|\/)\s?)\d{2}\b(?![.,]\d)/gu,
  // A bare number opening a line before an all-caps word: endnote numbers ("10 WHDPC …") and slide labels
  // ("1 PRESIDENT", "1 HEAD OF GOVERNMENT"), which count titles, not quantities.
  /(?=\d)(?<=^[ \t>*_#-]*)\d{1,3}(?=[ \t]+\p{Lu}{2,}(?![\p{Ll}]))(?![ \t]+(?:USD|MXN|CAD|EUR|GBP|US\$|KM|MW|GW|TWH)\b)/gmu,
  // Bracketed citation numbers: "[37] Felbab-Brown…", "[4, 5]".
  /\[\d{1,3}(?:\s?[,–-]\s?\d{1,3})*\]/g,
  // "#1", "No. 5" are ranks and ids.
  /#\s?\d+/g,
  ...NUMBERED_LINE_PATTERNS,
];

// Day numbers in dates: "February 9, 2017", "9 February 2017", "9 de febrero de 2017", "October 8". The year is kept (it is a period).
// Both patterns start at the digits (rare) rather than at every word, which keeps masking fast.
const DAY_AFTER_MONTH = new RegExp(`(?=\\d)(?<=\\b(?:${MONTH_NAMES}),?\\s+)\\d{1,2}(?=(?:st|nd|rd|th)?\\b)(?!\\s*(?:%|percent|million|billion|thousand))`, 'giu');
const DAY_BEFORE_MONTH = new RegExp(`(?=\\d)(?<![\\p{N}.,])\\d{1,2}(?=(?:st|nd|rd|th)?\\s+(?:of\\s+|de\\s+)?(?:${MONTH_NAMES})\\b)`, 'giu');

const EMAIL_DOMAIN = /@[\p{L}\p{N}.-]+\.\p{L}{2,}/uy;
const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;

/** Blanks out Markdown escapes and emphasis marks that sit between a number's parts ("\$", "**37 million**"). */
const MARKUP = /\\(?=[$%*_\-.#+()[\]&])|\*+|<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>|<!--[\s\S]*?-->/gi;

/**
 * Patterns whose matches can hold a line break and reach any distance ("<sup>…</sup>", "^{…}", "[4,\n5]", "#\n5",
 * HTML tags and comments): an incremental mask reruns them over the whole text (cheap: each starts at a rare
 * character). Every other pattern is line-bounded (see `lineNoise`).
 */
const CROSSING_PATTERNS: readonly RegExp[] = [NOISE_PATTERNS[3]!, NOISE_PATTERNS[4]!, NOISE_PATTERNS[21]!, NOISE_PATTERNS[22]!, MARKUP];
const LINE_PATTERNS: readonly RegExp[] = [...NOISE_PATTERNS.filter((_, i) => i !== 3 && i !== 4 && i !== 21 && i !== 22), DAY_AFTER_MONTH, DAY_BEFORE_MONTH];
/**
 * The line patterns opening with `(?=\d)`: each also needs something other than a digit right before its first digit
 * (a lookbehind, `\b`), so it can match only where a run of digits starts. Scanning for those starts without the `u`
 * flag and trying each pattern there (sticky) finds the same matches as scanning the text with each pattern, which the
 * engine does slowly under `u` (590 -> 77 ms over 400 documents).
 */
const DIGIT_LED_PATTERNS: readonly RegExp[] = LINE_PATTERNS.filter((pattern) => pattern.source.startsWith('(?=\\d)')).map((pattern) => new RegExp(pattern.source, `${pattern.flags}y`));
/**
 * NUMBERED_LINE_PATTERNS match at a line start followed by "[ \t>*#-]*" and a digit: a scan for the line breaks before
 * such lines (without `u` or `m`, under which the engine scans slowly) finds them, and each pattern is tried there,
 * sticky (48 -> 15 ms over 400 documents).
 */
const BREAK_BEFORE_NUMBERED_LINE = /[\n\r\u2028\u2029](?=[ \t>*#-]*\d)/g;
const NUMBERED_LINE_AT: readonly RegExp[] = NUMBERED_LINE_PATTERNS.map((pattern) => new RegExp(pattern.source, `${pattern.flags}y`));
const SCANNED_LINE_PATTERNS: readonly RegExp[] = LINE_PATTERNS.filter((pattern) => !pattern.source.startsWith('(?=\\d)') && !NUMBERED_LINE_PATTERNS.includes(pattern));
const DIGIT_RUN = /\d+/g;

/** A document's noise mask, with what an incremental update of it needs. */
export interface NoiseMask {
  masked: string;
  /** The matches of `CROSSING_PATTERNS`, in pattern order. */
  crossing: [number, number][];
  /** After `remask`: the stretch of the new text where the mask may differ from the previous one (moved), if anywhere. */
  changed?: [number, number];
}

/**
 * Returns `text` with every noise digit run, URL, footnote marker and markup mark replaced by spaces.
 * Same length as `text`: an offset in one is the same offset in the other.
 */
export function maskNoise(text: string): string {
  return noiseMask(text).masked;
}

export function noiseMask(text: string): NoiseMask {
  const crossing = crossingNoise(text);
  return { masked: blankSpans(text, [...lineNoise(text, 0, text.length, text.length), ...crossing]), crossing };
}

/**
 * The mask of `text` from the mask of its previous version, re-masking only the lines of `window` (whole lines of
 * the new text, from a line start to a line end, around the change; `windowEnd - delta` is its end in the old text).
 * Why that is exact: the matches of `LINE_PATTERNS` hold no line break, so their scans start afresh on every
 * line, and a line's matches depend on its own text, except for lookarounds that read across whitespace:
 * "FY\n22", "2019 and\n20" (two lines back), "March\n\n9" (back and forward over blank lines), "9 of\n\nMarch"
 * (two non-blank lines forward). The caller makes the window reach three non-blank lines past the changed lines on
 * both sides. The crossing patterns are rerun everywhere; if any of their matches changed outside the window
 * or straddles its edge, returns undefined (the caller masks the whole text). `readEnd`, three non-blank lines
 * past the window, bounds the scans (what a match in the window can read).
 */
export function remask(previous: NoiseMask, text: string, delta: number, windowStart: number, windowEnd: number, readEnd: number): NoiseMask | undefined {
  const crossing = crossingNoise(text);
  const inside: [number, number][] = [];
  const ahead = (s: [number, number]) => s[1] <= windowStart;
  const oldAfter = (s: [number, number]) => s[0] >= windowEnd - delta;
  const outsideOld = previous.crossing.filter((s) => ahead(s) || oldAfter(s));
  if (previous.crossing.some((s) => !ahead(s) && !oldAfter(s) && (s[0] < windowStart || s[1] > windowEnd - delta))) return undefined;
  let o = 0;
  for (const span of crossing) {
    if (ahead(span) || span[0] >= windowEnd) {
      const old = outsideOld[o++];
      if (!old) return undefined;
      const shift = ahead(span) ? 0 : delta;
      if (old[0] + shift !== span[0] || old[1] + shift !== span[1] || ahead(old) !== ahead(span)) return undefined;
    } else if (span[0] >= windowStart && span[1] <= windowEnd) inside.push([span[0] - windowStart, span[1] - windowStart]);
    else return undefined;
  }
  if (o !== outsideOld.length) return undefined;
  for (const [start, end] of lineNoise(text, windowStart, windowEnd, readEnd)) inside.push([start - windowStart, end - windowStart]);
  const middle = blankSpans(text.slice(windowStart, windowEnd), inside);
  const before = previous.masked.slice(windowStart, windowEnd - delta);
  const shorter = Math.min(middle.length, before.length);
  let prefix = 0;
  while (prefix < shorter && middle.charCodeAt(prefix) === before.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && middle.charCodeAt(middle.length - 1 - suffix) === before.charCodeAt(before.length - 1 - suffix)) suffix++;
  return {
    masked: previous.masked.slice(0, windowStart) + middle + previous.masked.slice(windowEnd - delta),
    crossing,
    changed: [windowStart + prefix, windowEnd - suffix],
  };
}

function crossingNoise(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of CROSSING_PATTERNS) {
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text))) {
      spans.push([match.index, match.index + match[0].length]);
      if (match[0].length === 0) pattern.lastIndex++;
    }
  }
  return spans;
}

/**
 * The matches of the line-bounded patterns that start in [from, to), scanning the text from `from` (a line start)
 * to `readEnd` (far enough past `to` for the lookarounds of those matches; without a bound, a scan finding
 * nothing more in the window would go on to the end of the text).
 */
function lineNoise(fullText: string, from: number, to: number, readEnd: number): [number, number][] {
  const text = readEnd < fullText.length ? fullText.slice(0, readEnd) : fullText;
  const spans: [number, number][] = [];
  digitLedNoise(text, from, to, spans);
  numberedLineNoise(text, from, to, spans);
  for (const pattern of SCANNED_LINE_PATTERNS) {
    // A superscript ordinal needs a "<sup>" after its digits: most texts have none (20 ms over 400 documents).
    if (pattern === SUPERSCRIPT_ORDINAL && !text.includes('<sup>', from)) continue;
    pattern.lastIndex = from;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text)) && match.index < to) {
      spans.push([match.index, match.index + match[0].length]);
      if (match[0].length === 0) pattern.lastIndex++;
    }
    // matchAll elsewhere starts from a pattern's lastIndex.
    pattern.lastIndex = 0;
  }
  // E-mail addresses, found from their "@" (a pattern starting anywhere in a word costs a rescan of every word).
  for (let at = text.indexOf('@', from); at !== -1 && at < to; at = text.indexOf('@', at + 1)) {
    EMAIL_DOMAIN.lastIndex = at;
    const domain = EMAIL_DOMAIN.exec(text);
    if (!domain) continue;
    let start = at;
    while (start > 0 && EMAIL_LOCAL_CHAR.test(text[start - 1]!)) start--;
    if (start < at) spans.push([start, at + domain[0].length]);
  }
  return spans;
}

/** Appends to `spans` the matches of DIGIT_LED_PATTERNS starting in [from, to), as scanning `text` from `from` with each finds them. */
function digitLedNoise(text: string, from: number, to: number, spans: [number, number][]): void {
  // Where each pattern's previous match ends: its scan resumes there.
  const resume = DIGIT_LED_PATTERNS.map(() => from);
  DIGIT_RUN.lastIndex = from;
  for (let run = DIGIT_RUN.exec(text); run !== null && run.index < to; run = DIGIT_RUN.exec(text)) {
    for (let k = 0; k < DIGIT_LED_PATTERNS.length; k++) {
      if (run.index < resume[k]!) continue;
      const pattern = DIGIT_LED_PATTERNS[k]!;
      pattern.lastIndex = run.index;
      const match = pattern.exec(text);
      if (match === null) continue;
      spans.push([match.index, match.index + match[0].length]);
      resume[k] = match.index + Math.max(1, match[0].length);
    }
  }
  DIGIT_RUN.lastIndex = 0;
}

/** Appends to `spans` the matches of NUMBERED_LINE_PATTERNS starting in [from, to), as scanning `text` from `from` with each finds them. */
function numberedLineNoise(text: string, from: number, to: number, spans: [number, number][]): void {
  // Where each pattern's previous match ends: its scan resumes there.
  const resume = NUMBERED_LINE_AT.map(() => from);
  BREAK_BEFORE_NUMBERED_LINE.lastIndex = from;
  // `from` may start a line too.
  for (let line = from; line !== -1 && line < to; line = nextNumberedLine(text)) {
    for (let k = 0; k < NUMBERED_LINE_AT.length; k++) {
      if (line < resume[k]!) continue;
      const pattern = NUMBERED_LINE_AT[k]!;
      pattern.lastIndex = line;
      const match = pattern.exec(text);
      if (match === null) continue;
      spans.push([match.index, match.index + match[0].length]);
      resume[k] = match.index + Math.max(1, match[0].length);
    }
  }
  BREAK_BEFORE_NUMBERED_LINE.lastIndex = 0;
}

/** The start of the next line found by BREAK_BEFORE_NUMBERED_LINE, or -1. */
function nextNumberedLine(text: string): number {
  const lineBreak = BREAK_BEFORE_NUMBERED_LINE.exec(text);
  return lineBreak === null ? -1 : lineBreak.index + 1;
}

/** `text` with the given spans replaced by spaces, line breaks and tabs kept (so lines and table cells stay put). */
function blankSpans(text: string, spans: [number, number][]): string {
  spans.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    parts.push(text.slice(at, from), text.slice(from, end).replace(/[^\r\n\t]/g, ' '));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Whether an integer literal reads as a calendar year (1800–2100, four digits, no separators). */
export function isYearLike(literal: string): boolean {
  if (!/^\d{4}$/.test(literal)) return false;
  const year = Number(literal);
  return year >= 1800 && year <= 2100;
}
