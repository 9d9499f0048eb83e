import { z } from 'zod';

/** A role that reads what the town's lawyers and auditors read was granted: the attorney's office hears of it. */
export const ACCESS_EVENTS = ['access.privileged-grant'] as const;
export const AccessEventSchema = z.enum(ACCESS_EVENTS);
export type AccessEvent = z.infer<typeof AccessEventSchema>;

export function isAccessEvent(event: string): event is AccessEvent {
  return (ACCESS_EVENTS as readonly string[]).includes(event);
}

/**
 * Who granted which roles to whom, and when: a snapshot taken when the outbox row is written, in the
 * transaction that made the grant. `privilegedRoles` are the granted roles that made it notable (attorney,
 * auditor); `roles` every role the grantee holds after the grant.
 */
export const AccessGrantPayloadSchema = z.object({
  granteeKind: z.enum(['person', 'token']),
  granteeId: z.string().min(1),
  granteeName: z.string().min(1),
  /** A person's sign-in address; absent for a token. */
  granteeEmail: z.string().optional(),
  roles: z.array(z.string().min(1)).min(1),
  privilegedRoles: z.array(z.string().min(1)).min(1),
  /** How the grant came: a person or token created with the roles, or a person's roles changed. */
  how: z.enum(['created', 'roles-changed']),
  /** The person or token who granted it, as a reader recognises them. */
  grantedBy: z.string().min(1),
  grantedAt: z.iso.datetime({ offset: true }),
  /** A token's expiry, when it has one. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** Where IT manages people or tokens. Only http(s): it becomes a link in the HTML email. */
  url: z.url({ protocol: /^https?$/ }).optional(),
});
export type AccessGrantPayload = z.infer<typeof AccessGrantPayloadSchema>;
