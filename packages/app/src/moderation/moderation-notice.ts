import type { Account, Agency, ArchiveRecord, ModerationReview, PolicyCategory } from '@verbatim/core';
import { deliveriesFor, type FoiaService, type NewDelivery } from '@verbatim/foia';
import { describeAccount, type ModerationEvent, type ModerationPayload } from '@verbatim/notify';

/** What a moderation notice is about: the archived item, on its account. */
export interface NoticeSubject {
  record: ArchiveRecord;
  account: Account | null;
  agency: Agency | null;
}

/** The item as a notice shows it: account, author and text, and where it opens in the UI. */
function subjectFields(subject: NoticeSubject, publicUrl: string | undefined) {
  const { record, account, agency } = subject;
  return {
    recordId: record.id,
    accountId: record.accountId,
    account: account
      ? describeAccount({
          handle: account.handle,
          platform: account.platform,
          agency: agency?.name ?? account.agencyId,
        })
      : record.accountId,
    author: record.author.handle ? `${record.author.name} (@${record.author.handle})` : record.author.name,
    text: record.text,
    ...(publicUrl ? { url: new URL(`/records/${record.id}`, publicUrl).toString() } : {}),
  };
}

/**
 * The outbox rows telling the attorney's office (ATTORNEY_NOTIFY_EMAILS, or the rule IT set for the event) of a
 * moderation event; `occasion` makes it once per review or per item.
 */
export async function moderationNotices(
  foia: Pick<FoiaService, 'noticeSettings'>,
  event: ModerationEvent,
  occasion: string,
  payload: (publicUrl: string | undefined) => ModerationPayload,
): Promise<NewDelivery[]> {
  const { recipients, rules, publicUrl } = await foia.noticeSettings();
  return deliveriesFor(event, occasion, payload(publicUrl), rules, recipients);
}

export function proposalPayload(
  subject: NoticeSubject,
  review: ModerationReview,
  categories: readonly PolicyCategory[],
  proposer: string,
) {
  const labels = new Map(categories.map((category) => [category.id, category.label]));
  return (publicUrl: string | undefined): ModerationPayload => ({
    ...subjectFields(subject, publicUrl),
    reviewId: review.id,
    action: review.action,
    categories: review.categories.map((id) => labels.get(id) ?? id),
    note: review.note,
    proposedBy: proposer,
    ...(publicUrl ? { url: new URL(`/moderation/reviews/${review.id}`, publicUrl).toString() } : {}),
  });
}

export function unreviewedPayload(subject: NoticeSubject, change: 'hidden' | 'deleted', detectedAt: string) {
  return (publicUrl: string | undefined): ModerationPayload => ({
    ...subjectFields(subject, publicUrl),
    change,
    detectedAt,
  });
}
