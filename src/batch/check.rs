//! Checking every row: cells → the engine's `RawInput` → one call into the engine → a [`RowResult`] of
//! figures and a verdict word. Rows are never dropped or reordered; a row with bad input lists every
//! problem and the rest of the sheet is still checked.

use super::columns::{Mapping, Target};
use super::sheet::{Cell, Row, Sheet};
use super::values::Names;
use crate::engine::{Figures, figures};
use crate::engine::{Status, Verdict};
use crate::fields::Id;
use crate::input::validate;
use crate::input::{FieldError, Input, Raw, RawInput, TOLERANCE_M2};
use crate::number::format_number;
use crate::rules::{RuleKind, Ruleset, Str, Txt};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

/// The one call into the engine: the numbers-only path, which builds no formula or quote strings.
fn evaluate_row(set: &Ruleset, raw: &RawInput) -> Result<(Input, Figures), Vec<FieldError>> {
    validate(set, raw).map(|input| {
        let figures = figures(set, &input);
        (input, figures)
    })
}

/// Values chosen for the whole sheet, as ids or names (`xam` or 兴安盟): used where the sheet has no
/// column for the input or the row's cell is blank.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SheetChoices {
    pub jurisdiction: Option<String>,
    pub settlement: Option<String>,
    pub construction: Option<String>,
    pub programme: Option<String>,
    /// What texts of a column mean when they name nothing by themselves (乌兰浩特市 → 兴安盟), settled by
    /// the user once per distinct text (the CLI's `--value`).
    pub values: Vec<ValueChoice>,
}

/// One settled text: in `column` (0-based), cells holding `text` (trimmed) read as `value` (an id or a
/// name the choice answers to).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueChoice {
    pub column: usize,
    pub text: String,
    pub value: String,
}

/// A text of a choice column that names nothing under the standards in use, with the rows it is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnreadableValue {
    pub column: usize,
    pub target: Target,
    pub text: String,
    pub rows: Vec<u32>,
}

/// Every distinct text of a choice column (地区, 社区类型, 建设情况, 专项计划) that names nothing under `set`,
/// per column in sheet order, with the rows it occurs in (rows that are not communities left out): what a
/// user settles once each (`SheetChoices::values`). Read exactly as checking reads it (a type within its
/// row's jurisdiction), so a text listed here is one that checking refuses.
pub fn unreadable_values(
    set: &Ruleset,
    sheet: &Sheet,
    mapping: &Mapping,
    choices: &SheetChoices,
) -> Vec<UnreadableValue> {
    let mut plan = Plan::new(set, sheet, mapping, choices, Detail::Output);
    let mut found: Vec<UnreadableValue> = Vec::new();
    for row in &sheet.rows {
        if not_a_community(row, &plan.columns).is_some() {
            continue;
        }
        let mut jurisdiction: Option<Str> = None;
        for target in Target::SHEET.into_iter().filter(|t| t.is_sheet_choice()) {
            let Some(column) = plan.columns[target as usize] else {
                continue;
            };
            let Cell::Text(text) = row.cell(column) else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            let value = plan.value(row, target, jurisdiction.clone()).into_owned();
            let known = match (&value, target) {
                (Raw::Text(id), Target::Jurisdiction) => {
                    let known = set.jurisdictions.iter().find(|j| j.id == **id);
                    jurisdiction = known.map(|j| j.id.clone());
                    known.is_some()
                }
                (Raw::Text(id), Target::Settlement) => set.settlements.iter().any(|s| s.id == **id),
                (Raw::Text(id), Target::Programme) => set.programmes.iter().any(|p| p.id == **id),
                (Raw::Text(id), Target::Construction) => {
                    crate::rules::Construction::ALL.iter().any(|c| c.id() == id)
                }
                _ => true,
            };
            if known {
                continue;
            }
            let text = text.trim();
            match found
                .iter_mut()
                .find(|u| u.column == column && u.text == text)
            {
                Some(u) => u.rows.push(row.number),
                None => found.push(UnreadableValue {
                    column,
                    target,
                    text: text.to_string(),
                    rows: vec![row.number],
                }),
            }
        }
    }
    found.sort_by_key(|u| u.column);
    found
}

