/**
 * `node src/bench/inventory-fixture.ts [LINES]`: the inventory's time on a large tree, made of copies of the fixture crate's
 * files (default 100,000 lines) in a temp folder. Prints the figures; the target is under 10 s.
 */
import { cpSync, globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../model/load-content.ts';
import { inventoryOf } from '../inventory/inventory.ts';

const target = Number(process.argv[2] ?? 100_000);
const root = new URL('../../', import.meta.url).pathname;
const fixture = join(root, 'src/fixtures/mm-crate');
const dir = mkdtempSync(join(tmpdir(), 'inventory-bench-'));
try {
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "market_maker"\nversion = "0.1.0"\n');
  const perCopy = globSync('**/*.rs', { cwd: fixture }).reduce((n, f) => n + readFileSync(join(fixture, f), 'utf8').split('\n').length, 0);
  const copies = Math.ceil(target / perCopy);
  for (let i = 0; i < copies; i++) cpSync(join(fixture, 'src'), join(dir, `src/copy${i}`), { recursive: true });
  const { model } = loadContent(join(root, 'content'), root);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const inv = await inventoryOf(dir, model);
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - start;
  if ('error' in inv) throw new Error(inv.error);
  console.log(`inventory of ${inv.lines.toLocaleString('en')} lines in ${inv.files} files: ${inv.sites.length.toLocaleString('en')} sites in ${(ms / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (${Math.round(inv.lines / (ms / 1000)).toLocaleString('en')} lines/s); target under 10 s: ${ms < 10_000 ? 'yes' : 'no'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
