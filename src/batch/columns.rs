//! Which column holds which input: each header is matched against the field registry's synonyms, ids,
//! link names and labels (`fields::FIELDS`), so a field's name is never written twice. What cannot be
//! decided (unknown, ambiguous, two columns for one input) is reported for the user to settle.

use super::sheet::{Cell, Sheet, column_letters};
use crate::fields::Field;
use serde::{Deserialize, Serialize};

/// What a column can hold: the name, or one of the engine's inputs — a field of the one registry, with
/// its header synonyms there (`fields::FIELDS`).
pub use crate::fields::Id as Target;

/// The community's name: the one batch column that is not an engine input.
pub const NAME: Field = Target::SheetName.field();

/// Headers that could mean several inputs: the user picks.
const AMBIGUOUS: &[(&str, &[Target])] = &[
    (
        "面积",
        &[Target::TotalM2, Target::OfficeM2, Target::ActivityM2],
    ),
    (
        "area",
        &[Target::TotalM2, Target::OfficeM2, Target::ActivityM2],
    ),
    (
        "m2",
        &[Target::TotalM2, Target::OfficeM2, Target::ActivityM2],
    ),
    ("人数", &[Target::Population, Target::Households]),
    ("数量", &[Target::Households, Target::Population]),
];

/// Lower case, without spaces, `_ . - *`, a bracketed note or unit (（户）, (m²)) or a trailing unit.
fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0u32;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '_' | '.' | '-' | '*' | '＊' | ':' | '：') => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    for unit in ["平方米", "m²", "㎡", "m2", "/户", "/人"] {
        if out.len() > unit.len()
            && let Some(stripped) = out.strip_suffix(unit)
        {
            out.truncate(stripped.len());
            break;
        }
    }
    out
}

/// How a column was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchStatus {
    /// The header is one of the target's names.
    Matched,
    /// The header contains one of the target's names (`所属社区类型`): likely, worth a glance.
    Guessed,
    /// The header could mean several inputs (`面积`): the user picks one of `candidates`.
    Ambiguous,
    /// Another column already holds this input: ignored unless the user picks it instead.
    Duplicate,
    /// Not an input (a remark, a phone number): kept in the output, not read.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnMatch {
    pub column: usize,
    /// A, B, … as the spreadsheet labels the column.
    pub letter: String,
    pub header: String,
    pub status: MatchStatus,
    /// What the column is read as (`None`: not read).
    pub target: Option<Target>,
    /// For `ambiguous` and `duplicate`: what it might be.
    pub candidates: Vec<Target>,
}

/// Which column holds which input: one entry per sheet column, `None` where the column is not read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mapping {
    pub columns: Vec<Option<Target>>,
}

impl Mapping {
    /// The column holding `target` (the first, should a hand-made mapping name two).
    pub fn column_of(&self, target: Target) -> Option<usize> {
        self.columns.iter().position(|t| *t == Some(target))
    }

    /// Reads `column` as `target` (or not at all): a column given a target takes it from any other column.
    pub fn set(&mut self, column: usize, target: Option<Target>) {
        if let Some(t) = target {
            for slot in &mut self.columns {
                if *slot == Some(t) {
                    *slot = None;
                }
            }
        }
        if self.columns.len() <= column {
            self.columns.resize(column + 1, None);
        }
        self.columns[column] = target;
    }
}

/// What [`match_columns`] found: the page's mapping step shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnReport {
    pub columns: Vec<ColumnMatch>,
    pub mapping: Mapping,
    /// The first rows' cells as text, for the preview beside the mapping.
    pub preview: Vec<Vec<String>>,
    /// Required inputs with no column: households must get one; jurisdiction and community type may
    /// instead be chosen for the whole sheet.
    pub missing: Vec<Target>,
    /// Whether the user should look before checking: something ambiguous, duplicated or missing.
    pub needs_review: bool,
}

/// Rows shown in the mapping preview.
pub const PREVIEW_ROWS: usize = 5;

/// Every name a target answers to, normalised: the synonyms, the field's id and its zh/en labels.
fn names(target: Target) -> impl Iterator<Item = String> {
    let field = target.field();
    let own = [field.id, field.label.zh, field.label.en];
    own.into_iter()
        .chain(field.link)
        .chain(target.synonyms().iter().copied())
        .map(normalise)
}

