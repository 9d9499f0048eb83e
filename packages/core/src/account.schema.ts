import { z } from 'zod';

export const PlatformSchema = z.enum([
  'facebook',
  'instagram',
  'x',
  'youtube',
  'tiktok',
  'linkedin',
  'nextdoor',
  'mock',
  // Appended, never inserted: the SQLite search index stores a platform as its position in this list.
  'bluesky',
  'mastodon',
  'blog',
  'website',
  'wiki',
  'message-board',
  'snapchat',
  'yelp',
  'myspace',
  'slack',
  'discord',
  'other',
]);
export type Platform = z.infer<typeof PlatformSchema>;

const PLATFORM_NAMES: Record<Platform, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  nextdoor: 'Nextdoor',
  mock: 'Mock platform',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  blog: 'Blog',
  website: 'Website',
  wiki: 'Wiki',
  'message-board': 'Message board',
  snapchat: 'Snapchat',
  yelp: 'Yelp',
  myspace: 'Myspace',
  slack: 'Slack',
  discord: 'Discord',
  other: 'another platform',
};

/** How people name a platform: `Facebook`, `Message board`. */
export function platformName(platform: Platform): string {
  return PLATFORM_NAMES[platform];
}

/** `abandoned` accounts are still archived: the records duty outlives the account's use. */
export const AccountStatusSchema = z.enum(['pending-approval', 'active', 'abandoned', 'retired']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

/** Statuses whose accounts keep a sync schedule. Retired accounts are frozen: their archive stays, polling stops. */
export const SCHEDULED_ACCOUNT_STATUSES: readonly AccountStatus[] = ['active', 'abandoned'];

/** The connector type of accounts archived only from uploaded platform exports: never polled. */
export const IMPORT_ONLY_CONNECTOR_TYPE = 'import-only';

/** Whether the scheduler polls the account: archived (active or abandoned) and with an API to poll. */
export function isAccountPolled(account: { status: AccountStatus; connector?: { type: string } }): boolean {
  return SCHEDULED_ACCOUNT_STATUSES.includes(account.status) && account.connector?.type !== IMPORT_ONLY_CONNECTOR_TYPE;
}

/**
 * A connector's settings. Each connector type owns the exact schema of its config (see @verbatim/connectors);
 * the core only knows that it is tagged by `type`.
 */
export const ConnectorConfigSchema = z.looseObject({ type: z.string().min(1) });
export type ConnectorConfig = z.infer<typeof ConnectorConfigSchema>;

/**
 * A registered administrator or moderator of an account, with the contact details the policies ask for and the
 * dates they started and stopped (a person whose `stoppedOn` has come no longer counts; the change is kept in
 * the account's people history).
 */
export const AccountPersonSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ().x-]{7,40}$/, 'expected a phone number: digits, spaces, + ( ) . - and x for an extension')
      .optional(),
    startedOn: z.iso.date().optional(),
    stoppedOn: z.iso.date().optional(),
  })
  .refine((person) => !person.startedOn || !person.stoppedOn || person.startedOn <= person.stoppedOn, {
    message: 'stoppedOn is before startedOn',
    path: ['stoppedOn'],
  });
export type AccountPerson = z.infer<typeof AccountPersonSchema>;

/** An account's editable fields, without defaults (a PATCH must not reset what it does not name). */
const AccountFieldsSchema = z.strictObject({
  agencyId: z.string().min(1),
  platform: PlatformSchema,
  handle: z.string().trim().min(1).max(200),
  displayName: z.string().trim().min(1).max(300).optional(),
  url: z.url().optional(),
  status: AccountStatusSchema,
  connector: ConnectorConfigSchema,
  syncIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  administrators: z.array(AccountPersonSchema).max(50),
  moderators: z.array(AccountPersonSchema).max(50),
});

export const NewAccountSchema = AccountFieldsSchema.extend({
  status: AccountFieldsSchema.shape.status.default('active'),
  syncIntervalMinutes: AccountFieldsSchema.shape.syncIntervalMinutes.default(60),
  administrators: AccountFieldsSchema.shape.administrators.default([]),
  moderators: AccountFieldsSchema.shape.moderators.default([]),
});
export type NewAccount = z.infer<typeof NewAccountSchema>;

export const AccountPatchSchema = AccountFieldsSchema.omit({ platform: true })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' });
export type AccountPatch = z.infer<typeof AccountPatchSchema>;

export const AccountSchema = AccountFieldsSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

/** The policies require at least two registered administrators and one moderator per account. */
export function findAccountComplianceProblems(account: Pick<Account, 'administrators' | 'moderators'>): string[] {
  const problems: string[] = [];
  if (account.administrators.length < 2) problems.push('register at least two administrators');
  if (account.moderators.length < 1) problems.push('register at least one moderator');
  return problems;
}
