//! Inputs (SPEC §4) and their validation (SPEC §7). Values arrive as [`Raw`] — whatever a host page or a
//! form passed — and leave as a typed [`Input`] or as every problem found, each naming its field.

use crate::number::{MAX_TEXT_CHARS, ParseError, format_number, parse_number};
use crate::rules::{Construction, Ruleset};
use crate::text::Text;
use crate::value::HostValue;
use serde::Serialize;

/// A value as a host passed it, before validation. `null` and `undefined` are both `Absent`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Raw {
    #[default]
    Absent,
    Number(f64),
    Text(String),
    Bool(bool),
    Object,
    /// Anything else: an array, a function, a symbol, a BigInt.
    Other,
    /// Reading it threw (a getter, a revoked Proxy, a trap); the exception was caught and released.
    Unreadable,
    /// Text longer than any field takes, never copied in; `chars` is its length.
    TooLong {
        chars: usize,
    },
    /// An object or array past the boundary's limits, never copied in.
    TooLarge,
}

impl Raw {
    pub fn text(s: impl Into<String>) -> Raw {
        Raw::Text(s.into())
    }

    /// A host value as a field sees it (an object's members are read separately).
    pub fn from_host(value: &HostValue) -> Raw {
        match value {
            HostValue::Absent => Raw::Absent,
            HostValue::Bool(b) => Raw::Bool(*b),
            HostValue::Number(n) => Raw::Number(*n),
            HostValue::Text(s) => Raw::Text(s.clone()),
            HostValue::Object(_) => Raw::Object,
            HostValue::Array(_) | HostValue::Other(_) => Raw::Other,
            HostValue::TooLong { chars } => Raw::TooLong { chars: *chars },
            HostValue::Unreadable => Raw::Unreadable,
            HostValue::TooLarge(_) => Raw::TooLarge,
        }
    }
}

impl From<f64> for Raw {
    fn from(n: f64) -> Raw {
        Raw::Number(n)
    }
}

impl From<&str> for Raw {
    fn from(s: &str) -> Raw {
        Raw::Text(s.to_string())
    }
}

/// The input fields of SPEC §4, as passed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawInput {
    pub jurisdiction: Raw,
    pub settlement: Raw,
    pub construction: Raw,
    pub programme: Raw,
    pub households: Raw,
    pub population: Raw,
    pub occupied_households: Raw,
    pub residential_floor_area_m2: Raw,
    /// `Object` when a `planned` object was passed; its members are below.
    pub planned: Raw,
    pub planned_total_m2: Raw,
    pub planned_office_m2: Raw,
    pub planned_activity_m2: Raw,
}

impl RawInput {
    /// The inputs of one host object (`evaluate`'s argument, `mount`'s options): the API and the widget
    /// read inputs the same way. Anything but an object gives no inputs; the caller says why.
    pub fn from_host(input: &HostValue) -> RawInput {
        let planned = input.get(Id::Planned.id());
        let mut raw = RawInput {
            planned: Raw::from_host(planned),
            ..RawInput::default()
        };
        for id in RawInput::FIELDS {
            // `planned.total_m2` is the member `total_m2` of `planned`.
            let value = match id.planned_member() {
                Some(member) => planned.get(member),
                None => input.get(id.id()),
            };
            if let Some(slot) = raw.slot(id) {
                *slot = Raw::from_host(value);
            }
        }
        raw
    }

    /// The registry's fields an input holds (SPEC §4), in form order.
    pub const FIELDS: [Id; 11] = [
        Id::Jurisdiction,
        Id::Settlement,
        Id::Construction,
        Id::Programme,
        Id::Households,
        Id::Population,
        Id::OccupiedHouseholds,
        Id::ResidentialFloorAreaM2,
        Id::TotalM2,
        Id::OfficeM2,
        Id::ActivityM2,
    ];

    /// Where a field's value goes (`None` for a field that is not an engine input: the sheet's name, the
    /// land stage, the report).
    pub fn slot(&mut self, id: Id) -> Option<&mut Raw> {
        Some(match id {
            Id::Jurisdiction => &mut self.jurisdiction,
            Id::Settlement => &mut self.settlement,
            Id::Construction => &mut self.construction,
            Id::Programme => &mut self.programme,
            Id::Households => &mut self.households,
            Id::Population => &mut self.population,
            Id::OccupiedHouseholds => &mut self.occupied_households,
            Id::ResidentialFloorAreaM2 => &mut self.residential_floor_area_m2,
            Id::TotalM2 => &mut self.planned_total_m2,
            Id::OfficeM2 => &mut self.planned_office_m2,
            Id::ActivityM2 => &mut self.planned_activity_m2,
            _ => return None,
        })
    }
}

