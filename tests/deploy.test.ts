import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignments, startEnvironment, startNodeFlags } from '../scripts/start-env.js';

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

/** The flags a systemd unit's `ExecStart=` gives node, between node and the script. */
function unitNodeFlags(text: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith('ExecStart=')) ?? '';
  return line.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** The flags the image's last `CMD` (exec form) gives node. */
function imageNodeFlags(text: string): string[] {
  const cmd =
    text
      .split('\n')
      .filter((line) => line.startsWith('CMD '))
      .at(-1) ?? 'CMD []';
  return (JSON.parse(cmd.slice(4)) as string[]).filter((word) => word.startsWith('--'));
}

describe('deployment', () => {
  const start = startEnvironment();
  const flags = startNodeFlags();

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

  it("npm start bounds V8's young generation, and the unit and the image give node the same flags", () => {
    expect(flags).toContain('--max-semi-space-size=8');
    expect(unitNodeFlags(readFileSync('deploy/pre-referrals.service', 'utf8'))).toEqual(flags);
    expect(imageNodeFlags(readFileSync('deploy/Dockerfile', 'utf8'))).toEqual(flags);
  });
});
