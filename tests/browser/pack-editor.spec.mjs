// The standard editor (issue 17 item 1): a fictional county's standard written through the editor's
// labelled fields only (no JSON typed), downloaded, and loaded in the widget and on the batch page with the
// figures the county's words give; every built-in jurisdiction (a copy of it) and every example pack read
// into the editor and saved unchanged is accepted by validate_rules and evaluates as the one read; axe in
// zh and en; 390 px and 大字模式. The county and its figures are made up for this test only.
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test, expect, figureValue, headline, pageScrollWidth } from "./fixtures.mjs";

test.describe.configure({ mode: "parallel" });

const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../examples/packs");
const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];
const LOAD_LABEL = "加载本地标准（规则包 .json 文件）";
const COUNTY = "某县（虚构）";

async function openEditor(page, query = "") {
  await page.goto(`/pack-editor.html${query}`);
  await expect(page.locator(".fce")).toHaveAttribute("data-ready", "true");
}

const cards = (page, list) => page.locator(`[data-list="${list}"] .fce-card`);
const label = (scope, text) => scope.getByLabel(text, { exact: true });

/** Ticks exactly the given community types in a card's check-box group. */
async function onlyTypes(card, legend, names) {
  const boxes = card.getByRole("group", { name: legend, exact: true }).getByRole("checkbox");
  for (const box of await boxes.all()) {
    const name = await box.evaluate((b) => b.labels[0].textContent);
    const want = names.includes(name);
    if ((await box.isChecked()) !== want) await box.click();
    await expect(box).toBeChecked({ checked: want });
  }
}

async function addRule(page, { kind, shape, figure, types, title, section, quote }) {
  await page.getByRole("button", { name: "添加规则" }).click();
  const card = cards(page, "rules").last();
  if (kind) await label(card, "规定的内容").selectOption({ label: kind });
  if (shape) await label(card, "计算方式").selectOption({ label: shape });
  for (const [name, value] of Object.entries(figure)) await label(card, name).fill(value);
  if (types) await onlyTypes(card, "适用的社区类型", types);
  await label(card, "规则名称").fill(title);
  await label(card, "条款位置").fill(section);
  await label(card, "原文").fill(quote);
}

