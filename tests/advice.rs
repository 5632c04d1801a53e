//! One advice everywhere (issue 14): for every jurisdiction × community type × construction × programme and
//! designs that pass and fail on total, office and activity — under the built-in standards and a pack with
//! 12.5 % and 62.5 % shares — the widget's 达标方案 (`plan::fix_plan`), `evaluate`'s `fix_plan`, the batch
//! row (what the batch page shows), and the CLI's CSV and xlsx columns give the same numbers; and the
//! design the plan describes passes the engine.
mod common;

use common::{SPEC_CONSTRUCTIONS, SPEC_JURISDICTIONS, SPEC_PROGRAMMES, SPEC_SETTLEMENTS, scenario};
use facility_calc::batch::{self, Limits, SheetChoices};
use facility_calc::plan::{Advised, FixPlan, fix_plan};
use facility_calc::rules::{builtin_pack_value, read_pack};
use facility_calc::{Ruleset, Verdict, builtin, evaluate_raw};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_facility-calc");

/// The built-in pack with xam2018's 15 % office ceiling set to 12.5 % and ds2023's 60 % activity floor to
/// 62.5 %, as JSON text: shares a whole-percent plan would get wrong.
fn fractional_pack() -> String {
    fn reshare(value: &mut serde_json::Value, changed: &mut usize) {
        match value {
            serde_json::Value::Object(members) => {
                if let Some(percent) = members.get_mut("percent") {
                    let to = match percent.as_f64() {
                        Some(15.0) => Some(12.5),
                        Some(60.0) => Some(62.5),
                        _ => None,
                    };
                    if let Some(to) = to {
                        *percent = to.into();
                        *changed += 1;
                    }
                }
                members.values_mut().for_each(|v| reshare(v, changed));
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| reshare(v, changed)),
            _ => {}
        }
    }
    let mut pack = serde_json::to_value(&*builtin_pack_value()).unwrap();
    pack["id"] = "fractional-shares".into();
    let mut changed = 0;
    reshare(&mut pack, &mut changed);
    assert_eq!(
        changed, 2,
        "xam2018's office ceiling and ds2023's activity floor"
    );
    pack.to_string()
}

#[derive(Clone, Debug)]
struct Case {
    words: String,
    row: Vec<String>,
}

const HEADERS: &[&str] = &[
    "社区名称",
    "地区",
    "社区类型",
    "建设类型",
    "专项",
    "户数",
    "规划面积",
    "办公面积",
    "居民活动区域面积",
];

fn m2(n: f64) -> String {
    // Whole tenths keep the sheet's text and the scenario's number the same value.
    format!("{}", (n * 10.0).round() / 10.0)
}

/// Every combination the pack accepts, with designs around its required area: short, exact and generous
/// totals; no, small and large offices; no, small and large activity areas.
fn cases(set: &Ruleset) -> Vec<Case> {
    let mut cases = Vec::new();
    for j in SPEC_JURISDICTIONS {
        for s in SPEC_SETTLEMENTS {
            for c in SPEC_CONSTRUCTIONS {
                for p in SPEC_PROGRAMMES {
                    let base = format!("{j} {s} construction={c} programme={p} hh=1000");
                    let Ok(r) = evaluate_raw(set, &scenario(&base)) else {
                        continue;
                    };
                    let Some(required) = r.required_area_m2 else {
                        continue;
                    };
                    for total in [required * 0.84, required, required * 1.25] {
                        for office in [None, Some(0.05), Some(0.4)] {
                            for activity in [None, Some(0.3), Some(0.55)] {
                                let office = office.map(|share| m2(share * total));
                                let activity = activity.map(|share| m2(share * total));
                                let total = m2(total);
                                let mut words = format!("{base} total={total}");
                                if let Some(o) = &office {
                                    words += &format!(" office={o}");
                                }
                                if let Some(a) = &activity {
                                    words += &format!(" activity={a}");
                                }
                                let name = format!("案例{}", cases.len() + 1);
                                let row = [
                                    name.as_str(),
                                    j,
                                    s,
                                    c,
                                    p,
                                    "1000",
                                    &total,
                                    office.as_deref().unwrap_or(""),
                                    activity.as_deref().unwrap_or(""),
                                ]
                                .map(String::from)
                                .to_vec();
                                cases.push(Case { words, row });
                            }
                        }
                    }
                }
            }
        }
    }
    cases
}

