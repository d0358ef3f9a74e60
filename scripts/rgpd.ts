// `npm run rgpd -- export PRE-2026-0007 [file]` writes everything held about a child and family to a JSON file
// (mode 0600) for an access request; `npm run rgpd -- erase PRE-2026-0007` erases the case's level-1 data now.
// Both are recorded in data_operations.
import { writeFileSync } from 'node:fs';
import { REFERENCE_PATTERN } from '../src/domain/reference.js';
import { Level1Store } from '../src/store/level1-store.js';
import { operator, withStore } from './store-session.js';

const [command, rawReference, file] = process.argv.slice(2);
const reference = rawReference?.toUpperCase();
if ((command !== 'export' && command !== 'erase') || !reference || !REFERENCE_PATTERN.test(reference)) {
  console.error('usage: npm run rgpd -- export PRE-2026-0007 [file.json]\n       npm run rgpd -- erase PRE-2026-0007');
  process.exit(2);
}

await withStore(async ({ db, keys }) => {
  const row = await db.prisma.referral.findUnique({ where: { reference }, select: { id: true } });
  if (!row) {
    console.error(`${reference}: no such case`);
    return 1;
  }
  const level1 = new Level1Store(db.prisma, keys);
  if (command === 'export') {
    const data = await level1.export(row.id, operator, new Date());
    const target = file ?? `${reference}-export.json`;
    writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    console.log(
      `${reference}: exported to ${target} (contains nominative data: hand it over securely, then delete it)`,
    );
  } else {
    const values = await level1.erase({
      referralId: row.id,
      reason: 'rgpd_request',
      actorId: operator,
      at: new Date(),
    });
    console.log(`${reference}: nominative data erased (${values} value(s)); statistics and history kept`);
  }
  return 0;
});
