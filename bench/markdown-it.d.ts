// markdown-it ships no types and @types/markdown-it is not installed: just the part the peer benchmark uses.
declare module 'markdown-it' {
  interface Token {
    type: string;
    map: [number, number] | null;
    content: string;
    attrSet(name: string, value: string): void;
    attrJoin(name: string, value: string): void;
  }
  interface MarkdownIt {
    parse(text: string, env: object): Token[];
    set(options: { breaks?: boolean; linkify?: boolean; typographer?: boolean }): MarkdownIt;
    linkify: { set(options: { fuzzyLink?: boolean }): void };
    core: { ruler: { push(name: string, rule: (state: { tokens: Token[] }) => void): void } };
  }
  function markdownIt(options?: { html?: boolean; linkify?: boolean; breaks?: boolean; typographer?: boolean }): MarkdownIt;
  export default markdownIt;
}