fn csv_of(cases: &[Case]) -> String {
    let mut text = HEADERS.join(",") + "\n";
    for case in cases {
        text += &case.row.join(",");
        text += "\n";
    }
    text
}

/// What to change, as (add to total, move out of offices, add to activity), 0 where nothing changes.
type Changes = [f64; 3];

fn changes(plan: Option<&FixPlan>) -> Changes {
    plan.map_or([0.0; 3], |p| {
        [p.add_total_m2, p.move_out_of_office_m2, p.add_activity_m2]
    })
}

fn close(a: Changes, b: Changes) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-6)
}

/// The three result columns of a file the CLI wrote, row by row.
fn columns_written(dir: &std::path::Path, name: &str) -> Vec<Changes> {
    let sheet = batch::read_file(
        &std::fs::read(dir.join(name)).unwrap(),
        name,
        &Limits::DEFAULT,
    )
    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let at = |title: &str| {
        sheet
            .headers
            .iter()
            .position(|h| h == title)
            .unwrap_or_else(|| panic!("{name}: no column {title}: {:?}", sheet.headers))
    };
    let columns = [
        at("需补建面积（m²）"),
        at("办公面积需调减（m²）"),
        at("居民活动区域需增加（m²）"),
    ];
    sheet
        .rows
        .iter()
        .map(|row| {
            columns.map(|c| {
                let text = row.cell(c).text().into_owned();
                if text.is_empty() {
                    0.0
                } else {
                    text.replace(',', "")
                        .parse()
                        .unwrap_or_else(|_| panic!("{name}: {text}"))
                }
            })
        })
        .collect()
}

