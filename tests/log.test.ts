import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, withoutPayloads } from '../src/log.js';

describe('logs', () => {
  it('are JSON lines, redact known sensitive paths, and keep only the type and code of errors', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    const error = Object.assign(new Error('value "Inès Martin" violates constraint'), { code: 'P2002' });
    logger.info(
      {
        identity: { childFirstName: 'Inès' },
        payload: { view: 'x' },
        case: { situation: 'fatigue', reference: 'PRE-1' },
      },
      'something',
    );
    logger.error({ err: error }, 'failed');
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ identity: '[redacted]', payload: '[redacted]', case: { situation: '[redacted]' } });
    expect(JSON.stringify(first)).toContain('PRE-1');
    expect(second?.err).toEqual({ type: 'Error', code: 'P2002' });
    expect(lines.join('')).not.toContain('Inès');
    expect(lines.join('')).not.toContain('fatigue');
  });
});

describe('the libraries’ log text', () => {
  it.each([
    [
      'an ack body',
      'ack() call begins (body: {"response_action":"update","view":{"t":"Inès"}})',
      'ack() call begins (body: …',
    ],
    [
      'a parse error quoting its input',
      `Unexpected token 'I', "Inès Martin" is not valid JSON`,
      'Unexpected token …, … is not valid JSON',
    ],
    [
      'a raw socket message',
      'Received a message on the WebSocket: {"payload":{"text":"Inès"}}',
      'Received a message on the WebSocket: (27 characters)',
    ],
    [
      'a socket frame that is not JSON',
      'Received a message on the WebSocket: Inès Martin, née le 02/03/2016',
      'Received a message on the WebSocket: (30 characters)',
    ],
    [
      'the parse error on such a frame',
      'Unable to parse an incoming WebSocket message (will ignore): SyntaxError: Unexpected token I, Inès Martin',
      'Unable to parse an incoming WebSocket message (will ignore): (44 characters)',
    ],
    ['a labelled value', 'http request body: child=Inès&x=1', 'http request body: …'],
  ])('drops %s', (_what, text, expected) => {
    expect(withoutPayloads(text)).toBe(expected);
  });

  it('keeps what says what happened', () => {
    expect(withoutPayloads('WebSocket close frame received (code: 1000, reason: bye)')).toBe(
      'WebSocket close frame received (code: 1000, reason: bye)',
    );
    expect(withoutPayloads('x'.repeat(1000))).toHaveLength(301);
  });
});
