//! The one field registry (`fields::FIELDS`): well-formed, and the only place a field's label or header
//! words are written.
use facility_calc::fields::{FIELDS, Group, Id};
use facility_calc::input::RawInput;
use std::collections::HashSet;
use std::path::Path;

#[test]
fn each_field_sits_at_its_own_index_with_unique_names() {
    let mut ids = HashSet::new();
    let mut links = HashSet::new();
    for (i, field) in FIELDS.iter().enumerate() {
        assert_eq!(field.key as usize, i, "{}", field.id);
        assert_eq!(Id::ALL[i], field.key);
        assert!(ids.insert(field.id), "API id {} twice", field.id);
        if let Some(link) = field.link {
            assert!(links.insert(link), "link name {link} twice");
        }
        assert!(
            !field.label.zh.is_empty() && !field.label.en.is_empty(),
            "{}",
            field.id
        );
        assert!(
            !field.example.is_empty() && !field.noun_en.is_empty(),
            "{}",
            field.id
        );
    }
}

#[test]
fn form_sheet_and_input_lists_come_from_the_registry() {
    for id in Id::FORM {
        assert_eq!(Id::form_field(id.name()), Some(id), "{}", id.name());
        assert_eq!(Id::form_field(id.id()), Some(id), "{}", id.id());
        assert!(!matches!(id.group(), Group::Sheet | Group::Api));
    }
    // The sheet's columns are the first eleven fields, so `id as usize` indexes per-column arrays.
    for (i, id) in Id::SHEET.into_iter().enumerate() {
        assert_eq!(id as usize, i);
        assert_eq!(Id::from_id(id.id()), Some(id));
        assert!(id.field().sheet.is_some());
    }
    assert_eq!(
        Id::from_id("input"),
        None,
        "an API argument is not a column"
    );
    assert_eq!(
        Id::form_field("name"),
        None,
        "the sheet's name column is not a form field"
    );
    // Every engine input is a sheet column and has a slot in RawInput.
    for id in RawInput::FIELDS {
        assert!(Id::SHEET.contains(&id), "{}", id.id());
        assert!(RawInput::default().slot(id).is_some(), "{}", id.id());
    }
    assert!(RawInput::default().slot(Id::SheetName).is_none());
}

#[test]
fn no_header_word_names_two_fields() {
    let mut seen = std::collections::HashMap::new();
    for id in Id::SHEET {
        for word in id.synonyms() {
            if let Some(other) = seen.insert(*word, id) {
                panic!("{word} is a synonym of both {} and {}", other.id(), id.id());
            }
        }
    }
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A field's label, with or without its unit, is written in `src/fields.rs` and nowhere else in the source
/// or `batch-web/`: every other part reads it from the registry. (`www/batch.js` still has its own words
/// for the name column: issue 14's JavaScript step.)
#[test]
fn labels_are_written_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("batch-web/src"), &mut files);
    let mut found = Vec::new();
    for path in &files {
        if path.ends_with("src/fields.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for field in FIELDS.iter().filter(|f| f.group != Group::Api) {
            for label in [
                field.label.zh,
                field.label.en,
                field.short_label.zh,
                field.short_label.en,
            ] {
                // The label alone, or as the form shows it with its unit or qualifier.
                let mut written = vec![format!("\"{label}\""), format!("'{label}'")];
                if let Some(note) = field.label_note {
                    written.push(format!("\"{label}（{}）", note.zh));
                    written.push(format!("\"{label} ({})", note.en));
                }
                for quoted in written {
                    if text.contains(&quoted) {
                        found.push(format!(
                            "{}: {quoted}",
                            path.strip_prefix(root).unwrap().display()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "labels written again outside src/fields.rs:\n{}",
        found.join("\n")
    );
}
