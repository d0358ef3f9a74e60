// `npm run rgpd -- export PRE-2026-0007 [file]` (in production `node dist/src/cli/rgpd.js export …`) writes everything held about a child and family to a new JSON file
// (mode 0600; by default in ./rgpd-exports, mode 0700) for an access request; `npm run rgpd -- erase PRE-2026-0007`
// erases the case's level-1 data now. Both are recorded in data_operations.
import { chmodSync, closeSync, constants, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_PATTERN } from '../domain/reference.js';
import { frCharter } from '../i18n/fr.js';
import { erasureContext } from '../slack/views/archive-messages.js';
import { Level1Store } from '../store/level1-store.js';
import { MemberRepository } from '../store/member-repository.js';
import { listsInForceOf, operator, withStore } from './store-session.js';

const EXPORT_DIR = 'rgpd-exports';

const [command, rawReference, file] = process.argv.slice(2);
const reference = rawReference?.toUpperCase();
if ((command !== 'export' && command !== 'erase') || !reference || !REFERENCE_PATTERN.test(reference)) {
  console.error('usage: npm run rgpd -- export PRE-2026-0007 [file.json]\n       npm run rgpd -- erase PRE-2026-0007');
  process.exit(2);
}

await withStore(async ({ config, db, keys }) => {
  const row = await db.prisma.referral.findUnique({
    where: { reference },
    select: { id: true, referrerUserId: true },
  });
  if (!row) {
    console.error(`${reference}: no such case`);
    return 1;
  }
  const level1 = new Level1Store(db.prisma, keys);
  if (command === 'export') {
    const members = new MemberRepository(db.prisma, config.coordinators);
    const roleOf = async (userId: string) => {
      if (userId.startsWith('cli:')) return frCharter.exportRole.system;
      const { roles } = await members.profile(userId);
      const first = roles[0];
      if (first) return frCharter.role[first];
      return userId === row.referrerUserId ? frCharter.exportRole.referrer : frCharter.exportRole.other;
    };
    const data = await level1.export(row.id, operator, new Date(), roleOf);
    let target = file;
    if (!target) {
      mkdirSync(EXPORT_DIR, { recursive: true, mode: 0o700 });
      chmodSync(EXPORT_DIR, 0o700);
      target = join(EXPORT_DIR, `${reference}-${Date.now()}.json`);
    }
    const written = writePrivately(target, `${JSON.stringify(data, null, 2)}\n`);
    if (written !== 'written') {
      console.error(`${target}: ${written}; nothing was written (choose a new file name)`);
      return 2;
    }
    console.log(
      `${reference}: exported to ${target} (contains nominative data: hand it over securely, then delete it)`,
    );
  } else {
    const values = await level1.erase({
      referralId: row.id,
      reason: 'rgpd_request',
      actorId: operator,
      at: new Date(),
      context: erasureContext(await listsInForceOf({ db, keys, config })),
    });
    console.log(`${reference}: nominative data erased (${values} value(s)); statistics and history kept`);
  }
  return 0;
});

/**
 * A new file only, never through a symbolic link, owner-only whatever the umask: the export holds nominative data.
 * O_EXCL refuses an existing path (a symlink included, even one that points nowhere).
 */
function writePrivately(path: string, content: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EEXIST' ? 'the file already exists' : `cannot be created (${code ?? 'error'})`;
  }
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return 'written';
}
