// The lock guards the inventory records at each site: alive from their `let` to the end of their block or their
// `drop`, never a temporary; and reading them stays linear on hostile source.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSites } from './inventory.ts';

const guardsOf = async (text: string) =>
  (await findSites([{ file: 'src/lib.rs', text }])).map((s) => ({
    line: s.line,
    kind: s.kind,
    locks: (s.guards ?? []).map((g) => `${g.lock}@${g.line}:${g.column}`),
  }));

test('a guard holds its lock from its statement to the end of its block, or to its drop', async () => {
  const src = [
    'fn f(&self, v: Vec<u8>) {',
    '    let mut state = self.state.lock().unwrap();',
    '    let audit = self.audit.read().expect("audit");',
    '    let _ = v[0];',
    '    drop(audit);',
    '    {',
    '        let w = self.book.write().unwrap();',
    '        assert!(w.ok, "inner");',
    '    }',
    '    let _ = v[1];',
    '}',
    'fn g(&self, v: Vec<u8>) { let _ = v[2]; }',
  ].join('\n');
  const sites = await guardsOf(src);
  const at = (line: number, kind: string) => sites.find((s) => s.line === line && s.kind === kind)?.locks;
  // The guard's own `.unwrap()` comes before the guard exists.
  assert.deepEqual(at(2, 'unwrap'), []);
  assert.deepEqual(at(3, 'expect'), ['self.state@2:32']);
  assert.deepEqual(at(4, 'index'), ['self.state@2:32', 'self.audit@3:28']);
  assert.deepEqual(at(8, 'assert'), ['self.state@2:32', 'self.book@7:27']);
  assert.deepEqual(at(10, 'index'), ['self.state@2:32']);
  assert.deepEqual(at(12, 'index'), []);
});

test('temporaries, `let _ =` and a rebinding hold nothing; a closure in scope does', async () => {
  const src = [
    'fn f(&self, o: Option<u8>) -> u8 {',
    '    let n = self.state.lock().unwrap().n;',
    '    let _ = self.config.lock();',
    '    let x = o.unwrap();',
    '    let g = self.reasons.lock().unwrap();',
    '    let g = 3;',
    '    let h = self.last.lock().unwrap();',
    '    let c = || o.expect("in closure");',
    '    n + x + g + c()',
    '}',
  ].join('\n');
  const sites = await guardsOf(src);
  assert.deepEqual(sites.find((s) => s.kind === 'unwrap' && s.line === 4)?.locks, []);
  // `g` was rebound: the reasons guard lives on unnamed to the end of the block, so it is still held.
  assert.deepEqual(sites.find((s) => s.kind === 'expect')?.locks, ['self.reasons@5:26', 'self.last@7:23']);
});

/** CPU time of `fn` on the input, the best of a few runs (the machine is shared). */
async function cpu(fn: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

test('linear time: many guards and sites in one block, sites deep in nested blocks', async () => {
  const hostile = (n: number) => {
    const many = `fn a(&self, v: Vec<u8>) {\n${Array.from({ length: n }, (_, i) => `let g${i} = self.m${i}.lock().unwrap(); drop(g${i > 0 ? i - 1 : 0}); let _ = v[${i}];`).join('\n')}\n}`;
    const deep = `fn b(&self, v: Vec<u8>) { let g = self.m.lock().unwrap(); ${'{ let _ = v[0]; '.repeat(n)}${' }'.repeat(n)} }`;
    return `${many}\n${deep}`;
  };
  const small = hostile(200);
  const large = hostile(800);
  await findSites([{ file: 'src/x.rs', text: small }]);
  const a = Math.max(await cpu(() => findSites([{ file: 'src/x.rs', text: small }])), 3000);
  const b = await cpu(() => findSites([{ file: 'src/x.rs', text: large }]));
  assert.ok(b < a * 12, `four times the input took ${(b / a).toFixed(2)}× the CPU time (${a} µs → ${b} µs)`);
});
