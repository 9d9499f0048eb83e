/**
 * Meta's CDN links (`scontent…fbcdn.net/v/…/name.jpg?…&oh=<signature>&oe=<hex expiry>`) are signed and expire,
 * and the query changes whenever Graph re-signs them. The path names the file, so the link without its query is
 * the attachment's stable identity: the archive keys an attachment by it, and the content hash of an item does
 * not change (nor make a false "edit") when only the signature did.
 */
export function stableMediaUrl(signedUrl: string): string {
  try {
    const url = new URL(signedUrl);
    return `${url.origin}${url.pathname}`;
  } catch {
    return signedUrl;
  }
}
