#!/usr/bin/env node
/**
 * `mm-panics`, the package's command: `mm-panics triage [FILE …]` (see src/cli/triage.ts).
 * A TypeScript bin: it runs on Node ≥ 23.6 (type stripping), which `npx mm-panics` in the repository provides (npm
 * puts node_modules/.bin, holding the `node` devDependency, first on PATH); a system Node 20 cannot run it.
 */
import { usageError } from './args.ts';
import { exitQuietlyOnEpipe, main as triage } from './triage.ts';

const USAGE = `usage: mm-panics <command> [options]

commands:
  triage [FILE …]   find the panics in logs and the page of each (mm-panics triage --help)`;

const [command, ...rest] = process.argv.slice(2);
exitQuietlyOnEpipe(process.stdout);
if (command === 'triage') {
  process.exitCode = await triage(rest);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exitCode = command === undefined ? 2 : 0;
} else {
  process.exitCode = usageError({ name: 'mm-panics', usage: USAGE }, `unknown command \`${command}\`; the command is \`triage\``);
}
