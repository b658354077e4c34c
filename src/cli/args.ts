/**
 * The preamble every command line of the project shares: options parsed by node:util's parseArgs (strict), `--help`
 * and `-h` printing the usage, and a usage error as one compiler-like line on stderr with exit code 2:
 * `inventory: error: Unknown option '--bogus' (usage: npm run inventory -- --repo PATH …)`.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** The exit code of bad input: bad options, a missing file, invalid content. */
export const BAD_INPUT = 2;

export interface Command {
  /** What each message starts with: `inventory`, `mm-panics triage`. */
  name: string;
  /** What `--help` prints; its first line closes a usage error. */
  usage: string;
  /** Where messages go; the process's streams unless a test gives its own. */
  io?: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } };
}

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>
>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** Prints `<name>: error: <message>` on stderr and returns the exit code of bad input. */
export function inputError(command: Command, message: string): number {
  (command.io ?? process).stderr.write(`${command.name}: error: ${message}\n`);
  return BAD_INPUT;
}

/** A usage error: the message, then the first line of the usage, on one line; exit code 2. */
export const usageError = (command: Command, message: string): number =>
  inputError(command, `${message} (${command.usage.split('\n')[0]})`);

/**
 * Parses `argv` against `options` (plus `--help`). Returns the parsed values and positionals, or the exit code when
 * the command is done: 0 after `--help`, 2 after a usage error. Positionals are refused unless `positionals` is set.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
  command: Command,
  argv: readonly string[],
  options: O,
  { positionals = false }: { positionals?: boolean } = {},
): Parsed<O> | { exitCode: number } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, ...HELP }, strict: true, allowPositionals: positionals });
  } catch (e) {
    return { exitCode: usageError(command, (e as Error).message.split('\n')[0]!) };
  }
  if ((parsed.values as { help?: boolean }).help) {
    (command.io ?? process).stdout.write(`${command.usage}\n`);
    return { exitCode: 0 };
  }
  return parsed as unknown as Parsed<O>;
}
