// The batch page (issue 9): dist/batch.html and <facility-calc-batch> under a strict CSP. Real files: .xlsx
// written here by exceljs, CSV in UTF-8 (with BOM) and GBK (iconv-lite), and a pasted table; the downloads
// are read back with exceljs. Console errors and uncaught page errors fail every test (fixtures.mjs).
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import fs from "node:fs";
import { test, expect } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const BOM = "\uFEFF";

/**
 * One row per case: Chinese headers and names as a planner writes them. Xing'an League, city: 30 m² per
 * 100 households (at least 300), office at most 15 % of the total.
 */
const HEADERS = ["小区名称", "旗区", "社区类型", "户数", "规划面积", "办公面积", "备注"];
const CASES = [
  // name, jurisdiction, type, households, total, office → verdict, required m², what the page says
  { cells: ["幸福社区", "兴安盟", "城市社区", "1,250户", 420, 60, "新建"], verdict: "pass", word: "达标", required: "375" },
  { cells: ["和平社区", "兴安盟", "城市社区", 2000, 500, 50, ""], verdict: "fail", word: "不达标", required: "600" },
  { cells: ["团结社区", "xam", "city", "1.2万", "", "", ""], verdict: "incomplete", word: "待补充", required: "3,600" },
  { cells: ["光明社区", "兴安盟", "城市社区", "abc", 300, "", "户数写错了"], verdict: "invalid", word: "输入有误", required: "" },
];

