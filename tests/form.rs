//! The widget's pure state: links round-trip, bad links are reported, typed text is kept.
use facility_calc::form::{Form, Key, Mode, View};
use facility_calc::text::Lang;

fn form(pairs: &[(&str, &str)]) -> Form {
    Form::from_pairs(pairs.iter().copied())
}

#[test]
fn a_link_reproduces_the_state() {
    let table: &[&[(&str, &str)]] = &[
        &[
            ("jurisdiction", "xam"),
            ("settlement", "city"),
            ("households", "1,250户"),
        ],
        &[
            ("jurisdiction", "dongsheng"),
            ("settlement", "city"),
            ("programme", "beijiang_demo"),
            ("households", "2000"),
            ("population", "5200"),
            ("total_m2", "800"),
            ("activity_m2", "480"),
            ("lang", "en"),
            ("large_text", "1"),
        ],
        &[
            ("site_area_m2", "50000"),
            ("far", "2"),
            ("avg_unit_m2", "100"),
            ("persons_per_household", "3"),
        ],
        &[
            ("jurisdiction", "renshou"),
            ("settlement", "city"),
            ("households", "5000"),
            ("compact", "1"),
        ],
        // The report's project fields and the comparison view travel in the link beside the inputs.
        &[
            ("jurisdiction", "xam"),
            ("settlement", "city"),
            ("households", "1000"),
            ("project", "幸福里小区"),
            ("address", "乌兰浩特市兴安南路 1 号"),
            ("developer", "某某置业有限公司"),
            ("handler", "张三"),
            ("report_date", "2026-11-25"),
            ("compare", "xam,renshou"),
            ("view", "compare"),
        ],
    ];
    for pairs in table {
        let original = form(pairs);
        let pairs_out = original.to_pairs();
        let again = Form::from_pairs(pairs_out.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(again.to_pairs(), pairs_out, "{pairs:?}");
        assert_eq!(again.option_errors().count(), 0, "{pairs:?}");
        assert_eq!(
            original
                .evaluate(&facility_calc::builtin())
                .map(|e| e.required_area_m2),
            again
                .evaluate(&facility_calc::builtin())
                .map(|e| e.required_area_m2)
        );
    }
}

#[test]
fn link_values_are_checked_never_trusted() {
    let f = form(&[
        ("jurisdiction", "mars"),
        ("settlement", "city"),
        ("households", "1250"),
        ("colour", "red"),
        ("lang", "fr"),
        ("large_text", "maybe"),
        ("mode", "edit"),
    ]);
    let codes: Vec<(&str, &str)> = f
        .option_errors()
        .map(|e| (e.field.id(), e.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("options", "unknown_option"),
            ("options", "unknown_value"),
            ("options", "unknown_value"),
            ("options", "unknown_value")
        ]
    );
    let errors = f.evaluate(&facility_calc::builtin()).unwrap_err();
    let shown: Vec<String> = f
        .visible_errors(&errors)
        .iter()
        .map(|e| format!("{} {}", e.field, e.code))
        .collect();
    assert_eq!(
        shown.last().map(String::as_str),
        Some("jurisdiction unknown_value")
    );
    assert_eq!(f.lang, Lang::Zh);
    assert!(!f.large_text);
}

#[test]
fn missing_answers_are_questions_until_touched() {
    let mut f = Form::default();
    let errors = f.evaluate(&facility_calc::builtin()).unwrap_err();
    assert!(
        f.visible_errors(&errors).is_empty(),
        "a fresh form shows no errors"
    );
    f.set(Key::Households, "12");
    f.set(Key::Households, "");
    let errors = f.evaluate(&facility_calc::builtin()).unwrap_err();
    let shown: Vec<&str> = f
        .visible_errors(&errors)
        .iter()
        .map(|e| e.field.id())
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    assert_eq!(shown, ["households"]);
}

#[test]
fn typed_text_is_kept_as_typed() {
    let mut f = form(&[("jurisdiction", "xam"), ("settlement", "city")]);
    f.set(Key::Households, "12a");
    assert_eq!(f.get(Key::Households), "12a");
    let errors = f.evaluate(&facility_calc::builtin()).unwrap_err();
    assert_eq!(errors[0].field, "households");
    assert_eq!(f.get(Key::Households), "12a");
}

#[test]
fn entering_a_design_switches_to_check_mode() {
    let mut f = form(&[
        ("jurisdiction", "xam"),
        ("settlement", "city"),
        ("households", "1250"),
    ]);
    assert_eq!(f.mode, Mode::Plan);
    f.set(Key::TotalM2, "420");
    assert_eq!(f.mode, Mode::Check);
    assert_eq!(
        f.evaluate(&facility_calc::builtin()).unwrap().verdict,
        Some(facility_calc::Verdict::Incomplete)
    );
}

#[test]
fn estimates_fill_in_from_the_form() {
    let f = form(&[
        ("site_area_m2", "5万"),
        ("far", "2"),
        ("avg_unit_m2", "100"),
        ("households", "1000"),
    ]);
    assert_eq!(f.households_estimate(), Ok(1000));
    let explained = f.households_estimate_explained().unwrap();
    assert_eq!(
        explained.formula.zh,
        "⌊50,000 m² × 容积率 2 × 住宅占比 1 ÷ 100 m²/户⌋ ≈ 1,000 户"
    );
    assert_eq!(f.persons_per_household(), "2.62");
    assert_eq!(f.population_estimate(), Ok(2620));
}

#[test]
fn a_later_good_option_clears_what_was_said_about_it() {
    let mut f = form(&[("lang", "fr"), ("colour", "red")]);
    assert_eq!(f.option_errors().count(), 2);
    f.apply("lang", "fr");
    assert_eq!(
        f.option_errors().count(),
        2,
        "the same bad value again does not stack"
    );
    f.apply("lang", "en");
    assert_eq!(
        f.option_errors().map(|e| e.code).collect::<Vec<_>>(),
        ["unknown_option"]
    );
    assert_eq!(f.lang, Lang::En);
}

#[test]
fn project_fields_and_the_view_come_from_the_link() {
    let f = form(&[
        ("project", "幸福里小区"),
        ("handler", "张三"),
        ("view", "compare"),
    ]);
    assert_eq!(f.get(Key::ProjectName), "幸福里小区");
    assert_eq!(f.get(Key::Handler), "张三");
    assert_eq!(f.view, View::Compare);
    assert_eq!(f.option_errors().count(), 0);
    let bad = form(&[("view", "sideways")]);
    assert_eq!(bad.view, View::Calculator);
    assert_eq!(bad.option_errors().count(), 1);
}

#[test]
fn the_land_estimate_feeds_the_result_while_households_is_empty() {
    // (typed fields, households the result uses, estimated?)
    type Row<'a> = (&'a [(&'a str, &'a str)], Option<u32>, bool);
    let table: [Row; 4] = [
        (
            &[
                ("site_area_m2", "50000"),
                ("far", "2"),
                ("avg_unit_m2", "100"),
            ],
            Some(1000),
            true,
        ),
        // The FAR changes: the result follows.
        (
            &[
                ("site_area_m2", "50000"),
                ("far", "2.5"),
                ("avg_unit_m2", "100"),
            ],
            Some(1250),
            true,
        ),
        // Typed households win over the estimate.
        (
            &[
                ("site_area_m2", "50000"),
                ("far", "2"),
                ("avg_unit_m2", "100"),
                ("households", "800"),
            ],
            Some(800),
            false,
        ),
        // An incomplete estimate feeds nothing.
        (&[("site_area_m2", "50000"), ("far", "2")], None, false),
    ];
    for (fields, households, estimated) in table {
        let mut pairs = vec![("jurisdiction", "xam"), ("settlement", "city")];
        pairs.extend_from_slice(fields);
        let f = form(&pairs);
        assert_eq!(
            f.evaluate(&facility_calc::builtin())
                .ok()
                .map(|e| e.households),
            households,
            "{fields:?}"
        );
        assert_eq!(f.households_estimated().is_some(), estimated, "{fields:?}");
    }
}
