/** `npm start` (after the build): serves dist/ on http://localhost:4321, at BASE_PATH when the build used one. */
import { distDir } from './paths.ts';
import { serveStatic } from './static-server.ts';

const port = Number(process.env.PORT ?? 4321);
const base = process.env.BASE_PATH ?? '/';
const host = process.env.HOST ?? 'localhost';
await serveStatic({ root: process.argv[2] ?? distDir(), base, port, host });
console.log(`Serving ${process.argv[2] ?? distDir()} at http://${host}:${port}${base}  (Ctrl+C to stop)`);
