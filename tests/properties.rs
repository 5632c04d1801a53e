//! Properties: nothing a host passes can panic the engine, and the required area never undercuts a rule.
//! `cargo xtask fuzz` runs these with `FACILITY_FUZZ_CASES` cases each (1,000,000); the default run is quick.
use facility_calc::engine::Status;
use facility_calc::estimate::{RawLand, estimate_households, estimate_population, read_site_area};
use facility_calc::input::{MAX_HOUSEHOLDS, MAX_POPULATION};
use facility_calc::number::{ParseError, parse_number};
use facility_calc::rules::RuleKind;
use facility_calc::value::HostValue;
use facility_calc::{Raw, RawInput, evaluate_raw};
use proptest::prelude::*;

mod common;
use common::{SPEC_CONSTRUCTIONS, SPEC_JURISDICTIONS, SPEC_PROGRAMMES, SPEC_SETTLEMENTS};

/// `default` cases, or `FACILITY_FUZZ_CASES` when set (by `cargo xtask fuzz`).
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("FACILITY_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn any_raw() -> impl Strategy<Value = Raw> {
    prop_oneof![
        Just(Raw::Absent),
        Just(Raw::Object),
        Just(Raw::Other),
        Just(Raw::Unreadable),
        (0usize..20_000_000).prop_map(|chars| Raw::TooLong { chars }),
        any::<bool>().prop_map(Raw::Bool),
        any::<f64>().prop_map(Raw::Number),
        (-20_000_000i64..20_000_000).prop_map(|n| Raw::Number(n as f64)),
        (0.0..2_000_000f64).prop_map(Raw::Number),
        Just(Raw::Number(f64::NAN)),
        Just(Raw::Number(f64::INFINITY)),
        Just(Raw::Number(-0.0)),
        ".*".prop_map(Raw::Text),
        "[0-9０-９,，. ．万户人㎡m²公顷亩\u{FEFF}\u{200B}-]{0,12}".prop_map(Raw::Text),
        prop::sample::select(
            [
                SPEC_JURISDICTIONS,
                SPEC_SETTLEMENTS,
                SPEC_CONSTRUCTIONS,
                SPEC_PROGRAMMES
            ]
            .concat()
        )
        .prop_map(Raw::from),
    ]
}

fn any_input() -> impl Strategy<Value = RawInput> {
    (
        (
            any_raw(),
            any_raw(),
            any_raw(),
            any_raw(),
            any_raw(),
            any_raw(),
        ),
        (
            any_raw(),
            any_raw(),
            any_raw(),
            any_raw(),
            any_raw(),
            any_raw(),
        ),
    )
        .prop_map(
            |(
                (jurisdiction, settlement, construction, programme, households, population),
                (
                    occupied_households,
                    planned,
                    planned_total_m2,
                    planned_office_m2,
                    planned_activity_m2,
                    residential_floor_area_m2,
                ),
            )| RawInput {
                jurisdiction,
                settlement,
                construction,
                programme,
                households,
                population,
                occupied_households,
                planned,
                planned_total_m2,
                planned_office_m2,
                planned_activity_m2,
                residential_floor_area_m2,
            },
        )
}

/// Host values as the boundary layer hands them over, nested a little.
fn any_host_value() -> impl Strategy<Value = HostValue> {
    let leaf = prop_oneof![
        Just(HostValue::Absent),
        Just(HostValue::Unreadable),
        (0usize..20_000_000).prop_map(|chars| HostValue::TooLong { chars }),
        prop::sample::select(vec!["function", "symbol", "bigint"]).prop_map(HostValue::Other),
        any::<bool>().prop_map(HostValue::Bool),
        any::<f64>().prop_map(HostValue::Number),
        (0u32..20_000).prop_map(|n| HostValue::Number(f64::from(n))),
        ".{0,12}".prop_map(HostValue::Text),
        prop::sample::select(vec![
            "xam",
            "dongsheng",
            "city",
            "new",
            "beijiang_demo",
            "1,250",
            "12,5"
        ])
        .prop_map(|s| HostValue::Text(s.to_string())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let key = prop::sample::select(vec![
            "jurisdiction",
            "settlement",
            "construction",
            "programme",
            "households",
            "population",
            "occupied_households",
            "planned",
            "total_m2",
            "office_m2",
            "activity_m2",
            "junk",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(HostValue::Array),
            prop::collection::vec((key.prop_map(str::to_string), inner), 0..8)
                .prop_map(HostValue::Object),
        ]
    })
}

proptest! {
    #![proptest_config(cases(4000))]

    #[test]
    fn evaluate_never_panics_and_always_explains(input in any_input()) {
        match evaluate_raw(&facility_calc::builtin(), &input) {
            Ok(e) => prop_assert!(e.required_area_m2.is_some()),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    prop_assert!(!e.field.id().is_empty() && !e.code.as_str().is_empty() && !e.message.is_empty() && !e.message_zh.is_empty());
                }
            }
        }
    }

    #[test]
    fn parse_number_never_panics(text in ".*") {
        if let Ok(n) = parse_number(&text) {
            prop_assert!(n.is_finite() && n >= 0.0);
        }
    }

    #[test]
    fn parse_number_reads_grouped_and_full_width_digits(n in 0u64..100_000_000_000) {
        let grouped = facility_calc::number::format_number(n as f64);
        prop_assert_eq!(parse_number(&grouped), Ok(n as f64));
        let full_width: String = n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()).collect();
        prop_assert_eq!(parse_number(&format!("{full_width}户")), Ok(n as f64));
    }

    #[test]
    fn required_area_is_never_below_an_applicable_rule(
        j in prop::sample::select(vec!["nmg", "xam", "dongsheng", "aolezhaoqi", "renshou"]),
        s in prop::sample::select(vec!["city", "town", "township_seat", "urban_village", "suburban_village", "central_village", "farming_village", "pastoral_village"]),
        c in prop::sample::select(vec!["existing", "new", "renovated"]),
        demo in any::<bool>(),
        hh in 1u32..=10_000_000,
    ) {
        let input = RawInput {
            jurisdiction: j.into(), settlement: s.into(), construction: c.into(),
            programme: if demo && j == "dongsheng" { "beijiang_demo".into() } else { Raw::Absent },
            households: Raw::Number(f64::from(hh)), ..RawInput::default()
        };
        let e = evaluate_raw(&facility_calc::builtin(), &input).unwrap();
        let required = e.required_area_m2.unwrap();
        let mut governed = false;
        for r in e.rules.iter().filter(|r| r.kind == RuleKind::MinimumArea && r.status == Status::Applies) {
            prop_assert!(required >= r.figure.unwrap());
            governed |= r.governing;
        }
        prop_assert!(governed, "some rule governs the required area");
    }
}

