import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root (where package.json is), whether the code runs from src/ (tsx) or from dist/src/ (built). */
function findRoot(start: string): string {
  let dir = dirname(fileURLToPath(start));
  // The first folder up that holds both package.json and the migrations: dist/ has neither.
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma', 'migrations')))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pre-referrals: cannot find the project root');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(import.meta.url);
