import { FOIA_OFFICER_ROLES } from '@verbatim/core';
import type { VerifyReport } from '@verbatim/bundles/production';
import { html, type SafeHtml } from '../html';
import { bundlesSection, gatheredRecordsSection } from '../pages/request-records.page';
import { requestBody } from '../pages/requests.page';
import type { WebDependencies, WebSession } from '../web-dependencies';

export interface RequestPageExtras {
  error?: string;
  notice?: string;
  verified?: { bundleId: string; report: VerifyReport };
}

/**
 * A request's whole page: deadlines and notifications, the gathered records with their decisions, the bundles,
 * the history and the status form. Null when there is no such request.
 */
export async function requestPageBody(
  deps: WebDependencies,
  session: WebSession,
  requestId: string,
  extras: RequestPageExtras = {},
): Promise<{ title: string; body: SafeHtml } | null> {
  const view = await deps.foia.getRequest(requestId, session.user.roles);
  if (!view) return null;
  const [transitions, gathered, bundles] = await Promise.all([
    deps.foiaStore.listTransitions(view.id),
    deps.foiaDesk.listItems(view.id, session.user.id),
    deps.foiaDesk.listBundles(view.id),
  ]);
  const common = { requestId: view.id, csrfToken: session.csrfToken, timeZone: deps.timeZone };
  const work = html`${gatheredRecordsSection({ ...common, items: gathered.items, savedSearches: gathered.savedSearches })}
${bundlesSection({
  ...common,
  bundles,
  hasItems: gathered.items.length > 0,
  verified: extras.verified,
  canBuild: session.user.roles.some((role) => FOIA_OFFICER_ROLES.includes(role)),
})}`;
  return {
    title: `Request ${view.number}`,
    body: requestBody({
      request: view,
      transitions,
      timeZone: deps.timeZone,
      csrfToken: session.csrfToken,
      error: extras.error,
      notice: extras.notice,
      work,
    }),
  };
}
