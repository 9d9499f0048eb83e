import { html } from '../html';

/** Sign-in through the town's identity provider, as the page offers it. */
export interface ProviderButton {
  /** "Microsoft": the button reads "Sign in with Microsoft". */
  name: string;
  /** False while Verbatim cannot reach the provider: the button is shown disabled, with what to do. */
  reachable: boolean;
}

/**
 * The sign-in page: the provider's button when one is configured, and the email and password form unless
 * password sign-in is turned off. Errors are announced (role=alert) and the email is kept, never the password.
 */
export function signInBody(options: {
  error?: string;
  email?: string;
  provider?: ProviderButton;
  passwordSignIn?: boolean;
}) {
  const passwordSignIn = options.passwordSignIn ?? true;
  return html`<h1>Sign in</h1>
${options.error ? html`<p class="error" role="alert" id="sign-in-error">${options.error}</p>` : ''}
${options.provider ? providerButton(options.provider) : ''}
${passwordSignIn ? passwordForm(options) : ''}
<p class="hint">Accounts are created by your IT department. Ask them if you cannot sign in.</p>`;
}

function providerButton(provider: ProviderButton) {
  if (provider.reachable) return html`<p><a class="button" href="/sign-in/oidc">Sign in with ${provider.name}</a></p>`;
  return html`<p><button type="button" disabled aria-describedby="provider-down">Sign in with ${provider.name}</button></p>
<p class="hint" id="provider-down">Sign-in with ${provider.name} is unavailable right now: Verbatim cannot reach it. Try again in a few minutes; if it lasts, tell IT.</p>`;
}

function passwordForm(options: { error?: string; email?: string; provider?: ProviderButton }) {
  return html`${options.provider ? html`<h2>Or with your Verbatim password</h2>` : ''}
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
</form>`;
}
