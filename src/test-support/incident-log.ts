/**
 * One log of an incident, for the log page's tests and e2e: every real panic of src/fixtures/panics/ written by
 * several collectors one after the other (plain stderr, kubectl, journald, docker's json-file, JSON lines, logfmt with
 * whole records), with the application's own lines around them, and times that only go forward.
 */
import { buildLog, fixture, fixtureNames, WRAPPERS } from './sample-logs.ts';

export const INCIDENT_WRAPPERS = [
  'plain',
  'kubectl --timestamps',
  'journald short-iso',
  'docker json-file (log)',
  'JSON lines (msg)',
  'logfmt',
];

export function incidentLog(): string {
  const panics = fixtureNames().map(fixture);
  let start = 0;
  return INCIDENT_WRAPPERS.map((name, i) => {
    const w = WRAPPERS.find((x) => x.name === name);
    if (!w) throw new Error(`incident log: no wrapper ${name} in sample-logs.ts`);
    const log = buildLog(panics, w, { start, whole: i % 2 === 1 });
    start += 10_000;
    return log.text;
  }).join('');
}

/** The log cut in two at a line boundary near its middle, as logrotate leaves `app.log.1` and `app.log`. */
export function rotated(text: string): [older: string, current: string] {
  const cut = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  return [text.slice(0, cut), text.slice(cut)];
}
