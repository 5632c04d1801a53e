// Shared Playwright fixtures for the browser suites.
//
// `test` is @playwright/test's `test` with an automatic console guard: every `console.error` message and
// every uncaught page error (`pageerror`) in the test's browser context fails the test. A suite that
// expects a particular error (say a CSP report) lists it with
//   test.use({ allowedConsoleErrors: [/Refused to load/] });
// Pages in another context (`browser.newContext()`) are watched with `consoleGuard.watch(context)`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect } from "@playwright/test";

export { expect };

/** Where the tests write screenshots and the PDF for a reviewer (gitignored). */
/** A design that fails (240 m² required, 230 planned) with an office part: check mode with a failure. */
export const FAILING_CHECK = {
  jurisdiction: "dongsheng",
  settlement: "farming_village",
  households: "800",
  population: "2000",
  total_m2: "230",
  office_m2: "100",
  mode: "check",
};

/** The failing check with every report field filled in: a report a bureau can file. */
export const FILED_REPORT = {
  ...FAILING_CHECK,
  project: "幸福里小区",
  address: "东胜区铁西路 1 号",
  developer: "某某置业有限公司",
  handler: "张三",
  report_date: "2026-11-25",
};

export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "screenshots");

export const test = base.extend({
  /** Regular expressions for console errors a suite expects; everything else fails the test. */
  allowedConsoleErrors: [[], { option: true }],

  consoleGuard: [
    async ({ context, allowedConsoleErrors }, use) => {
      const problems = [];
      const watched = new Set();
      const watch = (target) => {
        if (watched.has(target)) return;
        watched.add(target);
        target.on("console", (message) => {
          if (message.type() !== "error") return;
          const where = message.location();
          const at = where && where.url ? ` (${where.url}:${where.lineNumber})` : "";
          problems.push(`console.error: ${message.text()}${at}`);
        });
        // Pages: `pageerror`; contexts: `weberror` (uncaught errors of every page in it).
        if (typeof target.newPage === "function") {
          target.on("weberror", (webError) => problems.push(`uncaught: ${describe(webError.error())}`));
        } else {
          target.on("pageerror", (error) => problems.push(`uncaught: ${describe(error)}`));
        }
      };
      watch(context);
      await use({ problems, watch });
      const unexpected = problems.filter((p) => !allowedConsoleErrors.some((re) => re.test(p)));
      expect(unexpected, "console errors or uncaught page errors during the test").toEqual([]);
    },
    { auto: true },
  ],
});

function describe(error) {
  if (error && typeof error === "object" && "message" in error) {
    return `${error.message}${error.stack ? `\n${error.stack}` : ""}`;
  }
  return String(error);
}

/** Saves a full-page screenshot under tests/browser/screenshots/<name>.png. */
export async function screenshot(page, name, options = {}) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, ...options });
}

// ---- helpers for the demo page (dist/index.html, one widget, ids prefixed fc1-) ----

/** Opens the demo page with `query` (object or string) and waits until the widget has rendered. */
export async function openWidget(page, query = "") {
  const search =
    typeof query === "string" ? query.replace(/^\?/, "") : new URLSearchParams(query).toString();
  await page.goto(search ? `/?${search}` : "/");
  await expect(page.locator(".fc .fc-summary")).toBeVisible();
}

/** The headline required area in the summary (first role=status). */
export function headline(page) {
  return page.locator('.fc-summary [data-figure="required_area_m2"]');
}

/** The value of a figure card, e.g. figureValue(page, "office_max_m2"). */
export function figureValue(page, key) {
  return page.locator(`.fc-figures .fc-figure[data-figure="${key}"] .fc-figure-value`);
}

/** The governing-rules line of a figure card. */
export function figureBasis(page, key) {
  return page.locator(`.fc-figures .fc-figure[data-figure="${key}"] .fc-figure-basis`);
}

/** A text field by its key, e.g. field(page, "households") → #fc1-households. */
export function field(page, key) {
  return page.locator(`#fc1-${key}`);
}

/** Replaces a text field's content the way a person would: select all, then type. */
export async function retype(page, key, text) {
  const input = field(page, key);
  await input.click();
  await input.press("ControlOrMeta+a");
  if (text === "") {
    await input.press("Backspace");
  } else {
    await input.pressSequentially(text);
  }
}

/** Opens a closed `<details>` by clicking its summary (no-op when open). */
export async function openDetails(page, details) {
  if (!(await details.evaluate((d) => d.open))) {
    await details.locator(":scope > summary").click();
  }
  await expect(details).toHaveJSProperty("open", true);
}

/** The design section ("核查规划设计（可选）" / "Check a design (optional)"). */
export function designDetails(page) {
  return page.locator("details.fc-section").filter({ has: page.locator("#fc1-total_m2") });
}

/** The land-estimate section ("按用地估算户数" / "Estimate from land"). */
export function landDetails(page) {
  return page.locator("details.fc-details").filter({ has: page.locator("#fc1-site_area_m2") });
}

/** The error message shown beside one field. */
export function fieldError(page, key) {
  return page.locator(`.fc-field--error:has(#fc1-${key}) .fc-error-message`);
}

/** The error summary's links. */
export function summaryLinks(page) {
  return page.locator(".fc-error-summary ul.fc-error-summary-list a");
}

/** No horizontal scrolling of the page. */
export async function pageScrollWidth(page) {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    clientWidth: document.scrollingElement.clientWidth,
  }));
}
