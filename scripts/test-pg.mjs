#!/usr/bin/env node
// `npm run test:pg`: the suite again, on a real PostgreSQL server. Give a server URL whose user may create
// databases: TEST_DATABASE_URL, or DATABASE_URL. Each test gets a database of its own, copied from a migrated template.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error(
    'test:pg needs a PostgreSQL server: set TEST_DATABASE_URL (or DATABASE_URL), e.g.\n' +
      '  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run test:pg\n' +
      '.ci/run shows how to start a local server.',
  );
  process.exit(2);
}
const env = { ...process.env, TEST_DATABASE_URL: url };
delete env.DATABASE_URL;
const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/vitest-run.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(run.status ?? 1);
