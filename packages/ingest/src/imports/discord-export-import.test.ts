import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openImportStack, type ImportStack } from './import-stack.test-fixture';

let stack: ImportStack;
beforeEach(async () => {
  stack = await openImportStack();
});
afterEach(() => stack.close());

const author = { id: '11', name: 'townclerk', nickname: 'Town Clerk', isBot: false };

describe('importing a Discord channel export (DiscordChatExporter JSON)', () => {
  it('turns each written message into a record, a reply under the message it answers, skipping events', async () => {
    const file = path.join(stack.dir, 'Town Server - general [900].json');
    await writeFile(
      file,
      JSON.stringify({
        guild: { id: '1', name: 'Town Server' },
        channel: { id: '900', name: 'general', type: 'GuildTextChat' },
        messages: [
          { id: '1001', type: 'GuildMemberJoin', timestamp: '2026-01-05T08:00:00+00:00', content: '', author },
          {
            id: '1002',
            type: 'Default',
            timestamp: '2026-01-05T08:01:00+00:00',
            timestampEdited: '2026-01-05T08:02:00+00:00',
            content: 'Pool opens Saturday',
            author,
            attachments: [],
          },
          {
            id: '1003',
            type: 'Reply',
            timestamp: '2026-01-05T08:03:00+00:00',
            content: 'What time?',
            author: { id: '12', name: 'pat' },
            reference: { messageId: '1002', channelId: '900' },
          },
          { id: 'bad', type: 'Default', timestamp: 'never', author },
        ],
        messageCount: 4,
      }),
    );
    const { report } = await stack.upload(file);
    expect(report).toMatchObject({ format: 'discord-export', itemsFound: 2, created: 2, quarantined: 1 });
    expect(report.skipped).toEqual([expect.objectContaining({ count: 1 })]);
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, '1002')).toMatchObject({
      kind: 'message',
      text: 'Pool opens Saturday',
      author: { name: 'Town Clerk', handle: 'townclerk' },
      editedAt: '2026-01-05T08:02:00.000Z',
    });
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, '1003')).toMatchObject({
      kind: 'reply',
      parentPlatformId: '1002',
    });
  });
});
