/** A site with no location of its own: in a macro's body or a `#[track_caller]` function, reported where called. */
import type { FoundSite } from '../model/inventory.ts';

export type InnerSite = Pick<FoundSite, 'kind' | 'message' | 'release' | 'alternative' | 'decided'>;

/** Two inner sites that print the same are one: a caller reports it once. */
export const innerSiteKey = (s: InnerSite): string =>
  `${s.kind}\u0000${s.message}\u0000${s.alternative ?? ''}\u0000${s.release}`;
