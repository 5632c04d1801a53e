//! Properties: nothing a host passes can panic the engine, and the required area never undercuts a rule.
use facility_calc::engine::Status;
use facility_calc::number::parse_number;
use facility_calc::rules::RuleKind;
use facility_calc::{Raw, RawInput, evaluate_raw};
use proptest::prelude::*;

fn any_raw() -> impl Strategy<Value = Raw> {
    prop_oneof![
        Just(Raw::Absent),
        Just(Raw::Object),
        Just(Raw::Other),
        any::<bool>().prop_map(Raw::Bool),
        any::<f64>().prop_map(Raw::Number),
        (-20_000_000i64..20_000_000).prop_map(|n| Raw::Number(n as f64)),
        (0.0..2_000_000f64).prop_map(Raw::Number),
        Just(Raw::Number(f64::NAN)),
        Just(Raw::Number(f64::INFINITY)),
        Just(Raw::Number(-0.0)),
        ".*".prop_map(Raw::Text),
        "[0-9０-９,，. ．万户人㎡m²-]{0,12}".prop_map(Raw::Text),
        prop::sample::select(vec![
            "nmg",
            "xam",
            "dongsheng",
            "aolezhaoqi",
            "renshou",
            "city",
            "town",
            "township_seat",
            "urban_village",
            "suburban_village",
            "central_village",
            "farming_village",
            "pastoral_village",
            "existing",
            "new",
            "renovated",
            "standard",
            "beijiang_demo",
            "capacity_upgrade"
        ])
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
        (any_raw(), any_raw(), any_raw(), any_raw(), any_raw()),
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
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn evaluate_never_panics_and_always_explains(input in any_input()) {
        match evaluate_raw(&facility_calc::builtin(), &input) {
            Ok(e) => prop_assert!(e.required_area_m2.is_some()),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in errors {
                    prop_assert!(!e.field.is_empty() && !e.code.is_empty() && !e.message.is_empty() && !e.message_zh.is_empty());
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
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The hand-written decimal reader is exact (one rounding, like `str::parse`) up to 15 significant digits.
    #[test]
    fn parse_number_is_exact_to_fifteen_digits(integer in "[0-9]{0,9}", fraction in "[0-9]{0,6}") {
        prop_assume!(!(integer.is_empty() && fraction.is_empty()));
        let text = if fraction.is_empty() { integer.clone() } else { format!("{integer}.{fraction}") };
        let expected: f64 = if integer.is_empty() { format!("0.{fraction}") } else { text.clone() }.parse().unwrap();
        prop_assert_eq!(parse_number(&text), Ok(expected));
    }
}
