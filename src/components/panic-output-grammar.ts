import type { LanguageRegistration } from 'shiki';

/**
 * A TextMate grammar for what a Rust panic prints (the panic line, its message, backtrace frames, `at` lines and notes),
 * so that panic output is highlighted like code: thread names, file:line:col, frame numbers, addresses, placeholders.
 */
export const panicOutputGrammar: LanguageRegistration = {
  name: 'rust-panic',
  scopeName: 'source.rust-panic',
  displayName: 'Rust panic output',
  repository: {},
  patterns: [
    { name: 'keyword.control.panic', match: '\\b(panicked at|stack backtrace:)' },
    { name: 'string.quoted.thread', match: "\\bthread '[^']*'(?: \\(\\d+\\))?" },
    { name: 'comment.line.note', match: '^\\s*note: .*$' },
    { name: 'constant.numeric.frame', match: '^\\s*\\d+:' },
    { name: 'constant.numeric.address', match: '\\b0x[0-9a-f]+\\b' },
    { name: 'keyword.other.at', match: '^\\s+at\\b' },
    { name: 'entity.name.function.location', match: '[\\w./\\\\-]+\\.rs(?::\\d+){1,2}' },
    { name: 'constant.other.placeholder', match: '\\{[A-Za-z_][A-Za-z0-9_]*\\}' },
    { name: 'punctuation.arrow', match: '→' },
    { name: 'entity.name.type.path', match: '\\b(?:[A-Za-z_][A-Za-z0-9_]*::)+[A-Za-z_][A-Za-z0-9_]*' },
  ],
};
