import type { Request, Response, Router } from 'express';
import { AUDIT_READERS } from '@verbatim/app';
import type { Role } from '@verbatim/core';
import { formText, type Render } from '../form-guard';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { auditLogBody, auditVerificationBody, type AuditFilter } from './audit-log.page';

type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

const PAGE_SIZE = 50;

const day = (value: unknown): string | undefined =>
  /^\d{4}-\d{2}-\d{2}$/.test(formText(value)) && !Number.isNaN(Date.parse(formText(value)))
    ? formText(value)
    : undefined;
const text = (value: unknown): string | undefined => formText(value).trim().slice(0, 500) || undefined;

/** The audit log page and the chain's check, for the same roles as `GET /api/v1/audit`. */
export function mountAuditRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.get('/audit', async (request, response) => {
    const session = await guard(request, response, AUDIT_READERS);
    if (!session) return;
    const filter: AuditFilter = {
      actor: text(request.query.actor),
      action: text(request.query.action),
      target: text(request.query.target),
      from: day(request.query.from),
      to: day(request.query.to),
    };
    const cursorText = formText(request.query.cursor);
    const cursor = /^[1-9][0-9]{0,15}$/.test(cursorText) ? Number(cursorText) : undefined;
    const page = await deps.auditDesk.list({
      ...filter,
      from: filter.from ? new Date(filter.from).toISOString() : undefined,
      to: filter.to ? new Date(filter.to).toISOString() : undefined,
      limit: PAGE_SIZE,
      cursor,
    });
    render(
      response,
      200,
      'Audit log',
      session,
      auditLogBody({ page, filter, older: cursor !== undefined, timeZone: deps.timeZone }),
    );
  });

  router.get('/audit/verification', async (request, response) => {
    const session = await guard(request, response, AUDIT_READERS);
    if (!session) return;
    render(response, 200, 'Audit chain check', session, auditVerificationBody(await deps.auditDesk.verify()));
  });
}
