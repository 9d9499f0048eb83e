import { encodeSegment, nextUtcMidnight } from './linkedin-client';
import { LinkedinConnectorConfigSchema } from './linkedin-connector.config';
import { littleTextToPlain } from './linkedin-items';

describe('LinkedIn connector parts', () => {
  it('waits for the next midnight UTC, when LinkedIn resets its daily limits', () => {
    expect(new Date(nextUtcMidnight(Date.parse('2026-12-07T06:30:00Z'))).toISOString()).toBe(
      '2026-12-08T00:00:00.000Z',
    );
    expect(new Date(nextUtcMidnight(Date.parse('2026-12-31T23:59:59Z'))).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  it('encodes a comment URN whole in a path, parentheses and comma included (Rest.li 2.0)', () => {
    expect(encodeSegment('urn:li:comment:(urn:li:activity:123,456)')).toBe(
      'urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A123%2C456%29',
    );
  });

  it('reads "little text" as people see it: mentions, hashtags and escapes', () => {
    expect(
      littleTextToPlain('Thanks @[Town of X](urn:li:organization:1) \\(and all\\) {hashtag|\\#|civic} 3 \\* 4'),
    ).toBe('Thanks Town of X (and all) #civic 3 * 4');
  });

  it('takes the organization as digits or its URN, and refuses anything else, unknown settings included', () => {
    const token = 'AQVfakeLinkedinAccessToken0123456789';
    const parsed = LinkedinConnectorConfigSchema.parse({
      type: 'linkedin',
      organizationId: 'urn:li:organization:2414183',
      accessToken: token,
    });
    expect(parsed).toEqual({
      type: 'linkedin',
      organizationId: '2414183',
      accessToken: token,
      apiUrl: 'https://api.linkedin.com/rest',
    });
    const bad = LinkedinConnectorConfigSchema.safeParse({
      type: 'linkedin',
      organizationId: 'town-of-x',
      accessToken: token,
      apiUrl: 'http://api.example.org/rest',
      version: '202401',
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((issue) => issue.path.join('.') || issue.message);
    expect(paths).toEqual(expect.arrayContaining(['organizationId', 'apiUrl']));
    expect(JSON.stringify(bad.error!.issues)).toContain('version');
  });
});
