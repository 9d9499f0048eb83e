import { z } from 'zod';
import { AUDIT_READERS } from '@verbatim/app';
import { AUDIT_OUTCOMES, CSV_CONTENT_TYPE } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';

/** A day (`2026-05-01`, from its start in UTC) or an instant; kept as an ISO instant. */
const InstantOrDaySchema = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'a date (2026-05-01) or a date-time (2026-05-01T09:30:00Z)')
  .transform((value) => new Date(value).toISOString());

const FilterText = z.string().min(1).max(500);

export const AuditQuerySchema = z.strictObject({
  actor: FilterText.optional().describe('the person (usr_…) or token (tok_…) who acted'),
  action: FilterText.optional().describe('an action (`record.read`) or its family (`record` matches `record.*`)'),
  target: FilterText.optional().describe('what was acted on: a record, request, bundle, account, person…'),
  from: InstantOrDaySchema.optional().describe('at or after'),
  to: InstantOrDaySchema.optional().describe('before'),
  limit: z.coerce
    .number({ error: 'limit is a whole number from 1 to 500' })
    .int('limit is a whole number from 1 to 500')
    .min(1, 'limit is a whole number from 1 to 500')
    .max(500, 'limit is a whole number from 1 to 500')
    .default(100),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'cursor is the nextCursor of a previous page')
    .transform(Number)
    .optional(),
  format: z.enum(['json', 'csv'], { error: 'format is json or csv' }).optional(),
});

export const AuditEntrySchema = z.object({
  seq: z.number().int().describe('position in the chain: 1, 2, 3… without gaps'),
  at: z.string().describe('ISO-8601 UTC instant with milliseconds'),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string().describe('SHA-256 (hex) of the canonical encoding; see the README, "Audit log"'),
  prevHash: z.string().describe('the previous entry’s hash; 64 zeros for entry 1'),
});

const FindingSchema = z.object({
  kind: z.enum(['altered', 'missing', 'broken-link', 'unsealed', 'head-mismatch']),
  seq: z.number().int().optional(),
  fromSeq: z.number().int().optional(),
  toSeq: z.number().int().optional(),
  message: z.string(),
});

const HeadSchema = z.object({ seq: z.number().int(), hash: z.string() }).nullable();

export function auditRoutes({ auditDesk }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      summary:
        'The audit log, newest first, filtered and a page at a time; each entry with its hash and the previous ' +
        'one’s. `Accept: text/csv` or `format=csv` for every matching entry as CSV (the export is audited)',
      roles: AUDIT_READERS,
      query: AuditQuerySchema,
      status: 200,
      response: z.object({
        entries: z.array(AuditEntrySchema),
        nextCursor: z.string().nullable().describe('pass as `cursor` for the next (older) page; null on the last'),
      }),
      alternatives: {
        'text/csv':
          'Every matching entry (up to 100 000; limit and cursor ignored): seq, at, actor, action, target, outcome, ' +
          'details (JSON), hash, prevHash; cells starting with = + - @ are prefixed with a quote.',
      },
      handle: async ({ query, principal, request, response }) => {
        const { format, limit, cursor, ...filters } = query;
        response.vary('Accept');
        const wantsCsv =
          format === 'csv' ||
          (format === undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv');
        if (wantsCsv) {
          const csv = await auditDesk.csv(principal.id, filters);
          response.setHeader('content-type', CSV_CONTENT_TYPE);
          response.setHeader(
            'content-disposition',
            `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
          );
          response.status(200).end(csv);
          return undefined;
        }
        const page = await auditDesk.list({ ...filters, limit, cursor });
        return { entries: page.entries, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/audit/verification',
      summary:
        'Walks the audit chain from entry 1 and reports every finding (entry altered, entries missing, broken ' +
        'link, row without a hash, head mismatch); `ok` when there is none',
      roles: AUDIT_READERS,
      status: 200,
      response: z.object({
        ok: z.boolean(),
        entries: z.number().int(),
        last: HeadSchema,
        recordedHead: HeadSchema,
        findings: z.array(FindingSchema),
      }),
      handle: () => auditDesk.verify(),
    }),
  ];
}
