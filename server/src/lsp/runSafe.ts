import { LSPErrorCodes, ResponseError, type CancellationToken, type RemoteConsole } from 'vscode-languageserver';

/**
 * Runs a request handler so that it never throws into the connection: cancellation is checked
 * before and after, and an exception is logged and answered with `fallback`.
 */
export async function runSafe<T>(console: RemoteConsole, name: string, token: CancellationToken, fallback: T, handler: () => T | Promise<T>): Promise<T | ResponseError<void>> {
  if (token.isCancellationRequested) return cancelled();
  try {
    const result = await handler();
    return token.isCancellationRequested ? cancelled() : result;
  } catch (error) {
    console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
