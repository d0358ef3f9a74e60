#!/usr/bin/env node
// `npm run release -- <folder>`: builds (if the sources changed) and copies into <folder> what a production install
// runs — the compiled code, the migrations, the lists, the manifest, the docs and the package files — and nothing
// else (no TypeScript sources, no tests). On the server: `npm ci --omit=dev` in that folder, then
// `node dist/src/main.js`. The Dockerfile's build stage runs the same command (README.md, "Deployment").
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = process.argv[2];
if (!target) {
  console.error('usage: npm run release -- <folder>   (the folder is created; it must not exist or be empty)');
  process.exit(2);
}
const out = resolve(target);
if (existsSync(out) && readdirSync(out).length > 0) {
  console.error(`${out}: not empty; nothing was copied`);
  process.exit(2);
}

const build = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** What the running app and its commands read, relative to the project's root (src/paths.ts finds the root). */
const RUNTIME_FILES = [
  'package.json',
  'package-lock.json',
  '.nvmrc',
  'README.md',
  'manifest.yml',
  'docs',
  'config',
  'prisma/migrations',
  'dist/src',
  'dist/sandbox-page',
  // Run by `npm ci` (postinstall): builds nothing where the compiler is absent.
  'scripts/ensure-build.mjs',
  // The sandbox's demo cases and page style (the sandbox never starts with NODE_ENV=production).
  'src/sandbox/demo-referrals.json',
  'src/sandbox/page/page.css',
];

mkdirSync(out, { recursive: true });
for (const file of RUNTIME_FILES) {
  cpSync(join(root, file), join(out, file), { recursive: true, preserveTimestamps: true });
}
// The build stamp says the compiled code is current: the release's sources are absent, so it stays current.
cpSync(join(root, 'dist', '.built-at'), join(out, 'dist', '.built-at'), { preserveTimestamps: true });
console.log(`release written to ${out}: run \`npm ci --omit=dev\` there, then \`node dist/src/main.js\``);
