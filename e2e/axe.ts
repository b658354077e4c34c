// axe on the page as it stands, in both colour schemes: every violation of a rule axe runs by default, one line each.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoViolations(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Legacy mode runs axe.run() in the page itself instead of finishing in a new blank page: about 2.5 times as fast,
    // and what it gives up, cross-origin frames, the site has none (its CSP allows no other origin).
    const { violations } = await new AxeBuilder({ page })
      .setLegacyMode()
      .options({ resultTypes: ['violations'] })
      .analyze();
    const found = violations.flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s*\n\s*/g, ' ')}`,
      ),
    );
    expect(found, `axe violations on ${what} in the ${colorScheme} scheme`).toEqual([]);
  }
}
