//! What is generated from the one table of rule kinds and figure shapes (`src/rules/kinds.rs`), in the
//! spirit of rust-analyzer's sourcegen tests: the JSON Schema's `kind` list, per-kind shape lists and
//! figure shapes (`www/rule-pack.schema.json`, copied to `dist/`), the two tables of RULE-PACKS.md, and
//! the pack editor's data file (`www/rule-format.json`: kinds, shapes, keys, ranges, words).
//! When a file differs from what the table gives, the test writes the new text and fails, so a change to
//! the table is one edit plus `cargo test` (commit what it wrote). The reader is checked against the same
//! table: a figure of every shape built from it loads, and each of its ranges is enforced.

mod common;
use common::ensure_file_contents;
use facility_calc::number::format_number as num;
use facility_calc::registry::Registry;
use facility_calc::rules::kinds::{
    Basis, Feeds, KINDS, Key, Range, SHAPES, ShapeDef, Value, level_words, status_words,
};
use facility_calc::rules::{Construction, DocStatus, Level};
use facility_calc::text::Text;
use serde_json::{Value as Json, json};
use std::path::Path;

const ID_PATTERN: &str = "^[A-Za-z0-9_.-]{1,64}$";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---- The JSON Schema -------------------------------------------------------------------------------

fn text_schema(about: &str) -> Json {
    json!({ "type": "string", "minLength": 1, "pattern": "\\S", "maxLength": 8000, "description": about })
}

fn number_schema(range: Range, about: &str) -> Json {
    let mut schema = serde_json::Map::new();
    schema.insert(
        "type".into(),
        json!(if range.whole { "integer" } else { "number" }),
    );
    let min = if range.min_inclusive {
        "minimum"
    } else {
        "exclusiveMinimum"
    };
    schema.insert(min.into(), json!(range.min));
    schema.insert("maximum".into(), json!(range.max));
    schema.insert("description".into(), json!(about));
    Json::Object(schema)
}

/// The properties and required names of an object with these keys (plus `leading` first).
fn object_schema(leading: &[(&str, Json)], keys: &[Key]) -> Json {
    let mut properties = serde_json::Map::new();
    let mut required: Vec<&str> = leading.iter().map(|(name, _)| *name).collect();
    for (name, schema) in leading {
        properties.insert((*name).into(), schema.clone());
    }
    for key in keys {
        let about = key.about.en;
        match key.value {
            Value::Number(range) => {
                properties.insert(key.name.into(), number_schema(range, about));
            }
            Value::Words { zh, en } => {
                properties.insert(zh.into(), text_schema(&format!("{about} (Chinese)")));
                properties.insert(
                    en.into(),
                    text_schema(&format!("{about} (English; default: the Chinese)")),
                );
            }
            Value::Settlements => {
                properties.insert(
                    key.name.into(),
                    json!({ "oneOf": [
                        { "const": "all" },
                        { "type": "array", "minItems": 1, "items": { "type": "string", "pattern": ID_PATTERN } }
                    ], "description": about }),
                );
            }
            Value::Programme => {
                properties.insert(
                    key.name.into(),
                    json!({ "type": "string", "pattern": ID_PATTERN, "description": about }),
                );
            }
            Value::Entries(entry) => {
                properties.insert(
                    key.name.into(),
                    json!({
                        "type": "array", "minItems": 1, "maxItems": 500, "description": about,
                        "items": object_schema(&[], entry)
                    }),
                );
            }
            Value::OneOf(words) => {
                properties.insert(
                    key.name.into(),
                    json!({ "enum": words, "description": about }),
                );
            }
            Value::Figure(shapes) => {
                properties.insert(
                    key.name.into(),
                    json!({
                        "oneOf": shapes.iter().map(|s| shape_schema(s.def())).collect::<Vec<_>>(),
                        "description": about
                    }),
                );
            }
        }
        if key.required {
            required.push(key.names().next().unwrap());
        }
    }
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties
    })
}

fn shape_schema(shape: &ShapeDef) -> Json {
    object_schema(
        &[(
            "shape",
            json!({ "const": shape.id, "description": shape.computes.en }),
        )],
        shape.keys,
    )
}

