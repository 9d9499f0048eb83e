import { MockConnectorConfigSchema } from './mock-connector.config';

describe('MockConnectorConfigSchema', () => {
  it('accepts the documented example and fills in defaults', () => {
    const config = MockConnectorConfigSchema.parse({ type: 'mock', seed: 7, posts: 40, maxCommentsPerPost: 12 });
    expect(config).toEqual({
      type: 'mock',
      seed: 7,
      posts: 40,
      maxCommentsPerPost: 12,
      newPostsPerStep: 2,
      editRate: 0.02,
      hideRate: 0.01,
      deleteRate: 0.01,
      imageRate: 0.1,
      pageSize: 100,
      rateLimitWaitMs: 1000,
    });
  });

  it('adds at least one post per step by default, however small the page', () => {
    expect(
      MockConnectorConfigSchema.parse({ type: 'mock', seed: 1, posts: 3, maxCommentsPerPost: 0 }).newPostsPerStep,
    ).toBe(1);
    expect(
      MockConnectorConfigSchema.parse({ type: 'mock', seed: 1, posts: 3, maxCommentsPerPost: 0, newPostsPerStep: 0 })
        .newPostsPerStep,
    ).toBe(0);
  });

  it.each([
    [{ seed: 1.5 }, 'seed'],
    [{ posts: 5_000_001 }, 'posts'],
    [{ posts: -1 }, 'posts'],
    [{ maxCommentsPerPost: 1001 }, 'maxCommentsPerPost'],
    [{ pageSize: 1001 }, 'pageSize'],
    [{ pageSize: 0 }, 'pageSize'],
    [{ imageRate: 1.5 }, 'imageRate'],
    [{ rateLimitEveryPages: 0 }, 'rateLimitEveryPages'],
    [{ editRate: 0.5, hideRate: 0.3, deleteRate: 0.3 }, 'editRate'],
    [{ type: 'facebook' }, 'type'],
  ])('rejects %j at %s', (override, path) => {
    const result = MockConnectorConfigSchema.safeParse({
      type: 'mock',
      seed: 7,
      posts: 40,
      maxCommentsPerPost: 12,
      ...override,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('rejects unknown settings, so a typo does not pass silently', () => {
    const result = MockConnectorConfigSchema.safeParse({
      type: 'mock',
      seed: 7,
      posts: 40,
      maxCommentsPerPost: 12,
      pagesize: 5,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['pagesize'] });
  });

  it('requires the core settings', () => {
    const result = MockConnectorConfigSchema.safeParse({ type: 'mock' });
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'maxCommentsPerPost',
      'posts',
      'seed',
    ]);
  });
});