proptest! {
    #![proptest_config(cases(3000))]

    /// The hand-written decimal reader is exact (one rounding, like `str::parse`) up to 15 significant digits.
    #[test]
    fn parse_number_is_exact_to_fifteen_digits(integer in "[0-9]{0,9}", fraction in "[0-9]{0,6}") {
        // No digits at all is no number: read "0" then (no rejected cases, which cap a million-case run).
        let integer = if integer.is_empty() && fraction.is_empty() { "0".to_string() } else { integer };
        let text = if fraction.is_empty() { integer.clone() } else { format!("{integer}.{fraction}") };
        let expected: f64 = if integer.is_empty() { format!("0.{fraction}") } else { text.clone() }.parse().unwrap();
        prop_assert_eq!(parse_number(&text), Ok(expected));
    }
}

proptest! {
    #![proptest_config(cases(3000))]

    /// Whatever object a host passes, reading it never panics and every problem names a field.
    #[test]
    fn any_host_object_evaluates_or_explains(value in any_host_value()) {
        match evaluate_raw(&facility_calc::builtin(), &RawInput::from_host(&value)) {
            Ok(e) => prop_assert!(e.required_area_m2.is_some()),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    prop_assert!(!e.field.id().is_empty() && !e.message.is_empty() && !e.message_zh.is_empty());
                }
            }
        }
    }

    /// Estimates land inside the range of the field they feed, or are an error; never a panic.
    #[test]
    fn estimates_land_in_their_fields_range(
        site in any_raw(), far in any_raw(), share in any_raw(), avg in any_raw(), persons in any_raw(),
    ) {
        let households = estimate_households(&RawLand { site_area_m2: site.clone(), far, residential_share: share, avg_unit_m2: avg });
        if let Ok(hh) = households {
            prop_assert!((1..=MAX_HOUSEHOLDS).contains(&hh), "{hh}");
        }
        if let Ok(people) = estimate_population(&site, &persons) {
            prop_assert!(people <= MAX_POPULATION, "{people}");
        }
        if let Ok(Some(m2)) = read_site_area(&site) {
            prop_assert!(m2.is_finite() || matches!(site, Raw::Number(_)));
        }
    }

    /// Separators are read only between groups of three: a text of digits with separators anywhere either
    /// reads as its digits (when every group after the first has three) or is refused, never another number.
    #[test]
    fn separators_never_change_the_digits(digits in "[1-9][0-9]{0,9}", cuts in prop::collection::vec(0usize..10, 0..4), sep in prop::sample::select(vec![",", " ", "，", "\u{2009}"])) {
        let mut text = digits.clone();
        let mut cuts: Vec<usize> = cuts.into_iter().filter(|c| *c > 0 && *c < digits.len()).collect();
        cuts.sort_unstable();
        cuts.dedup();
        for cut in cuts.iter().rev() {
            text.insert_str(*cut, sep);
        }
        let well_grouped = cuts.iter().all(|c| (digits.len() - c) % 3 == 0)
            && cuts.windows(2).all(|w| w[1] - w[0] == 3)
            && cuts.first().is_none_or(|c| *c <= 3)
            && cuts.last().is_none_or(|c| digits.len() - c == 3);
        match parse_number(&text) {
            Ok(n) => {
                prop_assert!(well_grouped, "{text:?} read as {n}");
                prop_assert_eq!(n, digits.parse::<f64>().unwrap());
            }
            Err(why) => {
                prop_assert!(!well_grouped, "{text:?} refused: {why:?}");
                let is_misplaced = matches!(why, ParseError::MisplacedSeparator { .. });
                prop_assert!(is_misplaced, "{text:?}: {why:?}");
            }
        }
    }
}
