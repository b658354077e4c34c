/**
 * `npm start` (after the build) and `npm run serve [DIST]`: serves the build on http://localhost:4321 (`PORT`,
 * `HOST`), at BASE_PATH when the build used one. `PORT=0` takes a free port; the line printed says which.
 */
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { distDir } from './paths.ts';
import { serveStatic } from './static-server.ts';

const root = process.argv[2] ?? distDir();
const port = Number(process.env.PORT ?? 4321);
const base = process.env.BASE_PATH ?? '/';
const host = process.env.HOST ?? 'localhost';

if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`serve: error: ${root} is not a folder; build the site first (npm run build)`);
  process.exit(2);
}
const server = await serveStatic({ root, base, port, host });
const { port: actual } = server.address() as AddressInfo;
console.log(`Serving ${root} at http://${host}:${actual}${base}  (Ctrl+C to stop)`);
