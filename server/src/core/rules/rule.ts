import type { DocumentAnalysis } from '../document';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { RelatedPlace, Severity, Span, TextFix } from '../types';

/** What a rule reports; the runner adds the rule id and the configured severity. */
export interface RuleReport {
  uri: string;
  span: Span;
  message: string;
  related?: RelatedPlace[];
  /** Identifies the finding independently of positions (see `Finding.fingerprint`); makes it waivable. */
  fingerprint?: string;
  fixes?: TextFix[];
}

interface RuleMeta {
  /** Stable kebab-case id: the diagnostic `code`, the key in settings and in disable comments. */
  id: string;
  defaultSeverity: Severity;
  /** One line for the README table and `codeDescription`. */
  summary: string;
}

/** A rule that looks at one document alone; its reports are cached per analysis. */
export interface DocumentRule extends RuleMeta {
  scope: 'document';
  check(document: DocumentAnalysis): RuleReport[];
}

/**
 * A rule that compares documents; rerun whenever any document changes. Its reports should be the same objects, in
 * the same order, where nothing they depend on changed: a findings pass looks only at the reports that differ.
 */
export interface WorkspaceRule extends RuleMeta {
  scope: 'workspace';
  check(index: WorkspaceIndex): readonly RuleReport[];
}

export type Rule = DocumentRule | WorkspaceRule;

/** Base of every rule's documentation link (the README section of that id). */
export const RULE_DOCS_BASE = 'https://github.com/policy-lens/policy-lens#rule-';
