// JS-API throughput: evaluations per second through the built module (dist/) in Node, over a
// mixed set of scenarios (all five jurisdictions, several settlement types, with and without a
// planned design). Run by `cargo xtask bench`; its last line is the result.
//   node tests/node/bench.mjs            (BENCH_SECONDS=2 by default)
import { readFileSync } from "node:fs";
import init, * as api from "../../dist/facility_calc.js";

const SCENARIOS = [
  { jurisdiction: "nmg", settlement: "city", households: 1250 },
  { jurisdiction: "nmg", settlement: "town", construction: "new", households: 800, population: 2100 },
  { jurisdiction: "nmg", settlement: "central_village", households: 300, planned: { total_m2: 160, office_m2: 40 } },
  { jurisdiction: "nmg", settlement: "pastoral_village", households: 60, planned: { total_m2: 150, office_m2: 50 } },
  { jurisdiction: "xam", settlement: "city", construction: "existing", households: 1250, planned: { total_m2: 420, office_m2: 60 } },
  { jurisdiction: "xam", settlement: "city", construction: "new", households: 1000, occupied_households: 480 },
  { jurisdiction: "xam", settlement: "township_seat", households: 700, population: 1800 },
  { jurisdiction: "xam", settlement: "farming_village", households: 450, planned: { total_m2: 200 } },
  { jurisdiction: "dongsheng", settlement: "pastoral_village", households: 90 },
  { jurisdiction: "dongsheng", settlement: "city", construction: "new", programme: "beijiang_demo", households: 2000, population: 5200 },
  { jurisdiction: "dongsheng", settlement: "farming_village", households: 800, planned: { total_m2: 230 } },
  { jurisdiction: "dongsheng", settlement: "town", programme: "capacity_upgrade", households: 1500, planned: { total_m2: 600, office_m2: 80, activity_m2: 400 } },
  { jurisdiction: "dongsheng", settlement: "urban_village", households: 650 },
  { jurisdiction: "aolezhaoqi", settlement: "town", construction: "renovated", households: 900 },
  { jurisdiction: "aolezhaoqi", settlement: "city", households: 4000, planned: { total_m2: 1300, office_m2: 250 } },
  { jurisdiction: "aolezhaoqi", settlement: "suburban_village", households: 350, population: 900 },
  { jurisdiction: "renshou", settlement: "city", households: 5000 },
  { jurisdiction: "renshou", settlement: "town", construction: "new", households: 1200, population: 3100, planned: { total_m2: 400 } },
  { jurisdiction: "renshou", settlement: "central_village", households: 500 },
  { jurisdiction: "renshou", settlement: "pastoral_village", households: 200, planned: { total_m2: 90 } },
];

if (typeof api.evaluate !== "function") {
  console.error("bench: dist/facility_calc.js does not export evaluate yet");
  process.exit(1);
}
await init({ module_or_path: readFileSync(new URL("../../dist/facility_calc_bg.wasm", import.meta.url)) });

// Every scenario must evaluate; a benchmark of thrown errors would measure the wrong thing.
for (const scenario of SCENARIOS) api.evaluate(scenario);

function runFor(seconds) {
  let evaluations = 0;
  let sink = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (const scenario of SCENARIOS) sink += api.evaluate(scenario).rules.length;
    evaluations += SCENARIOS.length;
  }
  return { evaluations, elapsed: (performance.now() - started) / 1000, sink };
}

runFor(0.3); // warm up the JIT and the allocator
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const { evaluations, elapsed, sink } = runFor(seconds);
if (sink === 0) throw new Error("no rules evaluated");
const perSecond = Math.round(evaluations / elapsed);
console.log(
  `js api: ${perSecond.toLocaleString("en-US")} evaluations/s ` +
    `(${SCENARIOS.length} scenarios, ${evaluations.toLocaleString("en-US")} evaluations in ${elapsed.toFixed(2)} s)`,
);