/// The planned design, in m² (also echoed as `planned` in `evaluate`'s output).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Planned {
    pub total_m2: Option<f64>,
    pub office_m2: Option<f64>,
    pub activity_m2: Option<f64>,
}

/// What a community *is*: its type, size and planned design. Indices are into one ruleset's lists, so the
/// same community can be judged under each of that ruleset's jurisdictions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Community {
    /// Index into `Ruleset::settlements`.
    pub settlement: usize,
    pub construction: Construction,
    pub households: u32,
    pub population: Option<u32>,
    pub occupied_households: Option<u32>,
    /// 住宅建筑面积 in m², for standards that step by it.
    pub residential_floor_area_m2: Option<f64>,
    pub planned: Planned,
}

/// What a community is judged under: a jurisdiction and a programme of one ruleset (indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Regime {
    pub jurisdiction: usize,
    pub programme: usize,
}

/// Validated inputs. Their indices point into the ruleset that validated them, and only that ruleset
/// takes them: the engine gives no figures (and never panics) for an `Input` of another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Input {
    pub community: Community,
    pub regime: Regime,
    made_under: u64,
}

impl Input {
    /// Whether `set` is the ruleset this input was validated under (by its digest), and its indices are in
    /// range there.
    pub fn is_for(&self, set: &Ruleset) -> bool {
        self.made_under == set.mark
            && self.regime.jurisdiction < set.jurisdictions.len()
            && self.regime.programme < set.programmes.len()
            && self.community.settlement < set.settlements.len()
    }
}

pub const MAX_HOUSEHOLDS: u32 = 10_000_000;
pub const MAX_POPULATION: u32 = 100_000_000;
pub const MAX_AREA_M2: f64 = 1_000_000.0;
/// A development's residential floor area: larger than any facility, as large as a tier may step by.
pub const MAX_FLOOR_AREA_M2: f64 = crate::rules::kinds::MAX_TIER_BOUND;
/// Rounding allowed in every comparison of areas (SPEC §6).
pub const TOLERANCE_M2: f64 = 1e-6;

pub use crate::fields::Field;
use crate::fields::Id;

/// What is wrong with a field (SPEC §7's `code`), serialized as its snake_case name (`not_a_number`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    Missing,
    NotANumber,
    NotAWholeNumber,
    OutOfRange,
    TooLong,
    /// An object or array with more members, text or nesting than any input has: refused unread.
    TooLarge,
    Unreadable,
    UnknownValue,
    NotAnObject,
    NotAvailable,
    NeedsTotal,
    ExceedsTotal,
    /// `parse_number`'s own reasons (SPEC §7): why a text is not a number.
    Empty,
    Letters,
    TwoDecimalPoints,
    Negative,
    MisplacedSeparator,
    InvalidCharacter,
    /// Options of the widget and the page.
    UnknownOption,
    BadRules,
    UnknownRules,
    NotAPackId,
    /// The batch page's column choices.
    NotAMapping,
}

impl ErrorCode {
    /// Its name in the JSON (`not_a_number`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Missing => "missing",
            ErrorCode::NotANumber => "not_a_number",
            ErrorCode::NotAWholeNumber => "not_a_whole_number",
            ErrorCode::OutOfRange => "out_of_range",
            ErrorCode::TooLong => "too_long",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::Unreadable => "unreadable",
            ErrorCode::UnknownValue => "unknown_value",
            ErrorCode::NotAnObject => "not_an_object",
            ErrorCode::NotAvailable => "not_available",
            ErrorCode::NeedsTotal => "needs_total",
            ErrorCode::ExceedsTotal => "exceeds_total",
            ErrorCode::Empty => "empty",
            ErrorCode::Letters => "letters",
            ErrorCode::TwoDecimalPoints => "two_decimal_points",
            ErrorCode::Negative => "negative",
            ErrorCode::MisplacedSeparator => "misplaced_separator",
            ErrorCode::InvalidCharacter => "invalid_character",
            ErrorCode::UnknownOption => "unknown_option",
            ErrorCode::BadRules => "bad_rules",
            ErrorCode::UnknownRules => "unknown_rules",
            ErrorCode::NotAPackId => "not_a_pack_id",
            ErrorCode::NotAMapping => "not_a_mapping",
        }
    }

    /// `parse_number`'s code for why a text is not a number.
    pub fn of_parse(why: ParseError) -> ErrorCode {
        match why {
            ParseError::Empty => ErrorCode::Empty,
            ParseError::Letters => ErrorCode::Letters,
            ParseError::TwoDecimalPoints => ErrorCode::TwoDecimalPoints,
            ParseError::Negative => ErrorCode::Negative,
            ParseError::MisplacedSeparator { .. } => ErrorCode::MisplacedSeparator,
            ParseError::TooLong { .. } => ErrorCode::TooLong,
            ParseError::Invalid => ErrorCode::InvalidCharacter,
        }
    }
}

