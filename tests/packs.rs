//! Rule packs: the built-in pack re-loaded under another id gives the built-in results for every input;
//! the example packs work beyond the five documents; malformed packs are rejected whole, with their JSON
//! Pointers; random mutations never panic.
mod common;
use common::{
    SPEC_CONSTRUCTIONS, SPEC_JURISDICTIONS, SPEC_PROGRAMMES, SPEC_SETTLEMENTS, render_errors,
    render_rules, render_summary, scenario,
};
use facility_calc::registry::Registry;
use facility_calc::rules::{builtin_pack_value, read_pack};
use facility_calc::value::HostValue;
use facility_calc::{builtin, evaluate_raw};
use proptest::prelude::*;
use std::path::PathBuf;

fn example(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/packs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The built-in pack as a value, with `edit` applied to its JSON text first.
fn builtin_json() -> String {
    let value = builtin_pack_value();
    serde_json::to_string(&*value).unwrap()
}

/// build.rs's compact encoding read back is the data files' JSON, value for value.
#[test]
fn the_compiled_in_pack_is_the_data_files() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/builtin");
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        facility_calc::json::parse(&text).unwrap()
    };
    let compiled = builtin_pack_value();
    let header = read("pack.json");
    let HostValue::Object(members) = &header else {
        panic!("pack.json is not an object")
    };
    for (key, value) in members {
        assert_eq!(compiled.get(key), value, "{key}");
    }
    let mut rules = Vec::new();
    for doc in ["nmg2017", "ds2023", "alzq2024", "xam2018", "rs2018"] {
        if let HostValue::Array(more) = read(&format!("{doc}.json")).get("rules") {
            rules.extend(more.iter().cloned());
        }
    }
    assert_eq!(compiled.get("rules"), &HostValue::Array(rules));
}

fn renamed_copy() -> HostValue {
    let mut text = builtin_json();
    text = text.replacen("\"id\":\"builtin\"", "\"id\":\"copy-of-builtin\"", 1);
    facility_calc::json::parse(&text).unwrap()
}

