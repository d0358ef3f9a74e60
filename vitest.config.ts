import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // The second one tells scripts/vitest-run.ts which files a crashed test process left unfinished.
    reporters: ['default', './tests/support/outcome-reporter.ts'],
    // Each end-to-end file runs a PGlite of its own (~400 MB); two at a time suits these 2-core machines.
    maxWorkers: 2,
    // Ceilings for a busy 2-core machine, not expectations: every wait inside a test ends as soon as its condition
    // holds. Speed is measured by `npm run bench`, not here.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // expect.poll gives up after 1 s by default: a digest computed at start on a loaded machine takes longer.
    expect: { poll: { timeout: 60_000 } },
  },
});
