import type { AccountRegistry, PeopleStore } from '@verbatim/core';
import {
  deliveriesFor,
  type FoiaService,
  type FoiaStore,
  type ObjectState,
  type ObjectStateChange,
  type ObservedObject,
  type SubjectNotices,
} from '@verbatim/foia';
import {
  describeAccount,
  MAX_LISTED_OBJECTS,
  type ArchiveCorruptPayload,
  type CorruptObject,
  type RecipientDefaults,
} from '@verbatim/notify';
import { itRecipients } from '../accounts/it-recipients';
import type { IntegrityProblem, PromisedObject } from './object-check';

export interface CorruptObjectNoticesOptions {
  /** Where the announced object states and the outbox live. */
  store: Pick<FoiaStore, 'listAnnouncedProblems' | 'recordObjectStates'>;
  /** Who hears of an event by default and the rules IT set (FoiaService, or noticeSettingsOf). */
  settings: Pick<FoiaService, 'noticeSettings'>;
  /** The active IT administrators, when IT_NOTIFY_EMAILS is empty. */
  people: Pick<PeopleStore, 'listUsers'>;
  /** To name each object's account as people know it. */
  catalog: Pick<AccountRegistry, 'getAccount' | 'listAgencies'>;
  /** Hands new outbox deliveries to the queue now; absent where no queue is reached (the relay loop sends them). */
  relayNotifications?: () => Promise<void>;
}

type FoundBy = ArchiveCorruptPayload['foundBy'];

/**
 * Tells IT (`archive.corrupt`; IT_NOTIFY_EMAILS, or else the active IT administrators) when a capture or media
 * file is found altered or missing, once per object per change: what was told is kept beside the outbox
 * (ArchiveProblemStore), so reading a damaged record ten times sends one email, and restoring the file then
 * damaging it again sends another. A read or a download announces each object on its own; a verification, which
 * may find thousands at once after a disk fault, sends one notice listing them.
 */
export class CorruptObjectNotices {
  constructor(private readonly options: CorruptObjectNoticesOptions) {}

  /** After a record read or a download re-hashed `checked`: records what changed and announces it. */
  async afterCheck(
    checked: readonly PromisedObject[],
    problems: readonly IntegrityProblem[],
    foundBy: Exclude<FoundBy, 'verification'>,
    recordId?: string,
  ): Promise<void> {
    if (checked.length === 0) return;
    const observed = observationsOf(checked, problems);
    const announced = new Map(
      (await this.options.store.listAnnouncedProblems(checked.map((object) => object.key))).map((object) => [
        object.key,
        object.state,
      ]),
    );
    // A plain read first: nearly every check finds what was last recorded, and need not take the write lock.
    const changed = observed.filter((object) => object.state !== (announced.get(object.key) ?? 'intact'));
    if (changed.length === 0) return;
    await this.record(changed, problems, (changes, compose) =>
      changes.map((change) => ({
        subject: `object:${change.current.key}`,
        deliveries: compose([change], `after:${change.previous?.changedAt ?? 'first'}`, foundBy, recordId),
      })),
    );
  }

  /** After a verification checked `checked`: one notice listing the objects newly found altered or missing. */
  async afterVerification(checked: readonly PromisedObject[], problems: readonly IntegrityProblem[]): Promise<void> {
    const found = observationsOf(checked, problems).filter((object) => object.state !== 'intact');
    const foundKeys = new Set(found.map((object) => object.key));
    const checkedKeys = new Set(checked.map((object) => object.key));
    const restored = (await this.options.store.listAnnouncedProblems())
      .filter((object) => checkedKeys.has(object.key) && !foundKeys.has(object.key))
      .map((object): ObservedObject => ({ key: object.key, state: 'intact', accountId: object.accountId }));
    if (found.length === 0 && restored.length === 0) return;
    await this.record([...found, ...restored], problems, (changes, compose, at) => [
      { subject: 'town', deliveries: compose(changes, `verification:${at}`, 'verification') },
    ]);
  }

