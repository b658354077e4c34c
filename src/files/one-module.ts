/**
 * An entry bundled with everything it imports into one ES module by rolldown, the bundler Astro's Vite runs on:
 * `/triage.js`, the compiled triage and the search page's script are each one file. More than one file out of
 * rolldown (a chunk split off, an asset) is an error naming `what`.
 */
import { type InputOptions, type OutputChunk, type OutputOptions, rolldown } from 'rolldown';

export async function bundleOneModule(
  what: string,
  input: InputOptions,
  output: OutputOptions = {},
): Promise<OutputChunk> {
  const build = await rolldown(input);
  try {
    const { output: files } = await build.generate({ format: 'esm', ...output, codeSplitting: false });
    const [chunk] = files;
    if (files.length !== 1 || chunk?.type !== 'chunk')
      throw new Error(`${what}: expected one chunk, got ${files.map((o) => o.fileName).join(', ')}`);
    return chunk;
  } finally {
    await build.close();
  }
}
