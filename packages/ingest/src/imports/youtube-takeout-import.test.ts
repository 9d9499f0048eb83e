import path from 'node:path';
import { sha256Hex } from '@verbatim/core';
import { writeZip } from '@verbatim/connectors/testing';
import { openImportStack, type ImportStack } from './import-stack.test-fixture';

let stack: ImportStack;
beforeEach(async () => {
  stack = await openImportStack();
});
afterEach(() => stack.close());

const ROOT = 'Takeout/YouTube and YouTube Music';
const VIDEO = Buffer.from('the bytes of a council meeting video');
const CHANNEL = 'Channel ID,Channel Title (Original),Channel Visibility\nUCtown01,Town of Example,Public\n';
const VIDEOS = [
  'Video ID,Approx Duration (ms),Video Audio Language,Video Category,Video Description (Original),Channel ID,Video Title (Original),Privacy,Video State,Video Create Timestamp,Video Publish Timestamp',
  'vid00000001,3600000,en,News & Politics,"Agenda:\n1. Budget, ""final"" reading",UCtown01,Council meeting March 3,Public,Processed,2026-03-03T23:00:00+00:00,2026-03-04T01:00:00+00:00',
  'vid00000002,60000,en,News & Politics,,UCtown01,Leaf pickup,Unlisted,Processed,2026-03-05T12:00:00+00:00,2026-03-05T12:30:00+00:00',
  ',60000,en,,,UCtown01,No id,Public,Processed,2026-03-06T12:00:00+00:00,2026-03-06T12:00:00+00:00',
].join('\n');
const COMMENTS = [
  'Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Post ID,Video ID,Comment Text',
  'Ugw1,UCtown01,2026-03-04T02:00:00.000+00:00,0,,,vid00000001,"{""text"":""Minutes are posted at ""},{""text"":""town.example.gov""}"',
  'Ugw1.r1,UCtown01,2026-03-04T03:00:00.000+00:00,0,Ugw1,,vid00000001,"{""text"":""Correction: page 4""}"',
  'Ugw2,UCtown01,not a time,0,,,vid00000002,"{""text"":""?""}"',
].join('\n');

describe('importing a YouTube Takeout', () => {
  it('turns videos into posts with their video file, and the channel’s comments into comments and replies', async () => {
    const file = path.join(stack.dir, 'takeout-20260401.zip');
    await writeZip(file, {
      [`${ROOT}/channels/channel.csv`]: CHANNEL,
      [`${ROOT}/video metadata/videos.csv`]: VIDEOS,
      [`${ROOT}/videos/Council meeting March 3.mp4`]: VIDEO,
      [`${ROOT}/comments/comments.csv`]: COMMENTS,
      [`${ROOT}/history/watch-history.json`]: '[]',
    });
    const { report } = await stack.upload(file);
    expect(report).toMatchObject({
      format: 'youtube-takeout',
      itemsFound: 4,
      created: 4,
      quarantined: 2,
      mediaFound: 1,
      mediaArchived: 1,
    });

    const meeting = await stack.catalog.getRecordByPlatformId(stack.accountId, 'vid00000001');
    expect(meeting).toMatchObject({
      kind: 'post',
      text: 'Council meeting March 3\n\nAgenda:\n1. Budget, "final" reading',
      author: { id: 'UCtown01', name: 'Town of Example' },
      url: 'https://www.youtube.com/watch?v=vid00000001',
      postedAt: '2026-03-04T01:00:00.000Z',
    });
    expect(meeting!.attachments).toEqual([expect.objectContaining({ kind: 'video', sha256: sha256Hex(VIDEO) })]);
    expect((await stack.catalog.getRecordByPlatformId(stack.accountId, 'vid00000002'))!.text).toBe('Leaf pickup');
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, 'Ugw1')).toMatchObject({
      kind: 'comment',
      parentPlatformId: 'vid00000001',
      text: 'Minutes are posted at town.example.gov',
      postedAt: '2026-03-04T02:00:00.000Z',
    });
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, 'Ugw1.r1')).toMatchObject({
      kind: 'reply',
      parentPlatformId: 'Ugw1',
      text: 'Correction: page 4',
    });
    const reasons = (await stack.catalog.listQuarantine(stack.accountId)).map((entry) => entry.reason).sort();
    expect(reasons).toEqual([
      expect.stringMatching(/comments\.csv line 4: comment Ugw2 has no readable time$/),
      expect.stringMatching(/videos\.csv line \d+: no Video ID$/),
    ]);

    const again = await stack.upload(file, 'takeout-again.zip');
    expect(again.report).toMatchObject({ created: 0, newVersions: 0, unchanged: 4 });
  });
});
