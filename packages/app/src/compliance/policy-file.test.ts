import { createHash } from 'node:crypto';
import { UseCaseError } from '@verbatim/core';
import { checkPolicyFile, policyFileType, policyFileTypeFromName, POLICY_FILE_MAX_BYTES } from './policy-file';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof UseCaseError ? `${error.kind}:${error.code}` : String(error);
  }
};

describe('checking an uploaded policy file', () => {
  it('takes Markdown as its UTF-8 text without the byte order mark, described by its SHA-256', () => {
    const bytes = Buffer.from('\uFEFF# Politique de la ville\n\nÉcrite en UTF-8, avec des accents.\n', 'utf8');
    const checked = checkPolicyFile({ contentType: 'text/x-markdown; charset=utf-8', fileName: ' policy.md ', bytes });
    expect(checked.text).toBe('# Politique de la ville\n\nÉcrite en UTF-8, avec des accents.\n');
    expect(checked.file).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentType: 'text/markdown',
      fileName: 'policy.md',
      byteLength: bytes.byteLength,
    });
  });

  it('takes a PDF by its %PDF- header, its text pointing to the file', () => {
    const checked = checkPolicyFile({
      contentType: 'application/pdf',
      fileName: 'p.pdf',
      bytes: Buffer.from('%PDF-1.7\n…'),
    });
    expect(checked.text).toMatch(/^This version is the PDF file "p.pdf" \(1 KB, SHA-256 [0-9a-f]{64}\)/);
  });

  it('refuses, each with its own code, what is not a policy file', () => {
    const check = (contentType: string, bytes: Uint8Array) => () =>
      checkPolicyFile({ contentType, fileName: 'f', bytes });
    const words = Buffer.from('a policy long enough to be a policy text');
    expect(codeOf(check('image/png', words))).toBe('invalid:unsupported_file_type');
    expect(codeOf(check('', words))).toBe('invalid:unsupported_file_type');
    expect(codeOf(check('application/pdf', words))).toBe('invalid:not_a_pdf');
    expect(codeOf(check('text/plain', Buffer.alloc(POLICY_FILE_MAX_BYTES + 1, 'a')))).toBe('invalid:file_too_large');
    expect(codeOf(check('text/plain', Buffer.alloc(0)))).toBe('invalid:empty_file');
    expect(codeOf(check('text/plain', Buffer.from([0xff, 0xfe, 0x41, 0x00])))).toBe('invalid:not_utf8_text');
    expect(codeOf(check('text/plain', Buffer.from('text with a \u0000 in the middle of it all')))).toBe(
      'invalid:not_text',
    );
    expect(codeOf(check('text/markdown', Buffer.from('# Short')))).toBe('invalid:no_policy_text');
    expect(codeOf(check('text/plain', Buffer.alloc(POLICY_FILE_MAX_BYTES, 'a')))).toBeUndefined();
  });

  it('reads a type from its name only where a browser names none of the policy types', () => {
    expect(['a.PDF', 'b.txt', 'c.md', 'd.markdown', 'e.docx'].map(policyFileTypeFromName)).toEqual([
      'application/pdf',
      'text/plain',
      'text/markdown',
      'text/markdown',
      undefined,
    ]);
    expect(policyFileType(' Text/Plain ; charset=UTF-8')).toBe('text/plain');
  });
});
