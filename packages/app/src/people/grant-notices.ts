import type { ApiTokenStore, OutboxNotice, PeopleStore, Role } from '@verbatim/core';
import { deliveriesFor, type FoiaService } from '@verbatim/foia';
import type { AccessGrantPayload } from '@verbatim/notify';
import { PRIVILEGED_ROLES } from './role-grants';

/** The grantee as the store hands it back inside the transaction that grants the roles. */
export interface Grantee {
  kind: 'person' | 'token';
  id: string;
  name: string;
  email?: string;
  /** Every role it holds after the grant. */
  roles: readonly Role[];
  /** The roles it held before (none for one just created). */
  previousRoles: readonly Role[];
  expiresAt?: string | null;
}

/** Composes a grant's outbox notices inside the store's transaction: none when no privileged role is new. */
export type ComposeGrantNotices = (grantee: Grantee) => OutboxNotice[];

export interface GrantNoticesOptions {
  /** Who hears of an event by default (ATTORNEY_NOTIFY_EMAILS) and the rules IT set: FoiaService. */
  settings: Pick<FoiaService, 'noticeSettings'>;
  /** To name the person or token who granted it. */
  people: Pick<PeopleStore, 'getUser'>;
  tokens: Pick<ApiTokenStore, 'listTokens'>;
}

/** The actor the command line's audit entries name (services/cli), as an email names it. */
const COMMAND_LINE = 'command line';

/**
 * Tells the attorney's office of every grant of attorney or auditor (`access.privileged-grant`), through the
 * outbox, in the transaction that makes the grant: the grant cannot commit without its notice, nor the notice
 * without the grant.
 */
export class GrantNotices {
  constructor(private readonly options: GrantNoticesOptions) {}

  /**
   * What the grant of `roles` by `actorId` needs written with it, or undefined when none of `roles` is
   * privileged (nothing to look up). `how` says whether the grantee is created or its roles changed; `at` is
   * when, and tells one change of a person's roles from the next.
   */
  async prepare(
    actorId: string,
    roles: readonly Role[],
    how: AccessGrantPayload['how'],
    at: string,
  ): Promise<ComposeGrantNotices | undefined> {
    if (!roles.some((role) => PRIVILEGED_ROLES.includes(role))) return undefined;
    const [{ recipients, rules, publicUrl }, grantedBy] = await Promise.all([
      this.options.settings.noticeSettings(),
      this.describeActor(actorId),
    ]);
    return (grantee) => {
      const privilegedRoles = grantee.roles.filter(
        (role) => PRIVILEGED_ROLES.includes(role) && !grantee.previousRoles.includes(role),
      );
      if (privilegedRoles.length === 0) return [];
      const payload: AccessGrantPayload = {
        granteeKind: grantee.kind,
        granteeId: grantee.id,
        granteeName: grantee.name,
        ...(grantee.email ? { granteeEmail: grantee.email } : {}),
        roles: [...grantee.roles],
        privilegedRoles,
        how,
        grantedBy,
        grantedAt: at,
        ...(grantee.kind === 'token' ? { expiresAt: grantee.expiresAt ?? null } : {}),
        ...(publicUrl && grantee.kind === 'person' ? { url: new URL('/people', publicUrl).toString() } : {}),
      };
      const occasion = how === 'created' ? 'created' : `roles:${at}`;
      return deliveriesFor('access.privileged-grant', occasion, payload, rules, recipients);
    };
  }

  /** `Sam Ortiz <sam.ortiz@town.example>`, `API token "provisioning" (token_…)`, or the command line. */
  private async describeActor(actorId: string): Promise<string> {
    if (actorId === COMMAND_LINE) return 'someone on the server, with the command line (npx verbatim)';
    const person = await this.options.people.getUser(actorId);
    if (person) return `${person.name} <${person.email}>`;
    const token = (await this.options.tokens.listTokens()).find((candidate) => candidate.id === actorId);
    return token ? `API token "${token.name}" (${token.id})` : actorId;
  }
}
