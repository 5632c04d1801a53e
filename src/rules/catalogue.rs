//! The catalogue `standards()` returns: everything a host page needs to build its own pickers or cite
//! rules, for one ruleset.

use super::{Choice, Construction, DocStatus, RuleKind, Ruleset, RulesetTag, Str, Txt};
use serde::Serialize;

#[derive(Serialize)]
pub struct Catalogue {
    pub version: Str,
    pub ruleset: RulesetTag,
    pub title: Txt,
    pub publisher: Str,
    pub documents: Vec<DocumentEntry>,
    pub jurisdictions: Vec<JurisdictionEntry>,
    pub settlements: Vec<ChoiceEntry>,
    pub constructions: Vec<ChoiceEntry>,
    pub programmes: Vec<ChoiceEntry>,
    pub rules: Vec<RuleEntry>,
}

#[derive(Serialize)]
pub struct DocumentEntry {
    pub id: Str,
    pub title: Str,
    pub short_title: Txt,
    pub issuer: Txt,
    pub date: Str,
    pub status: DocStatus,
    pub source: Option<Str>,
    pub draft: bool,
}

#[derive(Serialize)]
pub struct JurisdictionEntry {
    pub id: Str,
    pub name_zh: Str,
    pub name_en: Str,
    pub documents: Vec<Str>,
    pub programmes: Vec<Str>,
    /// The community types offered here, in this jurisdiction's words.
    pub settlements: Vec<ChoiceEntry>,
}

#[derive(Serialize)]
pub struct ChoiceEntry {
    pub id: Str,
    pub name_zh: Str,
    pub name_en: Str,
    pub description_zh: Str,
    pub description_en: Str,
}

#[derive(Serialize)]
pub struct RuleEntry {
    pub id: Str,
    pub doc: Str,
    pub kind: RuleKind,
    pub title_zh: Str,
    pub title_en: Str,
    pub section: Str,
    pub quote: Str,
    pub draft: bool,
    pub scope_zh: Str,
    pub scope_en: Str,
    pub settlements: Vec<Str>,
    pub constructions: Vec<&'static str>,
    pub programmes: Vec<Str>,
    pub note_zh: Option<Str>,
    pub note_en: Option<Str>,
}

fn entry(id: &Str, name: &Txt, description: &Txt) -> ChoiceEntry {
    ChoiceEntry {
        id: id.clone(),
        name_zh: name.zh.clone(),
        name_en: name.en.clone(),
        description_zh: description.zh.clone(),
        description_en: description.en.clone(),
    }
}

fn ids(choices: &[Choice], set: super::Set) -> Vec<Str> {
    set.members(choices.len())
        .map(|i| choices[i].id.clone())
        .collect()
}

pub fn catalogue(set: &Ruleset) -> Catalogue {
    Catalogue {
        version: set.version.clone(),
        ruleset: set.tag(),
        title: set.title.clone(),
        publisher: set.publisher.clone(),
        documents: set
            .documents
            .iter()
            .map(|d| DocumentEntry {
                id: d.id.clone(),
                title: d.title.clone(),
                short_title: d.short_title.clone(),
                issuer: d.issuer.clone(),
                date: d.date.clone(),
                status: d.status,
                source: d.source.clone(),
                draft: d.draft(),
            })
            .collect(),
        jurisdictions: set
            .jurisdictions
            .iter()
            .map(|j| JurisdictionEntry {
                id: j.id.clone(),
                name_zh: j.name.zh.clone(),
                name_en: j.name.en.clone(),
                documents: j
                    .documents
                    .iter()
                    .map(|d| set.documents[*d].id.clone())
                    .collect(),
                programmes: ids(&set.programmes, j.programmes),
                settlements: j
                    .settlements
                    .iter()
                    .map(|o| entry(&set.settlements[o.settlement].id, &o.name, &o.description))
                    .collect(),
            })
            .collect(),
        settlements: set
            .settlements
            .iter()
            .map(|s| entry(&s.id, &s.name, &s.description))
            .collect(),
        constructions: Construction::ALL
            .iter()
            .map(|c| {
                let (name, description) = c.words();
                ChoiceEntry {
                    id: c.id().into(),
                    name_zh: name.zh.into(),
                    name_en: name.en.into(),
                    description_zh: description.zh.into(),
                    description_en: description.en.into(),
                }
            })
            .collect(),
        programmes: set
            .programmes
            .iter()
            .map(|p| entry(&p.id, &p.name, &p.description))
            .collect(),
        rules: set
            .rules
            .iter()
            .map(|r| RuleEntry {
                id: r.id.clone(),
                doc: set.documents[r.doc].id.clone(),
                kind: r.kind,
                title_zh: r.title.zh.clone(),
                title_en: r.title.en.clone(),
                section: r.section.clone(),
                quote: r.quote.clone(),
                draft: set.documents[r.doc].draft(),
                scope_zh: r.scope.text.zh.clone(),
                scope_en: r.scope.text.en.clone(),
                settlements: ids(&set.settlements, r.scope.settlements),
                constructions: Construction::ALL
                    .iter()
                    .filter(|c| r.scope.constructions.has(c.index()))
                    .map(|c| c.id())
                    .collect(),
                programmes: ids(&set.programmes, r.scope.programmes),
                note_zh: r.note.as_ref().map(|n| n.zh.clone()),
                note_en: r.note.as_ref().map(|n| n.en.clone()),
            })
            .collect(),
    }
}
