// Print: the 核查报告. Print media hides the controls and shows the report header (date, rule-set version,
// inputs); page.pdf() writes tests/browser/screenshots/report.pdf, which must be one or two A4 pages.
import fs from "node:fs";
import path from "node:path";
import { test, expect, openWidget, screenshot, SCREENSHOTS, headline, FAILING_CHECK, FILED_REPORT } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });


/** The rule-set version, as the widget's own module reports it. */
function rulesetVersion(page) {
  return page.evaluate(async () => (await import("/facility_calc.js")).standards().version);
}

/** Pages in a PDF: "/Type /Page" objects (not "/Type /Pages"). */
function pdfPages(buffer) {
  return (buffer.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

test("print media: controls hidden, report header with 核查报告, date, rule-set version and inputs", async ({ page }) => {
  await openWidget(page, FAILING_CHECK);
  await expect(page.locator(".fc-verdict")).toHaveAttribute("data-verdict", "fail");
  const version = await rulesetVersion(page);
  expect(version).toMatch(/\S/);
  const report = page.locator(".fc .fc-print-only");
  await expect(report).toBeHidden();

  await page.emulateMedia({ media: "print" });
  await expect(report).toBeVisible();
  await expect(report.locator(".fc-report-title")).toHaveText("核查报告");
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  await expect(report).toContainText(`日期：${today}`);
  await expect(report).toContainText(`规则集版本：${version}`);
  const inputs = report.locator("table tr");
  await expect(inputs.filter({ hasText: "地区" })).toContainText("鄂尔多斯市东胜区");
  await expect(inputs.filter({ hasText: "户数" }).first()).toContainText("800");
  await expect(inputs.filter({ hasText: "规划总建筑面积" })).toContainText("230");
  await expect(inputs.filter({ hasText: "其中办公面积" })).toContainText("100");

  // Nothing to press or type on paper.
  for (const selector of [".fc button", ".fc input", ".fc select", ".fc-error-summary", ".fc-no-print"]) {
    const shown = await page.locator(selector).evaluateAll((all) => all.filter((e) => e.getClientRects().length).length);
    expect(shown, `${selector} visible in print`).toBe(0);
  }
  // The result is there: figures, verdict, checks, the rules with their sources.
  await expect(headline(page)).toHaveText("240 m²");
  await expect(page.locator(".fc-verdict")).toBeVisible();
  await expect(page.locator(".fc-verdict")).toContainText("不达标");
  await expect(page.locator('.fc-checks tr[data-rule="nmg2017.area.per_households"]')).toBeVisible();
  await expect(page.locator('.fc-rule[data-rule="nmg2017.area.per_households"] .fc-quote')).toBeVisible();
  await screenshot(page, "print");

  await page.emulateMedia({ media: "screen" });
  await expect(report).toBeHidden();
  await expect(page.getByRole("button", { name: "打印" })).toBeVisible();
});

test("print media in English", async ({ page }) => {
  await openWidget(page, { ...FAILING_CHECK, lang: "en" });
  const version = await rulesetVersion(page);
  await page.emulateMedia({ media: "print" });
  const report = page.locator(".fc .fc-print-only");
  await expect(report.locator(".fc-report-title")).toHaveText("Check report");
  await expect(report).toContainText(`Rule-set version: ${version}`);
  await expect(report.locator("table tr").filter({ hasText: "Households" }).first()).toContainText("800");
});

test("the 打印 button opens the browser's print dialog", async ({ page }) => {
  await openWidget(page, FAILING_CHECK);
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  await page.getByRole("button", { name: "打印" }).click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);
});

for (const [name, extra] of [
  ["report.pdf", {}],
  ["report-large-text-en.pdf", { large_text: "1", lang: "en" }],
]) {
  test(`page.pdf() → ${name}: one or two A4 pages`, async ({ page }) => {
    await openWidget(page, { ...FAILING_CHECK, ...extra });
    await expect(page.locator(".fc-verdict")).toHaveAttribute("data-verdict", "fail");
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, name);
    const pdf = await page.pdf({ path: file, format: "A4", printBackground: true, preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
  });
}

/** The text of every page of a PDF, read with pdf.js. */
async function pdfText(buffer) {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => item.str).join(""));
  }
  return { pages: doc.numPages, text: pages.join("\n") };
}

test("a report a bureau can file: project fields, the fix plan and a signature block in the PDF; no ids or UI tags", async ({ page }) => {
  await openWidget(page, FILED_REPORT);
  await expect(page.locator(".fc-verdict")).toHaveAttribute("data-verdict", "fail");
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const pdf = await page.pdf({ path: path.join(SCREENSHOTS, "report-filed.pdf"), format: "A4", printBackground: true, preferCSSPageSize: true });
  const { pages, text } = await pdfText(pdf);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  const compact = text.replace(/\s+/g, "");
  for (const expected of ["核查报告", "幸福里小区", "东胜区铁西路1号", "某某置业有限公司", "张三", "2026-11-25", "240m²", "不达标", "达标方案", "审核", "单位盖章", "《内蒙古“十三五”城乡社区规划》"]) {
    expect(compact, `the PDF says ${expected}`).toContain(expected);
  }
  expect(text).not.toMatch(/\b(nmg2017|xam2018|ds2023|rs2018|alzq2024)\b/);
  for (const tag of ["起决定作用", "参考", "技术细节"]) expect(compact).not.toContain(tag);
  // Figures waiting for an input are named as not provided, not printed half-finished.
  expect(compact).not.toContain("填写已入住户数后判断");
});
