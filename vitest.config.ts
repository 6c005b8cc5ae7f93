import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default leaves one core free, which on a 2-core machine runs the files one at a
    // time; many of them wait on child processes (the CLI), so two at a time is 1.6× faster there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
