// Embedding (issue 4): <facility-calc> from dist/embed.js on host pages, and the widget.html iframe.
// Pages: bureau.html (two widgets), csp.html (served with a strict CSP header), hostile.html (a host
// stylesheet that tries to break everything), iframe-demo.html (widget.html in an auto-sized iframe).
// Console errors and uncaught page errors fail every test (fixtures.mjs).
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures.mjs";

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** The headline required area of one <facility-calc>. */
const headline = (calc) => calc.locator('.fc-summary [data-figure="required_area_m2"]');
/** A text field of one widget by its key (ids are fc<N>-<key>; N differs per widget). */
const input = (calc, key) => calc.locator(`input.fc-input[id$="-${key}"]`);
const rendered = (calc) => expect(calc.locator(".fc .fc-summary")).toBeVisible();

/** Records CSP violations (from every frame) in window.__cspViolations. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
}
const cspViolations = (frameOrPage) => frameOrPage.evaluate(() => window.__cspViolations);

/** Records facility-calc events that reach the document, with the target the page sees. */
async function recordEvents(page) {
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ["facility-calc:result", "facility-calc:error"]) {
      document.addEventListener(type, (e) => {
        window.__events.push({ type, target: e.target.id || e.target.localName, detail: e.detail });
      });
    }
  });
}
const events = (page, target) =>
  page.evaluate((t) => window.__events.filter((e) => e.target === t), target);

