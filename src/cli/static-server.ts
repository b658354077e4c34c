/**
 * The static file server behind `npm start`, `npm run serve`, the e2e tests and the benchmarks: files, `index.html`
 * for a folder, `404.html` for anything else, no rewrites — what any static host does. Every response carries the
 * security headers of `src/security/csp.ts`, with the hashes of the build's inline scripts read from its pages once
 * at start, so every e2e test runs under the site's policy as a host configured by the build's `_headers` would.
 *
 * It only ever answers from the files of the build, whatever the request:
 * - paths are taken apart segment by segment; a segment that decodes to a slash, a backslash, a control
 *   character or a dot segment is refused (400), so `..%2f` never climbs and nothing undecodable reaches a header;
 * - a redirect's Location is built from the parsed, percent-encoded path under the base (never `//host`);
 * - a file whose real path (symlinks resolved) is outside the build is not found;
 * - every file system error becomes a status (404, 403, 500), never a crash; a read that fails half-way closes
 *   that response only;
 * - only GET and HEAD (405 with `Allow` otherwise);
 * - nothing is compressed per request: the build writes `X.gz` beside text files and those are sent to clients
 *   that accept gzip.
 */
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { securityHeaders } from '../security/csp.ts';
import { COMPRESSIBLE, HOSTING_FILES } from '../security/hosting-files.ts';
import { builtScriptHashes } from '../security/page-policy.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const ALLOWED_METHODS = 'GET, HEAD';

export interface ServeOptions {
  root: string;
  base?: string;
  port: number;
  host?: string;
}

/** What a request asks for: the path segments under the base, or why it cannot be served. */
export type Target =
  | { kind: 'file'; segments: string[]; trailingSlash: boolean; encodedPath: string; search: string }
  | { kind: 'redirect-to-base' }
  | { kind: 'outside-base' }
  | { kind: 'bad-request' };

/** A segment that must never reach the file system, once decoded. */
const UNSAFE_SEGMENT = /[/\\\p{Cc}]/u;

/** Takes a request target apart. Pure: no file system. `base` starts and ends with `/`. */
export function parseTarget(rawUrl: string, base: string): Target {
  if (!rawUrl.startsWith('/')) return { kind: 'bad-request' };
  let url: URL;
  try {
    // Prefixed with an origin of our own so that `//host/…` stays a path and never names another host.
    url = new URL(`http://static.invalid${rawUrl}`);
  } catch {
    return { kind: 'bad-request' };
  }
  if (url.host !== 'static.invalid') return { kind: 'bad-request' };
  const encodedPath = url.pathname; // dot segments resolved, percent-encoded, ASCII only
  if (encodedPath === base.slice(0, -1) && base !== '/') return { kind: 'redirect-to-base' };
  if (!encodedPath.startsWith(base)) return { kind: 'outside-base' };
  const rest = encodedPath.slice(base.length);
  const raw = rest === '' ? [] : rest.split('/');
  const trailingSlash = raw.length === 0 || raw.at(-1) === '';
  if (trailingSlash && raw.length > 0) raw.pop();
  const segments: string[] = [];
  for (const s of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(s);
    } catch {
      return { kind: 'bad-request' };
    }
    // An empty segment (`a//b`) names nothing a static build has; `.`/`..` left after URL parsing were encoded.
    if (decoded === '' || decoded === '.' || decoded === '..' || UNSAFE_SEGMENT.test(decoded))
      return { kind: 'bad-request' };
    segments.push(decoded);
  }
  return { kind: 'file', segments, trailingSlash, encodedPath, search: url.search };
}

/** Whether the client takes gzip (`Accept-Encoding: gzip`, not `gzip;q=0`). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  for (const part of String(header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

type Found = { kind: 'file'; path: string; size: number; mtimeMs: number } | { kind: 'dir' } | { kind: 'missing' };

/** Looks `path` up inside `root` (a real path), refusing anything whose real path leaves it. */
async function lookUp(root: string, path: string): Promise<Found> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    if (isMissing(e)) return { kind: 'missing' };
    throw e;
  }
  if (real !== root && !real.startsWith(root + sep)) return { kind: 'missing' };
  const s = await stat(real);
  if (s.isDirectory()) return { kind: 'dir' };
  if (!s.isFile()) return { kind: 'missing' };
  return { kind: 'file', path: real, size: s.size, mtimeMs: s.mtimeMs };
}

const isMissing = (e: unknown): boolean =>
  ['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP'].includes((e as NodeJS.ErrnoException).code ?? '');
