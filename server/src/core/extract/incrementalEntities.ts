import type { Previous, TextChange } from '../textChange';
import type { AcronymExtract, WordSet } from './acronyms';
import type { ChunkRecords, EntityExtract, NameCandidate } from './entities';
import { chunksIn, type TextChunk } from './textChunks';
import { hasLowerCaseWord, lowerCaseWords } from './wordScan';
import { detached, detachStrings } from '../detached';

/**
 * Entity extraction of an edited document that re-reads only the text nodes around the change.
 *
 * What one text node's records depend on (see `extractChunks` in entities.ts): its own text and offset; the line
 * each of its runs starts on (a title line keeps only places and titled persons); the 8 characters before each run
 * (`isSentenceStart`, which never reads past a line break: see `reuse`); and, for the words of runs and acronym-shaped
 * tokens only, whether the document writes the word in lower case anywhere (`lowerCaseWords`). Acronyms are read within
 * one node. So a node is reused, moved by the change's delta when after it, when its bounds are the same, it lies
 * wholly before the first changed line or after the last one, and no word it looked up in the lower-case set joined
 * or left the set. Otherwise the whole text is read again.
 */

/** What a node range's records are read with; entities.ts passes its `extractChunks` (passed, so the modules do not import each other). */
export type ExtractChunks = (chunks: readonly TextChunk[], from: number, to: number, text: string, lowerWords: WordSet, withMarks: boolean) => ChunkRecords;

/** Numbers per node in `marks`: names, words, runs, definitions, aliases, mentions. */
export const MARK_FIELDS = 6;
const F = MARK_FIELDS;

interface EntityState {
  /** `lowerCaseWords(text)`: never changed once made (versions share it while it stays the same). */
  lowerWords: WordSet;
  /**
   * Every word looked up in `lowerWords` while reading this version's records, and maybe more: versions made from
   * one another share one set and only add to it, since a word too many only makes an edit read the whole text again.
   */
  queried: Set<string>;
  /** Each text node's start and end offsets. */
  chunks: Int32Array;
  /** After each node (and at 0 before the first): names, words, runs, definitions, aliases and mentions so far. */
  marks: Int32Array;
}

/**
 * Kept for the extracts of open documents only (made when the caller says it is editing one), so that the index's
 * many extracts carry nothing more; weak, so an extract nothing uses any more takes its state with it.
 */
const states = new WeakMap<EntityExtract, EntityState>();

/** The extract made of these records, its fields in the order every extract has them. */
export function entityExtract(names: NameCandidate[], bounds: ArrayLike<number>, ends: ArrayLike<number>, acronyms: AcronymExtract): EntityExtract {
  return { names, acronyms, runs: { bounds: new Int32Array(bounds), ends: new Int32Array(ends) } };
}

/**
 * The extract of `text`, reusing `previous`'s records outside the change where it has the state for that; the
 * same extract a fresh reading gives, always. Without `previous` (an open document's first version), a fresh
 * extraction that keeps the state its next version reuses.
 */
export function extractAgain(nodeBounds: Int32Array, text: string, previous: Previous<EntityExtract> | undefined, extractChunks: ExtractChunks): EntityExtract {
  const state = previous && states.get(previous.extract);
  const bounds = inDocumentOrder(nodeBounds) ? nodeBounds : undefined;
  return (state && bounds && reuse(state, bounds, text, previous, extractChunks)) ?? extractWhole(chunksIn(nodeBounds, text, 0, nodeBounds.length / 2), bounds, text, extractChunks);
}

/** A fresh extraction that remembers what the next version needs to reuse it. */
function extractWhole(chunks: readonly TextChunk[], bounds: Int32Array | undefined, text: string, extractChunks: ExtractChunks): EntityExtract {
  const lowerWords = lowerCaseWords(text);
  const queried = new Set<string>();
  const records = extractChunks(chunks, 0, chunks.length, text, recording(lowerWords, queried), true);
  const extract = entityExtract(records.names, records.bounds, records.ends, records.acronyms);
  // Nodes out of order (never seen) have their names sorted as one list: no per-node marks to reuse.
  if (bounds) states.set(extract, { lowerWords, queried, chunks: bounds, marks: records.marks! });
  return extract;
}

