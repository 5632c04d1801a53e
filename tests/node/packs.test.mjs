// Rule packs through the JS API (SPEC §8 as grown by issue 8): builtin_pack, load_rules, validate_rules,
// and the `rules` option of evaluate and standards. Run by `cargo xtask test` after `cargo xtask dist`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, {
  evaluate,
  standards,
  builtin_pack,
  load_rules,
  validate_rules,
} from "../../dist/facility_calc.js";

await init({
  module_or_path: readFileSync(new URL("../../dist/facility_calc_bg.wasm", import.meta.url)),
});

const example = (name) => readFileSync(new URL(`../../examples/packs/${name}`, import.meta.url), "utf8");

/** Everything evaluate says except which ruleset said it. */
function withoutRuleset(result) {
  const { ruleset, ruleset_version, ...rest } = result;
  return rest;
}

test("builtin_pack() is the built-in standards in the pack format", () => {
  const pack = builtin_pack();
  assert.equal(pack.format, "facility-calc/rules@1");
  assert.equal(pack.id, "builtin");
  for (const key of ["documents", "jurisdictions", "settlements", "programmes", "rules"]) {
    assert.ok(Array.isArray(pack[key]), key);
    for (const item of pack[key]) assert.equal(typeof item.id, "string", `${key}[].id`);
  }
  assert.equal(pack.rules.length, 26);
  assert.deepEqual(validate_rules(pack), []);
});

test("a copy of builtin_pack() under another id gives exactly the built-in results", () => {
  const copy = { ...builtin_pack(), id: "copy", version: "copy-1" };
  assert.equal(load_rules(copy), "copy");
  let compared = 0;
  for (const jurisdiction of ["nmg", "xam", "dongsheng", "aolezhaoqi", "renshou"]) {
    for (const settlement of ["city", "town", "township_seat", "central_village", "farming_village", "pastoral_village"]) {
      for (const construction of ["existing", "new", "renovated"]) {
        for (const households of [90, 1250, 4000]) {
          for (const planned of [undefined, { total_m2: 420, office_m2: 80, activity_m2: 200 }]) {
            const input = { jurisdiction, settlement, construction, households, population: 5200, occupied_households: 40, planned };
            const a = evaluate(input);
            const b = evaluate(input, { rules: "copy" });
            assert.deepEqual(withoutRuleset(b), withoutRuleset(a), JSON.stringify(input));
            assert.deepEqual(a.ruleset, { id: "builtin", version: a.ruleset_version, builtin: true });
            assert.deepEqual(b.ruleset, { id: "copy", version: "copy-1", builtin: false });
            compared++;
          }
        }
      }
    }
  }
  assert.equal(compared, 540);
});

test("load_rules takes JSON text; evaluate and standards use the pack by id; the default stays built-in", () => {
  const id = load_rules(example("example-new-jurisdiction.json"));
  assert.equal(id, "example-new-jurisdiction");
  const r = evaluate({ jurisdiction: "example_city", settlement: "industrial_park", households: 1000, planned: { total_m2: 420, office_m2: 80 } }, { rules: id });
  assert.equal(r.required_area_m2, 400);
  assert.equal(r.office_max_share, 0.18);
  assert.equal(r.verdict, "fail");
  assert.deepEqual(r.ruleset, { id, version: "2026.11-example", builtin: false });
  const catalogue = standards({ rules: id });
  assert.ok(catalogue.jurisdictions.some((j) => j.id === "example_city"));
  assert.ok(catalogue.settlements.some((s) => s.id === "industrial_park"));
  assert.equal(catalogue.documents.find((d) => d.id === "example-city-2026").status, "example");
  // Without the option: the built-in standards, which know no example_city.
  assert.throws(() => evaluate({ jurisdiction: "example_city", settlement: "city", households: 10 }), (e) =>
    e.errors.some((x) => x.field === "jurisdiction" && x.code === "unknown_value"));
  assert.ok(!standards().jurisdictions.some((j) => j.id === "example_city"));
});

