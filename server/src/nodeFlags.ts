/**
 * Node flags the language server runs with: the extension forks it with them, and the LSP tests and the benchmark
 * spawn it alike. A 32 MB semi-space (V8's default is 16 MB): a keystroke in a 359 KB report allocates ~13 MB of
 * short-lived records; with the default more of it is promoted and left to full collections of a 1 GB heap. Measured
 * over 90 edits at 2,005 documents, two runs each: main-thread GC 733–747 ms at 16 MB, 501–522 ms at 32 MB, 360–551 ms
 * at 64 MB, with edit p95 91–105, 72–79 and 102–107 ms. 64 MB (used until session 12, when a keystroke re-analysed
 * the whole report and allocated ~100 MB) added ~50 MB to the peak RSS of a first index: the young generation is at
 * its largest through the first rules pass.
 * `--expose-gc`: the server collects its heap once while idle after an index (see `Session`), so that the first full
 * collection after indexing does not fall on keystrokes.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--expose-gc'];
