import pino, { DestinationStream, Logger } from 'pino';

export type { DestinationStream, Logger };

/** Structured JSON logs on stdout, one line per event; to `destination` instead when given (tests read it). */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  return pino({ level, name, base: { pid: process.pid } }, destination);
}
