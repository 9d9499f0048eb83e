import { z } from 'zod';
import { parseInstant } from './instant';

/** The ways a request reaches the town. Mail, phone and walk-in requests are logged after the fact. */
export const RequestChannelSchema = z.enum(['email', 'web', 'mail', 'phone', 'walk-in', 'fax', 'other']);
export type RequestChannel = z.infer<typeof RequestChannelSchema>;

/**
 * Which response limit of C.G.S. § 1-206(a) applies: four business days in general, ten where the request
 * touches personnel, medical or similar files and the employee-notice procedure of § 1-214(b)–(c) runs.
 */
export const RecordsCategorySchema = z.enum(['general', 'personnel-medical']);
export type RecordsCategory = z.infer<typeof RecordsCategorySchema>;

/** See request-lifecycle.ts for the transitions between these. Due soon and overdue are derived, never stored. */
export const FoiaRequestStatusSchema = z.enum([
  'received',
  'acknowledged',
  'in-progress',
  'awaiting-requester',
  'extended',
  'in-review',
  'released',
  'closed',
  'denied',
  'withdrawn',
  'reopened',
]);
export type FoiaRequestStatus = z.infer<typeof FoiaRequestStatusSchema>;

/** Carried beside the `released` status, so reports need not know two release statuses. */
export const ReleaseKindSchema = z.enum(['full', 'partial']);
export type ReleaseKind = z.infer<typeof ReleaseKindSchema>;

/** Clocks of a phone, a laptop and the server disagree by a little; more than this is a typo in the date. */
export const RECEIVED_AT_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export const RequesterSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().optional(),
  phone: z.string().trim().min(1).max(40).optional(),
  organization: z.string().trim().min(1).max(200).optional(),
});
export type Requester = z.infer<typeof RequesterSchema>;

/**
 * The API input that logs a request. `receivedAt` is when the town received it, not when it was typed in: it may be
 * back-dated (mail, phone, walk-in) because the statutory clock runs from receipt. `now` is injectable for tests.
 */
export function createNewFoiaRequestSchema(now: () => Date = () => new Date()) {
  return z.strictObject({
    requester: RequesterSchema,
    receivedAt: z.iso
      .datetime({ offset: true })
      .refine((value) => Date.parse(value) <= now().getTime() + RECEIVED_AT_FUTURE_TOLERANCE_MS, {
        message: 'receivedAt is in the future; give the time the town received the request',
      }),
    channel: RequestChannelSchema.default('email'),
    description: z.string().trim().min(1).max(20_000),
    assignedOfficer: z.string().trim().min(1).max(200).optional(),
    notes: z.string().max(20_000).optional(),
    recordsCategory: RecordsCategorySchema.default('general'),
  });
}

export const NewFoiaRequestSchema = createNewFoiaRequestSchema();
export type NewFoiaRequest = z.infer<typeof NewFoiaRequestSchema>;
export type NewFoiaRequestInput = z.input<typeof NewFoiaRequestSchema>;

/** A status change as the API receives it; who and when come from the session and the clock, not the body. */
export const FoiaTransitionInputSchema = z
  .strictObject({
    to: FoiaRequestStatusSchema,
    note: z.string().trim().max(5_000).optional(),
    releaseKind: ReleaseKindSchema.optional(),
    /** The production date an extension promises: a local date (due at its end) or an exact instant. */
    extendedUntil: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  })
  .refine((input) => (input.to === 'released') === (input.releaseKind !== undefined), {
    message: 'give releaseKind (full or partial) when, and only when, moving to released',
    path: ['releaseKind'],
  });
export type FoiaTransitionInput = z.infer<typeof FoiaTransitionInputSchema>;

// ---- Request numbers: `2026-0001`, a sequence per town and year, at least four digits, never reused. ----

const REQUEST_NUMBER_PATTERN = /^(\d{4})-(\d{4,})$/;

export const RequestNumberSchema = z.string().regex(REQUEST_NUMBER_PATTERN, 'expected a request number like 2026-0001');

export interface RequestNumberParts {
  year: number;
  sequence: number;
}

/** `formatRequestNumber(2026, 1)` is `2026-0001`; sequences past 9999 simply grow a digit (`2026-10000`). */
export function formatRequestNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`request number year must have four digits, got ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError(`request number sequence must be a positive integer, got ${sequence}`);
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The year and sequence of a request number, or null when the text is not one. Only the canonical spelling is
 * accepted (`2026-00001` is not `2026-0001`), so each request has exactly one number a URL can name.
 */
export function parseRequestNumber(text: string): RequestNumberParts | null {
  const match = REQUEST_NUMBER_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const sequence = Number(match[2]);
  if (year < 1000 || !Number.isSafeInteger(sequence) || sequence < 1) return null;
  return formatRequestNumber(year, sequence) === text ? { year, sequence } : null;
}

/**
 * The year a request is numbered under: the year of receipt on the town's wall calendar. A mail request received on
 * 31 December and logged on 2 January keeps the old year, so numbers match the year the statutory clock started.
 */
export function requestNumberYear(receivedAt: string, timeZone: string): number {
  const local = parseInstant(receivedAt).setZone(timeZone);
  if (!local.isValid) throw new RangeError(`unknown time zone ${timeZone}`);
  return local.year;
}
