/** Reading git's -U0 hunks and carrying a line across them (pure). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carryLine, parseDiff } from './hunks.ts';

const DIFF = `diff --git a/src/old name.rs b/src/new.rs
similarity index 90%
rename from src/old name.rs
rename to src/new.rs
index 1111111..2222222 100644
--- a/src/old name.rs\t
+++ b/src/new.rs
@@ -2,0 +3,2 @@ fn a() {
+// one
+// two
@@ -10 +12 @@ fn b() {
-let x = q.pop().expect("empty");
+let x = q.pop().unwrap();
@@ -20,3 +21,0 @@ fn c() {
-// gone 1
-// gone 2
-// gone 3
diff --git a/src/added.rs b/src/added.rs
new file mode 100644
--- /dev/null
+++ b/src/added.rs
@@ -0,0 +1 @@
+fn main() {}
`;

test('parseDiff: file pairs with renames, new files, and every hunk with its lines', () => {
  const [renamed, added] = parseDiff(DIFF);
  assert.equal(renamed!.oldPath, 'src/old name.rs');
  assert.equal(renamed!.newPath, 'src/new.rs');
  assert.deepEqual(
    renamed!.hunks.map((h) => [h.oldStart, h.oldCount, h.newStart, h.newCount]),
    [
      [2, 0, 3, 2],
      [10, 1, 12, 1],
      [20, 3, 21, 0],
    ],
  );
  assert.deepEqual(added!.oldPath, null);
  assert.deepEqual(added!.newPath, 'src/added.rs');
});

test('carryLine: shifts by the hunks above, follows an edit in place, and knows inserted lines have no past', () => {
  const [d] = parseDiff(DIFF);
  const unwrap = (t: string) => t.includes('q.pop().unwrap()');
  const any = () => false;
  assert.deepEqual(carryLine(d!, 1, true, any), { line: 1 });
  assert.deepEqual(carryLine(d!, 3, true, any), null, 'inserted in the newer revision');
  assert.deepEqual(carryLine(d!, 8, true, any), { line: 6 });
  assert.deepEqual(
    carryLine(d!, 12, true, unwrap),
    { line: 10, text: 'let x = q.pop().expect("empty");' },
    'same statement, edited',
  );
  assert.deepEqual(carryLine(d!, 30, true, any), { line: 30 - 2 + 3 });
  assert.deepEqual(carryLine(d!, 6, false, any), { line: 8 }, 'forward too');
  assert.deepEqual(carryLine(d!, 21, false, any), null, 'deleted in the newer revision');
});
