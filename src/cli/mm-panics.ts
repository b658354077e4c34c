#!/usr/bin/env node
/**
 * `mm-panics`, the package's command: `mm-panics triage [FILE …]` (see src/cli/triage.ts), from the sources. The
 * package's bin, bin/mm-panics.js, starts the compiled triage instead while it is fresh, and this file otherwise;
 * this one compiles the triage for the next start.
 */
import { usageError } from './args.ts';
import { cachingSource } from './triage-cache.ts';
import { fromContent, main as triage, processIo } from './triage.ts';

const USAGE = `usage: mm-panics <command> [options]

commands:
  triage [FILE …]   find the panics in logs and the page of each (mm-panics triage --help)`;

const [command, ...rest] = process.argv.slice(2);
if (command === 'triage') {
  const { source, written } = cachingSource(fromContent);
  process.exitCode = await triage(rest, processIo(), source);
  await Promise.all(written);
} else if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(`${USAGE}\n`);
  process.exitCode = command === undefined ? 2 : 0;
} else {
  process.exitCode = usageError(
    { name: 'mm-panics', usage: USAGE },
    `unknown command \`${command}\`; the command is \`triage\``,
  );
}