test.describe("two widgets on one page (bureau.html)", () => {
  test("they render side by side and work independently", async ({ page }) => {
    await watchCsp(page);
    await page.goto("/bureau.html");
    const xam = page.locator("#calc-xam");
    const ds = page.locator("#calc-ds");
    await rendered(xam);
    await rendered(ds);
    await expect(headline(xam)).toHaveText("375 m²");
    await expect(headline(ds)).toHaveText("450 m²");
    await expect(xam.locator("select.fc-select")).toHaveValue("xam");
    await expect(ds.locator("select.fc-select")).toHaveValue("dongsheng");

    // Side by side on a wide screen.
    const a = await xam.boundingBox();
    const b = await ds.boundingBox();
    expect(b.x).toBeGreaterThan(a.x + a.width - 1);
    expect(Math.abs(a.y - b.y)).toBeLessThan(2);

    // Every id is unique on the page (each widget has its own prefix).
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll("facility-calc")].flatMap((el) =>
        [...el.shadowRoot.querySelectorAll("[id]")].map((n) => n.id),
      ),
    );
    expect(new Set(ids).size).toBe(ids.length);

    // Typing in one leaves the other as it was.
    const xamHouseholds = input(xam, "households");
    await xamHouseholds.click();
    await xamHouseholds.press("ControlOrMeta+a");
    await xamHouseholds.pressSequentially("2000");
    await expect(headline(xam)).toHaveText("600 m²");
    await expect(headline(ds)).toHaveText("450 m²");
    await expect(input(ds, "households")).toHaveValue("1500");

    await input(ds, "households").fill("3000");
    await expect(headline(ds)).toHaveText("900 m²");
    await expect(headline(xam)).toHaveText("600 m²");
    await expect(xamHouseholds).toHaveValue("2000");

    // The language switch of one widget is its own.
    await xam.getByRole("button", { name: "Switch to English" }).click();
    await expect(xam.locator(".fc")).toHaveAttribute("lang", "en");
    await expect(ds.locator(".fc")).toHaveAttribute("lang", "zh-CN");

    // Page CSS sets the accent for all widgets; the accent attribute overrides it for one.
    const accent = (calc) =>
      calc.locator(".fc-header").evaluate((h) => getComputedStyle(h).borderBottomColor);
    expect(await accent(xam)).toBe("rgb(165, 28, 28)");
    expect(await accent(ds)).toBe("rgb(26, 79, 139)");
    expect(await cspViolations(page)).toEqual([]);
  });

  test("Copy link gives a widget.html link that reopens the same calculation", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await page.goto("/bureau.html");
    const ds = page.locator("#calc-ds");
    await expect(headline(ds)).toHaveText("450 m²");
    await input(ds, "households").fill("2000");
    await expect(headline(ds)).toHaveText("600 m²");
    await ds.getByRole("button", { name: "复制链接" }).click();
    await expect(ds.locator(".fc-copy-outcome")).not.toBeEmpty();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(`${baseURL}/widget.html?`)).toBe(true);
    const query = new URL(link).searchParams;
    expect(query.get("jurisdiction")).toBe("dongsheng");
    expect(query.get("households")).toBe("2000");
    await page.goto(link);
    await expect(page.locator(".fc-summary [data-figure='required_area_m2']")).toHaveText("600 m²");
    await expect(page.locator("select.fc-select")).toHaveValue("dongsheng");
  });

  test("no request leaves the origin; one wasm, one glue, one stylesheet for both widgets", async ({
    page,
    baseURL,
  }) => {
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto("/bureau.html");
    await expect(headline(page.locator("#calc-xam"))).toHaveText("375 m²");
    await expect(headline(page.locator("#calc-ds"))).toHaveText("450 m²");
    await input(page.locator("#calc-xam"), "households").fill("2000");
    await expect(headline(page.locator("#calc-xam"))).toHaveText("600 m²");
    await page.locator("#calc-ds").getByRole("button", { name: "复制链接" }).isVisible();

    const origin = new URL(baseURL).origin;
    for (const url of requests) expect(new URL(url).origin, url).toBe(origin);
    const paths = requests.map((url) => new URL(url).pathname);
    const allowed = [
      "/bureau.html",
      "/bureau.css",
      "/favicon.svg",
      "/embed.js",
      "/facility_calc.js",
      "/facility_calc_bg.wasm",
      "/facility-calc.css",
    ];
    // wasm-bindgen's snippet of the boundary layer (src/host.js), imported by facility_calc.js.
    const snippet = paths.find((p) => /^\/snippets\/facility-calc-[0-9a-f]+\/src\/host\.js$/.test(p));
    expect(snippet, "the boundary layer's snippet").toBeTruthy();
    allowed.push(snippet);
    for (const path of paths) expect(allowed, `unexpected request ${path}`).toContain(path);
    const count = (path) => paths.filter((p) => p === path).length;
    expect(count(snippet)).toBe(1);
    expect(count("/embed.js")).toBe(1);
    expect(count("/facility_calc.js")).toBe(1);
    expect(count("/facility_calc_bg.wasm")).toBe(1);
    expect(count("/facility-calc.css")).toBe(1);
  });
});

test.describe("narrow screens", () => {
  test.use({ viewport: { width: 320, height: 700 } });
  test("bureau.html at 320 px: widgets stacked, nothing scrolls sideways", async ({ page }) => {
    await page.goto("/bureau.html");
    const xam = page.locator("#calc-xam");
    const ds = page.locator("#calc-ds");
    await expect(headline(xam)).toHaveText("375 m²");
    await expect(headline(ds)).toHaveText("450 m²");
    const a = await xam.boundingBox();
    const b = await ds.boundingBox();
    expect(b.y).toBeGreaterThan(a.y + a.height - 1);
    const widths = await page.evaluate(() => ({
      page: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
      widgets: [...document.querySelectorAll("facility-calc")].map((el) => {
        const fc = el.shadowRoot.querySelector(".fc");
        return fc.scrollWidth - fc.clientWidth;
      }),
    }));
    expect(widths).toEqual({ page: 0, widgets: [0, 0] });
  });
});

