import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A running s3rver child process. */
export interface S3rverProcess {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The child's whole program. It exits when its stdin closes, so a crashed test run cannot leave a server behind.
 * Written as plain JavaScript so the child needs no TypeScript loader.
 */
const CHILD_SOURCE = `
const S3rver = require(process.argv[1]);
const server = new S3rver(JSON.parse(process.argv[2]));
server.run().then(
  (address) => process.stdout.write(JSON.stringify(address) + '\\n'),
  (error) => { console.error(error); process.exit(1); },
);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

/**
 * Starts s3rver on a random loopback port, storing into `directory`, with `buckets` created. It runs in a child
 * process because s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17+) refuses
 * unless the process starts with `--openssl-legacy-provider`; in-process, any truncated listing answers 500.
 */
export async function startS3rverProcess(directory: string, buckets: string[]): Promise<S3rverProcess> {
  const options = {
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  };
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', CHILD_SOURCE, require.resolve('s3rver'), JSON.stringify(options)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    await exited;
  };
  const firstLine = await Promise.race([
    once(createInterface({ input: child.stdout }), 'line').then(([line]) => String(line)),
    exited.then(([code]) => Promise.reject(new Error(`s3rver exited with code ${String(code)} before listening`))),
  ]);
  const { port } = JSON.parse(firstLine) as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}