async function xlsxBuffer(headers, rows) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("社区");
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row.map((cell) => (cell === "" ? null : cell)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvText(headers, rows) {
  const quote = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  return [headers, ...rows].map((r) => r.map(quote).join(",")).join("\r\n");
}

/** Rows of CSV text (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell), rows.push(row), (row = []), (cell = "");
    } else cell += ch;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** The batch page, ready (the wasm catalogue is loaded). */
async function openBatch(page, path = "/batch.html") {
  await page.goto(path);
  await expect(page.locator(".fcb")).toHaveAttribute("data-ready", "true");
}

async function chooseFile(page, name, buffer, mimeType) {
  await page.locator('input[type="file"][accept*=".xlsx"]').setInputFiles({ name, mimeType, buffer });
}

const resultRow = (page, row) => page.locator(`tr.fcb-row[data-row="${row}"]`);
const shownRows = (page) => page.locator("tr.fcb-row").evaluateAll((rows) => rows.map((r) => Number(r.dataset.row)));
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const status = (page) => page.locator('.fcb [role="status"]');

async function expectCases(page) {
  await expect(status(page)).toHaveText("已核查 4 行：达标 1 行，不达标 1 行，待补充 1 行，输入有误 1 行。");
  for (const [i, c] of CASES.entries()) {
    const row = resultRow(page, i + 2);
    await expect(row).toHaveAttribute("data-verdict", c.verdict);
    await expect(row.locator(".fcb-verdict")).toHaveText(c.word);
    await expect(row.locator('[data-figure="required_area_m2"]')).toHaveText(c.required);
  }
  // Input order, none dropped.
  await expect(page.locator("tr.fcb-row")).toHaveCount(4);
  expect(await page.locator("tr.fcb-row").evaluateAll((rows) => rows.map((r) => r.dataset.row))).toEqual(["2", "3", "4", "5"]);
  await expect(resultRow(page, 2).locator('[data-figure="office_max_m2"]')).toHaveText("63");
  await expect(resultRow(page, 3).locator('[data-figure="action"]')).toContainText("100");
  await expect(resultRow(page, 2).locator('[data-figure="governing"]')).not.toBeEmpty();
  // The bad row names its row, column and what to type.
  const problem = resultRow(page, 5).locator('[data-figure="problems"] li');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText("第 5 行「户数」（D 列）");
  // The summary at the top: counts and the m² still to build (100 for 和平社区), the worst row named.
  await expect(page.locator('.fcb-count[data-verdict="fail"] dd')).toHaveText("1");
  await expect(page.locator('[data-figure="total_to_build_m2"] dd')).toHaveText("100 m²");
  await expect(page.locator(".fcb-worst li")).toHaveCount(1);
  await expect(page.locator(".fcb-worst li")).toContainText("和平社区");
}

async function download(page, buttonName) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

test("an .xlsx written by exceljs: every row checked in order, and the downloads read back", async ({ page }) => {
  await openBatch(page);
  await chooseFile(page, "社区.xlsx", await xlsxBuffer(HEADERS, CASES.map((c) => c.cells)), XLSX_TYPE);
  await expectCases(page);

  // A row opens in the full widget with its inputs (query names as the widget reads them).
  const link = new URL(await resultRow(page, 3).locator("th a").getAttribute("href"));
  expect(link.pathname).toMatch(/\/index\.html$/);
  expect(Object.fromEntries(link.searchParams)).toMatchObject({ jurisdiction: "xam", settlement: "city", households: "2000", total_m2: "500", office_m2: "50" });

  // .xlsx: the original columns, then the results; verdict cells worded (and coloured).
  const xlsx = await download(page, "下载结果（.xlsx）");
  expect(xlsx.name).toBe("社区-核查结果.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes);
  const sheet = workbook.worksheets[0];
  const headers = sheet.getRow(1).values.slice(1);
  expect(headers.slice(0, HEADERS.length)).toEqual(HEADERS);
  const verdictColumn = headers.indexOf("结论") + 1;
  expect(verdictColumn).toBeGreaterThan(HEADERS.length);
  const verdicts = [2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(verdictColumn));
  expect(verdicts.map((c) => c.value)).toEqual(CASES.map((c) => c.word));
  expect(verdicts[1].fill?.fgColor?.argb).toBeTruthy();
  expect(sheet.getRow(2).getCell(1).value).toBe("幸福社区");
  const required = sheet.getRow(3).getCell(headers.indexOf("应建面积（m²）") + 1).value;
  expect(required).toBe(600);

  // CSV: UTF-8 with a BOM, the same rows.
  const csv = await download(page, "下载结果（.csv）");
  expect(csv.name).toBe("社区-核查结果.csv");
  const text = csv.bytes.toString("utf8");
  expect(text.startsWith(BOM)).toBe(true);
  const lines = parseCsv(text.slice(1));
  expect(lines).toHaveLength(5);
  const csvHeaders = lines[0];
  expect(csvHeaders.slice(0, HEADERS.length)).toEqual(HEADERS);
  const at = csvHeaders.indexOf("结论");
  expect(lines.slice(1).map((l) => l[at])).toEqual(CASES.map((c) => c.word));
  expect(lines[1][3]).toBe("1,250户");
  expect(lines[2][csvHeaders.indexOf("应建面积（m²）")]).toBe("600");
});

test("a GBK CSV with English and synonym headers, the jurisdiction chosen for the whole sheet", async ({ page }) => {
  await openBatch(page);
  const headers = ["Name", "Community type", "Households", "总建筑面积"];
  const rows = [
    ["草原嘎查", "牧区嘎查村", "90", "150平方米"],
    ["东胜小区", "城市社区", "１２００", "300"],
  ];
  await chooseFile(page, "东胜.csv", iconv.encode(csvText(headers, rows), "gbk"), "text/csv");
  // No jurisdiction column: the mapping step waits, and says GB18030 was read (no mojibake).
  const mapping = page.locator(".fcb-mapping");
  await expect(mapping).toBeVisible();
  await expect(mapping).toContainText("GB18030");
  await expect(mapping.locator(".fcb-preview").first()).toContainText("草原嘎查");
  await page.getByRole("button", { name: "开始核查" }).click();
  // GOV.UK error summary linking to the field that needs a value.
  const summary = page.locator(".fcb-error-summary");
  await expect(summary).toBeFocused();
  await summary.getByRole("link").click();
  await expect(page.locator('select[id$="choice-jurisdiction"]')).toBeFocused();
  await page.getByLabel("地区", { exact: true }).selectOption({ label: "鄂尔多斯市东胜区" });
  await page.getByRole("button", { name: "开始核查" }).click();
  await expect(status(page)).toContainText("已核查 2 行");
  // A pastoral village: 150 m² planned meets the 150 m² floor, but its office part (at most 30 %) is not given.
  await expect(resultRow(page, 2)).toHaveAttribute("data-verdict", "incomplete");
  await expect(resultRow(page, 2).locator('[data-figure="required_area_m2"]')).toHaveText("150");
  await expect(resultRow(page, 2).locator('[data-figure="office_max_m2"]')).toHaveText("45");
  await expect(resultRow(page, 3)).toHaveAttribute("data-verdict", "fail");
  await expect(resultRow(page, 3).locator('[data-figure="required_area_m2"]')).toHaveText("360");
  await expect(resultRow(page, 3).locator("th")).toHaveText("东胜小区");
});

test("a UTF-8 CSV with BOM is checked at once; filter and sort", async ({ page }) => {
  await openBatch(page);
  const text = BOM + csvText(HEADERS, CASES.map((c) => c.cells));
  await chooseFile(page, "社区.csv", Buffer.from(text, "utf8"), "text/csv");
  await expectCases(page);
  await page.getByLabel("仅不达标").check();
  await expect(page.locator("tr.fcb-row")).toHaveCount(1);
  await expect(resultRow(page, 3)).toBeVisible();
  await page.getByLabel("仅输入有误").check();
  await expect(page.locator("tr.fcb-row")).toHaveCount(1);
  await expect(resultRow(page, 5)).toBeVisible();
  await page.getByLabel("全部行").check();
  await page.getByLabel("排序").selectOption("gap");
  expect(await page.locator("tr.fcb-row").first().getAttribute("data-row")).toBe("3");
});

test("a pasted table with an ambiguous column: the user picks what it is", async ({ page }) => {
  await openBatch(page);
  const pasted = ["名称\t地区\t类型\t户数\t面积", "新村\t东胜区\t城市社区\t1000\t280", "老村\t东胜区\t城市社区\t1000\t320"].join("\n");
  await page.getByLabel("或粘贴表格内容").fill(pasted);
  await page.getByRole("button", { name: "读取粘贴的表格" }).click();
  const mapping = page.locator(".fcb-mapping");
  await expect(mapping).toBeVisible();
  const areaColumn = page.getByLabel("第 E 列「面积」读作");
  await expect(mapping.locator(".fcb-col--ambiguous")).toHaveCount(1);
  await areaColumn.selectOption("planned.total_m2");
  await page.getByRole("button", { name: "开始核查" }).click();
  await expect(status(page)).toContainText("已核查 2 行：达标 1 行，不达标 1 行");
  await expect(resultRow(page, 2)).toHaveAttribute("data-verdict", "fail");
  await expect(resultRow(page, 3)).toHaveAttribute("data-verdict", "pass");
  // What was pasted is still there.
  await expect(page.getByLabel("或粘贴表格内容")).toHaveValue(pasted);
});

test("the template downloads as .xlsx and .csv and reads back as a checkable sheet", async ({ page }) => {
  await openBatch(page);
  const xlsx = await download(page, "模板.xlsx");
  expect(xlsx.name).toBe("模板.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes);
  const sheet = workbook.worksheets[0];
  expect(sheet.actualRowCount).toBe(3);
  expect(sheet.getRow(1).values.slice(1)).toContain("户数");
  const csv = await download(page, "模板.csv");
  expect(csv.name).toBe("模板.csv");
  expect(csv.bytes.toString("utf8").startsWith(BOM)).toBe(true);
  // The template itself checks without a mapping step.
  await chooseFile(page, "模板.xlsx", xlsx.bytes, XLSX_TYPE);
  await expect(status(page)).toContainText("已核查 2 行");
});

test("a file that is not a spreadsheet gets a clear message, and the page still works", async ({ page }) => {
  await openBatch(page);
  await chooseFile(page, "坏文件.xlsx", Buffer.from("this is not a zip"), XLSX_TYPE);
  const summary = page.locator(".fcb-error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("损坏");
  await chooseFile(page, "社区.xlsx", await xlsxBuffer(HEADERS, CASES.map((c) => c.cells)), XLSX_TYPE);
  await expectCases(page);
  await expect(summary).toBeHidden();
});

test("a large sheet shows progress and can be cancelled; the next file still works", async ({ page }) => {
  await openBatch(page);
  const many = Array.from({ length: 80_000 }, (_, i) => [`社区${i}`, "兴安盟", "城市社区", 1000 + (i % 900), 300, 40, ""]);
  await chooseFile(page, "大表.csv", Buffer.from(csvText(HEADERS, many)), "text/csv");
  const busy = page.locator(".fcb-busy");
  await expect(busy).toBeVisible();
  await expect(busy.locator("progress")).toBeAttached();
  await busy.getByRole("button", { name: "取消" }).click();
  await expect(busy).toBeHidden();
  await expect(status(page)).toHaveText("已取消。表格内容没有改变，可以重新开始。");
  await expect(page.locator("tr.fcb-row")).toHaveCount(0);
  await chooseFile(page, "社区.xlsx", await xlsxBuffer(HEADERS, CASES.map((c) => c.cells)), XLSX_TYPE);
  await expectCases(page);
});

test("a sheet chosen while another is still being checked replaces it", async ({ page }) => {
  await openBatch(page);
  const many = Array.from({ length: 80_000 }, (_, i) => [`社区${i}`, "兴安盟", "城市社区", 1000 + (i % 900), 300, 40, ""]);
  await chooseFile(page, "大表.csv", Buffer.from(csvText(HEADERS, many)), "text/csv");
  await expect(page.locator(".fcb-busy")).toBeVisible();
  await chooseFile(page, "社区.xlsx", await xlsxBuffer(HEADERS, CASES.map((c) => c.cells)), XLSX_TYPE);
  await expectCases(page);
  await expect(page.locator(".fcb-busy")).toBeHidden();
});

test("English: the switch relabels the page and the results", async ({ page }) => {
  await openBatch(page);
  await page.getByRole("button", { name: "Switch to English" }).click();
  await expect(page.locator(".fcb")).toHaveAttribute("lang", "en");
  await chooseFile(page, "c.xlsx", await xlsxBuffer(HEADERS, CASES.map((c) => c.cells)), XLSX_TYPE);
  await expect(status(page)).toHaveText("Checked 4 rows: 1 pass, 1 fail, 1 incomplete, 1 with input errors.");
  await expect(resultRow(page, 3).locator(".fcb-verdict")).toHaveText("Fail");
  await expect(page.locator(".fcb-result-table thead")).toContainText("Required area (m²)");
});

test("<facility-calc-batch> under a strict Content-Security-Policy", async ({ page }) => {
  const violations = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  const response = await page.goto("/csp-batch.html");
  expect(response.headers()["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.locator(".fcb")).toHaveAttribute("data-ready", "true");
  await chooseFile(page, "社区.xlsx", await xlsxBuffer(HEADERS, CASES.map((c) => c.cells)), XLSX_TYPE);
  await expectCases(page);
  expect(violations).toEqual([]);
});

/**
 * 250 communities of 1,000 households in Xing'an League's cities (300 m² required): all pass but three
 * short of area (by 30, 200 and 100 m², on three different pages) and one with a typo. Index i is on
 * spreadsheet row i + 2.
 */
const SHORT = { 10: 270, 180: 100, 240: 200 };
const MANY = Array.from({ length: 250 }, (_, i) => {
  const total = SHORT[i] ?? 320;
  return [`社区${i}`, "兴安盟", "城市社区", i === 150 ? "一千" : 1000, total, Math.round(total / 10), ""];
});

async function checkMany(page) {
  await chooseFile(page, "多页.csv", Buffer.from(csvText(HEADERS, MANY)), "text/csv");
  await expect(status(page)).toHaveText("已核查 250 行：达标 246 行，不达标 3 行，待补充 0 行，输入有误 1 行。");
}

const pagination = (page) => page.getByRole("navigation", { name: "结果分页" });

test("a sheet of several pages: every row reachable page by page, sort and filter across pages", async ({ page }) => {
  await openBatch(page);
  await checkMany(page);
  const caption = page.locator(".fcb-result-table caption");
  await expect(caption).toHaveText("核查结果：共 250 行，第 1 / 3 页");
  expect(await shownRows(page)).toEqual(range(2, 101));
  await expect(pagination(page).locator('[aria-current="page"]')).toHaveText("1");
  await expect(pagination(page).getByRole("button", { name: "上一页" })).toHaveCount(0);

  await pagination(page).getByRole("button", { name: "下一页" }).click();
  await expect(caption).toHaveText("核查结果：共 250 行，第 2 / 3 页");
  await expect(page.locator(".fcb-result-table")).toBeFocused();
  expect(await shownRows(page)).toEqual(range(102, 201));
  await expect(resultRow(page, 152)).toHaveAttribute("data-verdict", "invalid");
  await expect(resultRow(page, 152).locator('[data-figure="problems"] li')).toContainText("第 152 行「户数」（D 列）");

  await pagination(page).getByRole("button", { name: "第 3 页" }).click();
  await expect(caption).toHaveText("核查结果：共 250 行，第 3 / 3 页");
  expect(await shownRows(page)).toEqual(range(202, 251));
  await expect(pagination(page).getByRole("button", { name: "下一页" })).toHaveCount(0);
  // A row on a later page still opens in the widget with its inputs.
  const link = new URL(await resultRow(page, 242).locator("th a").getAttribute("href"));
  expect(Object.fromEntries(link.searchParams)).toMatchObject({ jurisdiction: "xam", households: "1000", total_m2: "200" });
  await expect(resultRow(page, 242)).toHaveAttribute("data-verdict", "fail");
  await expect(resultRow(page, 242).locator('[data-figure="action"]')).toContainText("100");

  // Sorting orders every row, not just the page shown: the largest gaps first, from pages 2, 3 and 1.
  await page.getByLabel("排序").selectOption("gap");
  await expect(caption).toHaveText("核查结果：共 250 行，第 1 / 3 页");
  expect((await shownRows(page)).slice(0, 3)).toEqual([182, 242, 12]);
  // By name (Chinese collation): 社区100 comes from page 2 to just after 社区10.
  await page.getByLabel("排序").selectOption("name");
  expect((await shownRows(page)).slice(0, 4)).toEqual([2, 3, 12, 102]);

  // Filters keep every matching row of the sheet, on one page here.
  await page.getByLabel("仅不达标").check();
  await expect(caption).toHaveText("核查结果：共 3 行，第 1 / 1 页");
  expect((await shownRows(page)).sort((a, b) => a - b)).toEqual([12, 182, 242]);
  await expect(pagination(page)).toHaveCount(0);
  await page.getByLabel("仅输入有误").check();
  expect(await shownRows(page)).toEqual([152]);
});

test("a worst row's link opens the page that holds it, even when the filter hid it", async ({ page }) => {
  await openBatch(page);
  await checkMany(page);
  await expect(page.locator(".fcb-worst li")).toHaveCount(3);
  await expect(page.locator(".fcb-worst li").first()).toContainText("社区180");
  await page.getByLabel("仅输入有误").check();
  await page.locator(".fcb-worst li a").first().click();
  await expect(page.getByLabel("全部行")).toBeChecked();
  await expect(page.locator(".fcb-result-table caption")).toHaveText("核查结果：共 250 行，第 2 / 3 页");
  await expect(resultRow(page, 182).locator("th a")).toBeFocused();
  await expect(resultRow(page, 182)).toHaveAttribute("data-verdict", "fail");
});

for (const [state, prepare] of Object.entries({
  "the mapping step": async (page) => {
    await chooseFile(page, "d.csv", Buffer.from(csvText(["名称", "户数", "面积"], [["甲", "100", "90"]])), "text/csv");
    await expect(page.locator(".fcb-mapping")).toBeVisible();
    await page.getByRole("button", { name: "开始核查" }).click();
    await expect(page.locator(".fcb-error-summary")).toBeVisible();
  },
  results: async (page) => {
    await chooseFile(page, "社区.xlsx", await xlsxBuffer(HEADERS, CASES.map((c) => c.cells)), XLSX_TYPE);
    await expectCases(page);
  },
  "results over several pages": async (page) => {
    test.slow(); // axe on a page of 100 rows takes a while on a busy machine
    await checkMany(page);
    await pagination(page).getByRole("button", { name: "下一页" }).click();
    await expect(pagination(page).locator('[aria-current="page"]')).toHaveText("2");
  },
})) {
  test(`axe: ${state}`, async ({ page }) => {
    await openBatch(page);
    await prepare(page);
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const found = results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} — ${n.target.join(" ")}`));
    expect(found).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
  });
}

test("the single-community page downloads none of the batch page's files", async ({ page }) => {
  const requested = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await page.goto("/?jurisdiction=xam&settlement=city&households=1250");
  await expect(page.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("375 m²");
  expect(requested.some((path) => path.includes("facility_calc_bg.wasm"))).toBe(true);
  expect(requested.filter((path) => /batch/.test(path))).toEqual([]);
  await expect(page.locator('.page-footer a[href="batch.html"]')).toBeVisible();
});

test("print: the summary report leaves out the controls and fits an A4 page's width", async ({ page }) => {
  await openBatch(page);
  await chooseFile(page, "社区.xlsx", await xlsxBuffer(HEADERS, CASES.map((c) => c.cells)), XLSX_TYPE);
  await expectCases(page);
  // A4 portrait less 12 mm margins: 186 mm ≈ 703 CSS px.
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.emulateMedia({ media: "print" });
  for (const hidden of [".fcb-input", ".fcb-mapping", ".fcb-controls", ".fcb-lang"]) {
    await expect(page.locator(hidden)).toBeHidden();
  }
  await expect(page.locator(".fcb-summary")).toBeVisible();
  const table = await page.locator(".fcb-result-table").evaluate((t) => t.getBoundingClientRect().width);
  expect(table).toBeLessThanOrEqual(703);
});
