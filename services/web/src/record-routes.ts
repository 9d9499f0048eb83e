import type { Request, Response, Router } from 'express';
import { loadThread, RECORD_READER_ROLES, type Catalog, type RawCapture, type Role } from '@verbatim/core';
import type { SafeHtml } from './html';
import { messageBody } from './pages/message.page';
import { recordBody } from './pages/record.page';
import { accountLabel } from './search/search-choices';
import { recordTitle } from './record/record-label';
import type { WebDependencies, WebSession } from './web-dependencies';

type Render = (response: Response, status: number, title: string, session: WebSession | null, body: SafeHtml) => void;
type Guard = (request: Request, response: Response, roles: readonly Role[]) => Promise<WebSession | null>;

async function loadCaptures(catalog: Catalog, shas: string[]): Promise<Map<string, RawCapture>> {
  const captures = await Promise.all([...new Set(shas)].map((sha) => catalog.getCapture(sha)));
  return new Map(captures.filter((capture) => capture !== null).map((capture) => [capture.sha256, capture]));
}

/** A record's page; every read is written to the audit log. */
export function mountRecordRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.get('/records/:id', async (request, response) => {
    const session = await guard(request, response, RECORD_READER_ROLES);
    if (!session) return;
    const { catalog } = deps;
    const record = await catalog.getRecord(String(request.params.id));
    if (!record) return render(response, 404, 'Not found', session, messageBody('Record not found', 'There is no record with this address. Search for it again.'));
    const [versions, tombstone, thread, agency, account] = await Promise.all([
      catalog.listVersions(record.id), catalog.getTombstone(record.id), loadThread(catalog, record), catalog.getAgency(record.agencyId), catalog.getAccount(record.accountId),
    ]);
    const captures = await loadCaptures(catalog, versions.map((version) => version.rawCaptureSha256));
    await catalog.appendAudit({ actor: session.user.id, action: 'record.read', target: record.id });
    render(response, 200, recordTitle(record), session, recordBody({
      record, versions, tombstone, ancestors: thread.ancestors, replies: thread.replies, captures,
      agencyName: agency?.name ?? record.agencyId, accountName: account ? accountLabel(account) : record.accountId, timeZone: deps.timeZone,
    }));
  });
}
