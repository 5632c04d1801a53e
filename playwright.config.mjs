// Browser tests: Debian's Chromium (Playwright's own browser download can't work on these
// machines), against dist/ served by the xtask's static server. `cargo xtask test` builds dist/
// first and reads the JSON report below for its summary line.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./tests/browser/chromium.mjs";

// `cargo xtask test` passes a free port in FC_TEST_PORT, so the suite always starts its own server
// over this checkout's dist/ (never a server some other checkout left on 8080).
const port = Number(process.env.FC_TEST_PORT ?? 8080);

export default defineConfig({
  testDir: "tests/browser",
  outputDir: "test-results",
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [
    ["list"],
    // Read by `cargo xtask test` (xtask/src/suite.rs, PLAYWRIGHT_JSON_REPORT).
    ["json", { outputFile: "playwright-report/results.json" }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    headless: true,
    locale: "zh-CN",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    // dist/ is already built (by `cargo xtask test` or `cargo xtask dist`): just serve it.
    command: `cargo xtask serve --no-build --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
