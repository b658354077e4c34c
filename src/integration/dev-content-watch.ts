/**
 * `astro dev`: the content check again after every change under the content folder. A mistake is logged with the
 * same lines as the build's, shown in the browser's error overlay, and every page answers with it until the content
 * is valid again; then the browser reloads. Astro's content layer reloads the pages themselves.
 */
import { relative, resolve, sep } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { checkContent, contentErrorMessage } from './content-check.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page served while the content is invalid; Vite's client in it reloads the page once the content is fixed. */
export function contentErrorPage(errors: readonly string[], viteBase: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Content error</title>` +
    `<script type="module" src="${escapeHtml(viteBase)}@vite/client"></script></head>` +
    `<body><h1>The content has ${errors.length === 1 ? 'a problem' : 'problems'}</h1>` +
    `<pre>${escapeHtml(contentErrorMessage(errors, 'fix it and this page reloads'))}</pre></body></html>`
  );
}

export function watchContent(
  server: ViteDevServer,
  contentDir: string,
  root: string,
  logger: AstroIntegrationLogger,
): void {
  const dir = resolve(root, contentDir);
  const inside = (file: string) => file === dir || file.startsWith(dir + sep);
  let errors: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const recheck = () => {
    const before = errors;
    ({ errors } = checkContent(dir, root));
    const hot = server.environments.client.hot;
    if (errors.length > 0) {
      const message = contentErrorMessage(errors, 'fix it and the page reloads');
      logger.error(message);
      hot.send({ type: 'error', err: { message, stack: '' } });
    } else if (before.length > 0) {
      logger.info(`content of ${relative(root, dir) || dir}/ is valid again`);
      hot.send({ type: 'full-reload', path: '*' });
    }
  };

  // CONTENT_DIR may be outside the project, where Vite does not watch.
  server.watcher.add(dir);
  server.watcher.on('all', (_event, file) => {
    if (!inside(resolve(file))) return;
    // An editor's save is often several events (write, rename); check once they settle.
    clearTimeout(timer);
    timer = setTimeout(recheck, 50);
  });
  server.middlewares.use((req, res, next) => {
    if (errors.length === 0 || !(req.headers.accept ?? '').includes('text/html')) return next();
    res.statusCode = 500;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(contentErrorPage(errors, server.config.base));
  });
}
