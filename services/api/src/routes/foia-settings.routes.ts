import { z } from 'zod';
import { ExemptionCatalogueSchema, CONNECTICUT_EXEMPTIONS, HolidayRuleSchema, CONNECTICUT_HOLIDAY_RULES, defaultBatesPrefix } from '@verbatim/foia';
import { NotificationRuleSchema } from '@verbatim/notify';
import type { ApiContext } from '../api-context';
import { notFound, UseCaseError } from '@verbatim/core';
import { defineRoute } from '../route';
import { REQUEST_READERS } from './foia-requests.routes';

const SettingsSchema = z.object({
  holidayRules: z.array(HolidayRuleSchema),
  productionTargetBusinessDays: z.number().int().min(1).max(365),
  dueSoonBusinessDays: z.number().int().min(0).max(30),
  exemptions: ExemptionCatalogueSchema,
  notificationRules: z.array(NotificationRuleSchema),
  batesPrefix: z.string(),
});
const SettingsPatchSchema = z.strictObject({
  holidayRules: z.array(HolidayRuleSchema).optional(),
  productionTargetBusinessDays: z.number().int().min(1).max(365).optional(),
  dueSoonBusinessDays: z.number().int().min(0).max(30).optional(),
  exemptions: ExemptionCatalogueSchema.optional(),
  notificationRules: z.array(NotificationRuleSchema).optional(),
  /** Letters, digits, _ and -: Bates numbers carry no spaces. */
  batesPrefix: z.string().regex(/^[A-Za-z0-9_-]{1,30}$/, 'letters, digits, _ and - only, up to 30').optional(),
});
const ClosureDaySchema = z.object({ date: z.string(), reason: z.string(), addedBy: z.string(), addedAt: z.string() });
const NewClosureDaySchema = z.strictObject({ date: z.iso.date(), reason: z.string().trim().min(1).max(500) });

/** IT configures the calendar, the exemption catalogue and who is notified; officers and the attorney read them. */
export function foiaSettingsRoutes({ foiaStore, foia, catalog, townName }: ApiContext) {
  const effectiveSettings = async () => {
    const stored = await foiaStore.getSettings();
    return {
      ...stored,
      holidayRules: stored.holidayRules ?? [...CONNECTICUT_HOLIDAY_RULES],
      exemptions: stored.exemptions ?? [...CONNECTICUT_EXEMPTIONS],
      notificationRules: (stored.notificationRules ?? []) as z.infer<typeof NotificationRuleSchema>[],
      batesPrefix: stored.batesPrefix ?? defaultBatesPrefix(townName),
    };
  };
  return [
    defineRoute({
      method: 'get', path: '/foia-settings', summary: 'Holiday rules, production target, exemption catalogue, notification rules',
      roles: [...REQUEST_READERS, 'it-admin'], status: 200, response: SettingsSchema, handle: effectiveSettings,
    }),
    defineRoute({
      method: 'patch', path: '/foia-settings', summary: 'Change FOIA settings; open deadlines follow at once', roles: ['it-admin'],
      body: SettingsPatchSchema, status: 200, response: SettingsSchema,
      handle: async ({ body, principal }) => {
        await foiaStore.updateSettings(body);
        await catalog.appendAudit({ actor: principal.id, action: 'foia-settings.update', target: 'foia-settings', details: { fields: Object.keys(body) } });
        return effectiveSettings();
      },
    }),
    defineRoute({
      method: 'get', path: '/closure-days', summary: 'Days the town is closed besides weekends and holidays', roles: [...REQUEST_READERS, 'it-admin'],
      status: 200, response: z.object({ closureDays: z.array(ClosureDaySchema) }),
      handle: async () => ({ closureDays: await foiaStore.listClosureDays() }),
    }),
    defineRoute({
      method: 'post', path: '/closure-days', summary: 'Add a closure day; every open deadline is recomputed', roles: ['it-admin'],
      body: NewClosureDaySchema, status: 201, response: ClosureDaySchema,
      handle: async ({ body, principal }) => {
        const day = { ...body, addedBy: principal.id, addedAt: new Date().toISOString() };
        if (!(await foiaStore.addClosureDay(day))) throw new UseCaseError('conflict', 'conflict', `${body.date} is already a closure day`);
        await catalog.appendAudit({ actor: principal.id, action: 'closure-day.add', target: body.date, details: { reason: body.reason } });
        return day;
      },
    }),
    defineRoute({
      method: 'delete', path: '/closure-days/:date', summary: 'Remove a closure day', roles: ['it-admin'], status: 200,
      response: z.object({ removed: z.string() }),
      handle: async ({ params, principal }) => {
        if (!(await foiaStore.removeClosureDay(params.date))) throw notFound(`closure day ${params.date}`);
        await catalog.appendAudit({ actor: principal.id, action: 'closure-day.remove', target: params.date });
        return { removed: params.date };
      },
    }),
    defineRoute({
      method: 'get', path: '/holidays', summary: 'Legal holidays observed in a year under the configured rules', roles: [...REQUEST_READERS, 'it-admin'],
      query: z.strictObject({ year: z.coerce.number().int().min(1900).max(2200) }), status: 200,
      response: z.object({ year: z.number(), holidays: z.array(z.object({ date: z.string(), name: z.string() }).loose()) }),
      handle: async ({ query }) => {
        const { calendar } = await foia.calendar();
        return { year: query.year, holidays: calendar.holidaysInYear(query.year) };
      },
    }),
  ];
}
