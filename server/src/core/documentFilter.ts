import picomatch from 'picomatch';

/** Include/exclude globs, relative to a workspace folder (settings `policyLens.include` / `policyLens.exclude`). */
export interface DocumentFilterSettings {
  include: string[];
  exclude: string[];
}

export const defaultDocumentFilter: DocumentFilterSettings = {
  include: ['**/*.md', '**/*.txt'],
  exclude: ['**/node_modules/**', '**/.git/**'],
};

/**
 * Builds a predicate over folder-relative paths ("reports/a.md"), shared by the server and the CLI
 * so both index exactly the same documents.
 */
export function createDocumentFilter(settings: DocumentFilterSettings): (relativePath: string) => boolean {
  const options = { dot: false, nocase: true };
  const included = picomatch(settings.include.length > 0 ? settings.include : defaultDocumentFilter.include, options);
  const excluded = settings.exclude.length > 0 ? picomatch(settings.exclude, { ...options, dot: true }) : () => false;
  return (relativePath) => {
    const path = relativePath.replace(/\\/g, '/');
    return included(path) && !excluded(path);
  };
}
