import { defaultDocumentFilter, defaultLoadOptions, type RuleSeverities } from './core/api';

/** The `policyLens.*` settings the server reads (see package.json `contributes.configuration`). */
export interface ServerSettings {
  include: string[];
  exclude: string[];
  maxFileSizeKB: number;
  rules: RuleSeverities;
}

export const defaultSettings: ServerSettings = {
  include: defaultDocumentFilter.include,
  exclude: defaultDocumentFilter.exclude,
  maxFileSizeKB: defaultLoadOptions.maxFileSize / 1024,
  rules: {},
};

/** Settings from the client, with anything missing or malformed replaced by its default. */
export function readSettings(raw: unknown): ServerSettings {
  const value = (raw ?? {}) as Partial<Record<keyof ServerSettings, unknown>>;
  const strings = (v: unknown, fallback: string[]) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : fallback);
  const rules: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, level] of Object.entries(value.rules)) {
      if (level === 'error' || level === 'warning' || level === 'information' || level === 'hint' || level === 'off') rules[id] = level;
    }
  }
  return {
    include: strings(value.include, defaultSettings.include),
    exclude: strings(value.exclude, defaultSettings.exclude),
    maxFileSizeKB: typeof value.maxFileSizeKB === 'number' && value.maxFileSizeKB > 0 ? value.maxFileSizeKB : defaultSettings.maxFileSizeKB,
    rules,
  };
}
