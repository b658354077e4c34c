/**
 * Panics per group over a log's span, for the log page's timeline: counted into a fixed number of buckets whose width
 * doubles as the log goes on (memory stays bounded whatever the log's length), then laid out as lanes of bars, one
 * lane per group. The axis is the log's own time when its panics carry one, else the line number. Pure: no DOM.
 */
import { ISO_TIME_PARTS, SYSLOG_TIME_PARTS } from '../panic-text/grammar.ts';

export const BUCKETS = 60;

export type Axis = 'time' | 'line';

export interface TimelineData {
  axis: Axis;
  /** Bucket `i` covers [origin + i·width, origin + (i+1)·width). */
  origin: number;
  width: number;
  /** First and last bucket index holding a panic. */
  min: number;
  max: number;
  series: { key: string; buckets: [index: number, count: number][] }[];
  /** Panics not on the axis: without a time in a log whose panics carry times. */
  unplotted: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Milliseconds since the epoch of a time as src/logs/timestamp.ts reads it from a log (ISO 8601 in its variants, or
 * syslog's, which has no year: `year` is used), or undefined. A time without a zone is read as UTC.
 */
export function timeValue(text: string, year = new Date().getUTCFullYear()): number | undefined {
  const iso = ISO_TIME_PARTS.exec(text);
  if (iso) {
    const zone = iso[4] === undefined || iso[4] === 'Z' ? 'Z' : iso[4].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const ms = Date.parse(`${iso[1]}T${iso[2]}.${(iso[3] ?? '').padEnd(3, '0').slice(0, 3)}${zone}`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const sys = SYSLOG_TIME_PARTS.exec(text);
  if (sys) {
    const month = MONTHS.indexOf(sys[1]!);
    if (month < 0) return undefined;
    const ms = Date.parse(
      `${year}-${String(month + 1).padStart(2, '0')}-${sys[2]!.padStart(2, '0')}T${sys[3]}.${(sys[4] ?? '').padEnd(3, '0').slice(0, 3)}Z`,
    );
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** Counts panics on one axis into buckets; add() is O(1) amortised, memory at most BUCKETS + 1 counts per group. */
class Buckets {
  private started = false;
  private origin = 0;
  private width: number;
  private min = 0;
  private max = 0;
  private readonly series = new Map<string, Map<number, number>>();
  added = 0;

  constructor(width: number) {
    this.width = width;
  }

  add(key: string, x: number): void {
    this.added++;
    if (!this.started) {
      this.started = true;
      this.origin = x;
    }
    let index = Math.floor((x - this.origin) / this.width);
    const empty = this.series.size === 0;
    let min = empty ? index : Math.min(this.min, index);
    let max = empty ? index : Math.max(this.max, index);
    while (max - min >= BUCKETS) {
      this.width *= 2;
      for (const counts of this.series.values()) {
        const merged = new Map<number, number>();
        for (const [i, c] of counts) merged.set(Math.floor(i / 2), (merged.get(Math.floor(i / 2)) ?? 0) + c);
        counts.clear();
        for (const [i, c] of merged) counts.set(i, c);
      }
      min = Math.floor(min / 2);
      max = Math.floor(max / 2);
      index = Math.floor((x - this.origin) / this.width);
    }
    this.min = min;
    this.max = max;
    let counts = this.series.get(key);
    if (!counts) this.series.set(key, (counts = new Map()));
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }

  data(axis: Axis, unplotted: number): TimelineData {
    const series = [...this.series].map(([key, counts]) => ({ key, buckets: [...counts].sort((a, b) => a[0] - b[0]) }));
    return { axis, origin: this.origin, width: this.width, min: this.min, max: this.max, series, unplotted };
  }
}

/**
 * Counts the panics of a log by time and by line at once: the time axis is drawn when most panics carry a time (a
 * log whose first lines come from a collector that writes none still gets its time axis), else the line axis.
 */
export class TimelineCounter {
  private readonly byTime = new Buckets(1000);
  private readonly byLine = new Buckets(1);

  /** `time`: the panic's time in ms, when the log gave one; `line`: its line counted over all the inputs. */
  add(key: string, time: number | undefined, line: number): void {
    if (time !== undefined) this.byTime.add(key, time);
    this.byLine.add(key, line);
  }

  data(): TimelineData {
    const all = this.byLine.added;
    const timed = this.byTime.added;
    return timed > 0 && timed * 2 >= all ? this.byTime.data('time', all - timed) : this.byLine.data('line', 0);
  }
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  count: number;
  from: number;
  to: number;
}
export interface Lane {
  key: string;
  label: string;
  y: number;
  height: number;
  bars: Bar[];
  total: number;
  peak: Bar | undefined;
}
export interface Tick {
  x: number;
  label: string;
}
export interface TimelineLayout {
  width: number;
  height: number;
  plotLeft: number;
  plotTop: number;
  plotBottom: number;
  lanes: Lane[];
  ticks: Tick[];
}

export const LAYOUT = { width: 640, laneHeight: 28, gap: 6, left: 44, top: 8, axis: 24 } as const;

/** Lanes in the order given (the table's rows), bars scaled by the busiest bucket of all (square root: one panic shows). */
export function layoutTimeline(data: TimelineData, lanes: { key: string; label: string }[]): TimelineLayout {
  const { width, laneHeight, gap, left, top, axis } = LAYOUT;
  const plotWidth = width - left - 8;
  const slots = Math.max(1, Math.min(BUCKETS, data.max - data.min + 1));
  const slot = plotWidth / slots;
  const byKey = new Map(data.series.map((s) => [s.key, s.buckets]));
  const peak = Math.max(1, ...data.series.flatMap((s) => s.buckets.map(([, c]) => c)));
  const laid = lanes.map(({ key, label }, n): Lane => {
    const y = top + n * (laneHeight + gap);
    const bars = (byKey.get(key) ?? []).map(([i, count]): Bar => {
      const height = Math.max(2, Math.round((Math.sqrt(count) / Math.sqrt(peak)) * laneHeight));
      const from = data.origin + i * data.width;
      return {
        x: left + (i - data.min) * slot,
        y: y + laneHeight - height,
        width: Math.max(1, slot - 1),
        height,
        count,
        from,
        to: from + data.width,
      };
    });
    const busiest = bars.reduce<Bar | undefined>((b, bar) => (!b || bar.count > b.count ? bar : b), undefined);
    return { key, label, y, height: laneHeight, bars, total: bars.reduce((s, b) => s + b.count, 0), peak: busiest };
  });
  const plotBottom = top + lanes.length * (laneHeight + gap);
  const start = data.origin + data.min * data.width;
  const end = data.origin + (data.min + slots) * data.width;
  const ticks = [0, 0.5, 1].map((f) => ({
    x: left + f * slots * slot,
    label: axisLabel(data.axis, start + f * (end - start), end - start),
  }));
  return { width, height: plotBottom + axis, plotLeft: left, plotTop: top, plotBottom, lanes: laid, ticks };
}

/** A point of the axis: a time (with the date when the span is over a day) or a line number. */
export function axisLabel(axis: Axis, value: number, span: number): string {
  if (axis === 'line') return `line ${Math.round(value).toLocaleString('en-US')}`;
  const iso = new Date(value).toISOString();
  return span > 86_400_000 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : `${iso.slice(11, 19)}Z`;
}

/** The lane in words, the timeline's text equivalent: `12 panics, 05:00:01Z to 05:02:01Z; most (9) 05:01:00Z–05:01:04Z`. */
export function describeLane(axis: Axis, lane: Lane): string {
  if (lane.bars.length === 0) return 'not on the time axis';
  const span = lane.bars.at(-1)!.to - lane.bars[0]!.from;
  const at = (v: number) => axisLabel(axis, v, span);
  const n = (x: number) => x.toLocaleString('en-US');
  const range = `${at(lane.bars[0]!.from)} to ${at(lane.bars.at(-1)!.to)}`;
  const p = lane.peak!;
  return (
    `${n(lane.total)} panic${lane.total === 1 ? '' : 's'}, ${range}` +
    (lane.bars.length > 1 ? `; most (${n(p.count)}) ${at(p.from)}–${at(p.to)}` : '')
  );
}