impl SheetChoices {
    /// Chooses `value` for the whole sheet; a target that cannot be one choice is ignored.
    pub fn set(&mut self, target: Target, value: String) {
        let slot = match target {
            Target::Jurisdiction => &mut self.jurisdiction,
            Target::Settlement => &mut self.settlement,
            Target::Construction => &mut self.construction,
            Target::Programme => &mut self.programme,
            _ => return,
        };
        *slot = Some(value);
    }

    pub fn get(&self, target: Target) -> Option<&str> {
        match target {
            Target::Jurisdiction => self.jurisdiction.as_deref(),
            Target::Settlement => self.settlement.as_deref(),
            Target::Construction => self.construction.as_deref(),
            Target::Programme => self.programme.as_deref(),
            _ => None,
        }
        .filter(|v| !v.trim().is_empty())
    }

    /// Problems with the choices themselves (a jurisdiction nobody knows), in the engine's words, so a
    /// page or the command line can refuse them before checking any row.
    pub fn validate(&self, set: &Ruleset) -> Vec<FieldError> {
        let names = Names::new(set);
        let chosen: Vec<Target> = Target::SHEET
            .into_iter()
            .filter(|t| self.get(*t).is_some())
            .collect();
        if chosen.is_empty() {
            return Vec::new();
        }
        // The choices with a stand-in for the one other input the engine requires.
        let mut probe = RawInput {
            households: Raw::Number(1.0),
            ..RawInput::default()
        };
        for &target in &chosen {
            if let (Some(slot), Some(text)) = (probe.slot(target), self.get(target)) {
                *slot = names.raw_text(target, text);
            }
        }
        match evaluate_row(set, &probe) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .filter(|e| chosen.contains(&e.field) && e.code != crate::input::ErrorCode::Missing)
                .collect(),
        }
    }
}

/// Exactly one of the four words a bureau reads in the verdict column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowVerdict {
    /// 达标: every check passes.
    Pass,
    /// 不达标: some check fails.
    Fail,
    /// 待补充: no planned design to compare, or a part of it (office, activity area) missing.
    Incomplete,
    /// 输入有误: the row's input has problems; see its errors.
    Invalid,
    /// 已跳过: not a community (a 合计 row, a 填表人 line): kept in its place, never counted.
    Skipped,
}

impl RowVerdict {
    pub const ALL: [RowVerdict; 5] = [
        RowVerdict::Pass,
        RowVerdict::Fail,
        RowVerdict::Incomplete,
        RowVerdict::Invalid,
        RowVerdict::Skipped,
    ];

    /// The id in data and the word in the verdict cell.
    fn names(self) -> (&'static str, Text) {
        let (id, zh, en) = match self {
            RowVerdict::Pass => ("pass", "达标", "Pass"),
            RowVerdict::Fail => ("fail", "不达标", "Fail"),
            RowVerdict::Incomplete => ("incomplete", "待补充", "Incomplete"),
            RowVerdict::Invalid => ("invalid", "输入有误", "Input error"),
            RowVerdict::Skipped => ("skipped", "已跳过", "Skipped"),
        };
        (id, Text { zh, en })
    }

    /// The word in the verdict cell.
    pub fn word(self) -> Text {
        self.names().1
    }

    pub fn id(self) -> &'static str {
        self.names().0
    }
}

/// One problem in one cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellError {
    /// The spreadsheet's row number.
    pub row: u32,
    /// The column's header (or 第 C 列); for an input with no column, the field's label.
    pub column: String,
    /// A, B, … when the value came from a column.
    pub letter: Option<String>,
    /// The engine's field id (`households`, `planned.office_m2`).
    pub field: crate::fields::Id,
    pub code: crate::input::ErrorCode,
    pub message: String,
    pub message_zh: String,
}

/// One input of a row as it was given to the engine: choice names already turned into ids. Serialised as
/// `{field, key, text}`: `index.html?{key}={text}&…` opens the row in the widget.
#[derive(Clone, Debug, PartialEq)]
pub struct RowInput {
    pub target: Target,
    pub text: String,
}

impl RowInput {
    /// The engine's field id (`planned.total_m2`).
    pub fn field(&self) -> &'static str {
        self.target.id()
    }

    /// The widget's query-string name (`total_m2`).
    pub fn key(&self) -> &'static str {
        self.target.key().map_or(self.target.id(), |k| k.name())
    }
}

