import type { Catalog, PeopleStore } from '@verbatim/core';
import type { WebDependencies } from '@verbatim/web-service';
import type { JobControl } from '../api-context';
import { createPerson } from '../people/create-person';
import { viewAccount } from './account-view';
import { describeConnectorTypes } from './connector-types';
import { isSecretSetting } from './connector-secrets';
import { registerAccount } from './register-account';
import { registerAgency } from './register-agency';
import { startSync } from './start-sync';
import { updateAccount } from './update-account';

/** The IT screens' dependencies: the very functions the API routes call, so a form and a request behave alike. */
export function webItScreens({ catalog, people, jobs }: { catalog: Catalog; people: PeopleStore; jobs: JobControl }): WebDependencies['it'] {
  const services = { catalog, jobs };
  return {
    listAccounts: async () => Promise.all((await catalog.listAccounts()).map((account) => viewAccount(catalog, account))),
    getAccount: async (id) => {
      const account = await catalog.getAccount(id);
      return account ? viewAccount(catalog, account) : null;
    },
    registerAgency: (input, actorId) => registerAgency(catalog, input, actorId),
    registerAccount: async (input, actorId) => viewAccount(catalog, await registerAccount(services, input, actorId)),
    updateAccount: async (id, input, actorId) => viewAccount(catalog, await updateAccount(services, id, input, actorId, { blankSecretsKeepStored: true })),
    startSync: (accountId, actorId) => startSync(services, accountId, actorId),
    getJobStatus: (jobId) => jobs.getStatus(jobId),
    countQuarantined: async (accountId) => (await catalog.listQuarantine(accountId)).length,
    listPeople: () => people.listUsers(),
    createPerson: (input, actorId) => createPerson(people, catalog, input, actorId),
    connectorTypes: describeConnectorTypes(),
    isSecretSetting,
  };
}
