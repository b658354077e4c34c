/// <reference lib="webworker" />
// The log page's worker: reads the files it is given with the CLI's reader (src/logs/browser/read-files.ts) and posts
// progress and the answer back. It fetches the model from the site and nothing else: the files never leave the page.
import type { LogPageModel } from '../logs/page-model.ts';
import { type LogFile, type Progress, readLogFiles } from '../logs/browser/read-files.ts';

export interface LogJob {
  files: LogFile[];
  /** The site root the page links are made from (origin and base). */
  site: string;
  modelUrl: string;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Awaited<ReturnType<typeof readLogFiles>> }
  | { type: 'error'; message: string };

const post = (m: WorkerMessage) => postMessage(m);
// Progress at most ten times a second: the page repaints a bar, not the file.
const PROGRESS_MS = 100;

addEventListener('message', async (event: MessageEvent<LogJob>) => {
  const job = event.data;
  try {
    const response = await fetch(job.modelUrl);
    if (!response.ok) throw new Error(`the site's model (${job.modelUrl}) could not be loaded: HTTP ${response.status}`);
    const model = (await response.json()) as LogPageModel;
    let last = 0;
    const result = await readLogFiles(job.files, model, job.site, (progress) => {
      const now = Date.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      post({ type: 'progress', progress });
    });
    post({ type: 'done', result });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
