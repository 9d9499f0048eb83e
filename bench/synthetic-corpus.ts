import type { Platform, RecordKind, RecordStatus, SearchDocument } from '@verbatim/core';

/**
 * A deterministic synthetic corpus for measurements: words drawn from a Zipf distribution over a 60,000-word
 * vocabulary, so a few words occur in most documents, some in a few hundred thousand, most in very few.
 */
export interface SyntheticCorpus {
  /** Words by rank: vocabulary[0] is the most frequent. */
  vocabulary: string[];
  accounts: string[];
  /** Documents `start`..`start + count - 1`. The same numbers always give the same documents. */
  documents(start: number, count: number): SearchDocument[];
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ten',
  'sar',
  'vo',
  'ri',
  'pel',
  'dan',
  'qu',
  'ex',
  'zo',
  'bar',
  'tri',
  'nen',
  'os',
  'ul',
  'fa',
  'gi',
  'hem',
];
const PLATFORMS: Platform[] = ['facebook', 'x', 'instagram', 'youtube'];
const KINDS: RecordKind[] = ['post', 'comment', 'reply', 'message'];
const STATUSES: RecordStatus[] = ['live', 'edited', 'hidden', 'deleted'];
const START = Date.parse('2015-01-01T00:00:00Z');
const SPAN = 10 * 365 * 86_400_000;

export function createSyntheticCorpus(vocabularySize = 60_000, accountCount = 20): SyntheticCorpus {
  const vocabulary = makeVocabulary(vocabularySize, random(7));
  const cumulative = zipfCumulative(vocabularySize, 1.07);
  const accounts = Array.from({ length: accountCount }, (_, index) => `acc_${index.toString().padStart(2, '0')}`);
  return {
    vocabulary,
    accounts,
    documents(start, count) {
      return Array.from({ length: count }, (_, offset) =>
        makeDocument(start + offset, vocabulary, cumulative, accounts),
      );
    },
  };
}

function makeDocument(
  number: number,
  vocabulary: string[],
  cumulative: Float64Array,
  accounts: string[],
): SearchDocument {
  const next = random(number * 2654435761 + 1);
  const word = (): string => vocabulary[sampleRank(cumulative, next())];
  const words = Array.from({ length: 10 + Math.floor(next() * 40) }, word);
  const account = Math.floor(next() * accounts.length);
  return {
    id: `rec_${number.toString(16).padStart(8, '0')}`,
    accountId: accounts[account],
    agencyId: `agy_${account % 6}`,
    platform: PLATFORMS[account % PLATFORMS.length],
    kind: KINDS[Math.floor(next() * KINDS.length)],
    status: STATUSES[Math.floor(next() ** 3 * STATUSES.length)],
    authorName: `Author ${Math.floor(next() ** 2 * 5000)}`,
    text: words.join(' '),
    priorText: next() < 0.1 ? `${word()} ${word()}` : '',
    postedAt: new Date(START + next() * SPAN).toISOString(),
    revision: 1,
    hasAttachments: next() < 0.3,
  };
}

function makeVocabulary(size: number, next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

function zipfCumulative(size: number, exponent: number): Float64Array {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let rank = 0; rank < size; rank += 1) cumulative[rank] = sum += 1 / (rank + 1) ** exponent;
  return cumulative.map((value) => value / sum);
}

function sampleRank(cumulative: Float64Array, draw: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle] < draw) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
