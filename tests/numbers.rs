//! parse_number, the land estimates and number formatting, one row per case.
use facility_calc::Raw;
use facility_calc::estimate::{RawLand, estimate_households, estimate_population, read_site_area};
use facility_calc::fields::Id;
use facility_calc::input::RawInput;
use facility_calc::number::{MAX_TEXT_CHARS, ParseError, format_number, parse_number};
use facility_calc::validate;

#[test]
fn parse_number_accepts_what_users_type() {
    let table: &[(&str, f64)] = &[
        ("1250", 1250.0),
        ("１２５０", 1250.0),
        ("１,２５０户", 1250.0),
        ("1,250", 1250.0),
        ("1，250", 1250.0),
        ("1 250", 1250.0),
        ("1\u{2009}250", 1250.0),
        ("1\u{202F}250\u{00A0}户", 1250.0),
        ("  375.5  ", 375.5),
        ("375．5", 375.5),
        ("420m²", 420.0),
        ("420 m2", 420.0),
        ("420㎡", 420.0),
        ("420平方米", 420.0),
        ("420 平米", 420.0),
        ("5200人", 5200.0),
        ("1.2万", 12000.0),
        ("1.2 万户", 12000.0),
        ("12.345678万", 123456.78),
        ("3万", 30000.0),
        ("０.５", 0.5),
        (".5", 0.5),
        ("0", 0.0),
        ("\u{3000}300\u{3000}", 300.0),
        // Thousands separators between groups of three digits.
        ("12,500", 12500.0),
        ("12 500", 12500.0),
        ("1,250,000", 1_250_000.0),
        ("1 250 000", 1_250_000.0),
        ("1,250.5", 1250.5),
        ("1，250，000户", 1_250_000.0),
        ("１２，５００", 12500.0),
        ("999,999", 999_999.0),
        ("1,250 000", 1_250_000.0),
        ("1\u{00A0}250\u{202F}000", 1_250_000.0),
        // Byte-order marks and zero-width characters pasted along are ignored.
        ("\u{FEFF}1250", 1250.0),
        ("12\u{200B}50", 1250.0),
        ("1250\u{200C}", 1250.0),
        ("\u{200D}1,250\u{2060}户", 1250.0),
        ("1.2\u{FEFF}万", 12000.0),
    ];
    for (text, expected) in table {
        assert_eq!(parse_number(text), Ok(*expected), "{text:?}");
    }
}

#[test]
fn parse_number_rejects_with_a_reason() {
    let table: &[(&str, ParseError)] = &[
        ("", ParseError::Empty),
        ("   ", ParseError::Empty),
        ("户", ParseError::Empty),
        ("万", ParseError::Empty),
        ("abc", ParseError::Letters),
        ("12a", ParseError::Letters),
        ("一千", ParseError::Letters),
        ("1.2.3", ParseError::TwoDecimalPoints),
        ("1..2", ParseError::TwoDecimalPoints),
        ("-5", ParseError::Negative),
        ("−5", ParseError::Negative),
        ("－5", ParseError::Negative),
        ("5-", ParseError::Negative),
        ("1e5", ParseError::Letters),
        ("+5", ParseError::Invalid),
        ("5%", ParseError::Invalid),
        ("$5", ParseError::Invalid),
        (".", ParseError::Invalid),
        (",", ParseError::Invalid),
        ("1.5,000", ParseError::Invalid),
        (",250", ParseError::Invalid),
        ("\u{FEFF}", ParseError::Empty),
        ("\u{200B}\u{2060}", ParseError::Empty),
    ];
    for (text, expected) in table {
        assert_eq!(parse_number(text), Err(expected.clone()), "{text:?}");
    }
}

/// A separator anywhere but between groups of three digits is an error naming where it is, never a guess:
/// `12,5` may mean 12.5, `1250 1` is a typo.
#[test]
fn parse_number_refuses_misplaced_separators() {
    let table: &[(&str, &str)] = &[
        ("12,5", "12"),
        ("1,2,5,0", "1"),
        ("1250 1", "1250"),
        ("3 4", "3"),
        ("1,25.5", "1"),
        ("1,25", "1"),
        ("1,2500", "1"),
        ("1250,000", "1250"),
        ("1,250,00", "1,250"),
        ("1,,250", "1"),
        ("1, 250", "1"),
        ("125,", "125"),
        ("1 2万", "1"),
        ("１２，５", "12"),
        ("12 5 户", "12"),
        ("1,250 0000", "1,250"),
    ];
    for (text, after) in table {
        let expected = ParseError::MisplacedSeparator {
            after: after.to_string(),
        };
        assert_eq!(parse_number(text), Err(expected), "{text:?}");
    }
    let (en, zh) = ParseError::MisplacedSeparator { after: "12".into() }.reason();
    assert!(en.contains("after “12”") && en.contains("12.5"), "{en}");
    assert!(zh.contains("“12”之后"), "{zh}");
}

