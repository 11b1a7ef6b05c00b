import { ENTITY_KINDS, type EntityKind } from './data';
import type { Span } from '../types';

/**
 * The user's corrections to entity detection, read from `.policylens/glossary.json` in a workspace folder
 * (schema: schemas/glossary.schema.json). The server reads the file; the core only sees this record.
 */
export interface Glossary {
  /** Entities to add or correct: a canonical name, its kind, and other names that mean the same. */
  entities: { name: string; kind?: EntityKind; aliases: string[] }[];
  /** Groups of names to merge into one entity. */
  merge: string[][];
  /** Pairs (or groups) of names that must stay separate entities even when detection would merge them. */
  split: string[][];
  /** Names and acronyms that are not entities: never detected, never reported. */
  ignore: string[];
}

export const emptyGlossary: Glossary = { entities: [], merge: [], split: [], ignore: [] };

/** A problem in the glossary file, at a span of its text. */
export interface GlossaryProblem {
  span: Span;
  message: string;
}

/**
 * Reads a glossary from its JSON text. Never throws: malformed JSON gives an empty glossary and one problem
 * at the error; each malformed entry is skipped with a problem at that entry, the rest is kept.
 */
export function parseGlossary(text: string): { glossary: Glossary; problems: GlossaryProblem[] } {
  const problems: GlossaryProblem[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Math.min(Number(at[1]), text.length) : 0;
    return { glossary: emptyGlossary, problems: [{ span: { start: offset, end: Math.min(offset + 1, text.length) }, message: `Unexpected JSON: ${message}` }] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { glossary: emptyGlossary, problems: [{ span: { start: 0, end: Math.min(1, text.length) }, message: 'Unexpected glossary, expected a JSON object with "entities", "merge", "split" or "ignore".' }] };
  }
  const value = raw as Record<string, unknown>;
  const where = (needle: string): Span => {
    const at = text.indexOf(JSON.stringify(needle));
    return at === -1 ? { start: 0, end: Math.min(1, text.length) } : { start: at, end: at + JSON.stringify(needle).length };
  };
  const glossary: Glossary = { entities: [], merge: [], split: [], ignore: [] };
  for (const key of Object.keys(value)) {
    if (!['$schema', 'entities', 'merge', 'split', 'ignore'].includes(key)) problems.push({ span: where(key), message: `Unexpected property “${key}”, expected one of entities, merge, split, ignore.` });
  }
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '');
  const list = (key: string): unknown[] => {
    if (value[key] === undefined) return [];
    if (Array.isArray(value[key])) return value[key] as unknown[];
    problems.push({ span: where(key), message: `Unexpected “${key}”, expected an array.` });
    return [];
  };
  for (const entry of list('entities')) {
    const e = entry as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.name !== 'string' || e.name.trim() === '') {
      problems.push({ span: where('entities'), message: 'Unexpected entity entry, expected { "name": string, "kind"?: string, "aliases"?: string[] }.' });
      continue;
    }
    if (e.kind !== undefined && !ENTITY_KINDS.includes(e.kind as EntityKind)) {
      problems.push({ span: where(String(e.kind)), message: `Unexpected kind “${String(e.kind)}”, expected one of ${ENTITY_KINDS.join(', ')}.` });
    }
    if (e.aliases !== undefined && !isStrings(e.aliases)) problems.push({ span: where(e.name), message: `Unexpected aliases of “${e.name}”, expected an array of names.` });
    glossary.entities.push({
      name: e.name,
      ...(ENTITY_KINDS.includes(e.kind as EntityKind) ? { kind: e.kind as EntityKind } : {}),
      aliases: isStrings(e.aliases) ? e.aliases : [],
    });
  }
  for (const key of ['merge', 'split'] as const) {
    for (const group of list(key)) {
      if (isStrings(group) && group.length >= 2) glossary[key].push(group);
      else problems.push({ span: where(key), message: `Unexpected “${key}” entry, expected an array of at least two names.` });
    }
  }
  for (const term of list('ignore')) {
    if (typeof term === 'string' && term.trim() !== '') glossary.ignore.push(term);
    else problems.push({ span: where('ignore'), message: 'Unexpected “ignore” entry, expected a name.' });
  }
  return { glossary, problems };
}