/// The parts of a rule's schema the table decides: its kinds, its figures, and which kind takes which shape.
fn rule_parts() -> (Json, Json, Json, Json) {
    let level = json!({
        "enum": [Level::Required.id(), Level::Recommended.id()],
        "description": "a requirement (the default) or a recommended value, shown as 建议值 and never failing a design"
    });
    let kinds = json!({
        "enum": KINDS.iter().map(|k| k.id).collect::<Vec<_>>(),
        "description": "what the figure is about: see the kind table in RULE-PACKS.md"
    });
    let figure = json!({ "oneOf": SHAPES.iter().map(shape_schema).collect::<Vec<_>>() });
    let per_kind = json!(
        KINDS
            .iter()
            .map(|k| json!({
                "if": { "properties": { "kind": { "const": k.id } }, "required": ["kind"] },
                "then": { "properties": { "figure": { "properties": { "shape": { "enum": k.shape_ids() } } } } }
            }))
            .collect::<Vec<_>>()
    );
    (kinds, level, figure, per_kind)
}

#[test]
fn the_json_schema_is_generated_from_the_kind_table() {
    let file = "www/rule-pack.schema.json";
    let mut schema: Json =
        serde_json::from_str(&std::fs::read_to_string(root().join(file)).unwrap()).unwrap();
    let (kinds, level, figure, per_kind) = rule_parts();
    let rule = &mut schema["properties"]["rules"]["items"];
    rule["properties"]["kind"] = kinds;
    rule["properties"]["level"] = level;
    rule["properties"]["figure"] = figure;
    rule["allOf"] = per_kind;
    let mut text = serde_json::to_string_pretty(&schema).unwrap();
    text.push('\n');
    ensure_file_contents(file, &text);
}

// ---- RULE-PACKS.md ---------------------------------------------------------------------------------

fn range_words(range: Range) -> String {
    let lo = num(range.min);
    let hi = num(range.max);
    let whole = if range.whole { "whole, " } else { "" };
    if range.min_inclusive {
        format!("{whole}{lo}–{hi}")
    } else {
        format!("{whole}more than {lo}, at most {hi}")
    }
}

