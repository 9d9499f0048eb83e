import { FOIA_READER_ROLES, IT_ROLES, RECORD_READER_ROLES, RETENTION_READER_ROLES, type Role } from '@verbatim/core';
import { html, type SafeHtml } from './html';
import type { WebSession } from './web-dependencies';

export interface PageOptions {
  title: string;
  townName: string;
  session: WebSession | null;
  body: SafeHtml;
}

/** Every page: a skip link, the town's banner with navigation for the signed-in roles, one main landmark. */
export function page(options: PageOptions): string {
  const { session } = options;
  const holds = (roles: readonly Role[]) => session?.user.roles.some((role) => roles.includes(role));
  const worksRequests = holds(FOIA_READER_ROLES);
  const readsRecords = holds(RECORD_READER_ROLES);
  const runsIt = holds(IT_ROLES);
  const keepsRecords = holds(RETENTION_READER_ROLES);
  const readsCompliance = holds(['it-admin', 'it-director', 'communications-manager', 'auditor']);
  // IT administrators and auditors reach /moderation/reviews by address: one more link overflows their phone banner.
  const moderates = holds(['moderator', 'attorney', 'it-director']);
  // The audit log for those it is for; IT reaches it from the dashboard (their banner is full).
  const auditsInNav = holds(['auditor', 'attorney', 'it-director']) && !runsIt;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Verbatim · ${options.townName}</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="banner">
  <p class="brand"><span class="product">Verbatim</span> <span class="town">${options.townName}</span></p>
  ${
    session
      ? html`<nav aria-label="Main">
    <ul>
      ${runsIt ? html`<li><a href="/dashboard">Dashboard</a></li>` : ''}
      ${readsRecords ? html`<li><a href="/search">Search</a></li>` : ''}
      ${worksRequests ? html`<li><a href="/requests">Requests</a></li>` : ''}
      ${runsIt ? html`<li><a href="/accounts">Accounts</a></li><li><a href="/people">People</a></li>` : ''}
      ${keepsRecords ? html`<li><a href="/retention">Retention</a></li>` : ''}
      ${readsCompliance ? html`<li><a href="/compliance">Compliance</a></li>` : ''}
      <li><a href="/receipts">Policies and receipts</a></li>
      ${moderates ? html`<li><a href="/moderation/reviews">Moderation</a></li>` : ''}
      ${auditsInNav ? html`<li><a href="/audit">Audit log</a></li>` : ''}
    </ul>
  </nav>
  <form class="sign-out" method="post" action="/sign-out">
    <input type="hidden" name="csrf" value="${session.csrfToken}">
    <span class="who">${session.user.name}</span>
    <button type="submit">Sign out</button>
  </form>`
      : ''
  }
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
</body>
</html>`.value;
}
