import { decodeDocumentBytes } from '../decode';
import { analyzeDocument, formatOf, skippedDocument, type DocumentAnalysis } from '../document';
import type { SourceDocument } from '../types';
import type { Workspace } from '../workspace';

/** Parses and extracts one document; in-thread by default, a worker pool where the host has one. */
export type Analyzer = (document: SourceDocument) => DocumentAnalysis | Promise<DocumentAnalysis>;

export interface LoadOptions {
  /** Documents larger than this many bytes are skipped with a notice. */
  maxFileSize: number;
}

export const defaultLoadOptions: LoadOptions = { maxFileSize: 5 * 1024 * 1024 };

/**
 * Reads one document through the workspace and analyses it. Never throws: whatever goes wrong
 * (deleted meanwhile, binary, too large, a bug in an extractor) becomes a skipped analysis with
 * its reason, so one bad file cannot stop the rest of the workspace.
 */
export async function loadDocument(workspace: Workspace, uri: string, options: LoadOptions, analyze: Analyzer = analyzeDocument): Promise<DocumentAnalysis> {
  let content;
  try {
    content = await workspace.readDocument(uri, options.maxFileSize);
  } catch (error) {
    return skippedDocument(uri, 0, `could not be read: ${describe(error)}`);
  }
  switch (content.kind) {
    case 'missing':
      return skippedDocument(uri, 0, `could not be read: ${content.reason}`);
    case 'tooLarge':
      return skippedDocument(uri, 0, `skipped: ${formatBytes(content.size)} is over the ${formatBytes(options.maxFileSize)} limit (setting policyLens.maxFileSizeKB)`);
    case 'text':
      return analyzeGuarded(uri, content.version, content.text, analyze);
    case 'bytes': {
      if (content.bytes.byteLength > options.maxFileSize) {
        return skippedDocument(uri, 0, `skipped: ${formatBytes(content.bytes.byteLength)} is over the ${formatBytes(options.maxFileSize)} limit (setting policyLens.maxFileSizeKB)`);
      }
      const decoded = decodeDocumentBytes(content.bytes);
      if (decoded.kind === 'unreadable') return skippedDocument(uri, 0, `skipped: ${decoded.reason}`);
      const analysis = await analyzeGuarded(uri, 0, decoded.text, analyze);
      return decoded.warning ? { ...analysis, encodingWarning: decoded.warning } : analysis;
    }
  }
}

/**
 * Analyses text already in memory (an open editor), with the same guard as `loadDocument`; `analyze` may be
 * synchronous (an open document's incremental analyser) or not (a worker pool).
 */
export function analyzeGuarded(uri: string, version: number, text: string, analyze?: (document: SourceDocument) => DocumentAnalysis): DocumentAnalysis;
export function analyzeGuarded(uri: string, version: number, text: string, analyze: Analyzer): DocumentAnalysis | Promise<DocumentAnalysis>;
export function analyzeGuarded(
  uri: string,
  version: number,
  text: string,
  analyze: Analyzer | ((document: SourceDocument) => DocumentAnalysis) = analyzeDocument,
): DocumentAnalysis | Promise<DocumentAnalysis> {
  const failed = (error: unknown) => ({ ...skippedDocument(uri, version, `analysis failed: ${describe(error)}`), text });
  const document = { uri, version, format: formatOf(uri), text };
  try {
    const analysis = analyze(document);
    return analysis instanceof Promise ? analysis.catch(failed) : analysis;
  } catch (error) {
    return failed(error);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
