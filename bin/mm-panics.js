#!/usr/bin/env node
/**
 * `mm-panics`, the package's command (src/cli/mm-panics.ts). Plain JavaScript so that a start compiles no
 * TypeScript: `mm-panics triage` runs the compiled triage of its content folder (src/cli/triage-cache.ts) when every
 * file it was made from is unchanged, and otherwise the sources, which compile it again for the next start.
 */
import { loadCompiledTriage } from '../src/cli/compiled-triage.js';

// Node's modules taken as they are: importing one as an ES module first builds its whole facade (src/cli/triage-cache.ts).
const { join, resolve } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const { parseArgs } = process.getBuiltinModule('node:util');

const root = fileURLToPath(new URL('../', import.meta.url));
const [command, ...rest] = process.argv.slice(2);
let compiled;
if (command === 'triage') {
  // Only the content folder is read here; the triage itself parses (and checks) every option.
  const { values } = parseArgs({
    args: rest,
    strict: false,
    allowPositionals: true,
    options: { content: { type: 'string' } },
  });
  const content =
    typeof values.content === 'string' ? values.content : (process.env.CONTENT_DIR ?? join(root, 'content'));
  compiled = await loadCompiledTriage(root, resolve(content));
}
if (compiled) {
  try {
    process.exitCode = await compiled.run(rest);
  } catch (e) {
    // The bundle is minified: Node's report of an uncaught error would quote one line of it, the whole file.
    process.stderr.write(`mm-panics triage: error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
} else {
  await import('../src/cli/mm-panics.ts');
}
