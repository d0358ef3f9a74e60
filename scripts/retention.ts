// `npm run retention [-- --dry-run]`: erases level-1 data past the charter's retention periods (the app also runs
// this every hour). --dry-run lists what would go and changes nothing.
import { runRetention } from '../src/jobs/retention.js';
import { createLogger } from '../src/log.js';
import { Level1Store } from '../src/store/level1-store.js';
import { withStore } from './store-session.js';

const dryRun = process.argv.includes('--dry-run');
await withStore(async ({ db, keys, config }) => {
  const { candidates, erasedValues } = await runRetention(
    { level1: new Level1Store(db.prisma, keys), logger: createLogger('warn') },
    { now: new Date(), retention: config.retention, dryRun },
  );
  for (const c of candidates)
    console.log(`${c.reference}\t${c.rule === 'closed' ? 'closed' : 'consent refused/withdrawn'}`);
  console.log(
    dryRun
      ? `${candidates.length} case(s) would have their nominative data erased (dry run: nothing changed)`
      : `${candidates.length} case(s) erased, ${erasedValues} value(s) removed`,
  );
  return 0;
});
