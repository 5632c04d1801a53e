#!/usr/bin/env node
// Keystroke → result latency of the widget in headless Chromium.
//
// Opens the demo page with a scenario (xam, city, 1,250 households), then types into the households field
// many times — appending a "0" (1250 → 12500: 375 m² → 3,750 m²) and deleting it again — and measures,
// inside the page with performance.now(), the time from the keydown event to the moment the headline
// [data-figure=required_area_m2] shows the new figure (a MutationObserver sees the text change).
// It also reports what the page downloaded (bytes on the wire, from the DevTools protocol).
//
//   node tests/browser/bench/keystroke.mjs            # against http://127.0.0.1:8080/ (cargo xtask serve)
//   BENCH_BASE_URL=http://127.0.0.1:40123/ CHROMIUM_PATH=/usr/bin/chromium BENCH_KEYSTROKES=400 node …
//
// The last line printed is the result: "keystroke-to-result median X ms, p95 Y ms over N keystrokes".
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../chromium.mjs";

const BASE = process.env.BENCH_BASE_URL ?? "http://127.0.0.1:8080/";
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? process.argv[2] ?? 200);
const WARMUP = 10;

const SCENARIO = "?jurisdiction=xam&settlement=city&households=1250";
const SHORT = { value: "1250", figure: "375 m²" };
const LONG = { value: "12500", figure: "3,750 m²" };

async function serverIsUp() {
  try {
    const response = await fetch(BASE, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

function percentile(sorted, p) {
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

const ms = (x) => x.toFixed(2);

async function main() {
  if (!Number.isInteger(KEYSTROKES) || KEYSTROKES < 1) {
    console.error(`keystroke bench: BENCH_KEYSTROKES must be a positive whole number, not ${KEYSTROKES}`);
    return 2;
  }
  if (!(await serverIsUp())) {
    console.error(
      `keystroke bench: nothing answers at ${BASE}. Start the server first (cargo xtask serve --no-build), ` +
        "or set BENCH_BASE_URL to where dist/ is served.",
    );
    return 1;
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));

    // Bytes on the wire, as DevTools counts them (headers included), for the first load.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const transfers = new Map();
    cdp.on("Network.responseReceived", (e) => transfers.set(e.requestId, { url: e.response.url, bytes: 0 }));
    cdp.on("Network.loadingFinished", (e) => {
      const t = transfers.get(e.requestId);
      if (t) t.bytes = e.encodedDataLength;
    });

    await page.goto(new URL(SCENARIO, BASE).href, { waitUntil: "networkidle" });
    const headline = page.locator('.fc-summary [data-figure="required_area_m2"]');
    await headline.waitFor();
    if ((await headline.textContent()).trim() !== SHORT.figure) {
      throw new Error(`the scenario should show ${SHORT.figure}, it shows ${await headline.textContent()}`);
    }
    const downloaded = [...transfers.values()];
    const totalBytes = downloaded.reduce((sum, t) => sum + t.bytes, 0);

    // The probe: keydown (capture, before anything else) starts the clock; the observer stops it when the
    // headline shows the expected text.
    await page.evaluate(() => {
      const input = document.getElementById("fc1-households");
      const target = document.querySelector('.fc-summary [data-figure="required_area_m2"]').closest(".fc-summary");
      const probe = { armed: null, samples: [] };
      window.__keystrokeProbe = probe;
      window.addEventListener(
        "keydown",
        (event) => {
          if (probe.armed && event.target === input) probe.armed.start = performance.now();
        },
        true,
      );
      new MutationObserver(() => {
        const armed = probe.armed;
        if (!armed || armed.start === undefined) return;
        const shown = target.querySelector('[data-figure="required_area_m2"]')?.textContent.trim();
        if (shown === armed.expected) {
          probe.armed = null;
          armed.done(performance.now() - armed.start);
        }
      }).observe(target, { subtree: true, childList: true, characterData: true });
    });

    const input = page.locator("#fc1-households");
    await input.click();
    await input.press("End");

    const samples = [];
    for (let i = 0; i < WARMUP + KEYSTROKES; i++) {
      const next = i % 2 === 0 ? LONG : SHORT;
      // Arm the probe, then press; the evaluate below resolves once the figure has changed.
      await page.evaluate((expected) => {
        const probe = window.__keystrokeProbe;
        probe.result = new Promise((done) => {
          probe.armed = { expected, done };
        });
      }, next.figure);
      await page.keyboard.press(next === LONG ? "0" : "Backspace");
      const elapsed = await page.evaluate(
        () =>
          Promise.race([
            window.__keystrokeProbe.result,
            new Promise((_, fail) => setTimeout(() => fail(new Error("no result within 5 s")), 5000)),
          ]),
      );
      const value = await input.inputValue();
      if (value !== next.value) throw new Error(`households should read ${next.value}, reads ${value}`);
      if (i >= WARMUP) samples.push(elapsed);
    }
    if (problems.length) throw new Error(`the page reported errors:\n${problems.join("\n")}`);

    samples.sort((a, b) => a - b);
    const median = percentile(samples, 50);
    const p95 = percentile(samples, 95);
    const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
    console.log(
      `page download: ${totalBytes.toLocaleString("en")} bytes over ${downloaded.length} responses ` +
        `(${downloaded.map((t) => `${new URL(t.url).pathname} ${t.bytes.toLocaleString("en")}`).join(", ")})`,
    );
    console.log(
      `keystrokes: min ${ms(samples[0])} ms, mean ${ms(mean)} ms, max ${ms(samples.at(-1))} ms ` +
        `(after ${WARMUP} warm-up keystrokes)`,
    );
    console.log(`keystroke-to-result median ${ms(median)} ms, p95 ${ms(p95)} ms over ${samples.length} keystrokes`);
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`keystroke bench failed: ${error.stack ?? error}`);
    process.exit(1);
  },
);
