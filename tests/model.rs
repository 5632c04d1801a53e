//! An independent model of SPEC §5–§6, written straight from the rule table as nested `match`es rather than
//! data, compared with the engine on every combination of choices and on random numbers.
mod common;
use facility_calc::engine::{Formation, ScaleStatus, Status, Verdict};
use facility_calc::{Raw, RawInput, evaluate_raw};
use proptest::prelude::*;

use common::{SPEC_CONSTRUCTIONS, SPEC_JURISDICTIONS, SPEC_PROGRAMMES, SPEC_SETTLEMENTS};

#[derive(Debug, Clone, Copy)]
struct Case {
    j: &'static str,
    s: &'static str,
    c: &'static str,
    p: &'static str,
    hh: u64,
    pop: Option<u64>,
    occ: Option<u64>,
    total: Option<f64>,
    office: Option<f64>,
    activity: Option<f64>,
}

#[derive(Debug, PartialEq)]
struct Expected {
    required: f64,
    office_share: Option<f64>,
    activity_share: Option<f64>,
    staff_min: Option<u64>,
    staff_max: Option<u64>,
    volunteers: Option<u64>,
    orgs: Option<u64>,
    scale: Option<(u64, u64, &'static str, u64)>,
    rc: Option<&'static str>,
    funding: Option<u64>,
    verdict: Option<&'static str>,
}

fn model(k: &Case) -> Expected {
    let urban = matches!(k.s, "city" | "town");
    let rural = !urban;
    let village = matches!(
        k.s,
        "urban_village" | "suburban_village" | "central_village" | "farming_village"
    );
    let pastoral = k.s == "pastoral_village";
    let towns = matches!(k.s, "city" | "town" | "township_seat");
    let docs: &[&str] = match k.j {
        "nmg" => &["nmg2017"],
        "xam" => &["nmg2017", "xam2018"],
        "dongsheng" => &["nmg2017", "ds2023"],
        "aolezhaoqi" => &["nmg2017", "alzq2024"],
        _ => &["rs2018"],
    };
    let rate = |r: u64| (r * k.hh) as f64 / 100.0;
    let mut areas: Vec<f64> = vec![];
    let mut ceilings: Vec<f64> = vec![];
    let mut floors: Vec<f64> = vec![];
    let mut staff_mins: Vec<u64> = vec![];
    let mut staff_max = None;
    let mut vols: Vec<u64> = vec![];
    let mut orgs = None;
    let mut scale = None;
    let mut rc = None;
    let mut funding = None;
    let mut fails = false;
    let total = k.total;
    let new_or_renovated = k.c != "existing";
    for doc in docs {
        match *doc {
            "nmg2017" => {
                areas.push(rate(30));
                if urban && !new_or_renovated {
                    areas.push(300.0)
                }
                if urban && new_or_renovated {
                    areas.push(500.0)
                }
                if matches!(k.s, "township_seat" | "urban_village" | "suburban_village") {
                    areas.push(300.0)
                }
                if matches!(
                    k.s,
                    "central_village" | "farming_village" | "pastoral_village"
                ) {
                    areas.push(150.0)
                }
                if rural {
                    ceilings.push(0.30)
                }
                if let Some(p) = k.pop {
                    vols.push((15 * p).div_ceil(100))
                }
            }
            "ds2023" => {
                if towns {
                    areas.push(rate(30));
                    areas.push(300.0)
                }
                if village {
                    areas.push(200.0)
                }
                if pastoral {
                    areas.push(150.0)
                }
                if k.p == "beijiang_demo" {
                    areas.push(rate(40));
                    floors.push(0.6);
                    if let Some(p) = k.pop {
                        staff_mins.push((18 * p).div_ceil(10000))
                    }
                    funding = Some(100000);
                }
                if k.p == "capacity_upgrade" {
                    funding = Some(150000)
                }
            }
            "alzq2024" => {
                areas.push(rate(30));
                ceilings.push(0.2);
                staff_mins.push(6);
                staff_max = Some((k.hh / 200).clamp(10, 15));
            }
            "xam2018" => {
                areas.push(rate(30));
                ceilings.push(0.15);
                if k.c == "new" {
                    rc = k.occ.map(|o| if 2 * o >= k.hh { "due" } else { "not_yet" });
                }
            }
            _ => {
                areas.push(rate(30));
                let (lo, hi) = if k.s == "city" {
                    (2000, 4000)
                } else if towns {
                    (700, 2000)
                } else {
                    (300, 1500)
                };
                let status = if k.hh < lo {
                    "below"
                } else if k.hh > hi {
                    "above"
                } else {
                    "within"
                };
                scale = Some((lo, hi, status, k.hh.div_ceil(hi).max(1)));
                orgs = Some(if towns { 10 } else { 5 });
                if let Some(p) = k.pop {
                    vols.push((13 * p).div_ceil(100))
                }
            }
        }
    }
    let mut incomplete = false;
    if let Some(t) = total {
        fails |= areas.iter().any(|a| t + 1e-6 < *a);
        for c in &ceilings {
            match k.office {
                Some(o) => fails |= o > c * t + 1e-6,
                None => incomplete = true,
            }
        }
        for f in &floors {
            match k.activity {
                Some(a) => fails |= a + 1e-6 < f * t,
                None => incomplete = true,
            }
        }
    }
    Expected {
        required: areas.iter().cloned().fold(f64::MIN, f64::max),
        office_share: ceilings.iter().cloned().reduce(f64::min),
        activity_share: floors.iter().cloned().reduce(f64::max),
        staff_min: staff_mins.iter().cloned().max(),
        staff_max,
        volunteers: vols.iter().cloned().max(),
        orgs,
        scale,
        rc,
        funding,
        verdict: total.map(|_| {
            if fails {
                "fail"
            } else if incomplete {
                "incomplete"
            } else {
                "pass"
            }
        }),
    }
}

fn raw(k: &Case) -> RawInput {
    let n = |v: Option<u64>| v.map_or(Raw::Absent, |v| Raw::Number(v as f64));
    let a = |v: Option<f64>| v.map_or(Raw::Absent, Raw::Number);
    RawInput {
        jurisdiction: k.j.into(),
        settlement: k.s.into(),
        construction: k.c.into(),
        programme: k.p.into(),
        households: Raw::Number(k.hh as f64),
        population: n(k.pop),
        occupied_households: n(k.occ),
        planned: if k.total.is_some() {
            Raw::Object
        } else {
            Raw::Absent
        },
        planned_total_m2: a(k.total),
        planned_office_m2: a(k.office),
        planned_activity_m2: a(k.activity),
        ..RawInput::default()
    }
}

fn compare(k: &Case) {
    let e = evaluate_raw(&facility_calc::builtin(), &raw(k))
        .unwrap_or_else(|errors| panic!("{k:?}: {errors:?}"));
    let m = model(k);
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    assert!(
        close(e.required_area_m2.unwrap(), m.required),
        "{k:?} required"
    );
    assert_eq!(e.office_max_share, m.office_share, "{k:?} office");
    assert_eq!(e.activity_min_share, m.activity_share, "{k:?} activity");
    let basis = k.total.unwrap_or(m.required);
    match (e.office_max_m2, m.office_share) {
        (Some(got), Some(share)) => assert!(close(got, share * basis), "{k:?} office m2"),
        (got, share) => assert_eq!(got.is_some(), share.is_some(), "{k:?}"),
    }
    assert_eq!(e.staff_min, m.staff_min, "{k:?} staff_min");
    assert_eq!(e.staff_max, m.staff_max, "{k:?} staff_max");
    assert_eq!(e.volunteers_min, m.volunteers, "{k:?} volunteers");
    assert_eq!(e.social_orgs_min, m.orgs, "{k:?} orgs");
    let scale = e.scale.map(|s| {
        let status = match s.status {
            ScaleStatus::Below => "below",
            ScaleStatus::Within => "within",
            ScaleStatus::Above => "above",
        };
        (
            u64::from(s.min_households),
            u64::from(s.max_households),
            status,
            u64::from(s.suggested_communities),
        )
    });
    assert_eq!(scale, m.scale, "{k:?} scale");
    assert_eq!(
        e.rc_formation.map(|f| if f == Formation::Due {
            "due"
        } else {
            "not_yet"
        }),
        m.rc,
        "{k:?} rc"
    );
    assert_eq!(e.funding_cny, m.funding, "{k:?} funding");
    let verdict = e.verdict.map(|v| match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::Incomplete => "incomplete",
    });
    assert_eq!(verdict, m.verdict, "{k:?} verdict");
    // governing: exactly the area rules whose figure equals the required area
    for r in &e.rules {
        if r.kind == facility_calc::rules::RuleKind::MinimumArea
            && r.status != Status::NotApplicable
        {
            assert_eq!(
                r.governing,
                r.figure == e.required_area_m2,
                "{k:?} {}",
                r.id
            );
        }
        if r.status == Status::NotApplicable {
            assert!(
                !r.governing && r.figure.is_none() && r.actual.is_none(),
                "{k:?} {}",
                r.id
            );
        }
    }
}

