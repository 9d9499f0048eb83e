import type { Request, Response, Router } from 'express';
import busboy from 'busboy';
import { IT_ROLES } from '@verbatim/core';
import { csrfTokenMatches } from '@verbatim/http';
import { inputProblemOf } from './input-problem';
import type { Guard } from './route-kit';
import type { WebDependencies, WebSession } from '../web-dependencies';

/**
 * POST /accounts/:id/imports: the account page's upload form (multipart/form-data, the CSRF token first, then
 * the file). The file part is streamed straight into the import, never held in memory nor parsed as a form.
 */
export type ShowAccountWithMessage = (
  request: Request,
  response: Response,
  session: WebSession,
  message: { error: boolean; text: string },
  status: number,
) => Promise<void>;

export function mountImportRoutes(
  router: Router,
  deps: WebDependencies,
  guard: Guard,
  showAccount: ShowAccountWithMessage,
): void {
  router.post('/accounts/:id/imports', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session) return;
    const id = String(request.params.id);
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fields: 5 } });
    } catch {
      await showAccount(request, response, session, { error: true, text: 'Choose an export file to import.' }, 400);
      return;
    }
    let csrf = '';
    let started: Promise<{ jobId: string } | { refused: string; status: number }> | null = null;
    parser.on('field', (name, value) => {
      if (name === 'csrf') csrf = value;
    });
    parser.on('file', (_name, file, info) => {
      if (started || !csrfTokenMatches(csrf, session.csrfToken)) {
        file.resume();
        return;
      }
      started = deps.imports
        .startImport(id, { fileName: info.filename, body: file }, session.user.id)
        .catch((error: unknown) => {
          file.resume();
          const problem = inputProblemOf(error);
          if (!problem) throw error;
          return { refused: problem.message, status: problem.status };
        });
    });
    // A body that is not the multipart form it claims (cut short, no boundary) ends in an error, never in
    // 'close': without this the request would hang unanswered.
    parser.on('error', () => {
      request.unpipe(parser);
      request.resume();
      // An import already reading the file sees its stream fail; answer once it has given up.
      void Promise.resolve(started)
        .catch(() => undefined)
        .then(async () => {
          if (response.headersSent) return;
          await showAccount(
            request,
            response,
            session,
            { error: true, text: 'The upload could not be read. Choose the export file and send the form again.' },
            400,
          );
        })
        .catch((error: unknown) => deps.logError(error));
    });
    parser.on('close', () => {
      void (async () => {
        if (!started) {
          if (!csrfTokenMatches(csrf, session.csrfToken)) {
            return showAccount(
              request,
              response,
              session,
              { error: true, text: 'The form expired: open the page again and resend.' },
              403,
            );
          }
          return showAccount(
            request,
            response,
            session,
            { error: true, text: 'Choose an export file to import.' },
            400,
          );
        }
        const outcome = await started;
        if ('refused' in outcome)
          return showAccount(
            request,
            response,
            session,
            { error: true, text: `The import was not started: ${outcome.refused}.` },
            outcome.status,
          );
        response.redirect(303, `/accounts/${encodeURIComponent(id)}?imported=1#imports-heading`);
      })().catch((error: unknown) => {
        deps.logError(error);
        if (!response.headersSent) response.status(500).send('the import could not be started');
      });
    });
    request.pipe(parser);
  });
}
