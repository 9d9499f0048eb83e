import { randomBytes } from 'node:crypto';
import {
  invalidFields,
  notFound,
  viewpointRuleIn,
  type AuditLog,
  type ModerationStore,
  type PolicyCategory,
  type PolicyCategoryPatch,
} from '@verbatim/core';
import type { Actor } from '@verbatim/foia';

/** A new category's id, `pcat_` and 16 hex digits; the seed's are words (`spam`). */
const newCategoryId = () => `pcat_${randomBytes(8).toString('hex')}`;

/** The refusal of a label that is a viewpoint rule, naming why, as a 400 on `label`. */
function refuseViewpoint(label: string): void {
  const why = viewpointRuleIn(label);
  if (why)
    throw invalidFields('request body', [
      {
        path: 'label',
        message: `a category may not stand for a viewpoint (this label names ${why}): comments are removed only for what the policy forbids, never for the opinion they express; name the conduct instead`,
      },
    ]);
}

/**
 * The town's removal categories (Westport's Exhibit A as seed): IT and the attorney's office add, rename and
 * retire them; none may be a viewpoint rule. Every change is audited.
 */
export class PolicyCategories {
  constructor(private readonly options: { store: ModerationStore; audit: AuditLog; now?: () => Date }) {}

  /** The categories in use, or every one with `includeRetired`. */
  async list(includeRetired = false): Promise<PolicyCategory[]> {
    const all = await this.options.store.listCategories();
    return includeRetired ? all : all.filter((category) => category.retiredAt === null);
  }

  async add(label: string, actor: Actor): Promise<PolicyCategory> {
    refuseViewpoint(label);
    const at = this.now();
    const category = await this.options.store.addCategory({
      id: newCategoryId(),
      label,
      retiredAt: null,
      createdAt: at,
      updatedAt: at,
    });
    await this.audit(actor, 'policy-category.add', category.id, { label });
    return category;
  }

  async update(id: string, patch: PolicyCategoryPatch, actor: Actor): Promise<PolicyCategory> {
    if (patch.label !== undefined) refuseViewpoint(patch.label);
    const at = this.now();
    const current = (await this.options.store.listCategories()).find((category) => category.id === id);
    if (!current) throw notFound('policy category');
    const retiredAt = patch.retired === undefined ? undefined : patch.retired ? (current.retiredAt ?? at) : null;
    const updated = await this.options.store.updateCategory(id, { label: patch.label, retiredAt, updatedAt: at });
    if (!updated) throw notFound('policy category');
    await this.audit(actor, 'policy-category.update', id, { ...patch });
    return updated;
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private audit(actor: Actor, action: string, target: string, details: Record<string, unknown>) {
    return this.options.audit.appendAudit({ actor: actor.id, action, target, details });
  }
}
