import { z } from 'zod';

/** The kinds of town body the Connecticut policies name as owners of official accounts. */
export const AgencyKindSchema = z.enum(['department', 'board', 'commission', 'task-force', 'committee']);
export type AgencyKind = z.infer<typeof AgencyKindSchema>;

export const NewAgencySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: AgencyKindSchema,
});
export type NewAgency = z.infer<typeof NewAgencySchema>;

export const AgencySchema = NewAgencySchema.extend({
  id: z.string(),
  createdAt: z.string(),
});
export type Agency = z.infer<typeof AgencySchema>;
