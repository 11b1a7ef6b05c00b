import { createHash } from 'node:crypto';
import type { Diagnostic } from 'vscode-languageserver';
import { WorkspaceIndex, type DocumentAnalysis, type Finding } from '../core/api';
import { toDiagnostic } from './convert';

/** What was last published for one document: enough to tell, without converting anything, whether it would change. */
interface Published {
  /** The analysis published; a fresh analysis of the same version (`sameVersion`) publishes the same ranges. */
  document: DocumentAnalysis;
  findings: readonly Finding[];
  /** Per related place, in order: the analysis of its document when published, and its range (4 numbers) as published. */
  relatedDocuments: (DocumentAnalysis | undefined)[];
  relatedRanges: Int32Array;
  /** The documents of the related places. */
  relatedUris: ReadonlySet<string>;
}

/**
 * Remembers the findings last published per document and converts only the documents whose diagnostics would
 * change. Converting and comparing every document's diagnostics on every keystroke cost seconds on a
 * 2,000-document workspace; comparing the findings themselves costs milliseconds. A document's diagnostics
 * change when its analysis (text, version) changed, its findings differ, or a related place's range moved.
 * A related place in a re-analysed document is compared by its line and column, not its offset: an edit shifts
 * the offsets of everything after it, but the places on other lines of that document keep their ranges, and
 * re-publishing every document that links to an edited one would cost a large workspace most of an edit.
 */
export class PublishedDiagnostics {
  readonly #published = new Map<string, Published>();
  /** Documents whose diagnostics the client got from elsewhere (a snapshot), by `diagnosticsDigest`, until the next pass. */
  readonly #assumed = new Map<string, string>();
  /** Every document's analysis as of the last `changes`: tells which documents were re-analysed since. */
  #analyses = new Map<string, DocumentAnalysis>();

  /**
   * Records that the client already shows, for `uri`, the diagnostics whose JSON has this `diagnosticsDigest`
   * (published from a snapshot before any findings were computed): the next pass converts the document's findings
   * and sends them only if their digest differs, instead of re-sending every document once.
   */
  assume(uri: string, digest: string): void {
    this.#published.delete(uri);
    this.#assumed.set(uri, digest);
  }

