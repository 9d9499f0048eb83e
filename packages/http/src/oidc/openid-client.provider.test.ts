import { createServer, type Server, type Socket } from 'node:net';
import { OpenIdClientProvider } from './openid-client.provider';

/** A server that accepts connections and never answers: a provider that hangs. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('OpenIdClientProvider when the provider does not answer', () => {
  it('shows the sign-in page within about 2 seconds, and reports the hang once discovery gives up', async () => {
    const hanging = await silentServer();
    try {
      const provider = new OpenIdClientProvider({
        issuer: hanging.url,
        clientId: 'client',
        clientSecret: 'secret',
        redirectUrl: 'http://127.0.0.1:1/sign-in/oidc/callback',
        name: 'Microsoft',
        timeoutSeconds: 4,
      });
      const started = Date.now();
      expect(await provider.isReachable()).toBe(false);
      expect(Date.now() - started).toBeLessThan(3000);
      // The same discovery goes on behind the page, and fails when its own timeout passes.
      expect(await provider.checkReachable()).toBe(false);
      expect(provider.lastProblem).toMatch(/TimeoutError|timed? ?out|aborted/i);
      // Asked again no sooner than 30 seconds later: the page answers at once meanwhile.
      const again = Date.now();
      expect(await provider.isReachable()).toBe(false);
      expect(Date.now() - again).toBeLessThan(100);
      await expect(
        provider.authorizationUrl({ state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43) }),
      ).rejects.toMatchObject({ kind: 'unavailable', code: 'oidc_unreachable' });
    } finally {
      await hanging.close();
    }
  }, 30_000);
});
