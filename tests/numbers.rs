//! parse_number, the land estimates and number formatting, one row per case.
use facility_calc::Raw;
use facility_calc::estimate::{RawLand, estimate_households, estimate_population};
use facility_calc::number::{ParseError, format_number, parse_number};

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
    ];
    for (text, expected) in table {
        assert_eq!(parse_number(text), Err(*expected), "{text:?}");
    }
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
