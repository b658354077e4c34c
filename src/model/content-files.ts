/**
 * How the build reads its content folders (and checks `public/`) when the content may be broken or hostile:
 * nothing is followed out of the folder, no file is read that is not a regular file of sane size, and bytes that are
 * not UTF-8 stop the build at their line instead of turning into U+FFFD on the site.
 */
import { type Dirent, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { MAX_FILE_BYTES } from './text.ts';
import { errnoText, loneCrLine } from '../files/source-tree.ts';

// Kept here for the content's readers: the source tree's reader owns them.
export { errnoText, loneCrLine };

/** `path` is `root` or inside it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export interface FileProblem {
  /** Absolute path of the file or folder. */
  path: string;
  line?: number;
  /** `(file)`, `(folder)` or `(encoding)`: what of the file is wrong. */
  field: string;
  message: string;
}

/**
 * Everything under `dir` that the build must not take: a symlink that leads out of the folder (Astro and Vite
 * follow it and would publish the file it points to — `/etc/passwd`, a key — or read it as content), a symlink to
 * nothing, anything that is neither a file nor a folder (reading a FIFO blocks the build forever), a folder that
 * cannot be read. `name` is how messages call the folder (`content/`, `public/`). A missing `dir` is not a problem
 * here: the loader says what is missing.
 */
export function treeProblems(dir: string, name: string): FileProblem[] {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return [];
  }
  const out: FileProblem[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      out.push({ path: folder, field: '(folder)', message: `cannot be read (${errnoText(e)})` });
      continue;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(path);
        } catch {
          out.push({
            path,
            field: '(file)',
            message: `is a symlink to ${JSON.stringify(readlinkSync(path))}, which does not exist`,
          });
          continue;
        }
        if (!isInside(root, real)) {
          out.push({
            path,
            field: '(file)',
            message: `is a symlink to ${real}, outside ${name}: the build would read or publish a file of the build machine; copy what you need into ${name} instead`,
          });
        }
        // A link that stays inside is not walked: what it points to is walked where it lives.
      } else if (entry.isDirectory()) {
        stack.push(path);
      } else if (!entry.isFile()) {
        out.push({
          path,
          field: '(file)',
          message: `is not a regular file (a FIFO, socket or device); ${name} holds files and folders only`,
        });
      }
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The offset of the first byte that is not part of valid UTF-8, or -1. Linear: decode leniently, re-encode, compare. */
export function firstInvalidByte(bytes: Uint8Array): number {
  const again = new TextEncoder().encode(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  const n = Math.min(again.length, bytes.length);
  for (let i = 0; i < n; i++) if (again[i] !== bytes[i]) return i;
  return again.length === bytes.length ? -1 : n;
}

const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} bytes`;

export type ReadText = { text: string } | { missing: true } | { problem: FileProblem };

/**
 * Reads a content file as UTF-8 text, or says why it cannot be content: it is a folder (`x.mdx/`), not a regular
 * file, larger than `maxBytes` (MAX_FILE_BYTES for hand-written files; a generated one may allow more), unreadable, not UTF-8 (with the line and column of the first bad byte), or has
 * line breaks that are a lone CR.
 */
export function readContentText(path: string, maxBytes: number = MAX_FILE_BYTES): ReadText {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { missing: true };
    return { problem: { path, field: '(file)', message: `cannot be read (${errnoText(e)})` } };
  }
  if (stat.isDirectory()) {
    return {
      problem: {
        path,
        field: '(file)',
        message: 'is a folder, where a content file was expected; rename or remove the folder',
      },
    };
  }
  if (!stat.isFile())
    return { problem: { path, field: '(file)', message: 'is not a regular file (a FIFO, socket or device)' } };
  if (stat.size > maxBytes) {
    return {
      problem: {
        path,
        field: '(file)',
        message: `is ${formatBytes(stat.size)}; a content file may be at most ${formatBytes(maxBytes)} (the real ones are a few KiB): was something pasted in by mistake?`,
      },
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { problem: { path, field: '(file)', message: `cannot be read (${errnoText(e)})` } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    const before = bytes.subarray(0, at);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.filter((b) => b === 0x0a).length + 1;
    // Columns count characters, as editors do: decode the valid part of the line.
    const column = new TextDecoder().decode(bytes.subarray(lineStart, at)).length + 1;
    const hex = `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
    return {
      problem: {
        path,
        line,
        field: '(encoding)',
        message: `is not valid UTF-8: byte ${hex} at column ${column} is not part of a UTF-8 character (was the file saved as Latin-1 or Windows-1252?); save it as UTF-8`,
      },
    };
  }
  // YAML and MDX would read a lone CR as a line break, but every line number (errors, --fix) counts LF.
  const cr = loneCrLine(text);
  if (cr !== undefined) {
    return {
      problem: {
        path,
        line: cr,
        field: '(line endings)',
        message:
          'has a line break that is a lone CR (old Mac line endings); save the file with LF (or CRLF) line endings',
      },
    };
  }
  return { text };
}
