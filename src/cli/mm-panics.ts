#!/usr/bin/env node
/**
 * `mm-panics`, the package's command: `mm-panics triage [FILE …]` (see src/cli/triage.ts).
 * A TypeScript bin: it runs on Node ≥ 23.6 (type stripping), which `npx mm-panics` in the repository provides (npm
 * puts node_modules/.bin, holding the `node` devDependency, first on PATH); a system Node 20 cannot run it.
 */
import { cachingSource } from './triage-cache.ts';
import { exitQuietlyOnEpipe, fromContent, main as triage } from './triage.ts';

const USAGE = `usage: mm-panics <command> [options]

commands:
  triage [FILE …]   find the panics in logs and the page of each (mm-panics triage --help)`;

const [command, ...rest] = process.argv.slice(2);
exitQuietlyOnEpipe(process.stdout);
if (command === 'triage') {
  const { source, written } = cachingSource(fromContent);
  process.exitCode = await triage(rest, process, source);
  await Promise.all(written);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exitCode = command === undefined ? 2 : 0;
} else {
  process.stderr.write(`mm-panics: error: unknown command \`${command}\`; the command is \`triage\`\n${USAGE}\n`);
  process.exitCode = 2;
}
