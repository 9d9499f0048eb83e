import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import {
  ATTORNEY_ONLY_ROLES,
  CSV_CONTENT_TYPE,
  DispositionApprovalSchema,
  HOLD_PLACER_ROLES,
  LegalHoldReleaseSchema,
  NewLegalHoldSchema,
  NewRetentionRuleSchema,
  RETENTION_READER_ROLES,
  RETENTION_RULE_ROLES,
  type Role,
} from '@verbatim/core';
import type { ReportFile } from '@verbatim/app';
import type { WebDependencies, WebSession } from '../web-dependencies';
import { text, type FieldErrors } from '../it/form-field';
import { inputProblemOf } from '../it/input-problem';
import { carriesCsrf, formBody, readForm, type Guard, type Render } from '../it/route-kit';
import { dispositionBody } from './disposition.page';
import { describeDispositionJob, DISPOSITION_PROGRESS_SCRIPT } from './disposition-progress';
import { EMPTY_HOLD_FORM, legalHoldsBody, type HoldForm } from './legal-holds.page';
import { EMPTY_RULE_FORM, retentionRulesBody, type RuleForm } from './retention-rules.page';

const has = (session: WebSession, roles: readonly Role[]) => session.user.roles.some((role) => roles.includes(role));

/** Field messages of a zod failure, or of a use case's refusal, by the form's field ids. */
function fieldErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = new Map();
  for (const issue of issues) {
    const id = issue.path[0] === 'retention' ? 'days' : String(issue.path[0] ?? '');
    if (!errors.has(id)) errors.set(id, issue.message);
  }
  return errors;
}

async function refusalErrors(error: unknown): Promise<{ status: number; errors: FieldErrors }> {
  const problem = inputProblemOf(error);
  if (!problem) throw error;
  const errors: FieldErrors = new Map([...problem.fields].map(([path, message]) => [path.split('.')[0], message]));
  if (errors.size === 0) errors.set('', problem.message);
  return { status: problem.status, errors };
}

