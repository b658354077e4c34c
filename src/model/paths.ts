import { siteAnchor } from './anchor.ts';

/** Page paths relative to the site's base; URLs are a contract that runbooks link to. */
export const REFERENCE_PAGE_TITLES = {
  'safe-by-design': 'Safe-by-design paths',
  frames: 'Common backtrace frames',
  checklist: 'Debugging checklist',
  'numerical-stability': 'Numerical stability',
  inventory: 'Panic-site inventory',
} as const;

export type ReferencePage = keyof typeof REFERENCE_PAGE_TITLES;

export const panicPath = (id: string, anchor?: string): string => `panics/${id}/${anchor ? `#${anchor}` : ''}`;
/** `panics/`: every panic path's triage rows and the startup/runtime lists (the home page and 404 show a cut). */
export const allPanicsPath = (anchor?: string): string => `panics/${anchor ? `#${anchor}` : ''}`;
export const referencePath = (page: ReferencePage, anchor?: string): string => `${page}/${anchor ? `#${anchor}` : ''}`;

/** `inventory/#site-handlers-L318`: a panic site's row on the inventory page. */
export const inventoryPath = (site?: { file: string; line: number }): string =>
  referencePath('inventory', site ? siteAnchor(site) : undefined);

/** Joins the base (`/` or `/docs/panics/`) and a relative path. */
export const withBase = (base: string, path: string): string =>
  `${base.endsWith('/') ? base : `${base}/`}${path.replace(/^\//, '')}`;
