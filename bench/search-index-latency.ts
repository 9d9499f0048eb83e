/**
 * Measures the SQLite search index at scale: builds a synthetic index (1,000,000 documents unless DOCS says
 * otherwise) in a temp file, then prints JSON with upsert throughput, the bare FTS5 insert rate of the same
 * rows for comparison, and p50/p95 latency per query kind. Run: npm run bench:search-index-latency
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchQuery } from '@verbatim/core';
import { openSqliteSearchIndex, type SqliteSearchIndex } from '@verbatim/search';
import { createSyntheticCorpus, type SyntheticCorpus } from './synthetic-corpus';

const BATCH = 1000;
const SAMPLES_PER_KIND = 100;

interface QueryPools {
  rare: SearchQuery[];
  common: SearchQuery[];
  phrase: SearchQuery[];
  prefix: SearchQuery[];
  filtered: SearchQuery[];
  faceted: SearchQuery[];
}

async function main(): Promise<void> {
  const total = Number(process.env.DOCS ?? 1_000_000);
  const directory = mkdtempSync(join(tmpdir(), 'verbatim-search-measure-'));
  const corpus = createSyntheticCorpus();
  try {
    const db = openDatabase(join(directory, 'catalog.db'));
    const index = openSqliteSearchIndex(db);
    const upsertDocsPerSecond = await measureUpserts(index, corpus, total);
    const bareFts5RowsPerSecond = measureBareInserts(join(directory, 'bare.db'), corpus, total);
    const statusOnlyUpdatesPerSecond = await measureStatusUpdates(index, corpus, total);
    const pools = chooseQueries(db, corpus, total);
    const firstSearchAfterOpenMs = await timeOne(index, { q: '' });
    const coldCommonTermMs: number[] = [];
    for (const query of pools.common.slice(0, 5)) coldCommonTermMs.push(Math.round(await timeOne(index, query)));
    const warmUp = index.warmUp();
    const latencyMs = await measureLatencies(index, pools);
    latencyMs.commonWhileIngesting = await measureDuringIngest(index, corpus, total, pools.common);
    const report = {
      documents: total,
      upsertDocsPerSecond,
      bareFts5RowsPerSecond,
      upsertShareOfBare: Number((upsertDocsPerSecond / bareFts5RowsPerSecond).toFixed(2)),
      statusOnlyUpdatesPerSecond,
      firstSearchAfterOpenMs,
      coldCommonTermMs,
      warmUp,
      latencyMs,
      arrayBufferMb: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
    };
    console.log(JSON.stringify(report, null, 2));
    db.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Ingest as the pipeline does it: upserts of 1,000 documents. Only the upsert calls are timed. */
async function measureUpserts(index: SqliteSearchIndex, corpus: SyntheticCorpus, total: number): Promise<number> {
  let elapsed = 0;
  for (let start = 0; start < total; start += BATCH) {
    const documents = corpus.documents(start, Math.min(BATCH, total - start));
    const began = performance.now();
    await index.upsert(documents);
    elapsed += performance.now() - began;
  }
  return Math.round((total / elapsed) * 1000);
}

/** The same rows into a bare FTS5 table with the same tokenizer, one transaction per 1,000. */
function measureBareInserts(file: string, corpus: SyntheticCorpus, total: number): number {
  const db = openDatabase(file);
  db.exec(
    "CREATE VIRTUAL TABLE bare USING fts5(text, prior_text, author_name, tokenize = 'unicode61 remove_diacritics 2')",
  );
  const insert = db.prepare('INSERT INTO bare (text, prior_text, author_name) VALUES (?, ?, ?)');
  const insertBatch = db.transaction((rows: Array<[string, string, string]>) =>
    rows.forEach((row) => insert.run(...row)),
  );
  let elapsed = 0;
  for (let start = 0; start < total; start += BATCH) {
    const rows = corpus
      .documents(start, Math.min(BATCH, total - start))
      .map((d): [string, string, string] => [d.text, d.priorText, d.authorName]);
    const began = performance.now();
    insertBatch(rows);
    elapsed += performance.now() - began;
  }
  db.close();
  return Math.round((total / elapsed) * 1000);
}

/** Re-upserts existing documents with only their status changed: the common update. */
async function measureStatusUpdates(index: SqliteSearchIndex, corpus: SyntheticCorpus, total: number): Promise<number> {
  let elapsed = 0;
  const batches = 20;
  for (let batch = 0; batch < batches; batch += 1) {
    const start = Math.floor((batch / batches) * (total - BATCH));
    const documents = corpus.documents(start, BATCH).map((document) => ({ ...document, status: 'deleted' as const }));
    const began = performance.now();
    await index.upsert(documents);
    elapsed += performance.now() - began;
  }
  return Math.round(((batches * BATCH) / elapsed) * 1000);
}

