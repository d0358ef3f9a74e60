// `npm run retention [-- --dry-run]` (in production `node dist/src/cli/retention.js [--dry-run]`): applies the charter's retention rules now (the app also runs this every
// hour): proposes inactive cases for closure, lists cases past their delay on a bordereau d'élimination (visa mode)
// or erases them (automatic mode), and erases the bordereaux whose visa was recorded. Messages to the coordinators
// go through the outbox: the app sends them. --dry-run lists what would happen and changes nothing.
import { retentionOf } from '../config.js';
import { parseRecorded, settingsInForce } from '../domain/settings.js';
import { runRetention } from '../jobs/retention.js';
import { createLogger } from '../log.js';
import { erasureContext, retentionRender } from '../slack/views/archive-messages.js';
import { EliminationBatches } from '../store/elimination-batches.js';
import { Level1Store } from '../store/level1-store.js';
import { MemberRepository } from '../store/member-repository.js';
import { SettingsStore } from '../store/settings-store.js';
import { listsInForceOf, withStore } from './store-session.js';

const RULES = { closed: 'closed', refused: 'consent refused/withdrawn', inactive: 'inactive, proposed for closure' };

const dryRun = process.argv.includes('--dry-run');
await withStore(async ({ db, keys, config }) => {
  const members = new MemberRepository(db.prisma, config.coordinators);
  // The delays in force are the coordinator's from Slack, where recorded, as the app's hourly run reads them.
  const { rows } = await new SettingsStore(db.prisma).recorded(undefined);
  const retention = retentionOf(
    settingsInForce(config.settingDefaults, parseRecorded(rows).recorded),
    config.backupDays,
  );
  const report = await runRetention(
    {
      level1: new Level1Store(db.prisma, keys, config.timeZone),
      erasure: erasureContext(await listsInForceOf({ db, keys, config })),
      render: retentionRender(config.timeZone),
      batches: new EliminationBatches(db.prisma, config.timeZone),
      coordinators: () => members.coordinatorIds(),
      logger: createLogger('warn'),
    },
    { now: new Date(), retention, dryRun },
  );
  for (const reference of report.proposedForClosure) console.log(`${reference}\tno activity: proposed for closure`);
  for (const c of report.candidates) console.log(`${c.reference}\tdue for erasure (${RULES[c.rule]})`);
  if (dryRun) {
    console.log(`dry run: nothing changed (erasure mode: ${retention.erasureMode})`);
  } else {
    if (report.drafted)
      console.log(
        `bordereau ${report.drafted.number} drafted (${report.drafted.lines.length} case(s)): awaiting the visa`,
      );
    console.log(`${report.erasedCases} case(s) erased, ${report.erasedValues} value(s) removed`);
  }
  return 0;
});
