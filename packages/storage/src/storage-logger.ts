/** The two levels the object stores log at. A pino `Logger` fits as it is. */
export interface StorageLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

const PINO_LEVELS = { info: 30, warn: 40 } as const;

/**
 * Used when the caller passes no logger: one JSON line on stdout per event, shaped like the runtime's pino lines
 * (`level`, `time`, `name`, `msg`), so a start-up fact such as the bucket's Object Lock state is never silent.
 */
export const stdoutStorageLogger: StorageLogger = {
  info: (details, message) => writeLine('info', details, message),
  warn: (details, message) => writeLine('warn', details, message),
};

function writeLine(level: keyof typeof PINO_LEVELS, details: object, message: string): void {
  const line = { level: PINO_LEVELS[level], time: Date.now(), name: 'storage', ...details, msg: message };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
