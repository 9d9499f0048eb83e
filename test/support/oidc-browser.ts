import { createServer } from 'node:net';

/** A free port on loopback, so the redirect URL registered at the provider is known before the instance starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A browser-like client: keeps every cookie it is given, sends them back, and follows redirects one hop at a time. */
export class Browser {
  readonly cookies = new Map<string, string>();

  async get(url: string): Promise<{ status: number; location?: string; text: string }> {
    return this.send(url, {});
  }

  private async send(url: string, init: RequestInit): Promise<{ status: number; location?: string; text: string }> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (!value || /expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = response.headers.get('location') ?? undefined;
    return {
      status: response.status,
      location: location && new URL(location, url).toString(),
      text: await response.text(),
    };
  }

  /** Posts a form (a provider's login or consent page) and returns the answer as `get` does. */
  async post(url: string, form: Record<string, string>): Promise<{ status: number; location?: string; text: string }> {
    return this.send(url, { method: 'POST', body: new URLSearchParams(form) });
  }

  /** Follows redirects (Verbatim → provider → Verbatim) and returns the last answer with the URL it came from. */
  async follow(url: string): Promise<{ status: number; url: string; text: string }> {
    let current = url;
    for (let hop = 0; hop < 6; hop++) {
      const answer = await this.get(current);
      if (!answer.location) return { status: answer.status, url: current, text: answer.text };
      current = answer.location;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Starts a sign-in and stops at the provider's redirect back to Verbatim: the callback URL it carries. */
  async callbackFromProvider(baseUrl: string): Promise<URL> {
    const toProvider = await this.get(`${baseUrl}/sign-in/oidc`);
    const back = await this.get(toProvider.location!);
    return new URL(back.location!);
  }
}
