/** The folders the scripts share; CONTENT_DIR lets a benchmark build a generated content folder with the same code. */
export const contentDir = (): string => process.env.CONTENT_DIR ?? 'content';
export const distDir = (): string => process.env.DIST_DIR ?? 'dist';