/** Picks queries of each kind by their real match counts (untimed). */
function chooseQueries(db: Database.Database, corpus: SyntheticCorpus, total: number): QueryPools {
  const countStatement = db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck();
  const count = (expression: string): number => countStatement.get(expression) as number;
  const words = corpus.vocabulary;
  const common = words
    .slice(0, 40)
    .filter((word) => within(count(`"${word}"`), 0.15 * total, 0.45 * total))
    .slice(0, 8);
  const rare = pick(words.slice(20_000), 40).filter((word) => within(count(`"${word}"`), 1, 300));
  const phrases = samplePhrases(corpus, words)
    .filter((phrase) => count(`"${phrase}"`) > 0)
    .slice(0, 31);
  const prefixes = [...new Set(pick(words.slice(200, 3000), 80).map((word) => word.slice(0, 5)))]
    .filter((prefix) => within(count(`"${prefix}" *`), total / 2000, total * 0.06))
    .slice(0, 31);
  const filtered = common.flatMap((word, index) =>
    [0, 1, 2].map((offset) => filteredQuery(word, corpus, index * 3 + offset)),
  );
  const faceted: SearchQuery[] = [
    { filters: { kind: ['reply'] } },
    {},
    { filters: { platform: ['facebook'] } },
    { filters: { status: ['deleted', 'hidden'] } },
    { filters: { hasAttachments: true, postedFrom: '2019-01-01' } },
  ];
  return {
    rare: rare.map((q) => ({ q })),
    common: common.map((q) => ({ q })),
    phrase: phrases.map((phrase) => ({ q: `"${phrase}"` })),
    prefix: prefixes.map((prefix) => ({ q: `${prefix}*` })),
    filtered,
    faceted,
  };
}

function filteredQuery(word: string, corpus: SyntheticCorpus, seed: number): SearchQuery {
  const year = 2015 + (seed % 9);
  return {
    q: word,
    filters: {
      accountId: [corpus.accounts[seed % corpus.accounts.length]],
      kind: [(['post', 'comment', 'reply', 'message'] as const)[seed % 4]],
      postedFrom: `${year}-01-01`,
      postedTo: `${year + 1}-06-30`,
    },
  };
}

/** Adjacent word pairs from documents, both words of middling frequency (a realistic quoted phrase). */
function samplePhrases(corpus: SyntheticCorpus, words: string[]): string[] {
  const rank = new Map(words.map((word, index) => [word, index]));
  const phrases = new Set<string>();
  for (const document of corpus.documents(5000, 400)) {
    const tokens = document.text.split(' ');
    for (let index = 0; index + 1 < tokens.length; index += 1) {
      if (within(rank.get(tokens[index])!, 30, 5000) && within(rank.get(tokens[index + 1])!, 30, 5000)) {
        phrases.add(`${tokens[index]} ${tokens[index + 1]}`);
      }
    }
  }
  return [...phrases];
}

async function measureLatencies(
  index: SqliteSearchIndex,
  pools: QueryPools,
): Promise<Record<string, { p50: number; p95: number; queries: number }>> {
  const results: Record<string, { p50: number; p95: number; queries: number }> = {};
  for (const [kind, candidates] of Object.entries(pools) as Array<[keyof QueryPools, SearchQuery[]]>) {
    if (candidates.length < 2) continue;
    // The first query of a kind only warms up the JIT for its code path; it is not measured or reused.
    const [warm, ...pool] = candidates;
    await timeOne(index, warm);
    const samples: number[] = [];
    for (let sample = 0; sample < SAMPLES_PER_KIND; sample += 1)
      samples.push(await timeOne(index, pool[sample % pool.length]));
    results[kind] = { ...percentiles(samples), queries: pool.length };
  }
  results.deepPage50 = { ...percentiles(await measureDeepPages(index, pools.common)), queries: pools.common.length };
  return results;
}

/** Pages through 49 pages of 20 for a common term, then times page 50. */
async function measureDeepPages(index: SqliteSearchIndex, common: SearchQuery[]): Promise<number[]> {
  const samples: number[] = [];
  const sorts = ['newest', 'oldest', 'relevance'] as const;
  for (let run = 0; run < 24; run += 1) {
    const query: SearchQuery = { ...common[run % common.length], sort: sorts[run % sorts.length], limit: 20 };
    let cursor: string | undefined;
    for (let page = 1; page < 50; page += 1)
      cursor = (await index.search({ ...query, cursor })).nextCursor ?? undefined;
    samples.push(await timeOne(index, { ...query, cursor }));
  }
  return samples;
}

/** A common-term search right after each upsert of 1,000 new documents: includes the caches' catch-up. */
async function measureDuringIngest(
  index: SqliteSearchIndex,
  corpus: SyntheticCorpus,
  total: number,
  common: SearchQuery[],
) {
  const samples: number[] = [];
  for (let sample = 0; sample < 30; sample += 1) {
    await index.upsert(corpus.documents(total + sample * BATCH, BATCH));
    samples.push(await timeOne(index, common[sample % common.length]));
  }
  return { ...percentiles(samples), queries: common.length };
}

async function timeOne(index: SqliteSearchIndex, query: SearchQuery): Promise<number> {
  const began = performance.now();
  await index.search(query);
  return Number((performance.now() - began).toFixed(2));
}

function percentiles(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

function within(value: number, low: number, high: number): boolean {
  return value >= low && value <= high;
}

/** Every n-th item, deterministic. */
function pick<T>(items: T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, index) => index % step === 0).slice(0, count);
}

void main();
