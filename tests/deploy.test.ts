import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignments, startEnvironment } from '../scripts/start-env.js';

/** `NAME=value` pairs in a systemd unit's `Environment=` lines. */
function unitEnvironment(text: string): Record<string, string> {
  return assignments(
    text
      .split('\n')
      .filter((line) => line.startsWith('Environment='))
      .flatMap((line) => line.slice('Environment='.length).trim().split(/\s+/)),
  );
}

/** `NAME=value` pairs in a Dockerfile's `ENV` instructions (continued lines included), of its last stage. */
function imageEnvironment(text: string): Record<string, string> {
  const lastStage = text.slice(text.lastIndexOf('\nFROM '));
  const joined = lastStage.replace(/\\\n\s*/g, ' ');
  return assignments(
    joined
      .split('\n')
      .filter((line) => line.startsWith('ENV '))
      .flatMap((line) => line.slice(4).trim().split(/\s+/)),
  );
}

describe('deployment', () => {
  const start = startEnvironment();

  it('npm start sets glibc allocator settings in front of node', () => {
    expect(start).toEqual({ MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' });
  });

  it('the systemd unit and the container image start the app with the same settings as npm start', () => {
    const unit = unitEnvironment(readFileSync('deploy/pre-referrals.service', 'utf8'));
    const image = imageEnvironment(readFileSync('deploy/Dockerfile', 'utf8'));
    for (const [name, value] of Object.entries(start)) {
      expect(unit[name], `pre-referrals.service: ${name}`).toBe(value);
      expect(image[name], `Dockerfile: ${name}`).toBe(value);
    }
  });
});
