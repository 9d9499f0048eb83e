import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The one path of the callback; a redirect URL of another path would never reach Verbatim. */
export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An identity provider is reached over https; plain http only on this machine (a test provider). */
const providerUrl = z
  .url({ protocol: /^https?$/, message: 'must be the https:// address of the identity provider' })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
  }, 'must start with https:// (http:// is allowed only for a provider on this machine)');

/** Variables of sign-in through the town's OpenID Connect provider, read only when OIDC_ISSUER is set. */
export const OidcEnvSchema = z.object({
  /** The issuer, exactly as the provider's discovery document names it (Entra ID: …/<tenant id>/v2.0). */
  OIDC_ISSUER: providerUrl,
  OIDC_CLIENT_ID: z.string({ message: 'is required with OIDC_ISSUER' }).min(1, 'is required with OIDC_ISSUER'),
  OIDC_CLIENT_SECRET: z.string({ message: 'is required with OIDC_ISSUER' }).min(1, 'is required with OIDC_ISSUER'),
  /** The provider's name on the sign-in button: "Sign in with <name>". */
  OIDC_NAME: z.string().trim().min(1).max(60).default('single sign-on'),
  /** Registered at the provider; by default PUBLIC_URL followed by /sign-in/oidc/callback. */
  OIDC_REDIRECT_URL: z
    .url({ protocol: /^https?$/ })
    .refine((value) => new URL(value).pathname.endsWith(OIDC_CALLBACK_PATH), `must end with ${OIDC_CALLBACK_PATH}`)
    .optional(),
  /** Accept the `email` claim only with `email_verified: true`; false for a provider that never sends it. */
  OIDC_REQUIRE_EMAIL_VERIFIED: booleanFromEnv.default(true),
  /** Turn password sign-in off: people sign in through the provider only. */
  OIDC_ONLY: booleanFromEnv.default(false),
});

/** Sign-in through the town's OpenID Connect provider. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The name on the sign-in button. */
  name: string;
  /** Where the provider sends the browser back (registered at the provider). */
  redirectUrl: string;
  requireEmailVerified: boolean;
  /** OIDC_ONLY: password sign-in is turned off. */
  only: boolean;
}

/** A problem with the OIDC_* variables, by name, as the other settings' issues read. */
export interface OidcIssue {
  path: string;
  message: string;
}

/**
 * The OIDC settings from the environment: undefined when OIDC_ISSUER is unset (and no other OIDC_* variable
 * asks for it), issues when something is missing or wrong.
 */
export function readOidcSettings(
  env: NodeJS.ProcessEnv,
  publicUrl: string | undefined,
): { settings?: OidcSettings; issues: OidcIssue[] } {
  if (!env.OIDC_ISSUER) {
    const stray = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL', 'OIDC_ONLY'].filter(
      (name) => env[name],
    );
    return { issues: stray.map((name) => ({ path: name, message: 'is read only with OIDC_ISSUER; set it too' })) };
  }
  const parsed = OidcEnvSchema.safeParse(env);
  if (!parsed.success)
    return { issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
  const oidc = parsed.data;
  const redirectUrl =
    oidc.OIDC_REDIRECT_URL ?? (publicUrl ? new URL(OIDC_CALLBACK_PATH, publicUrl).toString() : undefined);
  if (!redirectUrl)
    return {
      issues: [
        {
          path: 'OIDC_REDIRECT_URL',
          message: `set PUBLIC_URL (the redirect URL is then PUBLIC_URL${OIDC_CALLBACK_PATH}) or OIDC_REDIRECT_URL`,
        },
      ],
    };
  return {
    issues: [],
    settings: {
      issuer: oidc.OIDC_ISSUER,
      clientId: oidc.OIDC_CLIENT_ID,
      clientSecret: oidc.OIDC_CLIENT_SECRET,
      name: oidc.OIDC_NAME,
      redirectUrl,
      requireEmailVerified: oidc.OIDC_REQUIRE_EMAIL_VERIFIED,
      only: oidc.OIDC_ONLY,
    },
  };
}
