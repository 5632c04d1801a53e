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

/// The table slot for `key`: the free one its probe reaches, or `None` when the key is there already.
fn free_slot(table: &[u32], keys: &[std::borrow::Cow<str>], key: &str) -> Option<usize> {
    let mask = table.len() - 1;
    // FNV-1a, then the slot from its top bits (Fibonacci hashing), so keys alike in their low bits do not
    // pile up; colliding keys cost probes, never a wrong answer.
    let hash = key.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let bits = table.len().trailing_zeros();
    let mut slot = (hash.wrapping_mul(0x9E37_79B9) >> (32 - bits)) as usize & mask;
    loop {
        match table[slot] {
            0 => return Some(slot),
            i if keys[i as usize - 1] == key => return None,
            _ => slot = (slot + 1) & mask,
        }
    }
}

/// What a scan of JSON text finds that neither parser reports: a key given twice in one object (both
/// `JSON.parse` and serde keep one of the two silently, and not the same one), or more values or deeper
/// nesting than the caller's bounds.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The key, and the JSON Pointer of the second member of that name.
    DuplicateKey {
        key: String,
        pointer: String,
    },
    TooLarge(crate::value::Excess),
}

/// How much JSON text may hold: values counted as the boundary layer counts them (the value itself and each
/// member and item), and objects or arrays nested at most `max_depth` below the value.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    pub max_values: usize,
    pub max_depth: usize,
}

/// Scans JSON text once, before it is parsed, so that a duplicate key or an oversized pack is refused the
/// same way natively (serde) and in the browser (`JSON.parse`). Text that is not JSON is left to the parser,
/// which says where: the scan then stops without a problem.
pub fn scan(text: &str, bounds: Bounds) -> Result<(), Problem> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        text,
        at: 0,
        values: 0,
        bounds,
        path: Vec::new(),
    };
    match scanner.value(0) {
        Err(Stop::Found(problem)) => Err(problem),
        Ok(()) | Err(Stop::NotJson) => Ok(()),
    }
}

enum Stop {
    NotJson,
    Found(Problem),
}

/// One step of the path from the value scanned to where the scanner is.
enum Step<'a> {
    Key(std::borrow::Cow<'a, str>),
    Index(usize),
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    values: usize,
    bounds: Bounds,
    path: Vec<Step<'a>>,
}

impl<'a> Scanner<'a> {
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after white space, consumed.
    fn next(&mut self) -> Option<u8> {
        self.skip_space();
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn value(&mut self, depth: usize) -> Result<(), Stop> {
        use crate::value::Excess;
        self.values += 1;
        if self.values > self.bounds.max_values {
            return Err(Stop::Found(Problem::TooLarge(Excess::Values)));
        }
        match self.next().ok_or(Stop::NotJson)? {
            open @ (b'{' | b'[') => {
                if depth >= self.bounds.max_depth {
                    return Err(Stop::Found(Problem::TooLarge(Excess::Depth)));
                }
                if open == b'{' {
                    self.object(depth)
                } else {
                    self.array(depth)
                }
            }
            b'"' => self.string().map(drop),
            _ => {
                // A number, true, false or null: the parser checks its spelling.
                while let Some(b'0'..=b'9' | b'a'..=b'z' | b'+' | b'-' | b'.' | b'E') =
                    self.bytes.get(self.at)
                {
                    self.at += 1;
                }
                Ok(())
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<(), Stop> {
        // The keys so far and an open-addressed table of their indices (+ 1; 0 is empty): a duplicate is
        // found in constant time a key, so an object of many keys costs linear time, in little code (a
        // sort or a std hash set would add kilobytes to the browser's download).
        let mut keys: Vec<std::borrow::Cow<'a, str>> = Vec::new();
        let mut table: Vec<u32> = Vec::new();
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            if self.next() != Some(b'"') {
                return Err(Stop::NotJson);
            }
            let key = self.key()?;
            if self.next() != Some(b':') {
                return Err(Stop::NotJson);
            }
            if table.len() <= 2 * keys.len() {
                table = vec![0; (4 * keys.len()).max(16).next_power_of_two()];
                for i in 0..keys.len() {
                    let slot = free_slot(&table, &keys, &keys[i]).unwrap_or(0);
                    table[slot] = i as u32 + 1;
                }
            }
            let Some(slot) = free_slot(&table, &keys, &key) else {
                let key = key.into_owned();
                self.path.push(Step::Key(key.clone().into()));
                let pointer = self.pointer();
                return Err(Stop::Found(Problem::DuplicateKey { key, pointer }));
            };
            table[slot] = keys.len() as u32 + 1;
            keys.push(key.clone());
            self.path.push(Step::Key(key));
            self.value(depth + 1)?;
            self.path.pop();
            match self.next() {
                Some(b',') => continue,
                Some(b'}') => return Ok(()),
                _ => return Err(Stop::NotJson),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Stop> {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(());
        }
        for index in 0.. {
            self.path.push(Step::Index(index));
            self.value(depth + 1)?;
            self.path.pop();
            match self.next() {
                Some(b',') => continue,
                Some(b']') => break,
                _ => return Err(Stop::NotJson),
            }
        }
        Ok(())
    }

    /// A string whose opening quote was read, as written (escapes and all), and whether it has escapes.
    fn string(&mut self) -> Result<(&'a str, bool), Stop> {
        let start = self.at;
        let mut escaped = false;
        loop {
            match *self.bytes.get(self.at).ok_or(Stop::NotJson)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    self.at += 2;
                }
                _ => self.at += 1,
            }
        }
        let raw = self.text.get(start..self.at).ok_or(Stop::NotJson)?;
        self.at += 1;
        Ok((raw, escaped))
    }

    /// A key's text: escapes decoded by the parser itself (a key spelt `"\u0061"` is `"a"`, as both
    /// parsers read it). Keys with escapes are rare, so parsing each alone costs nothing that matters.
    fn key(&mut self) -> Result<std::borrow::Cow<'a, str>, Stop> {
        let (raw, escaped) = self.string()?;
        if !escaped {
            return Ok(raw.into());
        }
        match parse(&format!("\"{raw}\"")) {
            Ok(HostValue::Text(text)) => Ok(text.into()),
            _ => Err(Stop::NotJson),
        }
    }

    /// Where the scanner is, as a JSON Pointer (RFC 6901: `~` as `~0`, `/` as `~1`).
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.path {
            pointer.push('/');
            match step {
                Step::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
                Step::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }
}