/** /retention, /legal-holds and /disposition: the pages of the JSON API's retention routes, same rules. */
export function mountRetentionRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  const showRules = async (
    response: Response,
    status: number,
    session: WebSession,
    form: RuleForm,
    errors: FieldErrors,
  ) => {
    const [rules, agencies, accounts] = await Promise.all([
      deps.retentionDesk.listRules(),
      deps.catalog.listAgencies(),
      deps.catalog.listAccounts(),
    ]);
    const mayEdit = has(session, RETENTION_RULE_ROLES);
    const body = {
      rules,
      agencies,
      accounts,
      form,
      errors,
      mayEdit,
      csrfToken: session.csrfToken,
      timeZone: deps.timeZone,
    };
    render(response, status, 'Retention rules', session, retentionRulesBody(body));
  };
  router.get('/retention', async (request, response) => {
    const session = await guard(request, response, RETENTION_READER_ROLES);
    if (session) await showRules(response, 200, session, EMPTY_RULE_FORM, new Map());
  });
  router.post('/retention', readForm, async (request, response) => {
    const session = await guard(request, response, RETENTION_RULE_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const body = formBody(request);
    const form: RuleForm = {
      agencyId: text(body.agencyId),
      accountId: text(body.accountId),
      kind: text(body.kind),
      days: text(body.days).trim(),
      permanent: text(body.permanent) === 'yes',
      citation: text(body.citation),
    };
    const parsed = NewRetentionRuleSchema.safeParse({
      agencyId: form.agencyId || undefined,
      accountId: form.accountId || undefined,
      kind: form.kind || undefined,
      retention: form.permanent ? 'permanent' : { days: form.days === '' ? Number.NaN : Number(form.days) },
      citation: form.citation,
    });
    if (!parsed.success) return showRules(response, 400, session, form, fieldErrors(parsed.error.issues));
    try {
      await deps.retentionDesk.addRule(parsed.data, session.user.id);
      response.redirect(303, '/retention');
    } catch (error) {
      const { status, errors } = await refusalErrors(error);
      await showRules(response, status, session, form, errors);
    }
  });
  router.post('/retention/:id/retire', readForm, async (request, response) => {
    const session = await guard(request, response, RETENTION_RULE_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    await deps.retentionDesk.retireRule(String(request.params.id), session.user.id);
    response.redirect(303, '/retention');
  });

  const showHolds = async (
    response: Response,
    status: number,
    session: WebSession,
    form: HoldForm,
    errors: FieldErrors,
  ) => {
    const [holds, accounts] = await Promise.all([deps.retentionDesk.listHolds(), deps.catalog.listAccounts()]);
    const body = {
      holds,
      accounts,
      form,
      errors,
      mayPlace: has(session, HOLD_PLACER_ROLES),
      mayRelease: has(session, ATTORNEY_ONLY_ROLES),
      csrfToken: session.csrfToken,
      timeZone: deps.timeZone,
    };
    render(response, status, 'Legal holds', session, legalHoldsBody(body));
  };
  router.get('/legal-holds', async (request, response) => {
    const session = await guard(request, response, RETENTION_READER_ROLES);
    if (session) await showHolds(response, 200, session, EMPTY_HOLD_FORM, new Map());
  });
  router.post('/legal-holds', readForm, async (request, response) => {
    const session = await guard(request, response, HOLD_PLACER_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const body = formBody(request);
    const form: HoldForm = {
      scope: text(body.scope),
      accountId: text(body.accountId),
      savedSearchId: text(body.savedSearchId).trim(),
      reason: text(body.reason),
    };
    const parsed = NewLegalHoldSchema.safeParse(
      form.scope === 'saved-search'
        ? { scope: form.scope, savedSearchId: form.savedSearchId, reason: form.reason }
        : { scope: 'account', accountId: form.accountId, reason: form.reason },
    );
    if (!parsed.success) return showHolds(response, 400, session, form, fieldErrors(parsed.error.issues));
    try {
      await deps.retentionDesk.placeHold(parsed.data, session.user.id);
      response.redirect(303, '/legal-holds');
    } catch (error) {
      const { status, errors } = await refusalErrors(error);
      await showHolds(response, status, session, form, errors);
    }
  });
  router.post('/legal-holds/:id/release', readForm, async (request, response) => {
    const session = await guard(request, response, ATTORNEY_ONLY_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const parsed = LegalHoldReleaseSchema.safeParse({ note: text(formBody(request).note) });
    if (!parsed.success)
      return showHolds(
        response,
        400,
        session,
        EMPTY_HOLD_FORM,
        new Map([['', 'Say why the hold is released (3 characters or more).']]),
      );
    await deps.retentionDesk.releaseHold(String(request.params.id), parsed.data.note, session.user.id);
    response.redirect(303, '/legal-holds');
  });

  const showReport = async (
    response: Response,
    status: number,
    session: WebSession,
    extra: { note?: string; errors?: FieldErrors; jobId?: string } = {},
  ) => {
    const [report, dispositions, job, users] = await Promise.all([
      deps.dispositionDesk.report(),
      deps.dispositionDesk.listDispositions(),
      extra.jobId ? deps.jobs.getStatus(extra.jobId) : null,
      deps.people.listUsers(),
    ]);
    const body = dispositionBody({
      report,
      dispositions,
      names: new Map(users.map((user) => [user.id, user.name])),
      job: extra.jobId ? { id: extra.jobId, description: describeDispositionJob(job) } : undefined,
      mayApprove: has(session, ATTORNEY_ONLY_ROLES),
      note: extra.note ?? '',
      errors: extra.errors ?? new Map<string, string>(),
      csrfToken: session.csrfToken,
      timeZone: deps.timeZone,
    });
    render(response, status, 'Disposition report', session, body);
  };
  const sendFile = (response: Response, file: ReportFile) =>
    response
      .type(typeof file.content === 'string' ? CSV_CONTENT_TYPE : 'application/pdf')
      .set('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .send(file.content);
  const jobIdOf = (request: Request) => text(request.query.job).slice(0, 200) || undefined;

  router.get('/assets/disposition-progress.js', (_request, response) =>
    response.type('js').set('cache-control', 'public, max-age=300').send(DISPOSITION_PROGRESS_SCRIPT),
  );
  router.get('/disposition', async (request, response) => {
    const session = await guard(request, response, RETENTION_READER_ROLES);
    if (session) await showReport(response, 200, session, { jobId: jobIdOf(request) });
  });
  router.get('/disposition/progress', async (request, response) => {
    const session = await guard(request, response, RETENTION_READER_ROLES);
    const jobId = jobIdOf(request);
    if (!session) return;
    if (!jobId) return void response.status(400).json({ error: { code: 'invalid', message: 'name the job: ?job=' } });
    response.json(describeDispositionJob(await deps.jobs.getStatus(jobId)));
  });
  for (const format of ['csv', 'pdf'] as const) {
    router.get(`/disposition.${format}`, async (request: Request, response: Response) => {
      const session = await guard(request, response, RETENTION_READER_ROLES);
      if (session) sendFile(response, await deps.dispositionDesk.reportFile(format));
    });
    router.get(`/dispositions/:id/report.${format}`, async (request: Request, response: Response) => {
      const session = await guard(request, response, RETENTION_READER_ROLES);
      if (session) sendFile(response, await deps.dispositionDesk.tombstonesFile(String(request.params.id), format));
    });
  }
  router.post('/disposition', readForm, async (request, response) => {
    const session = await guard(request, response, ATTORNEY_ONLY_ROLES);
    if (!session || !carriesCsrf(request, response, session, render)) return;
    const note = text(formBody(request).note);
    const parsed = DispositionApprovalSchema.safeParse({ note });
    if (!parsed.success) return showReport(response, 400, session, { note, errors: fieldErrors(parsed.error.issues) });
    const started = await deps.dispositionDesk.approve(parsed.data, session.user.id);
    response.redirect(303, `/disposition?job=${encodeURIComponent(started.jobId)}`);
  });
}
