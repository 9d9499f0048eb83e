/**
 * A fake platform (Mastodon instance or Facebook Page behind the Graph API) in a child process of its own, so
 * that the platform's work (computing and serializing statuses, rendering images) runs beside the pipeline as a
 * real platform does, on the other core, instead of taking turns with it on one event loop. Run as a program,
 * this file is the child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  FakeFacebook,
  FakeMastodon,
  type FakeFacebookServerOptions,
  type FakeMastodonServerOptions,
} from '@verbatim/connectors/testing';

/** Which fake, with its options. */
export type FakePlatformSpec =
  | { platform: 'mastodon'; options: FakeMastodonServerOptions }
  | { platform: 'facebook'; options: FakeFacebookServerOptions };

/** What the platform shows: the records a backfill archives, and their versions (edits + 1 each). */
export interface FakeTruth {
  records: number;
  versions: number;
}

type Request = { kind: 'cpu' } | { kind: 'truth' };
type Answer =
  { kind: 'listening'; baseUrl: string } | { kind: 'cpu'; seconds: number } | ({ kind: 'truth' } & FakeTruth);

export interface FakePlatformProcess {
  baseUrl: string;
  /** CPU seconds the child has used so far (all its threads). */
  cpuSeconds(): Promise<number>;
  truth(): Promise<FakeTruth>;
  stop(): Promise<void>;
}

export async function startFakePlatformProcess(spec: FakePlatformSpec): Promise<FakePlatformProcess> {
  const child = fork(__filename, [JSON.stringify(spec)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const { baseUrl } = await ask<{ baseUrl: string }>(child, null, 'listening', exited);
  return {
    baseUrl,
    cpuSeconds: async () => (await ask<{ seconds: number }>(child, { kind: 'cpu' }, 'cpu', exited)).seconds,
    truth: async () => {
      const { records, versions } = await ask<FakeTruth>(child, { kind: 'truth' }, 'truth', exited);
      return { records, versions };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      await exited;
    },
  };
}

/** Sends `request` (none: just waits) and resolves with the child's next answer of `kind`. */
function ask<T>(child: ChildProcess, request: Request | null, kind: Answer['kind'], exited: Promise<unknown>) {
  const answered = new Promise<T>((resolve) => {
    const listen = (message: Answer) => {
      if (message.kind !== kind) return;
      child.off('message', listen);
      resolve(message as T);
    };
    child.on('message', listen);
  });
  if (request) child.send(request);
  const died = exited.then(() => Promise.reject(new Error('the fake platform process exited')));
  return Promise.race([answered, died]);
}

/** The running fake, reduced to what the parent asks of it. */
async function startFake(
  spec: FakePlatformSpec,
): Promise<{ baseUrl: string; truth(): FakeTruth; close(): Promise<void> }> {
  if (spec.platform === 'facebook') {
    const fake = await FakeFacebook.start(spec.options);
    // Nothing is edited at the first step: every post and comment is one version.
    const truth = () => ({ records: fake.existingIds().length, versions: fake.existingIds().length });
    return { baseUrl: fake.baseUrl, truth, close: () => fake.close() };
  }
  const fake = await FakeMastodon.start(spec.options);
  const truth = () => {
    const ids = fake.existingIds().filter((id) => !fake.model.isPrivate(fake.model.refOf(id)!.post));
    return { records: ids.length, versions: ids.reduce((sum, id) => sum + fake.editsOf(id) + 1, 0) };
  };
  return { baseUrl: fake.baseUrl, truth, close: () => fake.close() };
}

async function runChild(spec: FakePlatformSpec): Promise<void> {
  const fake = await startFake(spec);
  const send = (answer: Answer) => process.send!(answer);
  process.on('message', (request: Request) => {
    if (request.kind === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ kind: 'cpu', seconds: (user + system) / 1e6 });
    } else {
      send({ kind: 'truth', ...fake.truth() });
    }
  });
  // The parent gone (or done), the child goes too: a crashed benchmark leaves no server behind.
  process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
  send({ kind: 'listening', baseUrl: fake.baseUrl });
}

if (require.main === module) {
  runChild(JSON.parse(process.argv[2]) as FakePlatformSpec).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
