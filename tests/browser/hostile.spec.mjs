// Hostile host pages (issue 7) in the browser: `mount` options and `update` with values that throw when
// read, <facility-calc> attributes with 10 MB and malformed values, a page that polluted Object.prototype
// before the widget loaded, and 10 MB pasted into a field. The widget keeps working and says what is wrong;
// console errors and uncaught page errors fail every test (fixtures.mjs).
import { readFileSync } from "node:fs";
import { test, expect, openWidget, headline } from "./fixtures.mjs";
import init, { evaluate, standards } from "../../dist/facility_calc.js";
import { outputKeys } from "../node/output-keys.mjs";

await init({
  module_or_path: readFileSync(new URL("../../dist/facility_calc_bg.wasm", import.meta.url)),
});

/** Mounts a widget into a new element `#hostile-options` with options a hostile page would pass. */
async function mountHostile(page) {
  await page.evaluate(async () => {
    const { default: init, mount } = await import("/facility_calc.js");
    await init();
    const element = document.createElement("div");
    element.id = "hostile-options";
    document.body.append(element);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const options = {
      jurisdiction: "xam",
      settlement: "city",
      mode: "check",
      households: proxy,
      total_m2: "9".repeat(10_000_000),
      lang: Symbol("zh"),
      compact: 10n,
      large_text: () => true,
      planned: new Proxy({}, { ownKeys() { throw new Error("trap"); } }),
    };
    Object.defineProperty(options, "population", {
      enumerable: true,
      get() {
        throw new Error("getter");
      },
    });
    window.__widget = mount(element, options);
  });
  return page.locator("#hostile-options");
}

const inputOf = (container, key) => container.locator(`input.fc-input[id$="-${key}"]`);
const errorOf = (container, key) => container.locator(`.fc-field--error:has(input[id$="-${key}"]) .fc-error-message`);

test("mount and update with options that throw, trap, overflow or have the wrong type", async ({ page }) => {
  await openWidget(page);
  const calc = await mountHostile(page);
  await expect(calc.locator(".fc .fc-error-summary")).toBeVisible();
  await expect(errorOf(calc, "households")).toContainText("户数无法读取");
  await expect(errorOf(calc, "population")).toContainText("常住人口无法读取");
  await expect(errorOf(calc, "total_m2")).toContainText("过长");
  // The user puts it right by typing; the page's problem no longer stands in the way.
  await inputOf(calc, "households").fill("1250");
  await inputOf(calc, "population").fill("3000");
  await inputOf(calc, "total_m2").fill("420");
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("375 m²");
  await expect(calc.locator(".fc-field--error")).toHaveCount(0);

  // update() with the same kinds of values: the problems are shown, what the user typed stays.
  await page.evaluate(() => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const widget = window.__widget;
    widget.update(proxy);
    widget.update(new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } }));
    widget.update({ households: proxy, occupied_households: "1".repeat(10_000_000) });
  });
  await expect(errorOf(calc, "households")).toContainText("户数无法读取");
  await expect(inputOf(calc, "households")).toHaveValue("1250");
  await page.evaluate(() => window.__widget.update({ households: 800, occupied_households: "" }));
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("300 m²");
  await expect(calc.locator(".fc-field--error")).toHaveCount(0);
  // The demo page's own widget was never disturbed.
  await expect(headline(page)).toBeVisible();
});

test("a page that polluted Object.prototype before the widget loaded", async ({ page }) => {
  // Not the array indices the node suite also traps: the browser's own scripts (and any page library)
  // push into arrays, which such setters break whatever the widget does.
  const keys = outputKeys(evaluate, standards).filter((key) => !/^\d+$/.test(key));
  await page.addInitScript((keys) => {
    window.__setterCalls = [];
    for (const key of keys) {
      if (Object.prototype.hasOwnProperty.call(Object.prototype, key)) continue;
      Object.defineProperty(Object.prototype, key, {
        configurable: true,
        get() {
          return undefined;
        },
        set() {
          window.__setterCalls.push(key);
          throw new Error(`polluted setter ${key}`);
        },
      });
    }
    window.__results = [];
    window.__errors = [];
    document.addEventListener("facility-calc:result", (e) => window.__results.push(e.detail.required_area_m2));
    document.addEventListener("facility-calc:error", (e) => window.__errors.push(e.detail.errors.map((x) => x.field)));
  }, keys);
  await page.goto("/hostile.html");
  const calc = page.locator("#calc-hostile");
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("375 m²");
  await calc.evaluate((el) => el.setAttribute("households", "12,5"));
  await expect(errorOf(calc, "households")).toContainText("分隔符位置有误");
  await calc.evaluate((el) => el.setAttribute("households", "2,000"));
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("600 m²");
  const seen = await page.evaluate(() => ({
    setters: window.__setterCalls,
    results: window.__results,
    errors: window.__errors,
    property: document.querySelector("#calc-hostile").result?.required_area_m2,
  }));
  expect(seen.setters, "a polluted setter ran").toEqual([]);
  expect(seen.results).toEqual([375, 600]);
  expect(seen.errors).toEqual([["households"]]);
  expect(seen.property).toBe(600);
});

test("attributes of <facility-calc> with 10 MB and malformed values", async ({ page }) => {
  await page.goto("/hostile.html");
  const calc = page.locator("#calc-hostile");
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("375 m²");
  await calc.evaluate((el) => {
    el.setAttribute("population", "5".repeat(10_000_000));
    el.setAttribute("lang", "x".repeat(10_000_000));
    el.setAttribute("households", "1250 1");
  });
  await expect(errorOf(calc, "population")).toContainText("过长");
  await expect(errorOf(calc, "households")).toContainText("“1250”之后");
  await expect(calc.locator(".fc-error-summary")).toContainText("页面参数过长");
  // The last good result stays on screen while the input is wrong, and comes back when put right.
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("375 m²");
  await calc.evaluate((el) => {
    el.setAttribute("population", "3000");
    el.setAttribute("lang", "zh-CN");
    el.setAttribute("households", "1,500");
  });
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("450 m²");
  await expect(calc.locator(".fc-error-summary")).toHaveCount(0);
});

test("10 MB pasted into a field: an error that says so, and the widget keeps working", async ({ page }) => {
  // Sending 10 MB through the DevTools protocol takes seconds on a busy machine.
  test.setTimeout(120_000);
  await page.goto("/hostile.html");
  const calc = page.locator("#calc-hostile");
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("375 m²");
  const started = Date.now();
  await inputOf(calc, "households").fill("8".repeat(10_000_000));
  await expect(errorOf(calc, "households")).toContainText("过长（10,000,000 个字符）");
  console.log(`10 MB pasted: error shown after ${Date.now() - started} ms`);
  // The last good result stays while the field is wrong.
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("375 m²");
  await inputOf(calc, "households").fill("2000");
  await expect(calc.locator('.fc-summary [data-figure="required_area_m2"]')).toHaveText("600 m²");
  await expect(errorOf(calc, "households")).toHaveCount(0);
});
