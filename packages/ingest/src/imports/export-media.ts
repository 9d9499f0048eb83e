import path from 'node:path';
import type { Connector, ExportFile, MediaDownload } from '@verbatim/core';

const MEDIA_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
};

/** Thrown for an attachment whose bytes the export does not hold; the attachment keeps only its link. */
export class MediaNotInExportError extends Error {
  override readonly name = 'MediaNotInExportError';
}

/**
 * The export's media files in the shape archiveItems downloads from: an attachment's source URL is looked up
 * among the batch's media files and its bytes read from the export instead of the platform.
 */
export function exportMediaSource(file: ExportFile, mediaFiles: Map<string, string>): Pick<Connector, 'fetchMedia'> {
  return {
    async fetchMedia(sourceUrl: string): Promise<MediaDownload> {
      const name = mediaFiles.get(sourceUrl);
      if (!name) throw new MediaNotInExportError(`the export holds no file for ${sourceUrl}`);
      const chunks: Buffer[] = [];
      for await (const chunk of await file.open(name)) chunks.push(chunk as Buffer);
      const contentType = MEDIA_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
      return { bytes: Buffer.concat(chunks), contentType };
    },
  };
}
