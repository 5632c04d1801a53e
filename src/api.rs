//! The public JavaScript API (SPEC §8): thin conversions between JS values and the engine. Nothing here
//! touches the DOM, so `init()` + `evaluate()` work in Node.

use crate::estimate::{self, RawLand};
use crate::input::{FieldError, Raw, RawInput};
use crate::number::parse_number as parse_text;
use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod packs;

/// Logs panics to the console instead of dying silently; a panic still aborts this module, so the engine
/// is written not to panic at all (the property tests hold it to that).
#[wasm_bindgen(start)]
fn start() {
    // Registered through Yew so that rendering a widget does not replace it.
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("facility-calc: {info}").into());
    }));
}

/// A JS value as the engine sees it. Getters that throw and exotic values become `Raw::Other`.
pub(crate) fn raw_from_js(value: &JsValue) -> Raw {
    if value.is_null() || value.is_undefined() {
        Raw::Absent
    } else if let Some(n) = value.as_f64() {
        Raw::Number(n)
    } else if let Some(s) = value.as_string() {
        Raw::Text(s)
    } else if let Some(b) = value.as_bool() {
        Raw::Bool(b)
    } else if value.is_function() || Array::is_array(value) || !value.is_object() {
        Raw::Other
    } else {
        Raw::Object
    }
}

/// Reads `object[key]`; a missing object, a throwing getter or a revoked proxy all read as a value to reject.
pub(crate) fn member(object: &JsValue, key: &str) -> Raw {
    if !object.is_object() {
        return Raw::Absent;
    }
    match Reflect::get(object, &JsValue::from_str(key)) {
        Ok(value) => raw_from_js(&value),
        Err(_) => Raw::Other,
    }
}

pub(crate) fn raw_input_from_js(input: &JsValue) -> RawInput {
    let planned_value = if input.is_object() {
        Reflect::get(input, &JsValue::from_str("planned")).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    RawInput {
        jurisdiction: member(input, "jurisdiction"),
        settlement: member(input, "settlement"),
        construction: member(input, "construction"),
        programme: member(input, "programme"),
        households: member(input, "households"),
        population: member(input, "population"),
        occupied_households: member(input, "occupied_households"),
        planned: raw_from_js(&planned_value),
        planned_total_m2: member(&planned_value, "total_m2"),
        planned_office_m2: member(&planned_value, "office_m2"),
        planned_activity_m2: member(&planned_value, "activity_m2"),
    }
}

/// Plain objects with `null` for absent values (not `Map`s, not `undefined`).
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// The value `evaluate` and friends throw: an `Error` whose `errors` lists every problem.
pub(crate) fn errors_to_js(errors: &[FieldError]) -> JsValue {
    let summary: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect();
    error_with_list(
        &format!("facility-calc: invalid input — {}", summary.join("; ")),
        &to_js(&errors),
    )
}

/// An `Error` with `message` whose `errors` property is `list`.
pub(crate) fn error_with_list(message: &str, list: &JsValue) -> JsValue {
    let error = js_sys::Error::new(message);
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("errors"), list);
    error.into()
}

fn not_an_object() -> FieldError {
    FieldError::new(
        crate::input::fields::INPUT,
        "not_an_object",
        "Pass the inputs as an object, like { jurisdiction: \"xam\", settlement: \"city\", households: 1250 }".to_string(),
        "请以对象形式传入参数，例如 { jurisdiction: \"xam\", settlement: \"city\", households: 1250 }".to_string(),
    )
}

/// Evaluates a community against the standards of its jurisdiction (SPEC §6), under the built-in standards
/// or, with `options.rules`, a pack loaded by `load_rules`. Throws `{ errors }`.
#[wasm_bindgen]
pub fn evaluate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let set = packs::ruleset_option(&options).map_err(|e| errors_to_js(&[e]))?;
    if !(input.is_object() || input.is_null() || input.is_undefined()) {
        return Err(errors_to_js(&[not_an_object()]));
    }
    crate::evaluate_raw(&set, &raw_input_from_js(&input))
        .map(|evaluation| to_js(&evaluation))
        .map_err(|errors| errors_to_js(&errors))
}

/// The catalogue: documents, jurisdictions, settlement types, rules with quotes; of the built-in standards
/// or, with `options.rules`, of a loaded pack.
#[wasm_bindgen]
pub fn standards(options: JsValue) -> Result<JsValue, JsValue> {
    let set = packs::ruleset_option(&options).map_err(|e| errors_to_js(&[e]))?;
    Ok(to_js(&crate::rules::catalogue(&set)))
}

/// Reads a number as a Chinese user types it (SPEC §7). Throws `{ errors }` with field `text`.
#[wasm_bindgen]
pub fn parse_number(text: JsValue) -> Result<f64, JsValue> {
    if let Some(n) = text.as_f64().filter(|n| n.is_finite()) {
        return Ok(n);
    }
    let parsed = match text.as_string() {
        Some(typed) => parse_text(&typed),
        None if text.is_null() || text.is_undefined() => Err(crate::number::ParseError::Empty),
        None => Err(crate::number::ParseError::Invalid),
    };
    parsed.map_err(|why| {
        let (en, zh) = why.reason();
        errors_to_js(&[FieldError {
            field: "text",
            code: why.code(),
            message: format!("The text {en}"),
            message_zh: format!("输入内容{zh}"),
        }])
    })
}

/// `floor(site_area_m2 × far × residential_share / avg_unit_m2)` (SPEC §4). Throws `{ errors }`.
#[wasm_bindgen]
pub fn estimate_households(land: JsValue) -> Result<u32, JsValue> {
    let raw = RawLand {
        site_area_m2: member(&land, "site_area_m2"),
        far: member(&land, "far"),
        residential_share: member(&land, "residential_share"),
        avg_unit_m2: member(&land, "avg_unit_m2"),
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
        &raw_from_js(&households),
        &raw_from_js(&persons_per_household),
    )
    .map_err(|errors| errors_to_js(&errors))
}
