import { sha256Hex } from './hash';

/**
 * Hash of what counts as an item's content: its text and the sources of its attachments. Status changes
 * (hidden, seen again) are not content changes and never create a version.
 */
export function contentHashOf(item: { text: string; attachments: ReadonlyArray<{ sourceUrl: string }> }): string {
  return sha256Hex(JSON.stringify([item.text, item.attachments.map((attachment) => attachment.sourceUrl)]));
}