impl Serialize for RowInput {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut input = serializer.serialize_struct("RowInput", 3)?;
        input.serialize_field("field", self.field())?;
        input.serialize_field("key", self.key())?;
        input.serialize_field("text", &self.text)?;
        input.end()
    }
}

/// One checked row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowResult {
    /// The spreadsheet's row number.
    pub row: u32,
    /// From the name column, else 第 N 行.
    pub name: String,
    pub inputs: Vec<RowInput>,
    pub verdict: RowVerdict,
    pub required_area_m2: Option<f64>,
    /// The ceiling on the total, and the recommended total, where the standards give them.
    pub max_area_m2: Option<f64>,
    pub recommended_area_m2: Option<f64>,
    pub planned_total_m2: Option<f64>,
    pub office_max_m2: Option<f64>,
    pub activity_min_m2: Option<f64>,
    pub staff_min: Option<u64>,
    pub staff_max: Option<u64>,
    /// m² the facility is short of the required area.
    pub area_to_add_m2: Option<f64>,
    /// m² the facility is above a ceiling on the total.
    pub area_to_remove_m2: Option<f64>,
    /// m² of office above the ceiling, to give over to services.
    pub office_to_move_m2: Option<f64>,
    /// m² of resident activity area below the floor.
    pub activity_to_add_m2: Option<f64>,
    /// What to do, in words (empty when the row passes).
    pub action_zh: String,
    pub action_en: String,
    /// The documents whose rule decides the verdict (the failing governing rule, else the governing area
    /// rule): (doc id, short title); [`RowResult::governing_titles`] joins the titles.
    pub governing_docs: Vec<(Str, Txt)>,
    pub errors: Vec<CellError>,
}

impl RowResult {
    /// The governing documents' short titles (`Document::short_title`), joined for one cell.
    pub fn governing_titles(&self, zh: bool) -> String {
        self.governing_text(zh).into_owned()
    }

    /// [`RowResult::governing_titles`], borrowed when there is one document (most rows), for writers.
    pub(crate) fn governing_text(&self, zh: bool) -> Cow<'_, str> {
        fn title(doc: &(Str, Txt), zh: bool) -> &str {
            if zh { &doc.1.zh } else { &doc.1.en }
        }
        match &self.governing_docs[..] {
            [only] => Cow::Borrowed(title(only, zh)),
            docs => Cow::Owned(
                docs.iter()
                    .map(|doc| title(doc, zh))
                    .collect::<Vec<_>>()
                    .join(if zh { "、" } else { "; " }),
            ),
        }
    }

    /// What still has to be built or moved, in m² (0 for a passing row).
    pub fn gap_m2(&self) -> f64 {
        self.area_to_add_m2.unwrap_or(0.0)
            + self.office_to_move_m2.unwrap_or(0.0)
            + self.activity_to_add_m2.unwrap_or(0.0)
    }

    /// The row's problems as one text: 第 3 行「户数」：…；…
    pub fn errors_text(&self, zh: bool) -> String {
        self.errors
            .iter()
            .map(|e| {
                if zh {
                    format!("「{}」{}", e.column, e.message_zh)
                } else {
                    format!("\"{}\": {}", e.column, e.message)
                }
            })
            .collect::<Vec<_>>()
            .join(if zh { "；" } else { "; " })
    }
}

/// Counts and totals for the top of the page and the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// The rows checked: every community row (skipped rows are not among them).
    pub rows: usize,
    pub pass: usize,
    pub fail: usize,
    pub incomplete: usize,
    pub invalid: usize,
    /// Rows that are not communities (合计, 填表人), left out of every count.
    pub skipped: usize,
    /// Their spreadsheet row numbers (the first [`Summary::LISTED`]).
    pub skipped_rows: Vec<u32>,
    /// Σ area still to build across all rows.
    pub total_to_build_m2: f64,
    /// Indices into `Report::rows` of the rows furthest from the standard, worst first (at most
    /// [`Summary::WORST`]).
    pub worst: Vec<usize>,
}

impl Summary {
    pub const WORST: usize = 5;
    /// Skipped rows listed by number.
    pub const LISTED: usize = 50;

