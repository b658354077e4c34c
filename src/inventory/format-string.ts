/**
 * Rust format strings (`"fill {} for {oid:?} {{x}}"`) as message templates (`fill {value} for {oid} {x}`):
 * each `{…}` argument becomes a `{name}` placeholder named after the argument it prints, `{{`/`}}` become braces.
 * One pass over the string: linear in its length.
 */

/** A placeholder name for an argument expression given as its tokens' text: the last identifier in it. */
export function argName(text: string | undefined, fallback: string): string {
  if (text === undefined) return fallback;
  let name: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const ident = (ch: number) =>
      (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
    if (ident(c) && !(c >= 48 && c <= 57)) {
      let j = i;
      while (j < text.length && ident(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      if (word !== 'self' && word !== 'as' && word !== 'clone' && word !== 'to_string') name = word;
      i = j;
    } else i++;
  }
  return name ?? fallback;
}

export interface FormatArgs {
  /** The positional arguments after the format string, as text. */
  positional: string[];
  /** `name = value` arguments. */
  named: Map<string, string>;
}

/** The template a format string prints with these arguments. */
export function formatTemplate(fmt: string, args: FormatArgs): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '{' && fmt[i + 1] === '{') {
      out += '{';
      i += 2;
    } else if (c === '}' && fmt[i + 1] === '}') {
      out += '}';
      i += 2;
    } else if (c === '{') {
      const close = fmt.indexOf('}', i + 1);
      if (close < 0) {
        out += fmt.slice(i);
        break;
      }
      const spec = fmt.slice(i + 1, close);
      const colon = spec.indexOf(':');
      const key = (colon < 0 ? spec : spec.slice(0, colon)).trim();
      let name: string;
      if (key === '') name = argName(args.positional[next++], `arg${next}`);
      else if (/^[0-9]+$/.test(key)) name = argName(args.positional[Number(key)], `arg${key}`);
      else name = key;
      out += `{${name}}`;
      i = close + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The value of a Rust string literal's source text (`"a\"b\n"`, `r#"raw"#`), escapes resolved. */
export function stringLiteralValue(source: string): string | undefined {
  const raw = /^b?r(#*)"/.exec(source);
  if (raw) {
    const hashes = raw[1]!.length;
    return source.slice(raw[0].length, source.length - 1 - hashes);
  }
  if (!source.startsWith('"') || !source.endsWith('"') || source.length < 2) return undefined;
  const body = source.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === 'n') out += '\n';
    else if (e === 't') out += '\t';
    else if (e === 'r') out += '\r';
    else if (e === '0') out += '\0';
    else if (e === 'u' && body[i + 1] === '{') {
      const close = body.indexOf('}', i);
      out += String.fromCodePoint(parseInt(body.slice(i + 2, close).replace(/_/g, ''), 16));
      i = close;
    } else if (e === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === '\n' || e === '\r') {
      // A line continuation: the newline and the next line's leading white space are dropped.
      while (i + 1 < body.length && /\s/.test(body[i + 1]!)) i++;
    } else if (e !== undefined) out += e;
  }
  return out;
}