test.describe("isolation (hostile.html)", () => {
  /** Boxes (relative to the widget) and computed styles of representative parts of a widget. */
  async function measure(calc) {
    return calc.evaluate((host) => {
      const root = host.shadowRoot;
      const fc = root.querySelector(".fc");
      const origin = fc.getBoundingClientRect();
      const parts = {
        fc,
        title: root.querySelector(".fc-title"),
        select: root.querySelector("select.fc-select"),
        radio: root.querySelector("input.fc-radio-input"),
        radioLabel: root.querySelector(".fc-radio-label"),
        households: root.querySelector('input.fc-input[id$="-households"]'),
        label: root.querySelector("label.fc-label"),
        hint: root.querySelector(".fc-hint"),
        button: root.querySelector(".fc-button"),
        summary: root.querySelector(".fc-summary"),
        headline: root.querySelector('.fc-summary [data-figure="required_area_m2"]'),
        figure: root.querySelector(".fc-figure"),
      };
      const props = [
        "display", "visibility", "font-size", "line-height", "font-family", "font-style", "font-weight",
        "color", "background-color", "letter-spacing", "word-spacing", "text-transform", "text-align",
        "white-space", "cursor", "box-sizing", "border-top-width", "border-top-style", "border-top-color",
        "margin-top", "padding-top",
      ];
      const out = { size: { width: origin.width, height: origin.height } };
      for (const [name, el] of Object.entries(parts)) {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        out[name] = {
          box: [r.x - origin.x, r.y - origin.y, r.width, r.height].map((v) => Math.round(v * 10) / 10),
          style: Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])),
        };
      }
      return out;
    });
  }

  test("a hostile host stylesheet changes nothing inside the widget", async ({ page }) => {
    await page.goto("/hostile.html");
    const calc = page.locator("#calc-hostile");
    await rendered(calc);
    await expect(headline(calc)).toHaveText("375 m²");
    // The same width with and without the hostile sheet, so the layouts can be compared box by box.
    await calc.evaluate((el) => el.style.setProperty("width", "1000px"));
    // The hostile sheet is really in force on the page.
    expect(await page.locator("h1").evaluate((h) => getComputedStyle(h).color)).toBe("rgb(255, 0, 255)");

    const hostile = await measure(calc);
    await page.evaluate(() => {
      document.getElementById("hostile-css").disabled = true;
    });
    expect(await page.locator("h1").evaluate((h) => getComputedStyle(h).color)).not.toBe("rgb(255, 0, 255)");
    const plain = await measure(calc);
    expect(hostile).toEqual(plain);
    expect(plain.households.style.display).not.toBe("none");
    expect(plain.fc.style["font-size"]).toBe("17px");

    // With the hostile sheet back on, the input is visible and works.
    await page.evaluate(() => {
      document.getElementById("hostile-css").disabled = false;
    });
    const households = input(calc, "households");
    await expect(households).toBeVisible();
    await households.fill("4000");
    await expect(headline(calc)).toHaveText("1,200 m²");
    await calc.locator('input.fc-radio-input[value="farming_village"]').check();
    await expect(headline(calc)).toHaveText("1,200 m²");
    await households.fill("100");
    await expect(headline(calc)).toHaveText("150 m²");
    await expect(households).toHaveCSS("display", "block");
  });

  test("the widget's styles do not leak into the page", async ({ page }) => {
    await page.goto("/hostile.html");
    const calc = page.locator("#calc-hostile");
    await rendered(calc);
    await page.evaluate(() => {
      document.getElementById("hostile-css").disabled = true;
    });
    // Nothing was added to the document's own style sheets (the disabled hostile sheet drops out).
    const sheets = await page.evaluate(() => ({
      hrefs: [...document.styleSheets].map((s) => s.href && new URL(s.href).pathname),
      adopted: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll("style").length,
    }));
    expect(sheets).toEqual({ hrefs: [], adopted: 0, styleElements: 0 });
    // The page's own element with the widget's class names keeps the browser defaults.
    const probe = await page.locator("#leak-probe").evaluate((p) => {
      const cs = getComputedStyle(p);
      return { color: cs.color, background: cs.backgroundColor, fontWeight: cs.fontWeight, minHeight: cs.minHeight };
    });
    expect(probe).toEqual({ color: "rgb(0, 0, 0)", background: "rgba(0, 0, 0, 0)", fontWeight: "400", minHeight: "0px" });
  });
});

