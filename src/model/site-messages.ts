/**
 * The messages an inventory site may print: its message, and the other wrapper's when the inventory could not tell
 * an Option from a Result. Without the schemas: the browser's scripts read it.
 */
export const siteMessages = (site: { message: string; alternative?: string | undefined }): string[] =>
  site.alternative === undefined ? [site.message] : [site.message, site.alternative];