fn every_part_gives_the_same_advice(set: &Ruleset, pack_file: Option<&str>, label: &str) {
    let cases = cases(set);
    let dir = std::env::temp_dir().join(format!(
        "facility-calc-advice-{}-{label}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("sheet.csv"), csv_of(&cases)).unwrap();
    if let Some(pack) = pack_file {
        std::fs::write(dir.join("pack.json"), pack).unwrap();
    }

    // The batch page's rows: the same check its Worker runs.
    let sheet = batch::read_text(&csv_of(&cases), &Limits::DEFAULT).unwrap();
    let columns = batch::match_columns(&sheet);
    let report = batch::check(set, &sheet, &columns.mapping, &SheetChoices::default());
    assert_eq!(report.rows.len(), cases.len());

    // The CLI's CSV and xlsx.
    let mut written = Vec::new();
    for out in ["out.csv", "out.xlsx"] {
        let mut args = vec!["check", "sheet.csv", "-o", out];
        if pack_file.is_some() {
            args.extend(["--rules", "pack.json"]);
        }
        let run = Command::new(BIN)
            .current_dir(&dir)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            matches!(run.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        written.push(columns_written(&dir, out));
    }

    let (mut failing, mut fixed_total, mut fixed_office, mut fixed_activity) = (0, 0, 0, 0);
    for (i, case) in cases.iter().enumerate() {
        let words = &case.words;
        let evaluation =
            evaluate_raw(set, &scenario(words)).unwrap_or_else(|e| panic!("{words}: {e:?}"));
        // The widget's 达标方案 reads this.
        let widget = fix_plan(&evaluation, evaluation.planned);
        // `evaluate(...)`'s output, as JSON.
        let output = serde_json::to_value(Advised::new(&evaluation)).unwrap();
        let api = &output["fix_plan"];
        match &widget {
            None => assert!(api.is_null(), "{words}: {api}"),
            Some(p) => {
                let number = |key: &str| api[key].as_f64();
                assert_eq!(number("total_m2"), Some(p.total_m2), "{words}");
                assert_eq!(number("office_max_m2"), p.office_max_m2, "{words}");
                assert_eq!(number("activity_min_m2"), p.activity_min_m2, "{words}");
                assert_eq!(number("office_m2"), p.office_m2, "{words}");
                assert_eq!(number("activity_m2"), p.activity_m2, "{words}");
                assert_eq!(number("add_total_m2"), Some(p.add_total_m2), "{words}");
                assert_eq!(
                    number("move_out_of_office_m2"),
                    Some(p.move_out_of_office_m2),
                    "{words}"
                );
                assert_eq!(
                    number("add_activity_m2"),
                    Some(p.add_activity_m2),
                    "{words}"
                );
            }
        }
        assert_eq!(
            widget.is_some(),
            evaluation.verdict == Some(Verdict::Fail),
            "{words}: a plan exactly when the design fails"
        );
        let expected = changes(widget.as_ref());
        let row = &report.rows[i];
        let batch_row = [
            row.area_to_add_m2.unwrap_or(0.0),
            row.office_to_move_m2.unwrap_or(0.0),
            row.activity_to_add_m2.unwrap_or(0.0),
        ];
        assert!(
            close(batch_row, expected),
            "{words}: batch {batch_row:?} ≠ plan {expected:?}"
        );
        for (file, rows) in ["csv", "xlsx"].iter().zip(&written) {
            assert!(
                close(rows[i], expected),
                "{words}: {file} {:?} ≠ plan {expected:?}",
                rows[i]
            );
        }

        let Some(p) = widget else { continue };
        failing += 1;
        fixed_total += usize::from(p.add_total_m2 > 0.0);
        fixed_office += usize::from(p.move_out_of_office_m2 > 0.0);
        fixed_activity += usize::from(p.add_activity_m2 > 0.0);
        // The design the plan describes passes.
        let again = common::planned_design(&evaluation, &p);
        let passing = evaluate_raw(set, &scenario(&again)).unwrap();
        assert_ne!(passing.verdict, Some(Verdict::Fail), "{words} → {again}");
    }
    // The table exercises every kind of fix, not only one.
    assert!(
        failing > 100 && fixed_total > 0 && fixed_office > 0 && fixed_activity > 0,
        "{label}: {failing} failing, {fixed_total} on total, {fixed_office} on office, {fixed_activity} on activity"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_builtin_standards_give_one_advice_everywhere() {
    every_part_gives_the_same_advice(&builtin(), None, "builtin");
}

#[test]
fn fractional_shares_give_one_exact_advice_everywhere() {
    let text = fractional_pack();
    let set = read_pack(&facility_calc::json::parse(&text).unwrap(), None).unwrap();
    every_part_gives_the_same_advice(&set, Some(&text), "fractional");
    // The issue's case under 12.5 %: 420 m² with 80 m² of offices at 1,000 households of a new xam
    // community is raised to 500 m², where the ceiling is exactly 62.5 m² (a whole-percent plan said 65).
    let r = evaluate_raw(
        &set,
        &scenario("xam city construction=new hh=1000 total=420 office=80"),
    )
    .unwrap();
    let p = fix_plan(&r, r.planned).unwrap();
    assert_eq!(
        (p.total_m2, p.office_max_m2, p.move_out_of_office_m2),
        (500.0, Some(62.5), 17.5)
    );
}

#[test]
fn the_issue_case_in_the_widget_and_the_sheet() {
    // 兴安盟, 新建城市社区, 1,000 households, 420 m² with 80 m² of offices: add 80 m², move 5 m² out of
    // offices (the ceiling of the corrected 500 m² is 75 m²), in the plan and in the batch row's words.
    let r = evaluate_raw(
        &builtin(),
        &scenario("xam city construction=new hh=1000 total=420 office=80"),
    )
    .unwrap();
    let p = fix_plan(&r, r.planned).unwrap();
    assert_eq!(
        (p.add_total_m2, p.office_max_m2, p.move_out_of_office_m2),
        (80.0, Some(75.0), 5.0)
    );
    let sheet = batch::read_text(
        "社区名称,地区,社区类型,建设类型,户数,规划面积,办公面积\n甲社区,xam,city,new,1000,420,80\n",
        &Limits::DEFAULT,
    )
    .unwrap();
    let columns = batch::match_columns(&sheet);
    let report = batch::check(
        &builtin(),
        &sheet,
        &columns.mapping,
        &SheetChoices::default(),
    );
    assert_eq!(
        report.rows[0].action_zh,
        "需补建 80 m²；办公面积需调减 5 m²"
    );
    assert_eq!(
        report.rows[0].action_en,
        "Build 80 m² more; move 5 m² of office to services"
    );
}

/// `evaluate`'s output keys are SPEC §6's wire format (with §10's `ruleset` and `fix_plan`, and issue 16's
/// `max_area_m2`, `recommended_area_m2`, `area_conflict`, the `residential_floor_area_m2` echo, each rule's
/// `level` and the plan's `remove_total_m2`): a field added to an engine type shows up here before it
/// reaches a host page.
#[test]
fn the_output_keys_are_the_wire_format() {
    let r = evaluate_raw(
        &builtin(),
        &scenario("xam city construction=new hh=1000 total=420 office=80"),
    )
    .unwrap();
    let output = serde_json::to_value(Advised::new(&r)).unwrap();
    let keys = |value: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(
        keys(&output),
        [
            "activity_min_m2",
            "activity_min_share",
            "area_basis_m2",
            "area_conflict",
            "construction",
            "documents",
            "fix_plan",
            "funding_cny",
            "households",
            "jurisdiction",
            "max_area_m2",
            "names",
            "occupied_households",
            "office_max_m2",
            "office_max_share",
            "planned",
            "population",
            "programme",
            "rc_formation",
            "recommended_area_m2",
            "required_area_m2",
            "residential_floor_area_m2",
            "rules",
            "ruleset",
            "ruleset_version",
            "scale",
            "settlement",
            "social_orgs_min",
            "staff_max",
            "staff_min",
            "verdict",
            "volunteers_min",
        ]
    );
    assert_eq!(
        keys(&output["planned"]),
        ["activity_m2", "office_m2", "total_m2"]
    );
    assert_eq!(
        keys(&output["fix_plan"]),
        [
            "activity_m2",
            "activity_min_m2",
            "add_activity_m2",
            "add_total_m2",
            "move_out_of_office_m2",
            "office_m2",
            "office_max_m2",
            "remove_total_m2",
            "total_m2",
        ]
    );
    assert_eq!(keys(&output["ruleset"]), ["builtin", "id", "version"]);
    assert_eq!(
        keys(&output["rules"][0]),
        [
            "actual",
            "doc",
            "doc_full_title",
            "doc_title_en",
            "doc_title_zh",
            "draft",
            "figure",
            "figure_max",
            "formula_en",
            "formula_zh",
            "governing",
            "id",
            "kind",
            "level",
            "limit_m2",
            "margin_m2",
            "note_en",
            "note_zh",
            "quote",
            "reason_en",
            "reason_zh",
            "scope_en",
            "scope_zh",
            "section",
            "status",
            "title_en",
            "title_zh",
        ]
    );
    // A passing design has no plan; the key stays, as null.
    let passing = evaluate_raw(
        &builtin(),
        &scenario("xam city construction=new hh=1000 total=500 office=75"),
    )
    .unwrap();
    assert!(serde_json::to_value(Advised::new(&passing)).unwrap()["fix_plan"].is_null());
}
