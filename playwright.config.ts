import { defineConfig } from '@playwright/test';

// Real Chromium from Debian (never Playwright's own download), against the real proxy and
// sandbox binaries serving the release build of the app. Ports differ from the store's
// (8080/8090) so tests can run beside a running store.
const PROXY = '127.0.0.1:18080';
const SANDBOX = '127.0.0.1:18090';
// A second proxy in front of the same sandbox, with the client the back office refuses
// (docs/sandbox.md: `forbidden-client` gets a token, then 403 CHTR-1018 on POST /session).
const FORBIDDEN_PROXY = '127.0.0.1:18081';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://${PROXY}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // Third-party cookies blocked, as more and more browsers do: the embed must not need them.
        '--test-third-party-cookie-phaseout',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      // A fresh back office and session store for every run: the sandbox's calendar is its
      // clock's next week, and bookings kept in its file from earlier runs (at the same clock
      // offsets) used up the windows a later run's technician tests need.
      command: 'rm -f target/e2e-sandbox.sqlite* target/e2e-proxy-sessions.sqlite* && bash scripts/serve',
      url: `http://${PROXY}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        BIN_DIR: 'target/debug', PROXY_ADDR: PROXY, SANDBOX_ADDR: SANDBOX, RUST_LOG: 'warn',
        SANDBOX_DB: 'target/e2e-sandbox.sqlite', SANDBOX_CLOCK_CONTROL: '1',
        // The demo partner page, on another site (localhost, not 127.0.0.1), frames the checkout.
        PARTNER_PORT: '18082',
        DATABASE_URL: 'sqlite:target/e2e-proxy-sessions.sqlite',
        // Shorter than the sandbox's late answer to a `slowanswer` address (8 s), so that
        // answer is lost on the way, as a real one can be.
        UPSTREAM_TIMEOUT_MS: '5000',
      },
    },
    {
      command: 'target/debug/checkout-proxy',
      url: `http://${FORBIDDEN_PROXY}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PROXY_ADDR: FORBIDDEN_PROXY, UPSTREAM_URL: `http://${SANDBOX}`, RUST_LOG: 'warn',
        CLIENT_ID: 'forbidden-client', CLIENT_SECRET: 'sandbox-dev-secret', DIST_DIR: 'dist',
      },
    },
  ],
});
