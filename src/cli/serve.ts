/**
 * `npm start` (after the build) and `npm run serve [DIST]`: serves the build on http://localhost:4321 (`PORT`,
 * `HOST`), at BASE_PATH when the build used one. `PORT=0` takes a free port; the line printed says which.
 */
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { inputError, parseCommandLine, usageError } from './args.ts';
import { distDir } from './paths.ts';
import { serveStatic } from './static-server.ts';

const CLI = { name: 'serve', usage: 'usage: npm run serve [DIST]  (PORT, HOST and BASE_PATH from the environment)' };

/** Starts the server; an exit code only when it did not start. */
async function main(argv: string[]): Promise<number | undefined> {
  const parsed = parseCommandLine(CLI, argv, {}, { positionals: true });
  if ('exitCode' in parsed) return parsed.exitCode;
  if (parsed.positionals.length > 1) return usageError(CLI, 'give one build folder at most');
  const root = parsed.positionals[0] ?? distDir();
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    return inputError(CLI, `${root} is not a folder; build the site first (npm run build)`);
  }
  const port = Number(process.env.PORT ?? 4321);
  const base = process.env.BASE_PATH ?? '/';
  const host = process.env.HOST ?? 'localhost';
  const server = await serveStatic({ root, base, port, host });
  const { port: actual } = server.address() as AddressInfo;
  console.log(`Serving ${root} at http://${host}:${actual}${base}  (Ctrl+C to stop)`);
  return undefined;
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
