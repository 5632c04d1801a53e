//! Land-stage estimates (SPEC §4): households from the site, population from households. UI help only —
//! the engine itself takes the numbers the user accepts.

use crate::input::{Field, FieldError, Raw, read_number};
use crate::number::format_number;

/// 2020 national census: average persons per household (第七次全国人口普查).
pub const CENSUS_2020_PERSONS_PER_HOUSEHOLD: f64 = 2.62;

pub mod fields {
    use crate::input::{Field, field};
    pub const SITE_AREA: Field = field(
        "site_area_m2",
        "用地面积",
        "Site area",
        "the site area in m²",
        "50000",
    );
    pub const FAR: Field = field(
        "far",
        "容积率",
        "Floor area ratio (FAR)",
        "the floor area ratio",
        "2.0",
    );
    pub const RESIDENTIAL_SHARE: Field = field(
        "residential_share",
        "住宅建筑面积占比",
        "Residential share",
        "the residential share",
        "1",
    );
    pub const AVG_UNIT: Field = field(
        "avg_unit_m2",
        "套均建筑面积",
        "Average dwelling size",
        "the average dwelling size in m²",
        "100",
    );
    pub const PERSONS: Field = field(
        "persons_per_household",
        "户均人口",
        "Persons per household",
        "the persons per household",
        "2.62",
    );
}

/// The land parameters as passed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawLand {
    pub site_area_m2: Raw,
    pub far: Raw,
    pub residential_share: Raw,
    pub avg_unit_m2: Raw,
}

/// A number in `(min, max]` (`min_inclusive` lets zero through).
fn bounded(
    raw: &Raw,
    field: Field,
    min: f64,
    min_inclusive: bool,
    max: f64,
    default: Option<f64>,
    problems: &mut Vec<FieldError>,
) -> Option<f64> {
    let value = match read_number(raw, field) {
        Ok(Some(v)) => v,
        Ok(None) => match default {
            Some(d) => return Some(d),
            None => {
                problems.push(FieldError::missing(field, false));
                return None;
            }
        },
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    let above_min = if min_inclusive {
        value >= min
    } else {
        value > min
    };
    if above_min && value <= max {
        return Some(value);
    }
    let (lo, hi) = (format_number(min), format_number(max));
    let (en, zh) = if min_inclusive {
        (
            format!("{} must be from {lo} to {hi}", field.label.en),
            format!("{}必须在 {lo} 至 {hi} 之间", field.label.zh),
        )
    } else {
        (
            format!("{} must be more than {lo} and at most {hi}", field.label.en),
            format!("{}必须大于 {lo} 且不超过 {hi}", field.label.zh),
        )
    };
    problems.push(FieldError::new(field, "out_of_range", en, zh));
    None
}

/// An estimate with the formula that produced it, numbers filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub value: u32,
    pub formula: Text2,
}

/// Owned text in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Text2 {
    pub zh: String,
    pub en: String,
}

/// `floor(site_area_m2 × far × residential_share / avg_unit_m2)`, or every problem with the parameters.
pub fn estimate_households(land: &RawLand) -> Result<u32, Vec<FieldError>> {
    explain_households(land).map(|e| e.value)
}

/// The household estimate with its formula.
pub fn explain_households(land: &RawLand) -> Result<Estimate, Vec<FieldError>> {
    use fields::*;
    let mut problems = Vec::new();
    // Bounds generous enough for any real site, tight enough that the result fits the households range.
    let site = bounded(
        &land.site_area_m2,
        SITE_AREA,
        0.0,
        false,
        100_000_000.0,
        None,
        &mut problems,
    );
    let far = bounded(&land.far, FAR, 0.0, false, 30.0, None, &mut problems);
    let share = bounded(
        &land.residential_share,
        RESIDENTIAL_SHARE,
        0.0,
        false,
        1.0,
        Some(1.0),
        &mut problems,
    );
    let avg = bounded(
        &land.avg_unit_m2,
        AVG_UNIT,
        10.0,
        true,
        10_000.0,
        None,
        &mut problems,
    );
    match (site, far, share, avg) {
        (Some(site), Some(far), Some(share), Some(avg)) if problems.is_empty() => {
            let exact = site * far * share / avg;
            // A product like 0.29 × 100 lands a hair under the whole number it means; don't lose a household to it.
            let value = (exact * (1.0 + 1e-12)).floor().min(f64::from(u32::MAX)) as u32;
            let (site, far, share, avg, n) = (
                format_number(site),
                format_number(far),
                format_number(share),
                format_number(avg),
                format_number(f64::from(value)),
            );
            Ok(Estimate {
                value,
                formula: Text2 {
                    zh: format!(
                        "⌊{site} m² × 容积率 {far} × 住宅占比 {share} ÷ {avg} m²/户⌋ ≈ {n} 户"
                    ),
                    en: format!(
                        "⌊{site} m² × FAR {far} × residential share {share} ÷ {avg} m² per household⌋ ≈ {n} households"
                    ),
                },
            })
        }
        _ => Err(problems),
    }
}

/// `round(households × persons_per_household)`, persons per household in (0, 20].
pub fn estimate_population(
    households: &Raw,
    persons_per_household: &Raw,
) -> Result<u32, Vec<FieldError>> {
    explain_population(households, persons_per_household).map(|e| e.value)
}

/// The population estimate with its formula.
pub fn explain_population(
    households: &Raw,
    persons_per_household: &Raw,
) -> Result<Estimate, Vec<FieldError>> {
    use fields::*;
    let mut problems = Vec::new();
    let hh = bounded(
        households,
        crate::input::fields::HOUSEHOLDS,
        1.0,
        true,
        10_000_000.0,
        None,
        &mut problems,
    );
    let persons = bounded(
        persons_per_household,
        PERSONS,
        0.0,
        false,
        20.0,
        Some(CENSUS_2020_PERSONS_PER_HOUSEHOLD),
        &mut problems,
    );
    match (hh, persons) {
        (Some(hh), Some(persons)) if problems.is_empty() => {
            let value = (hh.floor() * persons).round() as u32;
            let (h, p, n) = (
                format_number(hh.floor()),
                format_number(persons),
                format_number(f64::from(value)),
            );
            Ok(Estimate {
                value,
                formula: Text2 {
                    zh: format!("{h} 户 × {p} 人/户 ≈ {n} 人"),
                    en: format!("{h} households × {p} persons ≈ {n} people"),
                },
            })
        }
        _ => Err(problems),
    }
}
