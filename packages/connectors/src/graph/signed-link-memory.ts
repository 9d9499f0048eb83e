import type { MediaDownload } from '@verbatim/core';
import type { GraphClient } from './graph-client';
/** A signed CDN link met in a payload, by the stable URL the archive knows it by, with the object that has it. */
export interface SignedMediaLink {
  stableUrl: string;
  signedUrl: string;
  /** The object (post, comment, media) whose lookup signs the file afresh. */
  objectId: string;
}

/** Links remembered at once: a pass's pages ahead hold a few hundred; the rest are already archived. */
const MAX_LINKS = 5000;

/**
 * The signed link last seen for each stable media URL, and the object (post, comment, media) it came from. The
 * pipeline downloads a page's media right after fetching the page, with the same connector, so the link is
 * here when `fetchMedia` is asked for the stable URL; the object id is how an expired link is renewed.
 */
export class SignedLinkMemory {
  private readonly links = new Map<string, SignedMediaLink>();

  remember(links: SignedMediaLink[]): void {
    for (const link of links) {
      this.links.delete(link.stableUrl); // re-inserted as the newest
      this.links.set(link.stableUrl, link);
      if (this.links.size > MAX_LINKS) this.links.delete(this.links.keys().next().value!);
    }
  }

  get(stableUrl: string): SignedMediaLink | undefined {
    return this.links.get(stableUrl);
  }

  forget(stableUrl: string): void {
    this.links.delete(stableUrl);
  }
}

/**
 * Downloads a file by its stable URL, through the signed link last seen for it. A link that expired meanwhile
 * (the CDN answers 403) is renewed by `renew` (reading its object again); if that fails too the download fails
 * plainly, the attachment stays without bytes, and the next pass tries again with the links it reads.
 */
export async function downloadSignedMedia(
  client: Pick<GraphClient, 'getMedia'>,
  links: SignedLinkMemory,
  sourceUrl: string,
  renew: (objectId: string, stableUrl: string, signal?: AbortSignal) => Promise<string | null>,
  signal?: AbortSignal,
): Promise<MediaDownload> {
  const link = links.get(sourceUrl);
  let response = await client.getMedia(link?.signedUrl ?? sourceUrl, signal);
  if (response.status === 403 && link) {
    const fresh = await renew(link.objectId, sourceUrl, signal);
    if (fresh) response = await client.getMedia(fresh, signal);
  }
  if (response.status !== 200) {
    throw new Error(`the media file ${sourceUrl} answered ${response.status} (an expired or refused link)`);
  }
  links.forget(sourceUrl);
  return { bytes: response.raw, contentType: response.contentType };
}
