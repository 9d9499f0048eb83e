import {
  NotificationPayloadSchema,
  NotificationRuleSchema,
  resolveRecipients,
  type NotificationRule,
  type RecipientDefaults,
} from './notification-event';
import { buildSamplePayload } from './notification-payload.fixture';

const defaults: RecipientDefaults = {
  attorneyEmails: ['attorney@town.example', 'paralegal@town.example'],
  itEmails: ['it@town.example'],
  webhookConfigured: true,
};

describe('resolveRecipients', () => {
  it('sends request.logged to the attorney list and the webhook even with no rules', () => {
    expect(resolveRecipients([], 'request.logged', defaults)).toEqual({
      emails: ['attorney@town.example', 'paralegal@town.example'],
      webhook: true,
    });
  });

  it('keeps the attorney list for request.logged when a rule omits it or turns the webhook off', () => {
    const rules: NotificationRule[] = [{ event: 'request.logged', emails: ['clerk@town.example'], webhook: false }];

    expect(resolveRecipients(rules, 'request.logged', defaults)).toEqual({
      emails: ['attorney@town.example', 'paralegal@town.example', 'clerk@town.example'],
      webhook: true,
    });
  });

  it('falls back to the attorney list for an event no rule mentions', () => {
    const rules: NotificationRule[] = [{ event: 'request.overdue', emails: ['clerk@town.example'], webhook: false }];

    expect(resolveRecipients(rules, 'request.due-soon', defaults)).toEqual({
      emails: ['attorney@town.example', 'paralegal@town.example'],
      webhook: true,
    });
  });

  it('lets rules replace the fallback for other events, adding up several rules', () => {
    const rules: NotificationRule[] = [
      { event: 'request.overdue', emails: ['clerk@town.example'], webhook: false },
      { event: 'request.overdue', emails: ['CLERK@town.example', 'manager@town.example'], webhook: true },
      { event: 'request.in-review', emails: [], webhook: false },
    ];

    expect(resolveRecipients(rules, 'request.overdue', defaults)).toEqual({
      emails: ['clerk@town.example', 'manager@town.example'],
      webhook: true,
    });
    expect(resolveRecipients(rules, 'request.in-review', defaults)).toEqual({ emails: [], webhook: false });
  });

  it('tells IT, not the attorney, of account health, unless a rule routes it elsewhere', () => {
    expect(resolveRecipients([], 'account.failing', defaults)).toEqual({ emails: ['it@town.example'], webhook: true });
    const rules: NotificationRule[] = [{ event: 'account.stale', emails: ['oncall@town.example'], webhook: false }];
    expect(resolveRecipients(rules, 'account.stale', defaults)).toEqual({
      emails: ['oncall@town.example'],
      webhook: false,
    });
    expect(resolveRecipients(rules, 'account.recovered', { ...defaults, itEmails: undefined })).toEqual({
      emails: [],
      webhook: true,
    });
  });

  it('never asks for a webhook the deployment has not configured', () => {
    const rules: NotificationRule[] = [{ event: 'request.overdue', emails: [], webhook: true }];
    const noWebhook = { ...defaults, webhookConfigured: false };

    expect(resolveRecipients(rules, 'request.overdue', noWebhook).webhook).toBe(false);
    expect(resolveRecipients([], 'request.logged', noWebhook).webhook).toBe(false);
  });
});

describe('notification schemas', () => {
  it('accepts a complete payload and one with only the required fields', () => {
    expect(NotificationPayloadSchema.parse(buildSamplePayload())).toEqual(buildSamplePayload());
    const minimal = buildSamplePayload({
      productionTargetAt: undefined,
      url: undefined,
      requester: { name: 'Walk-in' },
    });
    expect(NotificationPayloadSchema.safeParse(minimal).success).toBe(true);
  });

  it.each([
    ['a number without the year', { number: '42' }],
    ['a date without an offset', { responseDueAt: '2026-01-09T17:00:00' }],
    ['a link that is not http(s)', { url: 'javascript:alert(1)' }],
    ['a requester without a name', { requester: { name: ' ' } }],
  ])('refuses %s', (_label, override) => {
    expect(NotificationPayloadSchema.safeParse(buildSamplePayload(override)).success).toBe(false);
  });

  it('refuses a rule for an unknown event or with a malformed address', () => {
    const unknownEvent = { event: 'request.closed', emails: [], webhook: false };
    const badAddress = { event: 'request.overdue', emails: ['nobody'], webhook: false };
    expect(NotificationRuleSchema.safeParse(unknownEvent).success).toBe(false);
    expect(NotificationRuleSchema.safeParse(badAddress).success).toBe(false);
  });
});