test.describe("strict Content-Security-Policy (csp.html)", () => {
  test("renders and computes with no CSP violation", async ({ page }) => {
    await watchCsp(page);
    const response = await page.goto("/csp.html");
    expect(response.headers()["content-security-policy"]).toBe(STRICT_CSP);
    const calc = page.locator("#calc-csp");
    await rendered(calc);
    await expect(headline(calc)).toHaveText("960 m²");
    // The page's own script (csp.js) heard the result event.
    await expect(page.locator("#page-status")).toContainText("最低建筑面积 960 平方米");

    await input(calc, "households").fill("4000");
    await expect(headline(calc)).toHaveText("1,200 m²");
    await expect(page.locator("#page-status")).toContainText("1200 平方米");
    await calc.getByRole("button", { name: "Switch to English" }).click();
    await expect(calc.locator(".fc")).toHaveAttribute("lang", "en");
    await calc.locator("details.fc-section > summary").click();
    await input(calc, "total_m2").fill("1300");
    await expect(calc.locator(".fc-verdict")).toHaveAttribute("data-verdict", "pass");

    expect(await cspViolations(page)).toEqual([]);
  });

  test.describe("the violation detector itself", () => {
    test.use({ allowedConsoleErrors: [/Content Security Policy/] });
    test("catches an inline style on the same page", async ({ page }) => {
      await watchCsp(page);
      await page.goto("/csp.html");
      await rendered(page.locator("#calc-csp"));
      await page.evaluate(() => {
        const probe = document.createElement("div");
        probe.setAttribute("style", "color: red");
        document.body.append(probe);
      });
      await expect.poll(() => cspViolations(page)).toHaveLength(1);
    });
  });
});

