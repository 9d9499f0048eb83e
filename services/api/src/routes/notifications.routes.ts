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
  requestId: z.string().nullable().describe('the FOIA request it announces; null for a notice about an account'),
  accountId: z.string().nullable().describe('the account whose archiving health it announces to IT; else null'),
  event: z
    .string()
    .describe(
      'request.logged, request.due-soon, request.overdue, request.in-review; account.failing, account.stale, account.recovered',
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
        "Notifications across the town (the attorney's office of requests, IT of account health); by default the undelivered (pending, failed)",
      roles: NOTIFICATION_WATCHERS,
      query: NotificationListQuerySchema,
      status: 200,
      response: z.object({
        notifications: z.array(
          NotificationSchema.extend({
            requestNumber: z.string().nullable().describe('null for a notice about an account'),
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
