// How `npm start` starts the app (package.json's start script: glibc's allocator settings, Node's flags; README.md
// "Performance" → memory), for what starts the app's built code without npm: the bench, the production smoke test.
// The systemd unit and the container image write the same settings (tests/deploy.test.ts holds them equal).
import { readFileSync } from 'node:fs';

/** The start script's last command, `NAME=value … exec node --flag … dist/src/main.js`, in words. */
function launchWords(packageJson: string): string[] {
  const scripts = (JSON.parse(readFileSync(packageJson, 'utf8')) as { scripts: { start: string } }).scripts;
  const launch = scripts.start.split('&&').at(-1) ?? '';
  return launch.trim().split(/\s+/);
}

/** The `NAME=value` assignments in front of the start script's `exec node`. */
export function startEnvironment(packageJson = 'package.json'): Record<string, string> {
  const words = launchWords(packageJson);
  return assignments(words.slice(0, words.indexOf('exec')));
}

/** The flags the start script gives Node, between `node` and the app's script. */
export function startNodeFlags(packageJson = 'package.json'): string[] {
  const words = launchWords(packageJson);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
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
