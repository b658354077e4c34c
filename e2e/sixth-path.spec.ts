// The `six` project builds the real content plus one more panic path (src/fixtures/sixth-path/). The other specs
// of that project (pages, copy-export, parity) check it with what they derive from the model; this one checks that
// the added path really is everywhere: its page, its triage row, its export entry, and the search finds it.
import { expect, test } from '@playwright/test';
import { locationAnchor } from '../src/model/anchor.ts';
import { loadContent } from '../src/model/load-content.ts';
import type { PanicPath } from '../src/model/panic-path.ts';
import { modelOf } from './built-model.ts';
import { SIX } from './tags.ts';

const realIds = new Set(loadContent('content').model.panics.map((p) => p.id));
const addedPaths = (info: Parameters<typeof modelOf>[0]): PanicPath[] => {
  const added = modelOf(info).panics.filter((p) => !realIds.has(p.id));
  expect(added.length, 'the test content adds a panic path to the real content').toBeGreaterThan(0);
  return added;
};

test(
  'the added panic path has its page, with its title, severity and a row per location',
  { tag: SIX },
  async ({ page }, info) => {
    for (const p of addedPaths(info)) {
      expect((await page.goto(`panics/${p.id}/`))?.status()).toBe(200);
      await expect(page.locator('main h1')).toContainText(p.title);
      await expect(page.locator('main .facts .badge')).toHaveText(p.severity);
      for (const l of p.locations)
        await expect(page.locator(`main tr[id="${locationAnchor(l)}"]`)).toContainText(
          l.code
            .replace(/\.\.\./g, '')
            .trim()
            .slice(0, 12),
        );
      for (const m of p.messages) await expect(page.locator('main')).toContainText(m.template);
    }
  },
);

test(
  'the added panic path has its triage rows on the home page and is in the list of every page',
  { tag: SIX },
  async ({ page }, info) => {
    await page.goto('');
    for (const p of addedPaths(info)) {
      for (const t of p.triage) {
        const row = page.locator('table.triage tbody tr', { hasText: t.message });
        await expect(row).toHaveCount(1);
        await expect(row).toContainText(t.rootCause);
        await expect(row).toContainText(p.severity);
        await expect(row.getByRole('link').first()).toHaveAttribute('href', new RegExp(`panics/${p.id}/$`));
      }
      await expect(page.locator('main #panic-paths ~ ul a', { hasText: p.title })).toHaveCount(1);
    }
  },
);

test(
  'the added panic path is in panics.json with its messages, locations and call chain',
  { tag: SIX },
  async ({ request }, info) => {
    const data = await (await request.get('panics.json')).json();
    for (const p of addedPaths(info)) {
      const entry = data.panics.find((e: { id: string }) => e.id === p.id);
      expect(entry, p.id).toBeTruthy();
      expect(entry).toMatchObject({ title: p.title, severity: p.severity, phase: p.phase });
      expect(entry.messages.map((m: { template: string }) => m.template)).toEqual(p.messages.map((m) => m.template));
      expect(
        entry.locations.map((l: { file: string; line: number; anchor: string }) => [l.file, l.line, l.anchor]),
      ).toEqual(p.locations.map((l) => [l.file, l.line ?? null, locationAnchor(l)]));
      expect(entry.callChain.map((f: { symbol: string }) => f.symbol)).toEqual(p.callChain);
    }
  },
);

test('a pasted panic of the added path finds its page first', { tag: SIX }, async ({ page }, info) => {
  for (const p of addedPaths(info)) {
    const site = p.locations.find((l) => l.role === 'panic' && l.message)!;
    const message = site.message!.replace(/\{[^}]*\}/g, 'NaN');
    const paste = `thread 'main' panicked at ${site.file}:${site.line}:9:\n${message}\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace`;
    await page.goto(`search/?q=${encodeURIComponent(paste)}`);
    await page.waitForSelector('[data-search-state="done"]', { state: 'attached' });
    await expect(page.locator('a[data-search-result]').first()).toHaveAttribute('href', new RegExp(`panics/${p.id}/`));
    await expect(page.locator('[data-triage]')).toHaveAttribute('data-triage', p.id);
  }
});
