//! The only code that touches host (JavaScript) values. Reading: a value is copied into a [`HostValue`]
//! by `host.js` in one crossing, with limits, so a throwing getter, a revoked Proxy or a 10 MB string
//! becomes data (`Unreadable`, `TooLong`) and no JS exception ever unwinds through a wasm frame. Writing:
//! results are serialised into a tape and built by `host.js` with defined (not assigned) properties, so
//! setters a page put on `Object.prototype` never run. Nothing here can throw into Rust.
//!
//! Why: a JS exception that unwinds through wasm frames skips their epilogues (the wasm stack pointer is
//! never restored, allocations are never freed) and an exception value caught by wasm-bindgen stays in its
//! externref table; a few thousand of either kill the instance. So `host.js` catches everything itself
//! and hands over data only. It captures the globals it uses at load, reads values with syntax alone
//! (`typeof`, `v[k]`, string indexing) and own enumerable keys, and copies a value in one string (the
//! tape: one letter per value, numbers as their 64 bits in four code points, strings counted in `char`s).
//! Results go out as op codes, numbers and one joined string, and come back as plain objects and arrays:
//! assigned while `Object.prototype` and `Array.prototype` have exactly the keys they had at load, defined
//! otherwise. `tests/node/hostile.test.mjs` and `tests/browser/hostile.spec.mjs` hold it to all this.

use crate::value::{Excess, HostValue};
use serde::ser::{self, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/host.js")]
extern "C" {
    #[wasm_bindgen(js_name = read)]
    fn read_tape(
        value: &JsValue,
        max_string: u32,
        max_depth: u32,
        max_nodes: u32,
        max_text: u32,
        skip: &str,
    ) -> String;
    #[wasm_bindgen(js_name = toHost)]
    fn build(ops: &[u32], numbers: &[f64], text: &str) -> JsValue;
    #[wasm_bindgen(js_name = toError)]
    fn build_error(message: &str, ops: &[u32], numbers: &[f64], text: &str) -> JsValue;
    #[wasm_bindgen(js_name = dispatch)]
    fn dispatch_tape(target: &JsValue, name: &str, ops: &[u32], numbers: &[f64], text: &str);
    #[wasm_bindgen(js_name = numberText)]
    pub(crate) fn number_text(n: f64) -> String;
}

/// How much of a host value is copied in. Whatever lies beyond reads as `TooLong` or `Unreadable`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Longest string copied, in UTF-16 units; a longer one is `TooLong` and stays in JS.
    pub max_string: u32,
    /// Nesting below the value itself (an input object with `planned` needs 2).
    pub max_depth: u32,
    /// Values read in all (each member and item counts one).
    pub max_nodes: u32,
    /// UTF-16 units copied in all, keys included.
    pub max_text: u32,
}

impl Limits {
    /// Inputs, options and arguments: numbers and ids, never more than 256 characters each.
    pub(crate) const INPUT: Limits = Limits {
        max_string: 256,
        max_depth: 4,
        max_nodes: 1_000,
        max_text: 32 * 1024,
    };
}

/// Copies a host value into Rust. Never throws, never copies more than `limits` allow: a value past them
/// is `TooLarge`, never copied in part.
pub(crate) fn read(value: &JsValue, limits: Limits) -> HostValue {
    read_except(value, limits, "")
}

/// The same, leaving the value's own member `skip` out unread (it is read apart, with other limits).
pub(crate) fn read_except(value: &JsValue, limits: Limits, skip: &str) -> HostValue {
    let tape = read_tape(
        value,
        limits.max_string,
        limits.max_depth,
        limits.max_nodes,
        limits.max_text,
        skip,
    );
    let mut chars = tape.chars();
    decode(&mut chars, 0)
}

/// Deeper than any tape `read` writes: a guard against a malformed tape, which cannot otherwise occur.
const MAX_DECODE_DEPTH: u32 = 64;
const NUMBER_BASE: u32 = 0x10000;

fn decode_number(chars: &mut std::str::Chars) -> Option<f64> {
    let mut bits = 0u64;
    for shift in [0, 16, 32, 48] {
        let half = u32::from(chars.next()?).checked_sub(NUMBER_BASE)?;
        bits |= u64::from(half) << shift;
    }
    Some(f64::from_bits(bits))
}

fn decode_text(chars: &mut std::str::Chars) -> Option<String> {
    let count = decode_number(chars)? as usize;
    let text: String = chars.by_ref().take(count).collect();
    (text.chars().count() == count).then_some(text)
}

/// One value of the tape `host.js` `read` writes; a malformed tape reads as `Unreadable`.
fn decode(chars: &mut std::str::Chars, depth: u32) -> HostValue {
    decode_value(chars, depth).unwrap_or(HostValue::Unreadable)
}