    /// Counts one more row (a caller checking in chunks keeps a running summary; [`Report::new`] also
    /// picks the worst rows).
    pub fn add(&mut self, row: &RowResult) {
        if row.verdict == RowVerdict::Skipped {
            self.skipped += 1;
            if self.skipped_rows.len() < Summary::LISTED {
                self.skipped_rows.push(row.row);
            }
            return;
        }
        self.rows += 1;
        match row.verdict {
            RowVerdict::Pass => self.pass += 1,
            RowVerdict::Fail => self.fail += 1,
            RowVerdict::Incomplete => self.incomplete += 1,
            RowVerdict::Invalid => self.invalid += 1,
            RowVerdict::Skipped => {}
        }
        self.total_to_build_m2 += row.area_to_add_m2.unwrap_or(0.0);
    }

    /// Whether every row passes (the command line's exit code 0).
    pub fn all_pass(&self) -> bool {
        self.pass == self.rows
    }

    /// Adds the counts and totals of rows counted elsewhere (another thread's chunks); `worst` is kept.
    pub fn merge(&mut self, other: &Summary) {
        self.rows += other.rows;
        self.pass += other.pass;
        self.fail += other.fail;
        self.incomplete += other.incomplete;
        self.invalid += other.invalid;
        self.skipped += other.skipped;
        let room = Summary::LISTED.saturating_sub(self.skipped_rows.len());
        self.skipped_rows
            .extend(other.skipped_rows.iter().take(room).copied());
        self.total_to_build_m2 += other.total_to_build_m2;
    }

    /// Whether no community row could be checked at all (every one has input errors, or there is none):
    /// the summary must say so rather than "0 m² still to build".
    pub fn nothing_checked(&self) -> bool {
        self.invalid == self.rows
    }

    pub fn count(&self, verdict: RowVerdict) -> usize {
        match verdict {
            RowVerdict::Pass => self.pass,
            RowVerdict::Fail => self.fail,
            RowVerdict::Incomplete => self.incomplete,
            RowVerdict::Invalid => self.invalid,
            RowVerdict::Skipped => self.skipped,
        }
    }
}

/// Every row checked, in input order, and the summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    pub rows: Vec<RowResult>,
    pub summary: Summary,
    /// The optional result columns the standards call for (a ceiling, a recommended value).
    #[serde(skip)]
    pub columns: super::ResultColumns,
}

impl Report {
    /// Gathers rows checked (e.g. in chunks by [`check_rows`]) and sums them up.
    pub fn new(rows: Vec<RowResult>) -> Report {
        let mut summary = Summary::default();
        for row in &rows {
            summary.add(row);
        }
        let mut failing: Vec<usize> = (0..rows.len())
            .filter(|i| rows[*i].verdict == RowVerdict::Fail)
            .collect();
        failing.sort_by(|a, b| rows[*b].gap_m2().total_cmp(&rows[*a].gap_m2()));
        failing.truncate(Summary::WORST);
        summary.worst = failing;
        Report {
            rows,
            summary,
            columns: super::ResultColumns::default(),
        }
    }

    /// The same report, with the result columns `set`'s rules call for.
    pub fn under(mut self, set: &Ruleset) -> Report {
        self.columns = super::ResultColumns::of(set);
        self
    }

    /// Whether every row passes (the command line's exit code 0).
    pub fn all_pass(&self) -> bool {
        self.summary.all_pass()
    }
}

/// Checks every row of the sheet.
pub fn check(set: &Ruleset, sheet: &Sheet, mapping: &Mapping, choices: &SheetChoices) -> Report {
    Report::new(check_rows(
        set,
        sheet,
        mapping,
        choices,
        0..sheet.rows.len(),
    ))
    .under(set)
}

/// Checks the rows in `range` (indices into `sheet.rows`; clamped to the sheet), for a caller that
/// reports progress or can be cancelled between chunks.
pub fn check_rows(
    set: &Ruleset,
    sheet: &Sheet,
    mapping: &Mapping,
    choices: &SheetChoices,
    range: Range<usize>,
) -> Vec<RowResult> {
    check_rows_for(set, sheet, mapping, choices, range, Detail::Full)
}

/// How much of each row is worked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Everything: the page's table and links, the API.
    Full,
    /// Only what a written result shows (figures, verdict, action, governing rule, errors): not the row's
    /// `inputs` or `name`, which are the sheet's own cells beside it. A row then costs a few allocations
    /// instead of a dozen (the command line writes 100,000 rows).
    Output,
}

