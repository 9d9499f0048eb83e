import { html } from '../html';

/** A page that only says what happened and what to do next. */
export function messageBody(heading: string, text: string) {
  return html`<h1>${heading}</h1><p>${text}</p><p><a href="/search">Go to search</a></p>`;
}
