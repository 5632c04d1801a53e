// Issue 19 item 2 on the page: hostile .xlsx packages built here at run time (tests/hostile_files.rs holds
// the full table for the CLI, with time and memory) go to the batch page's Worker, which refuses them in
// words or reads them, and the page keeps working afterwards.
import zlib from "node:zlib";
import { test, expect } from "./fixtures.mjs";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A zip of `entries` ({ name, data: Buffer }), each deflated, as a spreadsheet program writes one. */
function zip(entries) {
  const locals = [];
  const directory = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const file = Buffer.from(name, "utf8");
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(zlib.crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(file.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    header.copy(central, 8, 6, 30); // flags … name length, as in the local header
    central.writeUInt32LE(offset, 42);
    locals.push(header, file, packed);
    directory.push(central, file);
    offset += header.length + file.length + packed.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A workbook of one sheet stored as `sheetPath`, with `sheetXml` and optional shared strings. */
function workbook(sheetPath, sheetXml, sharedStrings) {
  const xml = (s) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  const entries = [
    { name: "[Content_Types].xml", data: xml(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/${sheetPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`) },
    { name: "_rels/.rels", data: xml(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: "xl/workbook.xml", data: xml(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="社区" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: "xl/_rels/workbook.xml.rels", data: xml(`<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="${sheetPath.replace(/^xl\//, "")}"/>${sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`) },
    { name: sheetPath, data: sheetXml },
  ];
  if (sharedStrings) entries.push({ name: "xl/sharedStrings.xml", data: xml(sharedStrings) });
  return zip(entries);
}

const cell = (ref, text) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const ROWS = `<row r="1">${cell("A1", "社区名称")}${cell("B1", "地区")}${cell("C1", "社区类型")}${cell("D1", "户数")}</row>` +
  `<row r="2">${cell("A2", "幸福社区")}${cell("B2", "兴安盟")}<c r="C2" t="s"><v>0</v></c><c r="D2"><v>1250</v></c></row>`;
const sheet = (padding = 0) =>
  Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${ROWS}`), Buffer.alloc(padding, 0x20), Buffer.from("</sheetData></worksheet>")]);
const strings = (declared) => `<sst xmlns="${MAIN}" count="1" uniqueCount="${declared}"><si><t>城市社区</t></si></sst>`;

async function openBatch(page) {
  await page.goto("/batch.html");
  await expect(page.locator(".fcb")).toHaveAttribute("data-ready", "true");
}
const choose = (page, name, buffer) =>
  page.locator('input[type="file"][accept*=".xlsx"]').setInputFiles({ name, mimeType: XLSX_TYPE, buffer });
const status = (page) => page.locator('.fcb [role="status"]');
const summary = (page) => page.locator(".fcb-error-summary");

test("a worksheet that inflates past the limit under xl/media/ is refused in words; the page keeps working", async ({ page }) => {
  test.setTimeout(60_000);
  // 300 MB of white space inside the sheet, about 300 KB packed, stored where a picture would be.
  const bomb = workbook("xl/media/sheet1.xml", sheet(300 * 1024 * 1024), strings(1));
  expect(bomb.length).toBeLessThan(1_000_000);
  await openBatch(page);
  const started = Date.now();
  await choose(page, "炸弹.xlsx", bomb);
  await expect(summary(page)).toContainText("压缩炸弹", { timeout: 30_000 });
  console.log(`# the page refused the 300 MB worksheet in ${Date.now() - started} ms`);
  // The same package without the padding reads, and the page is still working.
  await choose(page, "正常.xlsx", workbook("xl/media/sheet1.xml", sheet(0), strings(1)));
  await expect(status(page)).toContainText("已核查 1 行");
  await expect(summary(page)).toBeHidden();
});

test("a shared-strings count that lies (4,000,000,000) is never allocated for: the sheet reads", async ({ page }) => {
  await openBatch(page);
  await choose(page, "谎报.xlsx", workbook("xl/worksheets/sheet1.xml", sheet(0), strings(4_000_000_000)));
  await expect(status(page)).toContainText("已核查 1 行");
  await expect(page.locator('tr.fcb-row[data-row="2"]')).toContainText("375");
});
