import type { Account, Agency, User } from '@verbatim/core';

/** An account as the API shows it: connector secrets masked, with its policy problems and sync state. */
export interface AccountView extends Account {
  complianceProblems: string[];
  sync: { status: 'never' | 'running' | 'completed' | 'failed'; passNumber: number; lastCompletedAt: string | null; lastError: string | null };
}

/** A background job as `GET /api/v1/jobs/:jobId` reports it. */
export interface JobView {
  id: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';
  progress: unknown;
  finishedAt?: string;
  error?: string;
}

/** A connector type and the settings it takes (required first), read from the connectors' schemas. */
export interface ConnectorTypeDescription {
  type: string;
  settings: Array<{ name: string; required: boolean }>;
}

/**
 * What the IT screens do, handed over by the API process so pages and API routes run the same code.
 * Changes throw the API's error (`status`, `message`, `details: [{ path, message }]`) when input is refused.
 */
export interface ItScreens {
  listAccounts(): Promise<AccountView[]>;
  getAccount(id: string): Promise<AccountView | null>;
  /** As `POST /api/v1/agencies`. */
  registerAgency(input: unknown, actorId: string): Promise<Agency>;
  /** As `POST /api/v1/accounts`. */
  registerAccount(input: unknown, actorId: string): Promise<AccountView>;
  /** As `PATCH /api/v1/accounts/:id`, except that a secret setting left blank keeps the stored value. */
  updateAccount(id: string, input: unknown, actorId: string): Promise<AccountView>;
  /** As `POST /api/v1/accounts/:id/sync`: returns the job id. */
  startSync(accountId: string, actorId: string): Promise<string>;
  /** Null when the queue no longer knows the job. */
  getJobStatus(jobId: string): Promise<JobView | null>;
  /** Payloads of the account that failed validation and were quarantined with their raw bytes. */
  countQuarantined(accountId: string): Promise<number>;
  listPeople(): Promise<User[]>;
  /** As `POST /api/v1/users`: the password is stored only as a hash. */
  createPerson(input: unknown, actorId: string): Promise<User>;
  connectorTypes: ConnectorTypeDescription[];
  /** Whether a connector setting holds a credential, so it is never shown back. */
  isSecretSetting(name: string): boolean;
}
