/**
 * Node flags the language server runs with: the extension forks it with them, and the LSP tests and the benchmark
 * spawn it alike. A 64 MB young generation (V8's default semi-space is 16 MB): re-analysing a 359 KB report on a
 * keystroke allocates ~100 MB of short-lived syntax trees and records; with the default, much of it was promoted
 * and left to full collections of a 1.5 GB heap. Ten edits at 2,005 documents: main-thread GC 1,364 → 585 ms.
 * `--expose-gc`: the server collects its heap once while idle after an index (see `Session`), so that the first full
 * collection after indexing does not fall on keystrokes.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--expose-gc'];
