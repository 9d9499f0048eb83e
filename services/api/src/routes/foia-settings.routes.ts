import { z } from 'zod';
import { FoiaSettingsPatchSchema, NewClosureDaySchema } from '@verbatim/app';
import { ExemptionCatalogueSchema, HolidayRuleSchema } from '@verbatim/foia';
import { NotificationRuleSchema } from '@verbatim/notify';
import type { ApiContext } from '../api-context';
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
const ClosureDaySchema = z.object({ date: z.string(), reason: z.string(), addedBy: z.string(), addedAt: z.string() });

/** IT configures the calendar, the exemption catalogue and who is notified; officers and the attorney read them. */
export function foiaSettingsRoutes({ foiaSettings }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/foia-settings',
      summary: 'Holiday rules, production target, exemption catalogue, notification rules',
      roles: [...REQUEST_READERS, 'it-admin'],
      status: 200,
      response: SettingsSchema,
      handle: () => foiaSettings.effective(),
    }),
    defineRoute({
      method: 'patch',
      path: '/foia-settings',
      summary: 'Change FOIA settings; open deadlines follow at once',
      roles: ['it-admin'],
      body: FoiaSettingsPatchSchema,
      status: 200,
      response: SettingsSchema,
      handle: ({ body, principal }) => foiaSettings.update(body, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/closure-days',
      summary: 'Days the town is closed besides weekends and holidays',
      roles: [...REQUEST_READERS, 'it-admin'],
      status: 200,
      response: z.object({ closureDays: z.array(ClosureDaySchema) }),
      handle: async () => ({ closureDays: await foiaSettings.listClosureDays() }),
    }),
    defineRoute({
      method: 'post',
      path: '/closure-days',
      summary: 'Add a closure day; every open deadline is recomputed',
      roles: ['it-admin'],
      body: NewClosureDaySchema,
      status: 201,
      response: ClosureDaySchema,
      handle: ({ body, principal }) => foiaSettings.addClosureDay(body, principal.id),
    }),
    defineRoute({
      method: 'delete',
      path: '/closure-days/:date',
      summary: 'Remove a closure day',
      roles: ['it-admin'],
      status: 200,
      response: z.object({ removed: z.string() }),
      handle: async ({ params, principal }) => {
        await foiaSettings.removeClosureDay(params.date, principal.id);
        return { removed: params.date };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/holidays',
      summary: 'Legal holidays observed in a year under the configured rules',
      roles: [...REQUEST_READERS, 'it-admin'],
      query: z.strictObject({ year: z.coerce.number().int().min(1900).max(2200) }),
      status: 200,
      response: z.object({
        year: z.number(),
        holidays: z.array(z.object({ date: z.string(), name: z.string() }).loose()),
      }),
      handle: async ({ query }) => ({ year: query.year, holidays: await foiaSettings.holidays(query.year) }),
    }),
  ];
}
