// Runs oidc-provider (a certified OpenID Connect provider; ES modules only, so in a process of its own) on
// loopback for the e2e tests, with its development login and consent pages: any login signs in as the account of
// that name. Argument: JSON { clientId, clientSecret, redirectUri, accounts: { <login>: { email, email_verified } } }.
// Prints its issuer on the first line of stdout, then serves until killed.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { clientId, clientSecret, redirectUri, accounts } = JSON.parse(process.argv[2]);
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // As the specification has it (and unlike Google's or Entra ID's ID tokens), the email is given at the UserInfo
  // endpoint only, not in the ID token: Verbatim must ask for it there.
  conformIdTokenClaims: true,
  pkce: { required: () => true },
  cookies: { keys: ['a test cookie key that signs nothing real'] },
  async findAccount(_context, id) {
    const account = accounts[id];
    return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
  },
});
server.on('request', provider.callback());
process.stdout.write(`${issuer}\n`);
