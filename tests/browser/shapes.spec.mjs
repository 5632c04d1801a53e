// Issue 16's figures in the browser: each example pack loaded from its file in the widget (the ceiling, the
// 建议值 and its note, a plan that takes area off, tiers by residential floor area with the field asked for
// only where a rule steps by it, an area per population) and in the batch page (the 上限 / 建议值 columns).
// Figures expected are the engine's own, read through the page's evaluate() where they are not the issue's.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

const PACKS = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../examples/packs");
const pack = (name) => path.join(PACKS, `${name}.json`);
const LOAD_LABEL = "加载本地标准（规则包 .json 文件）";
const headline = (page, key) => page.locator(`.fc-summary [data-figure="${key}"]`);

async function loadInWidget(page, name) {
  await page.goto("/index.html");
  await page.locator(".fc-standard > summary").click();
  await page.getByLabel(LOAD_LABEL).setInputFiles(pack(name));
  await expect(page.locator(".fc-pack-notice")).toContainText("按本地标准计算");
}

test("a ceiling and a recommended value: shown beside the required area, the note, a plan that takes area off", async ({ page }) => {
  await loadInWidget(page, "example-ceiling-recommended");
  await page.getByLabel("地区", { exact: true }).selectOption("example_centre_city");
  await page.getByLabel("城市社区").check();
  await page.getByLabel("户数", { exact: true }).fill("1000");
  await expect(headline(page, "required_area_m2")).toHaveText("600 m²");
  await expect(headline(page, "max_area_m2")).toHaveText("≤ 1,500 m²");
  await expect(headline(page, "recommended_area_m2")).toHaveText("800 m²");
  // The 建议值 card cites its own rule.
  const card = page.locator('.fc-figure[data-figure="recommended_area_m2"]');
  await expect(card).toContainText("建议总面积（示例）");

  await page.locator(".fc-details-summary", { hasText: "核查规划设计" }).click();
  await page.getByLabel("规划总建筑面积").fill("650");
  const verdict = page.locator(".fc-summary .fc-verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "pass");
  await expect(verdict).toContainText("达标；未达建议值 800 m²");
  const recommended = page.locator('.fc-checks tr[data-rule="example-centre-2026.area.recommended"]');
  await expect(recommended).toContainText("建议值");
  await expect(recommended.locator("td").last()).toHaveText("未达建议值");

  await page.getByLabel("规划总建筑面积").fill("1700");
  await expect(verdict).toHaveAttribute("data-verdict", "fail");
  const ceiling = page.locator('.fc-checks tr[data-rule="example-centre-2026.area.max"] td');
  await expect(ceiling).toHaveText(["1,700 m²", "≤ 1,500 m²", "超出上限 200 m²", "✗ 不达标"]);
  await expect(page.locator('[data-plan="total"]')).toContainText("≤ 1,500 m²");
  await expect(page.locator('[data-plan="total"]')).toContainText("减少 200 m²");
  // The chart shows the ceiling beside the minimums.
  await expect(page.locator(".fc-chart")).toContainText("总面积上限（示例） ≤");
});

test("tiers by residential floor area: the field appears only where a rule steps by it, and the tier is named", async ({ page }) => {
  await loadInWidget(page, "example-tiers");
  const field = page.getByRole("textbox", { name: /住宅建筑面积/ });
  await page.getByLabel("地区", { exact: true }).selectOption("example_tiers_households");
  await page.getByLabel("城市社区").check();
  await page.getByLabel("户数", { exact: true }).fill("3200");
  await expect(headline(page, "required_area_m2")).toHaveText("800 m²");
  await expect(field).toHaveCount(0);
  await expect(page.locator('.fc-rule[data-rule="example-tiers-2026.area.by_households"]')).toContainText("3,200 户，属于 3,000 户以上一档");

  await page.getByLabel("地区", { exact: true }).selectOption("example_tiers_floor_area");
  await expect(field).toBeVisible();
  await expect(headline(page, "required_area_m2")).toHaveCount(0);
  await field.fill("12万");
  await expect(headline(page, "required_area_m2")).toHaveText("1,700 m²");
  expect(new URL(page.url()).searchParams.get("residential_floor_area_m2")).toBe("12万");
});

test("an area per 1,000 residents waits for the population", async ({ page }) => {
  await loadInWidget(page, "example-per-population");
  await page.getByLabel("地区", { exact: true }).selectOption("example_residents_city");
  await page.getByLabel("城市社区").check();
  await page.getByLabel("户数", { exact: true }).fill("1000");
  await expect(headline(page, "required_area_m2")).toHaveCount(0);
  await page.getByLabel("常住人口（可选）").fill("3275");
  await expect(headline(page, "required_area_m2")).toHaveText("163.75 m²");
  await expect(headline(page, "max_area_m2")).toHaveText("≤ 393 m²");
});

test("the batch page checks under a pack with a ceiling and shows the ceiling and the recommended value", async ({ page }) => {
  await page.goto("/batch.html");
  await expect(page.locator(".fcb")).toHaveAttribute("data-ready", "true");
  await page.locator(".fcb-standard summary").click();
  await page.getByLabel(LOAD_LABEL).setInputFiles(pack("example-ceiling-recommended"));
  const sheet = "小区名称,地区,社区类型,户数,规划面积\r\n大中心,example_centre_city,city,1000,1700\r\n小中心,example_centre_city,city,1000,650\r\n";
  await page.locator('input[type="file"][accept*=".xlsx"]').setInputFiles({ name: "centres.csv", mimeType: "text/csv", buffer: Buffer.from(sheet) });
  await expect(page.locator('.fcb [role="status"]')).toContainText("已核查 2 行");
  const big = page.locator('tr.fcb-row[data-row="2"]');
  await expect(big).toHaveAttribute("data-verdict", "fail");
  await expect(big.locator('[data-figure="max_area_m2"]')).toHaveText("1,500");
  await expect(big.locator('[data-figure="recommended_area_m2"]')).toHaveText("800");
  await expect(big.locator('[data-figure="action"]')).toHaveText("总面积需减少 200 m²");
  await expect(page.locator('tr.fcb-row[data-row="3"]')).toHaveAttribute("data-verdict", "pass");
  await expect(page.locator(".fcb-result-table thead")).toContainText("总面积上限（m²）");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载结果（.csv）" }).click()]);
  const header = fs.readFileSync(await download.path(), "utf8").split("\r\n")[0];
  expect(header).toContain("总面积上限（m²）,建议值（m²）");
  expect(header).toContain("需减少面积（m²）");
});
