/**
 * Structured JSON logs (pino). Log lines carry codes, sources and request ids, never personal
 * data, SQL parameters or tokens: callers log facts, not payloads.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino(
    {
      level,
      base: { service: 'lienthong' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: these keys never belong in a log line.
      redact: { paths: ['authorization', '*.authorization', 'token', '*.token', 'variables', '*.variables'], censor: '[redacted]' },
    },
    destination as pino.DestinationStream,
  );
}