test.describe("attributes, events and life cycle", () => {
  test("a bad option is reported once, cleared by a good value, and raises one error event", async ({ page }) => {
    await recordEvents(page);
    await page.goto("/csp.html");
    await rendered(page.locator("#calc-csp"));
    await page.evaluate(() => {
      const el = document.createElement("facility-calc");
      el.id = "calc-opt";
      for (const [n, v] of [["jurisdiction", "xam"], ["settlement", "city"], ["households", "1250"], ["lang", "fr"]]) el.setAttribute(n, v);
      document.querySelector("main").append(el);
    });
    const calc = page.locator("#calc-opt");
    await expect(headline(calc)).toHaveText("375 m²");
    const summary = calc.locator(".fc-error-summary");
    await expect(summary).toContainText("fr");
    await expect.poll(async () => (await events(page, "calc-opt")).filter((e) => e.type === "facility-calc:error").length).toBe(1);
    // The same bad value again neither stacks nor raises another event.
    await calc.evaluate((el) => { el.setAttribute("lang", "de"); el.setAttribute("lang", "fr"); });
    await expect(summary.locator("li")).toHaveCount(1);
    await calc.evaluate((el) => el.setAttribute("lang", "en"));
    await expect(summary).toHaveCount(0);
    await expect(calc.locator(".fc")).toHaveAttribute("lang", "en");
  });

  test("opening the design section by entering a total raises exactly one result event", async ({ page }) => {
    await recordEvents(page);
    await page.goto("/csp.html");
    await rendered(page.locator("#calc-csp"));
    await page.evaluate(() => {
      const el = document.createElement("facility-calc");
      el.id = "calc-once";
      for (const [n, v] of [["jurisdiction", "xam"], ["settlement", "city"], ["households", "1250"]]) el.setAttribute(n, v);
      document.querySelector("main").append(el);
    });
    const calc = page.locator("#calc-once");
    await expect(headline(calc)).toHaveText("375 m²");
    await expect.poll(async () => (await events(page, "calc-once")).length).toBe(1);
    await calc.locator("details.fc-section > summary").click();
    await input(calc, "total_m2").fill("420");
    await expect(calc.locator(".fc-verdict")).toHaveAttribute("data-verdict", "incomplete");
    await page.waitForTimeout(200);
    const results = (await events(page, "calc-once")).filter((e) => e.type === "facility-calc:result");
    expect(results.map((e) => e.detail.verdict)).toEqual([null, "incomplete"]);
    // Switching the language changes no result, so it sends none.
    await calc.locator(".fc-toolbar button").first().click();
    await page.waitForTimeout(200);
    expect((await events(page, "calc-once")).length).toBe(2);
  });

  test("attribute changes after load update the result; events carry the result and target the element", async ({
    page,
  }) => {
    await recordEvents(page);
    await page.goto("/csp.html");
    await rendered(page.locator("#calc-csp"));
    await page.evaluate(() => {
      const el = document.createElement("facility-calc");
      el.id = "calc-dyn";
      el.setAttribute("jurisdiction", "xam");
      el.setAttribute("settlement", "city");
      el.setAttribute("households", "1250");
      document.querySelector("main").append(el);
    });
    const calc = page.locator("#calc-dyn");
    await expect(headline(calc)).toHaveText("375 m²");
    await expect.poll(async () => (await events(page, "calc-dyn")).length).toBe(1);
    let [first] = await events(page, "calc-dyn");
    expect(first.type).toBe("facility-calc:result");
    expect(first.detail).toMatchObject({
      jurisdiction: "xam",
      documents: ["nmg2017", "xam2018"],
      required_area_m2: 375,
      office_max_share: 0.15,
      verdict: null,
    });
    expect(first.detail.rules.length).toBeGreaterThan(3);
    expect(await calc.evaluate((el) => el.result.required_area_m2)).toBe(375);

    const set = (name, value) =>
      calc.evaluate((el, [n, v]) => (v === null ? el.removeAttribute(n) : el.setAttribute(n, v)), [name, value]);

    await set("households", "2000");
    await expect(headline(calc)).toHaveText("600 m²");
    await expect(input(calc, "households")).toHaveValue("2000");
    await expect.poll(async () => (await events(page, "calc-dyn")).at(-1).detail.required_area_m2).toBe(600);

    // Several attributes set together: one update, one result event.
    const before = (await events(page, "calc-dyn")).length;
    await calc.evaluate((el) => {
      el.setAttribute("settlement", "farming_village");
      el.setAttribute("construction", "new");
      el.setAttribute("population", "5000");
    });
    await expect(calc.locator('input.fc-radio-input[value="farming_village"]')).toBeChecked();
    await expect.poll(async () => (await events(page, "calc-dyn")).length).toBe(before + 1);
    await page.waitForTimeout(100);
    expect((await events(page, "calc-dyn")).length).toBe(before + 1);
    expect((await events(page, "calc-dyn")).at(-1).detail).toMatchObject({ required_area_m2: 600, volunteers_min: 750 });

    // A planned design opens the check section and gives a verdict.
    await calc.evaluate((el) => {
      el.setAttribute("total-m2", "500");
      el.setAttribute("office-m2", "100");
    });
    await expect(calc.locator(".fc-verdict")).toHaveAttribute("data-verdict", "fail");
    await expect.poll(async () => (await events(page, "calc-dyn")).at(-1).detail.verdict).toBe("fail");
    expect((await events(page, "calc-dyn")).at(-1).detail).toMatchObject({ office_max_m2: 75, verdict: "fail" });
    await expect(calc.locator("details.fc-section")).toHaveJSProperty("open", true);

    // A bad value shows the widget's own error and fires facility-calc:error; the page carries on.
    await set("households", "很多");
    await expect(calc.locator(".fc-error-message")).toBeVisible();
    await expect.poll(async () => (await events(page, "calc-dyn")).at(-1).type).toBe("facility-calc:error");
    const error = (await events(page, "calc-dyn")).at(-1).detail;
    expect(error.errors).toEqual([
      expect.objectContaining({ field: "households", code: "not_a_number", message: expect.any(String), message_zh: expect.any(String) }),
    ]);
    await set("households", "1250");
    await expect(calc.locator(".fc-error-message")).toHaveCount(0);
    await expect(headline(calc)).toHaveText("375 m²");

    // Removing an input attribute clears the field.
    await set("office-m2", null);
    await expect(input(calc, "office_m2")).toHaveValue("");

    // Display options.
    await set("lang", "en");
    await expect(calc.locator(".fc")).toHaveAttribute("lang", "en");
    await expect(calc.locator(".fc-title")).toHaveText("Community service facility calculator");
    await set("lang", null);
    await expect(calc.locator(".fc")).toHaveAttribute("lang", "zh-CN");
    await set("compact", "");
    await expect(calc.locator(".fc")).toHaveClass(/fc--compact/);
    await expect(calc.locator(".fc-rules")).toHaveCount(0);
    await set("compact", null);
    await expect(calc.locator(".fc")).not.toHaveClass(/fc--compact/);
    await set("large-text", "");
    await expect(calc.locator(".fc")).toHaveClass(/fc--large/);
    await set("large-text", "0");
    await expect(calc.locator(".fc")).not.toHaveClass(/fc--large/);
    await set("mode", "plan");
    await expect(calc.locator("details.fc-section")).toHaveJSProperty("open", false);
    await set("mode", "check");
    await expect(calc.locator("details.fc-section")).toHaveJSProperty("open", true);

    // accent: a CSS colour; anything else is ignored with a console warning.
    const accent = () => calc.locator(".fc-header").evaluate((h) => getComputedStyle(h).borderBottomColor);
    await set("accent", "rebeccapurple");
    expect(await accent()).toBe("rgb(102, 51, 153)");
    const warnings = [];
    page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
    await set("accent", "red; } * { display: none");
    expect(await accent()).toBe("rgb(165, 28, 28)");
    await expect.poll(() => warnings.some((w) => w.includes("accent"))).toBe(true);
    await set("accent", null);
    expect(await accent()).toBe("rgb(165, 28, 28)");

    // Every event the page saw came from the element itself, never from inside its shadow root.
    const all = await page.evaluate(() => window.__events.map((e) => e.target));
    expect(new Set(all)).toEqual(new Set(["calc-csp", "calc-dyn"]));
  });

  test("bad attribute values at load show the widget's own errors, never break the page", async ({ page }) => {
    await recordEvents(page);
    await page.goto("/csp.html");
    await rendered(page.locator("#calc-csp"));
    await page.evaluate(() => {
      const el = document.createElement("facility-calc");
      el.id = "calc-bad";
      for (const [n, v] of Object.entries({
        jurisdiction: "atlantis", settlement: "city", households: "-5", lang: "fr", mode: "sideways", compact: "perhaps",
      })) el.setAttribute(n, v);
      document.querySelector("main").append(el);
    });
    const calc = page.locator("#calc-bad");
    await expect(calc.locator(".fc-error-summary")).toBeVisible();
    await expect.poll(async () => (await events(page, "calc-bad")).length).toBeGreaterThan(0);
    const [error] = await events(page, "calc-bad");
    expect(error.type).toBe("facility-calc:error");
    const fields = error.detail.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["options", "jurisdiction", "households"]));
    // The other widget on the page is unaffected.
    await expect(headline(page.locator("#calc-csp"))).toHaveText("960 m²");
  });

  test("removing and re-adding an element destroys and re-mounts the widget", async ({ page }) => {
    await recordEvents(page);
    await page.goto("/bureau.html");
    const calc = page.locator("#calc-xam");
    await expect(headline(calc)).toHaveText("375 m²");
    await input(calc, "households").fill("2000");
    await expect(headline(calc)).toHaveText("600 m²");

    // A move within one task keeps the widget and what the user typed.
    await calc.evaluate((el) => {
      const panel = el.parentElement;
      panel.prepend(el);
    });
    await expect(headline(calc)).toHaveText("600 m²");
    await expect(input(calc, "households")).toHaveValue("2000");

    // Removed: the widget is destroyed (its DOM goes) and it no longer answers attribute changes.
    await page.evaluate(() => {
      window.__detached = document.getElementById("calc-xam");
      window.__parent = window.__detached.parentElement;
      window.__detached.remove();
    });
    await expect.poll(() => page.evaluate(() => window.__detached.shadowRoot.querySelector(".fc"))).toBeNull();
    const seen = (await events(page, "calc-xam")).length;
    await page.evaluate(() => window.__detached.setAttribute("households", "3000"));
    await page.waitForTimeout(100);
    expect((await events(page, "calc-xam")).length).toBe(seen);

    // Re-added: a fresh widget from the attributes (households now 3000), events again.
    await page.evaluate(() => window.__parent.append(window.__detached));
    await expect(headline(calc)).toHaveText("900 m²");
    await expect.poll(async () => (await events(page, "calc-xam")).length).toBe(seen + 1);

    // Many cycles, some before the widget could render: still one widget, no errors.
    for (let i = 0; i < 20; i++) {
      await page.evaluate(async (wait) => {
        const el = window.__detached;
        el.remove();
        if (wait) await new Promise((r) => setTimeout(r, 0));
        window.__parent.append(el);
        if (wait) await new Promise((r) => requestAnimationFrame(r));
      }, i % 2 === 0);
    }
    await expect(headline(calc)).toHaveText("900 m²");
    expect(await calc.evaluate((el) => el.shadowRoot.querySelectorAll(".fc").length)).toBe(1);
    expect(await calc.evaluate((el) => el.shadowRoot.childElementCount)).toBe(1);
    await input(calc, "households").fill("1000");
    await expect(headline(calc)).toHaveText("300 m²");
    // The other widget never noticed.
    await expect(headline(page.locator("#calc-ds"))).toHaveText("450 m²");

    // An element created and removed before the wasm is ready never renders and never fails.
    await page.evaluate(() => {
      const el = document.createElement("facility-calc");
      el.id = "calc-gone";
      el.setAttribute("jurisdiction", "xam");
      document.body.append(el);
      el.remove();
      window.__gone = el;
    });
    await page.waitForTimeout(100);
    // Its shadow root holds only the placeholder that keeps its place until a widget mounts (issue 18).
    expect(await page.evaluate(() => [...window.__gone.shadowRoot.children].map((c) => c.className))).toEqual(["fc-embed-pending"]);
  });
});