fn decode_value(chars: &mut std::str::Chars, depth: u32) -> Option<HostValue> {
    if depth > MAX_DECODE_DEPTH {
        return None;
    }
    Some(match chars.next()? {
        'n' => HostValue::Absent,
        't' => HostValue::Bool(true),
        'f' => HostValue::Bool(false),
        'd' => HostValue::Number(decode_number(chars)?),
        's' => HostValue::Text(decode_text(chars)?),
        'L' => HostValue::TooLong {
            chars: decode_number(chars)? as usize,
        },
        'u' => HostValue::Unreadable,
        'T' => HostValue::TooLarge(match chars.next()? {
            'v' => Excess::Values,
            't' => Excess::Text,
            _ => Excess::Depth,
        }),
        'x' => HostValue::Other(match chars.next()? {
            'F' => "function",
            'S' => "symbol",
            'B' => "bigint",
            _ => "object",
        }),
        '[' => {
            let mut items = Vec::new();
            loop {
                if chars.clone().next()? == ']' {
                    chars.next();
                    break HostValue::Array(items);
                }
                items.push(decode_value(chars, depth + 1)?);
            }
        }
        '{' => {
            let mut members = Vec::new();
            loop {
                let key = match chars.next()? {
                    '}' => break HostValue::Object(members),
                    's' => Some(decode_text(chars)?),
                    // A key too long to copy: its member is skipped, not renamed.
                    'L' => decode_number(chars).map(|_| None)?,
                    _ => return None,
                };
                let value = decode_value(chars, depth + 1)?;
                if let Some(key) = key {
                    members.push((key, value));
                }
            }
        }
        _ => return None,
    })
}

/// One member of a host object, read with `limits`: `Absent` when reading it threw (a getter, a revoked
/// Proxy, a trap; `Reflect.get` is imported with `catch`, so the exception is caught in the glue and
/// never unwinds through wasm).
pub(crate) fn read_member(object: &JsValue, name: &str, limits: Limits) -> HostValue {
    match js_sys::Reflect::get(object, &JsValue::from_str(name)) {
        Ok(value) => read(&value, limits),
        Err(_) => HostValue::Absent,
    }
}

/// A Rust value as plain JavaScript data (objects, arrays, strings, numbers, booleans, `null`).
pub(crate) fn to_host<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let tape = Tape::of(value);
    build(&tape.ops, &tape.numbers, &tape.text)
}

/// The value the API throws: an `Error` with `message`, whose own property `errors` holds `errors`.
pub fn to_error<T: Serialize + ?Sized>(message: &str, errors: &T) -> JsValue {
    let tape = Tape::of(errors);
    build_error(message, &tape.ops, &tape.numbers, &tape.text)
}

/// Dispatches a bubbling, composed `CustomEvent` named `name` with `detail` on `target`. Listeners that
/// throw are the page's business (the browser reports them); nothing comes back into wasm.
pub(crate) fn dispatch<T: Serialize + ?Sized>(target: &JsValue, name: &str, detail: &T) {
    let tape = Tape::of(detail);
    dispatch_tape(target, name, &tape.ops, &tape.numbers, &tape.text);
}

/// Op codes of the tape `host.js` `build` reads.
mod op {
    pub const NULL: u32 = 0;
    pub const FALSE: u32 = 1;
    pub const TRUE: u32 = 2;
    pub const NUMBER: u32 = 3;
    /// Followed by the string's length in UTF-16 units; the text is the next slice of `text`.
    pub const STRING: u32 = 4;
    /// Followed by the item count, then the items.
    pub const ARRAY: u32 = 5;
    /// Followed by the member count, then key (a STRING) and value for each.
    pub const OBJECT: u32 = 6;
}

/// A serialised value: JSON's data model as op codes, numbers and one joined string.
#[derive(Default)]
struct Tape {
    ops: Vec<u32>,
    numbers: Vec<f64>,
    text: String,
}

/// Serialising into a tape fails only for a map key that is not text (no type of this crate has one).
#[derive(Debug)]
struct TapeError;

impl std::fmt::Display for TapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("unsupported value")
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<M: std::fmt::Display>(_: M) -> TapeError {
        TapeError
    }
}

impl Tape {
    fn of<T: Serialize + ?Sized>(value: &T) -> Tape {
        let mut tape = Tape::default();
        if value.serialize(&mut tape).is_err() {
            tape = Tape::default();
            tape.ops.push(op::NULL);
        }
        tape
    }

