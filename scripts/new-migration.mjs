#!/usr/bin/env node
// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the change between the schema the last migration
// was made from (its schema.prisma snapshot) and prisma/schema.prisma. No database is needed: Prisma's shadow
// database route does not work through the PGlite adapter here (multi-statement prepared statements).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:new-migration -- <name>');
  process.exit(2);
}
const dir = 'prisma/migrations';
const last = readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()
  .at(-1);
const snapshot = last && join(dir, last, 'schema.prisma');
if (!snapshot || !existsSync(snapshot)) {
  console.error(`no schema snapshot in ${dir}/${last ?? '?'}: cannot tell what changed`);
  process.exit(1);
}
const diff = spawnSync(
  process.execPath,
  [
    'scripts/prisma.mjs',
    'migrate',
    'diff',
    '--from-schema-datamodel',
    snapshot,
    '--to-schema-datamodel',
    'prisma/schema.prisma',
    '--script',
  ],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (diff.status !== 0) process.exit(diff.status ?? 1);
if (/^-- This is an empty migration\.\s*$/m.test(diff.stdout)) {
  console.log('prisma/schema.prisma has not changed since the last migration: nothing to do');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const target = join(dir, `${stamp}_${name}`);
mkdirSync(target);
writeFileSync(join(target, 'migration.sql'), diff.stdout);
copyFileSync('prisma/schema.prisma', join(target, 'schema.prisma'));
console.log(`created ${target}/migration.sql — review it, then commit it with the schema change`);