/// As [`ErrorCode::as_str`] names it: the one list of the codes' names.
impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compared with its JSON name, as a caller holding JSON compares it.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, name: &&str) -> bool {
        self.as_str() == *name
    }
}

/// One problem with one field (SPEC §7).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    /// Serialized as the field's API id (`planned.total_m2`), as SPEC §7 gives it.
    pub field: Id,
    pub code: ErrorCode,
    pub message: String,
    pub message_zh: String,
}

impl FieldError {
    pub fn new(field: Field, code: ErrorCode, message: String, message_zh: String) -> FieldError {
        FieldError {
            field: field.key,
            code,
            message,
            message_zh,
        }
    }

    pub fn missing(field: Field, is_choice: bool) -> FieldError {
        let (en, zh) = if is_choice {
            (
                format!("Select {}", field.noun_en),
                format!("请选择{}", field.label.zh),
            )
        } else {
            (
                format!("Enter {}, like {}", field.noun_en, field.example),
                format!("请输入{}，例如 {}", field.label.zh, field.example),
            )
        };
        FieldError::new(field, ErrorCode::Missing, en, zh)
    }

    fn not_a_number(field: Field, why: ParseError) -> FieldError {
        let (en, zh) = why.reason();
        let code = match why {
            ParseError::Negative => ErrorCode::OutOfRange,
            ParseError::TooLong { .. } => ErrorCode::TooLong,
            _ => ErrorCode::NotANumber,
        };
        FieldError::new(
            field,
            code,
            format!("{} {en}", field.label.en),
            format!("{}{zh}", field.label.zh),
        )
    }

    /// Reading the value threw in the host page (a getter, a revoked Proxy, a trap).
    pub fn unreadable(field: Field) -> FieldError {
        FieldError::new(
            field,
            ErrorCode::Unreadable,
            format!(
                "{} could not be read: the page passed a value that fails when read (a getter or Proxy that throws). Pass plain data, like {}",
                field.label.en, field.example
            ),
            format!(
                "{}无法读取：页面传入的值在读取时出错（抛出异常的 getter 或 Proxy）。请传入普通数据，例如 {}",
                field.label.zh, field.example
            ),
        )
    }

    /// Text longer than any field takes ([`MAX_TEXT_CHARS`]), refused before it was copied.
    pub fn too_long(field: Field, chars: usize) -> FieldError {
        let n = format_number(chars as f64);
        FieldError::new(
            field,
            ErrorCode::TooLong,
            format!(
                "{} is too long ({n} characters): type at most {MAX_TEXT_CHARS}, like {}",
                field.label.en, field.example
            ),
            format!(
                "{}过长（{n} 个字符）：最多 {MAX_TEXT_CHARS} 个字符，例如 {}",
                field.label.zh, field.example
            ),
        )
    }

    /// An object far larger than any input (more members, text or nesting than the boundary copies).
    pub fn too_large(field: Field) -> FieldError {
        FieldError::new(
            field,
            ErrorCode::TooLarge,
            format!(
                "{} holds far more than any input has (too many keys, too much text or too deep): it was not read",
                field.label.en
            ),
            format!(
                "{}远大于任何输入（键过多、文字过长或嵌套过深），未予读取",
                field.label.zh
            ),
        )
    }

    /// The problem with a value that could not be taken from the host at all, if that is what it is.
    pub fn from_host_problem(raw: &Raw, field: Field) -> Option<FieldError> {
        match raw {
            Raw::Unreadable => Some(FieldError::unreadable(field)),
            Raw::TooLong { chars } => Some(FieldError::too_long(field, *chars)),
            Raw::TooLarge => Some(FieldError::too_large(field)),
            _ => None,
        }
    }

