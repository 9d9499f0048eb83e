import { z } from 'zod';

/** A fraction in [0, 1]. */
const RateSchema = z.number().min(0).max(1);

/**
 * Settings of the mock connector: a deterministic simulated platform for tests, demos and benchmarks.
 * Everything the platform shows at pass N is a pure function of these settings and N.
 */
export const MockConnectorConfigSchema = z
  .strictObject({
    type: z.literal('mock'),
    /** Seeds every random choice; the same seed gives byte-identical pages. */
    seed: z.number().int(),
    /** Posts that exist at the first pass. */
    posts: z.number().int().min(0).max(5_000_000),
    /** Each post starts with 0..maxCommentsPerPost comments and replies (threads nest up to 3 deep). */
    maxCommentsPerPost: z.number().int().min(0).max(1000),
    /** Posts added at every later pass; defaults to max(1, round(posts / 20)). */
    newPostsPerStep: z.number().int().min(0).max(1_000_000).optional(),
    /** Fraction of existing items edited per pass. When > 0, at least one item is edited per pass. */
    editRate: RateSchema.default(0.02),
    /** Fraction of existing items hidden per pass. When > 0, at least one item is hidden per pass. */
    hideRate: RateSchema.default(0.01),
    /** Fraction of existing items deleted per pass. When > 0, at least one item is deleted per pass. */
    deleteRate: RateSchema.default(0.01),
    /** Fraction of items that carry an image attachment. */
    imageRate: RateSchema.default(0.1),
    /** Items per page. */
    pageSize: z.number().int().min(1).max(1000).default(100),
    /** Every Nth page fetch is refused with `RateLimitedError` (its retry succeeds). For tests. */
    rateLimitEveryPages: z.number().int().min(1).optional(),
    /** The wait the simulated rate limit asks for. */
    rateLimitWaitMs: z.number().int().min(0).max(3_600_000).default(1000),
    /** Every Nth page of a pass carries one item that fails payload validation. For tests. */
    malformedEveryPages: z.number().int().min(1).optional(),
    /** Every Nth page of a pass is not valid JSON at all. For tests. */
    corruptPageEvery: z.number().int().min(1).optional(),
    /**
     * Every page fetch fails, for tests of failure reporting: `credentials` as a platform refusing an expired
     * token does (not retried), `unreachable` as a network error does (retried).
     */
    failWith: z.enum(['credentials', 'unreachable']).optional(),
  })
  .refine((config) => config.editRate + config.hideRate + config.deleteRate <= 1, {
    message: 'editRate + hideRate + deleteRate must not exceed 1',
    path: ['editRate'],
  })
  .transform((config) => ({
    ...config,
    newPostsPerStep: config.newPostsPerStep ?? Math.max(1, Math.round(config.posts / 20)),
  }));

/** The mock config as written by a user (defaults not yet applied). */
export type MockConnectorConfigInput = z.input<typeof MockConnectorConfigSchema>;
/** The mock config with every default applied. */
export type MockConnectorConfig = z.output<typeof MockConnectorConfigSchema>;
