//! The rule tables themselves: complete, consistent, and quoting the source documents to the letter.
use facility_calc::standards::{
    CONSTRUCTIONS, Construction, DOCUMENTS, JURISDICTIONS, PROGRAMMES, Programme, RULES,
    SETTLEMENTS, Settlement, catalogue, document,
};
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
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids, SPEC_RULE_IDS);
    for rule in RULES {
        assert!(
            rule.id.starts_with(&format!("{}.", rule.doc)),
            "{}",
            rule.id
        );
        assert!(document(rule.doc).is_some(), "{}", rule.id);
    }
}

#[test]
fn every_choice_has_names_and_descriptions() {
    assert_eq!(
        SETTLEMENTS.iter().map(|s| s.id).collect::<Vec<_>>(),
        Settlement::ALL
    );
    assert_eq!(
        CONSTRUCTIONS.iter().map(|c| c.id).collect::<Vec<_>>(),
        Construction::ALL
    );
    assert_eq!(
        PROGRAMMES.iter().map(|p| p.id).collect::<Vec<_>>(),
        Programme::ALL
    );
    for j in JURISDICTIONS {
        assert!(
            j.documents.iter().all(|d| document(d).is_some()),
            "{}",
            j.id
        );
        assert!(j.programmes.has_programme(Programme::Standard), "{}", j.id);
    }
    let only_dongsheng: Vec<&str> = JURISDICTIONS
        .iter()
        .filter(|j| j.programmes.has_programme(Programme::BeijiangDemo))
        .map(|j| j.id)
        .collect();
    assert_eq!(only_dongsheng, ["dongsheng"]);
}

fn seed_text(seed: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(seed);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each quote, split at its "……" elisions, stands word for word in the document it cites.
#[test]
fn quotes_stand_in_their_documents() {
    for rule in RULES {
        let doc = document(rule.doc).unwrap();
        let text = seed_text(doc.seed);
        for part in rule.quote.split("……") {
            let part = part.trim_end_matches('。');
            assert!(
                text.contains(part),
                "{}: not in {}: {part}",
                rule.id,
                doc.seed
            );
        }
    }
}

#[test]
fn catalogue_lists_everything() {
    let c = catalogue();
    assert_eq!(c.documents.len(), DOCUMENTS.len());
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
