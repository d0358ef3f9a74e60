// `npm run db:migrate` (in production `node dist/src/cli/migrate.js`): applies pending migrations to the configured database without starting the app.
import { config as loadDotenv } from 'dotenv';
import { loadDatabaseTarget } from '../config.js';
import { openDatabase } from '../store/db.js';
import { applyMigrations } from '../store/migrations.js';
import { reportFailure } from './store-session.js';

loadDotenv({ quiet: true, path: process.env.DOTENV_CONFIG_PATH });
try {
  const target = loadDatabaseTarget(process.env);
  const db = await openDatabase(target);
  try {
    const report = await applyMigrations(db);
    console.log(
      report.applied.length > 0
        ? `applied: ${report.applied.join(', ')}`
        : `up to date (${report.alreadyApplied} migrations already applied)`,
    );
  } finally {
    await db.close();
  }
} catch (error) {
  process.exit(reportFailure(error));
}
