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
