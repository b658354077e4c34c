// A site built and served for one test file: a content folder with a retired and a renamed panic path and a history
// recorded against the issue-12 acceptance repository (src/history/fixture-repo.ts), both built in temp folders.
// The real content has neither; the lead's search e2e for the acceptance scenario can use this too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { serveStatic } from '../src/cli/static-server.ts';
import { contentWithRetiredAndRenamed } from '../src/test-support/fixture-content.ts';
import { type PendingFillRepo, pendingFillRepo } from '../src/test-support/fixture-repo.ts';
import { loadContent } from '../src/model/load-content.ts';

export interface HistorySite {
  /** The served site's URL with its base, ending in `/`. */
  url: string;
  content: string;
  /** Where the pending-fill unwrap and the other unwrap are in each revision of the repository. */
  lines: PendingFillRepo['lines'];
  close(): Promise<void>;
}

/** Builds (content check, Astro, Pagefind) at `base` and serves it on a free port; throws with the build's output. */
export async function historySite(base: string): Promise<HistorySite> {
  const temps: string[] = [];
  const content = contentWithRetiredAndRenamed();
  temps.push(dirname(content));
  const fixture = pendingFillRepo(loadContent(content).model);
  temps.push(fixture.repo.dir);
  const cleanup = () => temps.forEach((d) => rmSync(d, { recursive: true, force: true }));
  try {
    const node = process.execPath;
    const record = spawnSync(
      node,
      ['src/cli/check-sources.ts', '--repo', fixture.repo.dir, '--content', content, '--history', '--record'],
      { encoding: 'utf8' },
    );
    // The retired path's code is gone at HEAD, and the check skips it there: it holds (exit 0).
    if (record.status !== 0)
      throw new Error(`check-sources --history --record exited ${record.status}: ${record.stdout}${record.stderr}`);
    const dist = join(mkdtempSync(join(tmpdir(), 'history-dist-')), 'dist');
    temps.push(dirname(dist));
    const build = spawnSync(node, ['src/cli/build.ts'], {
      encoding: 'utf8',
      env: { ...process.env, CONTENT_DIR: content, DIST_DIR: dist, BASE_PATH: base, ASTRO_TELEMETRY_DISABLED: '1' },
      maxBuffer: 64 << 20,
    });
    if (build.status !== 0)
      throw new Error(`build exited ${build.status}: ${build.stderr}${build.stdout.slice(-2000)}`);
    const server = await serveStatic({ root: dist, base, port: 0 });
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}`,
      content,
      lines: fixture.lines,
      close: async () => {
        await new Promise((done) => server.close(done));
        cleanup();
      },
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}