  private async record(
    observed: ObservedObject[],
    problems: readonly IntegrityProblem[],
    group: (
      changes: ObjectStateChange[],
      compose: (
        changes: ObjectStateChange[],
        occasion: string,
        foundBy: FoundBy,
        recordId?: string,
      ) => ReturnType<typeof deliveriesFor>,
      at: string,
    ) => SubjectNotices[],
  ): Promise<void> {
    const { store, settings, people, relayNotifications } = this.options;
    const { recipients, rules, publicUrl } = await settings.noticeSettings();
    const defaults: RecipientDefaults = {
      ...recipients,
      itEmails: await itRecipients(recipients.itEmails ?? [], people),
    };
    const accounts = await this.describeAccounts(observed);
    const details = new Map(problems.filter((problem) => problem.key).map((problem) => [problem.key, problem.message]));
    const at = new Date().toISOString();
    const compose = (changes: ObjectStateChange[], occasion: string, foundBy: FoundBy, recordId?: string) => {
      const objects = changes
        .filter((change) => change.current.state !== 'intact')
        .map((change) => corruptObjectOf(change, accounts, details));
      if (objects.length === 0) return [];
      const payload: ArchiveCorruptPayload = {
        foundBy,
        foundAt: at,
        objects: objects.slice(0, MAX_LISTED_OBJECTS),
        moreObjects: Math.max(0, objects.length - MAX_LISTED_OBJECTS),
        ...(publicUrl && recordId ? { url: new URL(`/records/${recordId}`, publicUrl).toString() } : {}),
      };
      return deliveriesFor('archive.corrupt', occasion, payload, rules, defaults);
    };
    const { deliveries } = await store.recordObjectStates(observed, at, (changes) => group(changes, compose, at));
    if (deliveries.length > 0) await relayNotifications?.();
  }

  /** `@townofx on Facebook (Parks & Recreation)` per account id, for the accounts the objects belong to. */
  private async describeAccounts(observed: ObservedObject[]): Promise<Map<string, string>> {
    const ids = [...new Set(observed.flatMap((object) => (object.accountId ? [object.accountId] : [])))];
    if (ids.length === 0) return new Map();
    const agencies = new Map((await this.options.catalog.listAgencies()).map((agency) => [agency.id, agency.name]));
    const described = new Map<string, string>();
    for (const id of ids) {
      const account = await this.options.catalog.getAccount(id);
      if (account)
        described.set(id, describeAccount({ ...account, agency: agencies.get(account.agencyId) ?? account.agencyId }));
    }
    return described;
  }
}

/** Each object checked, as found: altered, missing, or intact. */
function observationsOf(checked: readonly PromisedObject[], problems: readonly IntegrityProblem[]): ObservedObject[] {
  const states = new Map<string, ObjectState>();
  for (const problem of problems) {
    if (problem.key && problem.kind === 'object_altered') states.set(problem.key, 'altered');
    if (problem.key && problem.kind === 'object_missing') states.set(problem.key, 'missing');
  }
  return checked.map((object) => ({
    key: object.key,
    state: states.get(object.key) ?? 'intact',
    accountId: object.accountId || null,
  }));
}

function corruptObjectOf(
  change: ObjectStateChange,
  accounts: Map<string, string>,
  details: Map<string | null, string>,
): CorruptObject {
  const { key, state, accountId } = change.current;
  const kind = key.startsWith('media/') ? 'media' : key.startsWith('raw/') ? 'capture' : null;
  return {
    key,
    sha256: key.split('/').at(-1) ?? null,
    kind,
    accountId,
    account: accountId ? (accounts.get(accountId) ?? null) : null,
    problem: state === 'missing' ? 'missing' : 'altered',
    detail: details.get(key) ?? `${kind ?? 'object'} ${key} is ${state}`,
  };
}

/**
 * A notice-settings source for a process without the FOIA service (the command line): the recipients it is
 * configured with, the rules IT set, and PUBLIC_URL.
 */
export function noticeSettingsOf(
  store: Pick<FoiaStore, 'getSettings'>,
  recipients: RecipientDefaults,
  publicUrl?: string,
): Pick<FoiaService, 'noticeSettings'> {
  return {
    noticeSettings: async () => ({
      recipients,
      rules: (await store.getSettings()).notificationRules,
      ...(publicUrl ? { publicUrl } : {}),
    }),
  };
}
