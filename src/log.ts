import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * Paths that could carry level-1 data if someone ever logged a payload or a domain object. Logging them is a bug;
 * redaction is the safety net, the canary test is the alarm.
 */
const SENSITIVE_PATHS = [
  'identity',
  '*.identity',
  'firstName',
  '*.firstName',
  'lastName',
  '*.lastName',
  'birthDate',
  '*.birthDate',
  'guardianName',
  '*.guardianName',
  'phone',
  '*.phone',
  'situation',
  '*.situation',
  'languages',
  '*.languages',
  'schoolOther',
  '*.schoolOther',
  'payload',
  '*.payload',
  'body',
  '*.body',
  'view',
  '*.view',
  'state',
  '*.state',
  'text',
  '*.text',
  'blocks',
  '*.blocks',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'pre-referrals' },
      redact: { paths: SENSITIVE_PATHS, censor: '[redacted]' },
      // Error objects from drivers can quote SQL parameters; keep only what identifies the failure.
      serializers: { err: errorSummary },
    },
    destination,
  );
}

export function errorSummary(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const coded = err as Error & { code?: unknown };
    return { type: err.name, code: typeof coded.code === 'string' ? coded.code : undefined };
  }
  return { type: typeof err };
}