pub(crate) fn check_rows_for(
    set: &Ruleset,
    sheet: &Sheet,
    mapping: &Mapping,
    choices: &SheetChoices,
    range: Range<usize>,
    detail: Detail,
) -> Vec<RowResult> {
    let mut plan = Plan::new(set, sheet, mapping, choices, detail);
    let end = range.end.min(sheet.rows.len());
    let start = range.start.min(end);
    sheet.rows[start..end]
        .iter()
        .map(|row| plan.check(row))
        .collect()
}

/// Where each input comes from, worked out once per sheet (not per row).
struct Plan<'a> {
    set: &'a Ruleset,
    sheet: &'a Sheet,
    names: Names,
    /// Per target: its column, if the mapping gives one.
    columns: [Option<usize>; Target::SHEET.len()],
    /// Per target: the sheet-wide choice, already read.
    chosen: [Raw; Target::SHEET.len()],
    /// Choice cells already read (a sheet repeats a few names thousands of times); a community type by
    /// the row's jurisdiction too, whose own names for its types win.
    read_choices: HashMap<(Target, Option<Str>, &'a str), Raw>,
    /// What the user said a column's unreadable texts mean (`SheetChoices::values`).
    values: Vec<ValueChoice>,
    detail: Detail,
    /// With [`Detail::Output`], one input reused for every row (its texts keep their allocations).
    raw: RawInput,
}

impl<'a> Plan<'a> {
    fn new(
        set: &'a Ruleset,
        sheet: &'a Sheet,
        mapping: &Mapping,
        choices: &SheetChoices,
        detail: Detail,
    ) -> Plan<'a> {
        let names = Names::new(set);
        let columns = Target::SHEET.map(|t| mapping.column_of(t));
        let chosen = Target::SHEET.map(|t| match choices.get(t) {
            Some(text) => names.raw_text(t, text),
            None => Raw::Absent,
        });
        Plan {
            set,
            sheet,
            names,
            columns,
            chosen,
            read_choices: HashMap::new(),
            values: choices.values.clone(),
            detail,
            raw: RawInput::default(),
        }
    }

    /// The value of one input: borrowed where it was read before (a choice cell, the sheet-wide choice).
    /// `jurisdiction`: the row's, for its community type.
    fn value(&mut self, row: &'a Row, target: Target, jurisdiction: Option<Str>) -> Cow<'_, Raw> {
        let index = target as usize;
        let from_cell = match (self.columns[index], target.is_sheet_choice()) {
            (None, _) => Raw::Absent,
            (Some(column), true) => match row.cell(column) {
                Cell::Text(text) => {
                    let names = &self.names;
                    let values = &self.values;
                    let read = self
                        .read_choices
                        .entry((target, jurisdiction, text.as_str()))
                        .or_insert_with_key(|(_, j, _)| {
                            // A text the user settled for this column reads as what they chose.
                            let settled = values
                                .iter()
                                .find(|v| v.column == column && v.text.trim() == text.trim())
                                .map_or(text.as_str(), |v| v.value.as_str());
                            names.raw_text_in(target, settled, j.as_deref())
                        });
                    if *read != Raw::Absent {
                        return Cow::Borrowed(read);
                    }
                    Raw::Absent
                }
                cell => self.names.raw(target, cell),
            },
            (Some(column), false) => self.names.raw(target, row.cell(column)),
        };
        match from_cell {
            Raw::Absent => Cow::Borrowed(&self.chosen[index]),
            given => Cow::Owned(given),
        }
    }

    fn check(&mut self, row: &'a Row) -> RowResult {
        let mut raw = std::mem::take(&mut self.raw);
        for target in Target::SHEET {
            // Read before the type: the row's jurisdiction, when it names one.
            let jurisdiction = match (&raw.jurisdiction, target) {
                (Raw::Text(id), Target::Settlement) => self
                    .set
                    .jurisdictions
                    .iter()
                    .find(|j| j.id == **id)
                    .map(|j| j.id.clone()),
                _ => None,
            };
            if let Some(slot) = raw.slot(target) {
                match self.value(row, target, jurisdiction) {
                    Cow::Borrowed(value) => assign(slot, value),
                    Cow::Owned(value) => *slot = value,
                }
            }
        }
        let planned = [Target::TotalM2, Target::OfficeM2, Target::ActivityM2];
        raw.planned = if planned
            .into_iter()
            .any(|t| raw.slot(t).is_some_and(|v| *v != Raw::Absent))
        {
            Raw::Object
        } else {
            Raw::Absent
        };
        let name = match (self.detail, self.columns[Target::SheetName as usize]) {
            (Detail::Output, _) => String::new(),
            (Detail::Full, Some(column)) => row.cell(column).text().trim().to_string(),
            (Detail::Full, None) => String::new(),
        };
        let name = if name.is_empty() && self.detail == Detail::Full {
            format!("第 {} 行", row.number)
        } else {
            name
        };
        let mut result = RowResult {
            row: row.number,
            name,
            inputs: Vec::new(),
            verdict: RowVerdict::Invalid,
            required_area_m2: None,
            max_area_m2: None,
            recommended_area_m2: None,
            planned_total_m2: None,
            office_max_m2: None,
            activity_min_m2: None,
            staff_min: None,
            staff_max: None,
            area_to_add_m2: None,
            area_to_remove_m2: None,
            office_to_move_m2: None,
            activity_to_add_m2: None,
            action_zh: String::new(),
            action_en: String::new(),
            governing_docs: Vec::new(),
            errors: Vec::new(),
        };
        if let Some((zh, en)) = not_a_community(row, &self.columns) {
            result.verdict = RowVerdict::Skipped;
            result.action_zh = zh;
            result.action_en = en;
        } else {
            match evaluate_row(self.set, &raw) {
                Ok((input, figures)) => fill(self.set, &mut result, &input, &figures),
                Err(errors) => {
                    result.errors = errors
                        .into_iter()
                        .map(|e| self.cell_error(row, e))
                        .collect();
                    result.action_zh = "请按问题说明更正后重新检查".to_string();
                    result.action_en = "Correct the problems listed and check again".to_string();
                }
            }
        }
        match self.detail {
            Detail::Full => result.inputs = inputs(raw),
            Detail::Output => self.raw = raw,
        }
        result
    }

    fn cell_error(&self, row: &Row, error: FieldError) -> CellError {
        // Errors about the planned design as a whole belong to its total's column.
        let target = match error.field {
            Target::Planned => Some(Target::TotalM2),
            field => Target::SHEET.contains(&field).then_some(field),
        };
        let column = target.and_then(|t| self.columns[t as usize]);
        let (column_name, letter) = match (column, target) {
            (Some(c), _) => (
                self.sheet.column_name(c).into_owned(),
                Some(super::sheet::column_letters(c)),
            ),
            (None, Some(t)) => (t.field().label.zh.to_string(), None),
            (None, None) => (error.field.field().label.zh.to_string(), None),
        };
        CellError {
            row: row.number,
            column: column_name,
            letter,
            field: error.field,
            code: error.code,
            message: error.message,
            message_zh: error.message_zh,
        }
    }
}

