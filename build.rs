//! Joins the built-in pack's data files (data/builtin/) into one minified JSON document that
//! `src/rules/builtin.rs` compiles in: the header of pack.json, then every document's rules in the order
//! of SPEC §5. Minified, so the download carries the data and not its indentation.

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
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin.json");
    std::fs::write(&out, serde_json::to_string(&pack).expect("serialises"))
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
