import { composeNotificationEmail } from './compose-email';
import { REQUEST_NOTIFICATION_EVENTS } from './notification-event';
import { buildSamplePayload } from './notification-payload.fixture';

describe('composeNotificationEmail', () => {
  it('puts number, requester, description, received date and deadlines in the request.logged email', () => {
    const email = composeNotificationEmail('request.logged', buildSamplePayload());

    expect(email.subject).toBe('FOIA request 2026-0042 logged: Jane Q. Public');
    for (const body of [email.text, email.html]) {
      expect(body).toContain('2026-0042');
      expect(body).toContain('Jane Q. Public, Hartford Ledger');
      expect(body).toContain('jane@example.org');
      expect(body).toContain('All comments removed from the Parks Department Facebook page in December 2025.');
      expect(body).toContain('Mon, Jan 5, 2026, 9:30 AM EST (2026-01-05 14:30 UTC)');
      expect(body).toContain('Fri, Jan 9, 2026, 5:00 PM EST (2026-01-09 22:00 UTC)');
      expect(body).toContain('Mon, Feb 2, 2026, 5:00 PM EST (2026-02-02 22:00 UTC)');
      expect(body).toContain('received');
      expect(body).toContain('https://verbatim.town.example/foia-requests/req_01JH3Z');
    }
    expect(email.text).toMatch(/^Response due: +Fri, Jan 9, 2026, 5:00 PM EST \(2026-01-09 22:00 UTC\)$/m);
    expect(email.text).toContain('A response is due by Fri, Jan 9, 2026, 5:00 PM EST (C.G.S. §1-206(a)).');
    expect(email.html).toContain('<a href="https://verbatim.town.example/foia-requests/req_01JH3Z">');
  });

  it('shows summer deadlines in daylight time and honours another town time zone', () => {
    const payload = buildSamplePayload({ responseDueAt: '2026-07-10T21:00:00Z' });

    expect(composeNotificationEmail('request.logged', payload).text).toContain(
      'Fri, Jul 10, 2026, 5:00 PM EDT (2026-07-10 21:00 UTC)',
    );
    const chicago = composeNotificationEmail('request.logged', payload, { timeZone: 'America/Chicago' });
    expect(chicago.text).toContain('Fri, Jul 10, 2026, 4:00 PM CDT (2026-07-10 21:00 UTC)');
    expect(chicago.text).toContain('Dates are shown in America/Chicago time');
  });

  it('shows an end-of-day deadline on its local day even where the UTC date is the next one', () => {
    const payload = buildSamplePayload({ responseDueAt: '2026-01-10T04:59:59.999Z' });

    expect(composeNotificationEmail('request.logged', payload).text).toContain(
      'Fri, Jan 9, 2026, 11:59 PM EST (2026-01-10 04:59 UTC)',
    );
  });

  it('leaves out the production target and link when the request has none', () => {
    const payload = buildSamplePayload({ productionTargetAt: undefined, url: undefined });
    const email = composeNotificationEmail('request.logged', payload);

    expect(email.text).not.toContain('Production target');
    expect(email.html).not.toContain('<a ');
  });

  it('words each event differently and always names the request', () => {
    const subjects = REQUEST_NOTIFICATION_EVENTS.map(
      (event) => composeNotificationEmail(event, buildSamplePayload()).subject,
    );

    expect(new Set(subjects).size).toBe(REQUEST_NOTIFICATION_EVENTS.length);
    for (const subject of subjects) expect(subject).toContain('2026-0042');
    expect(subjects[1]).toBe('FOIA request 2026-0042: response due Fri, Jan 9, 2026, 5:00 PM EST');
    expect(subjects[2]).toContain('overdue');
    expect(subjects[3]).toContain('review');
  });

  it('escapes requester text in the HTML and keeps it as written in the plain text', () => {
    const payload = buildSamplePayload({
      requester: { name: 'Eve <b>"Bold"</b>', organization: "O'Brien & Sons" },
      description: '<script>alert("x")</script>\nsecond line',
    });
    const email = composeNotificationEmail('request.logged', payload);

    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>second line');
    expect(email.html).toContain('Eve &lt;b&gt;&quot;Bold&quot;&lt;/b&gt;, O&#39;Brien &amp; Sons');
    expect(email.text).toContain('<script>alert("x")</script>\nsecond line');
  });

  it('keeps the subject on one line whatever the requester name holds', () => {
    const payload = buildSamplePayload({ requester: { name: 'Mallory\r\nBcc: everyone@example.org' } });

    expect(composeNotificationEmail('request.logged', payload).subject).toBe(
      'FOIA request 2026-0042 logged: Mallory Bcc: everyone@example.org',
    );
  });

  it('throws on an unknown time zone rather than guessing one', () => {
    const onMars = { timeZone: 'Mars/Olympus' };
    expect(() => composeNotificationEmail('request.logged', buildSamplePayload(), onMars)).toThrow(RangeError);
  });
});
