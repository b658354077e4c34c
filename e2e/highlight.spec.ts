// Shiki highlights at build time in a light and a dark theme; no highlighter reaches the browser; copy is exact.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { distOf } from './built-site.ts';

test('Rust, panic output, shell and TOML blocks are highlighted in the HTML, in both themes', async ({ page }) => {
  for (const [path, lang, token] of [
    ['panics/glft-kappa-gamma/', 'rust-panic', 'panicked at'],
    ['panics/config-validation/', 'toml', 'kappa'],
    ['checklist/', 'shellscript', 'cargo'],
  ] as const) {
    await page.goto(path);
    // Highlighted means the token has a colour of its own, not the block's.
    const tokenSpan = page
      .locator(`pre.astro-code[data-language="${lang}"] span.line > span`, { hasText: token })
      .first();
    const colors = await tokenSpan.evaluate((e) => [
      getComputedStyle(e).color,
      getComputedStyle(e.closest('pre')!).color,
    ]);
    expect(colors[0], `${path} ${lang} "${token}"`).not.toBe(colors[1]);
  }
  await page.goto('panics/glft-kappa-gamma/');
  const keyword = page.locator('#spread_oracle-L46 span', { hasText: 'let' }).first();
  const light = await keyword.evaluate((e) => getComputedStyle(e).color);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await keyword.evaluate((e) => getComputedStyle(e).color);
  expect(light).not.toBe(dark);
  expect(light).not.toBe(
    await page
      .locator('#spread_oracle-L46 td')
      .first()
      .evaluate((e) => getComputedStyle(e).color),
  );
});

test('no syntax highlighter is shipped to the browser', ({}, info) => {
  const assets = join(distOf(info), '_astro');
  for (const f of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    expect(readFileSync(join(assets, f), 'utf8'), f).not.toMatch(/shiki|tokenizeWithTheme|oniguruma/i);
  }
});

test('every code block has a copy button that copies the code exactly', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('checklist/');
  const blocks = page.locator('main .code');
  await expect(blocks).toHaveCount(2);
  const button = blocks.nth(1).getByRole('button', { name: /Copy/ });
  await button.click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    '# Release build (assertions disabled, production behavior)\nRUST_BACKTRACE=1 cargo run --release --bin market_maker -- paper',
  );
  expect(copied).toBe(await blocks.nth(1).locator('pre').innerText());
});
