import { z } from 'zod';
import { findPii } from '@verbatim/foia';
import type { ApiContext } from '../api-context';
import { ApiError, notFound } from '../api-error';
import { checkDecision, ItemDecisionSchema } from '../foia/item-decision';
import { snapshotSearch, withThreadContext } from '../foia/gather-records';
import { defineRoute } from '../route';
import { REQUEST_READERS } from './foia-requests.routes';
import { RecordsQuerySchema, toSearchQuery } from './records-query.schema';

const SavedQuerySchema = RecordsQuerySchema.omit({ limit: true, cursor: true });
const AddItemsSchema = z.union([
  z.strictObject({ query: SavedQuerySchema }),
  z.strictObject({ recordIds: z.array(z.string().min(1)).min(1).max(1000) }),
]);

export function foiaItemRoutes({ catalog, foiaStore, searchIndex }: ApiContext) {
  const loadRequest = async (id: string) => {
    const request = await foiaStore.getRequest(id);
    if (!request) throw notFound(`FOIA request ${id}`);
    return request;
  };
  const loadItem = async (requestId: string, recordId: string) => {
    const item = await foiaStore.getItem(requestId, recordId);
    if (!item) throw notFound(`record ${recordId} in request ${requestId}`);
    return item;
  };
  return [
    defineRoute({
      method: 'post', path: '/foia-requests/:id/items',
      summary: 'Attach records: a saved search (frozen query, matches snapshotted now) or explicit record ids; thread context comes along',
      roles: REQUEST_READERS, body: AddItemsSchema, status: 201,
      response: z.object({ added: z.number(), items: z.number(), savedSearch: z.object({ id: z.string(), query: z.unknown(), matched: z.number() }).nullable() }),
      handle: async ({ params, body, principal }) => {
        const request = await loadRequest(params.id);
        const at = new Date().toISOString();
        let ids: string[];
        let savedSearch: { query: unknown; matched: number } | undefined;
        if ('query' in body) {
          const query = toSearchQuery({ ...body.query, limit: 1 });
          delete query.limit;
          ids = await snapshotSearch(searchIndex, query);
          savedSearch = { query: { q: query.q ?? null, sort: query.sort ?? 'relevance', filters: query.filters }, matched: ids.length };
        } else {
          ids = [...new Set(body.recordIds)];
        }
        const records = await catalog.getRecords(ids);
        const missing = ids.filter((id) => !records.some((record) => record.id === id));
        if (missing.length > 0) throw new ApiError(400, 'validation_failed', `no such record(s): ${missing.slice(0, 10).join(', ')}`, missing.map((id) => ({ path: 'recordIds', message: `no record ${id}` })));
        const items = await withThreadContext(catalog, records, 'query' in body ? 'search' : 'pick');
        const result = await foiaStore.addItems(request.id, items, { addedBy: principal.id, at, savedSearch });
        await catalog.appendAudit({ actor: principal.id, action: 'foia-items.add', target: request.id, details: { added: result.added, savedSearch: result.savedSearch?.id ?? null } });
        return { added: result.added, items: (await foiaStore.listItems(request.id)).length, savedSearch: result.savedSearch };
      },
    }),
    defineRoute({
      method: 'get', path: '/foia-requests/:id/items', summary: 'The gathered records with their decisions, and the saved searches', roles: REQUEST_READERS,
      status: 200, response: z.object({ items: z.array(z.unknown()), savedSearches: z.array(z.unknown()) }),
      handle: async ({ params, principal }) => {
        const request = await loadRequest(params.id);
        const items = await foiaStore.listItems(request.id);
        const records = new Map((await catalog.getRecords(items.map((item) => item.recordId))).map((record) => [record.id, record]));
        await catalog.appendAudit({ actor: principal.id, action: 'foia-items.read', target: request.id, details: { items: items.length } });
        return { items: items.map((item) => ({ ...item, record: records.get(item.recordId) ?? null })), savedSearches: await foiaStore.listSavedSearches(request.id) };
      },
    }),
    defineRoute({
      method: 'patch', path: '/foia-requests/:id/items/:recordId', summary: 'Produce, withhold or redact a gathered record, citing an exemption',
      roles: REQUEST_READERS, body: ItemDecisionSchema, status: 200, response: z.unknown(),
      handle: async ({ params, body, principal }) => {
        await loadItem(params.id, params.recordId);
        const decision = await checkDecision(body, params.recordId, catalog, foiaStore);
        const item = await foiaStore.updateItem(params.id, params.recordId, decision, new Date().toISOString());
        await catalog.appendAudit({ actor: principal.id, action: 'foia-item.decide', target: params.recordId, details: { request: params.id, disposition: decision.disposition, exemption: decision.exemptionCode } });
        return item;
      },
    }),
    defineRoute({
      method: 'delete', path: '/foia-requests/:id/items/:recordId', summary: 'Remove a record from the request', roles: REQUEST_READERS,
      status: 200, response: z.object({ removed: z.string() }),
      handle: async ({ params, principal }) => {
        if (!(await foiaStore.removeItem(params.id, params.recordId))) throw notFound(`record ${params.recordId} in request ${params.id}`);
        await catalog.appendAudit({ actor: principal.id, action: 'foia-item.remove', target: params.recordId, details: { request: params.id } });
        return { removed: params.recordId };
      },
    }),
    defineRoute({
      method: 'get', path: '/foia-requests/:id/items/:recordId/pii', summary: 'Suggested redactions (emails, phone numbers, street addresses) for the officer to accept or not',
      roles: REQUEST_READERS, status: 200,
      response: z.object({ suggestions: z.array(z.object({ version: z.number(), kind: z.string(), start: z.number(), end: z.number(), text: z.string() })) }),
      handle: async ({ params }) => {
        await loadItem(params.id, params.recordId);
        const versions = await catalog.listVersions(params.recordId);
        return { suggestions: versions.flatMap((version) => findPii(version.text).map((found) => ({ version: version.version, ...found }))) };
      },
    }),
  ];
}
