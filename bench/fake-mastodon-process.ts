/**
 * The fake Mastodon instance in a child process of its own, so that the platform's work (computing and
 * serializing statuses, rendering images) runs beside the pipeline as a real instance does, on the other core,
 * instead of taking turns with it on one event loop. Run as a program, this file is the child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { FakeMastodon, type FakeMastodonServerOptions } from '@verbatim/connectors/testing';

/** What the instance shows publicly: the statuses a backfill archives, and their versions (edits + 1 each). */
export interface FakeTruth {
  statuses: number;
  versions: number;
}

type Request = { kind: 'cpu' } | { kind: 'truth' };
type Answer =
  { kind: 'listening'; baseUrl: string } | { kind: 'cpu'; seconds: number } | ({ kind: 'truth' } & FakeTruth);

export interface FakeMastodonProcess {
  baseUrl: string;
  /** CPU seconds the child has used so far (all its threads). */
  cpuSeconds(): Promise<number>;
  truth(): Promise<FakeTruth>;
  stop(): Promise<void>;
}

export async function startFakeMastodonProcess(options: FakeMastodonServerOptions): Promise<FakeMastodonProcess> {
  const child = fork(__filename, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const { baseUrl } = await ask<{ baseUrl: string }>(child, null, 'listening', exited);
  return {
    baseUrl,
    cpuSeconds: async () => (await ask<{ seconds: number }>(child, { kind: 'cpu' }, 'cpu', exited)).seconds,
    truth: async () => {
      const { statuses, versions } = await ask<FakeTruth>(child, { kind: 'truth' }, 'truth', exited);
      return { statuses, versions };
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
  const died = exited.then(() => Promise.reject(new Error('the fake Mastodon process exited')));
  return Promise.race([answered, died]);
}

async function runChild(options: FakeMastodonServerOptions): Promise<void> {
  const fake = await FakeMastodon.start(options);
  const send = (answer: Answer) => process.send!(answer);
  process.on('message', (request: Request) => {
    if (request.kind === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ kind: 'cpu', seconds: (user + system) / 1e6 });
    } else {
      const ids = fake.existingIds().filter((id) => !fake.model.isPrivate(fake.model.refOf(id)!.post));
      const versions = ids.reduce((sum, id) => sum + fake.editsOf(id) + 1, 0);
      send({ kind: 'truth', statuses: ids.length, versions });
    }
  });
  // The parent gone (or done), the child goes too: a crashed benchmark leaves no server behind.
  process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
  send({ kind: 'listening', baseUrl: fake.baseUrl });
}

if (require.main === module) {
  runChild(JSON.parse(process.argv[2]) as FakeMastodonServerOptions).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
