import { z } from 'zod';
import {
  CarriedOutInputSchema,
  ModerationDecisionInputSchema,
  NewModerationReviewSchema,
  REVIEWER_ROLES,
} from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ModerationReviewListQuerySchema, ModerationReviewViewSchema } from './moderation.schemas';

/** Who proposes removals and bans. */
const MODERATORS = ['moderator'] as const;
/** Who lists reviews: moderators (their own), the reviewers, IT and auditors (all). */
const REVIEW_LISTERS = ['moderator', 'attorney', 'it-director', 'it-admin', 'auditor'] as const;

export function moderationReviewRoutes({ moderationDesk }: ApiContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/moderation-reviews',
      summary:
        "Propose removing a comment or banning a user, citing policy categories; the attorney's office is notified",
      roles: MODERATORS,
      body: NewModerationReviewSchema,
      status: 201,
      response: ModerationReviewViewSchema,
      handle: ({ body, principal }) => moderationDesk.propose(body, principal),
    }),
    defineRoute({
      method: 'get',
      path: '/moderation-reviews',
      summary: "Moderation reviews, newest first, with each pending one's age; a moderator sees their own",
      roles: REVIEW_LISTERS,
      query: ModerationReviewListQuerySchema,
      status: 200,
      response: z.object({ reviews: z.array(ModerationReviewViewSchema) }),
      handle: async ({ query, principal }) => ({ reviews: await moderationDesk.list(principal, query.status) }),
    }),
    defineRoute({
      method: 'get',
      path: '/moderation-reviews/:id',
      summary: 'One moderation review with its decisions',
      roles: REVIEW_LISTERS,
      status: 200,
      response: ModerationReviewViewSchema,
      handle: ({ params, principal }) => moderationDesk.get(params.id, principal),
    }),
    defineRoute({
      method: 'post',
      path: '/moderation-reviews/:id/decisions',
      summary:
        "Approve or deny (with a note) as the attorney's office or, for a ban, the Director of IT; a denial ends the review",
      roles: REVIEWER_ROLES,
      body: ModerationDecisionInputSchema,
      status: 200,
      response: ModerationReviewViewSchema,
      handle: ({ params, body, principal }) => moderationDesk.decide(params.id, body, principal),
    }),
    defineRoute({
      method: 'post',
      path: '/moderation-reviews/:id/carried-out',
      summary: 'Record when the approved action was carried out on the platform (done by hand, recorded once)',
      roles: MODERATORS,
      body: CarriedOutInputSchema,
      status: 200,
      response: ModerationReviewViewSchema,
      handle: ({ params, body, principal }) => moderationDesk.recordCarriedOut(params.id, body, principal),
    }),
  ];
}
