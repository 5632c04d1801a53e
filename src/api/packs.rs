//! The rule-pack part of the JS API (SPEC §8 as grown by rule packs): `builtin_pack`, `load_rules`,
//! `validate_rules`, and the `rules` option of `evaluate` and `standards`.

use crate::host::{self, Limits};
use crate::input::FieldError;
use crate::registry::with_registry;
use crate::rules::{PackError, Ruleset, builtin, read_pack};
use crate::value::HostValue;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The ruleset `options.rules` names (a loaded pack's id); the built-in one without the option.
pub(super) fn ruleset_option(options: &HostValue) -> Result<Rc<Ruleset>, FieldError> {
    match options.get("rules") {
        HostValue::Absent => Ok(builtin()),
        HostValue::Text(id) => with_registry(|r| r.get(id)).ok_or_else(|| {
            let shown: String = id.chars().take(40).collect();
            FieldError {
                field: crate::fields::Id::Rules,
                code: crate::input::ErrorCode::UnknownRules,
                message: format!(
                    "No rule pack \"{shown}\" is loaded: load it with load_rules(pack) first, or leave rules out for the built-in standards"
                ),
                message_zh: format!(
                    "未加载规则包“{shown}”：请先用 load_rules(pack) 加载，或不填 rules 以使用内置标准"
                ),
            }
        }),
        _ => Err(FieldError {
            field: crate::fields::Id::Rules,
            code: crate::input::ErrorCode::NotAPackId,
            message: "Option rules must be the id load_rules returned, like \"my-county\"".into(),
            message_zh: "参数 rules 必须是 load_rules 返回的 id，例如 \"my-county\"".into(),
        }),
    }
}

/// A pack passed as an object or as its JSON text, read into a value.
fn pack_value(pack: &JsValue) -> Result<HostValue, Vec<PackError>> {
    crate::registry::pack_value(host::read(pack, Limits::PACK))
}

fn pack_errors_to_js(errors: &[PackError]) -> JsValue {
    let summary: Vec<String> = errors
        .iter()
        .take(5)
        .map(|e| {
            format!(
                "{} {}",
                if e.path.is_empty() { "(pack)" } else { &e.path },
                e.message
            )
        })
        .collect();
    host::to_error(
        &format!(
            "facility-calc: the rule pack was not loaded ({} problem(s)) — {}",
            errors.len(),
            summary.join("; ")
        ),
        errors,
    )
}

/// The built-in standards as a pack (format `facility-calc/rules@1`): a starting point for a bureau's own.
#[wasm_bindgen]
pub fn builtin_pack() -> JsValue {
    host::to_host(&*crate::rules::builtin_pack_value())
}

/// Checks a pack (an object or its JSON text) and keeps it for `evaluate(input, { rules: id })`; returns
/// its id. A bad pack throws an `Error` whose `errors` lists every problem `{ path, code, message,
/// message_zh }`, and nothing is loaded.
#[wasm_bindgen]
pub fn load_rules(pack: JsValue) -> Result<String, JsValue> {
    let value = pack_value(&pack).map_err(|e| pack_errors_to_js(&e))?;
    with_registry(|r| r.load(&value))
        .map(|set| set.id.to_string())
        .map_err(|e| pack_errors_to_js(&e))
}

/// Every problem with a pack (an object or its JSON text), without loading it: `[]` when it is good.
#[wasm_bindgen]
pub fn validate_rules(pack: JsValue) -> JsValue {
    let problems = match pack_value(&pack) {
        Ok(value) => read_pack(&value, Some(&builtin()))
            .err()
            .unwrap_or_default(),
        Err(errors) => errors,
    };
    host::to_host(&problems)
}
