import { fromColumnBatch, toColumnBatch } from './column-batch';
import { searchDocumentsFromColumns, searchDocumentsToColumns } from './search-document-columns';
import type { SearchDocument } from './ports/search-index.port';

interface Row {
  name: string;
  count: number;
  flag: boolean;
  note?: string;
}

describe('column batches', () => {
  const rows: Row[] = [
    { name: 'a', count: 0, flag: false, note: '' },
    { name: 'b', count: 2, flag: true },
    { name: 'ç 🎉 中文', count: -1.5, flag: false, note: 'x' },
  ];

  it('carries each field as one array, null where an optional field is absent', () => {
    const batch = toColumnBatch(rows, ['name', 'count', 'flag', 'note']);
    expect(batch).toEqual({
      length: 3,
      columns: {
        name: ['a', 'b', 'ç 🎉 中文'],
        count: [0, 2, -1.5],
        flag: [false, true, false],
        note: ['', null, 'x'],
      },
    });
  });

  it('rebuilds the same rows, absent fields left out rather than undefined, also after a structured clone', () => {
    const batch = structuredClone(toColumnBatch(rows, ['name', 'count', 'flag', 'note']));
    const rebuilt = fromColumnBatch<Row>(batch, ['name', 'count', 'flag', 'note']);
    expect(rebuilt).toStrictEqual(rows);
    expect('note' in rebuilt[1]).toBe(false);
    expect(fromColumnBatch<Row>(toColumnBatch<Row, 'name'>([], ['name']), ['name'])).toEqual([]);
  });

  it('sends a value shared by every row once, absent ones included, and rebuilds it in every row', () => {
    const shared: Row[] = [
      { name: 'a', count: 1, flag: true },
      { name: 'a', count: 2, flag: true },
    ];
    const batch = structuredClone(toColumnBatch(shared, ['name', 'count', 'flag', 'note']));
    expect(batch.columns).toEqual({
      name: { every: 'a' },
      count: [1, 2],
      flag: { every: true },
      note: { every: null },
    });
    expect(fromColumnBatch<Row>(batch, ['name', 'count', 'flag', 'note'])).toStrictEqual(shared);
  });

  it('round-trips search documents field for field', () => {
    const documents: SearchDocument[] = [1, 2].map((n) => ({
      id: `rec_${n}`,
      accountId: 'acc_1',
      agencyId: 'agy_1',
      platform: 'facebook',
      kind: 'reply',
      status: n === 1 ? 'live' : 'deleted',
      authorName: 'Zoë',
      text: `text ${n}`,
      priorText: n === 2 ? 'earlier' : '',
      postedAt: '2024-01-01T00:00:00.000Z',
      hasAttachments: n === 2,
      revision: n,
    }));
    expect(searchDocumentsFromColumns(structuredClone(searchDocumentsToColumns(documents)))).toStrictEqual(documents);
  });
});
