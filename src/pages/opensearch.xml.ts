import type { APIRoute } from 'astro';
import { siteRoot } from '../model/export.ts';

/** Lets a browser search the site from its address bar through the `/search/?q=` contract. */
export const GET: APIRoute = ({ site }) => {
  const root = siteRoot(String(site), import.meta.env.BASE_URL);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>MM panics</ShortName>
  <Description>Market maker panic reference: paste a panic to find its page</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Image height="16" width="16" type="image/svg+xml">${root}favicon.svg</Image>
  <Url type="text/html" method="get" template="${root}search/?q={searchTerms}"/>
</OpenSearchDescription>
`;
  return new Response(xml, { headers: { 'content-type': 'application/opensearchdescription+xml' } });
};
