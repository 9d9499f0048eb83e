import {
  notFound,
  UseCaseError,
  type AuditLog,
  type LegalHold,
  type NewLegalHold,
  type NewRetentionRule,
  type RetentionRule,
  type RetentionStore,
} from '@verbatim/core';

export interface RetentionDeskDependencies {
  catalog: AuditLog;
  retention: RetentionStore;
  /** The clock, for tests; now by default. */
  now?: () => Date;
}

/**
 * Retention rules and legal holds: IT or the attorney's office keeps the rules; either places a hold, only the
 * attorney's office releases one (the roles are the routes'). Every change is audited.
 */
export class RetentionDesk {
  constructor(private readonly deps: RetentionDeskDependencies) {}

  private stamp(actor: string) {
    return { by: actor, at: (this.deps.now?.() ?? new Date()).toISOString() };
  }

  listRules(): Promise<RetentionRule[]> {
    return this.deps.retention.listRules();
  }

  async addRule(rule: NewRetentionRule, actor: string): Promise<RetentionRule> {
    const added = await this.deps.retention.addRule(rule, this.stamp(actor));
    if (!added) {
      throw new UseCaseError('invalid', 'unknown_reference', 'the agency or account of the rule does not exist', [
        { path: rule.accountId ? 'accountId' : 'agencyId', message: 'not found' },
      ]);
    }
    await this.deps.catalog.appendAudit({
      actor,
      action: 'retention.rule.added',
      target: added.id,
      details: { ...rule },
    });
    return added;
  }

  async retireRule(id: string, actor: string): Promise<RetentionRule> {
    const rule = await this.deps.retention.retireRule(id, this.stamp(actor));
    if (!rule) throw notFound(`retention rule ${id}`);
    await this.deps.catalog.appendAudit({ actor, action: 'retention.rule.retired', target: id });
    return rule;
  }

  listHolds(): Promise<LegalHold[]> {
    return this.deps.retention.listHolds();
  }

  async placeHold(hold: NewLegalHold, actor: string): Promise<LegalHold> {
    const placed = await this.deps.retention.placeHold(hold, this.stamp(actor));
    if (!placed) {
      const path = hold.scope === 'account' ? 'accountId' : 'savedSearchId';
      throw new UseCaseError('invalid', 'unknown_reference', `the ${hold.scope} the hold names does not exist`, [
        { path, message: 'not found' },
      ]);
    }
    await this.deps.catalog.appendAudit({
      actor,
      action: 'legal-hold.placed',
      target: placed.id,
      details: { ...hold },
    });
    return placed;
  }

  async releaseHold(id: string, note: string, actor: string): Promise<LegalHold> {
    if (id.startsWith('foia-')) {
      throw new UseCaseError(
        'conflict',
        'automatic_hold',
        "a FOIA request's hold is released when the request is closed or withdrawn, not by hand",
      );
    }
    const hold = await this.deps.retention.releaseHold(id, note, this.stamp(actor));
    if (!hold) throw notFound(`legal hold ${id}`);
    await this.deps.catalog.appendAudit({ actor, action: 'legal-hold.released', target: id, details: { note } });
    return hold;
  }
}