fn keys_words(keys: &[Key]) -> String {
    keys.iter()
        .map(|key| {
            (
                key,
                match key.value {
                    Value::Number(range) => format!("`{}` ({})", key.name, range_words(range)),
                    Value::Words { zh, en } => format!("`{zh}`/`{en}`"),
                    Value::Settlements => {
                        format!("`{}` (`\"all\"` or type ids; default all)", key.name)
                    }
                    Value::Programme => format!("`{}` (a programme id)", key.name),
                    Value::Entries(entry) => {
                        format!("`{}`: a list of {{ {} }}", key.name, keys_words(entry))
                    }
                    Value::OneOf(words) => format!(
                        "`{}` ({})",
                        key.name,
                        words
                            .iter()
                            .map(|w| format!("`{w}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Value::Figure(shapes) => format!(
                        "`{}` (a figure: {})",
                        key.name,
                        shapes
                            .iter()
                            .map(|s| format!("`{}`", s.id()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                },
            )
        })
        // Settlements say their default themselves.
        .map(|(key, words)| match (key.required, key.value) {
            (false, Value::Number(_)) => format!("{words}, optional"),
            _ => words,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn markdown_tables() -> String {
    let mut out = String::from("| `kind` | feeds | allowed `figure.shape` |\n|---|---|---|\n");
    for k in KINDS {
        let keys: Vec<String> = k.feeds_keys().iter().map(|f| format!("`{f}`")).collect();
        let feeds = match k.feeds {
            Feeds::Largest(_) => format!("{} (largest governs)", keys.join(", ")),
            Feeds::Smallest(_) => format!("{} (smallest governs)", keys.join(", ")),
            Feeds::Range(..) => format!("{} (the narrowest range governs)", keys.join(", ")),
            Feeds::Scale | Feeds::Formation => keys.join(", "),
            Feeds::Nothing => "(a statement)".into(),
        };
        let shapes: Vec<String> = k.shape_ids().iter().map(|s| format!("`{s}`")).collect();
        out += &format!("| `{}` | {feeds} | {} |\n", k.id, shapes.join(", "));
    }
    out += "\n| `shape` | keys | computes |\n|---|---|---|\n";
    for s in SHAPES {
        let constraint = s.constraint.map(|c| format!("; `{c}`")).unwrap_or_default();
        out += &format!(
            "| `{}` | {}{constraint} | {} |\n",
            s.id,
            keys_words(s.keys),
            s.computes.en
        );
    }
    out
}

const BEGIN: &str =
    "<!-- The two tables below are generated from src/rules/kinds.rs by tests/sourcegen.rs. -->\n";
const END: &str = "<!-- End of the generated tables. -->\n";

#[test]
fn rule_packs_md_tables_are_generated_from_the_kind_table() {
    let file = "RULE-PACKS.md";
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    let start = text
        .find(BEGIN)
        .expect("RULE-PACKS.md has the generated tables' start marker")
        + BEGIN.len();
    let end = text[start..]
        .find(END)
        .expect("RULE-PACKS.md has the end marker")
        + start;
    let updated = format!("{}{}{}", &text[..start], markdown_tables(), &text[end..]);
    ensure_file_contents(file, &updated);
}

// ---- The pack editor's data file ------------------------------------------------------------------

fn words(text: Text) -> Json {
    json!({ "zh": text.zh, "en": text.en })
}

fn key_format(key: &Key) -> Json {
    let value = match key.value {
        Value::Number(range) => json!({
            "type": "number", "min": range.min, "min_inclusive": range.min_inclusive,
            "max": range.max, "whole": range.whole
        }),
        Value::Words { zh, en } => json!({ "type": "words", "zh": zh, "en": en }),
        Value::Settlements => json!({ "type": "settlements" }),
        Value::Programme => json!({ "type": "programme" }),
        Value::Entries(entry) => json!({
            "type": "entries", "keys": entry.iter().map(key_format).collect::<Vec<_>>()
        }),
        Value::OneOf(choices) => json!({
            "type": "one_of",
            "choices": choices.iter().map(|id| {
                let unit = Basis::from_id(id).map(|b| words(b.unit()));
                json!({ "id": id, "words": unit })
            }).collect::<Vec<_>>()
        }),
        Value::Figure(shapes) => json!({
            "type": "figure", "shapes": shapes.iter().map(|s| s.id()).collect::<Vec<_>>()
        }),
    };
    json!({
        "name": key.name, "names": key.names().collect::<Vec<_>>(), "required": key.required,
        "about": words(key.about), "value": value
    })
}

/// The example packs of `examples/packs/`, copied to `dist/packs/`: file and title.
fn example_packs() -> Vec<Json> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("examples/packs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let pack: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            let name = path.file_name().unwrap().to_str().unwrap();
            json!({
                "file": format!("packs/{name}"),
                "title": { "zh": pack["title"], "en": pack.get("title_en").unwrap_or(&pack["title"]) }
            })
        })
        .collect()
}

fn rule_format() -> Json {
    let levels: Vec<Json> = [Level::Required, Level::Recommended]
        .iter()
        .map(|l| json!({ "id": l.id(), "words": words(level_words(*l)) }))
        .collect();
    json!({
        "about": "Generated from src/rules/kinds.rs by tests/sourcegen.rs for the pack editor (pack-editor.js); do not edit.",
        "format": "facility-calc/rules@1",
        "kinds": KINDS.iter().map(|k| json!({
            "id": k.id, "label": words(k.label()), "about": words(k.about), "bound": words(k.bound()),
            "shapes": k.shape_ids(), "feeds": k.feeds_keys(), "recommended": k.takes_recommended()
        })).collect::<Vec<_>>(),
        "shapes": SHAPES.iter().map(|s| json!({
            "id": s.id, "computes": words(s.computes), "form": words(s.form()),
            "constraint": s.constraint, "keys": s.keys.iter().map(key_format).collect::<Vec<_>>()
        })).collect::<Vec<_>>(),
        "levels": levels,
        "statuses": DocStatus::ALL.iter()
            .map(|s| json!({ "id": s.id(), "words": words(status_words(*s)) })).collect::<Vec<_>>(),
        "constructions": Construction::ALL.iter()
            .map(|c| json!({ "id": c.id(), "words": words(c.words().0) })).collect::<Vec<_>>(),
        "examples": example_packs(),
    })
}

#[test]
fn the_pack_editors_data_file_is_generated_from_the_kind_table() {
    let mut text = serde_json::to_string_pretty(&rule_format()).unwrap();
    text.push('\n');
    ensure_file_contents("www/rule-format.json", &text);
}

// ---- The reader against the table ------------------------------------------------------------------

/// A valid value for a key, at the low end of its range (`at_max`: the high end). Optional keys are left
/// out (the last tier has no `up_to`).
fn sample(key: &Key, at_max: bool, figure: &mut serde_json::Map<String, Json>) {
    if !key.required {
        return;
    }
    match key.value {
        Value::Number(range) => {
            let n = if at_max {
                range.max
            } else if range.min_inclusive {
                range.min
            } else {
                range.min + 1.0
            };
            figure.insert(key.name.into(), json!(n));
        }
        Value::Words { zh, en } => {
            figure.insert(zh.into(), json!("按规定执行"));
            figure.insert(en.into(), json!("As the rule says"));
        }
        Value::Settlements => {
            figure.insert(key.name.into(), json!("all"));
        }
        Value::Programme => {
            figure.insert(key.name.into(), json!("standard"));
        }
        Value::Entries(entry) => {
            let mut one = serde_json::Map::new();
            for k in entry {
                sample(k, at_max, &mut one);
            }
            figure.insert(key.name.into(), json!([one]));
        }
        Value::OneOf(words) => {
            figure.insert(
                key.name.into(),
                json!(words[usize::from(at_max) % words.len()]),
            );
        }
        Value::Figure(shapes) => {
            let shape = shapes[0].def();
            let mut inner = serde_json::Map::new();
            inner.insert("shape".into(), json!(shape.id));
            for k in shape.keys {
                sample(k, at_max, &mut inner);
            }
            figure.insert(key.name.into(), Json::Object(inner));
        }
    }
}

fn pack_with(kind: &str, figure: &Json) -> String {
    json!({
        "format": "facility-calc/rules@1", "id": "t", "version": "1", "title": "T", "publisher": "P",
        "extends": "builtin",
        "documents": [{ "id": "x", "title": "某县意见", "issuer_zh": "某县", "date": "2026", "status": "example" }],
        "jurisdictions": [{ "id": "xj", "name_zh": "某县", "documents": ["x"] }],
        "rules": [{ "id": "x.r", "document": "x", "kind": kind, "title_zh": "规则", "figure": figure,
                    "section": "一", "quote": "原文" }]
    })
    .to_string()
}

fn problems(text: &str) -> Vec<String> {
    match Registry::default().load_text(text) {
        Ok(_) => vec![],
        Err(errors) => errors
            .iter()
            .map(|e| format!("{} {}", e.path, e.code))
            .collect(),
    }
}

#[test]
fn every_kind_and_shape_of_the_table_is_read_with_its_ranges() {
    let mut checked = 0;
    for kind in KINDS {
        for shape in kind.shapes {
            let shape = shape.def();
            for at_max in [false, true] {
                let mut figure = serde_json::Map::new();
                figure.insert("shape".into(), json!(shape.id));
                for key in shape.keys {
                    sample(key, at_max, &mut figure);
                }
                let what = format!("{} / {} (at_max {at_max})", kind.id, shape.id);
                assert_eq!(
                    problems(&pack_with(kind.id, &Json::Object(figure.clone()))),
                    Vec::<String>::new(),
                    "{what}"
                );
                // Each number one step outside its range, and each required key left out, is refused there.
                for key in shape.keys {
                    let at = format!("/rules/0/figure/{}", key.names().next().unwrap());
                    if let Value::Number(range) = key.value {
                        let mut bad = figure.clone();
                        bad.insert(key.name.into(), json!(range.max * 10.0 + 1.0));
                        assert_eq!(
                            problems(&pack_with(kind.id, &Json::Object(bad))),
                            [format!("{at} out_of_range")],
                            "{what}: {}",
                            key.name
                        );
                        let mut bad = figure.clone();
                        bad.insert(key.name.into(), json!(range.min - 1.0));
                        assert_eq!(
                            problems(&pack_with(kind.id, &Json::Object(bad))),
                            [format!("{at} out_of_range")],
                            "{what}: {}",
                            key.name
                        );
                        checked += 2;
                    }
                    if key.required {
                        let mut bad = figure.clone();
                        bad.remove(key.names().next().unwrap());
                        assert_eq!(
                            problems(&pack_with(kind.id, &Json::Object(bad))),
                            [format!("{at} missing")],
                            "{what}: {}",
                            key.name
                        );
                        checked += 1;
                    }
                }
                let mut bad = figure.clone();
                bad.insert("m2_per_1000".into(), json!(1));
                assert_eq!(
                    problems(&pack_with(kind.id, &Json::Object(bad))),
                    ["/rules/0/figure/m2_per_1000 unknown_key"],
                    "{what}"
                );
            }
        }
        // A shape of no kind but another is refused as a mismatch.
        for other in SHAPES.iter().filter(|s| !kind.shapes.contains(&s.shape)) {
            let mut figure = serde_json::Map::new();
            figure.insert("shape".into(), json!(other.id));
            for key in other.keys {
                sample(key, false, &mut figure);
            }
            assert_eq!(
                problems(&pack_with(kind.id, &Json::Object(figure))),
                ["/rules/0/figure/shape shape_mismatch"],
                "{} / {}",
                kind.id,
                other.id
            );
        }
    }
    assert!(checked > 30, "{checked}");
}
