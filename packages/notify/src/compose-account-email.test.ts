import { composeAccountHealthEmail } from './compose-account-email';
import { buildSampleAccountPayload } from './notification-payload.fixture';

describe('composeAccountHealthEmail', () => {
  it('names the account, its platform and agency in the subject, worded per change', () => {
    const subject = (event: Parameters<typeof composeAccountHealthEmail>[0]) =>
      composeAccountHealthEmail(event, buildSampleAccountPayload()).subject;
    expect(subject('account.failing')).toBe('Archiving stopped: @westportparks on Facebook (Parks & Recreation)');
    expect(subject('account.stale')).toBe('Archiving overdue: @westportparks on Facebook (Parks & Recreation)');
    expect(subject('account.recovered')).toBe('Archiving resumed: @westportparks on Facebook (Parks & Recreation)');
  });

  it('says the problem, what to do, the last successful capture and links the account page', () => {
    const email = composeAccountHealthEmail('account.failing', buildSampleAccountPayload());
    expect(email.text).toMatch(/^Problem: +The last sync failed: the Page access token has expired \(HTTP 401\)$/m);
    expect(email.text).toMatch(/^What to do: +The platform rejected the credentials/m);
    expect(email.text).toMatch(/^Last successful capture: +Mon, Jan 5, 2026, 9:30 AM EST \(2026-01-05 14:30 UTC\)$/m);
    expect(email.html).toContain(
      '<a href="https://verbatim.town.example/accounts/acc_01JH40">https://verbatim.town.example/accounts/acc_01JH40</a>',
    );
    expect(email.html).toContain('Parks &amp; Recreation');
  });

  it('tells of a recovery with the problem it recovered from, and of an account never captured', () => {
    const recovered = composeAccountHealthEmail(
      'account.recovered',
      buildSampleAccountPayload({ health: 'healthy', advice: null, lastSuccessAt: null, url: undefined }),
    );
    expect(recovered.text).toMatch(/^The problem was: +The last sync failed/m);
    expect(recovered.text).not.toContain('What to do');
    expect(recovered.text).toMatch(/^Last successful capture: +never$/m);
    expect(recovered.html).not.toContain('<a ');
  });
});
