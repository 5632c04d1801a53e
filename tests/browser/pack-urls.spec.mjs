// Issue 19 item 5: a `rules=` address that never answers, answers late, redirects elsewhere or is large.
// The widget always shows its form: with the pack, or with a message and the standards in use.
import { test, expect } from "./fixtures.mjs";

// The browser reports the redirect it refused: that report is the refusal.
test.use({
  allowedConsoleErrors: [/the rule pack rules=".*" was not loaded|Unsafe attempt to load URL .* Domains, protocols and ports must match/],
});

/** Adds a <facility-calc> with `attributes` to the page; its locator. */
async function addWidget(page, id, attributes) {
  await page.evaluate(
    ([id, attributes]) => {
      const element = document.createElement("facility-calc");
      element.id = id;
      for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
      document.body.append(element);
    },
    [id, attributes],
  );
  return page.locator(`#${id}`);
}

const headline = (element) => element.locator('[data-figure="required_area_m2"].fc-headline-value');
const rulesetOf = (element) => element.evaluate((e) => e.result?.ruleset?.id ?? null);
const XAM_CITY = { jurisdiction: "xam", settlement: "city", households: "1250" };

test("an address that never answers: after 15 s the form with the built-in standards and a message", async ({ page }) => {
  await page.clock.install();
  await page.route("**/packs/never.json", () => {}); // never fulfilled
  await page.goto("/bureau.html");
  const element = await addWidget(page, "never", { ...XAM_CITY, rules: "packs/never.json" });
  await page.waitForTimeout(200);
  await expect(headline(element)).toHaveCount(0); // still waiting for the pack
  await page.clock.runFor(15_500);
  await expect(headline(element)).toHaveText("375 m²");
  await expect(element.getByText("规则包“packs/never.json”在 15 秒内未能取得", { exact: false })).toBeVisible();
  expect(await rulesetOf(element)).toBe("builtin");
});

test("the latest rules attribute wins, however late an earlier address answers", async ({ page }) => {
  const gates = [];
  await page.route("**/packs/slow.json", async (route) => {
    const response = await page.request.get("/packs/example-new-jurisdiction.json");
    await new Promise((release) => gates.push(release));
    await route.fulfill({ response });
  });
  await page.goto("/bureau.html");
  // Before the widget has mounted: the slow pack is being fetched when the attribute changes.
  const first = await addWidget(page, "before-mount", { ...XAM_CITY, rules: "packs/slow.json" });
  await expect.poll(() => gates.length).toBe(1);
  await first.evaluate((e) => e.setAttribute("rules", "packs/example-local-document.json"));
  await expect.poll(() => rulesetOf(first)).toBe("example-local-document");
  gates[0]();
  await page.waitForTimeout(500);
  expect(await rulesetOf(first)).toBe("example-local-document");

  // After it has mounted: the same.
  await first.evaluate((e) => e.setAttribute("rules", "packs/slow.json"));
  await expect.poll(() => gates.length).toBe(2);
  await first.evaluate((e) => e.setAttribute("rules", ""));
  await expect.poll(() => rulesetOf(first)).toBe("builtin");
  gates[1]();
  await page.waitForTimeout(500);
  expect(await rulesetOf(first)).toBe("builtin");
  await expect(headline(first)).toHaveText("375 m²");
});

test("an address that redirects to another origin loads nothing from there", async ({ page, baseURL }) => {
  const elsewhere = baseURL.replace("127.0.0.1", "localhost");
  let fetchedElsewhere = false;
  await page.route(`${elsewhere}/**`, (route) => {
    fetchedElsewhere = true;
    return route.fulfill({ status: 200, body: "{}", headers: { "access-control-allow-origin": "*" } });
  });
  await page.route("**/packs/moved.json", (route) =>
    route.fulfill({ status: 302, headers: { location: `${elsewhere}/packs/example-new-jurisdiction.json` } }),
  );
  await page.goto("/bureau.html");
  const element = await addWidget(page, "moved", { ...XAM_CITY, rules: "packs/moved.json" });
  await expect(headline(element)).toHaveText("375 m²");
  await expect(element.getByText("被转到其他网站", { exact: false })).toBeVisible();
  expect(await rulesetOf(element)).toBe("builtin");
  expect(fetchedElsewhere).toBe(false);
});

test("a 900 KB pack loads by address; one byte over 1 MB is refused in words", async ({ page }) => {
  await page.goto("/bureau.html");
  const text = await page.evaluate(async () => {
    const module = await import("./facility_calc.js");
    return JSON.stringify({ ...module.builtin_pack(), id: "large-pack", version: "1" });
  });
  const padded = (bytes) => text + " ".repeat(bytes - Buffer.byteLength(text));
  await page.route("**/packs/large.json", (route) => route.fulfill({ body: padded(900_000), contentType: "application/json" }));
  await page.route("**/packs/too-large.json", (route) => route.fulfill({ body: padded(1_000_001), contentType: "application/json" }));
  const large = await addWidget(page, "large", { ...XAM_CITY, rules: "packs/large.json" });
  await expect.poll(() => rulesetOf(large)).toBe("large-pack");
  await expect(headline(large)).toHaveText("375 m²");
  const tooLarge = await addWidget(page, "too-large", { ...XAM_CITY, rules: "packs/too-large.json" });
  await expect(tooLarge.getByText("规则包大小为 1,000,001 字节", { exact: false })).toBeVisible();
  expect(await rulesetOf(tooLarge)).toBe("builtin");
});
