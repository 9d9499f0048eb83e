import type { Request } from 'express';
import busboy from 'busboy';
import { POLICY_FILE_MAX_BYTES, POLICY_FILE_TYPES, policyFileType, policyFileTypeFromName } from '@verbatim/app';

/** The policy upload form as sent: its text fields, and the file when one was chosen. */
export interface PolicyForm {
  fields: Record<string, string>;
  file?: { fileName: string; contentType: string; bytes: Uint8Array };
}

/**
 * The type to check the file as: what the browser named, unless it named none of the policy types (browsers
 * often send Markdown as `application/octet-stream`), then what the file's name says. A PNG stays a PNG, to be
 * refused.
 */
function typeOf(mimeType: string, fileName: string): string {
  const named = policyFileType(mimeType);
  if ((POLICY_FILE_TYPES as readonly string[]).includes(named)) return named;
  if (named === '' || named === 'application/octet-stream') return policyFileTypeFromName(fileName) ?? named;
  return named;
}

/**
 * Reads the Policies and receipts page's upload form (multipart/form-data): its fields, and at most the size
 * limit plus one byte of its file, so a file too large is refused by the same check as the API's while no more
 * than that is held in memory. Rejects when the request is not a multipart form.
 */
export function readPolicyForm(request: Request): Promise<PolicyForm> {
  return new Promise((resolve, reject) => {
    const parser = busboy({
      headers: request.headers,
      limits: { files: 1, fields: 10, fieldSize: 600_000, fileSize: POLICY_FILE_MAX_BYTES + 1 },
    });
    const form: PolicyForm = { fields: {} };
    parser.on('field', (name, value) => {
      form.fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (!info.filename) return;
        form.file = {
          fileName: info.filename,
          contentType: typeOf(info.mimeType, info.filename),
          bytes: Buffer.concat(chunks),
        };
      });
    });
    parser.on('close', () => resolve(form));
    parser.on('error', reject);
    request.pipe(parser);
  });
}
