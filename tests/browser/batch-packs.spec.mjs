// The batch page checks a sheet against a bureau's own rule pack (issues 8 × 9): the example packs loaded
// from the repository through the file input, a sheet whose rows use the pack's new jurisdiction and
// community type, verdicts compared with what the widget's own `evaluate(…, { rules })` gives for the same
// rows (never figures copied from the page), a bad pack refused with its JSON paths, the way back to the
// built-in standards, the downloads and the print naming the pack, and axe with a pack loaded.
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

const PACKS = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../examples/packs");
const NEW_JURISDICTION = path.join(PACKS, "example-new-jurisdiction.json");
const LOCAL_DOCUMENT = path.join(PACKS, "example-local-document.json");
const PACK_ID = "example-new-jurisdiction";
const PACK_VERSION = "2026.11-example";
const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const LOAD_LABEL = "加载本地标准（规则包 .json 文件）";

/**
 * Rows as a planner writes them under the pack: its jurisdiction by Chinese name, id or English name, its
 * new community type, and one built-in jurisdiction (the pack extends the built-in standards).
 * input: what the widget's evaluate() is given for the row.
 */
const HEADERS = ["小区名称", "地区", "社区类型", "户数", "规划面积", "办公面积"];
const ROWS = [
  { cells: ["园区一期", "示例市（演示）", "产业园区社区（示例）", "1000", "400", "60"],
    input: { jurisdiction: "example_city", settlement: "industrial_park", households: 1000, planned: { total_m2: 400, office_m2: 60 } } },
  { cells: ["园区二期", "example_city", "industrial_park", "1000", "380", "60"],
    input: { jurisdiction: "example_city", settlement: "industrial_park", households: 1000, planned: { total_m2: 380, office_m2: 60 } } },
  { cells: ["老城社区", "Example City (demonstration)", "城市社区", "2000", "700", "200"],
    input: { jurisdiction: "example_city", settlement: "city", households: 2000, planned: { total_m2: 700, office_m2: 200 } } },
  { cells: ["幸福社区", "兴安盟", "城市社区", "1250", "420", "60"],
    input: { jurisdiction: "xam", settlement: "city", households: 1250, planned: { total_m2: 420, office_m2: 60 } } },
];
const csv = (rows) => Buffer.from([HEADERS, ...rows.map((r) => r.cells)].map((r) => r.join(",")).join("\r\n"));

async function openBatch(page) {
  await page.goto("/batch.html");
  await expect(page.locator(".fcb")).toHaveAttribute("data-ready", "true");
}

const standard = (page) => page.locator(".fcb-standard");
const status = (page) => page.locator('.fcb [role="status"]');
const resultRow = (page, row) => page.locator(`tr.fcb-row[data-row="${row}"]`);

async function loadPack(page, file) {
  if (!(await standard(page).evaluate((d) => d.open))) await standard(page).locator("summary").click();
  await page.getByLabel(LOAD_LABEL).setInputFiles(file);
}

async function chooseSheet(page, name, buffer) {
  await page.locator('input[type="file"][accept*=".xlsx"]').setInputFiles({ name, mimeType: "text/csv", buffer });
}

/**
 * What the single-community widget's engine says for each row under the pack (or the built-in standards
 * when `packFile` is null): its module loaded into the page, the pack given to its `load_rules`.
 * verdict: the batch verdict id (the engine's `null` without a design is `incomplete`).
 */
async function widgetVerdicts(page, packFile) {
  const packText = packFile ? fs.readFileSync(packFile, "utf8") : null;
  return page.evaluate(async ({ packText, inputs }) => {
    const widget = await import("./facility_calc.js");
    await widget.default();
    const options = packText ? { rules: widget.load_rules(packText) } : {};
    return inputs.map((input) => {
      try {
        const r = widget.evaluate(input, options);
        return { verdict: r.verdict ?? "incomplete", required: r.required_area_m2, office: r.office_max_m2 };
      } catch {
        return { verdict: "invalid", required: null, office: null };
      }
    });
  }, { packText, inputs: ROWS.map((r) => r.input) });
}

