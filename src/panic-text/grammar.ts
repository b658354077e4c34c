/**
 * The grammar of what a Rust panic prints, and of the log lines that carry it: the one place its patterns are
 * written. The paste normaliser and parser, the log triage, the evidence scanner and the Shiki grammar all build
 * their regexes from these. Every quantifier is bounded: the text read is untrusted and can be megabytes long.
 *
 * The three eras of the panic head, all read by `readHead` and the parser:
 * - before Rust 1.73: `thread 'main' panicked at 'MSG', src/x.rs:43:5`
 * - from 1.73: `thread 'main' panicked at src/x.rs:43:5:`, the message on the lines after it
 * - recent toolchains add the thread id: `thread 'main' (5123) panicked at src/x.rs:43:5:`
 */

/** Escapes a literal for use inside a pattern. */
export const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// The head ----------------------------------------------------------------------------------------------------------

/** What every panic head holds, in every era, between the thread and the location (or the quoted message). */
export const PANICKED = ' panicked at ';
/** `PANICKED` as journald writes it in a field it keeps as an array of bytes: `"MESSAGE":[…,32,112,97,…]`. */
export const PANICKED_BYTES = [...new TextEncoder().encode(PANICKED)].join(',');
/** Where a head starts. */
export const THREAD_OPEN = "thread '";
/** A thread name as the head quotes it (`'main'`, `'tokio-runtime-worker'`, `'<unnamed>'`). */
const THREAD_NAME = String.raw`'([^'\n]{0,200})'`;
/** The thread id recent toolchains print after the name: ` (5123)`. */
const THREAD_ID = String.raw` \((\d{1,20})\)`;
/** A head's thread: `thread 'main'` or `thread 'main' (5123)`; groups: name, id. */
export const THREAD = new RegExp(`thread ${THREAD_NAME}(?:${THREAD_ID})?`);
/** The thread part of a head, whole (the text before `PANICKED`). */
export const THREAD_HEAD = new RegExp(`^${THREAD.source}$`);
/** A head's thread id and the words after it (` (5123) panicked at `): each run of a program has its own id. */
export const THREAD_ID_PANICKED = new RegExp(`${THREAD_ID}${PANICKED}`);
/** The words of a head, wherever they stand. */
export const PANICKED_WORDS = new RegExp(literal(PANICKED.trim()));
/** How a pre-1.73 head ends its quoted message before the location: `'MSG', src/x.rs:43:5`. */
export const LEGACY_MESSAGE_END = "', ";
/** What a JSON or logfmt field names as the panic's location, written and read as this label. */
export const PANIC_LOCATION_LABEL = 'panic location: ';

// Source positions ---------------------------------------------------------------------------------------------------

/** `:43` or `:43:5` after a file name. */
const LINE_COL = String.raw`:\d{1,9}(?::\d{1,9})?`;
/** A Rust file's path, a Windows drive allowed (`C:\build\src\x.rs`, `./src/x.rs`). */
const RS_PATH = String.raw`(?:[A-Za-z]:)?[./\\\w-]{0,400}\.rs`;
/** `src/x.rs:43:5` as a head or an `at` line prints it. */
export const SOURCE_POS = new RegExp(`${RS_PATH}${LINE_COL}`);
/** A head's location when the paste lost its line breaks: whatever stands up to `.rs:LINE[:COL]` (`…/src/x.rs`). */
const HEAD_LOCATION = String.raw`[^\s'"]{1,500}?\.rs${LINE_COL}`;
/** A modern head's rest when it is a location and nothing else (`src/x.rs:43:5:`, maybe with a closing quote). */
export const LOCATION_ONLY = new RegExp(String.raw`^\s{0,20}\S{1,2000}?${LINE_COL}:?["']?\s{0,20}$`);

// The backtrace ------------------------------------------------------------------------------------------------------

const INDENT = String.raw`\s{0,80}`;
/** A frame's instruction address (`RUST_BACKTRACE=full`). */
const ADDRESS_HEX = '0x[0-9a-fA-F]{1,16}';
/** A frame's instruction address, wherever it stands. */
export const ADDRESS = new RegExp(ADDRESS_HEX);
/** A frame's address and the ` - ` after it, before the symbol. */
export const FRAME_ADDRESS = new RegExp(String.raw`^${ADDRESS_HEX}\s{1,20}-\s{1,20}`);
/** What opens a backtrace. */
export const BACKTRACE_WORDS = 'stack backtrace:';
/** `stack backtrace:` at the start of a line. */
export const BACKTRACE_HEADER = new RegExp(`^${INDENT}${BACKTRACE_WORDS}`);
/** A frame's number at the start of a line (`  12:`); group: the number. */
export const FRAME_NUMBER = new RegExp(String.raw`^${INDENT}(\d{1,6}):`);
/** A line that opens like a frame: its number and a space. */
export const FRAME_START = new RegExp(String.raw`${FRAME_NUMBER.source}\s`);
/** A frame: `  12: 0x55d4 - path::to::fn`; groups: the number, the symbol. */
export const FRAME = new RegExp(String.raw`${FRAME_NUMBER.source}\s{1,80}(?:${ADDRESS_HEX}\s{1,40}-\s{1,10})?(\S.*)$`);
/** What opens a frame's `at` line: the location follows it. */
export const AT = /^\s{0,200}at\s/;
/** A frame's `at` line with something after the `at`. */
export const AT_LINE = new RegExp(String.raw`${AT.source}\S`);
const NOTE_WORDS = 'note: ';
/** A `note:` line (`note: run with \`RUST_BACKTRACE=1\` …`). */
export const NOTE = new RegExp(`^${INDENT}${NOTE_WORDS}`);
/** A `note:` line, whole. */
export const NOTE_LINE = new RegExp(`${NOTE.source}.*$`);

