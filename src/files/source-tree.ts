/**
 * The one reader of a source tree (a checkout of the market maker), for `check-sources` and the inventory alike.
 * It reads regular files only, inside the checkout after every link is resolved, within a size and a line-length
 * limit, as UTF-8 with LF or CRLF line breaks. Anything else is a named problem with a one-line message, never a
 * stack trace: a FIFO is not opened (it would block), `/dev/zero` is not read (it never ends), a link to
 * `/etc/passwd` or out of the checkout is not followed, a folder or a link loop named `*.rs` is said to be one.
 * Every check is one pass over the bytes, with at most MAX_SOURCE_BYTES + 1 of them in memory.
 * Imports nothing of the project.
 */
import { closeSync, constants, fstatSync, globSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The largest source file read (the market maker's largest is about 100 KiB): anything bigger is not hand-written. */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
/** The longest line read (rustfmt keeps lines within 100 columns): a longer one is generated or minified. */
export const MAX_LINE_BYTES = 1024 * 1024;

export type SourceProblemKind =
  | 'outside-checkout'
  | 'not-a-file'
  | 'link-loop'
  | 'unreadable'
  | 'too-large'
  | 'line-too-long'
  | 'not-utf8'
  | 'lone-cr';

/** Why a file of the tree was not read: `kind` for code, `message` (`file: what is wrong; what would be right`) for people. */
export interface SourceProblem {
  file: string;
  kind: SourceProblemKind;
  message: string;
}

export type SourceRead = { text: string } | { missing: true } | { problem: SourceProblem };

/** A system error in one line without its path: `EACCES: permission denied`. */
export const errnoText = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err.code
    ? `${err.code}: ${String(err.message).replace(`${err.code}: `, '').split(',')[0]}`
    : String(err?.message ?? e);
};

/** True when `path` is strictly inside `root` (both absolute). */
export const isStrictlyInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

/** The 1-based line of the first lone CR (a CR not followed by LF) in `text`, or undefined. Linear. */
export function loneCrLine(text: string): number | undefined {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) return line;
  }
  return undefined;
}

/** The 1-based line and byte length (its line break aside) of the first line longer than `max` bytes. Linear. */
export function longLine(bytes: Uint8Array, max: number): { line: number; bytes: number } | undefined {
  let line = 1;
  let start = 0;
  for (;;) {
    const nl = bytes.indexOf(0x0a, start);
    let end = nl < 0 ? bytes.length : nl;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    if (end - start > max) return { line, bytes: end - start };
    if (nl < 0) return undefined;
    line++;
    start = nl + 1;
  }
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Reads `file` (a path relative to the checkout `root`, which must already be a real path: `realpathSync(repo)`).
 * A path that does not exist is `missing`; `repo` is how messages name the checkout.
 */
export function readSourceFile(root: string, file: string, repo: string = root): SourceRead {
  const problem = (kind: SourceProblemKind, message: string): SourceRead => ({
    problem: { file, kind, message: `${file}: ${message}` },
  });
  const unreadable = (e: unknown) =>
    problem(
      'unreadable',
      `cannot be read (${errnoText(e)}); check the permissions of the file and its folders in ${repo}`,
    );
  const abs = resolve(root, file);
  if (isAbsolute(file) || !isStrictlyInside(root, abs))
    return problem('outside-checkout', `outside the checkout ${repo}`);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    if (code === 'ELOOP')
      return problem('link-loop', 'a symlink loop (a link that leads back to itself); remove or fix the link');
    return unreadable(e);
  }
  if (!isStrictlyInside(root, real)) {
    return problem(
      'outside-checkout',
      `outside the checkout ${repo} (it resolves to ${real}); the tree's files must be in it`,
    );
  }
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after realpath still does not block the open; fstat below refuses it.
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { missing: true };
    if (code === 'ELOOP')
      return problem('link-loop', 'a symlink loop (a link that leads back to itself); remove or fix the link');
    return unreadable(e);
  }
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return problem('not-a-file', 'a folder, where a source file was expected');
    if (!stat.isFile())
      return problem('not-a-file', 'not a regular file (a FIFO, socket or device); only regular files are read');
    if (stat.size > MAX_SOURCE_BYTES) {
      return problem(
        'too-large',
        `${mib(stat.size)}, over the ${MAX_SOURCE_BYTES / 1024 / 1024} MiB a source file may have (is it generated?)`,
      );
    }
    // Read at most one byte past the limit: a file that grows while it is read is caught, not followed.
    bytes = Buffer.allocUnsafe(Math.min(stat.size, MAX_SOURCE_BYTES) + 1);
    let got = 0;
    for (let n; got < bytes.length && (n = readSync(fd, bytes, got, bytes.length - got, null)) > 0;) got += n;
    if (got > MAX_SOURCE_BYTES)
      return problem(
        'too-large',
        `over the ${MAX_SOURCE_BYTES / 1024 / 1024} MiB a source file may have (is it generated?)`,
      );
    bytes = bytes.subarray(0, got);
  } catch (e) {
    return unreadable(e);
  } finally {
    closeSync(fd);
  }
  const long = longLine(bytes, MAX_LINE_BYTES);
  if (long) {
    return problem(
      'line-too-long',
      `line ${long.line} is ${mib(long.bytes)} long, over the ${MAX_LINE_BYTES / 1024 / 1024} MiB a source line may have (is the file generated or minified?)`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return problem('not-utf8', `not valid UTF-8 (is the checkout at ${repo} a Rust source tree?)`);
  }
  const cr = loneCrLine(text);
  if (cr !== undefined) {
    return {
      problem: {
        file,
        kind: 'lone-cr',
        message: `${file}:${cr}: a line break is a lone CR (old Mac line endings), so line numbers cannot be checked; convert the file to LF line endings`,
      },
    };
  }
  return { text };
}

/**
 * The files of the checkout whose path matches `pattern` (fs.globSync), sorted, with `/` separators. Symlinked
 * folders are not walked into; what a matched link points to is checked when the file is read.
 */
export function listSourceFiles(root: string, pattern: string, exclude: readonly string[]): string[] {
  return globSync(pattern, { cwd: root, exclude: [...exclude] })
    .map((p) => p.split('\\').join('/'))
    .sort();
}
