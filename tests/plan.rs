//! The fix plan: one row per case. `plan` renders a FixPlan as
//! "total=… office≤… activity≥… office=… activity=… +total … -office … +activity …" (absent parts left out).
mod common;

use common::scenario;
use facility_calc::evaluate_raw;
use facility_calc::number::format_number as num;
use facility_calc::plan::{FixPlan, Ignored, fix_plan, ignored_inputs};

fn render(p: &FixPlan) -> String {
    let mut parts = vec![format!("total={}", num(p.total_m2))];
    if let Some(m) = p.office_max_m2 {
        parts.push(format!("office≤{}", num(m)));
    }
    if let Some(m) = p.activity_min_m2 {
        parts.push(format!("activity≥{}", num(m)));
    }
    if let Some(m) = p.office_m2 {
        parts.push(format!("office={}", num(m)));
    }
    if let Some(m) = p.activity_m2 {
        parts.push(format!("activity={}", num(m)));
    }
    parts.push(format!("+total {}", num(p.add_total_m2)));
    parts.push(format!("-office {}", num(p.move_out_of_office_m2)));
    parts.push(format!("+activity {}", num(p.add_activity_m2)));
    parts.join(" ")
}

fn plan(words: &str) -> String {
    let r = evaluate_raw(&facility_calc::builtin(), &scenario(words))
        .unwrap_or_else(|e| panic!("{words}: {e:?}"));
    fix_plan(&r, r.planned).map_or("none".into(), |p| render(&p))
}

#[test]
fn the_smallest_design_that_passes_every_rule_at_once() {
    let table = [
        // The case: 420/80 → at the required 500 the ceiling is 75, not 15 % of 420.
        (
            "xam city construction=new hh=1000 total=420 office=80",
            "total=500 office≤75 office=75 +total 80 -office 5 +activity 0",
        ),
        // Only the area fails: the office ceiling grows with the total and the office fits.
        (
            "xam city construction=new hh=1000 total=420 office=60",
            "total=500 office≤75 office=60 +total 80 -office 0 +activity 0",
        ),
        // Only the office fails: the total is kept.
        (
            "xam city hh=1250 total=420 office=80",
            "total=420 office≤63 office=63 +total 0 -office 17 +activity 0",
        ),
        // No office planned: the plan gives the ceiling only.
        (
            "xam city hh=1250 total=300",
            "total=375 office≤56.25 +total 75 -office 0 +activity 0",
        ),
        // Activity floor: 60 % of the corrected 800, and the offices must fit beside it.
        (
            "dongsheng city programme=beijiang_demo hh=2000 total=700 office=300 activity=400",
            "total=800 activity≥480 office=300 activity=480 +total 100 -office 0 +activity 80",
        ),
        (
            "dongsheng city programme=beijiang_demo hh=2000 total=800 office=400 activity=400",
            "total=800 activity≥480 office=320 activity=480 +total 0 -office 80 +activity 80",
        ),
        // Raising the activity area to its floor leaves less room for offices.
        (
            "dongsheng city programme=beijiang_demo hh=2000 total=800 office=500 activity=100",
            "total=800 activity≥480 office=320 activity=480 +total 0 -office 180 +activity 380",
        ),
        // Two ceilings: the smaller (alzq2024 20 % < nmg2017 30 %) governs.
        (
            "aolezhaoqi farming_village hh=800 total=200 office=70",
            "total=240 office≤48 office=48 +total 40 -office 22 +activity 0",
        ),
        // Renshou sets no office ceiling: the office area stays as planned.
        (
            "renshou city hh=5000 total=1000 office=400",
            "total=1,500 office=400 +total 500 -office 0 +activity 0",
        ),
        // Passing or unchecked designs need no plan.
        (
            "xam city construction=new hh=1000 total=500 office=75",
            "none",
        ),
        ("xam city hh=1250", "none"),
        ("xam city hh=1250 total=400", "none"),
    ];
    for (words, expected) in table {
        assert_eq!(plan(words), expected, "{words}");
    }
}

#[test]
fn the_plan_passes_when_evaluated_again() {
    let table = [
        "xam city construction=new hh=1000 total=420 office=80",
        "dongsheng city programme=beijiang_demo hh=2000 total=800 office=400 activity=400",
        "aolezhaoqi farming_village hh=800 total=200 office=70",
        "nmg pastoral_village hh=90 total=100 office=60",
    ];
    for words in table {
        let r = evaluate_raw(&facility_calc::builtin(), &scenario(words)).unwrap();
        let p = fix_plan(&r, r.planned).unwrap_or_else(|| panic!("{words}: no plan"));
        let again = common::planned_design(&r, &p);
        let fixed = evaluate_raw(&facility_calc::builtin(), &scenario(&again)).unwrap();
        assert_ne!(
            fixed.verdict,
            Some(facility_calc::Verdict::Fail),
            "{words} → {again}"
        );
    }
}

#[test]
fn inputs_no_rule_uses_are_named() {
    let table: [(&str, &[Ignored]); 7] = [
        (
            "renshou city hh=2000 total=600 office=100",
            &[Ignored::OfficeArea],
        ),
        (
            "xam city hh=1250 total=420 office=60 activity=200",
            &[Ignored::ActivityArea],
        ),
        // Dongsheng's city communities have an activity floor but no office ceiling.
        (
            "dongsheng city programme=beijiang_demo hh=2000 total=800 office=100 activity=500",
            &[Ignored::OfficeArea],
        ),
        (
            "dongsheng farming_village programme=beijiang_demo hh=800 total=400 office=100 activity=250",
            &[],
        ),
        // nmg2017's 30 % ceiling is for rural types only: a city office area under nmg alone is unchecked.
        (
            "nmg city hh=1000 total=300 office=100",
            &[Ignored::OfficeArea],
        ),
        ("nmg city hh=1000 occ=300", &[Ignored::OccupiedHouseholds]),
        ("xam city construction=new hh=1000 occ=300", &[]),
    ];
    for (words, expected) in table {
        let r = evaluate_raw(&facility_calc::builtin(), &scenario(words)).unwrap();
        assert_eq!(ignored_inputs(&r), expected, "{words}");
    }
}
