//! Joins the built-in pack's data files (data/builtin/) into one document that `src/rules/builtin.rs`
//! compiles in: the header of pack.json, then every document's rules in the order of SPEC §5. It is
//! written in `value::compact`'s encoding, so the crate reads it without a JSON parser (and so without
//! importing the JS boundary, where JSON text is read).

use std::path::Path;

/// Each document's rule file, in the order of SPEC §5.
const RULE_FILES: [&str; 5] = ["nmg2017", "ds2023", "alzq2024", "xam2018", "rs2018"];

fn main() {
    let dir = Path::new("data/builtin");
    println!("cargo:rerun-if-changed=data/builtin");
    let read = |name: &str| -> serde_json::Value {
        let path = dir.join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let mut pack = read("pack.json");
    let mut rules = Vec::new();
    for doc in RULE_FILES {
        match read(&format!("{doc}.json"))
            .get_mut("rules")
            .map(serde_json::Value::take)
        {
            Some(serde_json::Value::Array(more)) => rules.extend(more),
            _ => panic!("data/builtin/{doc}.json has no \"rules\" list"),
        }
    }
    pack.as_object_mut()
        .expect("data/builtin/pack.json is an object")
        .insert("rules".into(), serde_json::Value::Array(rules));
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin.bin");
    let mut bytes = Vec::new();
    encode(&pack, &mut bytes);
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

// The tags of `src/value.rs`'s `compact` module (kept in step by its round-trip test in src/rules/builtin.rs).
const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const NUMBER: u8 = 3;
const TEXT: u8 = 4;
const ARRAY: u8 = 5;
const OBJECT: u8 = 6;

fn encode(value: &serde_json::Value, out: &mut Vec<u8>) {
    use serde_json::Value;
    match value {
        Value::Null => out.push(NULL),
        Value::Bool(false) => out.push(FALSE),
        Value::Bool(true) => out.push(TRUE),
        Value::Number(n) => {
            out.push(NUMBER);
            out.extend(n.as_f64().expect("a finite number").to_le_bytes());
        }
        Value::String(s) => {
            out.push(TEXT);
            text(s, out);
        }
        Value::Array(items) => {
            out.push(ARRAY);
            length(items.len(), out);
            items.iter().for_each(|item| encode(item, out));
        }
        Value::Object(members) => {
            out.push(OBJECT);
            length(members.len(), out);
            for (key, value) in members {
                text(key, out);
                encode(value, out);
            }
        }
    }
}

fn text(s: &str, out: &mut Vec<u8>) {
    length(s.len(), out);
    out.extend(s.as_bytes());
}

fn length(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}
