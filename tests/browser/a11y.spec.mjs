// axe-core (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA): zero violations in Chinese and in English, in plan mode, in
// check mode with a failing design, and with errors showing (every <details> opened so nothing is skipped).
import AxeBuilder from "@axe-core/playwright";
import { test, expect, openWidget, retype, headline, summaryLinks, FAILING_CHECK, FILED_REPORT } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

const states = {
  plan: {
    query: { jurisdiction: "xam", settlement: "city", households: "1250" },
    ready: async (page) => expect(headline(page)).toHaveText("375 m²"),
  },
  "check mode with a failure": {
    query: FAILING_CHECK,
    ready: async (page) => expect(page.locator(".fc-verdict")).toHaveAttribute("data-verdict", "fail"),
  },
  "comparison view": {
    query: { jurisdiction: "xam", settlement: "city", households: "1250", total_m2: "400", view: "compare" },
    ready: async (page) => expect(page.locator(".fc-compare-table tbody tr").first()).toBeVisible(),
  },
  "report fields filled": {
    query: FILED_REPORT,
    ready: async (page) => expect(page.locator("#fc1-project")).toHaveValue("幸福里小区"),
  },
  "errors showing": {
    query: { jurisdiction: "xam", settlement: "city", households: "1250", total_m2: "400", mode: "check", colour: "red" },
    ready: async (page) => {
      await retype(page, "households", "abc");
      await retype(page, "office_m2", "500");
      await expect(summaryLinks(page)).toHaveCount(2);
      await expect(page.locator(".fc-summary")).toHaveClass(/fc-summary--stale/);
    },
  },
};

/** One line per violation and node, readable in the test output. */
function describe(violations) {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(" ")} — ${n.failureSummary?.split("\n").join(" ")}`),
  );
}

for (const lang of ["zh-CN", "en"]) {
  for (const [name, state] of Object.entries(states)) {
    test(`axe: ${name}, ${lang}`, async ({ page }) => {
      const query = { ...state.query, ...(lang === "en" ? { lang: "en" } : {}) };
      // The comparison view has no summary for openWidget to wait for; its ready() waits for the view.
      if (query.view === "compare") await page.goto(`/?${new URLSearchParams(query)}`);
      else await openWidget(page, query);
      await state.ready(page);
      await expect(page.locator(".fc")).toHaveAttribute("lang", lang);
      await page.locator(".fc details").evaluateAll((all) => all.forEach((d) => (d.open = true)));
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(describe(results.violations)).toEqual([]);
      // It did look at the widget.
      expect(results.passes.length).toBeGreaterThan(10);
    });
  }
}

test("axe: large text, en, check mode", async ({ page }) => {
  await openWidget(page, {
    jurisdiction: "renshou",
    settlement: "city",
    construction: "new",
    households: "5000",
    total_m2: "1400",
    mode: "check",
    large_text: "1",
    lang: "en",
  });
  await expect(page.locator(".fc")).toHaveClass(/fc--large/);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(describe(results.violations)).toEqual([]);
});

test.describe("axe at 320 px", () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test("axe: check mode with a failure, large text (the checks table scrolls in its own box)", async ({ page }) => {
    await openWidget(page, { ...states["check mode with a failure"].query, large_text: "1", lang: "en" });
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(describe(results.violations)).toEqual([]);
  });
});
