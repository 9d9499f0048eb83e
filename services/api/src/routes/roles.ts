import { RECORD_READER_ROLES, Role, RoleSchema } from '@verbatim/core';

export const ALL_ROLES: readonly Role[] = RoleSchema.options;
/** Who may read archived records (every read is audited). */
export const RECORD_READERS = RECORD_READER_ROLES;
