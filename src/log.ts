import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
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

/**
 * Bolt, Socket Mode and the Web API client log free text that can quote what Slack sent or what the app answered:
 * "ack() call begins (body: …)", the raw socket message, a whole request body, a JSON parse error citing the bad
 * input. Their text goes through `withoutPayloads` at every level, so that no payload reaches a log line.
 */
export function libraryLogger(logger: Logger, component: string): SlackLogger {
  const child = logger.child({ component });
  let level = LogLevel.INFO;
  const fmt = (args: unknown[]) =>
    withoutPayloads(args.map((a) => (a instanceof Error ? JSON.stringify(errorSummary(a)) : String(a))).join(' '));
  return {
    // Bolt writes a debug line or two per request: formatted only when the level is on.
    debug: (...args) => {
      if (child.isLevelEnabled('debug')) child.debug(fmt(args));
    },
    info: (...args) => {
      if (child.isLevelEnabled('info')) child.info(fmt(args));
    },
    warn: (...args) => child.warn(fmt(args)),
    error: (...args) => child.error(fmt(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

const LIBRARY_TEXT_MAX = 300;

/** @slack/socket-mode's debug lines that end with a whole WebSocket frame. */
const SOCKET_FRAME =
  /^(Received a message on the WebSocket: |Sending a WebSocket message: |Unable to parse an incoming WebSocket message \(will ignore\): )/;

/** A library's log text with anything that may quote a payload cut out: JSON, quoted strings, "body: …". */
export function withoutPayloads(text: string): string {
  // A frame the socket quotes whole (sent, received, or not JSON): its length only, whatever its form.
  const frame = SOCKET_FRAME.exec(text);
  if (frame) return `${frame[1]}(${text.length - frame[0].length} characters)`;
  let out = text;
  // Everything from the first JSON object or array on (a payload, an ack body, a Web API request).
  const json = out.search(/[[{]/);
  if (json >= 0) out = `${out.slice(0, json)}…`;
  // Labelled values that are payloads ("body: …", "data: …", "payload: …", "message: …") up to their end.
  out = out.replace(/\b(body|data|payload|message|text|args?)\s*[:=][^)\n]*/gi, '$1: …');
  // Quoted strings: a parse error quotes the input it choked on.
  out = out.replace(/"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”/g, '…');
  return out.length > LIBRARY_TEXT_MAX ? `${out.slice(0, LIBRARY_TEXT_MAX)}…` : out;
}