/// Sets `slot` to a copy of `value`, into the text it already holds where there is one (no allocation
/// when the input is reused from the row before).
fn assign(slot: &mut Raw, value: &Raw) {
    if let (Raw::Text(to), Raw::Text(from)) = (&mut *slot, value) {
        to.clear();
        to.push_str(from);
        return;
    }
    *slot = value.clone();
}

/// The row's inputs as given to the engine, for the page's table and the link to the widget (the texts are
/// moved, not copied).
fn inputs(mut raw: RawInput) -> Vec<RowInput> {
    // Exactly as long as needed: 100,000 rows hold 100,000 of these.
    let mut inputs = Vec::with_capacity(
        Target::SHEET
            .into_iter()
            .filter(|t| {
                raw.slot(*t)
                    .is_some_and(|v| matches!(v, Raw::Text(_) | Raw::Number(_)))
            })
            .count(),
    );
    for target in Target::SHEET {
        let Some(value) = raw.slot(target) else {
            continue;
        };
        let text = match std::mem::take(value) {
            Raw::Text(s) => s,
            Raw::Number(n) => super::sheet::plain_number(n),
            _ => continue,
        };
        inputs.push(RowInput { target, text });
    }
    inputs
}

/// Words a totals row is headed with, in any cell (合计 in the 序号 column or the name column).
const TOTALS_WORDS: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "累计",
    "汇总",
    "平均",
    "平均值",
    "总数",
    "total",
    "subtotal",
    "sum",
    "average",
];