  /** The documents to (re)publish, with their diagnostics, and the URIs whose diagnostics must be cleared. */
  changes(index: WorkspaceIndex, findings: ReadonlyMap<string, readonly Finding[]>): { publish: { uri: string; version: number; diagnostics: Diagnostic[] }[]; clear: string[] } {
    const clear = [...this.#published.keys(), ...this.#assumed.keys()].filter((uri) => !findings.has(uri));
    for (const uri of clear) {
      this.#published.delete(uri);
      this.#assumed.delete(uri);
    }
    const publish: { uri: string; version: number; diagnostics: Diagnostic[] }[] = [];
    const reanalysed = this.#reanalysed(index);
    // An array, looked through for each of 2,005 documents without an iterator or closure per document.
    const reanalysedUris = [...reanalysed];
    for (const [uri, list] of findings) {
      const previous = this.#published.get(uri);
      // The same findings of the same analysis (one not re-analysed since: `#analyses` holds it, as published), pointing
      // only at documents not re-analysed since: nothing moved.
      if (previous && previous.findings === list && !reanalysed.has(uri) && previous.document === this.#analyses.get(uri) && !hasAny(previous.relatedUris, reanalysedUris)) continue;
      const document = index.get(uri);
      if (!document) continue;
      if (previous && sameVersion(previous.document, document) && samePublished(index, previous, list)) {
        // Equal diagnostics; keep the newest findings (and analysis) so the next comparison meets objects of this pass.
        previous.findings = list;
        previous.document = document;
        continue;
      }
      const diagnostics = list.map((finding) => toDiagnostic(index, document.lines, finding));
      this.#published.set(uri, { document, findings: list, ...relatedOf(index, list, diagnostics) });
      const assumed = this.#assumed.get(uri);
      if (assumed !== undefined) {
        this.#assumed.delete(uri);
        if (assumed === diagnosticsDigest(JSON.stringify(diagnostics))) continue;
      }
      publish.push({ uri, version: document.version, diagnostics });
    }
    return { publish, clear };
  }

  /** The index and generation `#analyses` was last brought up to date with. */
  #seen: { index: WorkspaceIndex; generation: number } | undefined;

  /**
   * The URIs of the documents set (re-analysed) or deleted since the last `changes`, with `#analyses` brought up to date.
   * From the index's log of changes when it has them: comparing 2,005 documents' analyses on every keystroke cost
   * ~2 ms. Every document is compared when it has not (another index, or more changes than it logs).
   */
  #reanalysed(index: WorkspaceIndex): ReadonlySet<string> {
    const seen = this.#seen;
    const since = seen?.index === index ? index.changesSince(seen.generation) : undefined;
    this.#seen = { index, generation: index.generation };
    if (since) {
      for (const uri of since) {
        const document = index.get(uri);
        if (document) this.#analyses.set(uri, document);
        else this.#analyses.delete(uri);
      }
      return since;
    }
    const analyses = new Map<string, DocumentAnalysis>();
    const reanalysed = new Set<string>();
    for (const uri of index.uris()) {
      const document = index.get(uri)!;
      analyses.set(uri, document);
      if (this.#analyses.get(uri) !== document) reanalysed.add(uri);
    }
    for (const uri of this.#analyses.keys()) if (!analyses.has(uri)) reanalysed.add(uri);
    this.#analyses = analyses;
    return reanalysed;
  }

  /** Whether some document's diagnostics are only assumed (see `assume`): not known yet as findings. */
  get assuming(): boolean {
    return this.#assumed.size > 0;
  }

  /**
   * The diagnostics last sent for every document, rebuilt exactly as sent (related places at their ranges then, not
   * now), with the analysis they were converted against: what the client shows, whatever changed since.
   */
  *published(): Generator<{ uri: string; document: DocumentAnalysis; diagnostics: Diagnostic[] }> {
    const nowhere = new WorkspaceIndex(); // every related range is set from relatedRanges below
    for (const [uri, { document, findings, relatedRanges: r }] of this.#published) {
      let k = 0;
      const diagnostics = findings.map((finding) => {
        const diagnostic = toDiagnostic(nowhere, document.lines, finding);
        for (const { location } of diagnostic.relatedInformation ?? []) {
          location.range = { start: { line: r[k]!, character: r[k + 1]! }, end: { line: r[k + 2]!, character: r[k + 3]! } };
          k += 4;
        }
        return diagnostic;
      });
      yield { uri, document, diagnostics };
    }
  }
}

/** Identifies diagnostics as sent, by the SHA-1 of their JSON (`JSON.stringify` of the `Diagnostic[]`). */
export function diagnosticsDigest(json: string): string {
  return createHash('sha1').update(json).digest('base64');
}

function relatedOf(index: WorkspaceIndex, findings: readonly Finding[], diagnostics: readonly Diagnostic[]): Pick<Published, 'relatedDocuments' | 'relatedRanges' | 'relatedUris'> {
  const relatedDocuments: (DocumentAnalysis | undefined)[] = [];
  const relatedUris = new Set<string>();
  for (const finding of findings) {
    for (const place of finding.related) {
      relatedDocuments.push(index.get(place.uri));
      relatedUris.add(place.uri);
    }
  }
  const relatedRanges = new Int32Array(relatedDocuments.length * 4);
  let k = 0;
  for (const diagnostic of diagnostics) {
    for (const { location: { range } } of diagnostic.relatedInformation ?? []) {
      relatedRanges.set([range.start.line, range.start.character, range.end.line, range.end.character], k);
      k += 4;
    }
  }
  return { relatedDocuments, relatedRanges, relatedUris };
}

function hasAny<T>(set: ReadonlySet<T>, items: readonly T[]): boolean {
  for (let i = 0; i < items.length; i++) if (set.has(items[i]!)) return true;
  return false;
}

/** Field by field, only what reaches a diagnostic (quick fixes are read from fresh findings when asked for). */
function samePublished(index: WorkspaceIndex, previous: Published, findings: readonly Finding[]): boolean {
  const before = previous.findings;
  if (before.length !== findings.length) return false;
  let k = 0;
  for (let i = 0; i < findings.length; i++) {
    const x = before[i]!;
    const y = findings[i]!;
    // The same finding object (rules reuse unchanged reports): only its related documents may have moved.
    const same = x === y;
    if (!same && (x.ruleId !== y.ruleId || x.severity !== y.severity || x.message !== y.message || x.span.start !== y.span.start || x.span.end !== y.span.end)) return false;
    if (x.related.length !== y.related.length) return false;
    for (let j = 0; j < y.related.length; j++, k++) {
      const p = x.related[j]!;
      const q = y.related[j]!;
      if (!same && (p.uri !== q.uri || p.message !== q.message)) return false;
      const document = index.get(q.uri);
      if (document === previous.relatedDocuments[k] && p.span.start === q.span.start && p.span.end === q.span.end) continue;
      const start = document ? document.lines.positionAt(q.span.start) : { line: 0, character: 0 };
      const end = document ? document.lines.positionAt(q.span.end) : { line: 0, character: 0 };
      const r = previous.relatedRanges;
      if (r[4 * k] !== start.line || r[4 * k + 1] !== start.character || r[4 * k + 2] !== end.line || r[4 * k + 3] !== end.character) return false;
      previous.relatedDocuments[k] = document; // same range in the new analysis: compare offsets next time
    }
  }
  return true;
}

/**
 * Whether two analyses are of the same text (a document analysed again without an edit, as when the index is built
 * anew): its findings then have the same ranges, and need not be sent again.
 */
function sameVersion(published: DocumentAnalysis, document: DocumentAnalysis): boolean {
  return published === document || (published.version === document.version && published.text === document.text);
}
