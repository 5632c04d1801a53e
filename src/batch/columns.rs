//! Which column holds which input: each header is matched against ONE table of synonyms plus the engine's
//! own field ids and labels (`input::fields`), so a field's name is never written twice. What cannot be
//! decided (unknown, ambiguous, two columns for one input) is reported for the user to settle.

use super::sheet::{Cell, Sheet, column_letters};
use crate::form::Key;
use crate::input::{Field, field, fields};
use serde::{Deserialize, Serialize};

/// The community's name: the one batch column that is not an engine input.
pub const NAME: Field = field("name", "名称", "Name", "the community's name", "幸福社区");

/// What a column can hold: the name, or one of the engine's inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Target {
    Name,
    Jurisdiction,
    Settlement,
    Construction,
    Programme,
    Households,
    Population,
    OccupiedHouseholds,
    TotalM2,
    OfficeM2,
    ActivityM2,
}

impl Target {
    pub const ALL: [Target; 11] = [
        Target::Name,
        Target::Jurisdiction,
        Target::Settlement,
        Target::Construction,
        Target::Programme,
        Target::Households,
        Target::Population,
        Target::OccupiedHouseholds,
        Target::TotalM2,
        Target::OfficeM2,
        Target::ActivityM2,
    ];

    /// The field it fills: its id (`planned.total_m2`), labels and example come from `input::fields`.
    pub fn field(self) -> Field {
        match self {
            Target::Name => NAME,
            Target::Jurisdiction => fields::JURISDICTION,
            Target::Settlement => fields::SETTLEMENT,
            Target::Construction => fields::CONSTRUCTION,
            Target::Programme => fields::PROGRAMME,
            Target::Households => fields::HOUSEHOLDS,
            Target::Population => fields::POPULATION,
            Target::OccupiedHouseholds => fields::OCCUPIED,
            Target::TotalM2 => fields::PLANNED_TOTAL,
            Target::OfficeM2 => fields::PLANNED_OFFICE,
            Target::ActivityM2 => fields::PLANNED_ACTIVITY,
        }
    }

    /// The id used in a [`Mapping`] and in messages: the engine's field id (`households`, `planned.total_m2`).
    pub fn id(self) -> &'static str {
        self.field().id
    }

    pub fn from_id(id: &str) -> Option<Target> {
        let id = id.trim();
        Target::ALL
            .into_iter()
            .find(|t| t.id() == id || t.key().is_some_and(|k| k.name() == id))
    }

    /// The widget's key for this input (its query-string name is `key().name()`); `None` for the name.
    pub fn key(self) -> Option<Key> {
        Key::from_field_id(self.id())
    }

    /// Whether a row cannot be checked without it (a sheet-wide choice can stand in for jurisdiction and
    /// community type).
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Target::Jurisdiction | Target::Settlement | Target::Households
        )
    }

    /// Whether one value can be chosen for the whole sheet instead of a column.
    pub fn is_sheet_choice(self) -> bool {
        matches!(
            self,
            Target::Jurisdiction | Target::Settlement | Target::Construction | Target::Programme
        )
    }
}

impl From<Target> for &'static str {
    fn from(target: Target) -> &'static str {
        target.id()
    }
}

impl TryFrom<String> for Target {
    type Error = String;
    fn try_from(id: String) -> Result<Target, String> {
        Target::from_id(&id).ok_or_else(|| format!("unknown column target \"{id}\""))
    }
}

/// Header words planners use, beyond each field's own id and labels. Compared after [`normalise`].
const SYNONYMS: &[(Target, &[&str])] = &[
    (
        Target::Name,
        &[
            "小区名称",
            "社区名称",
            "名称",
            "社区名",
            "小区名",
            "小区",
            "社区",
            "项目名称",
            "项目",
            "嘎查村名称",
            "村名称",
            "村名",
            "community",
            "community name",
            "compound",
        ],
    ),
    (
        Target::Jurisdiction,
        &[
            "旗区",
            "辖区",
            "地区",
            "所属地区",
            "旗县区",
            "旗县",
            "县区",
            "盟市",
            "区县",
            "所属旗区",
            "region",
            "district",
            "area code",
        ],
    ),
    (
        Target::Settlement,
        &[
            "类型",
            "社区类型",
            "社区类别",
            "类别",
            "type",
            "community type",
            "settlement type",
        ],
    ),
    (
        Target::Construction,
        &[
            "建设类型",
            "建设性质",
            "新建/改造",
            "新建或改造",
            "新建",
            "改造",
            "现有/新建/改造",
            "construction type",
            "build",
        ],
    ),
    (
        Target::Programme,
        &["专项", "创建类型", "示范创建", "program"],
    ),
    (
        Target::Households,
        &[
            "户数",
            "总户数",
            "住户数",
            "居民户数",
            "常住户数",
            "规划户数",
            "hh",
            "households total",
        ],
    ),
    (
        Target::Population,
        &[
            "人口",
            "常住人口",
            "人口数",
            "总人口",
            "居民人数",
            "居住人口",
            "pop",
            "residents",
        ],
    ),
    (
        Target::OccupiedHouseholds,
        &["已入住户数", "入住户数", "已入住", "moved in", "occupied"],
    ),
    (
        Target::TotalM2,
        &[
            "规划面积",
            "总建筑面积",
            "规划总建筑面积",
            "规划总面积",
            "建筑面积",
            "总面积",
            "设施面积",
            "用房面积",
            "服务设施面积",
            "total area",
            "planned area",
            "total",
        ],
    ),
    (
        Target::OfficeM2,
        &[
            "办公面积",
            "办公用房面积",
            "办公用房",
            "office area",
            "office",
        ],
    ),
    (
        Target::ActivityM2,
        &[
            "活动面积",
            "居民活动面积",
            "活动区域面积",
            "居民活动区域面积",
            "活动用房面积",
            "活动用房",
            "activity area",
            "activity",
        ],
    ),
];

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
    let synonyms = SYNONYMS
        .iter()
        .filter(move |(t, _)| *t == target)
        .flat_map(|(_, words)| words.iter().copied());
    let own = [field.id, field.label.zh, field.label.en];
    let key_name = target.key().map(|k| k.name());
    own.into_iter()
        .chain(key_name)
        .chain(synonyms)
        .map(normalise)
}

/// Matches one header: (status, target, candidates) before duplicates are considered.
fn match_header(header: &str) -> (MatchStatus, Option<Target>, Vec<Target>) {
    let n = normalise(header);
    if n.is_empty() {
        return (MatchStatus::Unknown, None, Vec::new());
    }
    let exact: Vec<Target> = Target::ALL
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
    for target in Target::ALL {
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
    let missing: Vec<Target> = Target::ALL
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
