import { configurationChange } from '../audit/configuration-change';
import { z } from 'zod';
import { notFound, UseCaseError, type AuditLog } from '@verbatim/core';
import {
  CONNECTICUT_EXEMPTIONS,
  CONNECTICUT_HOLIDAY_RULES,
  defaultBatesPrefix,
  ExemptionCatalogueSchema,
  HolidayRuleSchema,
  type ClosureDay,
  type Exemption,
  type FoiaService,
  type FoiaSettings,
  type FoiaStore,
  type HolidayRule,
} from '@verbatim/foia';
import { NotificationRuleSchema } from '@verbatim/notify';

export const FoiaSettingsPatchSchema = z.strictObject({
  holidayRules: z.array(HolidayRuleSchema).optional(),
  productionTargetBusinessDays: z.number().int().min(1).max(365).optional(),
  dueSoonBusinessDays: z.number().int().min(0).max(30).optional(),
  exemptions: ExemptionCatalogueSchema.optional(),
  notificationRules: z.array(NotificationRuleSchema).optional(),
  /** Letters, digits, _ and -: Bates numbers carry no spaces. */
  batesPrefix: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,30}$/, 'letters, digits, _ and - only, up to 30')
    .optional(),
});
export type FoiaSettingsPatch = z.infer<typeof FoiaSettingsPatchSchema>;

export const NewClosureDaySchema = z.strictObject({ date: z.iso.date(), reason: z.string().trim().min(1).max(500) });
export type NewClosureDay = z.infer<typeof NewClosureDaySchema>;

/** The settings in force: what the town stored, and Connecticut's defaults for what it did not. */
export interface EffectiveFoiaSettings extends FoiaSettings {
  holidayRules: HolidayRule[];
  exemptions: Exemption[];
  notificationRules: z.infer<typeof NotificationRuleSchema>[];
  batesPrefix: string;
}

export interface FoiaSettingsDeskOptions {
  catalog: AuditLog;
  foia: FoiaService;
  foiaStore: FoiaStore;
  townName: string;
}

/** IT keeps the FOIA calendar, the exemption catalogue and who is notified; every change is audited. */
export class FoiaSettingsDesk {
  constructor(private readonly options: FoiaSettingsDeskOptions) {}

  async effective(): Promise<EffectiveFoiaSettings> {
    const stored = await this.options.foiaStore.getSettings();
    return {
      ...stored,
      holidayRules: stored.holidayRules ?? [...CONNECTICUT_HOLIDAY_RULES],
      exemptions: stored.exemptions ?? [...CONNECTICUT_EXEMPTIONS],
      notificationRules: (stored.notificationRules ?? []) as z.infer<typeof NotificationRuleSchema>[],
      batesPrefix: stored.batesPrefix ?? defaultBatesPrefix(this.options.townName),
    };
  }

  /** Open deadlines follow the change at once: they are computed from the settings whenever they are read. */
  async update(patch: FoiaSettingsPatch, actorId: string): Promise<EffectiveFoiaSettings> {
    const before = await this.effective();
    await this.options.foiaStore.updateSettings(patch);
    const after = await this.effective();
    await this.options.catalog.appendAudit({
      actor: actorId,
      action: 'foia-settings.update',
      target: 'foia-settings',
      details: configurationChange(before, after, Object.keys(patch)),
    });
    return after;
  }

  /** Days the town is closed besides weekends and holidays: they move every open deadline. */
  listClosureDays(): Promise<ClosureDay[]> {
    return this.options.foiaStore.listClosureDays();
  }

  /** Refused (`conflict`) when the day is a closure day already. */
  async addClosureDay(input: NewClosureDay, actorId: string): Promise<ClosureDay> {
    const day = { ...input, addedBy: actorId, addedAt: new Date().toISOString() };
    if (!(await this.options.foiaStore.addClosureDay(day)))
      throw new UseCaseError('conflict', 'conflict', `${input.date} is already a closure day`);
    await this.options.catalog.appendAudit({
      actor: actorId,
      action: 'closure-day.add',
      target: input.date,
      details: { reason: input.reason },
    });
    return day;
  }

  async removeClosureDay(date: string, actorId: string): Promise<void> {
    if (!(await this.options.foiaStore.removeClosureDay(date))) throw notFound(`closure day ${date}`);
    await this.options.catalog.appendAudit({ actor: actorId, action: 'closure-day.remove', target: date });
  }

  /** The legal holidays observed in `year` under the configured rules. */
  async holidays(year: number) {
    const { calendar } = await this.options.foia.calendar();
    return calendar.holidaysInYear(year);
  }
}
