import { z } from 'zod';
import { RoleSchema } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { NewUserSchema, PersonRolesSchema } from '@verbatim/app';
import { signInRefusal, signInWithCookie, signOutWithCookie } from '@verbatim/http';
import { ApiError } from '../api-error';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(RoleSchema),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
const SignInSchema = z.strictObject({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });
const UserIdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const SignedInSchema = z.object({ user: UserSchema, csrfToken: z.string() });

/** People (created by IT) and their sign-in sessions. Signing in is the one route that needs no credentials. */
export function peopleRoutes({ people, sessions, it }: ApiContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/session',
      summary: 'Sign in with email and password: sets the session cookie, returns the CSRF token',
      roles: [],
      public: true,
      body: SignInSchema,
      status: 200,
      response: SignedInSchema,
      handle: async ({ body, request, response }) => {
        const signedIn = await signInWithCookie(sessions, body.email, body.password, request, response).catch(
          (error: unknown) => {
            const refusal = signInRefusal(error);
            if (!refusal) throw error;
            if (refusal.retryAfterSeconds) response.set('retry-after', String(refusal.retryAfterSeconds));
            throw new ApiError(refusal.status, refusal.code, refusal.message);
          },
        );
        if (!signedIn) throw new ApiError(401, 'unauthenticated', 'the email or the password is not right');
        return signedIn;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/session',
      summary: 'Who is signed in, with the CSRF token for changes',
      roles: ALL_ROLES,
      status: 200,
      response: SignedInSchema,
      handle: async ({ request, principal }) => {
        const session = request.signedInSession;
        if (!session)
          throw new ApiError(400, 'not_a_session', `signed in with a bearer token (${principal.name}), not a session`);
        return { user: session.user, csrfToken: session.csrfToken };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/session',
      summary: 'Sign out: ends the session and clears its cookie',
      roles: ALL_ROLES,
      status: 200,
      response: z.object({ signedOut: z.boolean() }),
      handle: async ({ request, response }) => {
        await signOutWithCookie(sessions, request, response);
        return { signedOut: true };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/users',
      summary: 'Create a person who signs in, with roles and a password',
      roles: ['it-admin'],
      body: NewUserSchema,
      status: 201,
      response: UserSchema,
      handle: async ({ body, principal }) => it.createPerson(body, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/users',
      summary: 'The people who can sign in',
      roles: ['it-admin'],
      status: 200,
      response: z.object({ users: z.array(UserSchema) }),
      handle: async () => ({ users: await people.listUsers() }),
    }),
    defineRoute({
      method: 'put',
      path: '/users/:id/roles',
      summary: "Replace a person's roles; a new attorney or auditor role is told to the attorney's office",
      roles: ['it-admin'],
      params: UserIdParamsSchema,
      body: PersonRolesSchema,
      status: 200,
      response: UserSchema,
      handle: ({ params, body, principal }) => it.setPersonRoles(params.id, body, principal.id),
    }),
    defineRoute({
      method: 'post',
      path: '/users/:id/disable',
      summary: 'Disable a person: their sessions end at once and their sign-in is refused',
      roles: ['it-admin'],
      params: UserIdParamsSchema,
      status: 200,
      response: UserSchema,
      handle: ({ params, principal }) => it.disablePerson(params.id, principal.id),
    }),
    defineRoute({
      method: 'post',
      path: '/users/:id/enable',
      summary: 'Enable a disabled person: they may sign in again',
      roles: ['it-admin'],
      params: UserIdParamsSchema,
      status: 200,
      response: UserSchema,
      handle: ({ params, principal }) => it.enablePerson(params.id, principal.id),
    }),
    defineRoute({
      method: 'delete',
      path: '/users/:id/oidc-link',
      summary:
        "Clear a person's link to their account at the town's identity provider (OpenID Connect), for when that " +
        'account was replaced: their next sign-in there links them again by their verified email',
      roles: ['it-admin'],
      params: UserIdParamsSchema,
      status: 200,
      response: z.object({
        user: UserSchema,
        unlinked: z.object({ issuer: z.string(), subject: z.string() }).nullable(),
      }),
      handle: ({ params, principal }) => it.unlinkPersonFromProvider(params.id, principal.id),
    }),
  ];
}
