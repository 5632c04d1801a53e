// Issue 15 on the batch page: a sheet as an office keeps it (a title row, its county-level places, shorthand
// types, 1.2万, a 合计 row and a 填表人 footer) is checked row by row; the totals and footer rows are 已跳过,
// listed and never counted; a sheet of nothing but errors says nothing could be checked; a spreadsheet
// chosen as a rule pack is named as such.
import { test, expect } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

const OFFICE = [
  "XX盟社区综合服务设施统计表,,,,,,",
  "序号,社区名称,所属旗区,社区类型,户数,现有用房面积(㎡),其中办公面积",
  "1,和平社区,乌兰浩特市,城市,1000,300,40",
  "2,团结社区,科右前旗,城市社区,1.2万,3600,400",
  "3,新村社区,突泉县,城市,1200,200,",
  "合计,,,,13200,4100,440",
  "填表人：张三,,,,,,",
].join("\r\n");

async function check(page, name, text) {
  await page.goto("/batch.html");
  await expect(page.locator(".fcb")).toHaveAttribute("data-ready", "true");
  await page.locator('input[type="file"][accept*=".xlsx"]').setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  // A column the page could not place (序号, 备注) asks the user to confirm the columns first.
  const start = page.getByRole("button", { name: "开始核查" });
  const status = page.locator('.fcb [role="status"]');
  try {
    await expect(status).toContainText("已核查", { timeout: 4000 });
  } catch {
    await start.click();
  }
}

test("an office's sheet: places and shorthand read, the totals and footer rows skipped and listed", async ({ page }) => {
  await check(page, "统计表.csv", OFFICE);
  await expect(page.locator('.fcb [role="status"]')).toContainText("已核查 3 行");
  for (const row of [3, 4, 5]) {
    await expect(page.locator(`tr.fcb-row[data-row="${row}"]`)).not.toHaveAttribute("data-verdict", "invalid");
  }
  await expect(page.locator('tr.fcb-row[data-row="3"] [data-figure="required_area_m2"]')).toHaveText("300");
  await expect(page.locator('.fcb-count[data-verdict="skipped"] dd')).toHaveText("2");
  await expect(page.locator('[data-note="skipped"]')).toHaveText("已跳过 2 行（不是社区，不计入汇总）：第 6、7 行。");
  await expect(page.locator('tr.fcb-row[data-row="6"]')).toHaveAttribute("data-verdict", "skipped");
  await expect(page.locator('tr.fcb-row[data-row="6"] [data-figure="action"]')).toContainText("合计行，不是社区");
});

test("a sheet of nothing but errors says nothing could be checked", async ({ page }) => {
  await check(page, "错误.csv", "社区名称,地区,社区类型,户数\r\n甲,火星,城市社区,1000\r\n乙,火星,城市社区,800\r\n");
  await expect(page.locator('[data-note="nothing-checked"]')).toHaveText("无法核查：2 行全部输入有误。请按各行的问题说明更正后重新检查。");
});

test("a spreadsheet chosen as a rule pack is named as one", async ({ page }) => {
  await page.goto("/batch.html");
  await expect(page.locator(".fcb")).toHaveAttribute("data-ready", "true");
  await page.locator(".fcb-standard summary").click();
  await page.getByLabel("加载本地标准（规则包 .json 文件）").setInputFiles({
    name: "统计表.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from("PK\u0003\u0004\u0014\u0000[Content_Types].xml"),
  });
  await expect(page.locator(".fcb-standard")).toContainText("这是电子表格（.xlsx），不是规则包");
  await expect(page.locator(".fcb-standard")).not.toContainText("Unexpected token");
});
