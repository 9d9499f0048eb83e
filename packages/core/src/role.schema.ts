import { z } from 'zod';

export const RoleSchema = z.enum(['it-admin', 'foia-officer', 'attorney', 'moderator', 'auditor']);
export type Role = z.infer<typeof RoleSchema>;
