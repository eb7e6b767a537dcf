import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './tests/support/free-port.ts';

// The e2e suite runs the built server on a free 127.0.0.1 port with its own seeded database.
const port = Number(process.env.E2E_PORT) || (await freePort());
process.env.E2E_PORT = String(port); // workers re-read the config: keep the same port
const dataDir = process.env.E2E_DATA_DIR || mkdtempSync(join(tmpdir(), 'vitrine-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-component-update', '--no-first-run'],
    },
    headless: true,
    trace: 'off',
  },
  webServer: {
    command: 'node tests/e2e/serve-seeded.ts',
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      HOST: '127.0.0.1', PORT: String(port), SINGLE_PROCESS: '1', // the cache-lane checks look at one process's caches
      LOG_LEVEL: 'warn', // one JSON line per request would drown the test output
      DATABASE_URL: `file:${join(dataDir, 'vitrine.db')}`, MEDIA_DIR: join(dataDir, 'media'),
    },
  },
});
