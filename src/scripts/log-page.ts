// The log page: hands the chosen, dropped or pasted log to a worker that reads it with the CLI's reader, shows the
// progress, then the groups (src/logs/rows.ts) and the timeline (src/logs/timeline.ts). The file's bytes go to the
// worker and nowhere else; the page writes text nodes only (the site requires Trusted Types).
import { type LogRow, summaryOf, toMarkdown, toNdjson, toRows } from '../logs/rows.ts';
import { describeLane, layoutTimeline, type TimelineData } from '../logs/timeline.ts';
import type { LogFile, LogResult } from '../logs/browser/read-files.ts';
import type { LogInit, LogJob, WorkerMessage } from './log-worker.ts';
import workerUrl from './log-worker.ts?worker&url';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const section = $('log');
const input = document.querySelector<HTMLInputElement>('[data-log-input]')!;
const drop = document.querySelector<HTMLElement>('[data-log-drop]')!;
const text = $<HTMLTextAreaElement>('log-text');
const reading = $('log-reading');
const bar = $<HTMLProgressElement>('log-bar');
const progressText = $('log-progress-text');
const status = $('log-status');
const messages = $('log-messages');
const answer = $('log-answer');
const rowsBody = $('log-rows');
const chart = $('log-chart');
const caption = $('log-timeline-caption');
const timelineText = $('log-timeline-text');
const base = document.body.dataset.base ?? '/';
const site = new URL(base, location.origin).href;

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

// The site allows Trusted Types policies by this one name only, and the policy makes a script URL of one URL only:
// the worker's own file, bundled with the page.
const WORKER = new URL(workerUrl, location.href).href;
type Tt = {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): { createScriptURL(url: string): unknown };
};
const tt = (globalThis as unknown as { trustedTypes?: Tt }).trustedTypes;
const workerPolicy = tt?.createPolicy('mm-log-worker', {
  createScriptURL(url) {
    if (url !== WORKER) throw new TypeError(`not the log worker: ${url}`);
    return url;
  },
});
const workerScript = () => (workerPolicy ? workerPolicy.createScriptURL(WORKER) : WORKER) as string;

let worker: Worker | undefined;
/** True while the worker reads a log: Cancel or a new log then ends it, and a fresh one is started. */
let busy = false;
let last: { result: LogResult; rows: LogRow[]; summary: string } | undefined;

/**
 * A worker started ahead of need, which fetches the model at once: the page then reads a log offline once loaded.
 * After Cancel the reading worker is ended (that is what stops it at once) and the next one started.
 */
function spawn(): Worker {
  const w = new Worker(workerScript(), { type: 'module', name: 'log-triage' });
  w.postMessage({ modelUrl: new URL(section.dataset.logModel!, location.href).href } satisfies LogInit);
  w.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    if (w !== worker || !busy) return;
    const m = event.data;
    if (m.type === 'progress') {
      bar.value = m.progress.bytes;
      progressText.textContent = `${mb(m.progress.bytes)} of ${mb(m.progress.total)} read, ${n(m.progress.panics)} panic${m.progress.panics === 1 ? '' : 's'} found`;
      return;
    }
    busy = false;
    if (m.type === 'error') setState('error', `The log could not be read: ${m.message}`);
    else show(m.result);
  });
  w.addEventListener('error', (e) => {
    if (w !== worker) return;
    w.terminate();
    worker = undefined;
    if (!busy) return;
    busy = false;
    setState('error', `The log could not be read: ${e.message || 'the reader stopped'}`);
  });
  return w;
}

function stop(): void {
  worker?.terminate();
  worker = undefined;
  busy = false;
}

function setState(state: 'idle' | 'reading' | 'done' | 'error' | 'cancelled', message: string): void {
  section.dataset.logState = state;
  status.textContent = message;
  reading.hidden = state !== 'reading';
}

function showMessages(lines: string[]): void {
  messages.replaceChildren(...lines.map((l) => Object.assign(document.createElement('li'), { textContent: l })));
}

function start(files: LogFile[]): void {
  if (files.length === 0) return;
  if (busy) stop();
  answer.hidden = true;
  showMessages([]);
  const total = files.reduce((s, f) => s + f.blob.size, 0);
  bar.max = Math.max(1, total);
  bar.value = 0;
  progressText.textContent = `0 of ${mb(total)} read, no panic yet`;
  setState('reading', `Reading ${files.map((f) => f.name).join(', ')}…`);
  worker ??= spawn();
  busy = true;
  worker.postMessage({ files, site } satisfies LogJob);
}

