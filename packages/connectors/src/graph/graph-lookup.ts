import type { GraphClient } from './graph-client';
import { isMissingObject } from './graph-error';

/** Direct lookups in flight at once while confirming deletions. */
const LOOKUP_CONCURRENCY = 4;

/**
 * The ids whose direct lookup (`GET /{id}?fields=id`) answers 100/33, in the order given. Only that answer
 * confirms a deletion; any other refusal stops the check (a settings problem or an error the sync retries), so
 * an object is never tombstoned on a doubt.
 */
export async function findMissingObjects(
  client: GraphClient,
  platformIds: string[],
  signal?: AbortSignal,
): Promise<string[]> {
  const gone = new Set<string>();
  let next = 0;
  const lookUp = async () => {
    while (next < platformIds.length) {
      const id = platformIds[next++];
      const response = await client.get(client.urlOf(id, { fields: 'id' }), signal);
      if (isMissingObject(response.error)) gone.add(id);
      else if (response.status !== 200) throw client.unexpected(response, `the lookup of ${id}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, platformIds.length) }, lookUp));
  return platformIds.filter((id) => gone.has(id));
}
