// The built module (dist/, made by `cargo xtask dist`) through its public JS API, in Node with no
// DOM: SPEC §8 (API), §9 (worked examples), §7 (bad input, typed numbers), §4 (estimates).
// Run with `cargo xtask test`, or `node --test tests/node/` after `cargo xtask dist`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, {
  evaluate,
  standards,
  parse_number,
  estimate_households,
  mount,
} from "../../dist/facility_calc.js";

await init({
  module_or_path: readFileSync(new URL("../../dist/facility_calc_bg.wasm", import.meta.url)),
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** Areas are floating point: SPEC §6 allows 1e-6 m² of rounding. */
function near(actual, expected, label) {
  assert.equal(typeof actual, "number", `${label}: expected a number, got ${actual}`);
  assert.ok(Math.abs(actual - expected) <= 1e-6, `${label}: expected ${expected}, got ${actual}`);
}

function rule(result, id) {
  const found = result.rules.find((r) => r.id === id);
  assert.ok(found, `rules[] has no entry ${id}`);
  return found;
}

/** Calls `fn`, expects it to throw a value whose `errors` names `field`; returns that error. */
function throwsOn(fn, field) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, `expected a throw naming field ${field}`);
  assert.ok(Array.isArray(thrown.errors), `the thrown value has no errors array: ${thrown}`);
  for (const error of thrown.errors) {
    assert.equal(typeof error.field, "string");
    assert.equal(typeof error.code, "string");
    assert.ok(error.message, "every error has an English message");
    assert.ok(error.message_zh, "every error has a Chinese message");
  }
  const entry = thrown.errors.find((e) => e.field === field);
  assert.ok(entry, `errors ${JSON.stringify(thrown.errors)} do not name field ${field}`);
  return entry;
}