const isForbidden = (e: unknown): boolean => ['EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '');

export function serveStatic({ root, base = '/', port, host = '127.0.0.1' }: ServeOptions): Promise<Server> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const security = securityHeaders(builtScriptHashes(root));
  const rootReal = realpath(root);

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string | number> = {},
    body = '',
  ): void {
    const all = {
      ...security,
      ...headers,
      ...(body ? { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) } : {}),
    };
    res.writeHead(status, all).end(req.method === 'HEAD' ? undefined : body);
  }

  /** Sends an opened file, closing it whatever happens; a read error part-way ends that response only. */
  function stream(
    req: IncomingMessage,
    res: ServerResponse,
    handle: FileHandle,
    status: number,
    headers: Record<string, string | number>,
  ): void {
    // A client that left while the file was being opened (a preload the browser cancelled): its response has closed
    // already and would never end a pipeline, which would keep the file open until the garbage collector closes it.
    if (req.method === 'HEAD' || res.destroyed || !res.socket || res.socket.destroyed) {
      void handle.close();
      if (!res.destroyed) res.writeHead(status, { ...security, ...headers }).end();
      return;
    }
    res.writeHead(status, { ...security, ...headers });
    // pipeline destroys the file's stream, which closes its handle, when the file is sent or the client leaves.
    pipeline(handle.createReadStream(), res, () => undefined);
  }

  /** Opens the file to send (its `.gz` when the client takes gzip and the build wrote a fresh one). */
  async function openBest(req: IncomingMessage, file: Extract<Found, { kind: 'file' }>, dir: string) {
    const type = TYPES[extname(file.path)] ?? 'application/octet-stream';
    const compressible = COMPRESSIBLE.has(extname(file.path));
    const headers: Record<string, string | number> = {
      'Content-Type': type,
      ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
    };
    if (compressible && acceptsGzip(req.headers['accept-encoding'])) {
      const gz = await lookUp(dir, `${file.path}.gz`).catch(() => ({ kind: 'missing' }) as const);
      if (gz.kind === 'file' && gz.mtimeMs >= file.mtimeMs) {
        const handle = await open(gz.path, 'r').catch(() => null);
        if (handle) return { handle, headers: { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': gz.size } };
      }
    }
    return { handle: await open(file.path, 'r'), headers: { ...headers, 'Content-Length': file.size } };
  }

  async function notFound(req: IncomingMessage, res: ServerResponse, dir: string): Promise<void> {
    const page = await lookUp(dir, join(dir, '404.html')).catch(() => ({ kind: 'missing' }) as const);
    if (page.kind !== 'file') return send(req, res, 404, {}, 'Not found');
    const { handle, headers } = await openBest(req, page, dir);
    stream(req, res, handle, 404, headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(req, res, 405, { Allow: ALLOWED_METHODS }, 'Method not allowed');
    const dir = await rootReal;
    const target = parseTarget(req.url ?? '', prefix);
    if (target.kind === 'bad-request') return send(req, res, 400, {}, 'Bad request');
    if (target.kind === 'redirect-to-base') return send(req, res, 301, { Location: prefix });
    if (target.kind === 'outside-base') return notFound(req, res, dir);
    if (target.segments.length === 1 && HOSTING_FILES.includes(target.segments[0]!)) return notFound(req, res, dir);
    let found = await lookUp(dir, join(dir, ...target.segments));
    if (found.kind === 'dir') {
      // `encodedPath` is the parsed path, under the base and without `//`: a redirect stays on this site.
      if (!target.trailingSlash) return send(req, res, 301, { Location: `${target.encodedPath}/${target.search}` });
      found = await lookUp(dir, join(dir, ...target.segments, 'index.html'));
    } else if (found.kind === 'file' && target.trailingSlash) found = { kind: 'missing' };
    if (found.kind !== 'file') return notFound(req, res, dir);
    const { handle: fh, headers } = await openBest(req, found, dir);
    stream(req, res, fh, 200, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return res.destroy();
      send(
        req,
        res,
        isMissing(e) ? 404 : isForbidden(e) ? 403 : 500,
        {},
        isForbidden(e) ? 'Forbidden' : 'Server error',
      );
    });
  });
  // A malformed request (bad header bytes, oversized headers) gets a 400 from Node; the server keeps going.
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return new Promise((ok, fail) => {
    rootReal.catch(() => undefined); // reported by the first request (and by `serve.ts` before listening)
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}
