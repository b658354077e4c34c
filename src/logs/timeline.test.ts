// The timeline's counting and geometry: bounded buckets whatever the span, every panic counted once, bars inside the
// plot, the times the log wrote read back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axisLabel, BUCKETS, describeLane, LAYOUT, layoutTimeline, TimelineCounter, timeValue } from './timeline.ts';

test('times as src/logs/timestamp.ts reads them from logs', () => {
  const t = Date.UTC(2026, 10, 26, 5, 0, 1, 123);
  for (const s of [
    '2026-11-26T05:00:01.123456789Z',
    '2026-11-26T05:00:01.123+00:00',
    '2026-11-26T05:00:01,123+0000',
    '2026-11-26 05:00:01.123',
  ])
    assert.equal(timeValue(s), t, s);
  assert.equal(timeValue('2026-11-26T07:00:01.123+02:00'), t);
  assert.equal(timeValue('Nov 26 05:00:01.123', 2026), t);
  assert.equal(timeValue('Nov  6 05:00:01', 2026), Date.UTC(2026, 10, 6, 5, 0, 1));
  assert.equal(timeValue('yesterday'), undefined);
});

test('a day of panics, one a second: at most BUCKETS buckets, every panic counted once', () => {
  const c = new TimelineCounter();
  const start = Date.UTC(2026, 10, 26);
  for (let s = 0; s < 86_400; s++) c.add(s % 3 === 0 ? 'a' : 'b', start + s * 1000, s);
  const d = c.data();
  assert.equal(d.axis, 'time');
  assert.ok(d.max - d.min < BUCKETS, `${d.max - d.min + 1} buckets`);
  const total = d.series.reduce((s, x) => s + x.buckets.reduce((t, [, n]) => t + n, 0), 0);
  assert.equal(total, 86_400);
  assert.equal(
    d.series.find((x) => x.key === 'a')!.buckets.reduce((t, [, n]) => t + n, 0),
    28_800,
  );
  // Every bucket covers the times of the panics in it.
  assert.ok(d.origin + d.min * d.width <= start && d.origin + (d.max + 1) * d.width > start + 86_399_000);
});

test('times going back (rotated files out of order) widen the span to the left', () => {
  const c = new TimelineCounter();
  c.add('a', 1_000_000, 1);
  c.add('a', 1_000_000 - 3_600_000, 2);
  const d = c.data();
  assert.ok(d.max - d.min < BUCKETS);
  assert.ok(d.origin + d.min * d.width <= 1_000_000 - 3_600_000);
});

test('a log whose panics mostly carry no time is plotted by line; else by time, the others counted apart', () => {
  const byLine = new TimelineCounter();
  byLine.add('a', undefined, 10);
  byLine.add('a', undefined, 20);
  byLine.add('a', 2_000_000, 5000);
  assert.equal(byLine.data().axis, 'line');
  assert.equal(
    byLine.data().series[0]!.buckets.reduce((t, [, n]) => t + n, 0),
    3,
  );
  const timed = new TimelineCounter();
  timed.add('a', undefined, 2);
  timed.add('a', 1000, 1);
  timed.add('a', 5000, 3);
  assert.equal(timed.data().axis, 'time', 'the first panic without a time does not decide');
  assert.equal(timed.data().unplotted, 1);
});

test('the layout: one lane per row, bars inside the plot, the busiest bucket full height, labels at both ends', () => {
  const c = new TimelineCounter();
  const start = Date.UTC(2026, 10, 26, 5);
  for (let i = 0; i < 100; i++) c.add('burst', start + 60_000 + i * 10, i);
  for (let i = 0; i < 20; i++) c.add('loop', start + i * 300_000, 100 + i);
  const data = c.data();
  const layout = layoutTimeline(data, [
    { key: 'burst', label: '#1' },
    { key: 'loop', label: '#2' },
    { key: 'none', label: '#3' },
  ]);
  assert.equal(layout.lanes.length, 3);
  for (const lane of layout.lanes) {
    for (const b of lane.bars) {
      assert.ok(b.x >= layout.plotLeft && b.x + b.width <= LAYOUT.width, `bar x ${b.x}`);
      assert.ok(b.y >= lane.y && b.y + b.height <= lane.y + lane.height + 0.001);
    }
  }
  assert.equal(layout.lanes[0]!.total, 100);
  assert.equal(layout.lanes[1]!.total, 20);
  assert.equal(Math.max(...layout.lanes[0]!.bars.map((b) => b.height)), LAYOUT.laneHeight);
  assert.equal(layout.lanes[2]!.bars.length, 0);
  assert.equal(layout.ticks[0]!.label, axisLabel('time', data.origin + data.min * data.width, 1));
  assert.match(describeLane(data.axis, layout.lanes[0]!), /^100 panics, 05:0\d:\d\dZ to 05:\d\d:\d\dZ/);
  assert.equal(describeLane(data.axis, layout.lanes[2]!), 'not on the time axis');
});
