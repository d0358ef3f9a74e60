#!/usr/bin/env node
// Runs the Prisma CLI with nothing downloaded: with `engine: "js"` and `engineType = "client"` no native query
// engine is ever loaded, but the CLI still looks for one at start and would try to fetch it. A placeholder file
// satisfies that check (see docs/PRISMA.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const placeholderDir = join(tmpdir(), 'pre-referrals-prisma');
const placeholder = join(placeholderDir, 'libquery_engine-placeholder.so.node');
if (!existsSync(placeholder)) {
  mkdirSync(placeholderDir, { recursive: true });
  writeFileSync(placeholder, '');
}
const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
