import {
  POLICY_FLAG_KINDS,
  policyFlagKindsOf,
  PlatformSchema,
  RecordKindSchema,
  RecordStatusSchema,
  type Platform,
  type PolicyFlagKind,
  type RecordKind,
  type RecordStatus,
} from '@verbatim/core';

/** The open-ended values stored as dictionary codes. */
export const Dimension = { agency: 1, account: 2, author: 3 } as const;
export type DimensionId = (typeof Dimension)[keyof typeof Dimension];

export const PLATFORMS: readonly Platform[] = PlatformSchema.options;
export const KINDS: readonly RecordKind[] = RecordKindSchema.options;
export const STATUSES: readonly RecordStatus[] = RecordStatusSchema.options;

/** The closed-set values packed into one integer: 4 bits each for platform, kind and status, 1 for attachments. */
export interface EnumCodes {
  platform: number;
  kind: number;
  status: number;
  hasAttachments: number;
}

export function packEnums(platform: Platform, kind: RecordKind, status: RecordStatus, hasAttachments: boolean): number {
  return (
    codeOf(PLATFORMS, platform, 'platform') |
    (codeOf(KINDS, kind, 'kind') << 4) |
    (codeOf(STATUSES, status, 'status') << 8) |
    ((hasAttachments ? 1 : 0) << 12)
  );
}

export function unpackEnums(packed: number): EnumCodes {
  return {
    platform: packed & 15,
    kind: (packed >> 4) & 15,
    status: (packed >> 8) & 15,
    hasAttachments: (packed >> 12) & 1,
  };
}

/** The policy flags a document's current text raises, one bit per kind in POLICY_FLAG_KINDS order. */
export function flagBitsOf(text: string): number {
  return flagBits(policyFlagKindsOf(text));
}

/** The bits of these flag kinds; throws for an unknown one (the caller validated them). */
export function flagBits(kinds: readonly PolicyFlagKind[]): number {
  let bits = 0;
  for (const kind of kinds) bits |= 1 << codeOf(POLICY_FLAG_KINDS, kind, 'flag');
  return bits;
}

function codeOf<T extends string>(values: readonly T[], value: T, name: string): number {
  const code = values.indexOf(value);
  if (code < 0) throw new Error(`unknown ${name} "${value}"`);
  return code;
}

/** A 53-bit hash (cyrb53) of the indexed text: lets an upsert skip the FTS rewrite when only metadata changed. */
export function hashText(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
