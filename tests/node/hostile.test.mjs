// The built module (dist/) driven the way a hostile host page would (issue 7): revoked proxies, throwing
// getters and proxy traps in every field, polluted prototypes, BigInt/Symbol/functions, 10 MB strings and a
// seeded random mix. After each class the same instance must still answer SPEC §9 example 1 correctly, and
// wasm memory and wasm-bindgen's externref table (`__wbindgen_externrefs`, where it keeps JS values) must
// not grow across 100,000 hostile calls. Run with `cargo xtask test`, or `node --test tests/node/` after
// `cargo xtask dist`; the figures are printed as test diagnostics.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, {
  evaluate,
  standards,
  parse_number,
  estimate_households,
  estimate_population,
} from "../../dist/facility_calc.js";
import { outputKeys } from "./output-keys.mjs";

const wasm = await init({
  module_or_path: readFileSync(new URL("../../dist/facility_calc_bg.wasm", import.meta.url)),
});
const memoryBytes = () => wasm.memory.buffer.byteLength;
const tableLength = () => wasm.__wbindgen_externrefs.length;

// SPEC §9 example 1.
const EXAMPLE_1 = { jurisdiction: "xam", settlement: "city", construction: "existing", households: 1250 };

/** The instance still answers a normal evaluate correctly (SPEC §9 example 1). */
function assertHealthy(after) {
  const r = evaluate({ ...EXAMPLE_1 });
  assert.equal(r.required_area_m2, 375, `after ${after}`);
  assert.equal(r.office_max_share, 0.15, `after ${after}`);
  assert.equal(r.office_max_m2, 56.25, `after ${after}`);
  assert.equal(r.verdict, null, `after ${after}`);
  assert.equal(parse_number("1,250"), 1250, `after ${after}`);
}

/** Calls `fn`; it must throw an Error whose `errors` names `field` (with `code` when given). */
function assertRejects(fn, field, code, label = "") {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `${label}: expected an Error naming ${field}, got ${thrown}`);
  assert.ok(Array.isArray(thrown.errors), `${label}: the thrown Error has no errors array`);
  const entry = thrown.errors.find((e) => e.field === field);
  assert.ok(entry, `${label}: errors ${JSON.stringify(thrown.errors)} do not name ${field}`);
  if (code) assert.equal(entry.code, code, `${label}: ${JSON.stringify(entry)}`);
  assert.ok(entry.message && entry.message_zh, `${label}: messages in both languages`);
  return entry;
}

function revoked() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** A proxy whose every trap throws. */
function trapping() {
  const boom = () => {
    throw new Error("trap");
  };
  return new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom });
}

/** `base` with a getter on `key` that throws. */
function withThrowingGetter(base, key) {
  const object = { ...base };
  Object.defineProperty(object, key, {
    enumerable: true,
    get() {
      throw new Error(`getter ${key}`);
    },
  });
  return object;
}

/** A proxy of `base` whose get trap throws for `key` only. */
function withThrowingTrap(base, key) {
  return new Proxy(
    { ...base, [key]: 1 },
    {
      get(target, k) {
        if (k === key) throw new Error(`trap ${key}`);
        return target[k];
      },
    },
  );
}

const TOP_FIELDS = [
  "jurisdiction",
  "settlement",
  "construction",
  "programme",
  "households",
  "population",
  "occupied_households",
];
const PLANNED_FIELDS = ["total_m2", "office_m2", "activity_m2"];
const PLANNED = { total_m2: 420, office_m2: 60, activity_m2: 200 };

// One way for each field to be unreadable: [label, build(base, key)].
const UNREADABLE = [
  ["a revoked proxy", (base, key) => ({ ...base, [key]: revoked() })],
  ["a proxy whose traps throw", (base, key) => ({ ...base, [key]: trapping() })],
  ["a throwing getter", withThrowingGetter],
  ["a throwing get trap", withThrowingTrap],
];

