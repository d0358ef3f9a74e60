// The environment `npm start` gives the app (package.json's start script: glibc's allocator settings, README.md
// "Performance" → memory), for what starts the app's built code without npm: the bench, the production smoke test.
// The systemd unit and the container image write the same settings (tests/deploy.test.ts holds them equal).
import { readFileSync } from 'node:fs';

/** The `NAME=value` assignments in front of the start script's `exec node`. */
export function startEnvironment(packageJson = 'package.json'): Record<string, string> {
  const scripts = (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts: { start: string } }).scripts;
  const launch = scripts.start.split('&&').at(-1) ?? '';
  const words = launch.trim().split(/\s+/);
  return assignments(words.slice(0, words.indexOf('exec')));
}

/** `NAME=value` words as an environment (the value is everything after the first `=`). */
export function assignments(words: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    words.map((word) => {
      const at = word.indexOf('=');
      return [word.slice(0, at), word.slice(at + 1)];
    }),
  );
}
