import type { Response } from 'express';
import { csrfTokenMatches } from '@verbatim/http';
import { messageBody } from './pages/message.page';
import type { SafeHtml } from './html';
import type { WebSession } from './web-dependencies';

export type Render = (
  response: Response,
  status: number,
  title: string,
  session: WebSession | null,
  body: SafeHtml,
) => void;

/** A form field as one string (forms send arrays for repeated names; the first counts). */
export const formText = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';

/** A repeated form field (checkboxes) as a list of strings. */
export const formList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [];

/**
 * True when the form carries the session's CSRF token; otherwise answers 403 with what to do and returns false.
 * A form from another site, or one left open across a sign-out, never changes anything.
 */
export function formIsGenuine(
  body: Record<string, unknown>,
  session: WebSession,
  response: Response,
  render: Render,
): boolean {
  if (csrfTokenMatches(formText(body.csrf), session.csrfToken)) return true;
  render(
    response,
    403,
    'Not allowed',
    session,
    messageBody('Form expired', 'The form was open too long or came from elsewhere. Open it again and resend.'),
  );
  return false;
}
