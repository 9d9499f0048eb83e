import path from 'node:path';
import { writeZip } from '@verbatim/connectors/testing';
import { openImportStack, type ImportStack } from './import-stack.test-fixture';

let stack: ImportStack;
beforeEach(async () => {
  stack = await openImportStack();
});
afterEach(() => stack.close());

const USERS = JSON.stringify([
  { id: 'U1', name: 'clerk', real_name: 'Town Clerk', profile: { real_name: 'Town Clerk' } },
  { id: 'U2', name: 'resident', real_name: 'Pat Resident' },
]);
const CHANNELS = JSON.stringify([{ id: 'C1', name: 'town-hall' }]);

describe('importing a Slack export', () => {
  it('turns each channel message into a record, thread replies under their parent, skipping channel events', async () => {
    const file = path.join(stack.dir, 'slack-export.zip');
    await writeZip(file, {
      'users.json': USERS,
      'channels.json': CHANNELS,
      'town-hall/2026-01-05.json': JSON.stringify([
        {
          type: 'message',
          subtype: 'channel_join',
          user: 'U2',
          text: '<@U2> has joined the channel',
          ts: '1767600000.000100',
        },
        {
          type: 'message',
          user: 'U1',
          text: 'Office closed Monday',
          ts: '1767600100.000200',
          thread_ts: '1767600100.000200',
        },
        {
          type: 'message',
          user: 'U2',
          text: 'Thanks <@U1>',
          ts: '1767600200.000300',
          thread_ts: '1767600100.000200',
          edited: { user: 'U2', ts: '1767600260.000000' },
        },
        { type: 'message', user: 'U2', text: 'no ts' },
      ]),
    });
    const { report } = await stack.upload(file);
    expect(report).toMatchObject({ format: 'slack-export', itemsFound: 2, created: 2, quarantined: 1 });
    expect(report.skipped).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^channel events/), count: 1 }),
    ]);
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, 'C1-1767600100.000200')).toMatchObject({
      kind: 'message',
      text: 'Office closed Monday',
      author: { name: 'Town Clerk', handle: 'clerk' },
      postedAt: '2026-01-05T08:01:40.000Z',
    });
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, 'C1-1767600200.000300')).toMatchObject({
      kind: 'reply',
      text: 'Thanks @clerk',
      parentPlatformId: 'C1-1767600100.000200',
      editedAt: '2026-01-05T08:04:20.000Z',
    });
  });
});
