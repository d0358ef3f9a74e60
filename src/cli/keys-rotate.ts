// `npm run keys:rotate` (in production `node dist/src/cli/keys-rotate.js`): re-seals every wrapping key file under the
// newest key of PRE_ENCRYPTION_KEYS (case keys and values are not re-encrypted), re-wraps the case keys a ring key
// wrapped before wrapping keys existed, and moves values written before case keys existed under their case's key.
// Resumable: run it again after an interruption. Embedded database: stop the app first (one process per directory);
// PostgreSQL: every running instance must already hold the new key first in its ring (checked, refused otherwise).
import { Level1Store } from '../store/level1-store.js';
import { instancesNotWritingWith } from '../store/running-instances.js';
import { operator, withStore } from './store-session.js';

await withStore(async ({ db, keys, config }) => {
  // On a PostgreSQL server the app may be running: every running instance must already write with the new key
  // (restarted with it first in PRE_ENCRYPTION_KEYS), or it could no longer read what is re-wrapped.
  const behind = await instancesNotWritingWith(db.prisma, keys.ring.current.id, new Date());
  if (behind.length > 0) {
    console.error(
      `not rotated: ${behind.length} running instance(s) do not write with key ${keys.ring.current.id} (` +
        behind.map((i) => `${i.host} pid ${i.pid}, key ${i.writesWith}`).join('; ') +
        '). Restart every instance with the new key first in PRE_ENCRYPTION_KEYS (the old one after it), then rotate.',
    );
    return 2;
  }
  const report = await new Level1Store(db.prisma, keys, config.timeZone).rotate(operator, new Date());
  console.log(
    `key ${keys.ring.current.id}: ${report.resealed} wrapping key file(s) re-sealed, ` +
      `${report.rewrapped} older case key(s) re-wrapped (${report.alreadyCurrent} already under the current wrapping key), ` +
      `${report.upgraded} older value(s) moved under their case key, ` +
      `${report.tampered} failed authentication (tampered, left untouched), ${report.unknownKey} under a key not in the ring`,
  );
  return report.tampered + report.unknownKey > 0 ? 3 : 0;
});
