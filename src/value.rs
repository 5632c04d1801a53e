//! A value as a host handed it over, already copied out of JavaScript (or read from JSON text) by the
//! boundary layer: plain Rust data, so validation and the pack reader are tested natively and never
//! touch a host object twice. The boundary layer (`host.rs` in the wasm build; `serde_json` natively)
//! is the only code that produces it.

/// One host value. `null` and `undefined` are both `Absent`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum HostValue {
    #[default]
    Absent,
    Bool(bool),
    Number(f64),
    Text(String),
    Array(Vec<HostValue>),
    /// Own enumerable properties, in the host's order.
    Object(Vec<(String, HostValue)>),
    /// Text longer than the boundary accepts: never copied in. `chars` is its length in UTF-16 units.
    TooLong {
        chars: usize,
    },
    /// Reading it threw (a getter, a revoked proxy, a trap): the exception was caught and released.
    Unreadable,
    /// A function, symbol, BigInt or other value no field takes; the word names its type for messages.
    Other(&'static str),
}

impl HostValue {
    /// The member `key` of an object; `Absent` for anything else or a missing key.
    pub fn get(&self, key: &str) -> &HostValue {
        match self {
            HostValue::Object(members) => members
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&ABSENT, |(_, v)| v),
            _ => &ABSENT,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            HostValue::Text(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, HostValue::Absent)
    }

    /// The JSON type name, for messages about the wrong type.
    pub fn type_name(&self) -> &'static str {
        match self {
            HostValue::Absent => "null",
            HostValue::Bool(_) => "boolean",
            HostValue::Number(_) => "number",
            HostValue::Text(_) | HostValue::TooLong { .. } => "string",
            HostValue::Array(_) => "array",
            HostValue::Object(_) => "object",
            HostValue::Unreadable => "unreadable",
            HostValue::Other(kind) => kind,
        }
    }
}

static ABSENT: HostValue = HostValue::Absent;

/// Written back out as plain JSON-like data (`builtin_pack()`): the unreadable and the too long as `null`.
impl serde::Serialize for HostValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            HostValue::Bool(b) => s.serialize_bool(*b),
            HostValue::Number(n) => s.serialize_f64(*n),
            HostValue::Text(t) => s.serialize_str(t),
            HostValue::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            HostValue::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            _ => s.serialize_unit(),
        }
    }
}