    fn not_whole(field: Field) -> FieldError {
        FieldError::new(
            field,
            ErrorCode::NotAWholeNumber,
            format!(
                "{} must be a whole number, like {}",
                field.label.en, field.example
            ),
            format!("{}必须是整数，例如 {}", field.label.zh, field.example),
        )
    }

    fn out_of_range(field: Field, min: f64, max: f64, unit: Text) -> FieldError {
        let (min, max) = (format_number(min), format_number(max));
        FieldError::new(
            field,
            ErrorCode::OutOfRange,
            format!("{} must be from {min} to {max}{}", field.label.en, unit.en),
            format!("{}必须在 {min} 至 {max}{} 之间", field.label.zh, unit.zh),
        )
    }
}

const NO_UNIT: Text = Text { zh: "", en: "" };
const M2: Text = Text {
    zh: " m²",
    en: " m²",
};

/// Reads a number that may be absent. Text goes through [`parse_number`]; blank text counts as absent.
pub fn read_number(raw: &Raw, field: Field) -> Result<Option<f64>, FieldError> {
    if let Some(problem) = FieldError::from_host_problem(raw, field) {
        return Err(problem);
    }
    match raw {
        Raw::Absent => Ok(None),
        Raw::Number(n) if n.is_nan() => Err(FieldError::not_a_number(field, ParseError::Invalid)),
        Raw::Number(n) => Ok(Some(*n)),
        Raw::Text(s) => match parse_number(s) {
            Ok(n) => Ok(Some(n)),
            Err(ParseError::Empty) if s.trim().is_empty() => Ok(None),
            Err(why) => Err(FieldError::not_a_number(field, why)),
        },
        Raw::Bool(_)
        | Raw::Object
        | Raw::Other
        | Raw::Unreadable
        | Raw::TooLong { .. }
        | Raw::TooLarge => Err(FieldError::not_a_number(field, ParseError::Invalid)),
    }
}

/// A whole number in `min ..= max`.
pub fn whole_in_range(value: f64, min: u32, max: u32, field: Field) -> Result<u32, FieldError> {
    if value.is_finite() && value.fract() != 0.0 {
        return Err(FieldError::not_whole(field));
    }
    if !(value >= f64::from(min) && value <= f64::from(max)) {
        return Err(FieldError::out_of_range(
            field,
            f64::from(min),
            f64::from(max),
            NO_UNIT,
        ));
    }
    Ok(value as u32)
}

/// An area in `0 ..= MAX_AREA_M2`.
fn area_in_range(value: f64, field: Field) -> Result<f64, FieldError> {
    if (0.0..=MAX_AREA_M2).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::out_of_range(field, 0.0, MAX_AREA_M2, M2))
    }
}

/// Reads one of `options` (ids); blank text counts as absent.
/// `options` lists the ids for the message, and is only called when the value is not one of them.
pub fn read_choice<'a, T, I: IntoIterator<Item = &'a str>>(
    raw: &Raw,
    field: Field,
    options: impl FnOnce() -> I,
    from_id: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, FieldError> {
    if let Some(problem) = FieldError::from_host_problem(raw, field) {
        return Err(problem);
    }
    let owned;
    let text = match raw {
        Raw::Absent => return Ok(None),
        Raw::Text(s) if s.trim().is_empty() => return Ok(None),
        Raw::Text(s) => s.trim(),
        Raw::Number(n) => {
            owned = format_number(*n);
            &owned
        }
        Raw::Bool(true) => "true",
        Raw::Bool(false) => "false",
        Raw::Object | Raw::Other | Raw::Unreadable | Raw::TooLong { .. } | Raw::TooLarge => "…",
    };
    from_id(text).map(Some).ok_or_else(|| {
        let shown: String = text.chars().take(40).collect();
        let options = options().into_iter().collect::<Vec<_>>().join(", ");
        FieldError::new(
            field,
            ErrorCode::UnknownValue,
            format!(
                "{} \"{shown}\" is not one we know: choose one of {options}",
                field.label.en
            ),
            format!("{}“{shown}”无法识别：请选择 {options} 之一", field.label.zh),
        )
    })
}

/// Problems found so far; `keep` turns a checked value into an option and records its problem.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn keep<T>(&mut self, result: Result<Option<T>, FieldError>) -> Option<T> {
        result.unwrap_or_else(|e| {
            self.0.push(e);
            None
        })
    }

    /// Like `keep`, for a field that must be given.
    fn require<T>(
        &mut self,
        result: Result<Option<T>, FieldError>,
        field: Field,
        is_choice: bool,
    ) -> Option<T> {
        self.keep(result.and_then(|v| {
            v.map(Some)
                .ok_or_else(|| FieldError::missing(field, is_choice))
        }))
    }
}

