/**
 * Plain records shared by every layer of the analysis core.
 * Nothing here knows about VS Code, LSP or the file system.
 */

/**
 * A span of a document as UTF-16 code-unit offsets, end exclusive — the same
 * units as JavaScript string indices and unist `position.offset`.
 * For "TCOs" in "the TCOs traffic", `{ start: 4, end: 8 }`.
 */
export interface Span {
  start: number;
  end: number;
}

/** Severity of a finding, mapped to LSP DiagnosticSeverity in the LSP layer only. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A place in some document of the workspace. */
export interface Place {
  uri: string;
  span: Span;
}

/** Another statement a finding points at (becomes LSP `relatedInformation`). */
export interface RelatedPlace extends Place {
  message: string;
}

/** One diagnostic produced by a rule, before any conversion. */
export interface Finding {
  /** Stable kebab-case rule id, used as the diagnostic `code`. */
  ruleId: string;
  severity: Severity;
  uri: string;
  span: Span;
  message: string;
  /** Every other statement involved, in any document. */
  related: RelatedPlace[];
  /** Identifies the finding independently of positions, so a waiver survives unrelated edits; absent when not waivable. */
  fingerprint?: string;
  /** Edits that would resolve the finding, offered as quick fixes. */
  fixes?: TextFix[];
}

/** A replacement a reviewer may apply to resolve a finding ("Use the value stated in 004.txt"). */
export interface TextFix {
  title: string;
  uri: string;
  span: Span;
  newText: string;
}

/**
 * A reviewer's decision to accept a finding, as stored in `.policylens/waivers.json`.
 * Matched by `fingerprint`, so it survives edits elsewhere in the documents.
 */
export interface Waiver {
  rule: string;
  fingerprint: string;
  reason: string;
}

/** How a document's text is to be read. `.txt` files still carry Markdown marks, so both parse as Markdown. */
export type DocumentFormat = 'markdown' | 'plaintext';

/** A document's text as the analysis sees it. */
export interface SourceDocument {
  uri: string;
  /** Monotonic per uri; open editors supply theirs, files on disk use 0. */
  version: number;
  format: DocumentFormat;
  text: string;
}