fn programmes(j: &str) -> &'static [&'static str] {
    if j == "dongsheng" {
        SPEC_PROGRAMMES
    } else {
        &["standard"]
    }
}

#[test]
fn engine_agrees_with_the_model_on_every_combination() {
    let mut count = 0;
    for &j in SPEC_JURISDICTIONS {
        for &s in SPEC_SETTLEMENTS {
            for &c in SPEC_CONSTRUCTIONS {
                for &p in programmes(j) {
                    for hh in [1, 90, 500, 999, 1000, 1667, 2000, 2200, 4001, 9_999_999] {
                        for pop in [None, Some(0), Some(5201)] {
                            for planned in [
                                None,
                                Some((420.0, Some(60.0), None)),
                                Some((1000.0, None, Some(600.0))),
                                Some((10.0, Some(10.0), Some(0.0))),
                            ] {
                                let (total, office, activity) = match planned {
                                    Some((t, o, a)) => (Some(t), o, a),
                                    None => (None, None, None),
                                };
                                let occ = Some(hh / 2);
                                compare(&Case {
                                    j,
                                    s,
                                    c,
                                    p,
                                    hh,
                                    pop,
                                    occ,
                                    total,
                                    office,
                                    activity,
                                });
                                count += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(count, 5 * 8 * 3 * 10 * 3 * 4 + 2 * 8 * 3 * 10 * 3 * 4);
}

fn any_case() -> impl Strategy<Value = Case> {
    (
        0..5usize,
        0..8usize,
        0..3usize,
        0..3usize,
        1..=10_000_000u64,
        proptest::option::of(0..=100_000_000u64),
        any::<u32>(),
        proptest::option::of((
            0.0..=1_000_000f64,
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            any::<bool>(),
        )),
    )
        .prop_map(|(j, s, c, p, hh, pop, occ_seed, planned)| {
            let j = SPEC_JURISDICTIONS[j];
            let progs = programmes(j);
            let occ = if occ_seed % 3 == 0 {
                None
            } else {
                Some(u64::from(occ_seed) % (hh + 1))
            };
            let (total, office, activity) = match planned {
                Some((t, o, a, with_office, with_activity)) => {
                    let office = with_office.then(|| t * f64::from(o % 101) / 100.0);
                    let room = t - office.unwrap_or(0.0);
                    let activity =
                        with_activity.then(|| (room * f64::from(a % 101) / 100.0).max(0.0));
                    (Some(t), office, activity)
                }
                None => (None, None, None),
            };
            Case {
                j,
                s: SPEC_SETTLEMENTS[s],
                c: SPEC_CONSTRUCTIONS[c],
                p: progs[p % progs.len()],
                hh,
                pop,
                occ,
                total,
                office,
                activity,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn engine_agrees_with_the_model_on_random_scenarios(case in any_case()) {
        compare(&case);
    }
}
