import { html } from '../html';

/** The sign-in form. Errors are announced (role=alert) and the email is kept, never the password. */
export function signInBody(options: { error?: string; email?: string }) {
  return html`<h1>Sign in</h1>
${options.error ? html`<p class="error" role="alert" id="sign-in-error">${options.error}</p>` : ''}
<form method="post" action="/sign-in" class="stack"${options.error ? html` aria-describedby="sign-in-error"` : ''}>
  <div class="field">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username" required value="${options.email ?? ''}">
  </div>
  <div class="field">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
  </div>
  <button type="submit">Sign in</button>
</form>
<p class="hint">Accounts are created by your IT department. Ask them if you cannot sign in.</p>`;
}