function show(result: LogResult): void {
  showMessages([...result.errors, ...result.warnings]);
  if (result.errors.length === result.inputs) {
    setState(
      'error',
      result.errors.length === 1 ? result.errors[0]! : `No input could be read: ${result.errors.join('; ')}`,
    );
    return;
  }
  if (result.groups.length === 0) {
    last = undefined;
    setState('done', `No panic found in ${n(result.lines)} line${result.lines === 1 ? '' : 's'}.`);
    return;
  }
  const rows = toRows(result.groups);
  const summary = summaryOf(result.groups, result.panics);
  last = { result, rows, summary };
  $('log-summary').textContent = `${summary}, in ${n(result.lines)} lines.`;
  rowsBody.replaceChildren(...rows.map(rowElement));
  drawTimeline(result.timeline, rows);
  answer.hidden = false;
  setState('done', `Done: ${summary}.`);
}

function cellOf(content: string | Node, tag: 'td' | 'th' = 'td'): HTMLElement {
  const c = document.createElement(tag);
  c.append(content);
  return c;
}

function rowElement(row: LogRow): HTMLTableRowElement {
  const g = row.group;
  const tr = document.createElement('tr');
  tr.dataset.logGroup = row.id;
  tr.dataset.count = String(g.count);
  const link = Object.assign(document.createElement('a'), { href: g.url, textContent: row.what });
  const num = cellOf(`#${g.number}`, 'th');
  num.setAttribute('scope', 'row');
  tr.append(
    num,
    cellOf(n(g.count)),
    cellOf(row.first),
    cellOf(row.last),
    cellOf(row.role),
    cellOf(g.severity ?? '-'),
    cellOf(link),
  );
  return tr;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function drawTimeline(data: TimelineData, rows: LogRow[]): void {
  const layout = layoutTimeline(
    data,
    rows.map((r) => ({ key: r.group.key, label: `#${r.group.number}` })),
  );
  const root = svg('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'img',
    'aria-labelledby': 'log-timeline-caption',
  });
  layout.lanes.forEach((lane, i) => {
    const secondary = rows[i]!.group.role === 'secondary';
    root.append(
      svg('rect', {
        class: 'lane',
        x: layout.plotLeft,
        y: lane.y,
        width: layout.width - layout.plotLeft - 8,
        height: lane.height,
      }),
    );
    root.append(svg('text', { x: 4, y: lane.y + lane.height / 2 + 4 }, lane.label));
    for (const b of lane.bars)
      root.append(
        svg('rect', { class: secondary ? 'bar secondary' : 'bar', x: b.x, y: b.y, width: b.width, height: b.height }),
      );
  });
  root.append(
    svg('line', {
      class: 'axis',
      x1: layout.plotLeft,
      x2: layout.width - 8,
      y1: layout.plotBottom,
      y2: layout.plotBottom,
    }),
  );
  layout.ticks.forEach((t, i) => {
    const anchor = i === 0 ? 'start' : i === layout.ticks.length - 1 ? 'end' : 'middle';
    root.append(
      svg('text', { x: Math.min(t.x, layout.width - 8), y: layout.plotBottom + 16, 'text-anchor': anchor }, t.label),
    );
  });
  chart.replaceChildren(root);
  const axis = data.axis === 'time' ? "the log's own time" : 'the line number (the log carries no time)';
  caption.textContent =
    `Panics per group over ${axis}: one lane per row of the table, a bar's height grows with the panics in its slice` +
    (data.unplotted > 0 ? `; ${n(data.unplotted)} panics without a time are not drawn.` : '.');
  timelineText.replaceChildren(
    ...layout.lanes.map((lane, i) =>
      Object.assign(document.createElement('li'), {
        textContent: `${lane.label} ${rows[i]!.what}: ${describeLane(data.axis, lane)}`,
      }),
    ),
  );
}

input.addEventListener('change', () => start([...(input.files ?? [])].map((f) => ({ name: f.name, blob: f }))));
$('log-text-go').addEventListener('click', () => {
  if (text.value.trim() !== '') start([{ name: 'pasted log', blob: new Blob([text.value]) }]);
});
$('log-cancel').addEventListener('click', () => {
  stop();
  worker = spawn();
  setState('cancelled', `Cancelled at ${progressText.textContent ?? ''}: nothing was kept.`);
});
worker = spawn();

for (const type of ['dragenter', 'dragover'] as const) {
  drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
}
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  start([...(e.dataTransfer?.files ?? [])].map((f) => ({ name: f.name, blob: f })));
});

async function flash(button: HTMLElement, done: string): Promise<void> {
  const before = button.textContent;
  button.textContent = done;
  setTimeout(() => (button.textContent = before), 1500);
}

$('log-copy').addEventListener('click', async (e) => {
  if (!last) return;
  const button = e.currentTarget as HTMLElement;
  try {
    await navigator.clipboard.writeText(toMarkdown(last.rows, last.summary));
    void flash(button, 'Copied');
  } catch {
    void flash(button, 'Copy failed');
  }
});
$('log-download').addEventListener('click', () => {
  if (!last) return;
  const url = URL.createObjectURL(new Blob([toNdjson(last.result.groups)], { type: 'application/x-ndjson' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: 'panics.ndjson' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});
