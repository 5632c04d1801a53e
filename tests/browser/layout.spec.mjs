// Answer first: after typing the households, the headline figures are on screen without scrolling, on a
// desktop (the result panel stays in view) and on a phone (a compact result bar); the checks table reads
// at 320 px (no "不/达/标" one character per line).
import { test, expect, openWidget, headline, field, pageScrollWidth, FAILING_CHECK } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

/** Whether each element's box lies inside the viewport. */
async function inViewport(page, locators) {
  const height = page.viewportSize().height;
  const width = page.viewportSize().width;
  const out = [];
  for (const locator of locators) {
    const box = await locator.boundingBox();
    out.push(box !== null && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width);
  }
  return out;
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`${viewport.width}×${viewport.height}: headline figures in view after typing households`, async ({ page }) => {
    await page.setViewportSize(viewport);
    // A design is entered too, so the verdict is one of the headlines.
    await openWidget(page, { jurisdiction: "aolezhaoqi", settlement: "town", total_m2: "400", office_m2: "100" });
    const households = field(page, "households");
    await households.click(); // Playwright scrolls the field into view, as a person would
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.keyboard.type("900");
    await expect(headline(page)).toHaveText("300 m²");
    const summary = page.locator(".fc-summary");
    const figures = [
      headline(page),
      summary.locator('[data-figure="office_max_m2"]'),
      summary.locator('[data-figure="staff"]'),
      summary.locator(".fc-verdict"),
    ];
    await expect(figures[1]).toHaveText("≤ 20% · 80 m²");
    await expect(figures[2]).toHaveText("6–10 人");
    await expect(figures[3]).toHaveAttribute("data-verdict", "fail");
    expect(await inViewport(page, figures)).toEqual([true, true, true, true]);
    // And the field being typed in is still in view: the result does not cover it.
    expect(await inViewport(page, [households])).toEqual([true]);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  });
}

test.describe("320 px", () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test("the checks table: each outcome on one line, each label beside its value", async ({ page }) => {
    await openWidget(page, FAILING_CHECK);
    const outcomes = page.locator(".fc-checks .fc-outcome");
    await expect(outcomes.first()).toBeVisible();
    const lines = await outcomes.evaluateAll((cells) =>
      cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }),
    );
    expect(lines.length).toBeGreaterThan(0);
    // The label (::before) and the value share a line, so the text's boxes sit on one line per cell.
    for (const n of lines) expect(n).toBe(1);
    await expect(outcomes.first()).toContainText(/达标/);
  });

  for (const lang of ["zh-CN", "en"]) {
    test(`the comparison view, large text, ${lang}: no horizontal scroll of the page`, async ({ page }) => {
      await page.goto(`/?jurisdiction=xam&settlement=city&households=1250&total_m2=400&view=compare&large_text=1&lang=${lang}`);
      await expect(page.locator(".fc-compare-table")).toBeVisible();
      const { scrollWidth } = await pageScrollWidth(page);
      expect(scrollWidth).toBeLessThanOrEqual(320);
    });
  }
});
