import { z } from 'zod';
import { moderationLedgerCsv, resolutionText, type ModerationLedgerReport } from '@verbatim/app';
import { renderModerationLedgerPdf } from '@verbatim/bundles';
import { CSV_CONTENT_TYPE, LedgerResolutionInputSchema, ModerationLedgerEntrySchema } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';

/** Who reads the ledger: the attorney's office, IT and auditors; the attorney's office settles flagged entries. */
const LEDGER_READERS = ['attorney', 'it-director', 'it-admin', 'auditor'] as const;
const LEDGER_RESOLVERS = ['attorney'] as const;

/** A day (`2026-05-01`, from its start in UTC) or an instant; kept as an ISO instant. */
const InstantOrDaySchema = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'a date (2026-05-01) or a date-time')
  .transform((value) => new Date(value).toISOString());

const PeriodQuerySchema = z.strictObject({
  accountId: z.string().min(1).optional(),
  from: InstantOrDaySchema.optional().describe('detected at or after'),
  to: InstantOrDaySchema.optional().describe('detected before'),
});

const LedgerListQuerySchema = PeriodQuerySchema.extend({
  open: z
    .enum(['true', 'false'], { error: 'use true or false' })
    .optional()
    .transform((value) => value === 'true')
    .describe('only entries flagged unreviewed and not resolved'),
});

const LedgerRowSchema = ModerationLedgerEntrySchema.extend({
  flagged: z.boolean().describe('unreviewed and not resolved yet'),
  account: z.string(),
  kind: z.string(),
  author: z.string(),
  text: z.string(),
});

function fileStem(report: ModerationLedgerReport): string {
  return `moderation-ledger-${report.generatedAt.slice(0, 10)}`;
}

export function moderationLedgerRoutes({ moderationLedgerDesk, townName }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/moderation-ledger',
      summary:
        'Every comment the town hid and every item that vanished, with when detected, the account and the approving review; unreviewed ones flagged',
      roles: LEDGER_READERS,
      query: LedgerListQuerySchema,
      status: 200,
      response: z.object({ entries: z.array(LedgerRowSchema) }),
      handle: async ({ query }) => ({
        entries: await moderationLedgerDesk.list({ ...query, openOnly: query.open }),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/moderation-ledger/:id/resolution',
      summary: 'Settle a flagged entry: link the approved review after the fact, or record why none was needed',
      roles: LEDGER_RESOLVERS,
      body: LedgerResolutionInputSchema,
      status: 200,
      response: LedgerRowSchema,
      handle: ({ params, body, principal }) => moderationLedgerDesk.resolve(params.id, body, principal),
    }),
    defineRoute({
      method: 'get',
      path: '/moderation-ledger/report.csv',
      summary: 'The ledger of one account (or all) over a period as CSV, for counsel (audited)',
      roles: LEDGER_READERS,
      query: PeriodQuerySchema,
      status: 200,
      produces: 'text/csv',
      handle: async ({ query, principal, response }) => {
        const report = await moderationLedgerDesk.report(query, principal);
        response.setHeader('content-type', CSV_CONTENT_TYPE);
        response.setHeader('content-disposition', `attachment; filename="${fileStem(report)}.csv"`);
        response.status(200).end(moderationLedgerCsv(report));
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/moderation-ledger/report.pdf',
      summary: 'The ledger of one account (or all) over a period as PDF, for counsel (audited)',
      roles: LEDGER_READERS,
      query: PeriodQuerySchema,
      status: 200,
      produces: 'application/pdf',
      handle: async ({ query, principal, response }) => {
        const report = await moderationLedgerDesk.report(query, principal);
        const pdf = await renderModerationLedgerPdf({
          townName,
          title: report.title,
          period: `${report.period.from ?? 'the beginning'} to ${report.period.to ?? 'now'}`,
          generatedAt: report.generatedAt,
          rows: report.rows.map((row) => ({
            ...row,
            review: row.reviewId ?? '',
            resolution: resolutionText(row),
          })),
        });
        response.setHeader('content-type', 'application/pdf');
        response.setHeader('content-disposition', `attachment; filename="${fileStem(report)}.pdf"`);
        response.status(200).end(pdf);
        return undefined;
      },
    }),
  ];
}