#[test]
fn a_copy_of_the_builtin_pack_under_another_id_gives_the_builtin_results_for_every_input() {
    let set = builtin();
    let mut registry = Registry::default();
    let copy = registry
        .load(&renamed_copy())
        .unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(&*copy.id, "copy-of-builtin");
    assert!(!copy.builtin);
    let mut compared = 0;
    for j in SPEC_JURISDICTIONS {
        for s in SPEC_SETTLEMENTS {
            for c in SPEC_CONSTRUCTIONS {
                for p in SPEC_PROGRAMMES {
                    for hh in ["1", "90", "800", "1250", "2199", "4000", "10000000"] {
                        for extra in ["", " pop=5200 occ=480", " total=420 office=80 activity=260"]
                        {
                            let words =
                                format!("{j} {s} construction={c} programme={p} hh={hh}{extra}");
                            let raw = scenario(&words);
                            let (a, b) = (evaluate_raw(&set, &raw), evaluate_raw(&copy, &raw));
                            match (a, b) {
                                (Ok(a), Ok(b)) => {
                                    assert_eq!(render_summary(&a), render_summary(&b), "{words}");
                                    assert_eq!(render_rules(&a), render_rules(&b), "{words}");
                                    let texts = |e: &facility_calc::Evaluation| {
                                        e.rules
                                            .iter()
                                            .map(|r| {
                                                format!(
                                                    "{:?}{:?}{}",
                                                    r.formula_zh, r.reason_en, r.quote
                                                )
                                            })
                                            .collect::<String>()
                                    };
                                    assert_eq!(texts(&a), texts(&b), "{words}");
                                    assert!(a.ruleset.builtin && !b.ruleset.builtin);
                                }
                                (Err(a), Err(b)) => {
                                    assert_eq!(render_errors(&a), render_errors(&b), "{words}")
                                }
                                (a, b) => panic!("{words}: {a:?} vs {b:?}"),
                            }
                            compared += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(compared, 5 * 8 * 3 * 3 * 7 * 3);
}

#[test]
fn a_new_jurisdiction_with_a_new_community_type_works_from_a_file() {
    let mut registry = Registry::default();
    let set = registry
        .load_text(&example("example-new-jurisdiction.json"))
        .unwrap_or_else(|e| panic!("{e:#?}"));
    let run = |words: &str| evaluate_raw(&set, &scenario(words));
    let e = run("example_city industrial_park hh=1000 total=420 office=80").unwrap();
    // 35 × 1000 / 100 = 350, but the park minimum is 400; office ceiling 18 % of 420 = 75.6 < 80.
    assert_eq!(
        render_summary(&e),
        "area=400 basis=420 office=0.18/75.6 activity=-/- staff=-..- vol=- orgs=- scale=- rc=- funding=- verdict=Fail"
    );
    assert_eq!(
        render_rules(&e),
        "example-city-2026.area.per_households Pass 350 actual=420\n\
         example-city-2026.area.park_min Pass 400 actual=420 G\n\
         example-city-2026.office.max Fail 0.18 actual=80 G"
    );
    assert_eq!(
        e.documents.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        ["example-city-2026"]
    );
    assert_eq!(
        (&*e.ruleset.id, &*e.ruleset.version, e.ruleset.builtin),
        ("example-new-jurisdiction", "2026.11-example", false)
    );
    // The built-in jurisdictions are still there, and a type the pack adds is in none of their scopes:
    // "all types" in a built-in rule means the eight types its document speaks of.
    assert_eq!(
        run("xam city hh=1250").unwrap().required_area_m2,
        Some(375.0)
    );
    let xam = run("xam industrial_park hh=1000").unwrap();
    assert_eq!(xam.required_area_m2, None);
    assert!(
        xam.rules
            .iter()
            .all(|r| r.status == facility_calc::Status::NotApplicable)
    );
    // The jurisdiction offers exactly the types it lists, in its own words.
    let city = set.jurisdiction("example_city").unwrap();
    let offered: Vec<&str> = city
        .settlements
        .iter()
        .map(|o| &*set.settlements[o.settlement].id)
        .collect();
    assert_eq!(offered, ["city", "industrial_park"]);
}

#[test]
fn a_local_document_under_the_regional_plan_lets_the_strictest_figure_govern() {
    let mut registry = Registry::default();
    let set = registry
        .load_text(&example("example-local-document.json"))
        .unwrap_or_else(|e| panic!("{e:#?}"));
    let table = [
        (
            "example_banner city hh=1250",
            "area=437.5 basis=437.5 office=0.2/87.5 activity=-/- staff=-..- vol=- orgs=- scale=- rc=- funding=- verdict=-",
        ),
        // A farming village: nmg2017's 150 m² floor beats the example's 35 × 300 / 100 = 105; the example's
        // 20 % office ceiling beats nmg2017's 30 %.
        (
            "example_banner farming_village hh=300",
            "area=150 basis=150 office=0.2/30 activity=-/- staff=-..- vol=- orgs=- scale=- rc=- funding=- verdict=-",
        ),
    ];
    for (words, expected) in table {
        let e = evaluate_raw(&set, &scenario(words)).unwrap();
        assert_eq!(render_summary(&e), expected, "{words}");
    }
    let e = evaluate_raw(&set, &scenario("example_banner farming_village hh=300")).unwrap();
    let governing: Vec<&str> = e
        .rules
        .iter()
        .filter(|r| r.governing)
        .map(|r| &*r.id)
        .collect();
    assert_eq!(
        governing,
        ["nmg2017.area.rural_150", "example-banner-2026.office.max"]
    );
}

/// One malformed pack per row: how the built-in pack (as JSON text) is broken, and the `path code` of
/// every problem reported.
#[test]
fn malformed_packs_are_rejected_whole_with_their_paths() {
    let base = builtin_json();
    let good_rule = r#"{"id":"x.area","document":"x","kind":"minimum_area","title_zh":"面积","scope":{"settlements":"all"},"figure":{"shape":"fixed_area","m2":100},"section":"一","quote":"不低于100平方米"}"#;
    let good_doc =
        r#"{"id":"x","title":"某县意见","issuer_zh":"某县","date":"2026","status":"in_force"}"#;
    let good_jurisdiction = r#"{"id":"xj","name_zh":"某县","documents":["x"]}"#;
    // A small stand-alone pack to break, built from the parts above.
    let extension = |docs: &str, rules: &str, jurisdictions: &str| {
        format!(
            r#"{{"format":"facility-calc/rules@1","id":"t","version":"1","title":"T","publisher":"P","extends":"builtin","documents":[{docs}],"rules":[{rules}],"jurisdictions":[{jurisdictions}]}}"#
        )
    };
    let ok = extension(good_doc, good_rule, good_jurisdiction);
    let with_rule = |r: &str| extension(good_doc, r, good_jurisdiction);
    let rule = |from: &str, to: &str| with_rule(&good_rule.replacen(from, to, 1));
    let tiers = |tiers: &str| {
        rule(
            r#""shape":"fixed_area","m2":100"#,
            &format!(r#""shape":"tiers","basis":"households","tiers":[{tiers}]"#),
        )
    };
    let table: Vec<(&str, String, &str)> = vec![
        ("the good one loads", ok.clone(), ""),
        ("truncated JSON", base[..base.len() / 2].to_string(), " invalid_json"),
        ("not JSON at all", "format: rules".to_string(), " invalid_json"),
        ("a spreadsheet chosen as a pack", "PK\u{3}\u{4}\u{14}\u{0}[Content_Types].xml".to_string(), " not_a_pack"),
        ("an array, not an object", "[]".to_string(), " not_an_object"),
        ("over 1 MB", format!("{}{}", " ".repeat(1_000_001), ok), " too_large"),
        ("unknown format", ok.replacen("rules@1", "rules@9", 1), "/format unknown_format"),
        ("no format", ok.replacen(r#""format":"facility-calc/rules@1","#, "", 1), "/format missing"),
        ("id with a space", ok.replacen(r#""id":"t""#, r#""id":"my pack""#, 1), "/id invalid_id"),
        ("called builtin", ok.replacen(r#""id":"t""#, r#""id":"builtin""#, 1), "/id duplicate_id"),
        ("version a number", ok.replacen(r#""version":"1""#, r#""version":1"#, 1), "/version wrong_type"),
        ("unknown extends", ok.replacen(r#""extends":"builtin""#, r#""extends":"nmg""#, 1), "/extends unsupported_extends"),
        ("unknown top-level key", ok.replacen(r#""id":"t""#, r#""id":"t","rule":[]"#, 1), "/rule unknown_key"),
        ("rules not a list", ok.replacen(&format!("[{good_rule}]"), "{}", 1), "/rules wrong_type"),
        ("unknown rule kind", rule("minimum_area", "max_area"), "/rules/0/kind unknown_kind"),
        ("unknown figure shape", rule("fixed_area", "fixed_volume"), "/rules/0/figure/shape unknown_shape"),
        ("shape of another kind", rule(r#""shape":"fixed_area","m2":100"#, r#""shape":"share_of_total","percent":10"#), "/rules/0/figure/shape shape_mismatch"),
        ("negative area", rule(r#""m2":100"#, r#""m2":-5"#), "/rules/0/figure/m2 out_of_range"),
        ("absurd area", rule(r#""m2":100"#, r#""m2":1e12"#), "/rules/0/figure/m2 out_of_range"),
        ("area as text", rule(r#""m2":100"#, r#""m2":"100""#), "/rules/0/figure/m2 wrong_type"),
        ("office share above 1", rule(r#""kind":"minimum_area""#, r#""kind":"office_ceiling""#).replacen(r#""shape":"fixed_area","m2":100"#, r#""shape":"share_of_total","percent":150"#, 1), "/rules/0/figure/percent out_of_range"),
        ("a share written as a fraction", rule(r#""kind":"minimum_area""#, r#""kind":"office_ceiling""#).replacen(r#""shape":"fixed_area","m2":100"#, r#""shape":"share_of_total","percent":0.2"#, 1), "/rules/0/figure/percent out_of_range"),
        ("curly quotes typed by an input method", ok.replacen(r#""version":"1""#, "\u{201c}version\u{201d}:\"1\"", 1), " invalid_json"),
        ("missing quote", rule(r#","quote":"不低于100平方米""#, ""), "/rules/0/quote missing"),
        ("empty quote", rule(r#""quote":"不低于100平方米""#, r#""quote":"  ""#), "/rules/0/quote empty"),
        ("rule of a missing document", rule(r#""document":"x""#, r#""document":"y""#), "/rules/0/document unknown_document"),
        ("scope names a missing type", rule(r#""settlements":"all""#, r#""settlements":["city","moon_base"]"#), "/rules/0/scope/settlements/1 unknown_settlement"),
        ("scope names a missing programme", rule(r#""settlements":"all""#, r#""programmes":["gold"]"#), "/rules/0/scope/programmes/0 unknown_programme"),
        ("empty scope list", rule(r#""settlements":"all""#, r#""settlements":[]"#), "/rules/0/scope/settlements empty"),
        ("duplicate rule id", with_rule(&format!("{good_rule},{good_rule}")), "/rules/1/id duplicate_id"),
        ("rule id of a built-in rule", rule(r#""id":"x.area""#, r#""id":"xam2018.office.max""#), "/rules/0/id duplicate_id"),
        ("whole number wanted", rule(r#""kind":"minimum_area""#, r#""kind":"minimum_volunteers""#).replacen(r#""shape":"fixed_area","m2":100"#, r#""shape":"per_population","per":1.5,"unit":100"#, 1), "/rules/0/figure/per not_a_whole_number"),
        ("duplicate document id", extension(&format!("{good_doc},{good_doc}"), good_rule, good_jurisdiction), "/documents/1/id duplicate_id"),
        ("document of the built-in pack again", extension(&good_doc.replacen(r#""id":"x""#, r#""id":"nmg2017""#, 1), &good_rule.replacen(r#""document":"x""#, r#""document":"nmg2017""#, 1), &good_jurisdiction.replacen(r#"["x"]"#, r#"["nmg2017"]"#, 1)), "/documents/0/id duplicate_id"),
        ("unknown document status", extension(&good_doc.replacen("in_force", "maybe", 1), good_rule, good_jurisdiction), "/documents/0/status unknown_value"),
        ("jurisdiction names a missing document", extension(good_doc, good_rule, &good_jurisdiction.replacen(r#"["x"]"#, r#"["x","z"]"#, 1)), "/jurisdictions/0/documents/1 unknown_document"),
        ("jurisdiction with no documents", extension(good_doc, good_rule, &good_jurisdiction.replacen(r#"["x"]"#, "[]", 1)), "/jurisdictions/0/documents empty"),
        ("jurisdiction offers a missing type", extension(good_doc, good_rule, &good_jurisdiction.replacen(r#""documents""#, r#""settlements":["farm"],"documents""#, 1)), "/jurisdictions/0/settlements/0 unknown_settlement"),
        ("duplicate jurisdiction id", extension(good_doc, good_rule, &good_jurisdiction.replacen(r#""id":"xj""#, r#""id":"xam""#, 1)), "/jurisdictions/0/id duplicate_id"),
        ("staff range upside down", rule(r#""kind":"minimum_area""#, r#""kind":"staff_range""#).replacen(r#""shape":"fixed_area","m2":100"#, r#""shape":"staff_range","usual_min":10,"usual_max":6,"households_per_person":200,"cap":15"#, 1), "/rules/0/figure bad_range"),
        // Issue 16's shapes, every way to get them wrong.
        ("a good tiered figure", tiers(r#"{"up_to":1500,"figure":{"shape":"per_100_households","m2_per_100":30}},{"up_to":3000,"figure":{"shape":"fixed_area","m2":500}},{"figure":{"shape":"fixed_area","m2":800}}"#), ""),
        ("tiers out of order", tiers(r#"{"up_to":3000,"figure":{"shape":"fixed_area","m2":500}},{"up_to":1500,"figure":{"shape":"fixed_area","m2":300}},{"figure":{"shape":"fixed_area","m2":800}}"#), "/rules/0/figure/tiers/1/up_to not_ascending"),
        ("two tiers with the same bound", tiers(r#"{"up_to":1500,"figure":{"shape":"fixed_area","m2":300}},{"up_to":1500,"figure":{"shape":"fixed_area","m2":500}},{"figure":{"shape":"fixed_area","m2":800}}"#), "/rules/0/figure/tiers/1/up_to not_ascending"),
        ("no open last tier", tiers(r#"{"up_to":1500,"figure":{"shape":"fixed_area","m2":300}},{"up_to":3000,"figure":{"shape":"fixed_area","m2":500}}"#), "/rules/0/figure/tiers/1/up_to last_tier_bounded"),
        ("a middle tier without a bound", tiers(r#"{"up_to":1500,"figure":{"shape":"fixed_area","m2":300}},{"figure":{"shape":"fixed_area","m2":500}},{"figure":{"shape":"fixed_area","m2":800}}"#), "/rules/0/figure/tiers/1/up_to missing"),
        ("a tier inside a tier", tiers(r#"{"up_to":1500,"figure":{"shape":"tiers","basis":"households","tiers":[{"figure":{"shape":"fixed_area","m2":300}}]}},{"figure":{"shape":"fixed_area","m2":800}}"#), "/rules/0/figure/tiers/0/figure/shape tier_in_tier"),
        ("a tier of a share", tiers(r#"{"figure":{"shape":"share_of_total","percent":10}}"#), "/rules/0/figure/tiers/0/figure/shape shape_mismatch"),
        ("no tiers", tiers(""), "/rules/0/figure/tiers empty"),
        ("a bound as text", tiers(r#"{"up_to":"1500","figure":{"shape":"fixed_area","m2":300}},{"figure":{"shape":"fixed_area","m2":800}}"#), "/rules/0/figure/tiers/0/up_to wrong_type"),
        ("a basis the shape cannot use", rule(r#""shape":"fixed_area","m2":100"#, r#""shape":"tiers","basis":"site_area_m2","tiers":[{"figure":{"shape":"fixed_area","m2":800}}]"#), "/rules/0/figure/basis unknown_basis"),
        ("tiers without a basis", rule(r#""shape":"fixed_area","m2":100"#, r#""shape":"tiers","tiers":[{"figure":{"shape":"fixed_area","m2":800}}]"#), "/rules/0/figure/basis missing"),
        ("per-population area of a fraction of a person", rule(r#""shape":"fixed_area","m2":100"#, r#""shape":"per_population_area","m2":50,"per":2.5"#), "/rules/0/figure/per not_a_whole_number"),
        ("a ceiling of a share", rule(r#""kind":"minimum_area""#, r#""kind":"maximum_area""#).replacen(r#""shape":"fixed_area","m2":100"#, r#""shape":"share_of_total","percent":10"#, 1), "/rules/0/figure/shape shape_mismatch"),
        ("an unknown level", rule(r#""kind":"minimum_area""#, r#""kind":"minimum_area","level":"optional""#), "/rules/0/level unknown_value"),
        ("several problems at once", rule(r#""kind":"minimum_area""#, r#""kind":"size""#).replacen(r#""document":"x""#, r#""document":"q""#, 1), "/rules/0/document unknown_document; /rules/0/kind unknown_kind"),
    ];
    assert!(table.len() >= 30);
    // The same table, for tests/node/packs.test.mjs to run through the published JSON Schema (ajv). The
    // 1 MB case is left out: the node test builds it itself.
    let cases: Vec<serde_json::Value> = table
        .iter()
        .filter(|(what, ..)| *what != "over 1 MB")
        .map(|(what, text, expected)| {
            serde_json::json!({ "what": what, "text": text, "reader": expected.trim_start() })
        })
        .collect();
    common::ensure_file_contents(
        "tests/fixtures/packs/malformed.json",
        &(serde_json::to_string_pretty(&cases).unwrap() + "\n"),
    );
    for (what, text, expected) in table {
        let mut registry = Registry::default();
        let got = match registry.load_text(&text) {
            Ok(_) => String::new(),
            Err(errors) => errors
                .iter()
                .map(|e| {
                    assert!(
                        !e.message.is_empty() && !e.message_zh.is_empty(),
                        "{what}: {e:?}"
                    );
                    format!(" {} {}", e.path, e.code).replacen("  ", " ", 1)
                })
                .collect::<Vec<_>>()
                .join(";"),
        };
        let got = got.trim_start().to_string();
        let expected = expected.trim_start();
        assert_eq!(got, expected, "{what}");
        // Rejected whole: a pack with problems is not kept.
        if !expected.is_empty() {
            assert!(registry.get("t").is_none(), "{what} was kept");
        }
    }
}

#[test]
fn too_many_rules_is_one_problem_not_two_thousand() {
    let rule = r#"{"id":"x.a","document":"x","kind":"minimum_area","title_zh":"面积","figure":{"shape":"fixed_area","m2":1},"section":"一","quote":"q"}"#;
    let rules: Vec<String> = (0..2_001)
        .map(|i| rule.replace("x.a", &format!("x.a{i}")))
        .collect();
    let text = format!(
        r#"{{"format":"facility-calc/rules@1","id":"t","version":"1","title":"T","publisher":"P","settlements":[{{"id":"a","name_zh":"甲"}}],"programmes":[{{"id":"standard","name_zh":"常规"}}],"documents":[{{"id":"x","title":"X","issuer_zh":"某","date":"2026","status":"draft"}}],"jurisdictions":[{{"id":"j","name_zh":"某","documents":["x"]}}],"rules":[{}]}}"#,
        rules.join(",")
    );
    let errors = Registry::default().load_text(&text).unwrap_err();
    assert_eq!(render_pack_errors(&errors), "/rules too_many_rules");
}

fn render_pack_errors(errors: &[facility_calc::rules::PackError]) -> String {
    errors
        .iter()
        .map(|e| format!("{} {}", e.path, e.code))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Replaces the `n`th scalar of a value (depth-first) with `with`.
fn mutate(value: &mut HostValue, n: &mut usize, with: &HostValue) -> bool {
    match value {
        HostValue::Array(items) => items.iter_mut().any(|v| mutate(v, n, with)),
        HostValue::Object(members) => members.iter_mut().any(|(_, v)| mutate(v, n, with)),
        scalar => {
            if *n == 0 {
                *scalar = with.clone();
                return true;
            }
            *n -= 1;
            false
        }
    }
}

fn arbitrary_value() -> impl Strategy<Value = HostValue> {
    prop_oneof![
        Just(HostValue::Absent),
        any::<bool>().prop_map(HostValue::Bool),
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-1.0),
            Just(0.0),
            Just(1e300),
            any::<f64>()
        ]
        .prop_map(HostValue::Number),
        ".{0,12}".prop_map(HostValue::Text),
        Just(HostValue::Text("all".into())),
        Just(HostValue::Array(vec![])),
        Just(HostValue::Object(vec![])),
        Just(HostValue::Unreadable),
        Just(HostValue::TooLong { chars: 1 << 20 }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000)
    ))]

    /// Any one value of the built-in pack replaced by anything: read_pack answers, never panics, and when it
    /// accepts the pack the engine still evaluates under it.
    #[test]
    fn mutated_packs_never_panic(position in 0usize..2_000, with in arbitrary_value(), hh in 1u32..100_000) {
        let mut pack = (*builtin_pack_value()).clone();
        let mut n = position;
        mutate(&mut pack, &mut n, &with);
        if let Ok(set) = read_pack(&pack, None) {
            for j in set.jurisdictions.iter().map(|j| j.id.to_string()) {
                let raw = scenario(&format!("{j} city hh={hh} total=300 office=40 activity=100"));
                let _ = evaluate_raw(&set, &raw);
            }
        }
    }

    /// Random text: the JSON reader and the pack reader answer, never panic.
    #[test]
    fn random_text_never_panics(text in ".{0,200}") {
        let _ = Registry::default().load_text(&text);
    }
}

/// A rule a pack adds to a built-in document applies in every jurisdiction that applies that document.
#[test]
fn a_rule_added_to_a_builtin_document_applies_wherever_that_document_does() {
    let text = r#"{"format":"facility-calc/rules@1","id":"t","version":"1","title":"T","publisher":"P","extends":"builtin",
        "rules":[{"id":"nmg2017.example.min","document":"nmg2017","kind":"minimum_area","title_zh":"示例最低面积",
        "figure":{"shape":"fixed_area","m2":999},"section":"示例","quote":"（示例）不低于999平方米"}]}"#;
    let set = Registry::default()
        .load_text(text)
        .unwrap_or_else(|e| panic!("{e:#?}"));
    for j in ["nmg", "xam", "dongsheng", "aolezhaoqi"] {
        let e = evaluate_raw(&set, &scenario(&format!("{j} city hh=100"))).unwrap();
        assert_eq!(e.required_area_m2, Some(999.0), "{j}");
    }
    let renshou = evaluate_raw(&set, &scenario("renshou city hh=100")).unwrap();
    assert_eq!(renshou.required_area_m2, Some(30.0));
}

/// The two plausible mistakes of issue 17 and JSON syntax errors said in words: a share written as a
/// fraction is refused with the hint; a curly quote is named with its line and column; any other syntax
/// error gets its place, and the Chinese message carries no English parser text.
#[test]
fn plausible_mistakes_are_refused_in_words() {
    let load = |text: &str| Registry::default().load_text(text).unwrap_err();
    let pack = |version_line: &str| {
        format!(
            "{{\n  \"format\": \"facility-calc/rules@1\",\n  \"id\": \"t\",\n{version_line}\n  \"title\": \"T\"\n}}"
        )
    };
    let errors = load(&pack("  \u{201c}version\u{201d}: \"1\","));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .message_zh
            .contains("第 4 行第 3 列是全角字符“\u{201c}”"),
        "{}",
        errors[0].message_zh
    );
    assert!(
        errors[0].message.contains("line 4, column 3"),
        "{}",
        errors[0].message
    );
    let errors = load(&pack("  \"version\": \"1\"")); // a comma missing at the end of line 4
    assert!(
        errors[0].message_zh.contains("第 5 行"),
        "{}",
        errors[0].message_zh
    );
    assert!(
        !errors[0].message_zh.is_ascii() && !errors[0].message_zh.contains("expected"),
        "{}",
        errors[0].message_zh
    );
    // A quote inside a string is not a mistake.
    let text = r#"{"format":"facility-calc/rules@1","id":"t","version":"1","title":"《某县“实施意见”》","publisher":"P","extends":"builtin","documents":[],"rules":[],"jurisdictions":[]}"#;
    assert!(Registry::default().load_text(text).is_ok());
    let share = builtin_json().replacen("\"percent\":15.0", "\"percent\":0.15", 1);
    assert!(
        share != builtin_json(),
        "the built-in pack has a 15 % share"
    );
    let errors = Registry::default()
        .load_text(&share.replacen("\"id\":\"builtin\"", "\"id\":\"copy\"", 1))
        .unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.code == "out_of_range" && e.message_zh.contains("15 表示 15%")),
        "{errors:?}"
    );
}

/// A ruleset crosses threads natively (the command line's checking threads share one; issue 14 item 7).
#[test]
fn a_ruleset_is_send_and_sync_natively() {
    fn shared_across_threads<T: Send + Sync>(_: &T) {}
    let set = Registry::default()
        .load_text(&builtin_json().replacen("\"id\":\"builtin\"", "\"id\":\"copy\"", 1))
        .unwrap();
    shared_across_threads(&*set);
    let households = std::thread::scope(|scope| {
        let set = &*set;
        let worker = scope.spawn(move || {
            evaluate_raw(set, &scenario("xam city hh=1250"))
                .unwrap()
                .required_area_m2
        });
        worker.join().unwrap()
    });
    assert_eq!(households, Some(375.0));
}

/// An `Input` is valid only under the ruleset that validated it (issue 14 item 7): used with another it
/// gives no figures and no rules, never a panic or an answer read through indices that mean other things.
#[test]
fn an_input_validated_under_one_ruleset_gives_nothing_under_another() {
    let builtin = facility_calc::builtin();
    let input = facility_calc::validate(
        &builtin,
        &scenario("renshou farming_village hh=1000 total=200"),
    )
    .unwrap();
    assert!(input.is_for(&builtin));
    assert_eq!(
        facility_calc::engine::evaluate(&builtin, &input).required_area_m2,
        Some(300.0)
    );
    let pack = std::fs::read_to_string(format!(
        "{}/examples/packs/example-tiers.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let other = Registry::default().load_text(&pack).unwrap();
    let copy = Registry::default()
        .load_text(&builtin_json().replacen("\"id\":\"builtin\"", "\"id\":\"copy\"", 1))
        .unwrap();
    for set in [&*other, &*copy] {
        assert!(!input.is_for(set));
        let r = facility_calc::engine::evaluate(set, &input);
        assert_eq!(
            (r.required_area_m2, r.verdict, r.rules.len()),
            (None, None, 0),
            "{}",
            set.id
        );
        assert_eq!(r.ruleset.id, set.id);
        assert!(facility_calc::engine::figures(set, &input).rules.is_empty());
    }
}

/// The codes and paths of a pack's problems, or its id and rule count when it loads: what a pack means,
/// compared across the ways a pack comes in.
fn verdict(text: &str) -> String {
    match Registry::default().load_text(text) {
        Ok(set) => format!("loaded {} with {} rules", set.id, set.rules.len()),
        Err(errors) => render_pack_errors(&errors),
    }
}

/// The first rule of the built-in pack with a `m2_per_100`, by index.
fn first_rule_per_100_households() -> usize {
    let HostValue::Array(rules) = builtin_pack_value().get("rules").clone() else {
        panic!("no rules")
    };
    rules
        .iter()
        .position(|r| !r.get("figure").get("m2_per_100").is_absent())
        .unwrap()
}

#[test]
fn a_key_given_twice_is_refused_at_its_pointer_not_read_one_way_or_the_other() {
    let copy = serde_json::to_string(&renamed_copy()).unwrap();
    let rule = first_rule_per_100_households();
    let HostValue::Array(rules) = renamed_copy().get("rules").clone() else {
        panic!("no rules")
    };
    let HostValue::Number(m2) = rules[rule].get("figure").get("m2_per_100").clone() else {
        panic!("no m2_per_100")
    };
    let once = format!("\"m2_per_100\":{m2}");
    assert!(copy.contains(&once), "{once}");
    let twice = copy.replacen(&once, &format!("{once},\"m2_per_100\":90"), 1);
    let at_rule = format!("/rules/{rule}/figure/m2_per_100 duplicate_key");
    assert_eq!(verdict(&twice), at_rule);
    // The same key spelt with escapes is the same key, as every JSON reader reads it.
    let escaped = copy.replacen(&once, &format!("{once},\"m2_per_\\u0031\\u00300\":90"), 1);
    assert_eq!(verdict(&escaped), at_rule);
    // At the top, and with the pointer's own escapes (RFC 6901).
    let top = copy.replacen('{', "{\"id\":\"x\",", 1);
    assert_eq!(verdict(&top), "/id duplicate_key");
    let slashed = copy.replacen('{', "{\"a/b~\":1,\"a/b~\":2,", 1);
    assert_eq!(verdict(&slashed), "/a~1b~0 duplicate_key");
    // The message names the key in both languages.
    let errors = Registry::default().load_text(&twice).unwrap_err();
    assert!(
        errors[0].message.contains("\"m2_per_100\""),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0].message_zh.contains("“m2_per_100”"),
        "{}",
        errors[0].message_zh
    );
}

#[test]
fn a_pack_past_a_limit_is_refused_whole_never_read_in_part() {
    let copy = serde_json::to_string(&renamed_copy()).unwrap();
    let values = facility_calc::rules::MAX_PACK_VALUES;
    // Every value counts, also those under a key no one reads: 200,001 zeros fit in 400 KB.
    let zeros = vec!["0"; values].join(",");
    let many = copy.replacen('{', &format!("{{\"x_padding\":[{zeros}],"), 1);
    assert!(many.len() < facility_calc::rules::MAX_PACK_BYTES);
    assert_eq!(verdict(&many), " too_large");
    let fewer = copy.replacen(
        '{',
        &format!("{{\"x_padding\":[{}],", vec!["0"; values / 2].join(",")),
        1,
    );
    assert_eq!(verdict(&fewer), "/x_padding unknown_key");
    let depth = facility_calc::rules::MAX_PACK_DEPTH;
    let deep = |levels: usize| {
        copy.replacen(
            '{',
            &format!(
                "{{\"x_deep\":{}0{},",
                "[".repeat(levels),
                "]".repeat(levels)
            ),
            1,
        )
    };
    // The pack itself is one level: the key's value may open depth - 1 more.
    assert_eq!(verdict(&deep(depth - 1)), "/x_deep unknown_key");
    assert_eq!(verdict(&deep(depth)), " too_large");
    // The size limit is on the whole text, white space included.
    let padded = |bytes: usize| format!("{copy}{}", " ".repeat(bytes - copy.len()));
    let limit = facility_calc::rules::MAX_PACK_BYTES;
    assert_eq!(verdict(&padded(limit)), verdict(&copy));
    assert_eq!(verdict(&padded(limit + 1)), " too_large");
}

/// A pack of about 900 KB: the built-in copy with 800 more rules, each quoting at length.
pub fn large_pack() -> String {
    let copy = renamed_copy();
    let HostValue::Array(rules) = copy.get("rules").clone() else {
        panic!()
    };
    let model = &rules[first_rule_per_100_households()];
    let mut more = rules.clone();
    for i in 0..800 {
        let HostValue::Object(mut members) = model.clone() else {
            panic!()
        };
        for (key, value) in &mut members {
            match key.as_str() {
                "id" => *value = HostValue::Text(format!("large.rule{i}")),
                "quote" => {
                    *value = HostValue::Text(
                        "按照每百户居民平均拥有综合服务设施面积不低于标准的要求".repeat(4),
                    )
                }
                _ => {}
            }
        }
        more.push(HostValue::Object(members));
    }
    let HostValue::Object(mut members) = copy else {
        panic!()
    };
    for (key, value) in &mut members {
        if key == "rules" {
            *value = HostValue::Array(more.clone());
        }
    }
    serde_json::to_string(&HostValue::Object(members)).unwrap()
}

#[test]
fn a_900_kb_pack_loads_with_every_rule() {
    let text = large_pack();
    assert!(
        (850_000..facility_calc::rules::MAX_PACK_BYTES).contains(&text.len()),
        "{}",
        text.len()
    );
    let builtin_rules = builtin().rules.len();
    assert_eq!(
        verdict(&text),
        format!("loaded copy-of-builtin with {} rules", builtin_rules + 800)
    );
}

#[test]
fn too_many_rules_counts_those_a_pack_extends() {
    let inherited = builtin().rules.len();
    let rule = r#"{"id":"x.a","document":"nmg2017","kind":"minimum_area","title_zh":"面积","figure":{"shape":"fixed_area","m2":1},"section":"一","quote":"q"}"#;
    let own = facility_calc::rules::MAX_RULES - inherited + 1;
    let rules: Vec<String> = (0..own)
        .map(|i| rule.replace("x.a", &format!("x.a{i}")))
        .collect();
    let text = format!(
        r#"{{"format":"facility-calc/rules@1","id":"t","version":"1","title":"T","publisher":"P","extends":"builtin","rules":[{}]}}"#,
        rules.join(",")
    );
    let errors = Registry::default().load_text(&text).unwrap_err();
    assert_eq!(render_pack_errors(&errors), "/rules too_many_rules");
    let total = facility_calc::rules::MAX_RULES + 1;
    assert!(
        errors[0].message.contains(&format!(
            "{own} of its own and extends {inherited}, {total} in all"
        )),
        "{}",
        errors[0].message
    );
}

/// A pack may give a per-population count that is huge (here 10,000 staff per 18 residents, per and unit
/// swapped): the figure is computed in 64 bits, exactly, never cut to 32.
#[test]
fn counts_are_never_cut_to_32_bits() {
    let swapped = builtin_json().replacen(
        "\"per\":18.0,\"unit\":10000.0",
        "\"per\":10000.0,\"unit\":18.0",
        1,
    );
    assert_ne!(
        swapped,
        builtin_json(),
        "the Dongsheng staff rule is per 18 / 10,000"
    );
    let mut registry = Registry::default();
    let set = registry
        .load_text(&swapped.replacen("\"id\":\"builtin\"", "\"id\":\"swapped\"", 1))
        .unwrap();
    let result = evaluate_raw(
        &set,
        &scenario("dongsheng city programme=beijiang_demo hh=3000 pop=9000000"),
    )
    .unwrap();
    assert_eq!(result.staff_min, Some(5_000_000_000));
}

#[test]
fn a_pack_that_did_not_arrive_is_named_with_its_reason_in_both_languages() {
    use facility_calc::registry::Unfetched;
    let cases = [
        (
            "timeout",
            Some(15.0),
            "did not arrive within 15 seconds",
            "在 15 秒内未能取得",
        ),
        ("http", Some(404.0), "HTTP 404", "HTTP 404"),
        ("other_origin", None, "another site", "不在本页所在的网站"),
        (
            "network",
            None,
            "redirect to another site",
            "被转到其他网站",
        ),
        ("not_a_url", None, "not a web address", "不是网址"),
    ];
    for (reason, number, en, zh) in cases {
        let why = Unfetched::from_report(reason, number).unwrap();
        let (message, message_zh) = why.message("./packs/county.json");
        assert!(
            message.contains(en) && message.contains("\"./packs/county.json\""),
            "{message}"
        );
        assert!(
            message_zh.contains(zh) && message_zh.contains("内置标准"),
            "{message_zh}"
        );
    }
    assert_eq!(Unfetched::from_report("timeout", None), None);
    assert_eq!(Unfetched::from_report("something", Some(1.0)), None);
}

/// The duplicate-key scan is linear in the keys of an object: 80,000 distinct keys (800 KB) read (as unknown keys,
/// one problem) rather than taking quadratic time; escaped surrogate pairs are one character.
#[test]
fn a_wide_object_and_escaped_keys_are_scanned_right() {
    let copy = serde_json::to_string(&renamed_copy()).unwrap();
    let keys: Vec<String> = (0..80_000).map(|i| format!("\"x{i}\":0")).collect();
    let wide = copy.replacen('{', &format!("{{\"x_wide\":{{{}}},", keys.join(",")), 1);
    assert_eq!(verdict(&wide), "/x_wide unknown_key");
    let mut last = keys.clone();
    last.push("\"x79999\":1".into());
    let twice = copy.replacen('{', &format!("{{\"x_wide\":{{{}}},", last.join(",")), 1);
    assert_eq!(verdict(&twice), "/x_wide/x79999 duplicate_key");
    // "😀" written as its escaped UTF-16 pair is the same key as written plainly.
    let pair = copy.replacen('{', "{\"😀\":1,\"\\ud83d\\ude00\":2,", 1);
    assert_eq!(verdict(&pair), "/😀 duplicate_key");
}
