/**
 * The `rel="next"` target of a `Link` header (`<https://host/api/v1/…?max_id=1>; rel="next", <…>; rel="prev"`),
 * as a path and query on `origin`. A link to another origin is refused: the account's token must not follow it.
 */
export function nextLinkOf(header: string | null, origin: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel="?([^";]+)"?/i.exec(match[2])?.[1].toLowerCase().split(/\s+/) ?? [];
    if (!rels.includes('next')) continue;
    const target = new URL(match[1], origin);
    if (target.origin !== origin) throw new Error(`the next page link points to another host: ${target.origin}`);
    return `${target.pathname}${target.search}`;
  }
  return null;
}
