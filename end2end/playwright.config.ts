import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE, SHORT_SESSION_PORT, serverCommand } from './support/env.mjs';

const PORT = 3100;
const OP_PORT = 3300;
const POSTGRES_PORT = 3104;
const root = path.resolve(__dirname, '..');

// The PostgreSQL server the tests may use (`make test` sets it; CI requires it). With it, the
// PAD journey also runs against a server on a fresh PostgreSQL database, which refuses what
// SQLite forgives (column lengths, NUL bytes).
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? '';
const E2E_DATABASE = 'siisl_e2e';
const postgresServer = POSTGRES_URL
  ? [
      {
        command:
          `psql '${POSTGRES_URL}' -q -c 'DROP DATABASE IF EXISTS ${E2E_DATABASE} WITH (FORCE)' -c 'CREATE DATABASE ${E2E_DATABASE}' && ` +
          `SIISL_DATABASE_URL='${POSTGRES_URL.replace(/\/[^/?]*(\?|$)/, `/${E2E_DATABASE}$1`)}' ` +
          serverCommand(root, POSTGRES_PORT, 'e2e-postgres'),
        cwd: root,
        url: `http://127.0.0.1:${POSTGRES_PORT}/readyz`,
        reuseExistingServer: false,
        timeout: 120_000,
        stdout: 'ignore' as const,
        stderr: 'pipe' as const,
      },
    ]
  : [];

export default defineConfig({
  testDir: './tests',
  // A journey signs in and walks through several pages, each checked with axe: about 20-30 s on
  // this 2-core machine when it is idle, so 30 s failed journeys that were merely slow.
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...PHONE,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [
    // Journeys tagged @pg-only need a fresh PostgreSQL server's persona state of their own.
    { name: 'sqlite', grepInvert: /@pg-only/ },
    ...(POSTGRES_URL
      ? [
          {
            name: 'postgres',
            testMatch: /citizen\.spec\.ts/,
            grep: /signs the PAD|@pg-only/,
            use: { baseURL: `http://127.0.0.1:${POSTGRES_PORT}` },
          },
        ]
      : []),
  ],
  webServer: [
    {
      // An independent OpenID provider (npm oidc-provider) the app is configured to trust.
      command: `node end2end/support/oidc-provider.mjs`,
      cwd: root,
      env: { OP_PORT: String(OP_PORT), APP_URL: `http://127.0.0.1:${PORT}` },
      url: `http://127.0.0.1:${OP_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The release build that `make build` produced, on a fresh SQLite database.
      command: serverCommand(root, PORT, 'e2e'),
      cwd: root,
      env: {
        SIISL_AUTH_PROVIDERS_ESTERNO_LABEL: 'Provider OpenID esterno (test)',
        SIISL_AUTH_PROVIDERS_ESTERNO_ISSUER: `http://127.0.0.1:${OP_PORT}`,
        SIISL_AUTH_PROVIDERS_ESTERNO_CLIENT_ID: 'siisl-e2e',
        SIISL_AUTH_PROVIDERS_ESTERNO_CLIENT_SECRET: 'e2e-secret',
        SIISL_AUTH_PROVIDERS_ESTERNO_SCOPES: 'openid profile',
        // Every test is one client address here, and each fresh browser context installs the
        // service worker (about twenty files): the per-address limit is for real clients.
        SIISL_RATE_LIMIT_GLOBAL_PER_MINUTE: '5000',
      },
      url: `http://127.0.0.1:${PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // A second app whose sessions expire after 10 idle seconds: the expired-session journeys.
      command: serverCommand(root, SHORT_SESSION_PORT, 'e2e-short-session'),
      cwd: root,
      env: {
        SIISL_AUTH_SESSION_IDLE_TIMEOUT_SECS: '10',
      },
      url: `http://127.0.0.1:${SHORT_SESSION_PORT}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...postgresServer,
  ],
});
