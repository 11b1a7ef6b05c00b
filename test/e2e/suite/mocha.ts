// Mocha's BDD functions, typed locally so the suite needs no @types/mocha at the root.
// They delegate to the context that `mocha.suite.emit('pre-require', …)` set up in index.ts.
export interface TestContext {
  timeout(ms: number): void;
}
export type Body = (this: TestContext) => void | Promise<unknown>;

interface Bdd {
  describe(title: string, fn: (this: TestContext) => void): unknown;
  it(title: string, fn: Body): unknown;
  before(fn: Body): unknown;
  after(fn: Body): unknown;
}

const bdd = require('mocha') as Bdd;

export const describe = (title: string, fn: (this: TestContext) => void): unknown => bdd.describe(title, fn);
export const it = (title: string, fn: Body): unknown => bdd.it(title, fn);
export const before = (fn: Body): unknown => bdd.before(fn);
export const after = (fn: Body): unknown => bdd.after(fn);
