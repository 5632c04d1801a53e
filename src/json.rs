//! JSON text → [`HostValue`]: `serde_json` natively (tests, the CLI); in WebAssembly the browser's own
//! `JSON.parse`, read through the boundary layer, so no JSON parser is compiled into the download.

use crate::value::HostValue;

/// Parses JSON text, or says why it is not JSON (with the line and column where that is known).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<HostValue, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Native>(text)
        .map(|n| n.0)
        .map_err(|e| e.to_string())
}

#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Result<HostValue, String> {
    crate::host::parse_json(text)
}

/// A `HostValue` read by serde, keeping the order of object members.
#[cfg(not(target_arch = "wasm32"))]
struct Native(HostValue);

#[cfg(not(target_arch = "wasm32"))]
impl<'de> serde::Deserialize<'de> for Native {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Native, D::Error> {
        use serde::de::{MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Native;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Native, E> {
                Ok(Native(HostValue::Absent))
            }
            fn visit_bool<E>(self, b: bool) -> Result<Native, E> {
                Ok(Native(HostValue::Bool(b)))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Native, E> {
                Ok(Native(HostValue::Number(n as f64)))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Native, E> {
                Ok(Native(HostValue::Number(n as f64)))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Native, E> {
                Ok(Native(HostValue::Number(n)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Native, E> {
                Ok(Native(HostValue::Text(s.to_string())))
            }
            fn visit_string<E>(self, s: String) -> Result<Native, E> {
                Ok(Native(HostValue::Text(s)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Native, A::Error> {
                let mut items = Vec::new();
                while let Some(Native(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Native(HostValue::Array(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Native, A::Error> {
                let mut members = Vec::new();
                while let Some((key, Native(value))) = map.next_entry::<String, Native>()? {
                    members.push((key, value));
                }
                Ok(Native(HostValue::Object(members)))
            }
        }
        d.deserialize_any(V)
    }
}
