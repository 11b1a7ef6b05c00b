/** The public surface of the analysis core: what the server, the CLI and tests use. */
export type { DocumentAnalysis } from './document';
export { analyzeDocument, formatOf } from './document';
export type { DocumentContent, Workspace } from './workspace';
export { createDocumentFilter, defaultDocumentFilter, type DocumentFilterSettings } from './documentFilter';
export { WorkspaceIndex } from './index/workspaceIndex';
export { indexWorkspace, type IndexingHooks } from './index/indexWorkspace';
export { analyzeGuarded, defaultLoadOptions, loadDocument, type LoadOptions } from './index/loadDocument';
export { computeFindings, type RuleSeverities } from './findings';
export { rules } from './rules/index';
export { RULE_DOCS_BASE, type Rule } from './rules/rule';
export { LineIndex, type LineCharacter } from './positions';
export { hoverAt, type HoverResult } from './queries/hoverAt';
export { definitionAt } from './queries/definitionAt';
export { referencesTo } from './queries/referencesTo';
export { documentSymbols, workspaceSymbols, type OutlineSymbol, type WorkspaceSymbol } from './queries/symbols';
export type { Finding, Place, RelatedPlace, Severity, SourceDocument, Span } from './types';
