import { detached } from '../detached';
import type { DocumentAnalysis } from '../document';

/**
 * One copy of each string value across the analyses of a workspace. Analyses reach the main thread from worker threads
 * and from the persisted cache, and neither `postMessage` nor `v8.deserialize` shares equal strings: every document
 * brings its own copy of each word key, quantity key, name and unit. On the 2,000-document benchmark that is 13.7
 * million strings of 83,000 distinct values, ~500 MB of a 1.2 GB heap. Replacing each string with the pool's equal one
 * changes no value (strings compare by value), only how many copies are kept.
 *
 * Written here: interning in place, through an analysis's own objects, is not something a library does.
 */
export class StringPool {
  readonly #values = new Map<string, string>();
  /** Shared value records (see `SHARED_VALUES`) by field and bucket: one record, or a list of those that differ. */
  readonly #records = new Map<string, Map<string, object>>();

  /** How many distinct strings the pool holds. */
  get size(): number {
    return this.#values.size;
  }

  /**
   * Replaces every string held by the analysis's records (objects and arrays, not Map keys or Set members) with the
   * pool's equal one. Its text and line index are left alone: they are its own. `exactRecords`: the records are also
   * remade at their exact size (see `exactCopy`), and the value records of `SHARED_VALUES` become the pool's equal
   * one; only for an analysis nothing else refers into yet (just loaded).
   */
  internAnalysis(analysis: DocumentAnalysis, exactRecords = false): void {
    // What each object reached is replaced by: itself, its exact-size copy or the pool's equal value (the same one
    // wherever it is referred to).
    const replacements = new Map<object, object>();
    const stack: object[] = [];
    const visit = (value: object, field?: string): object => {
      let replacement = replacements.get(value);
      if (replacement === undefined) {
        const bucket = exactRecords && field !== undefined ? SHARED_VALUES.get(field)?.(value) : undefined;
        const shared = bucket === undefined ? undefined : this.#sharedValue(field!, bucket, value);
        if (shared !== undefined) {
          replacements.set(value, shared);
          return shared; // already interned and remade, when it was first met
        }
        replacement = (exactRecords && exactCopy(value)) || value;
        replacements.set(value, replacement);
        if (bucket !== undefined) this.#keepValue(field!, bucket, replacement);
        stack.push(replacement);
      }
      return replacement;
    };
    const fields = analysis as unknown as Record<string, unknown>;
    for (const field of ['outline', 'entities', 'references', 'figures', 'derived'] as const) {
      const value = fields[field];
      if (value && typeof value === 'object') fields[field] = visit(value);
    }
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ArrayBuffer.isView(node)) continue;
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
          const value: unknown = node[i];
          if (typeof value === 'string') node[i] = this.#intern(value);
          else if (value && typeof value === 'object') node[i] = visit(value);
        }
      } else if (node instanceof Map) {
        let keysReplaced = false;
        for (const [key, value] of node) {
          if (key && typeof key === 'object' && visit(key) !== key) keysReplaced = true;
          if (typeof value === 'string') node.set(key, this.#intern(value));
          else if (value && typeof value === 'object') node.set(key, visit(value));
        }
        if (keysReplaced) {
          // Rebuilt in the same order with the replaced keys (rare: the analyses' maps are keyed by strings and numbers).
          const entries = [...node];
          node.clear();
          for (const [key, value] of entries) node.set(key && typeof key === 'object' ? replacements.get(key)! : key, value);
        }
      } else if (node instanceof Set) {
        let replaced = false;
        for (const value of node) if (value && typeof value === 'object' && visit(value) !== value) replaced = true;
        if (replaced) {
          const members = [...node];
          node.clear();
          for (const value of members) node.add(value && typeof value === 'object' ? replacements.get(value)! : value);
        }
      } else {
        const record = node as Record<string, unknown>;
        for (const key of Object.keys(record)) {
          const value = record[key];
          if (typeof value === 'string') record[key] = this.#intern(value);
          else if (value && typeof value === 'object') record[key] = visit(value, key);
        }
      }
    }
  }

  /** The pool's value equal to `value` met as `field`, in its bucket, when one is known. */
  #sharedValue(field: string, bucket: string, value: object): object | undefined {
    const known = this.#records.get(field)?.get(bucket);
    if (known instanceof ValueList) return known.values.find((candidate) => sameValue(candidate, value));
    return known !== undefined && sameValue(known, value) ? known : undefined;
  }

  /** Keeps `value`, met as `field`, in its bucket as the pool's for the next equal ones. */
  #keepValue(field: string, bucket: string, value: object): void {
    let buckets = this.#records.get(field);
    if (buckets === undefined) this.#records.set(field, (buckets = new Map()));
    const known = buckets.get(bucket);
    if (known === undefined) buckets.set(bucket, value);
    else if (known instanceof ValueList) known.values.push(value);
    else buckets.set(bucket, new ValueList([known, value]));
  }

  /** Forgets the pool's strings (the analyses keep theirs). */
  clear(): void {
    this.#values.clear();
    this.#records.clear();
  }

  #intern(value: string): string {
    const known = this.#values.get(value);
    if (known !== undefined) return known;
    // A copy: a slice of one document's text, shared with others, would keep that text alive after it changed.
    const kept = detached(value);
    this.#values.set(kept, kept);
    return kept;
  }
}

