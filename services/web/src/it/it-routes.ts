import type { Router } from 'express';
import type { WebDependencies } from '../web-dependencies';
import { mountAccountRoutes } from './account-routes';
import { mountAgencyRoutes } from './agency-routes';
import { mountDashboardRoutes } from './dashboard-routes';
import { mountJobsRoutes } from './jobs-routes';
import { mountPeopleRoutes } from './people-routes';
import type { Guard, Render } from './route-kit';

/** The IT screens: dashboard, agencies, accounts, people and recent jobs, all for the it-admin role. */
export function mountItRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  mountDashboardRoutes(router, deps, render, guard);
  mountAgencyRoutes(router, deps, render, guard);
  mountAccountRoutes(router, deps, render, guard);
  mountPeopleRoutes(router, deps, render, guard);
  mountJobsRoutes(router, deps, render, guard);
}
