/// <reference lib="webworker" />
// The log page's worker: reads the files it is given with the CLI's reader (src/logs/browser/read-files.ts) and posts
// progress and the answer back. It fetches the model from the site and nothing else: the files never leave the page.
import type { LogPageModel } from '../logs/page-model.ts';
import { type LogFile, type Progress, readLogFiles } from '../logs/browser/read-files.ts';

export interface LogJob {
  files: LogFile[];
  /** The site root the page links are made from (origin and base). */
  site: string;
}

/** The first message: where the model is. The worker fetches it at once, so that the page works offline once loaded. */
export interface LogInit {
  modelUrl: string;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Awaited<ReturnType<typeof readLogFiles>> }
  | { type: 'error'; message: string };

const post = (m: WorkerMessage) => postMessage(m);
// Progress at most ten times a second: the page repaints a bar, not the file.
const PROGRESS_MS = 100;

async function loadModel(url: string): Promise<LogPageModel> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the site's model (${url}) could not be loaded: HTTP ${response.status}`);
  return (await response.json()) as LogPageModel;
}

let model: Promise<LogPageModel> | undefined;

addEventListener('message', async (event: MessageEvent<LogInit | LogJob>) => {
  const message = event.data;
  if ('modelUrl' in message) {
    model = loadModel(message.modelUrl);
    model.catch(() => undefined);
    return;
  }
  try {
    if (!model) throw new Error('the worker was given a log before the model');
    let last = 0;
    const result = await readLogFiles(message.files, await model, message.site, (progress) => {
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
