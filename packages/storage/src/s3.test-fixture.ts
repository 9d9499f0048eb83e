import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { S3SettingsInput } from './s3.config';
import { createS3ObjectStore, type S3ObjectStore } from './s3.object-store';
import { startS3rverProcess } from './s3rver.test-server';
import type { StorageLogger } from './storage-logger';

export const TEST_BUCKET = 'test-bucket';

/** One HTTP request as the SDK sent it, after serialization, checksums and signing. */
export interface SentRequest {
  commandName: string;
  headers: Record<string, string>;
  query: Record<string, unknown>;
}

export interface LoggedLine {
  level: 'info' | 'warn';
  message: string;
  details: object;
}

/** An S3 store on a private s3rver, with what it sent and logged, and a raw client to write around it. */
export interface S3TestStore {
  store: S3ObjectStore;
  /** s3rver's data directory: objects live at `<directory>/<bucket>/<key>._S3rver_object`. */
  directory: string;
  endpoint: string;
  sent: SentRequest[];
  logged: LoggedLine[];
  /** A plain SDK client on the same server, bypassing the store (to tamper with objects). */
  rawClient: S3Client;
  close(): Promise<void>;
}

export interface OpenS3TestStoreOptions {
  settings?: Partial<S3SettingsInput>;
  /** Buckets s3rver creates at start; the default is the test bucket. */
  buckets?: string[];
  /** Extra middleware, added before the store's first request. */
  instrumentClient?: (client: S3Client) => void;
}

export async function openS3TestStore(options: OpenS3TestStoreOptions = {}): Promise<S3TestStore> {
  const directory = await mkdtemp(join(tmpdir(), 'verbatim-s3rver-'));
  const server = await startS3rverProcess(directory, options.buckets ?? [TEST_BUCKET]);
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const sent: SentRequest[] = [];
  const logged: LoggedLine[] = [];
  const logger: StorageLogger = {
    info: (details, message) => logged.push({ level: 'info', message, details }),
    warn: (details, message) => logged.push({ level: 'warn', message, details }),
  };
  const close = async () => {
    await server.stop();
    await rm(directory, { recursive: true, force: true });
  };
  try {
    const store = await createS3ObjectStore(
      { endpoint: server.endpoint, bucket: TEST_BUCKET, forcePathStyle: true, ...credentials, ...options.settings },
      {
        logger,
        instrumentClient: (client) => {
          recordRequests(client, sent);
          options.instrumentClient?.(client);
        },
      },
    );
    const rawClient = new S3Client({
      endpoint: server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return {
      store,
      directory,
      endpoint: server.endpoint,
      sent,
      logged,
      rawClient,
      close: async () => {
        store.destroy();
        rawClient.destroy();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Records every request the client sends, as it goes on the wire (the last step before the HTTP handler). */
function recordRequests(client: S3Client, sent: SentRequest[]): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers: Record<string, string>; query: Record<string, unknown> };
      sent.push({
        commandName: context.commandName ?? '?',
        headers: { ...request.headers },
        query: { ...request.query },
      });
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'recordRequestsForTests' },
  );
}

/** Answers a command in place of the server (for features s3rver lacks), without sending anything. */
export function answerInsteadOfServer(client: S3Client, commandName: string, output: object): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== commandName) return next(args);
      return { output: { $metadata: { httpStatusCode: 200 }, ...output }, response: {} };
    },
    { step: 'initialize', name: `answer${commandName}ForTests` },
  );
}

export function countSent(sent: SentRequest[], commandName: string): number {
  return sent.filter((request) => request.commandName === commandName).length;
}