function reuse(state: EntityState, bounds: Int32Array, text: string, previous: Previous<EntityExtract>, extractChunks: ExtractChunks): EntityExtract | undefined {
  const { change } = previous;
  const lowerWords = updatedLowerWords(state, previous.text, text, change);
  if (!lowerWords) return undefined;
  const { delta } = change;
  // The changed lines: a title line is judged whole. A run's sentence start reads the 8 characters before it,
  // but only on its own line: past a line break, the break alone makes a sentence start when only spaces and
  // list or heading marks follow it, and otherwise the pattern must match after it (see `isSentenceStart`).
  const lo = change.start === 0 ? 0 : text.lastIndexOf('\n', change.start - 1) + 1;
  const lineEnd = text.indexOf('\n', change.newEnd);
  const hi = lineEnd === -1 ? text.length : lineEnd;
  const old = state.chunks;
  const oldCount = old.length / 2;
  const newCount = bounds.length / 2;
  let head = 0;
  while (head < oldCount && head < newCount && bounds[2 * head + 1]! < lo && bounds[2 * head] === old[2 * head] && bounds[2 * head + 1] === old[2 * head + 1]) head++;
  let tail = 0;
  while (tail < oldCount - head && tail < newCount - head) {
    const n = 2 * (newCount - 1 - tail);
    const o = 2 * (oldCount - 1 - tail);
    if (bounds[n]! <= hi || bounds[n] !== old[o]! + delta || bounds[n + 1] !== old[o + 1]! + delta) break;
    tail++;
  }
  const records = extractChunks(chunksIn(bounds, text, head, newCount - tail), 0, newCount - tail - head, text, recording(lowerWords, state.queried), true);

  // Marks at the last reused node before the change and at the first one after it, in the previous version.
  const before = state.marks.subarray(head * F, head * F + F);
  const after = state.marks.subarray((oldCount - tail) * F, (oldCount - tail) * F + F);
  const marks = new Int32Array((newCount + 1) * F);
  marks.set(state.marks.subarray(0, (head + 1) * F));
  const middle = records.marks!;
  for (let i = F; i < middle.length; i++) marks[head * F + i] = middle[i]! + before[i % F]!;
  const resumed = marks.slice((newCount - tail) * F, (newCount - tail) * F + F);
  for (let i = (oldCount - tail + 1) * F, j = (newCount - tail + 1) * F; i < state.marks.length; i++, j++) marks[j] = state.marks[i]! - after[i % F]! + resumed[i % F]!;

  const { names, runs, acronyms } = previous.extract;
  const words = resumed[1]! + (runs.bounds.length / 2 - after[1]!);
  const newBounds = new Int32Array(2 * words);
  newBounds.set(runs.bounds.subarray(0, 2 * before[1]!));
  newBounds.set(records.bounds, 2 * before[1]!);
  for (let i = 2 * after[1]!, j = 2 * resumed[1]!; i < runs.bounds.length; i++, j++) newBounds[j] = runs.bounds[i]! + delta;
  const newEnds = new Int32Array(resumed[2]! + (runs.ends.length - after[2]!));
  newEnds.set(runs.ends.subarray(0, before[2]!));
  for (let i = 0; i < records.ends.length; i++) newEnds[before[2]! + i] = records.ends[i]! + before[1]!;
  for (let i = after[2]!, j = resumed[2]!; i < runs.ends.length; i++, j++) newEnds[j] = runs.ends[i]! - after[1]! + resumed[1]!;

  const extract: EntityExtract = {
    names: spliced(names, before[0]!, after[0]!, records.names, delta, (n) => ({ ...n, span: moved(n.span, delta) })),
    acronyms: {
      definitions: spliced(acronyms.definitions, before[3]!, after[3]!, records.acronyms.definitions, delta, (d) => ({ ...d, span: moved(d.span, delta), expansionSpan: moved(d.expansionSpan, delta) })),
      aliases: spliced(acronyms.aliases, before[4]!, after[4]!, records.acronyms.aliases, delta, (a) => ({ ...a, aliasSpan: moved(a.aliasSpan, delta), nameSpan: moved(a.nameSpan, delta) })),
      mentions: spliced(acronyms.mentions, before[5]!, after[5]!, records.acronyms.mentions, delta, (m) => ({ ...m, span: moved(m.span, delta) })),
    },
    runs: { bounds: newBounds, ends: newEnds },
  };
  states.set(extract, { lowerWords, queried: state.queried, chunks: bounds, marks });
  return extract;
}

