// Issue 18 (item 4, WCAG 2.2 SC 2.4.11 Focus Not Obscured): on a phone with 大字模式 and at 200 % zoom of a
// 1280×900 window (640×450 CSS px), the result bar stuck to the bottom of the screen never covers the
// control that has the keyboard focus. Every control is reached with Tab, as a keyboard user reaches it.
import { test, expect, openWidget } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

for (const { name, viewport, query } of [
  { name: "390×844, 大字模式", viewport: { width: 390, height: 844 }, query: { large_text: "1" } },
  { name: "1280×900 at 200 % zoom", viewport: { width: 640, height: 450 }, query: {} },
]) {
  test(`${name}: the result bar never covers the focused control`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openWidget(page, { jurisdiction: "xam", settlement: "city", households: "1250", mode: "check", total_m2: "420", ...query });
    const bar = page.locator(".fc .fc-summary");
    await page.locator(".fc").first().evaluate((el) => el.scrollIntoView());
    const obscured = [];
    let reached = 0;
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      const hit = await page.evaluate(() => {
        const focused = document.activeElement;
        const inWidget = focused?.closest?.(".fc-form");
        if (!inWidget || !focused.matches("input, select, textarea")) return null;
        const bar = document.querySelector(".fc .fc-summary").getBoundingClientRect();
        const box = focused.getBoundingClientRect();
        // Covered when the bar is over any part of the control (the bar is at the bottom here).
        const covered = box.bottom > bar.top && box.top < bar.bottom && bar.top < window.innerHeight;
        return { id: focused.id || focused.name, covered, box: [box.top, box.bottom], bar: [bar.top, bar.bottom] };
      });
      if (!hit) continue;
      reached += 1;
      if (hit.covered) obscured.push(hit);
    }
    await expect(bar).toBeVisible();
    expect(reached).toBeGreaterThan(5);
    expect(obscured).toEqual([]);
  });
}
