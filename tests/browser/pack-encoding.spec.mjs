// Issue 17 item 2: a pack file saved as GB18030 (what Notepad on Chinese Windows calls "ANSI") is read as
// GB18030 and said so, in the widget and on the batch page; bytes that are neither UTF-8 nor GB18030 are
// refused in words. Never mojibake. (tests/cli.rs: the same for `--rules`.)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect } from "./fixtures.mjs";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/packs/example-new-jurisdiction.gb18030.json");
const GB18030 = { name: "示例.json", mimeType: "application/json", buffer: fs.readFileSync(FIXTURE) };
const NEITHER = { name: "bad.json", mimeType: "application/json", buffer: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x80, 0x22, 0x7d]) };
const LOAD_LABEL = "加载本地标准（规则包 .json 文件）";
const TITLE = "示例规则包：新增地区与新社区类型（演示用，非正式标准）";

test("the widget reads a GB18030 pack file as GB18030 and says so", async ({ page }) => {
  await page.goto("/index.html");
  await page.locator(".fc-standard > summary").click();
  await page.getByLabel(LOAD_LABEL).setInputFiles(GB18030);
  await expect(page.locator(".fc-standard-current")).toContainText(TITLE);
  await expect(page.locator(".fc-pack-encoding")).toContainText("已按 GB18030");
  await page.getByLabel(LOAD_LABEL).setInputFiles(NEITHER);
  await expect(page.locator(".fc-standard .fc-error-message")).toContainText("既不是 UTF-8 也不是 GB18030");
});

test("the batch page reads a GB18030 pack file as GB18030 and says so", async ({ page }) => {
  await page.goto("/batch.html");
  const standard = page.locator(".fcb-standard");
  await standard.locator("summary").click();
  await page.getByLabel(LOAD_LABEL).setInputFiles(GB18030);
  await expect(standard.locator(".fcb-standard-current")).toContainText(TITLE);
  await expect(standard.locator(".fcb-pack-encoding")).toContainText("已按 GB18030");
  await page.getByLabel(LOAD_LABEL).setInputFiles(NEITHER);
  await expect(standard.locator(".fcb-error-message")).toContainText("既不是 UTF-8 也不是 GB18030");
});
