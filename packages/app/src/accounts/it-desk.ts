import type {
  AccountRegistry,
  Agency,
  AuditLog,
  CaptureReader,
  JobControl,
  JobStatus,
  PeopleStore,
  SyncRun,
  SyncRunLog,
  SyncStateStore,
  User,
} from '@verbatim/core';
import type { ComplianceStore, Delivery, FoiaStore } from '@verbatim/foia';
import { createPerson } from '../people/create-person';
import { disablePerson, enablePerson, unlinkPersonFromProvider, type UnlinkedPerson } from '../people/person-access';
import type { GrantNotices } from '../people/grant-notices';
import { setPersonRoles } from '../people/person-roles';
import { viewAccount, type AccountView } from './account-view';
import { describeConnectorTypes, type ConnectorTypeDescription } from './connector-types';
import { isSecretSetting } from './connector-secrets';
import { registerAccount } from './register-account';
import { registerAgency } from './register-agency';
import { startSync } from './start-sync';
import { updateAccount } from './update-account';

const RECENT_RUNS = 20;

/**
 * What IT does: agencies, accounts, syncs and people. The JSON API and the pages call the same functions, so a
 * form and a request behave alike. Changes throw UseCaseError `invalid` with `details: [{ path, message }]`.
 */
export interface ItDesk {
  /** Every account as people see it, secrets masked. */
  listAccounts(filter?: { agencyId?: string }): Promise<AccountView[]>;
  /** One account as people see it; null when there is none with this id. */
  getAccount(id: string): Promise<AccountView | null>;
  /** As `POST /api/v1/agencies`. */
  registerAgency(input: unknown, actorId: string): Promise<Agency>;
  /** As `POST /api/v1/accounts`. */
  registerAccount(input: unknown, actorId: string): Promise<AccountView>;
  /** As `PATCH /api/v1/accounts/:id`; with `blankSecretsKeepStored` (forms) a secret left blank keeps its value. */
  updateAccount(
    id: string,
    input: unknown,
    actorId: string,
    options?: { blankSecretsKeepStored?: boolean },
  ): Promise<AccountView>;
  /** As `POST /api/v1/accounts/:id/sync`: returns the job id. */
  startSync(accountId: string, actorId: string): Promise<string>;
  /** Null when the queue no longer knows the job. */
  getJobStatus(jobId: string): Promise<JobStatus | null>;
  /** The account's most recent sync runs with what each captured, newest first (at most 20). */
  listSyncRuns(accountId: string): Promise<SyncRun[]>;
  /** The notices about the account's health sent to IT (and the webhook), oldest first, with how sending went. */
  listAccountNotifications(accountId: string): Promise<Delivery[]>;
  /** Payloads of the account that failed validation and were quarantined with their raw bytes. */
  countQuarantined(accountId: string): Promise<number>;
  /** The people who can sign in, without their password hashes. */
  listPeople(): Promise<User[]>;
  /** As `POST /api/v1/users`: the password is stored only as a hash; attorney or auditor is announced. */
  createPerson(input: unknown, actorId: string): Promise<User>;
  /** As `PUT /api/v1/users/:id/roles`: replaces the person's roles; a new attorney or auditor role is announced. */
  setPersonRoles(userId: string, input: unknown, actorId: string): Promise<User>;
  /** Ends the person's sessions at once and refuses their sign-in until enabled; audited. */
  disablePerson(userId: string, actorId: string): Promise<User>;
  /** Lets a disabled person sign in again; audited. */
  enablePerson(userId: string, actorId: string): Promise<User>;
  /** Clears the person's link to their account at the identity provider; audited when there was one. */
  unlinkPersonFromProvider(userId: string, actorId: string): Promise<UnlinkedPerson>;
  /** Every connector type and the settings it takes, for forms that help people write them. */
  connectorTypes: ConnectorTypeDescription[];
  /** Whether a connector setting holds a credential, so it is never shown back. */
  isSecretSetting: (name: string) => boolean;
}

export function createItDesk({
  catalog,
  people,
  jobs,
  foiaStore,
  compliance,
  requireAccountApproval,
  grants,
  relayNotifications,
}: {
  catalog: AccountRegistry & SyncStateStore & SyncRunLog & CaptureReader & AuditLog;
  people: PeopleStore;
  jobs: JobControl;
  /** Where the outbox lives: the account's health notices are read from it. */
  foiaStore: Pick<FoiaStore, 'listAccountDeliveries'>;
  /** Where changes of administrators and moderators are kept. */
  compliance: ComplianceStore;
  /** REQUIRE_ACCOUNT_APPROVAL. */
  requireAccountApproval: boolean;
  /** Announces grants of attorney or auditor to the attorney's office. */
  grants: GrantNotices;
  /** Hands new outbox deliveries to the queue now; never throws. */
  relayNotifications: () => Promise<void>;
}): ItDesk {
  /** Runs a grant, then hands its notices (if any) to the queue without waiting for the relay loop. */
  const granting = async <T>(grant: Promise<T>): Promise<T> => {
    const result = await grant;
    await relayNotifications();
    return result;
  };
  const services = { catalog, jobs, compliance, requireAccountApproval };
  return {
    listAccounts: async (filter = {}) =>
      Promise.all((await catalog.listAccounts(filter)).map((account) => viewAccount(catalog, account))),
    getAccount: async (id) => {
      const account = await catalog.getAccount(id);
      return account ? viewAccount(catalog, account) : null;
    },
    registerAgency: (input, actorId) => registerAgency(catalog, input, actorId),
    registerAccount: async (input, actorId) => viewAccount(catalog, await registerAccount(services, input, actorId)),
    updateAccount: async (id, input, actorId, options) =>
      viewAccount(catalog, await updateAccount(services, id, input, actorId, options)),
    startSync: (accountId, actorId) => startSync(services, accountId, actorId),
    getJobStatus: (jobId) => jobs.getStatus(jobId),
    listSyncRuns: (accountId) => catalog.listSyncRuns(accountId, RECENT_RUNS),
    listAccountNotifications: (accountId) => foiaStore.listAccountDeliveries(accountId),
    countQuarantined: async (accountId) => (await catalog.listQuarantine(accountId)).length,
    listPeople: () => people.listUsers(),
    createPerson: (input, actorId) => granting(createPerson(people, catalog, input, actorId, grants)),
    setPersonRoles: (userId, input, actorId) =>
      granting(setPersonRoles(people, catalog, userId, input, actorId, grants)),
    disablePerson: (userId, actorId) => disablePerson(people, catalog, userId, actorId),
    enablePerson: (userId, actorId) => enablePerson(people, catalog, userId, actorId),
    unlinkPersonFromProvider: (userId, actorId) => unlinkPersonFromProvider(people, catalog, userId, actorId),
    connectorTypes: describeConnectorTypes(),
    isSecretSetting,
  };
}