/// Matches one header: (status, target, candidates) before duplicates are considered.
fn match_header(header: &str) -> (MatchStatus, Option<Target>, Vec<Target>) {
    let n = normalise(header);
    if n.is_empty() {
        return (MatchStatus::Unknown, None, Vec::new());
    }
    let exact: Vec<Target> = Target::SHEET
        .into_iter()
        .filter(|t| names(*t).any(|name| name == n))
        .collect();
    if let [only] = exact[..] {
        return (MatchStatus::Matched, Some(only), Vec::new());
    }
    if let Some((_, candidates)) = AMBIGUOUS.iter().find(|(word, _)| normalise(word) == n) {
        return (MatchStatus::Ambiguous, None, candidates.to_vec());
    }
    if exact.len() > 1 {
        return (MatchStatus::Ambiguous, None, exact);
    }
    // The longest name the header contains decides; a tie between inputs is ambiguous.
    let mut best_len = 0;
    let mut best: Vec<Target> = Vec::new();
    for target in Target::SHEET {
        let longest = names(target)
            .filter(|name| name.chars().count() >= 2 && n.contains(name.as_str()))
            .map(|name| name.chars().count())
            .max()
            .unwrap_or(0);
        if longest == 0 {
            continue;
        }
        if longest > best_len {
            best_len = longest;
            best = vec![target];
        } else if longest == best_len {
            best.push(target);
        }
    }
    match best[..] {
        [only] => (MatchStatus::Guessed, Some(only), Vec::new()),
        [] => match AMBIGUOUS
            .iter()
            .find(|(word, _)| n.contains(&normalise(word)))
        {
            Some((_, candidates)) => (MatchStatus::Ambiguous, None, candidates.to_vec()),
            None => (MatchStatus::Unknown, None, Vec::new()),
        },
        _ => (MatchStatus::Ambiguous, None, best),
    }
}

/// The header among the rows read: the row among the first few that names the most inputs (at least
/// two), else the first row.
pub(super) fn header_index(sheet: &Sheet) -> usize {
    let candidates = sheet.rows.len().min(super::sheet::HEADER_SEARCH_ROWS);
    let scores: Vec<usize> = sheet.rows[..candidates]
        .iter()
        .map(|row| header_score(&row.cells))
        .collect();
    match scores.iter().copied().max() {
        Some(best) if best >= 2 => scores.iter().position(|s| *s == best).unwrap_or(0),
        _ => 0,
    }
}

/// How many different inputs a row's cells name: the row naming the most is the header.
fn header_score(cells: &[Cell]) -> usize {
    let mut found: Vec<Target> = Vec::new();
    for cell in cells {
        if let Cell::Text(text) = cell
            && let (MatchStatus::Matched | MatchStatus::Guessed, Some(target), _) =
                match_header(text)
            && !found.contains(&target)
        {
            found.push(target);
        }
    }
    found.len()
}

/// Matches every header of the sheet. A later column naming an input already taken is a duplicate
/// (a `matched` column takes precedence over an earlier `guessed` one).
pub fn match_columns(sheet: &Sheet) -> ColumnReport {
    let mut columns: Vec<ColumnMatch> = sheet
        .headers
        .iter()
        .enumerate()
        .map(|(column, header)| {
            let (status, target, candidates) = match_header(header);
            ColumnMatch {
                column,
                letter: column_letters(column),
                header: header.clone(),
                status,
                target,
                candidates,
            }
        })
        .collect();
    for rank in [MatchStatus::Matched, MatchStatus::Guessed] {
        for i in 0..columns.len() {
            let Some(target) = columns[i].target else {
                continue;
            };
            if columns[i].status != rank {
                continue;
            }
            // Held already by a matched column, or by an earlier column of the same rank.
            let taken = columns.iter().enumerate().any(|(j, c)| {
                j != i
                    && c.target == Some(target)
                    && match (c.status, rank) {
                        (MatchStatus::Matched, MatchStatus::Guessed) => true,
                        (held, _) => held == rank && j < i,
                    }
            });
            if taken {
                columns[i].status = MatchStatus::Duplicate;
                columns[i].target = None;
                columns[i].candidates = vec![target];
            }
        }
    }
    let mapping = Mapping {
        columns: columns.iter().map(|c| c.target).collect(),
    };
    let missing: Vec<Target> = Target::SHEET
        .into_iter()
        .filter(|t| t.is_required() && mapping.column_of(*t).is_none())
        .collect();
    let needs_review = !missing.is_empty()
        || columns.iter().any(|c| {
            matches!(
                c.status,
                MatchStatus::Ambiguous | MatchStatus::Duplicate | MatchStatus::Guessed
            )
        });
    let preview = sheet
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|row| {
            (0..sheet.headers.len())
                .map(|c| row.cell(c).text().into_owned())
                .collect()
        })
        .collect();
    ColumnReport {
        columns,
        mapping,
        preview,
        missing,
        needs_review,
    }
}