/// How a signature or note line begins (填表人：张三, 注：…).
const NOTE_WORDS: &[&str] = &[
    "填表人",
    "制表人",
    "审核人",
    "审核",
    "负责人",
    "联系人",
    "联系电话",
    "填报人",
    "填报单位",
    "填报日期",
    "注：",
    "注:",
    "说明：",
    "说明:",
    "备注：",
    "备注:",
];

/// Why a row is not a community, in both languages: a totals row (合计 in any cell), a signature or note
/// line (填表人：…), or a line with no name, no number and no input at all. `None` for a community row,
/// however incomplete (it is checked, and its problems listed).
fn not_a_community(row: &Row, columns: &[Option<usize>]) -> Option<(String, String)> {
    let name_column = columns[Target::SheetName as usize];
    // A totals word or a signature line stands at the left of the row (序号 or 名称), never in a 备注 cell of
    // a community row ("注：已改造" there is a note about the community).
    let first = row.cells.iter().find(|c| !matches!(c, Cell::Empty));
    let name = name_column.map(|c| row.cell(c));
    for cell in first.into_iter().chain(name) {
        let Cell::Text(text) = cell else { continue };
        let text = super::values::fold(text);
        let totals = TOTALS_WORDS.iter().find(|w| {
            text == **w
                || text
                    .strip_prefix(**w)
                    .is_some_and(|rest| rest.starts_with(['(', '（', ':', '：', '[', '【']))
        });
        if let Some(word) = totals {
            return Some((
                format!("{word}行，不是社区：未核查，不计入汇总"),
                format!("a totals row ({word}), not a community: not checked or counted"),
            ));
        }
        if NOTE_WORDS.iter().any(|w| text.starts_with(w)) {
            return Some((
                "填表人或说明行，不是社区：未核查，不计入汇总".to_string(),
                "a signature or note line, not a community: not checked or counted".to_string(),
            ));
        }
    }
    let given =
        |column: &Option<usize>| column.is_some_and(|c| !row.cell(c).text().trim().is_empty());
    // Most rows give an input, so the cells are read as numbers only for a row that gives none.
    let any_number = || {
        row.cells.iter().any(|cell| match cell {
            Cell::Number(_) => true,
            Cell::Text(text) => crate::number::parse_number(text).is_ok(),
            Cell::Empty => false,
        })
    };
    (!columns.iter().any(given) && !any_number()).then(|| {
        (
            "没有名称、数字或任何输入：未核查，不计入汇总".to_string(),
            "no name, number or input: not checked or counted".to_string(),
        )
    })
}

/// Copies the figures of an evaluation into the row and works out what is still to do.
fn fill(set: &Ruleset, result: &mut RowResult, input: &Input, evaluation: &Figures) {
    let planned = input.community.planned;
    result.required_area_m2 = evaluation.required_area_m2;
    result.max_area_m2 = evaluation.max_area_m2;
    result.recommended_area_m2 = evaluation.recommended_area_m2;
    result.planned_total_m2 = planned.total_m2;
    result.office_max_m2 = evaluation.office_max_m2;
    result.activity_min_m2 = evaluation.activity_min_m2;
    result.staff_min = evaluation.staff_min;
    result.staff_max = evaluation.staff_max;
    // What to change is the fix plan's, the same figures the widget's 达标方案 shows: the office ceiling
    // and activity floor of the corrected total, not of today's.
    if let Some(plan) = crate::plan::fix_plan(evaluation, planned) {
        let change = |m2: f64| (m2 > TOLERANCE_M2).then_some(m2);
        result.area_to_add_m2 = change(plan.add_total_m2);
        result.area_to_remove_m2 = change(plan.remove_total_m2);
        result.office_to_move_m2 = change(plan.move_out_of_office_m2);
        result.activity_to_add_m2 = change(plan.add_activity_m2);
    }
    result.verdict = match evaluation.verdict {
        Some(Verdict::Pass) => RowVerdict::Pass,
        Some(Verdict::Fail) => RowVerdict::Fail,
        Some(Verdict::Incomplete) | None => RowVerdict::Incomplete,
    };

    let kind = |r: &crate::engine::RuleFigures| set.rules[r.rule].kind;
    let deciding = evaluation.rules.iter().filter(|r| {
        r.governing
            && if result.verdict == RowVerdict::Fail {
                r.status == Status::Fail
            } else {
                kind(r) == RuleKind::MinimumArea
            }
    });
    for r in deciding {
        let doc = set.rule_document(&set.rules[r.rule]);
        if !result.governing_docs.iter().any(|(id, _)| *id == doc.id) {
            result
                .governing_docs
                .push((doc.id.clone(), doc.short_title.clone()));
        }
    }

    let (zh, en) = action(set, result, planned.total_m2.is_some(), evaluation);
    result.action_zh = zh;
    result.action_en = en;
}

