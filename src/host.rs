//! TEMPORARY boundary to host values until the hardened layer lands (issue 7): reads a JS value into a
//! `HostValue` and parses JSON text with the browser's `JSON.parse`.

use crate::value::HostValue;
use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::JsValue;

/// Limits on what is copied in from the host.
#[derive(Clone, Copy)]
pub struct Limits {
    pub max_string: usize,
    pub max_nodes: usize,
    pub max_depth: usize,
}

impl Limits {
    /// A rule pack (≤ 1 MB): long quotes, many rules.
    pub const PACK: Limits = Limits {
        max_string: 8_000,
        max_nodes: 200_000,
        max_depth: 16,
    };
}

pub fn read(value: &JsValue, limits: Limits) -> HostValue {
    let mut nodes = 0;
    read_at(value, limits, 0, &mut nodes)
}

fn read_at(value: &JsValue, limits: Limits, depth: usize, nodes: &mut usize) -> HostValue {
    *nodes += 1;
    if *nodes > limits.max_nodes || depth > limits.max_depth {
        return HostValue::Other("too deep or too large");
    }
    if value.is_null() || value.is_undefined() {
        return HostValue::Absent;
    }
    if let Some(n) = value.as_f64() {
        return HostValue::Number(n);
    }
    if let Some(b) = value.as_bool() {
        return HostValue::Bool(b);
    }
    if value.is_string() {
        let len = js_sys::JsString::from(value.clone()).length() as usize;
        if len > limits.max_string {
            return HostValue::TooLong { chars: len };
        }
        return HostValue::Text(value.as_string().unwrap_or_default());
    }
    if value.is_function() || !value.is_object() {
        return HostValue::Other("other");
    }
    if Array::is_array(value) {
        let array = Array::from(value);
        return HostValue::Array(
            array
                .iter()
                .map(|item| read_at(&item, limits, depth + 1, nodes))
                .collect(),
        );
    }
    let Ok(keys) = Reflect::own_keys(value) else {
        return HostValue::Unreadable;
    };
    let mut members = Vec::new();
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let member = match Reflect::get(value, &key) {
            Ok(v) => read_at(&v, limits, depth + 1, nodes),
            Err(_) => HostValue::Unreadable,
        };
        members.push((name, member));
    }
    HostValue::Object(members)
}

pub fn parse_json(text: &str) -> Result<HostValue, String> {
    match JSON::parse(text) {
        Ok(value) => Ok(read(&value, Limits::PACK)),
        Err(error) => Err(error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".to_string())),
    }
}

use wasm_bindgen::JsCast;