test("a revoked proxy, a throwing getter or a trap in any field is an error naming that field", () => {
  for (const [kind, make] of UNREADABLE) {
    for (const key of TOP_FIELDS) {
      assertRejects(() => evaluate(make(EXAMPLE_1, key)), key, "unreadable", `${kind} in ${key}`);
    }
    for (const key of PLANNED_FIELDS) {
      const input = { ...EXAMPLE_1, planned: make(PLANNED, key) };
      assertRejects(() => evaluate(input), `planned.${key}`, "unreadable", `${kind} in planned.${key}`);
    }
    // A throwing `planned` is an error, not a silently skipped design check.
    assertRejects(() => evaluate(make(EXAMPLE_1, "planned")), "planned", "unreadable", `${kind} in planned`);
    assertHealthy(kind);
  }
  // The input itself.
  assertRejects(() => evaluate(revoked()), "input", "unreadable", "a revoked input");
  assertRejects(() => evaluate(trapping()), "input", "unreadable", "an input whose traps throw");
  assertHealthy("an unreadable input");
});

test("the land and estimate arguments: unreadable values name their parameter", () => {
  const land = { site_area_m2: 50000, far: 2, residential_share: 1, avg_unit_m2: 100 };
  assert.equal(estimate_households(land), 1000);
  for (const [kind, make] of UNREADABLE) {
    for (const key of Object.keys(land)) {
      assertRejects(() => estimate_households(make(land, key)), key, "unreadable", `${kind} in ${key}`);
    }
  }
  assertRejects(() => estimate_households(revoked()), "input", "unreadable", "revoked land");
  assertRejects(() => estimate_population(revoked(), 2.62), "households", "unreadable");
  assertRejects(() => estimate_population(trapping()), "households", "unreadable");
  assertRejects(() => estimate_population(100, revoked()), "persons_per_household", "unreadable");
  assertRejects(() => parse_number(revoked()), "text", "unreadable");
  assertRejects(() => parse_number(trapping()), "text", "unreadable");
  assertHealthy("unreadable estimate arguments");
});

test("BigInt, Symbol and functions are wrong values named by their field, never a crash", () => {
  const exotic = [10n, Symbol("x"), () => 1250, class {}, new Date(0), /1250/, new Map(), [1250]];
  for (const value of exotic) {
    const label = typeof value === "symbol" ? "a symbol" : `${typeof value} ${String(value).slice(0, 20)}`;
    for (const key of TOP_FIELDS) {
      assertRejects(() => evaluate({ ...EXAMPLE_1, [key]: value }), key, undefined, `${label} in ${key}`);
    }
    for (const key of PLANNED_FIELDS) {
      const input = { ...EXAMPLE_1, planned: { total_m2: 420, [key]: value } };
      assertRejects(() => evaluate(input), `planned.${key}`, undefined, `${label} in planned.${key}`);
    }
    assertRejects(() => parse_number(value), "text", undefined, label);
    assertRejects(() => estimate_population(value), "households", undefined, label);
    assertRejects(() => estimate_households({ site_area_m2: value, far: 2, avg_unit_m2: 100 }), "site_area_m2");
  }
  for (const input of [10n, Symbol("x"), () => 1, "xam", 1250, true]) {
    assertRejects(() => evaluate(input), "input", "not_an_object", typeof input);
  }
  assertHealthy("BigInt, Symbol and functions");
});

test("parse_number holds numbers to the text rules; estimates stay inside their field's range", () => {
  assert.equal(parse_number(1250), 1250);
  assert.equal(Object.is(parse_number(-0), 0), true);
  assertRejects(() => parse_number(-5), "text", "negative");
  assertRejects(() => parse_number(NaN), "text", "invalid_character");
  assertRejects(() => parse_number(Infinity), "text", "invalid_character");
  assertRejects(() => parse_number(-Infinity), "text", "invalid_character");
  for (const text of ["12,5", "1,2,5,0", "1250 1", "3 4", "1,25.5"]) {
    assertRejects(() => parse_number(text), "text", "misplaced_separator", text);
    assertRejects(() => evaluate({ ...EXAMPLE_1, households: text }), "households", "not_a_number", text);
  }
  assert.equal(parse_number("\uFEFF1,250\u200B户"), 1250);
  assertRejects(() => estimate_population(10.7, 2), "households", "not_a_whole_number");
  assertRejects(() => estimate_population(10_000_000, 20), "persons_per_household", "out_of_range");
  assertRejects(
    () => estimate_households({ site_area_m2: 100_000_000, far: 30, avg_unit_m2: 10 }),
    "site_area_m2",
    "out_of_range",
  );
  assertRejects(() => estimate_households({ site_area_m2: 10, far: 0.1, avg_unit_m2: 100 }), "site_area_m2", "out_of_range");
  assert.equal(estimate_households({ site_area_m2: "6公顷", far: 1, avg_unit_m2: 100 }), 600);
});

