import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** The one file that mocks a module (node:fs, to crash at each step of a write): it needs its own module registry. */
const MOCKS_MODULES = ['test/results-durable.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default leaves one core free, which on a 2-core machine runs the files one at a
    // time; many of them wait on child processes (the CLI), so two at a time is 1.6× faster there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Test files share a worker's module registry: the library is imported once per worker
      // instead of once per file (imports took 34 of 265 s of test time). No file keeps state in
      // a module that another relies on (nothing but the file below mocks or stubs).
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKS_MODULES, isolate: false } },
      { extends: true, test: { name: 'isolated', include: MOCKS_MODULES, isolate: true } },
    ],
  },
});
