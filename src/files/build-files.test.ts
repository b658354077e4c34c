// The steps after a build read its own files: regular files at any depth, never through a symbolic link.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { filesUnder, pagesUnder } from './build-files.ts';

test('files and pages under a build: regular files at any depth, links and folders left out', () => {
  const top = mkdtempSync(join(tmpdir(), 'build-files-'));
  try {
    const dist = join(top, 'dist');
    const outside = join(top, 'outside');
    mkdirSync(join(dist, 'panics', 'x'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(dist, 'index.html'), '<p>home</p>');
    writeFileSync(join(dist, 'panics', 'x', 'index.html'), '<p>x</p>');
    writeFileSync(join(dist, 'panics.json'), '{}');
    writeFileSync(join(outside, 'secret.html'), '<p>not of the build</p>');
    symlinkSync(join(outside, 'secret.html'), join(dist, 'linked.html'));
    symlinkSync(outside, join(dist, 'linked-dir'));
    const rel = (files: string[]) => files.map((f) => f.slice(dist.length + 1)).sort();
    assert.deepEqual(rel(filesUnder(dist)), ['index.html', 'panics.json', 'panics/x/index.html']);
    assert.deepEqual(rel(pagesUnder(dist)), ['index.html', 'panics/x/index.html']);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