test("10 MB strings are refused before they are copied into wasm memory", (t) => {
  const huge = "1".repeat(10_000_000);
  // Many long strings in one object stay in JS the same way; an object with more keys than any input has
  // (1,000) is refused whole before any member is read (issue 19 item 7).
  const wide = { ...EXAMPLE_1 };
  for (let i = 0; i < 900; i++) wide[`junk${i}`] = huge;
  const wider = { ...wide };
  for (let i = 900; i < 5_000; i++) wider[`junk${i}`] = huge;
  const calls = () => {
    for (const key of TOP_FIELDS) {
      assertRejects(() => evaluate({ ...EXAMPLE_1, [key]: huge }), key, "too_long", `10 MB in ${key}`);
    }
    for (const key of PLANNED_FIELDS) {
      const input = { ...EXAMPLE_1, planned: { total_m2: 420, [key]: huge } };
      assertRejects(() => evaluate(input), `planned.${key}`, "too_long");
    }
    assertRejects(() => parse_number(huge), "text", "too_long");
    assertRejects(() => estimate_population(huge), "households", "too_long");
    assertRejects(() => estimate_households({ site_area_m2: huge, far: huge, avg_unit_m2: 100 }), "far", "too_long");
    assert.equal(evaluate(wide).required_area_m2, 375);
    assertRejects(() => evaluate(wider), "input", "too_large");
  };
  const before = memoryBytes();
  calls();
  const afterFirst = memoryBytes();
  for (let i = 0; i < 10; i++) calls();
  const after = memoryBytes();
  t.diagnostic(`wasm memory across 11 rounds of 10 MB strings in every field: ${before} → ${afterFirst} → ${after} bytes`);
  // One copied 10 MB string would grow memory by 10 MB at least.
  assert.ok(afterFirst - before < 1 << 20, `wasm memory grew by ${afterFirst - before} bytes: a long string was copied in`);
  assert.equal(after, afterFirst, "wasm memory keeps growing with long strings");
  assertHealthy("10 MB strings");
});

/** Puts a throwing setter (and a getter of undefined) on Object.prototype for every key; returns the undo. */
function pollute(keys) {
  const installed = [];
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(Object.prototype, key)) continue;
    Object.defineProperty(Object.prototype, key, {
      configurable: true,
      get() {
        return undefined;
      },
      set() {
        throw new Error(`polluted setter ${key}`);
      },
    });
    installed.push(key);
  }
  return () => {
    for (const key of installed) delete Object.prototype[key];
  };
}

test("throwing setters on Object.prototype for every output key never run", (t) => {
  const keys = outputKeys(evaluate, standards);
  let results;
  const undo = pollute(keys);
  try {
    const outcome = (fn) => {
      try {
        return { value: fn() };
      } catch (e) {
        return { thrown: e, errors: e?.errors, isError: e instanceof Error };
      }
    };
    results = {
      good: outcome(() => evaluate({ ...EXAMPLE_1, planned: { total_m2: 420, office_m2: 60 } })),
      bad: outcome(() => evaluate({ jurisdiction: "xam", households: "12,5" })),
      parse: outcome(() => parse_number("abc")),
      land: outcome(() => estimate_households({ far: 2 })),
      catalogue: outcome(() => standards()),
      number: outcome(() => parse_number("1,250")),
    };
  } finally {
    undo();
  }
  t.diagnostic(`polluted ${keys.length} keys on Object.prototype`);
  const good = results.good.value;
  assert.ok(good, `evaluate threw under pollution: ${results.good.thrown}`);
  assert.equal(good.required_area_m2, 375);
  assert.equal(good.office_max_m2, 63);
  assert.equal(good.verdict, "pass");
  assert.ok(Object.hasOwn(good, "rules") && good.rules.length === 10 && Object.hasOwn(good.rules, "0"));
  for (const name of ["bad", "parse", "land"]) {
    assert.ok(results[name].isError, `${name}: ${results[name].thrown}`);
    assert.ok(Array.isArray(results[name].errors) && results[name].errors.length > 0, `${name}: no errors`);
    for (const e of results[name].errors) assert.ok(Object.hasOwn(e, "field") && Object.hasOwn(e, "message_zh"));
  }
  assert.deepEqual(
    results.bad.errors.map((e) => [e.field, e.code]),
    [["settlement", "missing"], ["households", "not_a_number"]],
  );
  assert.ok(results.catalogue.value?.rules?.length > 20);
  assert.equal(results.number.value, 1250);
  assertHealthy("a polluted Object.prototype");
});