/// Appends one part of a text, after `separator` unless it is the first.
fn push_part(text: &mut String, separator: &str, part: std::fmt::Arguments) {
    if !text.is_empty() {
        text.push_str(separator);
    }
    let _ = text.write_fmt(part); // writing to a String cannot fail
}

/// What to do, in both languages: (zh, en). Written straight into the two strings (a sheet has
/// 100,000 rows).
fn action(
    set: &Ruleset,
    result: &RowResult,
    planned_total: bool,
    evaluation: &Figures,
) -> (String, String) {
    let (mut zh, mut en) = (String::new(), String::new());
    if let Some(m2) = result.area_to_add_m2 {
        let m2 = format_number(m2);
        push_part(&mut zh, "；", format_args!("需补建 {m2} m²"));
        push_part(&mut en, "; ", format_args!("build {m2} m² more"));
    }
    if let Some(m2) = result.area_to_remove_m2 {
        let m2 = format_number(m2);
        push_part(&mut zh, "；", format_args!("总面积需减少 {m2} m²"));
        push_part(&mut en, "; ", format_args!("take {m2} m² off the total"));
    }
    if evaluation.area_conflict
        && let (Some(least), Some(most)) = (evaluation.required_area_m2, evaluation.max_area_m2)
    {
        let (least, most) = (format_number(least), format_number(most));
        push_part(
            &mut zh,
            "；",
            format_args!(
                "适用文件冲突：总面积上限 {most} m² 低于应建面积 {least} m²，请向主管部门确认"
            ),
        );
        push_part(
            &mut en,
            "; ",
            format_args!(
                "the documents conflict: the most total area, {most} m², is below the required {least} m²; ask the bureau"
            ),
        );
    }
    if let Some(m2) = result.office_to_move_m2 {
        let m2 = format_number(m2);
        push_part(&mut zh, "；", format_args!("办公面积需调减 {m2} m²"));
        push_part(
            &mut en,
            "; ",
            format_args!("move {m2} m² of office to services"),
        );
    }
    if let Some(m2) = result.activity_to_add_m2 {
        let m2 = format_number(m2);
        push_part(&mut zh, "；", format_args!("居民活动区域需增加 {m2} m²"));
        push_part(
            &mut en,
            "; ",
            format_args!("add {m2} m² of resident activity area"),
        );
    }
    if result.verdict == RowVerdict::Incomplete {
        if !planned_total {
            push_part(&mut zh, "；", format_args!("填写规划总建筑面积后可核对"));
            push_part(
                &mut en,
                "; ",
                format_args!("enter the planned total area to check the design"),
            );
        } else {
            // The parts of the design a ceiling or floor still waits for.
            let waiting = [
                (RuleKind::OfficeCeiling, Id::OfficeM2.field()),
                (RuleKind::ActivityFloor, Id::ActivityM2.field()),
            ]
            .into_iter()
            .filter(|(kind, _)| {
                evaluation
                    .rules
                    .iter()
                    .any(|r| set.rules[r.rule].kind == *kind && r.status == Status::Applies)
            })
            .map(|(_, field)| field);
            let (mut zh_names, mut en_names) = (String::new(), String::new());
            for field in waiting {
                push_part(
                    &mut zh_names,
                    "和",
                    format_args!("{}", field.label.zh.trim_start_matches("其中")),
                );
                push_part(&mut en_names, " and ", format_args!("{}", field.noun_en));
            }
            push_part(&mut zh, "；", format_args!("填写{zh_names}后可完整核对"));
            push_part(
                &mut en,
                "; ",
                format_args!("enter {en_names} to finish the check"),
            );
        }
    }
    if let Some(first) = en.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    (zh, en)
}
