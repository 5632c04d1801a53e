//! Land-stage estimates (SPEC §4): households from the site, population from households. UI help only —
//! the engine itself takes the numbers the user accepts.

use crate::input::{
    Field, FieldError, MAX_HOUSEHOLDS, MAX_POPULATION, Raw, read_number, whole_in_range,
};
use crate::number::format_number;

/// Written once, as text, in the registry: the form shows it, the estimate reads it with `parse_number`
/// (exactly).
pub use crate::fields::CENSUS_2020_PERSONS_PER_HOUSEHOLD;
use crate::fields::Id;

/// The land parameters as passed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawLand {
    pub site_area_m2: Raw,
    pub far: Raw,
    pub residential_share: Raw,
    pub avg_unit_m2: Raw,
}

/// Site-area units besides m² (and its spellings, which `parse_number` reads): m² per unit as a fraction
/// (numerator, denominator), so 1 亩 = 10000/15 m² is multiplied then divided, exact to f64's rounding.
const SITE_UNITS: &[(&str, f64, f64)] = &[("公顷", 10_000.0, 1.0), ("亩", 10_000.0, 15.0)];

/// Reads the site area: a number of m², or text in m², 公顷 (hectares) or 亩 ("6公顷" = 60,000 m²).
pub fn read_site_area(raw: &Raw) -> Result<Option<f64>, FieldError> {
    let field = Id::SiteAreaM2.field();
    let Raw::Text(text) = raw else {
        return read_number(raw, field);
    };
    let trimmed = text.trim();
    for &(unit, numerator, denominator) in SITE_UNITS {
        if let Some(amount) = trimmed.strip_suffix(unit) {
            // The amount must end in a digit (or 万, or a point): "6m²公顷" and "公顷" are no area.
            let amount = amount.trim_end();
            let last_is_digit = matches!(
                amount.chars().next_back(),
                Some('0'..='9' | '０'..='９' | '万' | '.' | '．')
            );
            if !last_is_digit {
                return Err(FieldError::new(
                    field,
                    crate::input::ErrorCode::NotANumber,
                    format!(
                        "Site area \"{}\" needs a number before {unit}, like 6{unit}",
                        shorten(trimmed)
                    ),
                    format!(
                        "用地面积“{}”的{unit}前须是数字，例如 6{unit}",
                        shorten(trimmed)
                    ),
                ));
            }
            return read_number(&Raw::Text(amount.to_string()), field)
                .map(|m| m.map(|m| m * numerator / denominator));
        }
    }
    read_number(raw, field)
}

fn shorten(text: &str) -> String {
    text.chars().take(40).collect()
}