/// Validates everything at once against a ruleset: either the typed input or every problem, in field order.
pub fn validate(set: &Ruleset, raw: &RawInput) -> Result<Input, Vec<FieldError>> {
    let mut problems = Problems::default();

    let jurisdiction = problems.require(
        read_choice(
            &raw.jurisdiction,
            Id::Jurisdiction.field(),
            || set.jurisdictions.iter().map(|j| j.id.as_str()),
            |id| set.jurisdiction_index(id),
        ),
        Id::Jurisdiction.field(),
        true,
    );
    let settlement = problems.require(
        read_choice(
            &raw.settlement,
            Id::Settlement.field(),
            || set.settlements.iter().map(|s| s.id.as_str()),
            |id| set.settlement_index(id),
        ),
        Id::Settlement.field(),
        true,
    );
    let construction = problems
        .keep(read_choice(
            &raw.construction,
            Id::Construction.field(),
            || Construction::ALL.map(Construction::id),
            Construction::from_id,
        ))
        .unwrap_or(Construction::Existing);
    let programme = problems.keep(read_choice(
        &raw.programme,
        Id::Programme.field(),
        || set.programmes.iter().map(|p| p.id.as_str()),
        |id| set.programme_index(id),
    ));
    let programme = match (jurisdiction, programme) {
        (Some(j), Some(p)) if !set.jurisdictions[j].programmes.has(p) => {
            problems.0.push(programme_not_offered(set, j, p));
            None
        }
        (_, p) => Some(p.unwrap_or(set.default_programme)),
    };

    let households = problems.require(
        read_number(&raw.households, Id::Households.field()).and_then(|v| {
            v.map(|v| whole_in_range(v, 1, MAX_HOUSEHOLDS, Id::Households.field()))
                .transpose()
        }),
        Id::Households.field(),
        false,
    );
    let population = problems.keep(
        read_number(&raw.population, Id::Population.field()).and_then(|v| {
            v.map(|v| whole_in_range(v, 0, MAX_POPULATION, Id::Population.field()))
                .transpose()
        }),
    );
    let occupied_households = problems.keep(
        read_number(&raw.occupied_households, Id::OccupiedHouseholds.field())
            .and_then(|v| {
                v.map(|v| whole_in_range(v, 0, MAX_HOUSEHOLDS, Id::OccupiedHouseholds.field()))
                    .transpose()
            })
            .and_then(|occupied| match (occupied, households) {
                (Some(occupied), Some(hh)) if occupied > hh => Err(occupied_exceeds_households(hh)),
                _ => Ok(occupied),
            }),
    );
    let residential_floor_area_m2 = problems.keep(
        read_number(
            &raw.residential_floor_area_m2,
            Id::ResidentialFloorAreaM2.field(),
        )
        .and_then(|v| {
            v.map(|v| {
                let field = Id::ResidentialFloorAreaM2.field();
                if (0.0..=MAX_FLOOR_AREA_M2).contains(&v) {
                    Ok(v)
                } else {
                    Err(FieldError::out_of_range(field, 0.0, MAX_FLOOR_AREA_M2, M2))
                }
            })
            .transpose()
        }),
    );
    let planned = validate_planned(raw, &mut problems.0);

    match (jurisdiction, settlement, programme, households) {
        (Some(jurisdiction), Some(settlement), Some(programme), Some(households))
            if problems.0.is_empty() =>
        {
            Ok(Input {
                community: Community {
                    settlement,
                    construction,
                    households,
                    population,
                    occupied_households,
                    residential_floor_area_m2,
                    planned,
                },
                regime: Regime {
                    jurisdiction,
                    programme,
                },
                made_under: set.mark,
            })
        }
        _ => Err(problems.0),
    }
}

fn programme_not_offered(set: &Ruleset, j: usize, p: usize) -> FieldError {
    // Named as the page shows them, never by id (the error summary and the batch sheet quote it).
    let offered = || set.jurisdictions.iter().filter(|o| o.programmes.has(p));
    let names_en: Vec<&str> = offered().map(|o| &*o.name.en).collect();
    let names_zh: Vec<&str> = offered().map(|o| &*o.name.zh).collect();
    let (programme, jurisdiction) = (&set.programmes[p], &set.jurisdictions[j]);
    let default = &set.programmes[set.default_programme];
    FieldError::new(
        Id::Programme.field(),
        ErrorCode::NotAvailable,
        format!(
            "The programme \"{}\" exists only in {}: choose \"{}\" for {}",
            programme.name.en,
            names_en.join(", "),
            default.name.en,
            jurisdiction.name.en
        ),
        format!(
            "专项计划“{}”仅适用于{}：{}请选择“{}”",
            programme.name.zh,
            names_zh.join("、"),
            jurisdiction.name.zh,
            default.name.zh
        ),
    )
}

