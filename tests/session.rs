//! The widget's calculation without a browser: the last good result is kept while an input is wrong, and
//! host events mean change (ARCHITECTURE: a result event when the result changed or the input was just put
//! right, an error event when the problems shown changed; language and text size fire nothing).
use facility_calc::builtin;
use facility_calc::form::{Form, Key};
use facility_calc::session::Calculation;
use facility_calc::text::Lang;

fn form(pairs: &[(&str, &str)]) -> Form {
    Form::from_pairs(pairs.iter().copied())
}

/// (fired a result event, the error event's fields) for one change.
fn fired(calc: &mut Calculation, form: &Form) -> (bool, Option<Vec<String>>) {
    let events = calc.recompute(form, Some(&builtin()));
    (
        events.result.is_some(),
        events
            .error
            .map(|errors| errors.iter().map(|e| e.field.to_string()).collect()),
    )
}

#[test]
fn host_events_fire_on_change_only() {
    let mut calc = Calculation::default();
    let mut f = form(&[
        ("jurisdiction", "xam"),
        ("settlement", "city"),
        ("households", "1000"),
    ]);
    assert_eq!(fired(&mut calc, &f), (true, None), "the first result");
    assert_eq!(calc.result.as_ref().unwrap().required_area_m2, Some(300.0));

    f.lang = Lang::En;
    f.large_text = true;
    assert_eq!(
        fired(&mut calc, &f),
        (false, None),
        "language and text size change nothing"
    );

    f.set(Key::Households, "2000");
    assert_eq!(fired(&mut calc, &f), (true, None), "a new result");
    assert_eq!(calc.result.as_ref().unwrap().required_area_m2, Some(600.0));

    f.set(Key::Households, "两千");
    assert_eq!(
        fired(&mut calc, &f),
        (false, Some(vec!["households".to_string()])),
        "a wrong input: an error event, no result event"
    );
    assert!(calc.stale(), "the last good result stays, marked stale");
    assert_eq!(calc.result.as_ref().unwrap().required_area_m2, Some(600.0));
    assert_eq!(calc.problems.len(), 1);

    f.lang = Lang::Zh;
    assert_eq!(
        fired(&mut calc, &f),
        (false, None),
        "the same problem is reported once"
    );

    f.set(Key::Households, "2,000");
    assert_eq!(
        fired(&mut calc, &f),
        (true, None),
        "put right: a result event, though the result equals the last one"
    );
    assert!(!calc.stale());
    assert!(calc.problems.is_empty());
}

#[test]
fn a_required_field_nobody_filled_is_a_question_not_an_error() {
    let mut calc = Calculation::default();
    let f = form(&[("jurisdiction", "xam"), ("settlement", "city")]);
    assert_eq!(fired(&mut calc, &f), (false, None));
    assert!(calc.result.is_none());
    assert!(!calc.errors.is_empty(), "households are missing");
    assert!(
        calc.problems.is_empty(),
        "but nothing is shown as an error yet"
    );
}

#[test]
fn a_pack_that_is_not_loaded_computes_nothing() {
    let mut calc = Calculation::default();
    let f = form(&[
        ("jurisdiction", "xam"),
        ("settlement", "city"),
        ("households", "1000"),
    ]);
    calc.recompute(&f, Some(&builtin()));
    let events = calc.recompute(&f, None);
    assert!(events.result.is_none() && events.error.is_none());
    assert!(calc.result.is_none(), "never a result under other rules");
    assert!(calc.problems.is_empty());
}

#[test]
fn the_default_construction_names_what_new_would_require() {
    let mut calc = Calculation::default();
    let mut f = form(&[
        ("jurisdiction", "xam"),
        ("settlement", "city"),
        ("households", "1000"),
    ]);
    calc.recompute(&f, Some(&builtin()));
    let existing = calc.result.as_ref().unwrap().required_area_m2.unwrap();
    let new = calc.alternative_area.expect("construction left blank");
    assert!(new > existing, "{new} > {existing}");
    f.set(Key::Construction, "new");
    calc.recompute(&f, Some(&builtin()));
    assert_eq!(calc.alternative_area, None, "chosen: no assumption to name");
    assert_eq!(calc.result.as_ref().unwrap().required_area_m2, Some(new));
}
