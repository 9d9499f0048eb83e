import type { Router } from 'express';
import { AccountStatusSchema, IT_ROLES, type AccountStatus } from '@verbatim/core';
import type { WebDependencies } from '../web-dependencies';
import { capturesPerDay, capturesSince } from './captures-per-day';
import { dashboardBody } from './pages/dashboard.page';
import type { Guard, Render } from './route-kit';

const CHART_DAYS = 30;

/** /dashboard: totals, captures per day, accounts that need attention or are out of compliance, overdue requests. */
export function mountDashboardRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.get('/dashboard', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session) return;
    const now = new Date();
    const [recordsByStatus, hourly, accounts, agencies, requests, compliance] = await Promise.all([
      deps.catalog.countRecordsByStatus(),
      deps.catalog.countCapturesByHour(capturesSince(now, deps.timeZone, CHART_DAYS)),
      deps.it.listAccounts(),
      deps.catalog.listAgencies(),
      deps.foia.listRequests(session.user.roles),
      deps.compliance.assess(),
    ]);
    const accountsByStatus = Object.fromEntries(AccountStatusSchema.options.map((status) => [status, 0])) as Record<
      AccountStatus,
      number
    >;
    for (const account of accounts) accountsByStatus[account.status] += 1;
    const troubled = accounts.filter((account) => account.health && account.health.state !== 'healthy');
    render(
      response,
      200,
      'Dashboard',
      session,
      dashboardBody({
        recordsByStatus,
        accountsByStatus,
        agencyCount: agencies.length,
        days: capturesPerDay(hourly, now, deps.timeZone, CHART_DAYS),
        troubled,
        overdue: requests.filter((view) => view.nextDeadline?.overdue),
        noncompliant: compliance.filter((account) => !account.compliant),
        timeZone: deps.timeZone,
      }),
    );
  });
}
