import {
  isWebhookSignatureValid,
  parseWebhookDelivery,
  FacebookConnectorConfigSchema,
  type FacebookConnectorConfig,
} from '@verbatim/connectors';
import {
  rawCaptureKey,
  sha256Hex,
  type Account,
  type AccountRegistry,
  type CaptureReader,
  type JobControl,
  type ObjectStore,
  type SyncStateStore,
} from '@verbatim/core';

export interface FacebookWebhookServices {
  catalog: AccountRegistry & Pick<SyncStateStore, 'recordCapture'> & CaptureReader;
  objectStore: ObjectStore;
  jobs: JobControl;
  now?: () => Date;
}

/** What became of a delivery: `accepted` (archived, syncs queued), or refused with why (for the log, not Meta). */
export type FacebookDeliveryOutcome =
  { accepted: true; accounts: string[]; replay: boolean } | { accepted: false; status: 400 | 403; reason: string };

const SOURCE = 'facebook webhook delivery (feed)';

/**
 * Receives a Page webhook delivery. Every entry's Page must be an account here with the Meta app's secret in
 * its connector settings, and the body's `X-Hub-Signature-256` must be that secret's HMAC; otherwise nothing is
 * stored. An accepted delivery is archived byte for byte as one raw capture naming every Page, and a sync of
 * each is queued: the sync reads the changes from the Graph API, where a new comment comes with its attachments,
 * an edit becomes a version by its message, a hide by `is_hidden`, and a removal a tombstone only once a direct
 * lookup confirms it (a delivery's values lack the attachments and a hide lacks the text, so building records
 * from them would record false versions). The same bytes delivered again are recognised and change nothing.
 */
export async function receiveFacebookDelivery(
  services: FacebookWebhookServices,
  raw: Uint8Array,
  signature: string | undefined,
): Promise<FacebookDeliveryOutcome> {
  const parsed = parseWebhookDelivery(raw);
  if ('problem' in parsed) return { accepted: false, status: 400, reason: `not a Page delivery: ${parsed.problem}` };
  const pageIds = [...new Set(parsed.delivery.entry.map((entry) => entry.id))];
  const accounts = await facebookAccountsByPage(services.catalog);
  const targets: Array<{ account: Account; config: FacebookConnectorConfig }> = [];
  for (const pageId of pageIds) {
    const target = accounts.get(pageId);
    if (!target)
      return { accepted: false, status: 403, reason: `no Facebook account is registered for Page ${pageId}` };
    if (!target.config.appSecret) {
      return {
        accepted: false,
        status: 403,
        reason: `account ${target.account.id} (Page ${pageId}) has no appSecret in its connector settings, so its webhook deliveries cannot be verified and are refused: add the Meta app's secret to the account`,
      };
    }
    if (!isWebhookSignatureValid(raw, signature, target.config.appSecret)) {
      return {
        accepted: false,
        status: 403,
        reason: `the X-Hub-Signature-256 of a delivery for Page ${pageId} is wrong`,
      };
    }
    targets.push(target);
  }
  const sha256 = sha256Hex(raw);
  const replay = (await services.catalog.getCapture(sha256)) !== null;
  if (!replay) {
    await services.objectStore.put(rawCaptureKey(sha256), raw, { contentType: 'application/json' });
    await services.catalog.recordCapture({
      sha256,
      key: rawCaptureKey(sha256),
      accountId: targets[0].account.id,
      contentType: 'application/json',
      byteLength: raw.byteLength,
      source: sourceOf(targets.map(({ account, config }) => `${config.pageId} (account ${account.id})`)),
      capturedAt: (services.now?.() ?? new Date()).toISOString(),
    });
    for (const { account } of targets) await services.jobs.enqueueSync(account.id);
  }
  return { accepted: true, accounts: targets.map(({ account }) => account.id), replay };
}

/** Active and abandoned Facebook accounts by Page id (a retired account receives nothing). */
async function facebookAccountsByPage(
  catalog: AccountRegistry,
): Promise<Map<string, { account: Account; config: FacebookConnectorConfig }>> {
  const byPage = new Map<string, { account: Account; config: FacebookConnectorConfig }>();
  for (const account of await catalog.listAccounts({ status: ['active', 'abandoned'] })) {
    const config = FacebookConnectorConfigSchema.safeParse(account.connector);
    if (config.success) byPage.set(config.data.pageId, { account, config: config.data });
  }
  return byPage;
}

/**
 * Names what the delivery was about. Identical bytes are one capture, kept under the first Page's account; a
 * delivery Meta batched for several Pages names each of them, so it is found from any of their accounts.
 */
function sourceOf(pages: string[]): string {
  return `${SOURCE} for Page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}`;
}
