import type { Response } from 'express';
import { CSV_CONTENT_TYPE } from '@verbatim/core';

/** A CSV file the use case produced, sent as a download (never cached: it holds requesters' details). */
export function sendCsvDownload(response: Response, file: { fileName: string; content: string }): void {
  response
    .status(200)
    .set('Content-Type', CSV_CONTENT_TYPE)
    .set('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .set('Cache-Control', 'no-store')
    .send(Buffer.from(file.content, 'utf8'));
}
