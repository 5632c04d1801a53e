//! The public JavaScript API (SPEC §8): thin conversions between JS values and the engine. Nothing here
//! touches the DOM, so `init()` + `evaluate()` work in Node.

use crate::estimate::{self, RawLand};
use crate::fields::{Field, Id};
use crate::host::{self, Limits};
use crate::input::{FieldError, Raw, RawInput};
use crate::number::{ParseError, parse_number as parse_text};
use crate::value::HostValue;
use wasm_bindgen::prelude::*;

mod packs;

/// `parse_number`'s argument, as its errors name it.
const TEXT: Field = Id::Text.field();
/// `evaluate`'s argument as a whole.
const INPUT: Field = Id::Input.field();

/// Logs panics to the console instead of dying silently; a panic still aborts this module, so the engine
/// is written not to panic at all (the property tests hold it to that).
#[wasm_bindgen(start)]
fn start() {
    // Registered through Yew so that rendering a widget does not replace it.
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("facility-calc: {info}").into());
    }));
}

/// A JS argument copied into Rust through the one boundary layer: never throws, never copies more than a
/// number or an id needs.
fn read(value: &JsValue) -> HostValue {
    host::read(value, Limits::INPUT)
}

/// The value `evaluate` and friends throw: an `Error` whose `errors` lists every problem.
fn errors_to_js(errors: &[FieldError]) -> JsValue {
    let summary: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect();
    host::to_error(
        &format!("facility-calc: invalid input — {}", summary.join("; ")),
        errors,
    )
}

/// An argument that must be an object (or absent): the problem with it, if any.
fn object_problem(value: &HostValue) -> Option<FieldError> {
    match value {
        HostValue::Object(_) | HostValue::Absent => None,
        HostValue::Unreadable => Some(FieldError::unreadable(INPUT)),
        HostValue::TooLarge(_) => Some(FieldError::too_large(INPUT)),
        _ => Some(not_an_object()),
    }
}

fn not_an_object() -> FieldError {
    FieldError::new(
        INPUT,
        crate::input::ErrorCode::NotAnObject,
        "Pass the inputs as an object, like { jurisdiction: \"xam\", settlement: \"city\", households: 1250 }".to_string(),
        "请以对象形式传入参数，例如 { jurisdiction: \"xam\", settlement: \"city\", households: 1250 }".to_string(),
    )
}

/// Evaluates a community against the standards of its jurisdiction (SPEC §6), under the built-in standards
/// or, with `options.rules`, a pack loaded by `load_rules`. Throws `{ errors }`.
#[wasm_bindgen]
pub fn evaluate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let set = packs::ruleset_option(&read(&options)).map_err(|e| errors_to_js(&[e]))?;
    let input = read(&input);
    if let Some(problem) = object_problem(&input) {
        return Err(errors_to_js(&[problem]));
    }
    crate::engine::evaluate_raw(&set, &RawInput::from_host(&input))
        .map(|evaluation| host::to_host(&crate::plan::Advised::new(&evaluation)))
        .map_err(|errors| errors_to_js(&errors))
}

/// The catalogue: documents, jurisdictions, settlement types, rules with quotes; of the built-in standards
/// or, with `options.rules`, of a loaded pack.
#[wasm_bindgen]
pub fn standards(options: JsValue) -> Result<JsValue, JsValue> {
    let set = packs::ruleset_option(&read(&options)).map_err(|e| errors_to_js(&[e]))?;
    Ok(host::to_host(&crate::rules::catalogue(&set)))
}

/// Reads a number as a Chinese user types it (SPEC §7). A number argument is held to the same rules
/// (finite, not negative). Throws `{ errors }` with field `text`.
#[wasm_bindgen]
pub fn parse_number(text: JsValue) -> Result<f64, JsValue> {
    let parsed = match read(&text) {
        HostValue::Text(typed) => parse_text(&typed),
        HostValue::Number(n) if n.is_nan() || n.is_infinite() => Err(ParseError::Invalid),
        HostValue::Number(n) if n < 0.0 => Err(ParseError::Negative),
        // `+ 0.0` turns -0 into 0.
        HostValue::Number(n) => Ok(n + 0.0),
        HostValue::Absent => Err(ParseError::Empty),
        HostValue::TooLong { chars } => Err(ParseError::TooLong { chars }),
        HostValue::Unreadable => return Err(errors_to_js(&[FieldError::unreadable(TEXT)])),
        _ => Err(ParseError::Invalid),
    };
    parsed.map_err(|why| {
        let (en, zh) = why.reason();
        errors_to_js(&[FieldError::new(
            TEXT,
            crate::input::ErrorCode::of_parse(why),
            format!("{} {en}", TEXT.label.en),
            format!("{}{zh}", TEXT.label.zh),
        )])
    })
}

/// `floor(site_area_m2 × far × residential_share / avg_unit_m2)` (SPEC §4). Throws `{ errors }`.
#[wasm_bindgen]
pub fn estimate_households(land: JsValue) -> Result<u32, JsValue> {
    let land = read(&land);
    if let Some(problem) = object_problem(&land) {
        return Err(errors_to_js(&[problem]));
    }
    let member = |field: Field| Raw::from_host(land.get(field.id));
    let raw = RawLand {
        site_area_m2: member(Id::SiteAreaM2.field()),
        far: member(Id::Far.field()),
        residential_share: member(Id::ResidentialShare.field()),
        avg_unit_m2: member(Id::AvgUnitM2.field()),
    };
    estimate::estimate_households(&raw).map_err(|errors| errors_to_js(&errors))
}

/// `round(households × persons_per_household)`, persons per household defaulting to 2.62 (2020 census).
#[wasm_bindgen]
pub fn estimate_population(
    households: JsValue,
    persons_per_household: JsValue,
) -> Result<u32, JsValue> {
    estimate::estimate_population(
        &Raw::from_host(&read(&households)),
        &Raw::from_host(&read(&persons_per_household)),
    )
    .map_err(|errors| errors_to_js(&errors))
}
