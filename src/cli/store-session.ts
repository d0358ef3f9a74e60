// Shared start of the maintenance commands: configuration (no Slack needed), database, key ring.
import { config as loadDotenv } from 'dotenv';
import { ConfigError, formatConfigError, loadStoreConfig, type StoreConfig } from '../config.js';
import { type Lists, listsInForce } from '../domain/lists.js';
import { loadLists } from '../lists-file.js';
import { type Database, DataDirectoryInUseError, openDatabase } from '../store/db.js';
import { KeyRing, resolveKeyMaterial } from '../store/key-ring.js';
import { ListsStore } from '../store/lists-store.js';
import { applyMigrations } from '../store/migrations.js';
import { type StoreKeys, WrappingKeyError, WrappingKeys } from '../store/wrapping-keys.js';
import { yieldToClicks } from '../threads/priority.js';

export interface StoreSession {
  config: StoreConfig;
  db: Database;
  keys: StoreKeys;
}

export async function withStore(work: (session: StoreSession) => Promise<number>): Promise<never> {
  // A maintenance command may run beside the app (on a server): the app's clicks come first. Its threads inherit it.
  yieldToClicks();
  loadDotenv({ quiet: true, path: process.env.DOTENV_CONFIG_PATH });
  let code = 1;
  try {
    const config = loadStoreConfig(process.env);
    const ring = new KeyRing(resolveKeyMaterial(config.encryptionKeys, config.dataDir, config.keyFile, false).material);
    const keys = { ring, wrapping: WrappingKeys.open(config.keysDir, ring, new Date()) };
    const db = await openDatabase(config.database);
    try {
      await applyMigrations(db);
      code = await work({ config, db, keys });
    } finally {
      await db.close();
    }
  } catch (error) {
    code = reportFailure(error);
  }
  process.exit(code);
}

/**
 * What every maintenance command says when it cannot do its work, and its exit code: 2 for what the operator can
 * fix (the configuration, a data directory another process holds), 1 for anything else.
 */
export function reportFailure(error: unknown): number {
  if (error instanceof ConfigError) {
    console.error(formatConfigError(error));
    return 2;
  }
  if (error instanceof DataDirectoryInUseError || error instanceof WrappingKeyError) {
    console.error(error.message);
    return 2;
  }
  console.error(`failed: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

/** Who ran a maintenance command, for the record (never a person's name from the data). */
export const operator = `cli:${process.env.USER ?? 'operator'}`;

/** The lists in force, as the app reads them: the coordinator's from Slack over the installation's file. */
export async function listsInForceOf(session: StoreSession): Promise<Lists> {
  const rows = await new ListsStore(session.db.prisma).recorded(undefined);
  return listsInForce(loadLists(session.config.listsFile), rows).lists;
}
