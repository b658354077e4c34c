/** tree-sitter's Rust grammar, loaded once per process (web-tree-sitter runs it as WebAssembly). */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

let parser: Promise<Parser> | undefined;

const grammarPath = (): string => createRequire(import.meta.url).resolve('tree-sitter-rust/tree-sitter-rust.wasm');

/** A parser for Rust source; the same instance each call (parsing is synchronous once it is loaded). */
export function rustParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const rust = await Language.load(grammarPath());
    const p = new Parser();
    p.setLanguage(rust);
    return p;
  })();
  return parser;
}