test.describe("when the wasm cannot be loaded", () => {
  // One pattern: Playwright reads a two-element array of objects as a [value, options] fixture tuple.
  test.use({ allowedConsoleErrors: [/facility-calc: the calculator could not load|Failed to load resource.*404/] });
  test("each element shows a short message and the page carries on", async ({ page }) => {
    await page.route("**/facility_calc_bg.wasm", (route) => route.fulfill({ status: 404, body: "not here" }));
    await page.goto("/bureau.html");
    for (const id of ["#calc-xam", "#calc-ds"]) {
      const failed = page.locator(`${id} .fc-embed-failed`);
      await expect(failed).toBeVisible();
      await expect(failed).toHaveAttribute("role", "alert");
      await expect(failed).toContainText("未能加载");
    }
    await expect(page.locator("h1")).toHaveText("社区综合服务设施配建面积测算");
  });
});

test.describe("iframe (widget.html in iframe-demo.html)", () => {
  /** The frame's inner height (without its border). */
  const frameHeight = (page) => page.locator("#calc-frame").evaluate((f) => f.clientHeight);
  const contentHeight = (page) =>
    page.locator("#calc-frame").evaluate((f) => f.contentDocument.documentElement.getBoundingClientRect().height);

  test("the parent resizes the frame as the content grows and shrinks", async ({ page }) => {
    await watchCsp(page);
    await page.goto("/iframe-demo.html");
    const frame = page.frameLocator("#calc-frame");
    await expect(frame.locator(".fc-summary [data-figure='required_area_m2']")).toHaveText("180 m²");
    await expect(frame.locator("select.fc-select")).toHaveValue("aolezhaoqi");

    const fits = async () => Math.abs((await frameHeight(page)) - (await contentHeight(page))) <= 1;
    await expect.poll(fits).toBe(true);
    const start = await frameHeight(page);

    // Grow: open the land estimate, the design section and the report details (the form column must
    // outgrow the result column beside it for the page to grow).
    await frame.locator("details.fc-details:not(.fc-section) > summary").first().click();
    await frame.locator("details.fc-section > summary").click();
    await frame.locator("details.fc-report-fields > summary").click();
    await expect.poll(() => frameHeight(page)).toBeGreaterThan(start + 200);
    await expect.poll(fits).toBe(true);
    const grown = await frameHeight(page);
    // No scrollbar inside the frame.
    const inner = await page.locator("#calc-frame").evaluate((f) => {
      const s = f.contentDocument.scrollingElement;
      return s.scrollHeight - s.clientHeight;
    });
    expect(inner).toBeLessThanOrEqual(1);

    // A message that does not come from the frame is ignored.
    await page.evaluate(() => window.postMessage({ type: "facility-calc:height", height: 10 }, "*"));
    await page.waitForTimeout(200);
    expect(await frameHeight(page)).toBe(grown);

    // Shrink again.
    await frame.locator("details.fc-section > summary").click();
    await expect.poll(() => frameHeight(page)).toBeLessThan(grown);
    await expect.poll(fits).toBe(true);

    // The query string drove the widget and widget.html keeps its state in its own URL.
    await frame.locator("input.fc-input[id$='-households']").fill("800");
    await expect(frame.locator(".fc-summary [data-figure='required_area_m2']")).toHaveText("240 m²");
    const src = await page.locator("#calc-frame").evaluate((f) => f.contentWindow.location.search);
    expect(new URLSearchParams(src).get("households")).toBe("800");

    expect(await cspViolations(page)).toEqual([]);
    expect(await cspViolations(page.frames()[1])).toEqual([]);
  });

  test("widget.html works on its own under its strict CSP", async ({ page }) => {
    await watchCsp(page);
    await page.goto("/widget.html?jurisdiction=dongsheng&settlement=city&households=1000&programme=beijiang_demo&lang=en");
    await expect(page.locator(".fc")).toHaveAttribute("lang", "en");
    await expect(page.locator(".fc-summary [data-figure='required_area_m2']")).toHaveText("400 m²");
    expect(await cspViolations(page)).toEqual([]);
  });
});

