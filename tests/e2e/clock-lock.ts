// The sandbox clock is shared by every test file, and fast-forwarding it lapses every hold in
// flight. Files whose tests hold things for minutes or move the clock take this lock for their
// whole run (Playwright runs files in parallel workers; `serial` only orders one file).
import { test } from '@playwright/test';
import * as fs from 'node:fs';

const LOCK = 'target/e2e-sandbox-clock.lock';
const STALE_MS = 10 * 60_000; // a crashed run's lock

async function acquire() {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch {
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch { /* released meanwhile */ }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Call once at the top of a spec file. */
export function useSandboxClockAlone() {
  test.beforeAll(async () => {
    test.setTimeout(5 * 60_000);
    await acquire();
  });
  test.afterAll(() => fs.rmSync(LOCK, { recursive: true, force: true }));
}
