// Every built HTML file is valid, by html-validate's recommended rules.
import { globSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { distOf } from './built-site.ts';

// A static loader: no .htmlvalidate.json found next to the build can change the rules.
const validator = new HtmlValidate(
  new StaticConfigLoader({
    extends: ['html-validate:recommended'],
    rules: {
      // Shiki writes each token's colour, and its block's background and overflow, as inline styles (the CSP allows
      // them). Only those properties are allowed; custom properties (`--shiki-dark`, the call chain's `--depth`)
      // already are by default, and any other inline style is still an error.
      'no-inline-style': ['error', { allowedProperties: ['color', 'background-color', 'overflow-x'] }],
    },
  }),
);

test('every built HTML file is valid', async ({}, testInfo) => {
  const dist = distOf(testInfo);
  const files = globSync('**/*.html', { cwd: dist }).sort();
  const errors: string[] = [];
  for (const file of files) {
    const report = await validator.validateFile(join(dist, file));
    for (const result of report.results) {
      for (const m of result.messages) errors.push(`${file}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
    }
  }
  expect(errors, `html-validate errors in ${dist}`).toEqual([]);
  expect(files.length, `HTML files validated in ${dist}`).toBeGreaterThanOrEqual(11);
});
