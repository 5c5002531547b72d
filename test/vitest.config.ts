import * as path from 'node:path';
import { defineConfig } from 'vitest/config';

// Lives under test/ because the top level of the repository is fixed; `npm test` points vitest here.
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