#[test]
fn parse_number_refuses_long_text_before_reading_it() {
    let longest = "1".repeat(MAX_TEXT_CHARS);
    assert!(parse_number(&longest).is_ok());
    // The most digits the reader holds: all but one character digits, then 万 appends four zeros.
    let most_digits = format!("{}万", "９".repeat(MAX_TEXT_CHARS - 1));
    assert!(
        parse_number(&most_digits).is_ok_and(|n| n > 1e258),
        "{most_digits}"
    );
    let most_fraction = format!("0.{}万", "1".repeat(MAX_TEXT_CHARS - 3));
    assert!(
        parse_number(&most_fraction).is_ok_and(|n| (n - 1_111.111_111_111_1).abs() < 1e-9),
        "{most_fraction}"
    );
    let table: &[(String, usize)] = &[
        (format!("{longest}1"), MAX_TEXT_CHARS + 1),
        (" ".repeat(1000), 1000),
        ("户".repeat(300), 300),
        ("x".repeat(10_000_000), 10_000_000),
    ];
    for (text, chars) in table {
        assert_eq!(
            parse_number(text),
            Err(ParseError::TooLong { chars: *chars }),
            "{} chars",
            text.len()
        );
    }
}

/// Every way a value can fail to arrive names its field with its own code, in both languages.
#[test]
fn host_problems_name_their_field() {
    let table: &[(&str, Raw, &str)] = &[
        ("households", Raw::Unreadable, "unreadable"),
        ("households", Raw::TooLong { chars: 10_000_000 }, "too_long"),
        ("households", Raw::text("1".repeat(300)), "too_long"),
        ("households", Raw::text("12,5"), "not_a_number"),
        ("population", Raw::Unreadable, "unreadable"),
        ("population", Raw::text("1250 1"), "not_a_number"),
        ("jurisdiction", Raw::Unreadable, "unreadable"),
        ("jurisdiction", Raw::TooLong { chars: 300 }, "too_long"),
        ("settlement", Raw::Unreadable, "unreadable"),
        ("construction", Raw::TooLong { chars: 257 }, "too_long"),
        ("programme", Raw::Unreadable, "unreadable"),
        ("occupied_households", Raw::Unreadable, "unreadable"),
        ("planned", Raw::Unreadable, "unreadable"),
        ("planned.total_m2", Raw::Unreadable, "unreadable"),
        (
            "planned.office_m2",
            Raw::TooLong { chars: 1000 },
            "too_long",
        ),
        ("planned.activity_m2", Raw::Unreadable, "unreadable"),
    ];
    for (field, raw, code) in table {
        let mut input = RawInput {
            jurisdiction: "xam".into(),
            settlement: "city".into(),
            households: Raw::Number(1250.0),
            planned: Raw::Object,
            planned_total_m2: Raw::Number(420.0),
            ..RawInput::default()
        };
        let slot = match *field {
            "households" => &mut input.households,
            "population" => &mut input.population,
            "jurisdiction" => &mut input.jurisdiction,
            "settlement" => &mut input.settlement,
            "construction" => &mut input.construction,
            "programme" => &mut input.programme,
            "occupied_households" => &mut input.occupied_households,
            "planned" => &mut input.planned,
            "planned.total_m2" => &mut input.planned_total_m2,
            "planned.office_m2" => &mut input.planned_office_m2,
            "planned.activity_m2" => &mut input.planned_activity_m2,
            other => panic!("no field {other}"),
        };
        *slot = raw.clone();
        let errors = validate(&facility_calc::builtin(), &input)
            .err()
            .unwrap_or_default();
        let error = errors.iter().find(|e| e.field == *field);
        let error =
            error.unwrap_or_else(|| panic!("{field} = {raw:?}: no error on {field} in {errors:?}"));
        assert_eq!(error.code, *code, "{field} = {raw:?}");
        assert!(!error.message.is_empty() && !error.message_zh.is_empty());
    }
    let unreadable = facility_calc::FieldError::unreadable(Id::Households.field());
    assert!(
        unreadable
            .message
            .starts_with("Households could not be read")
    );
    assert!(unreadable.message_zh.starts_with("户数无法读取"));
}