/// A number in `(min, max]` (`min_inclusive` lets zero through), from a field already read.
fn bounded(
    read: Result<Option<f64>, FieldError>,
    field: Field,
    min: f64,
    min_inclusive: bool,
    max: f64,
    default: Option<f64>,
    problems: &mut Vec<FieldError>,
) -> Option<f64> {
    let value = match read {
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
    problems.push(FieldError::new(
        field,
        crate::input::ErrorCode::OutOfRange,
        en,
        zh,
    ));
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

/// The site area, FAR and residential share, each read and bounded (problems pushed): what both the
/// households estimate and the residential floor area are made from. Bounds generous enough for any real
/// site, tight enough that the households estimate fits its field's range.
fn floor_area_parts(
    land: &RawLand,
    problems: &mut Vec<FieldError>,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    let site = bounded(
        read_site_area(&land.site_area_m2),
        Id::SiteAreaM2.field(),
        0.0,
        false,
        100_000_000.0,
        None,
        problems,
    );
    let far = bounded(
        read_number(&land.far, Id::Far.field()),
        Id::Far.field(),
        0.0,
        false,
        30.0,
        None,
        problems,
    );
    let share = bounded(
        read_number(&land.residential_share, Id::ResidentialShare.field()),
        Id::ResidentialShare.field(),
        0.0,
        false,
        1.0,
        Some(1.0),
        problems,
    );
    (site, far, share)
}

/// The residential floor area the land stage implies, `site_area_m2 × far × residential_share` m², with its
/// formula; `None` until those three are given and valid (their problems are the household estimate's).
pub fn residential_floor_area(land: &RawLand) -> Option<(f64, Text2)> {
    let mut problems = Vec::new();
    let (site, far, share) = floor_area_parts(land, &mut problems);
    let (site, far, share) = (site?, far?, share?);
    let area = site * far * share;
    if !problems.is_empty() || !area.is_finite() || area > crate::input::MAX_FLOOR_AREA_M2 {
        return None;
    }
    let (site, far, share, n) = (
        format_number(site),
        format_number(far),
        format_number(share),
        format_number(area),
    );
    Some((
        area,
        Text2 {
            zh: format!("{site} m² × 容积率 {far} × 住宅占比 {share} = {n} m²（估算）"),
            en: format!("{site} m² × FAR {far} × residential share {share} = {n} m² (estimated)"),
        },
    ))
}

/// `floor(site_area_m2 × far × residential_share / avg_unit_m2)`, or every problem with the parameters.
pub fn estimate_households(land: &RawLand) -> Result<u32, Vec<FieldError>> {
    explain_households(land).map(|e| e.value)
}

/// The household estimate with its formula.
pub fn explain_households(land: &RawLand) -> Result<Estimate, Vec<FieldError>> {
    let mut problems = Vec::new();
    let (site, far, share) = floor_area_parts(land, &mut problems);
    let avg = bounded(
        read_number(&land.avg_unit_m2, Id::AvgUnitM2.field()),
        Id::AvgUnitM2.field(),
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
            let households = (exact * (1.0 + 1e-12)).floor();
            // The estimate feeds `households`: it must land in that field's range, or it is no help.
            if !(1.0..=f64::from(MAX_HOUSEHOLDS)).contains(&households) {
                return Err(vec![land_out_of_range(exact, site, far, share, avg)]);
            }
            let value = households as u32;
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

/// The land parameters give an estimate no community has: named on the site area, the first of them.
fn land_out_of_range(exact: f64, site: f64, far: f64, share: f64, avg: f64) -> FieldError {
    let (site, far, share, avg) = (
        format_number(site),
        format_number(far),
        format_number(share),
        format_number(avg),
    );
    let max = format_number(f64::from(MAX_HOUSEHOLDS));
    let (en, zh) = if exact < 1.0 {
        (
            format!(
                "Site area {site} m² × FAR {far} × residential share {share} ÷ {avg} m² per household gives less than one household: check the site area, the FAR, the residential share and the average dwelling size"
            ),
            format!(
                "用地面积 {site} m² × 容积率 {far} × 住宅占比 {share} ÷ 套均 {avg} m² 不足 1 户：请检查用地面积、容积率、住宅建筑面积占比和套均建筑面积"
            ),
        )
    } else {
        (
            format!(
                "Site area {site} m² × FAR {far} × residential share {share} ÷ {avg} m² per household gives more than {max} households: check the site area, the FAR, the residential share and the average dwelling size"
            ),
            format!(
                "用地面积 {site} m² × 容积率 {far} × 住宅占比 {share} ÷ 套均 {avg} m² 超过 {max} 户：请检查用地面积、容积率、住宅建筑面积占比和套均建筑面积"
            ),
        )
    };
    FieldError::new(
        Id::SiteAreaM2.field(),
        crate::input::ErrorCode::OutOfRange,
        en,
        zh,
    )
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
    let mut problems = Vec::new();
    let households_field = Id::Households.field();
    // Households are whole: 10.7 households is a typo, not 10.
    let hh = match read_number(households, households_field).and_then(|v| {
        v.map(|v| whole_in_range(v, 1, MAX_HOUSEHOLDS, households_field))
            .transpose()
    }) {
        Ok(Some(hh)) => Some(f64::from(hh)),
        Ok(None) => {
            problems.push(FieldError::missing(households_field, false));
            None
        }
        Err(e) => {
            problems.push(e);
            None
        }
    };
    let persons = bounded(
        read_number(persons_per_household, Id::PersonsPerHousehold.field()),
        Id::PersonsPerHousehold.field(),
        0.0,
        false,
        20.0,
        crate::number::parse_number(CENSUS_2020_PERSONS_PER_HOUSEHOLD).ok(),
        &mut problems,
    );
    match (hh, persons) {
        (Some(hh), Some(persons)) if problems.is_empty() => {
            let people = (hh * persons).round();
            // The estimate feeds `population`: it must land in that field's range.
            if people > f64::from(MAX_POPULATION) {
                let (h, p, max) = (
                    format_number(hh),
                    format_number(persons),
                    format_number(f64::from(MAX_POPULATION)),
                );
                return Err(vec![FieldError::new(
                    Id::PersonsPerHousehold.field(),
                    crate::input::ErrorCode::OutOfRange,
                    format!(
                        "{h} households × {p} persons gives more than {max} people: check the households and the persons per household"
                    ),
                    format!("{h} 户 × {p} 人/户 超过 {max} 人：请检查户数和户均人口"),
                )]);
            }
            let value = people as u32;
            let (h, p, n) = (
                format_number(hh),
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
