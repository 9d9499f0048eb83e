import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { containsInAnyEncoding, popplerPageTexts, uncompressed, zipEntries } from '@verbatim/bundles/testing';
import { createToken, eventually } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const CONNECTOR = {
  type: 'mock',
  seed: 11,
  posts: 8,
  maxCommentsPerPost: 5,
  editRate: 0.3,
  hideRate: 0,
  deleteRate: 0,
};

interface Version {
  version: number;
  text: string;
}
interface Detail {
  id: string;
  kind: string;
  text: string;
  versions: Version[];
  thread: { ancestors: Array<{ id: string }> };
  author: { name: string; handle?: string };
}
interface Occurrence {
  recordId: string;
  text: string;
  section: string;
  where: string;
  files: string[];
  count: number;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
const words = (text: string) => text.split(/\s+/).filter(Boolean);
const wholeWord = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${word}(?![\\p{L}\\p{N}_])`, 'iu');

/** The shortest run of words of `text` (three or more) that no text in `others` contains, case and spacing ignored. */
function uniqueRun(text: string, others: string[]): string | undefined {
  const list = words(text);
  for (let count = 3; count <= list.length; count += 1)
    for (let start = 0; start + count <= list.length; start += 1) {
      const run = list.slice(start, start + count).join(' ');
      if (/^[\p{L}]/u.test(run) && others.every((other) => !squash(other).includes(squash(run)))) return run;
    }
  return undefined;
}

describe('redactions that cannot leak, end to end', () => {
  let instance: TestInstance;
  let officer: string;
  let requestId: string;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'verbatim-redactions-e2e-'));
  const details = new Map<string, Detail>();

  const api = (method: string, url: string, body?: unknown) => instance.request(method, url, body, officer);
  const decide = (recordId: string, body: object) =>
    api('PATCH', `/api/v1/foia-requests/${requestId}/items/${recordId}`, body);
  const build = async () => {
    const started = await api('POST', `/api/v1/foia-requests/${requestId}/bundles`);
    expect(started.status).toBe(202);
    return eventually(
      async () => {
        const { body } = await api('GET', `/api/v1/bundles/${started.body.id}`);
        return body.status === 'completed' || body.status === 'failed' ? body : undefined;
      },
      'the bundle to finish',
      120_000,
    );
  };
  const download = async (bundleId: string, kind: 'pdf' | 'zip') =>
    Buffer.from(
      await (
        await fetch(`${instance.baseUrl}/api/v1/bundles/${bundleId}/${kind}`, {
          headers: { authorization: `Bearer ${officer}` },
        })
      ).arrayBuffer(),
    );
  /** An officer signed in to the web application: pages by GET, forms by POST with the session's CSRF token. */
  const signInToWeb = async () => {
    const person = { name: 'Avery Stone', email: 'avery.stone@town.example', roles: ['foia-officer'] };
    const password = 'a long officer passphrase';
    expect((await instance.request('POST', '/api/v1/users', { ...person, password })).status).toBe(201);
    const session = await fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password }),
    });
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const cookie = session.headers.get('set-cookie')!.split(';')[0];
    return {
      get: async (url: string) => (await fetch(`${instance.baseUrl}${url}`, { headers: { cookie } })).text(),
      post: (url: string, fields: Record<string, string>) =>
        fetch(`${instance.baseUrl}${url}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...fields, csrf: csrfToken }).toString(),
        }),
    };
  };
  const allTexts = (except: string[]) =>
    [...details.values()]
      .filter((detail) => !except.includes(detail.id))
      .flatMap((detail) => detail.versions.map((version) => version.text));

  beforeAll(async () => {
    instance = await startInstance();
    officer = await createToken(instance, 'officer', ['foia-officer']);
    const accountId = await registerMockAccount(instance, CONNECTOR);
    await syncOnce(instance, accountId);
    await syncOnce(instance, accountId);
    const logged = await api('POST', '/api/v1/foia-requests', {
      requester: { name: 'Morgan Lee', email: 'morgan@example.org' },
      receivedAt: '2026-10-06T11:00:00-04:00',
      description: 'Every comment on the Public Works page this fall',
    });
    requestId = logged.body.id;
    const { body } = await api('GET', `/api/v1/records?${new URLSearchParams({ accountId, limit: '50' })}`);
    const ids: string[] = body.records.map((record: { id: string }) => record.id);
    expect((await api('POST', `/api/v1/foia-requests/${requestId}/items`, { recordIds: ids })).status).toBe(201);
    const { items } = (await api('GET', `/api/v1/foia-requests/${requestId}/items`)).body;
    for (const item of items as Array<{ recordId: string }>)
      details.set(item.recordId, (await api('GET', `/api/v1/records/${item.recordId}`)).body);
  }, 180_000);
  afterAll(async () => {
    await instance.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('burns an edited record’s span into every version, a parent’s into the reply’s context, a text everywhere; the build lists what would leak until the officer lets it stand', async () => {
    // An edited comment (version 2 repeats version 1's words) whose parent post is in the request too.
    const [edited, parent, editedWords, parentWords] = [...details.values()]
      .filter(
        (detail) =>
          detail.kind !== 'post' &&
          detail.versions.length >= 2 &&
          detail.versions.at(-1)!.text.startsWith(detail.versions[0].text) &&
          details.has(detail.thread.ancestors.at(-1)?.id ?? ''),
      )
      .map((detail) => {
        const above = details.get(detail.thread.ancestors.at(-1)!.id)!;
        return [
          detail,
          above,
          uniqueRun(detail.versions[0].text, allTexts([detail.id])),
          uniqueRun(above.text, allTexts([above.id])),
        ] as const;
      })
      .find(([, , own, parents]) => own !== undefined && parents !== undefined)! as [Detail, Detail, string, string];
    expect(edited).toBeDefined();
    const start = edited.versions[0].text.indexOf(editedWords);
    const cite = { exemptionCode: '1-210(b)(2)', justification: 'Personal details of a resident' };
    const redactSpan = (detail: Detail, version: Version, text: string) => {
      const at = version.text.indexOf(text);
      return decide(detail.id, {
        disposition: 'redact',
        ...cite,
        redactions: [{ version: version.version, start: at, end: at + text.length, code: '1-210(b)(2)' }],
      });
    };
    expect(
      (await redactSpan(edited, edited.versions[0], edited.versions[0].text.slice(start, start + editedWords.length)))
        .status,
    ).toBe(200);
    expect((await redactSpan(parent, parent.versions.at(-1)!, parentWords)).status).toBe(200);

    // A word redacted by text in one record that another record, produced in full, also says.
    const others = [...details.values()].filter((detail) => detail.id !== edited.id && detail.id !== parent.id);
    // Not a word the bundle prints around records (labels, names, handles): only what people wrote.
    const printedAnyway = squash(
      `${[...details.values()].map((detail) => `${detail.author.name} ${detail.author.handle ?? ''}`).join(' ')} ` +
        'facebook comment post reply original thread context version captured content attachments agency ' +
        'account author posted edited status archived public works westport records record withheld',
    );
    let shared: { word: string; redacted: Detail; alsoIn: Detail[] } | undefined;
    for (const candidate of others) {
      for (const word of words(candidate.text).filter(
        (word) => /^[A-Za-z]{6,}$/.test(word) && !wholeWord(word).test(printedAnyway),
      )) {
        const alsoIn = others.filter(
          (other) => other.id !== candidate.id && other.versions.some((version) => wholeWord(word).test(version.text)),
        );
        const inTarget = [edited, parent].some((detail) => detail.versions.some((v) => wholeWord(word).test(v.text)));
        if (alsoIn.length > 0 && !inTarget) shared ??= { word, redacted: candidate, alsoIn };
      }
    }
    expect(shared).toBeDefined();
    const { word, redacted, alsoIn } = shared!;
    expect(
      (await decide(redacted.id, { disposition: 'redact', ...cite, redactions: [{ text: word, code: '1-210(b)(2)' }] }))
        .status,
    ).toBe(200);

    const refused = await build();
    expect(refused.status).toBe('failed');
    const places = refused.unredacted as Occurrence[];
    expect(places.length).toBeGreaterThan(0);
    expect(places.every((place) => place.recordId === redacted.id && squash(place.text) === squash(word))).toBe(true);
    for (const other of alsoIn)
      expect(places.find((place) => place.section === `item:${other.id}`)).toMatchObject({
        files: expect.arrayContaining(['bundle.pdf', 'records.json']),
      });
    expect(refused.error).toMatch(/redacted words would appear in clear/);

    // In the web application: the review page marks what the bundle will burn out, every version; the request
    // page lists each place with a "Let it stand there" form.
    const web = await signInToWeb();
    const review = await web.get(`/requests/${requestId}/items/${edited.id}`);
    expect(review.match(/<mark class="redaction"/g)!.length).toBe(edited.versions.length);
    expect(review).toContain('this passage of version 1, and its words in the other versions');
    expect(review).toContain('Also redact this text, every occurrence in every version');
    const requestPage = await web.get(`/requests/${requestId}`);
    expect(requestPage).toContain('Not built: redacted words would appear in clear');
    expect(requestPage).toContain(`action="/requests/${requestId}/items/${redacted.id}/let-stand"`);
    const stood = await web.post(`/requests/${requestId}/items/${redacted.id}/let-stand`, {
      text: places[0].text,
      section: places[0].section,
    });
    expect(stood.status).toBe(303);
    const afterWeb = (await api('GET', `/api/v1/foia-requests/${requestId}/items`)).body.items.find(
      (item: { recordId: string }) => item.recordId === redacted.id,
    );
    expect(afterWeb.intendedOccurrences).toEqual([{ text: places[0].text, section: places[0].section }]);

    // The officer judges the other occurrences fine to release too, and says so; the build then completes.
    const letStand = await decide(redacted.id, {
      disposition: 'redact',
      ...cite,
      redactions: [{ text: word, code: '1-210(b)(2)' }],
      intendedOccurrences: places.map((place) => ({ text: place.text, section: place.section })),
    });
    expect(letStand.status).toBe(200);
    const bundle = await build();
    expect(bundle).toMatchObject({ status: 'completed', unredacted: null });

    const pdf = await download(bundle.id, 'pdf');
    const file = path.join(scratch, 'bundle.pdf');
    writeFileSync(file, pdf);
    const pages = await popplerPageTexts(file);
    const everything = squash(pages.join('\n'));
    const raw = await uncompressed(file, scratch);
    for (const secret of [editedWords, parentWords]) {
      expect(everything).not.toContain(squash(secret));
      expect(containsInAnyEncoding(raw, secret)).toBe(false);
    }
    const records = JSON.parse(
      [...zipEntries(await download(bundle.id, 'zip')).entries()]
        .find(([name]) => name.endsWith('_records.json'))![1]
        .toString('utf8'),
    );
    const json = squash(JSON.stringify(records));
    for (const secret of [editedWords, parentWords]) expect(json).not.toContain(squash(secret));

    // Each record's own pages, by the Bates range the records file gives it.
    const first = Number(bundle.firstBates.replace(/\D/g, ''));
    const pagesOf = (id: string) => {
      const entry = records.records.find((record: { id: string }) => record.id === id);
      const [from, to] = [entry.bates.first, entry.bates.last].map((bates: string) => Number(bates.replace(/\D/g, '')));
      return squash(pages.slice(from - first, to - first + 1).join('\n'));
    };
    const editedPages = pagesOf(edited.id);
    expect(editedPages.match(/redacted § 1-210\(b\)\(2\)/g)!.length).toBeGreaterThanOrEqual(
      edited.versions.length + 1, // every version, and the parent shown as thread context
    );
    expect(editedPages).toContain('thread context');
    // Its own text (after the Content heading) has the word burned out; others' words in its context may stand.
    const ownContent = pagesOf(redacted.id)
      .split(/ content(?::[^.]*archived versions, oldest first)? /)
      .at(-1)!;
    expect(ownContent).toContain('redacted § 1-210(b)(2)');
    expect(ownContent).not.toMatch(wholeWord(word));
    for (const other of alsoIn) expect(pagesOf(other.id)).toMatch(wholeWord(word));
    const redactedEntry = records.records.find((record: { id: string }) => record.id === redacted.id);
    expect(JSON.stringify(redactedEntry.versions)).not.toMatch(wholeWord(word));
  });
});
