import { createHash } from 'node:crypto';
import { IdFilter } from './id-filter';

const recordId = (n: number) => `rec_${createHash('sha256').update(`acc\u0000${n}`).digest('hex').slice(0, 24)}`;
const sequentialId = (n: number) => `rec_${n.toString(16).padStart(8, '0')}`; // as the synthetic corpus makes them

function falsePositiveRate(filter: IdFilter, absent: string[]): number {
  return absent.filter((id) => filter.mightHold(id)).length / absent.length;
}

describe('IdFilter', () => {
  it('never misses an id it was given, whatever its form', () => {
    const ids = [
      ...Array.from({ length: 20_000 }, (_, n) => recordId(n)),
      ...Array.from({ length: 20_000 }, (_, n) => sequentialId(n)),
      '',
      'd01',
      'a-0',
      'REC_ABC',
      'rec_',
      'ü\u0000🙂',
    ];
    const filter = new IdFilter(ids.length);
    ids.forEach((id) => filter.add(id));
    expect(ids.filter((id) => !filter.mightHold(id))).toEqual([]);
  });

  it('answers "maybe" for about 1% of absent ids when holding what it was sized for', () => {
    const capacity = 50_000;
    for (const idFor of [recordId, sequentialId]) {
      const filter = new IdFilter(capacity);
      for (let n = 0; n < capacity; n++) filter.add(idFor(n));
      const absent = Array.from({ length: 20_000 }, (_, n) => idFor(capacity + n));
      expect(falsePositiveRate(filter, absent)).toBeLessThan(0.015);
    }
  });

  it('grows by larger layers, never missing an id and keeping false positives low', () => {
    const filter = new IdFilter(1000);
    const ids = Array.from({ length: 15_000 }, (_, n) => recordId(n)); // layers for 1,000, 4,000 and 16,000 ids
    ids.forEach((id) => filter.add(id));
    expect(ids.filter((id) => !filter.mightHold(id))).toEqual([]);
    expect(filter.byteLength).toBe(4 * Math.ceil(10_000 / 32) + (4 * 40_000) / 32 + (4 * 160_000) / 32); // 10 bits an id
    const absent = Array.from({ length: 20_000 }, (_, n) => recordId(15_000 + n));
    expect(falsePositiveRate(filter, absent)).toBeLessThan(0.025); // about 0.8% for each full layer
    expect(new IdFilter(0).mightHold('anything')).toBe(false);
  });
});
