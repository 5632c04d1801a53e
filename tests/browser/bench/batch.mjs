#!/usr/bin/env node
// The batch page in headless Chromium: a 10,000-row .xlsx (written by exceljs) and the same rows as CSV,
// from the moment the file is chosen (the file input's `input` event: Playwright's own hand-over of the
// file's bytes before it, 0.2–0.4 s on a busy machine, is not the page's time and is printed apart) to
// the moment the results table is shown (the page's `facility-calc-batch:result` event, fired once the
// summary and the first rows are in the DOM). Each is
// measured BENCH_RUNS times on a fresh page; the median is reported. Reported by `cargo xtask bench`,
// never asserted. Each run also prints the page's own performance measures (the Worker's reading and
// checking, each reply's trip to the page, what the page draws) and when the next frame was painted.
//
//   node tests/browser/bench/batch.mjs     # against http://127.0.0.1:8080/ (cargo xtask serve)
//   BENCH_BASE_URL=http://127.0.0.1:40123/ CHROMIUM_PATH=/usr/bin/chromium BENCH_ROWS=10000 node …
//
// The last line printed is the result: "xlsx X ms, csv Y ms for N rows (median of R)".
import ExcelJS from "exceljs";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../chromium.mjs";

const BASE = process.env.BENCH_BASE_URL ?? "http://127.0.0.1:8080/";
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const HEADERS = ["小区名称", "旗区", "社区类型", "建设类型", "户数", "人口", "规划面积", "办公面积"];
const PLACES = [
  ["兴安盟", "城市社区"],
  ["东胜区", "农区嘎查村"],
  ["鄂托克前旗敖勒召其镇", "城镇社区"],
  ["仁寿县", "城市社区"],
  ["内蒙古自治区", "牧区嘎查村"],
];

/** A district's sheet: every verdict occurs (some short of area, some without a design, a few typos). */
function rows() {
  return Array.from({ length: ROWS }, (_, i) => {
    const [place, type] = PLACES[i % PLACES.length];
    const households = 200 + ((i * 37) % 3800);
    const total = i % 7 === 0 ? "" : Math.round(households * (0.25 + (i % 5) * 0.03));
    const office = total === "" ? "" : Math.round(total * 0.12);
    return [`社区${i + 1}`, place, type, i % 3 === 0 ? "新建" : "现有", i % 97 === 0 ? "约一千" : households, households * 3, total, office];
  });
}

async function xlsxBytes(data) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("社区");
  sheet.addRow(HEADERS);
  for (const row of data) sheet.addRow(row.map((v) => (v === "" ? null : v)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvBytes(data) {
  return Buffer.from(`\uFEFF${[HEADERS, ...data].map((r) => r.join(",")).join("\r\n")}`, "utf8");
}

async function timeOnce(browser, name, mimeType, buffer) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.addInitScript(() => {
    // The file input's `input` event (composed, so it leaves the element's shadow root): the file chosen.
    window.addEventListener("input", () => (window.__chosen ??= performance.now()), true);
    window.addEventListener("facility-calc-batch:result", (e) => {
      const at = performance.now();
      const stages = performance
        .getEntriesByType("measure")
        .filter((m) => m.name.startsWith("facility-calc-batch: "))
        .map((m) => [m.name.slice("facility-calc-batch: ".length), m.duration]);
      // The frame after the table is in the DOM: style, layout and paint of what was drawn.
      requestAnimationFrame(() => setTimeout(() => {
        window.__shown = { at, painted: performance.now(), stages, summary: e.detail };
      }));
    });
  });
  await page.goto(new URL("batch.html", BASE).href);
  await page.locator('.fcb[data-ready="true"]').waitFor();
  const start = await page.evaluate(() => performance.now());
  await page.locator('input[type="file"][accept*=".xlsx"]').setInputFiles({ name, mimeType, buffer });
  await page.waitForFunction(() => window.__shown, null, { timeout: 120_000, polling: 50 });
  const { at, painted, stages, summary } = await page.evaluate(() => window.__shown);
  const chosen = await page.evaluate(() => window.__chosen);
  await page.close();
  if (problems.length) throw new Error(`page errors: ${problems.join("; ")}`);
  if (summary.rows !== ROWS) throw new Error(`${name}: ${summary.rows} rows checked, expected ${ROWS}`);
  const ms = (t) => `${t.toFixed(0)} ms`;
  const breakdown = stages.map(([stage, duration]) => `${stage} ${duration.toFixed(0)}`).join(", ");
  console.log(
    `batch bench: ${name}: shown ${ms(at - chosen)}, painted ${ms(painted - chosen)} (file handed over by Playwright in ${ms(chosen - start)}; ${breakdown})`,
  );
  return at - chosen;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const data = rows();
  const files = [
    ["xlsx", "communities.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", await xlsxBytes(data)],
    ["csv", "communities.csv", "text/csv", csvBytes(data)],
  ];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const results = [];
  try {
    for (const [label, name, type, buffer] of files) {
      const times = [];
      for (let run = 0; run < RUNS; run++) times.push(await timeOnce(browser, name, type, buffer));
      console.log(`batch bench: ${label} (${buffer.length.toLocaleString("en")} bytes): ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
      results.push(`${label} ${median(times).toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
  }
  console.log(`file chosen → table shown: ${results.join(", ")} for ${ROWS.toLocaleString("en")} rows (median of ${RUNS})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`batch bench: ${error.stack ?? error}`);
    process.exit(1);
  },
);