const shown = (n) => (n == null ? "" : new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 }).format(n));

async function expectRowsAsTheWidgetSays(page, expected) {
  for (const [i, e] of expected.entries()) {
    const row = resultRow(page, i + 2);
    await expect(row).toHaveAttribute("data-verdict", e.verdict);
    await expect(row.locator('[data-figure="required_area_m2"]')).toHaveText(shown(e.required));
    await expect(row.locator('[data-figure="office_max_m2"]')).toHaveText(shown(e.office));
  }
}

test("a pack from a file: its jurisdiction and community type are checked as the widget checks them, and everything names it", async ({ page }) => {
  await openBatch(page);
  await standard(page).locator("summary").click();
  await expect(standard(page).locator(".fcb-standard-current")).toContainText("内置标准");
  await loadPack(page, NEW_JURISDICTION);
  const current = standard(page).locator(".fcb-standard-current");
  await expect(current).toContainText("示例规则包：新增地区与新社区类型");
  await expect(current).toContainText(PACK_VERSION);
  await expect(current).toContainText("facility-calc 示例 / example");

  await chooseSheet(page, "示例市.csv", csv(ROWS));
  await expect(status(page)).toContainText(`已核查 ${ROWS.length} 行`);
  const expected = await widgetVerdicts(page, NEW_JURISDICTION);
  // The sheet has something to show: the pack's rows are not refused, and one is short of area.
  expect(expected.map((e) => e.verdict)).not.toContain("invalid");
  expect(expected.map((e) => e.verdict)).toContain("fail");
  await expectRowsAsTheWidgetSays(page, expected);
  await expect(resultRow(page, 3).locator('[data-figure="governing"]')).toContainText("示例市配建标准");

  // A row opens in the widget under the same pack, as the widget's own links carry it.
  const link = new URL(await resultRow(page, 2).locator("th a").getAttribute("href"));
  expect(Object.fromEntries(link.searchParams)).toMatchObject({
    jurisdiction: "example_city", settlement: "industrial_park", households: "1000", rules: PACK_ID, rules_version: PACK_VERSION,
  });

  // The summary, on screen and in print, says the results are under a local standard.
  const notice = page.locator(".fcb-results .fcb-pack-notice");
  await expect(notice).toContainText("按本地标准计算（非内置标准）");
  await expect(notice).toContainText(PACK_ID);
  await expect(notice).toContainText(PACK_VERSION);
  await page.emulateMedia({ media: "print" });
  await expect(notice).toBeVisible();
  await expect(standard(page)).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // The downloads name the pack: a last column on every row, and atop the .xlsx's summary sheet.
  const [csvFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载结果（.csv）" }).click()]);
  const lines = fs.readFileSync(await csvFile.path(), "utf8").split("\r\n").filter(Boolean);
  expect(lines[0].endsWith(",适用标准")).toBe(true);
  for (const line of lines.slice(1)) {
    expect(line).toContain("按本地标准计算（非内置标准）");
    expect(line).toContain(`${PACK_ID}`);
    expect(line).toContain(PACK_VERSION);
  }
  const [xlsxFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载结果（.xlsx）" }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(await xlsxFile.path()));
  const summary = workbook.getWorksheet("汇总");
  expect(summary.getRow(1).getCell(1).value).toBe("适用标准");
  expect(String(summary.getRow(1).getCell(2).value)).toContain(PACK_ID);
  const results = workbook.worksheets[0];
  const headers = results.getRow(1).values.slice(1);
  expect(headers.at(-1)).toBe("适用标准");
  expect(String(results.getRow(2).getCell(headers.length).value)).toContain(PACK_VERSION);
});

test("the choices for the whole sheet are the pack's", async ({ page }) => {
  await openBatch(page);
  await loadPack(page, NEW_JURISDICTION);
  await expect(standard(page).locator(".fcb-standard-current")).toContainText(PACK_VERSION);
  // No jurisdiction or type column: both chosen for the whole sheet, from the pack's names.
  const rows = [["园区三期", "1000", "380", "60"]];
  await chooseSheet(page, "园区.csv", Buffer.from([["小区名称", "户数", "规划面积", "办公面积"], ...rows].map((r) => r.join(",")).join("\r\n")));
  await expect(page.locator(".fcb-mapping")).toBeVisible();
  await page.getByLabel("地区", { exact: true }).selectOption({ label: "示例市（演示）" });
  await page.getByLabel("社区类型", { exact: true }).selectOption({ label: "产业园区社区（示例）" });
  await page.getByRole("button", { name: "开始核查" }).click();
  await expect(status(page)).toContainText("已核查 1 行");
  // What the widget says for exactly this row under the pack.
  const row = await page.evaluate(async (packText) => {
    const widget = await import("./facility_calc.js");
    await widget.default();
    const rules = widget.load_rules(packText);
    const r = widget.evaluate({ jurisdiction: "example_city", settlement: "industrial_park", households: 1000, planned: { total_m2: 380, office_m2: 60 } }, { rules });
    return { verdict: r.verdict, required: r.required_area_m2 };
  }, fs.readFileSync(NEW_JURISDICTION, "utf8"));
  await expect(resultRow(page, 2)).toHaveAttribute("data-verdict", row.verdict);
  await expect(resultRow(page, 2).locator('[data-figure="required_area_m2"]')).toHaveText(shown(row.required));
});

test("a bad pack is refused whole with every problem and its path; the page keeps the standards it had", async ({ page }) => {
  await openBatch(page);
  await loadPack(page, NEW_JURISDICTION);
  await expect(standard(page).locator(".fcb-standard-current")).toContainText(PACK_VERSION);
  const pack = JSON.parse(fs.readFileSync(NEW_JURISDICTION, "utf8"));
  pack.id = "broken-pack";
  pack.rules[0].document = "no-such-document";
  pack.rules[1].figure.m2 = -400;
  await page.getByLabel(LOAD_LABEL).setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(pack)) });
  const message = standard(page).locator(".fcb-error-message");
  await expect(message).toContainText("规则包未加载");
  await expect(message.locator("code")).toHaveText(["/rules/0/document", "/rules/1/figure/m2"]);
  // GOV.UK error summary, linking to the file field.
  const summary = page.locator(".fcb-error-summary");
  await expect(summary).toBeFocused();
  await summary.getByRole("link").click();
  await expect(page.getByLabel(LOAD_LABEL)).toBeFocused();
  // Still the good pack: its rows are checked under it.
  await expect(standard(page).locator(".fcb-standard-current")).toContainText(PACK_VERSION);
  await chooseSheet(page, "示例市.csv", csv(ROWS));
  await expect(status(page)).toContainText(`已核查 ${ROWS.length} 行`);
  await expectRowsAsTheWidgetSays(page, await widgetVerdicts(page, NEW_JURISDICTION));

  // Not JSON at all: the one problem, at the whole pack.
  await page.getByLabel(LOAD_LABEL).setInputFiles({ name: "cut.json", mimeType: "application/json", buffer: Buffer.from('{"format": "facility-calc/rules@1", "id": "cut') });
  await expect(message).toContainText("不是有效的 JSON");
  await expect(message.locator("code")).toHaveText(["/"]);
});

