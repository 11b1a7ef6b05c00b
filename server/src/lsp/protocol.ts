/**
 * The custom requests between the Policy Lens client and server. Types only (no runtime imports), so
 * the client bundle can share them. Ranges are LSP ranges (0-based, UTF-16).
 */

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** One statement of a quantity, as the statistics view and the compare view show it. */
export interface StatementView {
  uri: string;
  range: Range;
  /** The document's file name, for display. */
  documentName: string;
  /** The figure as written: "nearly two-thousand-miles". */
  text: string;
  /** Its normalised interval in the quantity's display unit, for the plot; ±Infinity becomes null (unbounded). */
  low: number | null;
  high: number | null;
  lowOpen: boolean;
  highOpen: boolean;
  /** The stated value in the display unit (the dot of the plot). */
  value: number;
  /** "3,175 km", "≥ 1 million" — the interval as a reviewer reads it. */
  valueLabel: string;
  /** "2019", "FY 2022"; absent for an unbound statement. */
  period?: string;
}

/** A quantity stated more than once in the workspace, with all its statements. */
export interface QuantityView {
  /** The printable quantity key (see the figure hover): stable across runs. */
  key: string;
  /** "Length of the U.S.–Mexico border", as the conflict messages name it. */
  label: string;
  /** The quantity key for people, as the figure hover shows it: "length · border · Mexico–U.S. · km". */
  keyLabel: string;
  /** The unit values are displayed in: "km", "USD", "%". */
  unit: string;
  /** Some of its statements conflict (a `conflicting-figure` finding involves them). */
  conflicting: boolean;
  statements: StatementView[];
}

/** `policyLens/statistics`: every quantity stated more than once, in key order. */
export namespace StatisticsRequest {
  export const method = 'policyLens/statistics';
  export type Params = Record<string, never>;
  export type Result = { quantities: QuantityView[] };
}

/** `policyLens/compare`: the quantity of the figure at a position, or of a key; `null` when there is none. */
export namespace CompareRequest {
  export const method = 'policyLens/compare';
  export type Params = { key: string } | { uri: string; position: { line: number; character: number } };
  export type Result = QuantityView | null;
}
