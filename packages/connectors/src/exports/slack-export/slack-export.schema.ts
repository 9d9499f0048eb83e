import { z } from 'zod';

/** Slack's timestamps: seconds with microseconds, as a string (`1767261600.000200`); also a message's id. */
const SlackTs = z.string().regex(/^\d+\.\d+$/, 'a Slack timestamp');

export const SlackMessageSchema = z.looseObject({
  type: z.string(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  text: z.string().default(''),
  ts: SlackTs,
  thread_ts: SlackTs.optional(),
  edited: z.looseObject({ ts: SlackTs }).optional(),
  files: z.array(z.looseObject({ url_private: z.string().optional(), mimetype: z.string().optional() })).default([]),
});
export type SlackMessage = z.infer<typeof SlackMessageSchema>;

export const SlackUsersSchema = z.array(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    real_name: z.string().optional(),
    profile: z.looseObject({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
);

export const SlackChannelsSchema = z.array(z.looseObject({ id: z.string(), name: z.string() }));
