//! The comparison view's numbers without a browser: the breakpoint each jurisdiction's line is described
//! by is where the engine's required area really leaves its fixed minimum, for every community type each
//! built-in jurisdiction offers, new and existing.
use facility_calc::builtin;
use facility_calc::comparison::{CHART_MAX_HOUSEHOLDS, Growth, growth, inputs_in, required_at};
use facility_calc::form::Form;
use facility_calc::input::Raw;

#[test]
fn each_line_is_described_where_the_engine_leaves_its_fixed_minimum() {
    let set = builtin();
    let mut seen = [0; 3];
    for j in &set.jurisdictions {
        for offered in &j.settlements {
            for construction in ["new", "existing"] {
                let settlement = &set.settlements[offered.settlement].id;
                let form = Form::from_pairs([
                    ("jurisdiction", &*j.id),
                    ("settlement", &**settlement),
                    ("construction", construction),
                    ("households", "1000"),
                ]);
                let case = format!("{} {settlement} {construction}", j.id);
                let at = |hh: u32| required_at(&form, &set, &j.id, hh).unwrap();
                match growth(&form, &set, &j.id).unwrap_or_else(|| panic!("{case}: no growth")) {
                    Growth::FixedUpTo {
                        households,
                        floor_m2,
                    } => {
                        seen[0] += 1;
                        assert_eq!(at(1), floor_m2, "{case}");
                        assert_eq!(
                            at(households),
                            floor_m2,
                            "{case}: still the floor at {households}"
                        );
                        assert!(
                            at(households + 1) > floor_m2,
                            "{case}: above it at {}",
                            households + 1
                        );
                    }
                    Growth::RateOnly => {
                        seen[1] += 1;
                        assert!(at(2) > at(1), "{case}");
                    }
                    Growth::FixedThroughout { floor_m2 } => {
                        seen[2] += 1;
                        assert_eq!(at(1), floor_m2, "{case}");
                        assert_eq!(at(CHART_MAX_HOUSEHOLDS), floor_m2, "{case}");
                    }
                }
            }
        }
    }
    // The built-in documents have lines of both kinds below (no fixed minimum covers all 5,000 households).
    assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
}

#[test]
fn a_programme_not_offered_elsewhere_is_left_out_there() {
    let set = builtin();
    let form = Form::from_pairs([
        ("jurisdiction", "dongsheng"),
        ("settlement", "city"),
        ("programme", "beijiang_demo"),
        ("households", "2000"),
    ]);
    let (raw, left_out) = inputs_in(&form, &set, "dongsheng", None);
    assert!(!left_out);
    assert_eq!(raw.programme, Raw::Text("beijiang_demo".into()));
    let (raw, left_out) = inputs_in(&form, &set, "xam", Some(3000));
    assert!(left_out, "Xing'an League has no Beijiang programme");
    assert_eq!(raw.programme, Raw::Absent);
    assert_eq!(raw.households, Raw::Number(3000.0));
}
