import type { Client, estypes } from '@elastic/elasticsearch';
import templateFile from './index-template/verbatim-records.index-template.json';

/** The template (one source: index-template/ beside this file): settings, analysis and mappings of every index version. */
const TEMPLATE = templateFile as unknown as {
  priority: number;
  version: number;
  _meta: { description: string; schema_version: number };
  template: estypes.IndicesPutIndexTemplateIndexTemplateMapping;
};

/** Version of the mappings: part of the index name, so a reindex writes to a new index behind the same alias. */
export const SCHEMA_VERSION = TEMPLATE._meta.schema_version;

/**
 * What the documents of an index created from this template hold (2: with policy flags), kept in the index's
 * own mapping `_meta`, so an index created by an older version (without it) is known to need a reindex.
 */
export const DOCUMENT_FORMAT = (TEMPLATE.template.mappings?._meta as { document_format: number }).document_format;

/** The concrete index an alias points to when this adapter creates it, e.g. `verbatim-records-v1`. */
export function versionedIndexName(alias: string, version = SCHEMA_VERSION): string {
  return `${alias}-v${version}`;
}

/**
 * The put-index-template request for an alias: the shipped template with its patterns scoped to this alias's
 * versioned indices, so several installations (or test runs) with different aliases share a cluster.
 */
export function buildIndexTemplateRequest(alias: string): estypes.IndicesPutIndexTemplateRequest {
  return {
    name: `${alias}-template`,
    index_patterns: [`${alias}-v*`],
    priority: TEMPLATE.priority,
    version: TEMPLATE.version,
    _meta: { ...TEMPLATE._meta, alias },
    template: TEMPLATE.template,
  };
}

/**
 * Installs the template (a PUT, so running it at every start is idempotent and rolls out template changes to
 * indices created later) and creates the first versioned index behind the alias unless the alias exists.
 * Another process creating the same index at the same moment is not an error.
 */
export async function ensureIndex(client: Client, alias: string): Promise<void> {
  await client.indices.putIndexTemplate(buildIndexTemplateRequest(alias));
  if (await client.indices.existsAlias({ name: alias })) {
    await addNewFields(client, alias);
    return;
  }
  try {
    await client.indices.create({ index: versionedIndexName(alias), aliases: { [alias]: { is_write_index: true } } });
  } catch (error) {
    if (errorType(error) !== 'resource_already_exists_exception') throw error;
  }
}

/**
 * Adds the template's fields to the indices behind an existing alias (a field can be added, not changed), so
 * an index created by an older version accepts the documents this one writes (policyFlags) until a reindex
 * replaces it. Fields it has already are put again unchanged, which Elasticsearch accepts.
 */
async function addNewFields(client: Client, alias: string): Promise<void> {
  await client.indices.putMapping({ index: alias, properties: TEMPLATE.template.mappings?.properties });
}

/**
 * Why the indices behind the alias must be rebuilt (created by an older version, before DOCUMENT_FORMAT), or
 * null when they are current.
 */
export async function describeOutdatedIndex(client: Client, alias: string): Promise<string | null> {
  const mappings = await client.indices.getMapping({ index: alias });
  const formats = Object.values(mappings).map(
    (entry) => (entry.mappings?._meta as { document_format?: number } | undefined)?.document_format ?? 1,
  );
  const oldest = Math.min(DOCUMENT_FORMAT, ...formats);
  return oldest < DOCUMENT_FORMAT
    ? `the search index was written before policy flags were indexed (format ${oldest}, now ${DOCUMENT_FORMAT}): a reindex adds them`
    : null;
}

/**
 * The uuids of the indices behind the alias, joined: a value every process using this alias reads alike and
 * that changes when the index is recreated, so it keys the cursor signature without a shared secret to deploy.
 */
export async function readIndexIdentity(client: Client, alias: string): Promise<string> {
  const settings = await client.indices.getSettings({ index: alias, name: 'index.uuid', flat_settings: true });
  return Object.values(settings)
    .map((entry) => (entry.settings?.['index.uuid'] as string | undefined) ?? '')
    .sort()
    .join(',');
}

/** The `error.type` of an Elasticsearch error response, if the error is one. */
export function errorType(error: unknown): string | undefined {
  const body = (error as { meta?: { body?: { error?: { type?: string } } } })?.meta?.body;
  return body?.error?.type;
}
