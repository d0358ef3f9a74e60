#!/usr/bin/env node
// Runs before `npm start`, the maintenance commands and the tests, and after `npm install`: in a development
// checkout (the compiler installed), builds when a source is newer than the last build, so that `npm install &&
// npm start` runs the code as it is. In a production install (runtime dependencies only, a read-only code
// directory) it builds nothing: the compiled JavaScript shipped with the release is what runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'src', 'main.js');
const stamp = join(root, 'dist', '.built-at');
const duringInstall = process.argv.includes('--install');

/** A development checkout: the sources and the compiler (a release has neither sources nor a reason to build). */
function developmentCheckout() {
  if (!existsSync(join(root, 'src', 'main.ts'))) return false;
  try {
    createRequire(join(root, 'package.json')).resolve('typescript/package.json');
    return true;
  } catch {
    return false;
  }
}

/** The newest modification time under `path` (a file or a folder), 0 when it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    // The Prisma client is written by the build itself.
    if (entry === 'generated' && path.endsWith(join('src', 'store'))) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const SOURCES = ['src', 'prisma/schema.prisma', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.page.json'];

if (!developmentCheckout()) {
  if (existsSync(entry)) process.exit(0);
  const message =
    'pre-referrals: no compiled code (dist/) and nothing to build it with. A production install takes the release built by ' +
    '`npm run release` (see README.md, "Deployment"); a development checkout needs `npm install` with the dev ' +
    'dependencies.';
  console.error(message);
  // An install without the dev dependencies may be a step of a release's own build: it must not fail for this.
  process.exit(duringInstall ? 0 : 2);
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = !existsSync(entry) || SOURCES.some((source) => newest(join(root, source)) > builtAt);
if (!changed) process.exit(0);

const startedAt = new Date();
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// The build's start, not its end: a source saved while it ran is newer, and builds again next time.
writeFileSync(stamp, `${startedAt.toISOString()}\n`);
utimesSync(stamp, startedAt, startedAt);
