// Rule packs in the browser (issue 8): a pack with a new jurisdiction and a new community type, loaded from
// a file by the user, through the custom element's `rules` attribute and through mount(); the result says
// so on screen, in print and in the link; a link whose pack is not loaded says which pack it needs.
import { test, expect } from "./fixtures.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACK = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../examples/packs/example-new-jurisdiction.json");
const headline = (page) => page.locator('.fc [data-figure="required_area_m2"].fc-headline-value').first();

test("the user loads a pack from a file: new jurisdiction, new community type, marked everywhere", async ({ page }) => {
  await page.goto("/index.html");
  await page.locator(".fc-standard > summary").click();
  await expect(page.locator(".fc-standard-current")).toContainText("内置标准");
  await page.getByLabel("加载本地标准（规则包 .json 文件）").setInputFiles(PACK);
  await expect(page.locator(".fc-standard-current")).toContainText("示例规则包：新增地区与新社区类型");
  await expect(page.locator(".fc-standard-current")).toContainText("2026.11-example");
  await expect(page.locator(".fc-standard-current")).toContainText("facility-calc 示例 / example");

  await page.getByLabel("地区", { exact: true }).selectOption("example_city");
  // Only the types this jurisdiction's document speaks of, in its words.
  const types = await page.locator('input[name="fc1-settlement"]').evaluateAll((all) => all.map((i) => i.value));
  expect(types).toEqual(["city", "industrial_park"]);
  await page.getByLabel("产业园区社区（示例）").check();
  await page.getByLabel("户数", { exact: true }).fill("1000");
  await expect(headline(page)).toHaveText("400 m²");
  await expect(page.locator(".fc-pack-notice")).toContainText("按本地标准计算");
  await expect(page.locator(".fc-rule[data-rule='example-city-2026.area.park_min']")).toBeVisible();

  const url = new URL(page.url());
  expect(url.searchParams.get("rules")).toBe("example-new-jurisdiction");
  expect(url.searchParams.get("rules_version")).toBe("2026.11-example");

  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".fc-report-pack")).toContainText("示例规则包");
  await page.emulateMedia({ media: "screen" });

  // The same link in a fresh page, where the pack is not loaded: no result under other rules.
  const other = await page.context().newPage();
  await other.goto(url.href);
  await expect(other.locator(".fc-pack-notice--missing")).toContainText("example-new-jurisdiction");
  await expect(other.locator(".fc-pack-notice--missing")).toContainText("2026.11-example");
  await expect(headline(other)).toHaveCount(0);
  // Loading it there computes the same figure.
  await other.locator(".fc-standard > summary").click();
  await other.getByLabel("加载本地标准（规则包 .json 文件）").setInputFiles(PACK);
  await expect(headline(other)).toHaveText("400 m²");

  // Back to the built-in standards: example_city is no longer a choice; the typed households stay.
  await page.getByRole("button", { name: "改用内置标准" }).click();
  await expect(page.locator(".fc-pack-notice")).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get("rules")).toBeNull();
  await expect(page.getByLabel("户数", { exact: true })).toHaveValue("1000");
});

test("a bad pack is rejected whole with its problems listed; the widget keeps working", async ({ page }) => {
  await page.goto("/index.html?jurisdiction=xam&settlement=city&households=1250");
  await expect(headline(page)).toHaveText("375 m²");
  await page.locator(".fc-standard > summary").click();
  await page.getByLabel("加载本地标准（规则包 .json 文件）").setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"format": "facility-calc/rules@1", "id": "broken", "rules": [ {"kind": "x"'),
  });
  await expect(page.locator(".fc-standard .fc-error-message")).toContainText("规则包未加载");
  await expect(page.locator(".fc-standard .fc-error-message")).toContainText("不是有效的 JSON");
  await expect(headline(page)).toHaveText("375 m²");
});

test("<facility-calc rules=URL> and mount(el, { rules: pack }) compute under the pack", async ({ page }) => {
  await page.goto("/bureau.html");
  await page.evaluate(async () => {
    const element = document.createElement("facility-calc");
    element.id = "with-pack";
    for (const [k, v] of Object.entries({ rules: "packs/example-new-jurisdiction.json", jurisdiction: "example_city", settlement: "industrial_park", households: "1000" })) {
      element.setAttribute(k, v);
    }
    document.body.append(element);
  });
  const element = page.locator("#with-pack");
  await expect(element.locator('[data-figure="required_area_m2"].fc-headline-value')).toHaveText("400 m²");
  await expect(element.locator(".fc-pack-notice")).toContainText("示例规则包");
  const result = await element.evaluate((e) => e.result);
  expect(result.ruleset).toEqual({ id: "example-new-jurisdiction", version: "2026.11-example", builtin: false });

  // mount() with the pack object, in the same page's module instance.
  const figure = await page.evaluate(async () => {
    const module = await import("./facility_calc.js");
    const pack = await (await fetch("packs/example-local-document.json")).json();
    const host = document.createElement("div");
    document.body.append(host);
    module.mount(host, { rules: pack, jurisdiction: "example_banner", settlement: "city", households: "1250" });
    await new Promise((r) => setTimeout(r, 100));
    return host.querySelector('[data-figure="required_area_m2"].fc-headline-value')?.textContent;
  });
  expect(figure).toBe("437.5 m²");
});
