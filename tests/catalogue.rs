//! The built-in pack (data/builtin/*.json) itself: complete, consistent, and quoting the source documents to
//! the letter.
mod common;
use common::{SPEC_CONSTRUCTIONS, SPEC_PROGRAMMES, SPEC_SETTLEMENTS};
use facility_calc::builtin;
use facility_calc::rules::{Construction, catalogue};
use std::path::PathBuf;

/// SPEC §5's rule ids, in order.
const SPEC_RULE_IDS: &[&str] = &[
    "nmg2017.area.per_households",
    "nmg2017.area.urban_min",
    "nmg2017.area.urban_new_min",
    "nmg2017.area.rural_300",
    "nmg2017.area.rural_150",
    "nmg2017.office.rural_max",
    "nmg2017.volunteers",
    "ds2023.area.urban_per_households",
    "ds2023.area.urban_min",
    "ds2023.area.village_farming_min",
    "ds2023.area.village_pastoral_min",
    "ds2023.demo.area_per_households",
    "ds2023.demo.activity_min",
    "ds2023.demo.staff_min",
    "ds2023.funding",
    "alzq2024.area.per_households",
    "alzq2024.office.max",
    "alzq2024.staff",
    "xam2018.area.per_households",
    "xam2018.office.max",
    "xam2018.rc_formation",
    "rs2018.area.per_households",
    "rs2018.scale",
    "rs2018.social_orgs_min",
    "rs2018.volunteers",
    "rs2018.acceptance",
];

#[test]
fn rules_are_spec_rules_in_spec_order() {
    let set = builtin();
    let ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, SPEC_RULE_IDS);
    for rule in &set.rules {
        let doc = set.rule_document(rule);
        assert!(rule.id.starts_with(&format!("{}.", doc.id)), "{}", rule.id);
    }
}

#[test]
fn every_choice_has_names_and_descriptions() {
    let set = builtin();
    let ids: Vec<&str> = set.settlements.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, SPEC_SETTLEMENTS);
    assert_eq!(Construction::ALL.map(Construction::id), SPEC_CONSTRUCTIONS);
    let programmes: Vec<&str> = set.programmes.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(programmes, SPEC_PROGRAMMES);
    for choice in set.settlements.iter().chain(&set.programmes) {
        assert!(
            !choice.name.zh.is_empty() && !choice.name.en.is_empty(),
            "{}",
            choice.id
        );
        assert!(
            !choice.description.zh.is_empty() && !choice.description.en.is_empty(),
            "{}",
            choice.id
        );
    }
    let standard = set.programme_index("standard").unwrap();
    for j in &set.jurisdictions {
        assert!(!j.documents.is_empty(), "{}", j.id);
        assert!(j.programmes.has(standard), "{}", j.id);
    }
    let demo = set.programme_index("beijiang_demo").unwrap();
    let only_dongsheng: Vec<&str> = set
        .jurisdictions
        .iter()
        .filter(|j| j.programmes.has(demo))
        .map(|j| j.id.as_str())
        .collect();
    assert_eq!(only_dongsheng, ["dongsheng"]);
}

fn seed_text(seed: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(seed);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each quote in the data files, split at its "……" elisions, stands word for word in the document it cites.
#[test]
fn quotes_stand_in_their_documents() {
    let set = builtin();
    assert_eq!(set.rules.len(), SPEC_RULE_IDS.len(), "the data files load");
    for rule in &set.rules {
        let doc = set.rule_document(rule);
        let seed = doc
            .source
            .as_deref()
            .expect("each built-in document names its text");
        let text = seed_text(seed);
        for part in rule.quote.split("……") {
            let part = part.trim_end_matches('。');
            assert!(text.contains(part), "{}: not in {seed}: {part}", rule.id);
        }
    }
}

#[test]
fn catalogue_lists_everything() {
    let set = builtin();
    let c = catalogue(&set);
    assert_eq!(c.documents.len(), 5);
    assert_eq!(c.jurisdictions.len(), 5);
    assert_eq!(c.settlements.len(), 8);
    assert_eq!(c.rules.len(), SPEC_RULE_IDS.len());
    let demo = c
        .rules
        .iter()
        .find(|r| r.id == "ds2023.demo.activity_min")
        .unwrap();
    assert_eq!(demo.programmes, ["beijiang_demo"]);
    let rural = c
        .rules
        .iter()
        .find(|r| r.id == "nmg2017.office.rural_max")
        .unwrap();
    assert_eq!(rural.settlements.len(), 6);
    assert!(
        c.rules
            .iter()
            .filter(|r| r.doc == "rs2018")
            .all(|r| r.draft)
    );
}
