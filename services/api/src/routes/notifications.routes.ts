import { z } from 'zod';
import { NotificationListQuerySchema } from '@verbatim/app';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';

/** Who watches what the attorney's office (and IT, of account health) has not been told yet. */
export const NOTIFICATION_WATCHERS = ['it-admin', 'attorney'] as const;
/** Who may send a failed notification again: those who watch, and the officers who log the requests. */
export const NOTIFICATION_RESENDERS = ['it-admin', 'attorney', 'foia-officer'] as const;

const DeliveryStatusSchema = z.enum(['pending', 'failed', 'delivered']);

const NotificationSchema = z.object({
  id: z.string(),
  requestId: z.string().nullable().describe('the FOIA request it announces; null for a notice about anything else'),
  accountId: z.string().nullable().describe('the account whose archiving health it announces to IT; else null'),
  subject: z
    .string()
    .nullable()
    .describe(
      'what else it is about: person:<id>, token:<id> (a privileged grant), object:<key> or town (a corrupt object); else null',
    ),
  event: z
    .string()
    .describe(
      'request.logged, request.due-soon, request.overdue, request.in-review; account.failing, account.stale, account.recovered; access.privileged-grant; archive.corrupt; and the compliance and moderation events',
    ),
  channel: z.enum(['email', 'webhook']),
  recipients: z.array(z.string()).describe('email addresses; empty for the webhook'),
  status: DeliveryStatusSchema,
  attempts: z.number(),
  lastError: z.string().nullable().describe('why the last attempt failed, or why a pending one waits'),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  relayedAt: z.string().nullable(),
});

export function notificationRoutes(context: ApiContext) {
  const { notificationDesk } = context;
  return [
    defineRoute({
      method: 'get',
      path: '/notifications',
      summary:
        "Notifications across the town (the attorney's office of requests and privileged grants, IT of account health and corrupt objects); by default the undelivered (pending, failed)",
      roles: NOTIFICATION_WATCHERS,
      query: NotificationListQuerySchema,
      status: 200,
      response: z.object({
        notifications: z.array(
          NotificationSchema.extend({
            requestNumber: z.string().nullable().describe('null for a notice about anything but a request'),
          }),
        ),
      }),
      handle: async ({ query }) => ({ notifications: await notificationDesk.list(query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/notifications/:id/resend',
      summary: 'Send a failed notification again: back to pending and handed to the queue (409 unless it failed)',
      roles: NOTIFICATION_RESENDERS,
      status: 202,
      response: NotificationSchema,
      handle: async ({ params, principal }) => {
        const { payload: _payload, ...delivery } = await notificationDesk.resend(params.id, principal);
        return delivery;
      },
    }),
  ];
}
