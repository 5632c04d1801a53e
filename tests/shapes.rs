//! Issue 16's figures through the engine, table-driven, from the example packs in `examples/packs/`:
//! tiers (at each `up_to`, one above, each basis, a basis input missing), areas per population, ceilings on
//! the total (and a ceiling that conflicts with the required area), and recommended values that never make
//! a design fail. The five built-in documents' results are unchanged (tests/model.rs, tests/packs.rs).
mod common;
use common::scenario;
use facility_calc::engine::{Status, Verdict, evaluate_raw};
use facility_calc::plan::fix_plan;
use facility_calc::registry::Registry;
use facility_calc::rules::{Level, Ruleset};

fn example(name: &str) -> Ruleset {
    let path = format!("{}/examples/packs/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let set = Registry::default()
        .load_text(&text)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    (*set).clone()
}

/// (scenario, required m², the rule's status, words its formula must hold)
type Row = (&'static str, Option<f64>, Status, &'static str);

fn run(set: &Ruleset, rule: &str, rows: &[Row]) {
    for &(words, required, status, formula) in rows {
        let r = evaluate_raw(set, &scenario(words)).unwrap_or_else(|e| panic!("{words}: {e:?}"));
        let rule = r.rules.iter().find(|x| x.id == rule).unwrap();
        assert_eq!(r.required_area_m2, required, "{words}");
        assert_eq!(rule.status, status, "{words}");
        let text = rule
            .formula_zh
            .as_deref()
            .or(rule.reason_zh.as_deref())
            .unwrap_or("");
        assert!(text.contains(formula), "{words}: {text}");
    }
}

#[test]
fn tiers_by_households_apply_at_each_bound_and_one_above() {
    let set = example("example-tiers");
    let rows: &[Row] = &[
        (
            "example_tiers_households city hh=1000",
            Some(300.0),
            Status::Applies,
            "1,000 户，属于 1,500 户及以下一档：1,000 户 ÷ 100 × 30 m² = 300 m²",
        ),
        (
            "example_tiers_households city hh=1500",
            Some(450.0),
            Status::Applies,
            "1,500 户及以下一档",
        ),
        (
            "example_tiers_households city hh=1501",
            Some(500.0),
            Status::Applies,
            "1,501 户，属于 1,500–3,000 户一档：总面积不低于 500 m²",
        ),
        (
            "example_tiers_households city hh=3000",
            Some(500.0),
            Status::Applies,
            "1,500–3,000 户一档",
        ),
        (
            "example_tiers_households city hh=3001",
            Some(800.0),
            Status::Applies,
            "属于 3,000 户以上一档",
        ),
        (
            "example_tiers_households city hh=3200 total=780",
            Some(800.0),
            Status::Fail,
            "3,200 户，属于 3,000 户以上一档",
        ),
        (
            "example_tiers_households city hh=3200 total=800",
            Some(800.0),
            Status::Pass,
            "800 m²",
        ),
    ];
    run(&set, "example-tiers-2026.area.by_households", rows);
    let r = evaluate_raw(&set, &scenario("example_tiers_households city hh=3001")).unwrap();
    let rule = &r.rules[0];
    assert_eq!(
        rule.formula_en.as_deref(),
        Some("3,001 households: the tier over 3,000 households; Total at least 800 m²")
    );
}

#[test]
fn tiers_by_residential_floor_area_wait_for_it_and_then_step() {
    let set = example("example-tiers");
    let rule = "example-tiers-county-2026.area.by_floor_area";
    let rows: &[Row] = &[
        (
            "example_tiers_floor_area city hh=800",
            None,
            Status::NeedsInput,
            "需要填写住宅建筑面积才能计算",
        ),
        (
            "example_tiers_floor_area city hh=800 floor=50000",
            Some(300.0),
            Status::Applies,
            "50,000 m² 住宅建筑面积，属于 50,000 m² 住宅建筑面积及以下一档",
        ),
        (
            "example_tiers_floor_area city hh=800 floor=50000.5",
            Some(800.0),
            Status::Applies,
            "50,000–100,000",
        ),
        (
            "example_tiers_floor_area city hh=800 floor=200000",
            Some(1700.0),
            Status::Applies,
            "总面积不低于 1,700 m²",
        ),
        (
            "example_tiers_floor_area city hh=800 floor=300001",
            Some(4800.0),
            Status::Applies,
            "300,000 m² 住宅建筑面积以上一档",
        ),
    ];
    run(&set, rule, rows);
    let r = evaluate_raw(&set, &scenario("example_tiers_floor_area city hh=800")).unwrap();
    assert_eq!(
        r.rules[0].reason_en.as_deref(),
        Some("Needs the residential floor area to work out")
    );
    // The input echoes, and out-of-range values are refused naming the field.
    let r = evaluate_raw(
        &set,
        &scenario("example_tiers_floor_area city hh=800 floor=120000"),
    )
    .unwrap();
    assert_eq!(r.residential_floor_area_m2, Some(120_000.0));
    let errors = evaluate_raw(
        &set,
        &scenario("example_tiers_floor_area city hh=800 floor=-1"),
    )
    .unwrap_err();
    assert_eq!(errors[0].field.id(), "residential_floor_area_m2");
    assert!(
        errors[0].message_zh.contains("住宅建筑面积"),
        "{:?}",
        errors[0]
    );
}

#[test]
fn areas_per_population_wait_for_the_population() {
    let set = example("example-per-population");
    let rows: &[Row] = &[
        (
            "example_residents_city city hh=1000",
            None,
            Status::NeedsInput,
            "需要填写常住人口才能计算",
        ),
        (
            "example_residents_city city hh=1000 pop=3275",
            Some(163.75),
            Status::Applies,
            "3,275 人 ÷ 1,000 × 50 m² = 163.75 m²",
        ),
        (
            "example_residents_city city hh=1000 pop=3275 total=160",
            Some(163.75),
            Status::Fail,
            "163.75 m²",
        ),
    ];
    run(&set, "example-residents-2026.area.per_1000", rows);
    let r = evaluate_raw(
        &set,
        &scenario("example_residents_city city hh=1000 pop=3275"),
    )
    .unwrap();
    assert_eq!(r.max_area_m2, Some(393.0));
}

#[test]
fn a_ceiling_on_the_total_fails_a_design_above_it_and_the_plan_moves_it_down() {
    let set = example("example-ceiling-recommended");
    let max = "example-centre-2026.area.max";
    let rows: &[Row] = &[
        (
            "example_centre_city city hh=1000",
            Some(600.0),
            Status::Applies,
            "总面积不超过 1,500 m²",
        ),
        (
            "example_centre_city city hh=1000 total=1500",
            Some(600.0),
            Status::Pass,
            "总面积不超过 1,500 m²",
        ),
        (
            "example_centre_city city hh=1000 total=1500.5",
            Some(600.0),
            Status::Fail,
            "总面积不超过 1,500 m²",
        ),
    ];
    run(&set, max, rows);
    let r = evaluate_raw(
        &set,
        &scenario("example_centre_city city hh=1000 total=1700"),
    )
    .unwrap();
    assert_eq!(r.max_area_m2, Some(1500.0));
    assert_eq!(r.verdict, Some(Verdict::Fail));
    let rule = r.rules.iter().find(|x| x.id == max).unwrap();
    assert_eq!(
        (rule.limit_m2, rule.margin_m2),
        (Some(1500.0), Some(-200.0))
    );
    let plan = fix_plan(&r, r.planned).unwrap();
    assert_eq!(
        (plan.total_m2, plan.add_total_m2, plan.remove_total_m2),
        (1500.0, 0.0, 200.0)
    );
    // The plan's design passes.
    let fixed = evaluate_raw(
        &set,
        &scenario("example_centre_city city hh=1000 total=1500"),
    )
    .unwrap();
    assert_eq!(fixed.verdict, Some(Verdict::Pass));
    assert!(!r.area_conflict);
}

#[test]
fn a_ceiling_below_the_required_area_is_a_conflict_not_a_plan() {
    let set = example("example-per-population");
    // 50 m² per 1,000 is required, at most 120 per 1,000 allowed: no conflict at any population.
    let r = evaluate_raw(
        &set,
        &scenario("example_residents_city city hh=1000 pop=3000 total=100"),
    )
    .unwrap();
    assert!(!r.area_conflict);
    // Under a pack whose ceiling is below its minimum, the result says so and gives no plan.
    let text = std::fs::read_to_string(format!(
        "{}/examples/packs/example-ceiling-recommended.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace("\"m2\": 1500", "\"m2\": 500");
    let set = Registry::default().load_text(&text).unwrap();
    let r = evaluate_raw(
        &set,
        &scenario("example_centre_city city hh=1000 total=550"),
    )
    .unwrap();
    assert!(r.area_conflict);
    assert_eq!(
        (r.required_area_m2, r.max_area_m2),
        (Some(600.0), Some(500.0))
    );
    assert_eq!(r.verdict, Some(Verdict::Fail));
    assert_eq!(fix_plan(&r, r.planned), None);
}

#[test]
fn a_recommended_value_is_shown_and_never_fails_a_design() {
    let set = example("example-ceiling-recommended");
    let id = "example-centre-2026.area.recommended";
    for (words, verdict, status, recommended_margin) in [
        (
            "example_centre_city city hh=1000",
            None,
            Status::Applies,
            None,
        ),
        (
            "example_centre_city city hh=1000 total=650",
            Some(Verdict::Pass),
            Status::Info,
            Some(-150.0),
        ),
        (
            "example_centre_city city hh=1000 total=800",
            Some(Verdict::Pass),
            Status::Pass,
            Some(0.0),
        ),
        (
            "example_centre_city city hh=1000 total=550",
            Some(Verdict::Fail),
            Status::Info,
            Some(-250.0),
        ),
    ] {
        let r = evaluate_raw(&set, &scenario(words)).unwrap();
        assert_eq!(r.recommended_area_m2, Some(800.0), "{words}");
        assert_eq!(
            r.required_area_m2,
            Some(600.0),
            "{words}: a recommendation is not a requirement"
        );
        assert_eq!(r.verdict, verdict, "{words}");
        let rule = r.rules.iter().find(|x| x.id == id).unwrap();
        assert_eq!(rule.level, Level::Recommended);
        assert_eq!(
            (rule.status, rule.margin_m2),
            (status, recommended_margin),
            "{words}"
        );
        assert!(rule.governing, "{words}");
        // A failing design's plan aims at the requirement, not the recommendation.
        if let Some(plan) = fix_plan(&r, r.planned) {
            assert_eq!(plan.total_m2, 600.0, "{words}");
        }
    }
    // Required rules say so.
    let r = evaluate_raw(&set, &scenario("example_centre_city city hh=1000")).unwrap();
    assert_eq!(
        r.rules
            .iter()
            .filter(|x| x.level == Level::Required)
            .count(),
        2
    );
}

#[test]
fn the_built_in_documents_have_no_ceiling_or_recommendation() {
    let set = facility_calc::builtin();
    let r = evaluate_raw(&set, &scenario("xam city hh=1250 total=420")).unwrap();
    assert_eq!(
        (r.max_area_m2, r.recommended_area_m2, r.area_conflict),
        (None, None, false)
    );
    assert!(r.rules.iter().all(|x| x.level == Level::Required));
}

/// The batch sheet reads the residential floor area by the words offices head it with, and writes the
/// ceiling, the recommended value and the area to take off only under standards that give them.
#[test]
fn batch_sheets_read_the_floor_area_and_write_the_ceiling_and_recommended_columns() {
    use facility_calc::batch::{self, Limits, SheetChoices};
    use facility_calc::text::Lang;
    let check = |set: &Ruleset, csv: &str| {
        let sheet = batch::read_text(csv, &Limits::DEFAULT).unwrap();
        let columns = batch::match_columns(&sheet);
        let report = batch::check(set, &sheet, &columns.mapping, &SheetChoices::default());
        let out = String::from_utf8(batch::write_csv(&sheet, &report, Lang::Zh)).unwrap();
        (report, out)
    };
    let tiers = example("example-tiers");
    let (report, out) = check(
        &tiers,
        "社区名称,地区,社区类型,户数,住宅建筑面积（m²）,规划面积\n甲,example_tiers_floor_area,city,800,\"120,000\",1600\n",
    );
    assert_eq!(
        report.rows[0].required_area_m2,
        Some(1700.0),
        "{:?}",
        report.rows[0].errors
    );
    assert_eq!(report.rows[0].action_zh, "需补建 100 m²");
    assert!(!out.contains("总面积上限"), "{out}");

    let centre = example("example-ceiling-recommended");
    let (report, out) = check(
        &centre,
        "社区名称,地区,社区类型,户数,规划面积\n甲,example_centre_city,city,1000,1700\n乙,example_centre_city,city,1000,650\n",
    );
    let header = out.lines().next().unwrap();
    assert!(
        header.contains("应建面积（m²）,总面积上限（m²）,建议值（m²）,"),
        "{header}"
    );
    assert!(
        header.contains("需补建面积（m²）,需减少面积（m²）,"),
        "{header}"
    );
    let first = out.lines().nth(1).unwrap();
    assert!(first.contains(",600,1500,800,"), "{first}");
    assert_eq!(report.rows[0].area_to_remove_m2, Some(200.0));
    assert_eq!(report.rows[0].action_zh, "总面积需减少 200 m²");
    assert_eq!(report.rows[1].verdict, batch::RowVerdict::Pass);

    // The built-in standards' output keeps its columns.
    let (_, out) = check(
        &facility_calc::builtin(),
        "社区名称,地区,社区类型,户数\n甲,xam,city,1000\n",
    );
    let header = out.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert_eq!(
        header.split(',').skip(4).collect::<Vec<_>>(),
        batch::result_headers(Lang::Zh)
    );
}