/** A small seeded PRNG (mulberry32): the same sequence on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const HUGE = "9".repeat(10_000_000);
const REVOKED = revoked();
const TRAPPING = trapping();

/** One random hostile or ordinary call; returns nothing, throws only the module's own Error values. */
function randomCall(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const values = [
    REVOKED, TRAPPING, HUGE, 10n, Symbol.iterator, () => 1, null, undefined, NaN, -1, 1e308, 0.5, 1250, "1,250",
    "12,5", "１２５０户", "\uFEFF42", "abc", "", true, {}, [], new Date(0), "xam", "city", "new",
  ];
  const value = pick(values);
  const key = pick([...TOP_FIELDS, "planned"]);
  switch (Math.floor(next() * 6)) {
    case 0:
      return evaluate({ ...EXAMPLE_1, [key]: value });
    case 1:
      return evaluate(next() < 0.5 ? withThrowingGetter(EXAMPLE_1, key) : { ...EXAMPLE_1, planned: { total_m2: value } });
    case 2:
      return parse_number(value);
    case 3:
      return estimate_households({ site_area_m2: value, far: pick(values), avg_unit_m2: 100 });
    case 4:
      return estimate_population(value, pick(values));
    default:
      return evaluate(value);
  }
}

test("200,000 seeded random mixed calls: every call returns or throws the module's Error", (t) => {
  const next = random(7);
  const started = performance.now();
  let returned = 0;
  let rejected = 0;
  for (let i = 0; i < 200_000; i++) {
    try {
      randomCall(next);
      returned++;
    } catch (e) {
      if (!(e instanceof Error) || !Array.isArray(e.errors) || e.errors.length === 0) {
        assert.fail(`call ${i} threw something else: ${e}`);
      }
      rejected++;
    }
    if (i % 20_000 === 0) assertHealthy(`${i} random calls`);
  }
  assertHealthy("200,000 random calls");
  t.diagnostic(
    `200,000 random calls: ${returned} returned, ${rejected} rejected, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
});

test("100,000 hostile calls: wasm memory and the externref table do not grow", (t) => {
  const classes = [
    () => evaluate({ ...EXAMPLE_1, households: REVOKED }),
    () => evaluate(withThrowingGetter(EXAMPLE_1, "planned")),
    () => evaluate({ ...EXAMPLE_1, planned: { total_m2: TRAPPING } }),
    () => parse_number(HUGE),
    () => estimate_households({ far: REVOKED }),
    () => estimate_population(10n, Symbol.iterator),
    () => evaluate({ ...EXAMPLE_1, population: "1250 1" }),
  ];
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      try {
        classes[i % classes.length]();
      } catch (e) {
        if (!Array.isArray(e?.errors)) throw e;
      }
    }
  };
  run(1_000); // let the allocator settle
  const memoryBefore = memoryBytes();
  const tableBefore = tableLength();
  run(100_000);
  const memoryAfter = memoryBytes();
  const tableAfter = tableLength();
  t.diagnostic(`wasm memory: ${memoryBefore} → ${memoryAfter} bytes over 100,000 hostile calls`);
  t.diagnostic(`externref table: ${tableBefore} → ${tableAfter} slots over 100,000 hostile calls`);
  console.log(`hostile: wasm memory ${memoryBefore} → ${memoryAfter} bytes; externref table ${tableBefore} → ${tableAfter} slots`);
  assert.equal(memoryAfter, memoryBefore, "wasm memory grew");
  assert.equal(tableAfter, tableBefore, "the externref table grew: JS values leak");
  assertHealthy("100,000 hostile calls");
});
