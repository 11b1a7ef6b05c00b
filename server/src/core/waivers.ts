import type { Waiver } from './types';

/** Where waivers live, relative to a workspace folder. */
export const WAIVERS_PATH = '.policylens/waivers.json';

/**
 * The waivers in a `.policylens/waivers.json` text: `{ "waivers": [{ "rule", "fingerprint", "reason" }] }`.
 * Malformed entries are skipped and malformed JSON yields none, so a hand-edited file never stops the checks.
 */
export function parseWaivers(text: string | undefined): Waiver[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const list = (data as { waivers?: unknown })?.waivers;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (w): w is Waiver => !!w && typeof w.rule === 'string' && typeof w.fingerprint === 'string' && (w.reason === undefined || typeof w.reason === 'string'),
  ).map((w) => ({ ...w, reason: w.reason ?? '' }));
}

/**
 * The waivers file text with `waiver` added (or its reason replaced), sorted by rule then fingerprint so
 * the file diffs cleanly; other keys of the existing file are kept.
 */
export function addWaiver(text: string | undefined, waiver: Waiver): string {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    data = {};
  }
  const others = parseWaivers(text).filter((w) => !(w.rule === waiver.rule && w.fingerprint === waiver.fingerprint));
  const waivers = [...others, waiver].sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return `${JSON.stringify({ ...data, waivers }, null, 2)}\n`;
}