test("back to the built-in standards: the sheet is checked again under them, and the links lose the pack", async ({ page }) => {
  await openBatch(page);
  await loadPack(page, NEW_JURISDICTION);
  await chooseSheet(page, "示例市.csv", csv(ROWS));
  await expect(page.locator(".fcb-results .fcb-pack-notice")).toContainText(PACK_ID);
  await page.getByRole("button", { name: "改用内置标准" }).click();
  await expect(standard(page).locator(".fcb-standard-current")).toContainText("内置标准");
  await expect(page.locator(".fcb-results .fcb-pack-notice")).toHaveCount(0);
  const builtin = await widgetVerdicts(page, null);
  // 示例市 is no jurisdiction of the built-in standards: those rows are refused, 兴安盟's is not.
  expect(builtin.map((e) => e.verdict)).toEqual(["invalid", "invalid", "invalid", expect.stringMatching(/pass|fail|incomplete/)]);
  await expectRowsAsTheWidgetSays(page, builtin);
  await expect(resultRow(page, 2).locator('[data-figure="problems"] li').first()).toContainText("「地区」");
  const link = new URL(await resultRow(page, 5).locator("th a").getAttribute("href"));
  expect(link.searchParams.get("rules")).toBeNull();
  expect(link.searchParams.get("rules_version")).toBeNull();
});

