import { createConnector } from '@verbatim/connectors';
import { MockItemPayloadSchema } from './packages/connectors/src/mock/mock-payload.schema';
import { readMockPage } from './packages/connectors/src/mock/mock-payload.mapper';
(async () => {
  const c = createConnector({ type: 'mock', seed: 2026, posts: 400, maxCommentsPerPost: 10, pageSize: 1000 } as any);
  const start = await c.beginPass(null);
  const pages: Buffer[] = [];
  let cursor: string | null = start.firstCursor;
  while (cursor && pages.length < 20) { const p = await c.fetchPage(start.passToken, cursor); pages.push(Buffer.from(p.raw)); cursor = p.nextCursor; }
  let items = 0; for (const p of pages) items += JSON.parse(p.toString()).data.length;
  const time = (name: string, fn: () => void) => { for (let w = 0; w < 3; w++) fn(); const t = process.hrtime.bigint(); for (let r = 0; r < 5; r++) fn(); console.log(name, (Number(process.hrtime.bigint() - t) / 1e3 / 5 / items).toFixed(2), 'µs/item'); };
  time('toString', () => { for (const p of pages) p.toString('utf8'); });
  time('toString+JSON.parse', () => { for (const p of pages) JSON.parse(p.toString('utf8')); });
  const parsed = pages.map((p) => JSON.parse(p.toString('utf8')).data);
  time('zod safeParse', () => { for (const d of parsed) for (const e of d) MockItemPayloadSchema.safeParse(e); });
  time('readMockPage', () => { for (const p of pages) readMockPage(p); });
  console.log('items', items, 'bytes/item', pages.reduce((a, p) => a + p.length, 0) / items);
})();