/** The records before `from` as they are, the new ones, then those from `to` on as new objects moved by `delta` (the previous version's are never changed: others may still hold them). */
function spliced<T extends object>(previous: readonly T[], from: number, to: number, fresh: readonly T[], delta: number, move: (record: T) => T): T[] {
  // The new records are kept for later versions: detached, they keep only their own characters of this version's text.
  detachStrings(fresh);
  const result = previous.slice(0, from);
  for (const record of fresh) result.push(record);
  for (let i = to; i < previous.length; i++) result.push(delta === 0 ? previous[i]! : move(previous[i]!));
  return result;
}

const moved = (span: { start: number; end: number }, delta: number) => ({ start: span.start + delta, end: span.end + delta });

/** Whether text nodes come in document order, none starting before the one before it ends (else extractChunks sorts all names as one list, with no per-node marks to reuse). */
function inDocumentOrder(bounds: Int32Array): boolean {
  for (let k = 1; 2 * k < bounds.length; k++) if (bounds[2 * k]! < bounds[2 * k - 1]!) return false;
  return true;
}

/**
 * `lowerCaseWords(text)` from the previous version's, or undefined when a word that joined or left it was looked up
 * before (a record anywhere may read differently). A lower-case word is the lower-case start of a run of letters and
 * digits, so only the words of the runs the change touches can differ: the window is widened to ASCII characters that
 * are neither (any other character might be part of a run), and its words before and after compared.
 */
function updatedLowerWords(state: EntityState, previous: string, text: string, change: TextChange): WordSet | undefined {
  let from = change.start;
  while (from > 0 && !separates(text.charCodeAt(from - 1))) from--;
  let to = change.newEnd;
  while (to < text.length && !separates(text.charCodeAt(to))) to++;
  const was = lowerCaseWords(previous.slice(from, to - change.delta));
  const now = lowerCaseWords(text.slice(from, to));
  const joined: string[] = [];
  // Kept by the versions after this one: detached, a word keeps only its own characters of this version's text.
  for (const word of now) if (!state.lowerWords.has(word)) joined.push(detached(word));
  // A word the window no longer has may still be written elsewhere.
  const left: string[] = [];
  for (const word of was) if (!now.has(word) && !hasLowerCaseWord(text, word)) left.push(word);
  if (joined.length === 0 && left.length === 0) return state.lowerWords;
  if (joined.some((word) => state.queried.has(word)) || left.some((word) => state.queried.has(word))) return undefined;
  return ChangedWords.of(state.lowerWords, joined, left);
}

/**
 * The lower-case words of a version made from earlier ones: the set of the last full reading with the words joined
 * and left since. Copying the ~10,000-word set whenever a keystroke makes or breaks a word ("xthe") allocated
 * ~160 KB that lived until the next such keystroke, long enough to be copied by the young-generation collector.
 */
class ChangedWords implements WordSet {
  private constructor(
    readonly base: ReadonlySet<string>,
    readonly joined: ReadonlySet<string>,
    readonly left: ReadonlySet<string>,
  ) {}

  /** `words` with `joined` added and `left` taken out; a plain set again once the changes are many. */
  static of(words: WordSet, joined: readonly string[], left: readonly string[]): WordSet {
    const last = words instanceof ChangedWords ? words : new ChangedWords(words as ReadonlySet<string>, new Set(), new Set());
    const added = new Set(last.joined);
    const removed = new Set(last.left);
    for (const word of joined) {
      if (last.base.has(word)) removed.delete(word);
      else added.add(word);
    }
    for (const word of left) {
      if (last.base.has(word)) removed.add(word);
      else added.delete(word);
    }
    if (added.size + removed.size <= MAX_WORD_CHANGES) return new ChangedWords(last.base, added, removed);
    const flat = new Set(last.base);
    for (const word of removed) flat.delete(word);
    for (const word of added) flat.add(word);
    return flat;
  }

  has(word: string): boolean {
    return this.joined.has(word) || (!this.left.has(word) && this.base.has(word));
  }
}

/** How many words joined or left before the set is made anew: a lookup then costs at most three small-set lookups. */
const MAX_WORD_CHANGES = 256;

/** An ASCII character that is not a letter or digit: no run of letters and digits goes across it. */
function separates(code: number): boolean {
  return code < 128 && !((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122));
}

/** A set that notes every word looked up in it. */
function recording(words: WordSet, queried: Set<string>): WordSet {
  return {
    has(word) {
      queried.add(word);
      return words.has(word);
    },
  };
}