test("a local document under an existing jurisdiction: the strictest figure across both governs, as in the widget", async ({ page }) => {
  await openBatch(page);
  await loadPack(page, LOCAL_DOCUMENT);
  await expect(standard(page).locator(".fcb-standard-current")).toContainText("本地标准");
  const rows = [["示例旗社区", "example_banner", "城市社区", "1250", "400", "40"]];
  await chooseSheet(page, "旗.csv", Buffer.from([HEADERS, ...rows].map((r) => r.join(",")).join("\r\n")));
  await expect(status(page)).toContainText("已核查 1 行");
  const expected = await page.evaluate(async (packText) => {
    const widget = await import("./facility_calc.js");
    await widget.default();
    const r = widget.evaluate({ jurisdiction: "example_banner", settlement: "city", households: 1250, planned: { total_m2: 400, office_m2: 40 } }, { rules: widget.load_rules(packText) });
    return { verdict: r.verdict, required: r.required_area_m2 };
  }, fs.readFileSync(LOCAL_DOCUMENT, "utf8"));
  await expect(resultRow(page, 2)).toHaveAttribute("data-verdict", expected.verdict);
  await expect(resultRow(page, 2).locator('[data-figure="required_area_m2"]')).toHaveText(shown(expected.required));
});

test("a pack stays in use after a check is cancelled (the Worker restarted)", async ({ page }) => {
  await openBatch(page);
  await loadPack(page, NEW_JURISDICTION);
  await expect(standard(page).locator(".fcb-standard-current")).toContainText(PACK_VERSION);
  const many = Array.from({ length: 80_000 }, (_, i) => ({ cells: [`社区${i}`, "example_city", "city", "1000", "300", "40"] }));
  await chooseSheet(page, "大表.csv", csv(many));
  const busy = page.locator(".fcb-busy");
  await expect(busy).toBeVisible();
  await busy.getByRole("button", { name: "取消" }).click();
  await expect(busy).toBeHidden();
  await chooseSheet(page, "示例市.csv", csv(ROWS));
  await expect(status(page)).toContainText(`已核查 ${ROWS.length} 行`);
  await expectRowsAsTheWidgetSays(page, await widgetVerdicts(page, NEW_JURISDICTION));
  await expect(page.locator(".fcb-results .fcb-pack-notice")).toContainText(PACK_ID);
});

test("axe: a pack loaded, its results shown, and a refused pack's problems", async ({ page }) => {
  test.slow();
  await openBatch(page);
  await loadPack(page, NEW_JURISDICTION);
  await chooseSheet(page, "示例市.csv", csv(ROWS));
  await expect(status(page)).toContainText(`已核查 ${ROWS.length} 行`);
  await page.getByLabel(LOAD_LABEL).setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from("[]") });
  await expect(standard(page).locator(".fcb-error-message")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} — ${n.target.join(" ")}`));
  expect(found).toEqual([]);
});