/** Results are plain data: plain objects and arrays (no Map), `null` for absent, no undefined. */
function assertPlainData(value, path = "result") {
  if (value === null) return;
  assert.notEqual(value, undefined, `${path} is undefined (absent values must be null)`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlainData(item, `${path}[${i}]`));
  } else if (typeof value === "object") {
    assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is not a plain object`);
    for (const [key, item] of Object.entries(value)) assertPlainData(item, `${path}.${key}`);
  } else if (typeof value === "number") {
    assert.ok(Number.isFinite(value), `${path} is ${value}`);
  } else {
    assert.ok(["string", "boolean"].includes(typeof value), `${path} has type ${typeof value}`);
  }
}

const NMG2017_RULES = [
  "nmg2017.area.per_households",
  "nmg2017.area.urban_min",
  "nmg2017.area.urban_new_min",
  "nmg2017.area.rural_300",
  "nmg2017.area.rural_150",
  "nmg2017.office.rural_max",
  "nmg2017.volunteers",
];
const DS2023_RULES = [
  "ds2023.area.urban_per_households",
  "ds2023.area.urban_min",
  "ds2023.area.village_farming_min",
  "ds2023.area.village_pastoral_min",
  "ds2023.demo.area_per_households",
  "ds2023.demo.activity_min",
  "ds2023.demo.staff_min",
  "ds2023.funding",
];
const ALZQ2024_RULES = ["alzq2024.area.per_households", "alzq2024.office.max", "alzq2024.staff"];
const XAM2018_RULES = ["xam2018.area.per_households", "xam2018.office.max", "xam2018.rc_formation"];
const RS2018_RULES = [
  "rs2018.area.per_households",
  "rs2018.scale",
  "rs2018.social_orgs_min",
  "rs2018.volunteers",
  "rs2018.acceptance",
];
const ALL_RULES = [...NMG2017_RULES, ...DS2023_RULES, ...ALZQ2024_RULES, ...XAM2018_RULES, ...RS2018_RULES];

// ---------------------------------------------------------------------------------------------
// SPEC §8

test("§8: xam city, 1250 households, planned 420 m² with 60 m² office → pass", () => {
  const r = evaluate({
    jurisdiction: "xam",
    settlement: "city",
    construction: "existing",
    households: 1250,
    planned: { total_m2: 420, office_m2: 60 },
  });
  assertPlainData(r);
  near(r.required_area_m2, 375, "required_area_m2");
  near(r.area_basis_m2, 420, "area_basis_m2");
  assert.equal(r.office_max_share, 0.15);
  near(r.office_max_m2, 63, "office_max_m2");
  assert.equal(r.verdict, "pass");
  const office = rule(r, "xam2018.office.max");
  assert.equal(office.status, "pass");
  near(office.actual, 60, "xam2018.office.max actual");
  assert.equal(rule(r, "xam2018.area.per_households").status, "pass");
});

test("§6: a planned total without the office part, where an office ceiling applies → incomplete", () => {
  const r = evaluate({ jurisdiction: "xam", settlement: "city", households: 1250, planned: { total_m2: 420 } });
  assert.equal(r.verdict, "incomplete");
});

// ---------------------------------------------------------------------------------------------
// SPEC §9 worked examples

test("§9 example 1: xam city existing 1250 → 375 m², office 15% = 56.25 m², no verdict", () => {
  const r = evaluate({ jurisdiction: "xam", settlement: "city", construction: "existing", households: 1250 });
  assertPlainData(r);
  assert.equal(Object.getPrototypeOf(r), Object.prototype, "a plain object, not a Map");
  assert.equal(r.jurisdiction, "xam");
  assert.deepEqual(r.documents, ["nmg2017", "xam2018"]);
  near(r.required_area_m2, 375, "required_area_m2");
  near(r.area_basis_m2, 375, "area_basis_m2");
  assert.equal(r.office_max_share, 0.15);
  near(r.office_max_m2, 56.25, "office_max_m2");
  assert.equal(r.verdict, null);
  for (const absent of ["activity_min_share", "activity_min_m2", "staff_max", "social_orgs_min", "scale", "rc_formation", "funding_cny"]) {
    assert.equal(r[absent], null, `${absent} is null for xam`);
  }
  assert.equal(r.volunteers_min, null, "volunteers need population");

  // One entry for every rule of the documents applied, in §5 order, each with the same fields.
  assert.deepEqual(r.rules.map((x) => x.id), [...NMG2017_RULES, ...XAM2018_RULES]);
  for (const entry of r.rules) {
    for (const field of ["id", "doc", "status", "governing", "figure", "actual"]) {
      assert.ok(field in entry, `${entry.id} has no ${field}`);
    }
    assert.equal(typeof entry.governing, "boolean");
    assert.equal(entry.actual, null, `${entry.id}: nothing planned, so actual is null`);
    assert.equal(entry.doc, entry.id.split(".")[0]);
  }
  assert.equal(rule(r, "nmg2017.area.per_households").governing, true);
  assert.equal(rule(r, "xam2018.area.per_households").governing, true);
  const urbanMin = rule(r, "nmg2017.area.urban_min");
  assert.equal(urbanMin.figure, 300);
  assert.equal(urbanMin.governing, false);
  assert.equal(urbanMin.status, "applies");
  assert.equal(rule(r, "nmg2017.area.urban_new_min").status, "not_applicable");
  assert.equal(rule(r, "nmg2017.office.rural_max").status, "not_applicable");
  assert.equal(rule(r, "nmg2017.volunteers").status, "needs_input");
  assert.equal(rule(r, "xam2018.rc_formation").status, "not_applicable");
});

test("§9 example 2: dongsheng pastoral village 90 households → 150 m², office 30% = 45 m²", () => {
  const r = evaluate({ jurisdiction: "dongsheng", settlement: "pastoral_village", households: 90 });
  assertPlainData(r);
  assert.deepEqual(r.documents, ["nmg2017", "ds2023"]);
  assert.deepEqual(r.rules.map((x) => x.id), [...NMG2017_RULES, ...DS2023_RULES]);
  near(r.required_area_m2, 150, "required_area_m2");
  assert.equal(r.office_max_share, 0.3);
  near(r.office_max_m2, 45, "office_max_m2");
  assert.equal(rule(r, "nmg2017.area.rural_150").governing, true);
  assert.equal(rule(r, "ds2023.area.village_pastoral_min").governing, true);
  const rate = rule(r, "nmg2017.area.per_households");
  near(rate.figure, 27, "the per-100-household rate");
  assert.equal(rate.governing, false);
});

test("§9 example 3: dongsheng city new beijiang_demo 2000 households, 5200 people", () => {
  const r = evaluate({
    jurisdiction: "dongsheng",
    settlement: "city",
    construction: "new",
    programme: "beijiang_demo",
    households: 2000,
    population: 5200,
  });
  assertPlainData(r);
  near(r.required_area_m2, 800, "required_area_m2");
  assert.equal(rule(r, "ds2023.demo.area_per_households").governing, true);
  assert.equal(r.activity_min_share, 0.6);
  near(r.activity_min_m2, 480, "activity_min_m2");
  assert.equal(r.staff_min, 10);
  assert.equal(r.volunteers_min, 780);
  assert.equal(r.funding_cny, 100000);
  assert.equal(rule(r, "ds2023.funding").status, "info");
  assert.equal(rule(r, "ds2023.demo.staff_min").figure, 10);
});

test("§9 example 4: aolezhaoqi town renovated 900 → 500 m², office 20% = 100 m², staff 6–10", () => {
  const r = evaluate({ jurisdiction: "aolezhaoqi", settlement: "town", construction: "renovated", households: 900 });
  assertPlainData(r);
  assert.deepEqual(r.documents, ["nmg2017", "alzq2024"]);
  near(r.required_area_m2, 500, "required_area_m2");
  assert.equal(rule(r, "nmg2017.area.urban_new_min").governing, true);
  assert.equal(r.office_max_share, 0.2);
  near(r.office_max_m2, 100, "office_max_m2");
  assert.equal(r.staff_min, 6);
  assert.equal(r.staff_max, 10);
});

test("§9 example 5: aolezhaoqi city 4000 → 1200 m², staff_max capped at 15", () => {
  const r = evaluate({ jurisdiction: "aolezhaoqi", settlement: "city", households: 4000 });
  near(r.required_area_m2, 1200, "required_area_m2");
  assert.equal(r.staff_max, 15);
});

test("§9 example 6: renshou city 5000 → 1500 m², no office ceiling, scale above, 10 social orgs", () => {
  const r = evaluate({ jurisdiction: "renshou", settlement: "city", households: 5000 });
  assertPlainData(r);
  assert.deepEqual(r.documents, ["rs2018"]);
  assert.deepEqual(r.rules.map((x) => x.id), RS2018_RULES);
  near(r.required_area_m2, 1500, "required_area_m2");
  assert.equal(r.office_max_share, null);
  assert.equal(r.office_max_m2, null);
  assert.deepEqual(r.scale, { min_households: 2000, max_households: 4000, status: "above", suggested_communities: 2 });
  assert.equal(r.social_orgs_min, 10);
  assert.equal(r.volunteers_min, null);
  assert.equal(rule(r, "rs2018.volunteers").status, "needs_input");
  assert.equal(rule(r, "rs2018.scale").status, "info");
});

test("§9 example 7: dongsheng farming village 800, planned 230 m² → fail (240 required)", () => {
  const r = evaluate({ jurisdiction: "dongsheng", settlement: "farming_village", households: 800, planned: { total_m2: 230 } });
  assertPlainData(r);
  near(r.required_area_m2, 240, "required_area_m2");
  assert.equal(r.verdict, "fail");
  const rate = rule(r, "nmg2017.area.per_households");
  assert.equal(rate.status, "fail");
  near(rate.figure, 240, "nmg2017.area.per_households figure");
  near(rate.actual, 230, "nmg2017.area.per_households actual");
  assert.equal(rule(r, "ds2023.area.village_farming_min").status, "pass");
});

test("§9 example 8: xam city new 1000 households, 480 moved in → rc_formation not_yet", () => {
  const r = evaluate({ jurisdiction: "xam", settlement: "city", construction: "new", households: 1000, occupied_households: 480 });
  assert.equal(r.rc_formation, "not_yet");
  const due = evaluate({ jurisdiction: "xam", settlement: "city", construction: "new", households: 1000, occupied_households: 500 });
  assert.equal(due.rc_formation, "due", "50% moved in is due");
});

test("§9 example 9: a dongsheng-only programme elsewhere throws on field programme", () => {
  throwsOn(
    () => evaluate({ jurisdiction: "renshou", settlement: "city", programme: "beijiang_demo", households: 100 }),
    "programme",
  );
});

// ---------------------------------------------------------------------------------------------
// SPEC §7: bad input

test("§7: every problem is reported at once, each naming its field", () => {
  let thrown;
  try {
    evaluate({ jurisdiction: "nowhere", settlement: "city", households: 12.5, planned: { total_m2: 100, office_m2: 200 } });
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown && Array.isArray(thrown.errors), "evaluate throws { errors }");
  assertPlainData(thrown.errors, "errors");
  const fields = thrown.errors.map((e) => e.field);
  for (const field of ["jurisdiction", "households", "planned.office_m2"]) {
    assert.ok(fields.includes(field), `errors name ${field}: ${JSON.stringify(thrown.errors)}`);
  }
});

test("§7: error codes", () => {
  const base = { jurisdiction: "xam", settlement: "city", households: 100 };
  assert.equal(throwsOn(() => evaluate({ jurisdiction: "xam", settlement: "city" }), "households").code, "missing");
  assert.equal(throwsOn(() => evaluate({ ...base, households: 0 }), "households").code, "out_of_range");
  assert.equal(throwsOn(() => evaluate({ ...base, households: 12.5 }), "households").code, "not_a_whole_number");
  assert.equal(throwsOn(() => evaluate({ ...base, jurisdiction: "nowhere" }), "jurisdiction").code, "unknown_value");
  assert.equal(throwsOn(() => evaluate({ ...base, settlement: "castle" }), "settlement").code, "unknown_value");
  assert.equal(
    throwsOn(() => evaluate({ ...base, planned: { total_m2: 100, office_m2: 200 } }), "planned.office_m2").code,
    "exceeds_total",
  );
  assert.equal(throwsOn(() => evaluate({ ...base, planned: { office_m2: 20 } }), "planned.office_m2").code, "needs_total");
});

test("§7: nothing a host page passes crashes the module", () => {
  const hostile = [
    undefined, null, 42, "xam", [], () => 1, Symbol("x"),
    { households: {} }, { households: [] }, { households: Infinity }, { households: NaN },
    { jurisdiction: 7, settlement: null, households: "1250" }, { planned: 5 }, { planned: { total_m2: -1 } },
    { jurisdiction: "xam", settlement: "city", households: 1e300 },
    { get households() { throw new Error("getter"); } },
  ];
  for (const input of hostile) {
    try {
      evaluate(input);
    } catch (e) {
      assert.ok(Array.isArray(e?.errors), `evaluate(${String(input?.toString?.() ?? typeof input)}) threw without errors[]: ${e}`);
    }
  }
  for (const text of [undefined, null, 5, {}, "", "∞", "1e999", "\u0000", "9".repeat(400)]) {
    try {
      parse_number(text);
    } catch (e) {
      assert.ok(Array.isArray(e?.errors), `parse_number threw without errors[]: ${e}`);
    }
  }
  // The module still works: a panic would have killed it.
  near(evaluate({ jurisdiction: "xam", settlement: "city", households: 1250 }).required_area_m2, 375, "after abuse");
});

// ---------------------------------------------------------------------------------------------
// SPEC §7: typed numbers

test("§7: parse_number reads what Chinese users type", () => {
  const cases = [
    ["１,２５０户", 1250],
    ["1.2万", 12000],
    ["1250", 1250],
    ["  300  ", 300],
    ["1,250", 1250],
    ["1，250", 1250],
    ["1 250", 1250],
    ["1\u2009250", 1250],
    ["3.5", 3.5],
    ["３．５", 3.5],
    ["5200人", 5200],
    ["420㎡", 420],
    ["420m²", 420],
    ["420m2", 420],
    ["420平方米", 420],
    ["420平米", 420],
  ];
  for (const [text, expected] of cases) {
    assert.equal(parse_number(text), expected, `parse_number(${JSON.stringify(text)})`);
  }
});

test("§7: parse_number rejects with a reason naming a field", () => {
  for (const text of ["abc", "", "1.2.3", "-5", "12abc"]) {
    let thrown;
    try {
      parse_number(text);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown, `parse_number(${JSON.stringify(text)}) should throw`);
    assert.ok(Array.isArray(thrown.errors) && thrown.errors.length > 0, "throws { errors }");
    assert.equal(typeof thrown.errors[0].field, "string");
    assert.ok(thrown.errors[0].message && thrown.errors[0].message_zh, "with a reason in English and Chinese");
  }
});

// ---------------------------------------------------------------------------------------------
// SPEC §4: land estimate; SPEC §8: the catalogue

test("§4: estimate_households = floor(site × FAR × residential share / average unit)", () => {
  assert.equal(estimate_households({ site_area_m2: 50000, far: 2.0, avg_unit_m2: 100 }), 1000);
  assert.equal(estimate_households({ site_area_m2: 50000, far: 2.0, residential_share: 0.8, avg_unit_m2: 100 }), 800);
  assert.equal(estimate_households({ site_area_m2: 1000, far: 1, avg_unit_m2: 300 }), 3, "rounded down");
});

test("§8: standards() is the catalogue of documents, jurisdictions and rules", () => {
  const s = standards();
  assertPlainData(s, "standards()");
  for (const list of ["documents", "jurisdictions", "rules"]) {
    assert.ok(Array.isArray(s[list]), `standards().${list} is an array`);
  }
  const ids = (list) => list.map((x) => x.id);
  assert.deepEqual(ids(s.documents).sort(), ["alzq2024", "ds2023", "nmg2017", "rs2018", "xam2018"]);
  assert.deepEqual(ids(s.jurisdictions).sort(), ["aolezhaoqi", "dongsheng", "nmg", "renshou", "xam"]);
  assert.deepEqual([...ids(s.rules)].sort(), [...ALL_RULES].sort());
});

test("§8: mount without an element throws a clear TypeError instead of failing inside the widget", () => {
  for (const notAnElement of [null, undefined, {}, "#app"]) {
    assert.throws(() => mount(notAnElement, {}), (e) => e instanceof TypeError && /needs a DOM element/.test(e.message));
  }
  // The module still works afterwards.
  assert.equal(evaluate({ jurisdiction: "xam", settlement: "city", households: 1250 }).required_area_m2, 375);
});

test("§7: parse_number rejects values that are not text", () => {
  for (const [value, code] of [[{}, "invalid_character"], [[], "invalid_character"], [null, "empty"], [true, "invalid_character"]]) {
    assert.throws(() => parse_number(value), (e) => e.errors[0].field === "text" && e.errors[0].code === code, String(value));
  }
});
