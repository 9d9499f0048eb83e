import { sha256Hex, UseCaseError } from '@verbatim/core';
import type { PolicyFile } from '@verbatim/foia';

/** The largest policy file accepted: the two seed policies are about 100 KB as text, a scanned PDF a few MB. */
export const POLICY_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** The types a policy may be uploaded as. */
export const POLICY_FILE_TYPES = ['application/pdf', 'text/plain', 'text/markdown'] as const;

/** A policy file as sent: its declared content type, its name, and its bytes. */
export interface PolicyUpload {
  contentType: string;
  fileName: string;
  bytes: Uint8Array;
}

/** A checked upload: the file's description and the text the version shows (a pointer to the file for a PDF). */
export interface CheckedPolicyFile {
  file: PolicyFile;
  text: string;
}

/** A 400 with a stable code for scripts and the field, as every form and the API show it. */
const refuse = (code: string, path: string, message: string) =>
  new UseCaseError('invalid', code, `invalid policy file: ${message}`, [{ path, message }]);

/** The declared type without its parameters, with `text/x-markdown` read as `text/markdown`. */
export function policyFileType(declared: string): string {
  const type = declared.split(';')[0].trim().toLowerCase();
  return type === 'text/x-markdown' ? 'text/markdown' : type;
}

/** The type a browser failed to name (it often sends `application/octet-stream` for Markdown), from the name. */
export function policyFileTypeFromName(fileName: string): string | undefined {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'pdf') return 'application/pdf';
  if (extension === 'txt') return 'text/plain';
  if (extension === 'md' || extension === 'markdown') return 'text/markdown';
  return undefined;
}

function describeSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function textOf(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse('not_utf8_text', 'file', 'the text file is not UTF-8 text: save it as UTF-8 (or upload it as PDF)');
  }
  if (text.includes('\u0000'))
    throw refuse('not_text', 'file', 'the file holds binary data, not text: upload a PDF instead');
  if (text.trim().length < 20)
    throw refuse('no_policy_text', 'file', 'the file holds no policy text (fewer than 20 characters)');
  return text.replace(/^\uFEFF/, '');
}

/**
 * Checks an uploaded policy file before anything is stored: its type is PDF, plain text or Markdown, its bytes
 * agree (a PDF starts with `%PDF-`; text is UTF-8 without binary data), and its size is within the limit. Throws
 * UseCaseError `invalid` naming the field (`contentType` or `file`) and what to do.
 */
export function checkPolicyFile(upload: PolicyUpload): CheckedPolicyFile {
  const contentType = policyFileType(upload.contentType);
  if (!(POLICY_FILE_TYPES as readonly string[]).includes(contentType))
    throw refuse(
      'unsupported_file_type',
      'contentType',
      `a policy is uploaded as PDF (application/pdf), text (text/plain) or Markdown (text/markdown), not ${contentType || 'an unnamed type'}`,
    );
  const { bytes } = upload;
  if (bytes.byteLength === 0) throw refuse('empty_file', 'file', 'the file is empty: choose the policy file');
  if (bytes.byteLength > POLICY_FILE_MAX_BYTES)
    throw refuse(
      'file_too_large',
      'file',
      `the file is larger than ${describeSize(POLICY_FILE_MAX_BYTES)}: upload a smaller PDF or its text`,
    );
  const fileName = upload.fileName.trim().slice(0, 200) || 'policy';
  const sha256 = sha256Hex(bytes);
  const file = { sha256, contentType, fileName, byteLength: bytes.byteLength };
  if (contentType !== 'application/pdf') return { file, text: textOf(bytes) };
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-')
    throw refuse(
      'not_a_pdf',
      'file',
      'the file is not a PDF (it does not start with %PDF-): upload the policy as PDF, text or Markdown',
    );
  return {
    file,
    text: `This version is the PDF file "${fileName}" (${describeSize(bytes.byteLength)}, SHA-256 ${sha256}). Download it to read it.`,
  };
}