test("a local document under the regional plan: the strictest figure governs", () => {
  const id = load_rules(JSON.parse(example("example-local-document.json")));
  const r = evaluate({ jurisdiction: "example_banner", settlement: "farming_village", households: 300 }, { rules: id });
  assert.equal(r.required_area_m2, 150);
  assert.equal(r.office_max_share, 0.2);
  assert.deepEqual(r.rules.filter((x) => x.governing).map((x) => x.id), ["nmg2017.area.rural_150", "example-banner-2026.office.max"]);
});

test("a bad pack throws every problem with its JSON Pointer, and nothing is loaded", () => {
  const bad = { ...builtin_pack(), id: "bad" };
  bad.rules = bad.rules.map((rule, i) => (i === 3 ? { ...rule, kind: "max_area" } : rule));
  bad.rules[5] = { ...bad.rules[5], figure: { shape: "share_of_total", percent: 150 } };
  let thrown;
  try {
    load_rules(bad);
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, "throws an Error");
  assert.deepEqual(
    thrown.errors.map((e) => `${e.path} ${e.code}`),
    ["/rules/3/kind unknown_kind", "/rules/5/figure/percent out_of_range"],
  );
  for (const e of thrown.errors) assert.ok(e.message && e.message_zh);
  assert.deepEqual(validate_rules(bad).map((e) => e.path), ["/rules/3/kind", "/rules/5/figure/percent"]);
  assert.throws(() => evaluate({ jurisdiction: "xam", settlement: "city", households: 1 }, { rules: "bad" }), (e) =>
    e.errors[0].field === "rules" && e.errors[0].code === "unknown_rules");
  // Truncated JSON text, and a value that is not a pack at all.
  assert.deepEqual(validate_rules('{"format": "facility-calc/rules@1", "id": ').map((e) => `${e.path} ${e.code}`), [" invalid_json"]);
  assert.deepEqual(validate_rules(42).map((e) => `${e.path} ${e.code}`), [" not_an_object"]);
  // The module still answers normally.
  assert.equal(evaluate({ jurisdiction: "xam", settlement: "city", households: 1250 }).required_area_m2, 375);
});