#[test]
fn formats_numbers_for_display() {
    let table: &[(f64, &str)] = &[
        (0.0, "0"),
        (1250.0, "1,250"),
        (375.5, "375.5"),
        (56.25, "56.25"),
        (62.999999999, "63"),
        (1234567.891, "1,234,567.89"),
        (-40.0, "-40"),
        (100000.0, "100,000"),
        (0.001, "0"),
    ];
    for (value, expected) in table {
        assert_eq!(format_number(*value), *expected, "{value}");
    }
}

fn land(site: Raw, far: Raw, share: Raw, avg: Raw) -> RawLand {
    RawLand {
        site_area_m2: site,
        far,
        residential_share: share,
        avg_unit_m2: avg,
    }
}

#[test]
fn estimates_households_from_land() {
    let n = Raw::Number;
    let table: &[(RawLand, Result<u32, &str>)] = &[
        (land(n(50000.0), n(2.0), Raw::Absent, n(100.0)), Ok(1000)),
        (land(n(50000.0), n(2.0), n(1.0), n(100.0)), Ok(1000)),
        (land(n(50000.0), n(2.0), n(0.8), n(100.0)), Ok(800)),
        (land(n(33333.0), n(1.5), n(1.0), n(90.0)), Ok(555)),
        (land(n(100.0), n(0.29), n(1.0), n(29.0)), Ok(1)),
        (
            land(
                Raw::text("5万㎡"),
                Raw::text("2.5"),
                Raw::Absent,
                Raw::text("100平方米"),
            ),
            Ok(1250),
        ),
        (
            land(Raw::Absent, n(2.0), Raw::Absent, n(100.0)),
            Err("site_area_m2 missing"),
        ),
        (
            land(n(0.0), n(2.0), Raw::Absent, n(100.0)),
            Err("site_area_m2 out_of_range"),
        ),
        (
            land(n(50000.0), n(0.0), Raw::Absent, n(100.0)),
            Err("far out_of_range"),
        ),
        (
            land(n(50000.0), n(2.0), n(1.5), n(100.0)),
            Err("residential_share out_of_range"),
        ),
        (
            land(n(50000.0), n(2.0), Raw::Absent, n(0.0)),
            Err("avg_unit_m2 out_of_range"),
        ),
        (
            land(n(50000.0), Raw::text("abc"), Raw::Absent, Raw::Absent),
            Err("far not_a_number; avg_unit_m2 missing"),
        ),
        // The estimate feeds `households` (1 ..= 10,000,000): outside that, an error, never 0 or 3×10⁸.
        (
            land(n(100_000_000.0), n(30.0), Raw::Absent, n(10.0)),
            Err("site_area_m2 out_of_range"),
        ),
        (
            land(n(100_000_000.0), n(1.0), Raw::Absent, n(10.0)),
            Ok(10_000_000),
        ),
        (
            land(n(100.0), n(0.1), Raw::Absent, n(100.0)),
            Err("site_area_m2 out_of_range"),
        ),
        (land(n(1000.0), n(0.1), Raw::Absent, n(100.0)), Ok(1)),
        // Site area in 公顷 and 亩.
        (
            land(Raw::text("6公顷"), n(1.0), Raw::Absent, n(100.0)),
            Ok(600),
        ),
        (
            land(Raw::text("15亩"), n(1.0), Raw::Absent, n(100.0)),
            Ok(100),
        ),
        (
            land(Raw::text("abc公顷"), n(1.0), Raw::Absent, n(100.0)),
            Err("site_area_m2 not_a_number"),
        ),
        (
            land(
                Raw::Unreadable,
                n(1.0),
                Raw::Absent,
                Raw::TooLong { chars: 300 },
            ),
            Err("site_area_m2 unreadable; avg_unit_m2 too_long"),
        ),
    ];
    for (input, expected) in table {
        let got = estimate_households(input).map_err(|errors| {
            errors
                .iter()
                .map(|e| format!("{} {}", e.field, e.code))
                .collect::<Vec<_>>()
                .join("; ")
        });
        assert_eq!(got, expected.map_err(str::to_string), "{input:?}");
    }
}

