/**
 * Astro keeps generated modules in the project's `.astro/` whatever the output folder, so two builds at once (the
 * test suite's builds of other content, a benchmark, a second terminal) would overwrite each other's. Builds take
 * this lock and run one at a time; a lock left by a process that died is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const holder = (lock: string): number => Number(readFileSync(join(lock, 'pid'), 'utf8'));

function holderAlive(lock: string): boolean {
  try {
    const pid = holder(lock);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but is not ours; anything else (ENOENT, ESRCH): no live holder.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `dotAstro` is the project's `.astro/` folder; returns the function that releases the lock (also run at exit). */
export function acquireBuildLock(dotAstro: string, log: (message: string) => void = console.error): () => void {
  const lock = join(dotAstro, 'build.lock');
  mkdirSync(dotAstro, { recursive: true });
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Astro may load the config twice in one process (a build's own sync): the lock is already ours.
      if (holderAlive(lock) && holder(lock) === process.pid) return () => {};
      // A holder that has not written its pid yet is given a moment before being judged dead.
      if (!holderAlive(lock)) {
        pause(100);
        if (!holderAlive(lock)) rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) log('another build of this project is running; waiting for it to finish');
      waited = true;
      pause(200);
    }
  }
  const release = () => {
    process.off('exit', release);
    rmSync(lock, { recursive: true, force: true });
  };
  process.once('exit', release);
  return release;
}