/** The values of a bucket that holds more than one (most hold one, kept as itself: a list each would cost more). */
class ValueList {
  constructor(readonly values: object[]) {}
}

/**
 * Value records that are equal across many figures and statements, met as these fields: one record per value instead of
 * one per figure. On the seeds, 660 figures state 39 distinct units, and 659 statements' keys 491 distinct keys with
 * 31 distinct lists of places; on the benchmark (cut from the seeds) 24,245 keys per 300 documents are 1,089 values.
 * Nothing changes these records once made (they are plain data; code that compares one by identity compares one it made
 * itself), so sharing changes no value. Each field's bucket is a string the record already holds (no string is made
 * to look it up), `undefined` when the value is not of the expected shape; records in one bucket are compared whole. Intervals and periods are left alone: most are
 * distinct (430 intervals of 660 on the seeds), and a bucket costs more than a record.
 */
const SHARED_VALUES: ReadonlyMap<string, (value: object) => string | undefined> = new Map([
  // A figure's unit (FigureUnit), by its base unit.
  ['unit', (value: object) => stringField(value, 'base')],
  // A statement's quantity key (QuantityKey), by its id.
  ['key', (value: object) => stringField(value, 'id')],
  // A quantity key's places, by the first (keys with distinct ids share them).
  ['geography', (value: object) => (Array.isArray(value) && value.every((place) => typeof place === 'string') ? ((value[0] as string | undefined) ?? '') : undefined)],
]);

function stringField(value: object, field: string): string | undefined {
  if (Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const held = (value as Record<string, unknown>)[field];
  return typeof held === 'string' ? held : undefined;
}

/** Deep equality of plain data (records with keys in the same order, arrays, primitives). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (!sameKeys(keys, others)) return false;
  for (const key of keys) if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

/** At most this many properties for a record to be remade: more is a dictionary (derived values by name, counts by key). */
const MOST_FIELDS = 24;
/** At most this many record layouts get a maker of their own (each is a compiled function). */
const MOST_LAYOUTS = 1024;
/** Makers by a layout's first key, each with its keys: found by comparing keys, not by joining them (~3 M records). */
const makersByFirstKey = new Map<string, { keys: string[]; make: (record: object) => object }[]>();
let layouts = 0;

/**
 * An exact-size copy of a plain record, or `undefined` when `value` is not one (an array, a map, a class instance, a
 * dictionary). V8's deserializer (behind `postMessage` and the persisted cache) makes every object with room for four
 * fields: a span took 56 bytes instead of 40, a record of six fields 95 instead of 70 (its others in a separate
 * property store). An object literal with the same keys gets exactly its fields' room, so each layout gets a maker
 * compiled from such a literal (`new Function`: no other way to write a literal whose keys are known only now).
 */
function exactCopy(value: object): object | undefined {
  if (Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const keys = Object.keys(value);
  // Three or four fields fit the deserializer's room with little or none to spare: not worth a copy.
  if (keys.length === 0 || keys.length === 3 || keys.length === 4 || keys.length > MOST_FIELDS) return undefined;
  let makers = makersByFirstKey.get(keys[0]!);
  if (makers === undefined) makersByFirstKey.set(keys[0]!, (makers = []));
  for (const maker of makers) if (sameKeys(maker.keys, keys)) return maker.make(value);
  // Integer-like keys are elements, not fields: left as they are.
  if (keys.some((key) => /^\d/.test(key)) || layouts >= MOST_LAYOUTS) return undefined;
  const fields = keys.map((key) => `${JSON.stringify(key)}: record[${JSON.stringify(key)}]`).join(', ');
  const make = new Function('record', `return { ${fields} };`) as (record: object) => object;
  makers.push({ keys, make });
  layouts++;
  return make(value);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