/** Any line a panic or its backtrace is made of: its head, backtrace header, a frame, an `at` line or a note. */
export const PANIC_TEXT = new RegExp(
  [literal(PANICKED), BACKTRACE_HEADER.source, FRAME_START.source, AT_LINE.source, NOTE.source].join('|'),
  'm',
);

/**
 * A panic whose newlines were lost (an issue title, a chat preview): where Rust's line breaks were. `COLLAPSED_HEAD`
 * captures the head up to its location; the others find the spaces before a note, the backtrace header, a frame and
 * an `at` line.
 */
export const COLLAPSED_HEAD = new RegExp(`(${literal(PANICKED)}${HEAD_LOCATION}):[ \\t]+(?=\\S)`, 'g');
export const COLLAPSED_BREAK = new RegExp(
  `[ \\t]{1,4}(?=${NOTE_WORDS}run with \`?RUST_BACKTRACE|${NOTE_WORDS}Some details are omitted|${BACKTRACE_WORDS})`,
  'g',
);
export const COLLAPSED_FRAME = new RegExp(
  String.raw`[ \t]{1,4}(?=\d{1,4}: (?:0x[0-9a-f]{1,16} - )?[\w<_$][^\s]{0,300}(?:[ \t]|$))`,
  'g',
);
export const COLLAPSED_AT = new RegExp(String.raw`[ \t]{1,4}(?=at ${RS_PATH}:\d)`, 'g');

/** A Rust path as a frame or a message names it: `market_maker::risk::KillSwitch::check`. */
export const RUST_PATH = /\b(?:[A-Za-z_][A-Za-z0-9_]{0,100}::){1,30}[A-Za-z_][A-Za-z0-9_]{0,100}/;

// What stands before a location in a text (the evidence scanner reads a location's role from it) ---------------------

/** A panic's own location: after its head, a `location` field, human-panic's `in file '…'`. */
export const BEFORE_PANIC_LOCATION = new RegExp(
  `(?:${literal(PANICKED.trimStart())}|location:|location \\{ ?file: ?|panic\\.file[=:]` +
    `|${literal(PANIC_LOCATION_LABEL)}|in file |occurred in file ')['"]?\\s{0,4}$`,
  'i',
);
/** A pre-1.73 head's location, after its quoted message. */
export const BEFORE_LEGACY_LOCATION = new RegExp(`${literal(PANICKED.trimStart())}'.*${literal(LEGACY_MESSAGE_END)}$`);
/** A frame's location, after its `at`. */
export const BEFORE_FRAME_LOCATION = /(?:^|\s)at\s{1,4}$/;

// The log line around a panic ----------------------------------------------------------------------------------------

const ISO_DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const CLOCK_TIME = String.raw`\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?`;
const ZONE = String.raw`(?:Z|[+-]\d{2}:?\d{2})`;
/** ISO 8601 and `YYYY-MM-DD HH:MM:SS`, the zone optional. */
export const ISO_TIME = new RegExp(`${ISO_DATE}[T ]${CLOCK_TIME}${ZONE}?`);
/** A line that starts with a date. */
export const LEADING_DATE = new RegExp(`^${ISO_DATE}`);
/** A line's leading time, as a date and a clock time (groups), for ordering lines. */
export const LEADING_TIME = new RegExp(`^\\[?(${ISO_DATE})[T ](${CLOCK_TIME})`);
/** syslog's `Nov 26 05:00:00`. */
export const SYSLOG_TIME = new RegExp(`[A-Z][a-z]{2}[ \\t]{1,2}\\d{1,2}[ \\t]${CLOCK_TIME}`);
/** A clock time alone, `05:00:00.123`. */
export const CLOCK = new RegExp(CLOCK_TIME);
/** A whole ISO 8601 time, in parts to read it as an instant (groups): date, clock time, fraction, zone. */
export const ISO_TIME_PARTS = new RegExp(
  String.raw`^(${ISO_DATE})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?(${ZONE})?$`,
);
/** A whole syslog time, in parts (groups): month, day, clock time, fraction; it has no year. */
export const SYSLOG_TIME_PARTS = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?$/;
/** A CRI log file line (containerd, CRI-O): time, stream, `F` full or `P` partial, then the text; groups as listed. */
export const CRI_LINE = new RegExp(`^(${ISO_TIME.source}) (?:stdout|stderr) ([FP]) ?(.*)$`);

/** The levels loggers print. */
export const LEVELS = 'ERROR|WARNING|WARN|INFO|DEBUG|TRACE|FATAL|CRITICAL|CRIT|ERR|PANIC';

/**
 * What a logger or logfmt puts right before a panic's own text, on its head line only: a target (`market_maker: `,
 * `market_maker::risk: `) or a message field (`msg="`). Elsewhere it is indistinguishable from message text.
 */
const LOGGER_TARGET = String.raw`[a-z_][a-z0-9_]{0,60}(?:::[a-z0-9_]{1,60}){0,10}`;
export const BEFORE_PANIC_TEXT = String.raw`(?:${LOGGER_TARGET}:[ \t]|(?:msg|message|log)="?)`;
/** `BEFORE_PANIC_TEXT` at a position (sticky), right before a head. */
export const BEFORE_HEAD = new RegExp(`${BEFORE_PANIC_TEXT}(?=${literal(THREAD_OPEN)})`, 'y');
/** `BEFORE_PANIC_TEXT` at the end of a line's prefix. */
export const BEFORE_PANIC_TEXT_AT_END = new RegExp(`${BEFORE_PANIC_TEXT}$`);
