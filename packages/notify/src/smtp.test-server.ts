import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** Test fixture: real SMTP servers on loopback ports the OS picks, so parallel runs never collide. */

export interface ReceivedMessage {
  from: string;
  to: string[];
  /** The message exactly as received, CRLF line ends, transfer encodings intact. */
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMessage[];
  close(): Promise<void>;
}

export interface TestSmtpServerOptions {
  /** Refuses a recipient at RCPT TO with this reply code, e.g. 451 (try later) or 550 (no such user). */
  refuseRecipient?: (address: string) => number | undefined;
  /** Listen on this port (e.g. to bring a server "back" where one was down); default: one the OS picks. */
  port?: number;
}

/** Starts an in-process SMTP server (no TLS, no auth) that keeps every message it accepts. */
export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const code = options.refuseRecipient?.(address.address);
      if (code === undefined) return callback();
      callback(Object.assign(new Error(`refused ${address.address}`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        received.push({ from, to, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never greets, to make an SMTP client wait until it times out. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnFreePort(server);
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A loopback port nothing listens on, chosen below the OS's ephemeral range. A port from that range is unsafe:
 * a client that keeps reconnecting to it while it is closed can be handed that very port as its own source port
 * and end up connected to itself (TCP self-connect), reading its own commands back as replies.
 */
export async function findClosedPort(): Promise<number> {
  const ephemeralStart = readEphemeralRangeStart();
  for (let tries = 0; tries < 50; tries += 1) {
    const port = 10_000 + Math.floor(Math.random() * (ephemeralStart - 10_000));
    if (await portIsFree(port)) return port;
  }
  throw new Error('no free loopback port below the ephemeral range');
}

function readEphemeralRangeStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Undoes quoted-printable soft line breaks and escapes, so assertions can search the text as written. */
export function decodeQuotedPrintable(raw: string): string {
  const unwrapped = raw.replace(/=\r?\n/g, '');
  const bytes = unwrapped.replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