async function download(page) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载规则包（.json）" }).click()]);
  const target = path.join(test.info().outputDir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

const noProblems = (page) => expect(page.locator(".fce-problems")).toContainText("没有发现问题");

test("a county's standard written through the forms loads in the widget and the batch page with its figures", async ({ page }) => {
  await openEditor(page);
  await page.getByRole("button", { name: "从空白规则包开始" }).click();
  await label(page, "规则包名称").fill("某县社区综合服务设施配置标准（测试用，虚构）");
  await label(page, "发布单位").fill("某县民政局（虚构）");
  await label(page, "版本").fill("2026.1");
  await label(page, "规则包编号（字母、数字、-、_、.）").fill("county-test");

  await page.getByRole("button", { name: "添加文件" }).click();
  const doc = cards(page, "documents").first();
  await label(doc, "文件标题").fill("某县城乡社区综合服务设施建设实施意见（虚构）");
  await label(doc, "发文单位").fill("某县人民政府（虚构）");
  await label(doc, "日期").fill("2026-11");
  await label(doc, "状态").selectOption({ label: "现行" });
  await label(doc, "文号或来源（可选）").fill("某政发〔2026〕1号");

  await page.getByRole("button", { name: "添加社区类型" }).click();
  await label(cards(page, "types").first(), "名称").fill("农村社区");
  await label(cards(page, "types").first(), "编号（技术信息）").fill("rural");

  await page.getByRole("button", { name: "添加地区" }).click();
  const county = cards(page, "jurisdictions").first();
  await label(county, "地区名称").fill(COUNTY);
  await onlyTypes(county, "提供的社区类型", ["城市社区", "农村社区"]);

  const sentence = "城市社区每百户不低于35平方米，且总面积不低于400平方米；办公面积不超过总面积的20%；农村社区不低于250平方米";
  await addRule(page, { figure: { "每百户平方米数": "35" }, types: ["城市社区"], title: "每百户面积", section: "一", quote: sentence });
  await addRule(page, { shape: "固定面积", figure: { "固定面积（m²）": "400" }, types: ["城市社区"], title: "总面积下限", section: "一", quote: sentence });
  await addRule(page, { kind: "办公面积上限", figure: { "占总建筑面积的百分比（办公上限 / 活动下限）": "20" }, title: "办公面积上限", section: "二", quote: sentence });
  await addRule(page, { shape: "固定面积", figure: { "固定面积（m²）": "250" }, types: ["农村社区"], title: "农村社区面积", section: "三", quote: sentence });

  await noProblems(page);
  const summary = page.locator(".fce-summary");
  await expect(summary).toContainText("城市社区：应建面积下限 不低于 每百户 35 平方米");
  await expect(summary).toContainText("城市社区：应建面积下限 不低于 400 平方米");
  await expect(summary).toContainText("所有社区类型：办公面积上限 不超过 总面积的 20 %");
  await expect(summary).toContainText("农村社区：应建面积下限 不低于 250 平方米");
  // The preview is the engine's: 1,000 and 1,500 urban households, and a rural community.
  await expect(page.locator('[data-sample="0"]')).toContainText("应建面积 400 m²");
  await expect(page.locator('[data-sample="0"]')).toContainText("办公面积 ≤ 20%");
  await expect(page.locator('[data-sample="1"]')).toContainText("应建面积 525 m²");
  await page.getByLabel("样例 3 的社区类型").selectOption({ label: "农村社区" });
  await expect(page.locator('[data-sample="2"]')).toContainText("应建面积 250 m²");

  const file = await download(page);
  const pack = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(pack.format).toBe("facility-calc/rules@1");
  expect(pack.rules).toHaveLength(4);

  // The widget: 适用标准 → 加载本地标准.
  await page.goto("/index.html");
  await page.locator(".fc-standard > summary").click();
  await page.getByLabel(LOAD_LABEL).setInputFiles(file);
  await expect(page.locator(".fc-standard-current")).toContainText("某县社区综合服务设施配置标准");
  await page.getByLabel("地区", { exact: true }).selectOption({ label: COUNTY });
  await page.getByLabel("城市社区", { exact: true }).check();
  await page.getByLabel("户数", { exact: true }).fill("1000");
  await expect(headline(page)).toHaveText("400 m²");
  await expect(figureValue(page, "office_max_m2")).toContainText("≤ 20%");
  await page.getByLabel("户数", { exact: true }).fill("1500");
  await expect(headline(page)).toHaveText("525 m²");
  await page.getByLabel("农村社区", { exact: true }).check();
  await expect(headline(page)).toHaveText("250 m²");

  // The batch page.
  await page.goto("/batch.html");
  await expect(page.locator(".fcb")).toHaveAttribute("data-ready", "true");
  await page.locator(".fcb-standard summary").click();
  await page.getByLabel(LOAD_LABEL).setInputFiles(file);
  await expect(page.locator(".fcb-standard-current")).toContainText("某县社区综合服务设施配置标准");
  // The rural row names its type by id: the batch page refuses the name 农村社区 as two choices share it
  // (the pack's type and the built-in farming_village, which Renshou's jurisdiction calls 农村社区).
  const sheet = ["社区名称,地区,社区类型,户数", `甲社区,${COUNTY},城市社区,1000`, `乙社区,${COUNTY},城市社区,1500`, `丙村,${COUNTY},rural,300`].join("\r\n");
  await page.locator('input[type="file"][accept*=".xlsx"]').setInputFiles({ name: "某县.csv", mimeType: "text/csv", buffer: Buffer.from(sheet) });
  await expect(page.locator('.fcb [role="status"]')).toContainText("已核查 3 行");
  const row = (n) => page.locator(`tr.fcb-row[data-row="${n}"]`);
  await expect(row(2).locator('[data-figure="required_area_m2"]')).toHaveText("400");
  await expect(row(2).locator('[data-figure="office_max_m2"]')).toHaveText("80");
  await expect(row(3).locator('[data-figure="required_area_m2"]')).toHaveText("525");
  await expect(row(4).locator('[data-figure="required_area_m2"]')).toHaveText("250");
});

/** Every jurisdiction × type × construction × households, with a design, under a pack loaded in the page. */
async function scenarioResults(page, packText, jurisdictions) {
  return page.evaluate(async ({ packText, jurisdictions }) => {
    const m = await import("./facility_calc.js");
    await m.default();
    const rules = packText ? m.load_rules(packText) : undefined;
    const options = rules ? { rules } : {};
    const out = [];
    for (const j of m.standards(options).jurisdictions.filter((j) => jurisdictions.includes(j.id))) {
      for (const settlement of j.settlements.map((s) => s.id ?? s)) {
        for (const construction of ["existing", "new", "renovated"]) {
          for (const households of [80, 300, 1250, 3200]) {
            const input = { jurisdiction: j.id, settlement, construction, households, population: households * 3, planned: { total_m2: 420, office_m2: 90 } };
            try {
              const { ruleset, ruleset_version, ...r } = m.evaluate(input, options);
              out.push(r);
            } catch (e) {
              out.push({ errors: e.errors?.map((x) => x.code) });
            }
          }
        }
      }
    }
    return { problems: packText ? m.validate_rules(packText) : [], out };
  }, { packText, jurisdictions });
}

test("every built-in jurisdiction and every example pack, read and saved unchanged, is the pack read", async ({ page }) => {
  test.setTimeout(120_000);
  await openEditor(page);
  const builtin = await page.evaluate(async () => {
    const m = await import("./facility_calc.js");
    await m.default();
    return m.builtin_pack().jurisdictions.map((j) => j.id);
  });
  for (const id of builtin) {
    await label(page, "复制一个内置地区（含其文件和规则）").selectOption(id);
    await page.getByRole("button", { name: "复制并编辑" }).click();
    await noProblems(page);
    const saved = fs.readFileSync(await download(page), "utf8");
    const [copy, original] = [await scenarioResults(page, saved, [id]), await scenarioResults(page, null, [id])];
    expect(copy.problems, id).toEqual([]);
    expect(copy.out.length, id).toBeGreaterThan(10);
    expect(copy.out, id).toEqual(original.out);
  }
  for (const name of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"))) {
    const text = fs.readFileSync(path.join(EXAMPLES, name), "utf8");
    const pack = JSON.parse(text);
    await label(page, "打开示例规则包").selectOption(`packs/${name}`);
    await page.getByRole("button", { name: "打开", exact: true }).click();
    await expect(page.locator(".fce-status")).toContainText(pack.title);
    await noProblems(page);
    const savedFile = await download(page);
    const saved = fs.readFileSync(savedFile, "utf8");
    expect(JSON.parse(saved), name).toEqual(pack);
    const ids = pack.jurisdictions.map((j) => j.id);
    const [again, original] = [await scenarioResults(page, saved, ids), await scenarioResults(page, text, ids)];
    expect(again.problems, name).toEqual([]);
    expect(again.out, name).toEqual(original.out);
    // Opened again from the saved file and saved once more: the same pack.
    await label(page, "打开已有的规则包文件（.json）").setInputFiles(savedFile);
    await expect(page.locator(".fce-status")).toContainText(pack.title);
    expect(JSON.parse(fs.readFileSync(await download(page), "utf8")), name).toEqual(pack);
  }
});

function describe(violations) {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(" ")}`));
}

for (const lang of ["zh-CN", "en"]) {
  test(`axe: the editor with a pack and its problems showing, ${lang}`, async ({ page }) => {
    await openEditor(page, lang === "en" ? "?lang=en" : "");
    await page.getByRole("button", { name: lang === "en" ? "Open" : "打开", exact: true }).click();
    await expect(page.locator(".fce-card").first()).toBeVisible();
    // A problem shown where it is: a title emptied.
    await label(page.locator('[data-list="pack"]'), lang === "en" ? "Title" : "规则包名称").fill("");
    await expect(page.locator(".fce-problems .fcb-error-list a")).toHaveCount(1);
    await expect(page.locator(".fce")).toHaveAttribute("lang", lang);
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(describe(results.violations)).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
  });
}

test("a problem is shown where it is, in words, with its JSON Pointer as a detail, and its link goes to the field", async ({ page }) => {
  await openEditor(page);
  await label(page, "打开示例规则包").selectOption("packs/example-local-document.json");
  await page.getByRole("button", { name: "打开", exact: true }).click();
  const office = cards(page, "rules").nth(1);
  await label(office, "占总建筑面积的百分比（办公上限 / 活动下限）").fill("0.2");
  const link = page.locator(".fce-problems .fcb-error-list a");
  await expect(link).toHaveCount(1);
  await expect(link).toContainText("第 2 条规则（办公面积上限）：");
  await expect(page.locator(".fce-problems")).toContainText("/rules/1/figure/percent");
  await expect(office.locator(".fcb-error-message").filter({ hasText: "/rules/1/figure/percent" })).toBeVisible();
  await link.click();
  await expect(label(office, "占总建筑面积的百分比（办公上限 / 活动下限）")).toBeFocused();
  await expect(page.locator('[data-sample="0"]')).toContainText("改正上面的问题后显示计算结果");
});

test("the editor works at 390 px and in 大字模式", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openEditor(page);
  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(page.getByRole("button", { name: "大字模式" })).toHaveAttribute("aria-pressed", "true");
  await label(page, "打开示例规则包").selectOption("packs/example-tiers.json");
  await page.getByRole("button", { name: "打开", exact: true }).click();
  await expect(page.locator(".fce-card").first()).toBeVisible();
  const size = await page.locator(".fce").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(size).toBeGreaterThanOrEqual(22);
  const { scrollWidth, clientWidth } = await pageScrollWidth(page);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  // Still usable: a figure typed at this width shows in the summary.
  await expect(page.locator(".fce-summary li").first()).toBeVisible();
});
