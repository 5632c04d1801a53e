//! Test helpers: a one-line scenario language and a compact rendering of results, so each test case is
//! one table row: `check("xam city hh=1250 total=420 office=60", expect)`.
#![allow(dead_code)]

/// SPEC §4's jurisdictions, in order.
pub const SPEC_JURISDICTIONS: &[&str] = &["nmg", "xam", "dongsheng", "aolezhaoqi", "renshou"];

/// SPEC §4's construction types, in order.
pub const SPEC_CONSTRUCTIONS: &[&str] = &["existing", "new", "renovated"];

/// SPEC §4's programmes, in order.
pub const SPEC_PROGRAMMES: &[&str] = &["standard", "beijiang_demo", "capacity_upgrade"];

/// SPEC §4's community types, in order.
pub const SPEC_SETTLEMENTS: &[&str] = &[
    "city",
    "town",
    "township_seat",
    "urban_village",
    "suburban_village",
    "central_village",
    "farming_village",
    "pastoral_village",
];

use facility_calc::{Evaluation, FieldError, Raw, RawInput, evaluate_raw};

/// Builds raw inputs from words: the first two are jurisdiction and settlement; then `key=value` pairs where
/// key is construction, programme, hh, pop, occ, total, office, activity (values are passed as typed text
/// when quoted with `'`, else as numbers); `planned=x` passes a non-object planned.
pub fn scenario(words: &str) -> RawInput {
    let mut raw = RawInput::default();
    let mut parts = words.split_whitespace();
    let value = |v: &str| -> Raw {
        if let Some(text) = v.strip_prefix('\'') {
            Raw::text(text.trim_end_matches('\'').replace('_', " "))
        } else if v == "null" {
            Raw::Absent
        } else if v == "true" {
            Raw::Bool(true)
        } else {
            v.parse::<f64>()
                .map(Raw::Number)
                .unwrap_or_else(|_| Raw::text(v))
        }
    };
    if let Some(j) = parts.next().filter(|w| !w.contains('=')) {
        raw.jurisdiction = value(j);
    }
    if let Some(s) = parts.next().filter(|w| !w.contains('=')) {
        raw.settlement = value(s);
    }
    for part in words.split_whitespace().filter(|w| w.contains('=')) {
        let (key, v) = part.split_once('=').unwrap();
        let v = value(v);
        match key {
            "jurisdiction" => raw.jurisdiction = v,
            "settlement" => raw.settlement = v,
            "construction" => raw.construction = v,
            "programme" => raw.programme = v,
            "hh" => raw.households = v,
            "pop" => raw.population = v,
            "occ" => raw.occupied_households = v,
            "floor" => raw.residential_floor_area_m2 = v,
            "planned" => raw.planned = v,
            "total" | "office" | "activity" => {
                if raw.planned == Raw::Absent {
                    raw.planned = Raw::Object;
                }
                match key {
                    "total" => raw.planned_total_m2 = v,
                    "office" => raw.planned_office_m2 = v,
                    _ => raw.planned_activity_m2 = v,
                }
            }
            other => panic!("unknown scenario key {other}"),
        }
    }
    raw
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or("-".to_string(), |v| v.to_string())
}

/// The top-level figures on one line.
pub fn render_summary(e: &Evaluation) -> String {
    let scale = e.scale.map_or("-".to_string(), |s| {
        format!(
            "{}..{}:{:?}:{}",
            s.min_households, s.max_households, s.status, s.suggested_communities
        )
    });
    format!(
        "area={} basis={} office={}/{} activity={}/{} staff={}..{} vol={} orgs={} scale={} rc={} funding={} verdict={}",
        opt(e.required_area_m2),
        opt(e.area_basis_m2),
        opt(e.office_max_share),
        opt(e.office_max_m2),
        opt(e.activity_min_share),
        opt(e.activity_min_m2),
        opt(e.staff_min),
        opt(e.staff_max),
        opt(e.volunteers_min),
        opt(e.social_orgs_min),
        scale,
        opt(e.rc_formation.map(|f| format!("{f:?}"))),
        opt(e.funding_cny),
        opt(e.verdict.map(|v| format!("{v:?}"))),
    )
}

/// One line per rule: `id status figure[..max] [actual] [*governing*]`.
pub fn render_rules(e: &Evaluation) -> String {
    e.rules
        .iter()
        .map(|r| {
            let mut line = format!("{} {:?}", r.id, r.status);
            if let Some(f) = r.figure {
                line.push_str(&format!(" {f}"));
            }
            if let Some(m) = r.figure_max {
                line.push_str(&format!("..{m}"));
            }
            if let Some(a) = r.actual {
                line.push_str(&format!(" actual={a}"));
            }
            if r.governing {
                line.push_str(" G");
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn render_errors(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{} {}", e.field, e.code))
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn run(words: &str) -> Result<Evaluation, Vec<FieldError>> {
    evaluate_raw(&facility_calc::builtin(), &scenario(words))
}

/// Compares normalised text, so expectations can be indented in the test source.
pub fn assert_text(actual: &str, expected: &str, context: &str) {
    let norm = |s: &str| {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        norm(actual),
        norm(expected),
        "\n--- for {context}\n--- actual:\n{actual}\n"
    );
}

/// The scenario words of the design a fix plan describes, for the community `r` was worked out for: its
/// total, office and activity areas (the floor where no activity area was planned).
pub fn planned_design(r: &Evaluation, p: &facility_calc::plan::FixPlan) -> String {
    let mut words = format!(
        "{} {} construction={} programme={} hh={} total={}",
        r.jurisdiction,
        r.settlement,
        r.construction.id(),
        r.programme,
        r.households,
        p.total_m2
    );
    if let Some(o) = p.office_m2 {
        words += &format!(" office={o}");
    }
    if let Some(a) = p.activity_m2.or(p.activity_min_m2) {
        words += &format!(" activity={a}");
    }
    words
}

/// Writes `contents` to `file` (relative to the crate) when it differs, and fails saying so: what a test
/// generates is committed, so a clean clone whose generated file is stale fails too (rust-analyzer's
/// sourcegen pattern).
pub fn ensure_file_contents(file: &str, contents: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if old.replace("\r\n", "\n") == contents {
        return;
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(&path, contents).unwrap();
    panic!("{file} was not up to date and has been updated: commit it");
}
