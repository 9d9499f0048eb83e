import { platformIdCandidates } from './locate-record';

describe('the platform ids a moderator’s link may stand for', () => {
  it('reads the comment out of Facebook, YouTube, Mastodon, X and Bluesky links', () => {
    expect(
      platformIdCandidates('https://www.facebook.com/townofx/posts/1234567890?comment_id=555&reply_comment_id=777'),
    ).toEqual(expect.arrayContaining(['1234567890_777', '777', '1234567890_555', '555']));
    expect(platformIdCandidates('https://www.youtube.com/watch?v=abc123&lc=UgxComment')).toContain('UgxComment');
    expect(platformIdCandidates('https://mastodon.town/@clerk/112233445566')[1]).toBe('112233445566');
    expect(platformIdCandidates('https://x.com/townofx/status/1900000000000000001')).toContain('1900000000000000001');
    expect(platformIdCandidates('https://bsky.app/profile/did:plc:abc123/post/3kxyz')).toContain(
      'at://did:plc:abc123/app.bsky.feed.post/3kxyz',
    );
  });

  it('keeps the text itself first, and a plain id as the only candidate', () => {
    expect(platformIdCandidates('112233_445566')).toEqual(['112233_445566']);
    expect(platformIdCandidates('https://x.com/a/status/1')[0]).toBe('https://x.com/a/status/1');
  });
});