test("the published JSON Schema accepts the built-in pack and the examples, and rejects what the reader rejects", async () => {
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const schema = JSON.parse(readFileSync(new URL("../../dist/rule-pack.schema.json", import.meta.url), "utf8"));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  for (const [name, pack] of [
    ["builtin_pack()", builtin_pack()],
    ["example-new-jurisdiction", JSON.parse(example("example-new-jurisdiction.json"))],
    ["example-local-document", JSON.parse(example("example-local-document.json"))],
  ]) {
    assert.ok(validate(pack), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
  const bad = builtin_pack();
  bad.rules[0] = { ...bad.rules[0], kind: "max_area" };
  assert.equal(validate(bad), false);
  assert.notDeepEqual(validate_rules(bad), []);
});

// The malformed-pack table of tests/packs.rs (written there to tests/fixtures/packs/malformed.json), run
// through the published schema: the schema refuses what the reader refuses, except where a JSON Schema
// cannot say it. Those cases are listed here by name with the reason, so a schema that learns one, or a
// reader check the schema no longer matches, fails this test.
const BEYOND_A_SCHEMA = {
  // An id must name something declared elsewhere in the pack, or must not repeat one: JSON Schema has no
  // references between values.
  "rule of a missing document": "reference",
  "scope names a missing type": "reference",
  "scope names a missing programme": "reference",
  "duplicate rule id": "uniqueness",
  "rule id of a built-in rule": "the built-in pack's ids",
  "called builtin": "the built-in pack's ids (the built-in pack itself is called so)",
  "duplicate document id": "uniqueness",
  "document of the built-in pack again": "the built-in pack's ids",
  "jurisdiction names a missing document": "reference",
  "jurisdiction offers a missing type": "reference",
  "duplicate jurisdiction id": "the built-in pack's ids",
  // An order between two numbers of the same figure, or between the entries of a list.
  "staff range upside down": "an order between two keys",
  "tiers out of order": "an order between entries",
  "two tiers with the same bound": "an order between entries",
  "no open last tier": "which entry is last",
  "a middle tier without a bound": "which entry is last",
};

test("the JSON Schema gives the reader's verdict on every malformed pack it can judge", async () => {
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const schema = JSON.parse(readFileSync(new URL("../../dist/rule-pack.schema.json", import.meta.url), "utf8"));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const cases = JSON.parse(readFileSync(new URL("../fixtures/packs/malformed.json", import.meta.url), "utf8"));
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  const differ = [];
  for (const { what, text, reader } of cases) {
    let value;
    let schemaAccepts;
    try {
      value = JSON.parse(text);
      schemaAccepts = validate(value);
    } catch {
      schemaAccepts = false; // not JSON: no schema applies, and the reader refuses it too
    }
    const readerAccepts = reader === "";
    // The reader (through the JS API) still says what the table says.
    const problems = value === undefined ? validate_rules(text) : validate_rules(value);
    assert.equal(problems.length === 0, readerAccepts, `${what}: ${JSON.stringify(problems)}`);
    if (schemaAccepts !== readerAccepts) differ.push(what);
  }
  assert.deepEqual(differ.sort(), Object.keys(BEYOND_A_SCHEMA).sort());
  // The size limit is the reader's, not the schema's.
  const good = cases.find((c) => c.reader === "").text;
  assert.equal(validate(JSON.parse(" ".repeat(1_000_001) + good)), true);
  assert.deepEqual(validate_rules(" ".repeat(1_000_001) + good).map((e) => e.code), ["too_large"]);
});

// Issue 16's example packs through the JS API: tiers, a ceiling on the total, a recommended value, an
// area per population, and the residential floor area they may need.
test("the example packs of tiers, ceilings, recommended values and population rates evaluate through the API", () => {
  assert.equal(load_rules(example("example-tiers.json")), "example-tiers");
  const at = (households) =>
    evaluate({ jurisdiction: "example_tiers_households", settlement: "city", households }, { rules: "example-tiers" });
  assert.deepEqual([1500, 1501, 3000, 3001].map((hh) => at(hh).required_area_m2), [450, 500, 500, 800]);
  assert.match(at(3200).rules[0].formula_zh, /3,200 户，属于 3,000 户以上一档/);
  const county = { jurisdiction: "example_tiers_floor_area", settlement: "city", households: 800 };
  const waiting = evaluate(county, { rules: "example-tiers" });
  assert.equal(waiting.required_area_m2, null);
  assert.equal(waiting.rules[0].status, "needs_input");
  const stepped = evaluate({ ...county, residential_floor_area_m2: "120,000" }, { rules: "example-tiers" });
  assert.equal(stepped.required_area_m2, 1700);
  assert.equal(stepped.residential_floor_area_m2, 120000);

  load_rules(example("example-ceiling-recommended.json"));
  const centre = (total_m2) =>
    evaluate(
      { jurisdiction: "example_centre_city", settlement: "city", households: 1000, planned: { total_m2 } },
      { rules: "example-ceiling-recommended" },
    );
  const big = centre(1700);
  assert.equal(big.max_area_m2, 1500);
  assert.equal(big.verdict, "fail");
  assert.equal(big.fix_plan.total_m2, 1500);
  assert.equal(big.fix_plan.remove_total_m2, 200);
  assert.equal(big.fix_plan.add_total_m2, 0);
  const modest = centre(650);
  assert.equal(modest.verdict, "pass");
  assert.equal(modest.recommended_area_m2, 800);
  const recommended = modest.rules.find((r) => r.level === "recommended");
  assert.equal(recommended.status, "info");
  assert.equal(recommended.margin_m2, -150);
  assert.equal(modest.area_conflict, false);

  load_rules(example("example-per-population.json"));
  const residents = (population) =>
    evaluate(
      { jurisdiction: "example_residents_city", settlement: "city", households: 1000, population },
      { rules: "example-per-population" },
    );
  assert.equal(residents(undefined).required_area_m2, null);
  assert.equal(residents(3275).required_area_m2, 163.75);
  assert.equal(residents(3275).max_area_m2, 393);
});
