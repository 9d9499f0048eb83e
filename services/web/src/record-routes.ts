import type { Request, Response, Router } from 'express';
import { policyFlagsOfRecord } from '@verbatim/app';
import { RECORD_READER_ROLES, UseCaseError, type Role } from '@verbatim/core';
import type { SafeHtml } from './html';
import { messageBody } from './pages/message.page';
import { recordBody, recordPageTitle } from './pages/record.page';
import { accountLabel } from './search/search-choices';
import type { WebDependencies, WebSession } from './web-dependencies';

type Render = (response: Response, status: number, title: string, session: WebSession | null, body: SafeHtml) => void;
type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

/** A record's page; every read is written to the audit log. */
export function mountRecordRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.get('/records/:id', async (request, response) => {
    const session = await guard(request, response, RECORD_READER_ROLES);
    if (!session) return;
    const detail = await deps.records.read(String(request.params.id), session.user.id).catch((error: unknown) => {
      if (error instanceof UseCaseError && error.kind === 'not-found') return null;
      throw error;
    });
    if (!detail)
      return render(
        response,
        404,
        'Not found',
        session,
        messageBody('Record not found', 'There is no record with this address. Search for it again.'),
      );
    const { versions, tombstone, thread, captures, integrity, ...record } = detail;
    const [agency, account, moderationReviews, disposed] = await Promise.all([
      deps.catalog.getAgency(record.agencyId),
      deps.catalog.getAccount(record.accountId),
      deps.moderationDesk.historyOf(record.id),
      deps.dispositionDesk.dispositionOf(record.id),
    ]);
    // The page names who approved a disposition; the API keeps the user id.
    const approver = disposed ? await deps.people.getUser(disposed.approvedBy) : null;
    const disposition = disposed ? { ...disposed, approvedBy: approver?.name ?? disposed.approvedBy } : null;
    render(
      response,
      200,
      recordPageTitle(record, disposition),
      session,
      recordBody({
        record,
        versions,
        tombstone,
        ancestors: thread.ancestors,
        replies: thread.replies,
        captures: new Map(captures.map((capture) => [capture.sha256, capture])),
        agencyName: agency?.name ?? record.agencyId,
        accountName: account ? accountLabel(account) : record.accountId,
        timeZone: deps.timeZone,
        policyFlags: policyFlagsOfRecord(detail),
        moderationReviews,
        disposition,
        integrity,
      }),
    );
  });
}
