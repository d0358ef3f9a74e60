// `npm run keys:rotate`: re-encrypts every level-1 value under the newest key of PRE_ENCRYPTION_KEYS.
// Resumable: run it again after an interruption. Embedded database: stop the app first (one process per directory).
import { Level1Store } from '../src/store/level1-store.js';
import { operator, withStore } from './store-session.js';

await withStore(async ({ db, keys }) => {
  const report = await new Level1Store(db.prisma, keys).rotate(operator, new Date());
  console.log(
    `key ${keys.current.id}: ${report.rotated} value(s) re-encrypted, ${report.alreadyCurrent} already under it, ` +
      `${report.tampered} failed authentication (tampered, left untouched), ${report.unknownKey} under a key not in the ring`,
  );
  return report.tampered + report.unknownKey > 0 ? 3 : 0;
});
