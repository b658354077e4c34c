// Which builds a test runs on besides the root one (playwright.config.ts: the `subpath` and `six` projects grep for
// these tags). Most checks read the page's content, which is the same at any base and for any model: they run once.

/** Depends on the base path: links, paste forms, shard and Pagefind fetches, redirects, copied and exported URLs. */
export const BASE = '@base';
/** Derives what it expects from the model, so that the build with a sixth panic path checks it too. */
export const SIX = '@six';