    // Not inlined: one copy of each tape writer serves every field of every type (size of the download).
    #[inline(never)]
    fn string(&mut self, s: &str) {
        let units: usize = if s.is_ascii() {
            s.len()
        } else {
            s.chars().map(char::len_utf16).sum()
        };
        self.ops.push(op::STRING);
        self.ops.push(units as u32);
        self.text.push_str(s);
    }

    #[inline(never)]
    fn op(&mut self, code: u32) {
        self.ops.push(code);
    }

    #[inline(never)]
    fn number(&mut self, n: f64) {
        self.ops.push(op::NUMBER);
        self.numbers.push(n);
    }

    /// Starts an array or object whose count is filled in by [`Compound::end`].
    #[inline(never)]
    fn open(&mut self, kind: u32) -> Compound<'_> {
        self.ops.push(kind);
        self.ops.push(0);
        let count_at = self.ops.len() - 1;
        Compound {
            tape: self,
            count_at,
            count: 0,
        }
    }

    /// `{ variant: <compound> }`, as JSON writes an enum variant with data.
    fn open_variant(&mut self, variant: &str, kind: u32) -> Compound<'_> {
        self.ops.extend([op::OBJECT, 1]);
        self.string(variant);
        self.open(kind)
    }
}

struct Compound<'a> {
    tape: &'a mut Tape,
    count_at: usize,
    count: u32,
}

impl Compound<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.count += 1;
        value.serialize(&mut *self.tape)
    }

    fn member<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), TapeError> {
        self.tape.string(key);
        self.item(value)
    }

    #[inline(never)]
    fn end(self) -> Result<(), TapeError> {
        self.tape.ops[self.count_at] = self.count;
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), TapeError> {
        self.op(if v { op::TRUE } else { op::FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), TapeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), TapeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), TapeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), TapeError> {
        self.serialize_f64(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Result<(), TapeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), TapeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), TapeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), TapeError> {
        self.serialize_f64(v as f64)
    }
    fn serialize_f32(self, v: f32) -> Result<(), TapeError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), TapeError> {
        self.number(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), TapeError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), TapeError> {
        use ser::SerializeSeq;
        let mut array = self.open(op::ARRAY);
        for byte in v {
            array.serialize_element(byte)?;
        }
        array.end()
    }
    fn serialize_none(self) -> Result<(), TapeError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), TapeError> {
        self.op(op::NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), TapeError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), TapeError> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.ops.extend([op::OBJECT, 1]);
        self.string(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(op::ARRAY))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(op::ARRAY))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(op::ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, TapeError> {
        Ok(self.open_variant(variant, op::ARRAY))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(op::OBJECT))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, TapeError> {
        Ok(self.open(op::OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, TapeError> {
        Ok(self.open_variant(variant, op::OBJECT))
    }
}

/// Arrays: each element is one more item.
macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = TapeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
                self.item(value)
            }
            fn end(self) -> Result<(), TapeError> {
                Compound::end(self)
            }
        }
    )*};
}
items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Objects: each field is a key and a value.
macro_rules! members {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = TapeError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), TapeError> {
                self.member(key, value)
            }
            fn end(self) -> Result<(), TapeError> {
                Compound::end(self)
            }
        }
    )*};
}
members!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TapeError> {
        // Keys must be text: a key that serialises to anything but one string is refused.
        let before = self.tape.ops.len();
        key.serialize(&mut *self.tape)?;
        match self.tape.ops.get(before) {
            Some(&op::STRING) if self.tape.ops.len() == before + 2 => Ok(()),
            _ => Err(TapeError),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.item(value)
    }
    fn end(self) -> Result<(), TapeError> {
        Compound::end(self)
    }
}

impl Limits {
    /// A rule pack, as an object or as its JSON text (RULE-PACKS.md): the same limits the pack reader
    /// applies to JSON text (`registry::parse_pack_text`), so a pack means the same however it is given.
    /// One string may be the whole text; the reader refuses a long one inside the pack at its path.
    pub(crate) const PACK: Limits = Limits {
        max_string: crate::rules::MAX_PACK_BYTES as u32,
        max_depth: crate::rules::MAX_PACK_DEPTH as u32,
        max_nodes: crate::rules::MAX_PACK_VALUES as u32,
        max_text: crate::rules::MAX_PACK_BYTES as u32,
    };
}

/// Parses JSON text with the browser's own `JSON.parse` (no JSON parser in the download) and copies the
/// value in with the pack limits; the reason when it is not JSON.
pub(crate) fn parse_json(text: &str) -> Result<HostValue, String> {
    match js_sys::JSON::parse(text) {
        Ok(value) => Ok(read(&value, Limits::PACK)),
        Err(error) => Err(error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".to_string())),
    }
}
