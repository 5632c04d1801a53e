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
    /// A value holding more than the boundary copies (more values, more text or deeper nesting than its
    /// limits allow): refused whole, never copied in part, so nothing is silently dropped.
    TooLarge(Excess),
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
            HostValue::TooLarge(_) => "too large",
            HostValue::Other(kind) => kind,
        }
    }
}

static ABSENT: HostValue = HostValue::Absent;

/// Which of the boundary's limits a value went past (the limits themselves are the caller's: a rule pack's
/// are in `rules::pack`, an input's in `host`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Excess {
    /// More values (members, items and the value itself) than the limit.
    Values,
    /// More text (strings and keys, in UTF-16 units) than the limit.
    Text,
    /// Objects or arrays nested deeper than the limit.
    Depth,
}

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

/// The compact encoding build.rs writes the built-in pack in, so the pack compiles in as data that needs
/// no JSON parser (neither serde_json in the download nor a crossing to the browser's `JSON.parse`).
/// One tag byte per value; lengths and counts as LEB128; numbers as 8 little-endian bytes.
pub mod compact {
    use super::HostValue;

    pub const NULL: u8 = 0;
    pub const FALSE: u8 = 1;
    pub const TRUE: u8 = 2;
    pub const NUMBER: u8 = 3;
    pub const TEXT: u8 = 4;
    pub const ARRAY: u8 = 5;
    pub const OBJECT: u8 = 6;
    /// Nesting the decoder follows at most (the built-in pack is 5 deep).
    const MAX_DEPTH: usize = 32;

    /// The value `bytes` encode, or `None` if they are not exactly one well-formed value.
    pub fn decode(bytes: &[u8]) -> Option<HostValue> {
        let mut reader = Reader { bytes, at: 0 };
        let value = reader.value(0)?;
        (reader.at == bytes.len()).then_some(value)
    }

    struct Reader<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    impl Reader<'_> {
        fn byte(&mut self) -> Option<u8> {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            Some(b)
        }
        fn take(&mut self, n: usize) -> Option<&[u8]> {
            let end = self.at.checked_add(n)?;
            let slice = self.bytes.get(self.at..end)?;
            self.at = end;
            Some(slice)
        }
        fn length(&mut self) -> Option<usize> {
            let mut n: usize = 0;
            for shift in (0..35).step_by(7) {
                let b = self.byte()?;
                n |= usize::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    // A count can never exceed the bytes left: no allocation is sized by a lie.
                    return (n <= self.bytes.len() - self.at).then_some(n);
                }
            }
            None
        }
        fn text(&mut self) -> Option<String> {
            let n = self.length()?;
            std::str::from_utf8(self.take(n)?).ok().map(str::to_string)
        }
        fn value(&mut self, depth: usize) -> Option<HostValue> {
            if depth > MAX_DEPTH {
                return None;
            }
            Some(match self.byte()? {
                NULL => HostValue::Absent,
                FALSE => HostValue::Bool(false),
                TRUE => HostValue::Bool(true),
                NUMBER => HostValue::Number(f64::from_le_bytes(self.take(8)?.try_into().ok()?)),
                TEXT => HostValue::Text(self.text()?),
                ARRAY => {
                    let n = self.length()?;
                    let mut items = Vec::with_capacity(n);
                    for _ in 0..n {
                        items.push(self.value(depth + 1)?);
                    }
                    HostValue::Array(items)
                }
                OBJECT => {
                    let n = self.length()?;
                    let mut members = Vec::with_capacity(n);
                    for _ in 0..n {
                        let key = self.text()?;
                        members.push((key, self.value(depth + 1)?));
                    }
                    HostValue::Object(members)
                }
                _ => return None,
            })
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_truncated_or_padded_encoding_is_refused() {
            let good = [OBJECT, 1, 1, b'a', ARRAY, 2, TRUE, TEXT, 1, b'x'];
            let value = decode(&good).expect("well formed");
            assert_eq!(
                value.get("a"),
                &HostValue::Array(vec![HostValue::Bool(true), HostValue::Text("x".into())])
            );
            for cut in 0..good.len() {
                assert_eq!(decode(&good[..cut]), None, "cut at {cut}");
            }
            let mut padded = good.to_vec();
            padded.push(NULL);
            assert_eq!(decode(&padded), None);
            // A count larger than the bytes left allocates nothing.
            assert_eq!(decode(&[ARRAY, 0xff, 0xff, 0xff, 0xff, 0x0f]), None);
        }
    }
}
