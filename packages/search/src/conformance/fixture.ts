import type { SearchDocument } from '@verbatim/core';

/**
 * Handcrafted documents with known text for the conformance suite: accents, emoji, CJK, Arabic, Hebrew, URLs,
 * emails, hashtags, markup, edited-away text, and a spread of accounts, kinds, statuses and dates.
 */
interface AccountInfo {
  accountId: string;
  agencyId: string;
  platform: SearchDocument['platform'];
}

const CLERK_FB: AccountInfo = { accountId: 'acc_clerk_fb', agencyId: 'agy_clerk', platform: 'facebook' };
const CLERK_X: AccountInfo = { accountId: 'acc_clerk_x', agencyId: 'agy_clerk', platform: 'x' };
const PARKS_IG: AccountInfo = { accountId: 'acc_parks_ig', agencyId: 'agy_parks', platform: 'instagram' };
const POLICE_FB: AccountInfo = { accountId: 'acc_police_fb', agencyId: 'agy_police', platform: 'facebook' };

type Row = [id: string, account: AccountInfo, kind: SearchDocument['kind'], status: SearchDocument['status'], author: string, postedAt: string, text: string, priorText?: string, hasAttachments?: boolean];

const ROWS: Row[] = [
  ['d01', CLERK_FB, 'post', 'live', 'Town Clerk', '2024-03-01T12:00:00.000Z', 'Budget meeting tonight at Town Hall, 7pm. Agenda: https://town.example.gov/agenda/2024-03-05', '', true],
  ['d02', CLERK_FB, 'post', 'edited', 'Town Clerk', '2024-03-02T09:30:00.000Z', 'The budget hearing was moved to Thursday', 'The budget hearing is cancelled'],
  ['d03', CLERK_FB, 'comment', 'live', 'María José Pérez', '2024-03-02T10:15:00.000Z', 'Will the meeting be streamed? Asking for my grandmother'],
  ['d04', PARKS_IG, 'post', 'live', 'Parks Department', '2024-03-03T08:00:00.000Z', 'Café on Main Street reopens after renovation ☕', '', true],
  ['d05', PARKS_IG, 'comment', 'live', 'Zoë Müller', '2024-03-03T09:00:00.000Z', 'The cafe menu now includes crème brûlée'],
  ['d06', CLERK_X, 'post', 'live', '市役所', '2024-03-04T01:00:00.000Z', '市議会の会議は明日の午後です'],
  ['d07', PARKS_IG, 'post', 'live', 'Parks Department', '2024-03-04T02:00:00.000Z', '公园将于周六举行植树活动', '', true],
  ['d08', CLERK_X, 'post', 'live', 'Town Clerk', '2024-03-04T03:00:00.000Z', '도서관 운영 시간이 변경되었습니다'],
  ['d09', CLERK_FB, 'post', 'live', 'Town Clerk', '2024-03-05T10:00:00.000Z', 'مرحبا بكم في اجتماع المجلس البلدي'],
  ['d10', CLERK_FB, 'comment', 'live', 'David Cohen', '2024-03-05T11:00:00.000Z', 'שָׁלוֹם לכל תושבי העיר'],
  ['d11', PARKS_IG, 'post', 'live', 'Parks Department', '2024-03-06T15:00:00.000Z', 'Great turnout at the parade 🎉🎉 #ParadeDay2024', '', true],
  ['d12', PARKS_IG, 'comment', 'live', 'Sam Lee', '2024-03-06T16:00:00.000Z', '#ParadeDay2024 photos are up!'],
  ['d13', CLERK_X, 'post', 'live', 'Town Clerk', '2024-03-07T09:00:00.000Z', 'Questions? Email clerk@town.example.gov or call 555-0100'],
  ['d14', CLERK_FB, 'comment', 'hidden', 'Spam Bot', '2024-03-07T10:00:00.000Z', "<script>alert('xss')</script> buy cheap watches & more"],
  ['d15', POLICE_FB, 'post', 'live', 'Police Department', '2024-03-08T06:00:00.000Z', 'Road closure on Elm Street due to water main break', '', true],
  ['d16', POLICE_FB, 'post', 'edited', 'Police Department', '2024-03-08T18:00:00.000Z', 'Elm Street reopened to traffic', 'Elm Street still closed'],
  ['d17', POLICE_FB, 'reply', 'live', 'Sam Lee', '2024-03-08T19:00:00.000Z', 'Thanks for the update about the road closure'],
  ['d18', CLERK_FB, 'message', 'live', 'Jordan Smith', '2024-03-09T12:00:00.000Z', 'Private message about my permit application'],
  ['d19', POLICE_FB, 'post', 'deleted', 'Police Department', '2024-03-10T05:00:00.000Z', 'Snow emergency parking ban in effect'],
  ['d20', CLERK_X, 'post', 'live', 'Town Clerk', '2024-03-10T12:00:00.000Z', 'Parking permits available online'],
  ['d21', CLERK_FB, 'post', 'edited', 'Town Clerk', '2024-03-11T12:00:00.000Z', 'Budget draft posted for public comment', 'Budget proposal posted'],
  ['d22', CLERK_X, 'post', 'live', 'Town Clerk', '2024-03-12T12:00:00.000Z', 'Town meeting minutes approved'],
  ['d23', CLERK_FB, 'post', 'live', 'Town Clerk', '2024-03-13T12:00:00.000Z', 'Meeting cancelled due to snow'],
  ['d24', PARKS_IG, 'post', 'live', 'Parks Department', '2024-03-14T12:00:00.000Z', 'Parks department summer camp registration opens', '', true],
  ['d25', PARKS_IG, 'reply', 'live', 'Zoë Müller', '2024-03-15T12:00:00.000Z', 'Summer concert series at the park, bring a chair'],
  ['d26', CLERK_FB, 'post', 'live', 'Town Clerk', '2024-03-16T12:00:00.000Z', 'Library book sale this weekend'],
  ['d27', POLICE_FB, 'post', 'live', 'Police Department', '2024-03-17T12:00:00.000Z', 'Fire department open house Saturday'],
  ['d28', PARKS_IG, 'post', 'live', 'Parks Department', '2024-03-18T12:00:00.000Z', 'Leaf collection schedule for the fall'],
  ['d29', POLICE_FB, 'comment', 'hidden', 'Jordan Smith', '2024-03-19T12:00:00.000Z', 'Water main flushing tonight, expect brown water'],
  ['d30', CLERK_X, 'post', 'deleted', 'Town Clerk', '2024-03-20T12:00:00.000Z', 'Election day polling locations announced'],
  ['d31', CLERK_FB, 'reply', 'live', 'María José Pérez', '2024-03-21T12:00:00.000Z', 'Is the meeting budget online? The budget, the whole budget'],
  ['d32', POLICE_FB, 'message', 'live', 'David Cohen', '2024-03-22T12:00:00.000Z', 'Noise complaint on Oak Street after midnight'],
];

export const FIXTURE_DOCUMENTS: SearchDocument[] = ROWS.map(
  ([id, account, kind, status, authorName, postedAt, text, priorText = '', hasAttachments = false]) => ({
    id,
    ...account,
    kind,
    status,
    authorName,
    postedAt,
    text,
    priorText,
    hasAttachments,
    revision: 1,
  }),
);

/** A fixture document by id. */
export function fixtureDocument(id: string): SearchDocument {
  const document = FIXTURE_DOCUMENTS.find((candidate) => candidate.id === id);
  if (!document) throw new Error(`no fixture document ${id}`);
  return document;
}
