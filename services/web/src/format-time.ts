import { html, type SafeHtml } from './html';

/** A time in the town's zone, with the exact UTC value a keyboard or screen reader user can reach too. */
export function localTime(iso: string | undefined | null, timeZone: string): SafeHtml | string {
  if (!iso) return '';
  const local = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
  return html`<time datetime="${iso}" title="${iso}">${local}</time> <span class="utc">(${iso.replace('T', ' ').slice(0, 16)} UTC)</span>`;
}
