// The comparison view (对比): the same community under every jurisdiction, each column what `evaluate`
// gives for it; the required-area chart with its table; the view and the picked jurisdictions in the link.
import { test, expect, openWidget as openCalculator } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

const COMMUNITY = { settlement: "city", households: "1250", total_m2: "400", office_m2: "60" };
const IDS = ["nmg", "xam", "dongsheng", "aolezhaoqi", "renshou"];

/** Opens the demo page with a link; the comparison view has no summary to wait for, so wait for the view. */
async function openWidget(page, query) {
  if (query.view !== "compare") return openCalculator(page, query);
  await page.goto(`/?${new URLSearchParams(query)}`);
  await expect(page.locator(".fc .fc-compare")).toBeVisible();
}

/** The widget's number format: thousands with ",", up to two decimals. */
const num = (n) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(n);

test("对比 shows all five jurisdictions, each column matching evaluate()", async ({ page }) => {
  await openWidget(page, { jurisdiction: "xam", ...COMMUNITY });
  await page.getByRole("button", { name: "对比" }).click();
  await expect(page.getByRole("button", { name: "对比" })).toHaveAttribute("aria-pressed", "true");
  expect(new URL(page.url()).searchParams.get("view")).toBe("compare");
  const table = page.locator(".fc-compare-table");
  await expect(table.locator("thead th[data-jurisdiction]")).toHaveCount(5);

  const expected = await page.evaluate(async ({ ids, community }) => {
    const { evaluate } = await import("/facility_calc.js");
    return ids.map((jurisdiction) =>
      evaluate({
        jurisdiction,
        settlement: community.settlement,
        households: Number(community.households),
        planned: { total_m2: Number(community.total_m2), office_m2: Number(community.office_m2) },
      }),
    );
  }, { ids: IDS, community: COMMUNITY });

  const verdictWords = { pass: "达标", fail: "不达标", incomplete: "待补充" };
  for (const [i, id] of IDS.entries()) {
    const r = expected[i];
    const cell = (key) => table.locator(`td[data-figure="${key}"][data-jurisdiction="${id}"]`);
    await expect(cell("required_area_m2")).toHaveText(`${num(r.required_area_m2)} m²`);
    if (r.office_max_share === null) {
      await expect(cell("office_max_m2")).toHaveText("无规定");
    } else {
      await expect(cell("office_max_m2")).toHaveText(`≤ ${num(r.office_max_share * 100)}% · ${num(r.office_max_m2)} m²`);
    }
    if (r.staff_min !== null && r.staff_max !== null) {
      await expect(cell("staff")).toHaveText(`${r.staff_min}–${r.staff_max} 人`);
    } else if (r.staff_min !== null) {
      await expect(cell("staff")).toHaveText(`≥ ${r.staff_min} 人`);
    } else {
      await expect(cell("staff")).toHaveText("无规定");
    }
    await expect(cell("verdict")).toHaveText(verdictWords[r.verdict]);
    await expect(cell("documents")).toContainText("《");
    await expect(cell("documents")).not.toContainText(/nmg2017|xam2018|ds2023|rs2018|alzq2024/);
  }
  // Renshou sets no office ceiling, so its 60 m² office is not checked: not the same verdict as xam.
  expect(expected[IDS.indexOf("renshou")].office_max_share).toBeNull();
});

test("the chart of required area against households, with its table; picking jurisdictions goes into the link", async ({ page }) => {
  await openWidget(page, { jurisdiction: "xam", settlement: "city", households: "1250", construction: "new", view: "compare" });
  const chart = page.locator('[data-chart="required-by-households"]');
  await expect(chart.locator("polyline")).toHaveCount(5);
  // The table equivalent: at 5,000 households every jurisdiction's rate (30 m² per 100) gives 1,500 m².
  const lastRow = page.locator(".fc-compare-curve tbody tr").last();
  await expect(lastRow.locator("th")).toHaveText("5,000");
  await expect(lastRow.locator("td")).toHaveText(Array(5).fill("1,500"));
  // Where the 500 m² floor for new city communities gives way to the rate (500 ÷ 30 × 100 = 1,666.7).
  const xam = page.locator('.fc-breakpoints li[data-jurisdiction="xam"]');
  await expect(xam).toContainText("1,666 户及以下按固定最低面积（500 m²）；以上按每百户标准");
  await expect(page.locator('.fc-breakpoints li[data-jurisdiction="renshou"]')).toContainText("无固定最低面积");
  const expectedAt = await page.evaluate(async () => {
    const { evaluate } = await import("/facility_calc.js");
    const at = (households) => evaluate({ jurisdiction: "xam", settlement: "city", construction: "new", households }).required_area_m2;
    return [at(1666), at(1667)];
  });
  expect(expectedAt[0]).toBe(500);
  expect(expectedAt[1]).toBeGreaterThan(500);

  await page.getByLabel("四川省眉山市仁寿县").uncheck();
  await page.getByLabel("内蒙古自治区").uncheck();
  await expect(chart.locator("polyline")).toHaveCount(3);
  const link = new URL(page.url());
  expect(link.searchParams.get("compare")).toBe("xam,dongsheng,aolezhaoqi");
  await page.reload();
  await expect(page.locator(".fc-compare-table thead th[data-jurisdiction]")).toHaveCount(3);
});

test("printable: the comparison prints without its controls", async ({ page }) => {
  await openWidget(page, { jurisdiction: "xam", ...COMMUNITY, view: "compare" });
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".fc-compare-table")).toBeVisible();
  await expect(page.locator(".fc-compare-pick")).toBeHidden();
  await expect(page.locator('[data-chart="required-by-households"]')).toBeVisible();
});

test("<facility-calc view=\"compare\" compare=\"…\">: an embedded widget opens on the comparison of the jurisdictions named", async ({ page }) => {
  await page.goto("/csp.html");
  await page.evaluate(() => {
    const el = document.createElement("facility-calc");
    el.id = "calc-compare";
    for (const [name, value] of Object.entries({ settlement: "city", households: "1250", view: "compare", compare: "xam,renshou" })) {
      el.setAttribute(name, value);
    }
    document.querySelector("main").append(el);
  });
  const calc = page.locator("#calc-compare");
  await expect(calc.locator(".fc-compare-table thead th[data-jurisdiction]")).toHaveCount(2);
  await expect(calc.locator('.fc-compare-table td[data-figure="required_area_m2"][data-jurisdiction="renshou"]')).toHaveText("375 m²");
  await calc.evaluate((el) => el.setAttribute("view", "calculator"));
  await expect(calc.locator(".fc-summary")).toBeVisible();
});