#[test]
fn estimates_population_with_the_census_default() {
    assert_eq!(
        estimate_population(&Raw::Number(1000.0), &Raw::Absent),
        Ok(2620)
    );
    assert_eq!(
        estimate_population(&Raw::Number(1250.0), &Raw::Number(3.0)),
        Ok(3750)
    );
    assert_eq!(
        estimate_population(&Raw::Number(1250.0), &Raw::text("2.62")),
        Ok(3275)
    );
    assert!(estimate_population(&Raw::Absent, &Raw::Absent).is_err());
    assert!(estimate_population(&Raw::Number(10.0), &Raw::Number(0.0)).is_err());
}

#[test]
fn population_estimates_land_in_the_population_range() {
    let codes = |households: Raw, persons: Raw| {
        estimate_population(&households, &persons).map_err(|errors| {
            errors
                .iter()
                .map(|e| format!("{} {}", e.field, e.code))
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let n = Raw::Number;
    let table: &[(Raw, Raw, Result<u32, &str>)] = &[
        // Fractional households are a typo, not a floor.
        (n(10.7), n(2.0), Err("households not_a_whole_number")),
        (
            Raw::text("10.7"),
            Raw::Absent,
            Err("households not_a_whole_number"),
        ),
        (n(10_000_000.0), n(10.0), Ok(100_000_000)),
        (
            n(10_000_000.0),
            n(20.0),
            Err("persons_per_household out_of_range"),
        ),
        (n(10_000_001.0), n(2.0), Err("households out_of_range")),
        (n(0.0), n(2.0), Err("households out_of_range")),
        (n(1.0), n(0.1), Ok(0)),
        (Raw::Unreadable, Raw::Absent, Err("households unreadable")),
        (
            n(100.0),
            Raw::TooLong { chars: 999 },
            Err("persons_per_household too_long"),
        ),
    ];
    for (households, persons, expected) in table {
        assert_eq!(
            codes(households.clone(), persons.clone()),
            expected.map_err(str::to_string),
            "{households:?} × {persons:?}"
        );
    }
}

/// The site area takes m², 公顷 (10,000 m²) and 亩 (10000/15 m²); one rounding, as f64 allows.
#[test]
fn site_area_reads_hectares_and_mu() {
    let table: &[(&str, f64)] = &[
        ("60000", 60_000.0),
        ("6万㎡", 60_000.0),
        ("6万平方米", 60_000.0),
        ("6公顷", 60_000.0),
        ("6 公顷", 60_000.0),
        ("0.5公顷", 5_000.0),
        ("１.２公顷", 12_000.0),
        ("1亩", 10_000.0 / 15.0),
        ("15亩", 10_000.0),
        ("90 亩", 60_000.0),
        ("2.5亩", 2.5 * 10_000.0 / 15.0),
        ("1.2万亩", 12_000.0 * 10_000.0 / 15.0),
        ("1,500亩", 1_000_000.0),
    ];
    for (text, m2) in table {
        assert_eq!(read_site_area(&Raw::text(*text)), Ok(Some(*m2)), "{text}");
    }
    assert_eq!(read_site_area(&Raw::Number(6.0)), Ok(Some(6.0)));
    assert_eq!(read_site_area(&Raw::Absent), Ok(None));
    for bad in [
        "公顷",
        "亩",
        "6m²公顷",
        "6户亩",
        "-6公顷",
        "1,5亩",
        "六公顷",
    ] {
        let error = read_site_area(&Raw::text(bad)).expect_err(bad);
        assert_eq!(error.field, "site_area_m2", "{bad}");
    }
}

/// The household estimate's formula and its messages name the inputs in words (FAR, residential share),
/// never code.
#[test]
fn the_household_estimate_speaks_in_words() {
    use facility_calc::estimate::explain_households;
    let n = Raw::Number;
    let formula = explain_households(&land(n(50000.0), n(2.0), Raw::Absent, n(100.0)))
        .unwrap()
        .formula;
    assert!(formula.en.contains("× FAR 2 ×"), "{}", formula.en);
    for tiny in [
        land(n(100.0), n(0.1), n(0.1), n(1000.0)),
        land(n(100_000_000.0), n(30.0), n(1.0), n(10.0)),
    ] {
        let errors = explain_households(&tiny).unwrap_err();
        for e in errors {
            assert!(
                !e.message.contains("Id::") && !e.message.contains(".field()"),
                "{}",
                e.message
            );
            assert!(!e.message_zh.contains("Id::"), "{}", e.message_zh);
        }
    }
}
