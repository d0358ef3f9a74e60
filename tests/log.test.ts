import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

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
