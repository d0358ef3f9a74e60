// Used by the Prisma CLI only (generate, and authoring migrations in development on an in-memory PGlite).
// The app never runs the CLI: it applies prisma/migrations itself (src/store/migrations.ts).
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // The cast: see src/store/db.ts (the adapter pins older driver-adapter-utils types).
  adapter: async () => new PrismaPGlite(new PGlite()) as never,
});
