import { z } from 'zod';
import { webUrl } from '../http/web-fetch';

/** Characters MediaWiki never allows in a title (and `|`, which separates titles in a request). */
const TITLE = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^#<>[\]{}|]+$/, 'a page title cannot contain # < > [ ] { } or |');

/**
 * Settings of the wiki connector: the wiki's `api.php` address and which pages to archive, by one of three
 * selectors: `pages` (titles), `category` (its member pages, without the `Category:` prefix) or `namespace`
 * (its number: 0 articles, 2 user pages, 4 the project's pages…). With none, the main namespace (0), the
 * wiki's articles, is archived. Public wikis only: there is no login.
 */
export const MediawikiConnectorConfigSchema = z
  .strictObject({
    type: z.literal('mediawiki'),
    apiUrl: webUrl({ allowHttp: false }).refine((value) => new URL(value).pathname.endsWith('/api.php'), {
      message:
        'give the wiki’s api.php address, e.g. https://wiki.example.gov/w/api.php (Special:Version lists it under “Entry point URLs”)',
    }),
    pages: z.array(TITLE).min(1).max(500).optional(),
    category: TITLE.transform((value) => value.replace(/^category\s*:\s*/i, '')).optional(),
    namespace: z.number().int().min(0).max(100_000).optional(),
  })
  .refine(
    (config) => [config.pages, config.category, config.namespace].filter((set) => set !== undefined).length <= 1,
    {
      message: 'give at most one of pages, category or namespace',
      path: ['pages'],
    },
  );

export type MediawikiConnectorConfig = z.output<typeof MediawikiConnectorConfigSchema>;
export type MediawikiConnectorConfigInput = z.input<typeof MediawikiConnectorConfigSchema>;

/** The main namespace, the wiki's articles: archived when the config names no pages, category or namespace. */
export const DEFAULT_NAMESPACE = 0;
