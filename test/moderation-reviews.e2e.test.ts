import { startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { createToken, eventually, notifyEnv } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

interface ReviewBody {
  id: string;
  status: string;
  action: string;
  awaiting: string[];
  ageHours: number | null;
  decisions: Array<{ decision: string; capacity: string; note: string; by: string }>;
  carriedOut: { at: string; note: string } | null;
}

describe('moderation review: categories, proposals, the approval rules, and the record keeping its history', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;
  let moderator: string;
  let otherModerator: string;
  let attorney: string;
  let director: string;
  let officer: string;
  let comments: string[];
  let post: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance(notifyEnv(smtp.url));
    [moderator, otherModerator, attorney, director, officer] = await Promise.all([
      createToken(instance, 'Mo Moderator', ['moderator']),
      createToken(instance, 'Other Moderator', ['moderator']),
      createToken(instance, 'Town Attorney', ['attorney']),
      createToken(instance, 'Director of IT', ['it-director']),
      createToken(instance, 'Officer', ['foia-officer']),
    ]);
    const accountId = await registerMockAccount(instance, { type: 'mock', seed: 7, posts: 10, maxCommentsPerPost: 8 });
    await syncOnce(instance, accountId);
    const found = await instance.request('GET', `/api/v1/records?kind=comment,reply&limit=10&accountId=${accountId}`);
    comments = found.body.records.map((record: { id: string }) => record.id);
    const posts = await instance.request('GET', `/api/v1/records?kind=post&limit=1&accountId=${accountId}`);
    post = posts.body.records[0].id;
    expect(comments.length).toBeGreaterThanOrEqual(5);
  });
  afterAll(async () => {
    await instance.stop();
    await smtp.close();
  });

  const propose = (body: unknown, token = moderator) =>
    instance.request<ReviewBody>('POST', '/api/v1/moderation-reviews', body, token);
  const decide = (id: string, body: unknown, token: string) =>
    instance.request<ReviewBody>('POST', `/api/v1/moderation-reviews/${id}/decisions`, body, token);
  const countReviews = async () =>
    (await instance.request('GET', '/api/v1/moderation-reviews', undefined, attorney)).body.reviews.length as number;

  it("lists Exhibit A's 13 categories and refuses a viewpoint rule with a clear 400, changing nothing", async () => {
    const listed = await instance.request('GET', '/api/v1/policy-categories', undefined, moderator);
    expect(listed.status).toBe(200);
    expect(listed.body.categories).toHaveLength(13);
    expect(listed.body.categories[8]).toMatchObject({ id: 'personal-information' });

    const refused = await instance.request(
      'POST',
      '/api/v1/policy-categories',
      { label: 'Disagrees with the Board of Selectmen' },
      attorney,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'validation_failed' });
    expect(refused.body.error.details[0]).toMatchObject({
      path: 'label',
      message: expect.stringContaining('may not stand for a viewpoint') as string,
    });
    const renamedToViewpoint = await instance.request(
      'PATCH',
      '/api/v1/policy-categories/spam',
      { label: 'Criticism of the mayor' },
      attorney,
    );
    expect(renamedToViewpoint.status).toBe(400);
    const after = await instance.request('GET', '/api/v1/policy-categories?includeRetired=true', undefined, attorney);
    expect(after.body.categories).toEqual(listed.body.categories);
    expect(
      (await instance.request('POST', '/api/v1/policy-categories', { label: 'Impersonation' }, moderator)).status,
    ).toBe(403);
  });

  it('adds, renames and retires a category; a retired one is no longer offered nor accepted', async () => {
    const added = await instance.request(
      'POST',
      '/api/v1/policy-categories',
      { label: 'Impersonates a town official' },
      director,
    );
    expect(added.status).toBe(201);
    const renamed = await instance.request(
      'PATCH',
      `/api/v1/policy-categories/${added.body.id}`,
      { label: 'Impersonation of a town official' },
      attorney,
    );
    expect(renamed.body).toMatchObject({ label: 'Impersonation of a town official', retiredAt: null });
    const retired = await instance.request('PATCH', `/api/v1/policy-categories/${added.body.id}`, { retired: true });
    expect(retired.body.retiredAt).toEqual(expect.any(String));
    const offered = await instance.request('GET', '/api/v1/policy-categories', undefined, moderator);
    expect(offered.body.categories.map((category: { id: string }) => category.id)).not.toContain(added.body.id);
    const citing = await propose({
      recordId: comments[0],
      action: 'remove-comment',
      categories: [added.body.id],
      note: 'pretends to be the first selectman',
    });
    expect(citing.status).toBe(400);
    expect(JSON.stringify(citing.body)).toContain('not a category in use');
  });

  it('refuses bad proposals with a 400 and creates nothing; only moderators propose', async () => {
    const before = await countReviews();
    const cases = [
      { recordId: comments[0], action: 'remove-comment', categories: [], note: 'spam' },
      { recordId: comments[0], action: 'delete-everything', categories: ['spam'], note: 'spam' },
      { recordId: comments[0], action: 'remove-comment', categories: ['spam'], note: '' },
      { recordId: 'rec_nope', action: 'remove-comment', categories: ['spam'], note: 'spam' },
      { recordId: post, action: 'remove-comment', categories: ['spam'], note: "the town's own post" },
    ];
    for (const body of cases) expect((await propose(body)).status).toBe(400);
    expect(
      (await propose({ recordId: comments[0], action: 'remove-comment', categories: ['spam'], note: 'x' }, officer))
        .status,
    ).toBe(403);
    expect(await countReviews()).toBe(before);
  });

  it("approves a removal on the attorney's approval; a moderator cannot approve; the attorney's office is emailed", async () => {
    const proposed = await propose({
      recordId: comments[1],
      action: 'remove-comment',
      categories: ['personal-information', 'spam'],
      note: 'posts a neighbour’s home phone number',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      id: expect.stringMatching(/^mrv_/) as string,
      status: 'pending',
      awaiting: ['attorney'],
    });
    const email = await eventually(
      async () => smtp.received.find((message) => message.raw.includes('Moderation review requested')),
      "the attorney's email",
    );
    expect(email.to).toEqual(['attorney@town.example']);
    expect(email.raw).toContain('Personally identifiable information');

    expect((await decide(proposed.body.id, { decision: 'approve' }, moderator)).status).toBe(403);
    expect((await decide(proposed.body.id, { decision: 'approve' }, officer)).status).toBe(403);
    const byDirector = await decide(proposed.body.id, { decision: 'approve' }, director);
    expect(byDirector.status).toBe(403);
    const approved = await decide(proposed.body.id, { decision: 'approve', note: 'PII, Exhibit A' }, attorney);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', awaiting: [], ageHours: null });
    expect(approved.body.decisions).toEqual([
      expect.objectContaining({ decision: 'approve', capacity: 'attorney', note: 'PII, Exhibit A' }),
    ]);
    expect((await decide(proposed.body.id, { decision: 'deny', note: 'changed my mind' }, attorney)).status).toBe(409);
  });

  it("keeps a ban pending with only the attorney's approval; the IT director's completes it; the moderator records carrying it out", async () => {
    const proposed = await propose({
      recordId: comments[2],
      action: 'ban-user',
      categories: ['obscene-threatening-defamatory'],
      note: 'third threat this month',
    });
    const once = await decide(proposed.body.id, { decision: 'approve' }, attorney);
    expect(once.body).toMatchObject({ status: 'pending', awaiting: ['it-director'] });
    const early = await instance.request(
      'POST',
      `/api/v1/moderation-reviews/${proposed.body.id}/carried-out`,
      { at: new Date().toISOString() },
      moderator,
    );
    expect(early.status).toBe(409);
    const twice = await decide(proposed.body.id, { decision: 'approve' }, director);
    expect(twice.body).toMatchObject({ status: 'approved', awaiting: [] });
    expect(twice.body.decisions.map((decision) => decision.capacity)).toEqual(['attorney', 'it-director']);
    const done = await instance.request(
      'POST',
      `/api/v1/moderation-reviews/${proposed.body.id}/carried-out`,
      { at: '2026-05-02T14:30:00-04:00', note: 'banned on the Page' },
      moderator,
    );
    expect(done.status).toBe(200);
    expect(done.body.carriedOut).toMatchObject({ at: '2026-05-02T18:30:00.000Z', note: 'banned on the Page' });
  });

  it('ends a review on a denial with its note; a denial without a note is refused', async () => {
    const proposed = await propose({
      recordId: comments[3],
      action: 'ban-user',
      categories: ['spam'],
      note: 'keeps posting',
    });
    expect((await decide(proposed.body.id, { decision: 'deny' }, director)).status).toBe(400);
    const denied = await decide(
      proposed.body.id,
      { decision: 'deny', note: 'criticism of the town is not spam' },
      director,
    );
    expect(denied.body).toMatchObject({ status: 'denied', awaiting: [] });
    expect((await decide(proposed.body.id, { decision: 'approve' }, attorney)).status).toBe(409);
    expect(
      (await instance.request('GET', `/api/v1/moderation-reviews/${proposed.body.id}`, undefined, attorney)).body
        .status,
    ).toBe('denied');
  });

  it('lists pending reviews with their age; a moderator sees only their own; the record keeps its review history', async () => {
    const mine = await propose({
      recordId: comments[4],
      action: 'remove-comment',
      categories: ['off-topic'],
      note: 'a lost cat',
    });
    await propose(
      { recordId: comments[4], action: 'remove-comment', categories: ['commercial'], note: 'sells cars' },
      otherModerator,
    );
    const pending = await instance.request('GET', '/api/v1/moderation-reviews?status=pending', undefined, attorney);
    expect(pending.status).toBe(200);
    expect(
      pending.body.reviews.every((review: ReviewBody) => review.status === 'pending' && review.ageHours === 0),
    ).toBe(true);
    expect(pending.body.reviews.length).toBeGreaterThanOrEqual(2);
    const own = await instance.request('GET', '/api/v1/moderation-reviews', undefined, moderator);
    expect(own.body.reviews.map((review: ReviewBody) => review.id)).toContain(mine.body.id);
    expect(own.body.reviews).toHaveLength((await countReviews()) - 1);
    expect((await instance.request('GET', '/api/v1/moderation-reviews?status=open', undefined, attorney)).status).toBe(
      400,
    );

    const record = await instance.request('GET', `/api/v1/records/${comments[4]}`, undefined, attorney);
    expect(record.status).toBe(200);
    expect(record.body.moderationReviews.map((review: ReviewBody) => review.action)).toEqual([
      'remove-comment',
      'remove-comment',
    ]);
    expect(record.body.text.length).toBeGreaterThan(0);
    expect(record.body.policyFlags).toEqual(expect.any(Array));
  });

  it('finds the comment a moderator names by its link on the platform, as they see it there', async () => {
    const { body } = await instance.request('GET', `/api/v1/records/${comments[4]}`);
    expect(body.url).toContain('comment_id=');
    const proposed = await propose({
      recordId: body.url,
      action: 'remove-comment',
      categories: ['spam'],
      note: 'the same advertisement in every thread',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ recordId: comments[4], status: 'pending' });
    const unknown = await propose({
      recordId: 'https://social.example/999?comment_id=nosuchcomment',
      action: 'remove-comment',
      categories: ['spam'],
      note: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('no archived record has this id or link');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const { body } = await instance.request('GET', '/api/v1/openapi.json');
    for (const route of [
      '/api/v1/policy-categories',
      '/api/v1/policy-categories/{id}',
      '/api/v1/moderation-reviews',
      '/api/v1/moderation-reviews/{id}',
      '/api/v1/moderation-reviews/{id}/decisions',
      '/api/v1/moderation-reviews/{id}/carried-out',
    ])
      expect(Object.keys(body.paths)).toContain(route);
  });
});