test.describe("accessibility (axe: wcag2a, wcag2aa, wcag21aa, wcag22aa)", () => {
  const pages = {
    "bureau.html": async (page) => {
      await expect(headline(page.locator("#calc-xam"))).toHaveText("375 m²");
      await expect(headline(page.locator("#calc-ds"))).toHaveText("450 m²");
    },
    "csp.html": async (page) => {
      await expect(headline(page.locator("#calc-csp"))).toHaveText("960 m²");
      await expect(page.locator("#page-status")).toContainText("960");
    },
    "iframe-demo.html": async (page) => {
      await expect(page.frameLocator("#calc-frame").locator(".fc-summary [data-figure='required_area_m2']")).toHaveText(
        "180 m²",
      );
    },
    "widget.html?jurisdiction=xam&settlement=city&households=1250&total_m2=300&office_m2=80": async (page) => {
      await expect(page.locator(".fc-verdict")).toHaveAttribute("data-verdict", "fail");
    },
  };
  for (const [path, ready] of Object.entries(pages)) {
    test(`${path.split("?")[0]} has no violations`, async ({ page }) => {
      await page.goto(`/${path}`);
      await ready(page);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
        [],
      );
    });
  }

  test("bureau.html with errors showing has no violations", async ({ page }) => {
    await page.goto("/bureau.html");
    const xam = page.locator("#calc-xam");
    await expect(headline(xam)).toHaveText("375 m²");
    await input(xam, "households").fill("abc");
    await expect(xam.locator(".fc-error-summary")).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});
