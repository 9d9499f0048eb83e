import { z } from 'zod';
import {
  NewPolicyCategorySchema,
  POLICY_CATEGORY_KEEPER_ROLES,
  PolicyCategoryPatchSchema,
  PolicyCategorySchema,
  RoleSchema,
} from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { PolicyCategoryListQuerySchema } from './moderation.schemas';

/** Who keeps the categories: IT and the attorney's office (the web page follows the same list). */
const CATEGORY_KEEPERS = POLICY_CATEGORY_KEEPER_ROLES;

export function policyCategoryRoutes({ policyCategories }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/policy-categories',
      summary:
        "The categories a comment may be removed for (Westport's Exhibit A as seed); retired ones only with includeRetired=true",
      roles: RoleSchema.options,
      query: PolicyCategoryListQuerySchema,
      status: 200,
      response: z.object({ categories: z.array(PolicyCategorySchema) }),
      handle: async ({ query }) => ({ categories: await policyCategories.list(query.includeRetired) }),
    }),
    defineRoute({
      method: 'post',
      path: '/policy-categories',
      summary: 'Add a category; a label that is a viewpoint rule ("disagrees with …") is refused with a 400',
      roles: CATEGORY_KEEPERS,
      body: NewPolicyCategorySchema,
      status: 201,
      response: PolicyCategorySchema,
      handle: ({ body, principal }) => policyCategories.add(body.label, principal),
    }),
    defineRoute({
      method: 'patch',
      path: '/policy-categories/:id',
      summary: 'Rename a category, or retire it (retired: true) or bring it back; reviews that cite it keep it',
      roles: CATEGORY_KEEPERS,
      body: PolicyCategoryPatchSchema,
      status: 200,
      response: PolicyCategorySchema,
      handle: ({ params, body, principal }) => policyCategories.update(params.id, body, principal),
    }),
  ];
}
