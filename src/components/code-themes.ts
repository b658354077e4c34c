// One pair of Shiki themes for Markdown code blocks and the <Code> components alike. The -default pair: github-dark's
// comments fail WCAG AA contrast (3:1 on its background); these pass, and their backgrounds are the site's own.
export const CODE_THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;
