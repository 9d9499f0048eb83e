import type { PlatformItem, RejectedPayload } from '@verbatim/core';
import type { z } from 'zod';
import { jsonOf, type PlatformResponse } from '../http/platform-http';
import type { MastodonPass, MastodonTask } from './mastodon-cursor';
import { itemOfEdit, itemOfStatus, versionsToEmit } from './mastodon-items';
import {
  MastodonContextSchema,
  MastodonStatusEditSchema,
  MastodonStatusSchema,
  type MastodonStatus,
} from './mastodon-payload.schema';

/** What one response yields: items to archive, rejects to quarantine, and work it adds to the pass. */
export interface PageReading {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  tasks: MastodonTask[];
}

const EMPTY: PageReading = { items: [], rejected: [], tasks: [] };

/**
 * A page of the account's statuses. Unedited statuses are items now; edited ones wait for their `/history`
 * page, which emits their versions in order. Each status with replies gets a `/context` task.
 */
export function readStatusesPage(response: PlatformResponse, pass: MastodonPass): PageReading {
  const body = jsonOf(response);
  if (!Array.isArray(body)) return unreadable('the statuses page is not a JSON array');
  const reading: PageReading = { items: [], rejected: [], tasks: [] };
  body.forEach((element, index) => {
    const status = parseItem(MastodonStatusSchema, element, index, `statuses[${index}]`, reading);
    if (!status) return;
    take(status, null, pass, reading);
    if (!status.reblog && status.replies_count !== 0) reading.tasks.push({ kind: 'context', statusId: status.id });
  });
  return reading;
}

/**
 * A status's thread: its descendants are the residents' replies (and replies to them). The town's own
 * statuses among them are skipped, since the account listing has them already.
 */
export function readContextPage(response: PlatformResponse, rootId: string, pass: MastodonPass): PageReading {
  if (isGoneMeanwhile(response)) return EMPTY;
  const parsed = MastodonContextSchema.safeParse(jsonOf(response));
  if (!parsed.success)
    return unreadable(`the context of ${rootId} is not a context: ${parsed.error.issues[0].message}`);
  const reading: PageReading = { items: [], rejected: [], tasks: [] };
  parsed.data.descendants.forEach((element, index) => {
    const status = parseItem(MastodonStatusSchema, element, index, `descendants[${index}]`, reading);
    if (status && status.account.id !== pass.accountId) take(status, rootId, pass, reading);
  });
  return reading;
}

/** An edited status's history: the versions this pass must emit (see `versionsToEmit`). */
export function readHistoryPage(
  response: PlatformResponse,
  task: Extract<MastodonTask, { kind: 'history' }>,
  pass: MastodonPass,
): PageReading {
  if (isGoneMeanwhile(response)) return EMPTY;
  const body = jsonOf(response);
  if (!Array.isArray(body)) return unreadable(`the history of ${task.statusId} is not a JSON array`);
  const reading: PageReading = { items: [], rejected: [], tasks: [] };
  const entries = body.flatMap((element, index) => {
    const entry = parseItem(MastodonStatusEditSchema, element, index, `history[${index}]`, reading);
    return entry ? [entry] : [];
  });
  const emitted = versionsToEmit(entries, pass.since, pass.at);
  const original = entries.reduce((a, b) => (Date.parse(b.created_at) < Date.parse(a.created_at) ? b : a), entries[0]);
  for (const entry of emitted) {
    reading.items.push(itemOfEdit(task.statusId, task.url, task, entry, original, pass.accountId));
  }
  return reading;
}

/** An unedited status is an item; an edited one becomes a history task carrying what the history lacks. */
function take(status: MastodonStatus, rootId: string | null, pass: MastodonPass, reading: PageReading): void {
  if (!status.edited_at || status.reblog) {
    reading.items.push(itemOfStatus(status, pass.accountId, rootId));
    return;
  }
  reading.tasks.push({
    kind: 'history',
    statusId: status.id,
    url: status.url ?? status.uri,
    inReplyToId: status.in_reply_to_id ?? null,
    inReplyToAccountId: status.in_reply_to_account_id ?? null,
    threadRootId: rootId,
  });
}

function parseItem<T>(
  schema: z.ZodType<T>,
  element: unknown,
  index: number,
  label: string,
  reading: PageReading,
): T | null {
  const parsed = schema.safeParse(element);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  reading.rejected.push({ itemIndex: index, reason: `${label}.${issue.path.join('.')}: ${issue.message}` });
  return null;
}

/** A status deleted (404) or made private (403) between the listing and this request: nothing to read. */
function isGoneMeanwhile(response: PlatformResponse): boolean {
  return response.status === 404 || response.status === 403 || response.status === 410;
}

function unreadable(reason: string): PageReading {
  return { items: [], rejected: [{ itemIndex: null, reason }], tasks: [] };
}
