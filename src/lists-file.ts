import { readFileSync } from 'node:fs';
import { ConfigError } from './config.js';
import { type Lists, listsSchema } from './domain/lists.js';

/** Loads the editable lists (schools, neighbourhoods, institutions, difficulties); a bad file stops the start. */
export function loadLists(path: string): Lists {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not valid JSON';
    throw new ConfigError([{ variable: 'PRE_LISTS_FILE', message: `${path}: ${reason}` }]);
  }
  const parsed = listsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({
        variable: 'PRE_LISTS_FILE',
        message: `${path} → ${i.path.join('.')}: ${i.message}`,
      })),
    );
  }
  return parsed.data;
}