fn occupied_exceeds_households(households: u32) -> FieldError {
    let hh = format_number(f64::from(households));
    FieldError::new(
        Id::OccupiedHouseholds.field(),
        ErrorCode::OutOfRange,
        format!("Households moved in cannot be more than the households ({hh})"),
        format!("已入住户数不能大于户数（{hh}）"),
    )
}

/// The planned design: its parts need a total and must fit inside it. Problems go into `errors`.
fn validate_planned(raw: &RawInput, errors: &mut Vec<FieldError>) -> Planned {
    if let Some(problem) = FieldError::from_host_problem(&raw.planned, Id::Planned.field()) {
        errors.push(problem);
        return Planned::default();
    }
    if !matches!(raw.planned, Raw::Absent | Raw::Object) {
        errors.push(FieldError::new(
            Id::Planned.field(),
            ErrorCode::NotAnObject,
            "Planned design must be an object like { total_m2: 420, office_m2: 60 }".to_string(),
            "规划设计必须是对象，例如 { total_m2: 420, office_m2: 60 }".to_string(),
        ));
        return Planned::default();
    }
    let mut area = |raw: &Raw, field: Field| {
        read_number(raw, field)
            .and_then(|v| v.map(|v| area_in_range(v, field)).transpose())
            .unwrap_or_else(|e| {
                errors.push(e);
                None
            })
    };
    let total = area(&raw.planned_total_m2, Id::TotalM2.field());
    let office = area(&raw.planned_office_m2, Id::OfficeM2.field());
    let activity = area(&raw.planned_activity_m2, Id::ActivityM2.field());
    // A part typed without a total is only a problem when the total is truly absent, not when it is wrong.
    let total_given = !matches!(&raw.planned_total_m2, Raw::Absent)
        && !matches!(&raw.planned_total_m2, Raw::Text(s) if s.trim().is_empty());

    let needs_total = |field: Field| {
        FieldError::new(
            field,
            ErrorCode::NeedsTotal,
            format!(
                "Enter {} first: {} is part of it",
                Id::TotalM2.field().noun_en,
                field.noun_en
            ),
            format!(
                "请先填写{}：{}是其中的一部分",
                Id::TotalM2.field().label.zh,
                field.label.zh
            ),
        )
    };
    let exceeds = |field: Field, what: Text, total: f64| {
        let total_label = Id::TotalM2.field().label;
        FieldError::new(
            field,
            ErrorCode::ExceedsTotal,
            format!(
                "{} cannot be more than the {} ({} m²)",
                what.en,
                total_label.en.to_ascii_lowercase(),
                format_number(total)
            ),
            format!(
                "{}不能大于{}（{} m²）",
                what.zh,
                total_label.zh,
                format_number(total)
            ),
        )
    };
    let (office_words, activity_words) = (
        Id::OfficeM2.field().short_label,
        Id::ActivityM2.field().short_label,
    );
    match total {
        None => {
            if !total_given {
                if office.is_some() {
                    errors.push(needs_total(Id::OfficeM2.field()));
                }
                if activity.is_some() {
                    errors.push(needs_total(Id::ActivityM2.field()));
                }
            }
        }
        Some(total) => {
            let office_fits = office.is_none_or(|o| o <= total + TOLERANCE_M2);
            if !office_fits {
                errors.push(exceeds(Id::OfficeM2.field(), office_words, total));
            }
            if let Some(activity) = activity {
                if activity > total + TOLERANCE_M2 {
                    errors.push(exceeds(Id::ActivityM2.field(), activity_words, total));
                } else if office_fits && activity + office.unwrap_or(0.0) > total + TOLERANCE_M2 {
                    errors.push(exceeds(
                        Id::ActivityM2.field(),
                        Text {
                            zh: "办公面积与居民活动区域面积之和",
                            en: "Office and activity areas together",
                        },
                        total,
                    ));
                }
            }
        }
    }
    Planned {
        total_m2: total,
        office_m2: office,
        activity_m2: activity,
    }
}
