import { z } from 'zod';

/**
 * Who a person is to the archive. `it-director` (the Director of IT) co-approves user bans with the attorney's
 * office; `communications-manager` approves new accounts where the town's policy requires it (Norwalk).
 */
export const RoleSchema = z.enum([
  'it-admin',
  'foia-officer',
  'attorney',
  'moderator',
  'auditor',
  'it-director',
  'communications-manager',
]);
export type Role = z.infer<typeof RoleSchema>;

/** Who may read archived records (every read is audited). */
export const RECORD_READER_ROLES: readonly Role[] = ['foia-officer', 'attorney', 'auditor', 'it-admin'];
/** Who reads FOIA requests; officers work them, the attorney's office reviews and releases. */
export const FOIA_READER_ROLES: readonly Role[] = ['foia-officer', 'attorney'];
/** Who logs and works FOIA requests. */
export const FOIA_OFFICER_ROLES: readonly Role[] = ['foia-officer'];
/** Who registers agencies, accounts and people, and watches archiving. */
export const IT_ROLES: readonly Role[] = ['it-admin'];
