/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Unit and integration tests; end-to-end tests run under Playwright (tests/e2e).
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The app's JSON log lines (requests, jobs) would drown the test output; servers a test starts log at info.
    env: { LOG_LEVEL: 'warn' },
  },
});
