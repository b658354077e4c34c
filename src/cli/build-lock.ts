/**
 * Astro keeps generated modules in the project's `.astro/` whatever the output folder, so two builds at once (the
 * test suite's builds of other content, a benchmark, a second terminal) would overwrite each other's. Builds take
 * this lock and run one at a time; a lock left by a process that died is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK = join('.astro', 'build.lock');
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but is not ours; anything else (ENOENT, ESRCH): no live holder.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireBuildLock(): () => void {
  mkdirSync('.astro', { recursive: true });
  let waited = false;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A holder that has not written its pid yet is given a moment before being judged dead.
      if (!holderAlive()) {
        pause(100);
        if (!holderAlive()) rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (!waited) console.error('build: another build of this project is running; waiting for it to finish');
      waited = true;
      pause(200);
    }
  }
  const release = () => rmSync(LOCK, { recursive: true, force: true });
  process.once('exit', release);
  return release;
}
