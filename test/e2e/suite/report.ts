import { format } from 'node:util';

// test/e2e/run.ts bundles the suite with POLICY_LENS_E2E_RELAY defined, and code-server relays the extension
// host's console to the page mixed with the workbench's own log: the tag marks the lines that are the suite's.
// (Assigning console.log inside the extension host has no effect on what is relayed, hence a function.)
const tag = process.env.POLICY_LENS_E2E_RELAY ?? '';

/** Prints a line of the suite's output (mocha's reporter writes through this too). */
export function report(...args: unknown[]): void {
  const text = format(...args);
  console.log(tag ? text.split('\n').map((line) => tag + line).join('\n') : text);
}
