//! Writing results: the original columns, then one column per result (RESULT_COLUMNS), as `.xlsx`
//! (verdict cells coloured and worded, a summary sheet) or CSV with a UTF-8 BOM so Excel opens it in
//! the right encoding. The template is a [`Sheet`] too, so both formats and the tests share it.

use super::check::{Detail, Report, RowResult, RowVerdict, SheetChoices, Summary, check_rows_for};
use super::columns::{Mapping, Target};
use super::sheet::{Cell, Row, Sheet, write_plain_number};
use crate::rules::{Construction, Ruleset};
use crate::text::Lang;
use crate::text::Text;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;

/// The template's file name without extension: 模板.xlsx, 模板.csv.
pub const TEMPLATE_FILE_STEM: &str = "模板";

/// Why an `.xlsx` could not be written (the writer's own message).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WriteError {
    pub message: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "写入 .xlsx 失败（could not write the .xlsx）：{}",
            self.message
        )
    }
}

impl std::error::Error for WriteError {}

impl From<XlsxError> for WriteError {
    fn from(e: XlsxError) -> WriteError {
        WriteError {
            message: e.to_string(),
        }
    }
}

/// A result cell's value (text borrowed from the row where it can be: 100,000 rows are written).
enum Value<'a> {
    Empty,
    Number(f64),
    Text(Cow<'a, str>),
    /// A range of whole numbers, written as text: 5–7.
    Range(u64, u64),
    Verdict(RowVerdict),
}

struct ResultColumn {
    /// The row figure it shows (`data-figure` on the batch page).
    key: &'static str,
    title: Text,
    value: for<'a> fn(&'a RowResult, Lang) -> Value<'a>,
    width: f64,
    /// Which standards it is written for (most columns: all).
    when: Shown,
}

/// Which standards a result column is written for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Always,
    /// Standards with a ceiling on the total (`maximum_area`).
    WithCeiling,
    /// Standards with a recommended total (`"level": "recommended"`).
    WithRecommended,
}

/// The result columns the standards of a check call for: the ceiling and recommended-value columns only
/// where a rule gives such a figure, so a sheet checked under the built-in standards keeps its columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResultColumns {
    pub ceiling: bool,
    pub recommended: bool,
}

impl ResultColumns {
    pub fn of(set: &crate::rules::Ruleset) -> ResultColumns {
        use crate::rules::kinds::{Feeds, Total};
        let feeds = |total: Total| {
            set.rules.iter().any(|r| match r.feeds() {
                Feeds::Largest(t) | Feeds::Smallest(t) => t == total,
                _ => false,
            })
        };
        ResultColumns {
            ceiling: feeds(Total::MaxArea),
            recommended: feeds(Total::RecommendedArea),
        }
    }
    fn shows(self, column: &ResultColumn) -> bool {
        match column.when {
            Shown::Always => true,
            Shown::WithCeiling => self.ceiling,
            Shown::WithRecommended => self.recommended,
        }
    }
    fn columns(self) -> impl Iterator<Item = &'static ResultColumn> {
        RESULT_COLUMNS.iter().filter(move |c| self.shows(c))
    }
}

fn number(n: Option<f64>) -> Value<'static> {
    n.map_or(Value::Empty, Value::Number)
}

fn text<'a>(s: impl Into<Cow<'a, str>>) -> Value<'a> {
    let s = s.into();
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s)
    }
}

/// The result columns written beside the original ones, in order.
const RESULT_COLUMNS: &[ResultColumn] = &[
    ResultColumn {
        key: "verdict",
        title: Text {
            zh: "结论",
            en: "Verdict",
        },
        value: |r, _| Value::Verdict(r.verdict),
        when: Shown::Always,
        width: 10.0,
    },
    ResultColumn {
        key: "required_area_m2",
        title: Text {
            zh: "应建面积（m²）",
            en: "Required area (m²)",
        },
        value: |r, _| number(r.required_area_m2),
        when: Shown::Always,
        width: 14.0,
    },
    ResultColumn {
        key: "max_area_m2",
        title: Text {
            zh: "总面积上限（m²）",
            en: "Most total area (m²)",
        },
        value: |r, _| number(r.max_area_m2),
        when: Shown::WithCeiling,
        width: 14.0,
    },
    ResultColumn {
        key: "recommended_area_m2",
        title: Text {
            zh: "建议值（m²）",
            en: "Recommended area (m²)",
        },
        value: |r, _| number(r.recommended_area_m2),
        when: Shown::WithRecommended,
        width: 14.0,
    },
    ResultColumn {
        key: "office_max_m2",
        title: Text {
            zh: "办公面积上限（m²）",
            en: "Office ceiling (m²)",
        },
        value: |r, _| number(r.office_max_m2),
        when: Shown::Always,
        width: 16.0,
    },
    ResultColumn {
        key: "activity_min_m2",
        title: Text {
            zh: "居民活动区域下限（m²）",
            en: "Activity floor (m²)",
        },
        value: |r, _| number(r.activity_min_m2),
        when: Shown::Always,
        width: 18.0,
    },
    ResultColumn {
        key: "staff",
        title: Text {
            zh: "工作人员（人）",
            en: "Staff",
        },
        value: |r, _| match (r.staff_min, r.staff_max) {
            (Some(min), Some(max)) if max > min => Value::Range(min, max),
            (Some(min), _) => Value::Number(min as f64),
            _ => Value::Empty,
        },
        when: Shown::Always,
        width: 12.0,
    },
    ResultColumn {
        key: "area_to_add_m2",
        title: Text {
            zh: "需补建面积（m²）",
            en: "Still to build (m²)",
        },
        value: |r, _| number(r.area_to_add_m2),
        when: Shown::Always,
        width: 14.0,
    },
    ResultColumn {
        key: "area_to_remove_m2",
        title: Text {
            zh: "需减少面积（m²）",
            en: "Area to take off (m²)",
        },
        value: |r, _| number(r.area_to_remove_m2),
        when: Shown::WithCeiling,
        width: 14.0,
    },
    ResultColumn {
        key: "office_to_move_m2",
        title: Text {
            zh: "办公面积需调减（m²）",
            en: "Office to move (m²)",
        },
        value: |r, _| number(r.office_to_move_m2),
        when: Shown::Always,
        width: 16.0,
    },
    ResultColumn {
        key: "activity_to_add_m2",
        title: Text {
            zh: "居民活动区域需增加（m²）",
            en: "Activity area to add (m²)",
        },
        value: |r, _| number(r.activity_to_add_m2),
        when: Shown::Always,
        width: 18.0,
    },
    ResultColumn {
        key: "action",
        title: Text {
            zh: "需补建或调整",
            en: "To add or move",
        },
        value: |r, lang| {
            text(match lang {
                Lang::Zh => &*r.action_zh,
                Lang::En => &*r.action_en,
            })
        },
        when: Shown::Always,
        width: 30.0,
    },
    ResultColumn {
        key: "governing",
        title: Text {
            zh: "依据",
            en: "Governing rule",
        },
        value: |r, lang| text(r.governing_text(lang == Lang::Zh)),
        when: Shown::Always,
        width: 36.0,
    },
    ResultColumn {
        key: "problems",
        title: Text {
            zh: "输入问题",
            en: "Input problems",
        },
        value: |r, lang| text(r.errors_text(lang == Lang::Zh)),
        when: Shown::Always,
        width: 40.0,
    },
];

/// The header texts of the result columns written under the built-in standards, in order (for a test).
pub fn result_headers(lang: Lang) -> Vec<&'static str> {
    ResultColumns::default()
        .columns()
        .map(|c| lang.pick(c.title))
        .collect()
}

/// The result columns written for `columns`, by key with both titles (for a page's own table).
pub fn result_column_titles(columns: ResultColumns) -> Vec<(&'static str, Text)> {
    columns.columns().map(|c| (c.key, c.title)).collect()
}

/// Unique header texts for the output: a result column whose title the sheet already uses gets a mark.
fn output_headers(sheet: &Sheet, lang: Lang, columns: ResultColumns) -> Vec<String> {
    let mut headers: Vec<String> = sheet.headers.clone();
    for title in columns.columns().map(|c| lang.pick(c.title)) {
        let mut title = title.to_string();
        while headers.contains(&title) {
            title.push('*');
        }
        headers.push(title);
    }
    headers
}

/// The results as CSV, UTF-8 with a BOM (Excel on Chinese Windows reads BOM-less CSV as GBK).
/// `report.rows` are the checked `sheet.rows`, in the same order.
pub fn write_csv(sheet: &Sheet, report: &Report, lang: Lang) -> Vec<u8> {
    write_csv_noting(sheet, report, lang, None)
}

/// Which standards the results were worked out under, when they are not the built-in ones: a last
/// column (`STANDARD`, the same line on every row, so it stays with any row copied elsewhere) and, in the
/// `.xlsx`, the summary sheet's first line. `line` as `standards::standards_used` words it.
pub struct StandardsNote<'a> {
    pub line: &'a str,
}

/// [`write_csv`] with the standards used named in a last column.
pub fn write_csv_noting(
    sheet: &Sheet,
    report: &Report,
    lang: Lang,
    note: Option<StandardsNote>,
) -> Vec<u8> {
    let mut out = String::with_capacity(64 + sheet.rows.len() * 160);
    CsvWriter::noting(sheet, lang, report.columns, note, &mut out).write_rows(
        &sheet.rows,
        &report.rows,
        &mut out,
    );
    out.into_bytes()
}

/// [`write_csv`] a chunk at a time, for a caller that checks a large sheet in chunks and writes each out
/// (the command line), so neither all the results nor the whole output are held at once. The lines are
/// exactly [`write_csv`]'s. [`CsvWriter::fork`] gives a writer for another thread's chunks.
pub struct CsvWriter {
    lang: Lang,
    columns: ResultColumns,
    /// The sheet's columns, written before the results.
    width: usize,
    /// One cell's text, reused for every number written.
    scratch: String,
    /// The rows written so far, counted (without `worst`, which needs every row's result).
    summary: Summary,
    /// The standards used, in a last column, when they are not the built-in ones.
    note: Option<String>,
}

impl CsvWriter {
    /// Writes the BOM and the header line into `out`.
    pub fn new(sheet: &Sheet, lang: Lang, out: &mut String) -> CsvWriter {
        CsvWriter::noting(sheet, lang, ResultColumns::default(), None, out)
    }

    /// [`CsvWriter::new`] with the standards used named in a last column.
    pub fn noting(
        sheet: &Sheet,
        lang: Lang,
        columns: ResultColumns,
        note: Option<StandardsNote>,
        out: &mut String,
    ) -> CsvWriter {
        out.push('\u{FEFF}');
        let mut headers = output_headers(sheet, lang, columns);
        if note.is_some() {
            headers.push(lang.pick(crate::standards::STANDARD).to_string());
        }
        push_csv_line(out, headers.iter().map(|h| h.as_str().into()));
        CsvWriter {
            lang,
            columns,
            width: sheet.headers.len(),
            scratch: String::new(),
            summary: Summary::default(),
            note: note.map(|n| n.line.to_string()),
        }
    }

    /// Checks the rows in `range` of the sheet (indices into `sheet.rows`) and appends their lines to
    /// `out`. Only what the lines show is worked out for each row, and the results are dropped once
    /// written: a 100,000-row sheet is checked in chunks in little more memory than the sheet.
    pub fn check_rows(
        &mut self,
        set: &Ruleset,
        sheet: &Sheet,
        mapping: &Mapping,
        choices: &SheetChoices,
        range: Range<usize>,
        out: &mut String,
    ) {
        let results = check_rows_for(set, sheet, mapping, choices, range.clone(), Detail::Output);
        let rows = sheet.rows.get(range.start..).unwrap_or_default();
        self.write_rows(rows, &results, out);
    }

    /// A writer of further lines of the same output (another thread's chunks), counting its own rows:
    /// [`Summary::merge`] adds its summary to this one's.
    pub fn fork(&self) -> CsvWriter {
        CsvWriter {
            lang: self.lang,
            columns: self.columns,
            width: self.width,
            scratch: String::new(),
            summary: Summary::default(),
            note: self.note.clone(),
        }
    }

    /// Counts and totals of the rows written by this writer.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Appends one line per row to `out`: `results` are the checked `rows`, in the same order.
    pub fn write_rows(&mut self, rows: &[Row], results: &[RowResult], out: &mut String) {
        for (row, result) in rows.iter().zip(results) {
            self.summary.add(result);
            for c in 0..self.width {
                if c > 0 {
                    out.push(',');
                }
                match row.cell(c) {
                    Cell::Empty => {}
                    Cell::Text(s) => push_csv_cell(out, s),
                    Cell::Number(n) => self.push_number(out, *n),
                }
            }
            for (k, column) in self.columns.columns().enumerate() {
                if self.width + k > 0 {
                    out.push(',');
                }
                match (column.value)(result, self.lang) {
                    Value::Empty => {}
                    Value::Number(n) => self.push_number(out, n),
                    Value::Text(s) => push_csv_cell(out, &s),
                    Value::Range(min, max) => {
                        self.scratch.clear();
                        let _ = write!(self.scratch, "{min}–{max}"); // to a String: cannot fail
                        push_csv_cell(out, &self.scratch);
                    }
                    Value::Verdict(v) => push_csv_cell(out, self.lang.pick(v.word())),
                }
            }
            if let Some(note) = &self.note {
                out.push(',');
                push_csv_cell(out, note);
            }
            out.push_str("\r\n");
        }
    }

    fn push_number(&mut self, out: &mut String, n: f64) {
        self.scratch.clear();
        write_plain_number(&mut self.scratch, n);
        push_csv_field(out, &self.scratch);
    }
}

fn push_csv_line<'a>(out: &mut String, cells: impl Iterator<Item = Cow<'a, str>>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_csv_cell(out, &cell);
    }
    out.push_str("\r\n");
}

/// Whether a spreadsheet opening the CSV would read `text` as a formula: it starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return (OWASP's list) and is not simply a signed number such as `-5` or `-0.5`.
fn reads_as_formula(text: &str) -> bool {
    let Some(first) = text.bytes().next() else {
        return false;
    };
    if !matches!(first, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') {
        return false;
    }
    let rest = &text[1..];
    let plain_number = matches!(first, b'-' | b'+')
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && rest.bytes().filter(|b| *b == b'.').count() <= 1
        && rest.as_bytes()[0].is_ascii_digit();
    !plain_number
}

/// One text cell: a leading `'` where a spreadsheet would otherwise evaluate it as a formula (a community
/// named `=HYPERLINK(…)`), so it shows as the text it is; then [`push_csv_field`].
fn push_csv_cell(out: &mut String, cell: &str) {
    if reads_as_formula(cell) {
        let mut guarded = String::with_capacity(cell.len() + 1);
        guarded.push('\'');
        guarded.push_str(cell);
        push_csv_field(out, &guarded);
    } else {
        push_csv_field(out, cell);
    }
}

/// One field, quoted (quotes doubled) when it holds a delimiter, a quote or a line break. Numbers come
/// here directly: a number is never guarded.
fn push_csv_field(out: &mut String, cell: &str) {
    if cell
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.push('"');
        for part in cell.split_inclusive('"') {
            out.push_str(part);
            if part.ends_with('"') {
                out.push('"');
            }
        }
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Fill and font colours per verdict: Excel's own good / bad / neutral styles, readable in grey print
/// because the word is in the cell too.
fn verdict_format(verdict: RowVerdict) -> Format {
    let (fill, font) = match verdict {
        RowVerdict::Pass => (0xC6EFCE, 0x006100),
        RowVerdict::Fail => (0xFFC7CE, 0x9C0006),
        RowVerdict::Incomplete => (0xFFEB9C, 0x9C5700),
        RowVerdict::Invalid => (0xD9D9D9, 0x000000),
        RowVerdict::Skipped => (0xFFFFFF, 0x595959),
    };
    Format::new()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
        .set_bold()
        .set_border(FormatBorder::Thin)
}

/// The results as an `.xlsx`: a results sheet (original columns, then the results; header frozen and
/// filterable) and a summary sheet. `report.rows` are the checked `sheet.rows`, in the same order.
pub fn write_xlsx(sheet: &Sheet, report: &Report, lang: Lang) -> Result<Vec<u8>, WriteError> {
    write_xlsx_noting(sheet, report, lang, None)
}

/// [`write_xlsx`] with the standards used named in a last column and atop the summary sheet.
pub fn write_xlsx_noting(
    sheet: &Sheet,
    report: &Report,
    lang: Lang,
    note: Option<StandardsNote>,
) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let header_format = Format::new().set_bold().set_text_wrap();
    // Excel and WPS show "#,##0.##" on a whole number as "555." (a trailing point): whole numbers get a
    // format without decimals, others one with up to two.
    let whole_format = Format::new().set_num_format("#,##0");
    let area_format = Format::new().set_num_format("#,##0.##");
    let verdict_formats = RowVerdict::ALL.map(verdict_format);

    let results = workbook.add_worksheet();
    results.set_name(lang.pick(Text {
        zh: "检查结果",
        en: "Results",
    }))?;
    let mut headers = output_headers(sheet, lang, report.columns);
    if note.is_some() {
        headers.push(lang.pick(crate::standards::STANDARD).to_string());
    }
    for (c, header) in headers.iter().enumerate() {
        results.write_string_with_format(0, c as u16, header, &header_format)?;
    }
    let width = sheet.headers.len();
    let columns: Vec<&ResultColumn> = report.columns.columns().collect();
    for (c, column) in columns.iter().enumerate() {
        results.set_column_width((width + c) as u16, column.width)?;
    }
    for (i, (row, result)) in sheet.rows.iter().zip(&report.rows).enumerate() {
        let r = (i + 1) as u32;
        for c in 0..width {
            write_cell(results, r, c as u16, row.cell(c))?;
        }
        for (k, column) in columns.iter().enumerate() {
            let c = (width + k) as u16;
            match (column.value)(result, lang) {
                Value::Empty => {}
                Value::Number(n) => {
                    let format = if n.fract() == 0.0 {
                        &whole_format
                    } else {
                        &area_format
                    };
                    results.write_number_with_format(r, c, n, format)?;
                }
                Value::Text(s) => {
                    results.write_string(r, c, s)?;
                }
                Value::Range(min, max) => {
                    results.write_string(r, c, format!("{min}–{max}"))?;
                }
                Value::Verdict(v) => {
                    let format = &verdict_formats[v as usize];
                    results.write_string_with_format(r, c, lang.pick(v.word()), format)?;
                }
            }
        }
        if let Some(note) = &note {
            results.write_string(r, (width + columns.len()) as u16, note.line)?;
        }
    }
    results.set_freeze_panes(1, 0)?;
    let last_row = sheet.rows.len().min(report.rows.len()) as u32;
    results.autofilter(0, 0, last_row, (headers.len() - 1) as u16)?;

    write_summary(workbook.add_worksheet(), report, lang, note)?;
    Ok(workbook.save_to_buffer()?)
}

fn write_cell(sheet: &mut Worksheet, r: u32, c: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Number(n) => {
            sheet.write_number(r, c, *n)?;
        }
        Cell::Text(s) => {
            sheet.write_string(r, c, s)?;
        }
    }
    Ok(())
}

fn write_summary(
    summary_sheet: &mut Worksheet,
    report: &Report,
    lang: Lang,
    note: Option<StandardsNote>,
) -> Result<(), XlsxError> {
    let zh = lang == Lang::Zh;
    summary_sheet.set_name(if zh { "汇总" } else { "Summary" })?;
    summary_sheet.set_column_width(0, 24.0)?;
    summary_sheet.set_column_width(1, 40.0)?;
    let bold = Format::new().set_bold();
    let s = &report.summary;
    let mut r = 0;
    let mut line = |sheet: &mut Worksheet, label: &str, value: Value| -> Result<(), XlsxError> {
        sheet.write_string_with_format(r, 0, label, &bold)?;
        match value {
            Value::Number(n) => {
                sheet.write_number(r, 1, n)?;
            }
            Value::Text(t) => {
                sheet.write_string(r, 1, t)?;
            }
            Value::Range(..) | Value::Verdict(_) | Value::Empty => {}
        }
        r += 1;
        Ok(())
    };
    if let Some(note) = note {
        line(
            summary_sheet,
            lang.pick(crate::standards::STANDARD),
            Value::Text(note.line.into()),
        )?;
    }
    line(
        summary_sheet,
        if zh { "检查行数" } else { "Rows checked" },
        Value::Number(s.rows as f64),
    )?;
    for verdict in RowVerdict::ALL {
        line(
            summary_sheet,
            lang.pick(verdict.word()),
            Value::Number(s.count(verdict) as f64),
        )?;
    }
    line(
        summary_sheet,
        if zh {
            "合计需补建面积（m²）"
        } else {
            "Total still to build (m²)"
        },
        Value::Number(s.total_to_build_m2),
    )?;
    for index in &s.worst {
        let Some(row) = report.rows.get(*index) else {
            continue;
        };
        let label = if zh {
            format!("差距最大：第 {} 行", row.row)
        } else {
            format!("Furthest from the standard: row {}", row.row)
        };
        let action = if zh { &row.action_zh } else { &row.action_en };
        line(
            summary_sheet,
            &label,
            text(format!("{}：{action}", row.name)),
        )?;
    }
    Ok(())
}

/// The template's two example rows: one per kind of community a bureau checks most, with the names a
/// planner writes (read from the rule data) and the engine's own example values.
fn example_rows() -> [[Cell; Target::SHEET.len()]; 2] {
    use crate::fields::Id;
    // The built-in standards' names: the template is for them (a pack's own names are read too).
    let set = crate::rules::builtin();
    let name = |id: &str| set.jurisdiction(id).map_or("", |j| &*j.name.zh).to_string();
    let settlement = |id: &str| {
        set.settlement_index(id)
            .map_or("", |i| &*set.settlements[i].name.zh)
            .to_string()
    };
    let construction = |c: Construction| c.words().0.zh.to_string();
    let example = |id: Id| (id, Cell::Text(id.field().example.to_string()));
    let text = |id: Id, text: &str| (id, Cell::Text(text.to_string()));
    // Each row by field, not by position: a column the registry adds is empty here until given.
    let rows: [Vec<(Id, Cell)>; 2] = [
        vec![
            text(Id::SheetName, "幸福社区"),
            text(Id::Jurisdiction, &name("xam")),
            text(Id::Settlement, &settlement("city")),
            text(Id::Construction, &construction(Construction::Existing)),
            example(Id::Households),
            example(Id::Population),
            example(Id::TotalM2),
            example(Id::OfficeM2),
            example(Id::ActivityM2),
        ],
        vec![
            text(Id::SheetName, "新城花园二期"),
            text(Id::Jurisdiction, "东胜区"),
            text(Id::Settlement, &settlement("town")),
            text(Id::Construction, &construction(Construction::New)),
            text(Id::Households, "1,600户"),
            text(Id::Population, "4200"),
            text(Id::OccupiedHouseholds, "900"),
            text(Id::TotalM2, "500平方米"),
            text(Id::OfficeM2, "80"),
        ],
    ];
    rows.map(|given| {
        Target::SHEET.map(|column| {
            given
                .iter()
                .find(|(id, _)| *id == column)
                .map_or(Cell::Empty, |(_, cell)| cell.clone())
        })
    })
}

/// The template as a sheet: one column per input, headed by the field's Chinese label, and two examples.
pub fn template_sheet() -> Sheet {
    let rows = example_rows()
        .into_iter()
        .enumerate()
        .map(|(i, cells)| Row {
            number: i as u32 + 2,
            cells: cells.to_vec(),
        })
        .collect();
    Sheet {
        headers: Target::SHEET
            .iter()
            .map(|t| t.field().label.zh.to_string())
            .collect(),
        header_row: 1,
        rows,
        format: "xlsx",
        encoding: None,
        sheet_name: None,
    }
}

/// The template for the standards in use: under a local pack its example rows name the pack's own
/// jurisdiction (one the pack adds, else its first) and the community types offered there, so the
/// template checks under it (the batch page's download and `facility-calc template --rules`).
pub fn template_sheet_for(set: &Ruleset) -> Sheet {
    let mut sheet = template_sheet();
    if set.builtin {
        return sheet;
    }
    let builtin = crate::rules::builtin();
    let jurisdiction = set
        .jurisdictions
        .iter()
        .find(|j| builtin.jurisdiction(&j.id).is_none())
        .or_else(|| set.jurisdictions.first());
    let Some(jurisdiction) = jurisdiction else {
        return sheet;
    };
    let offered = &jurisdiction.settlements;
    for (i, row) in sheet.rows.iter_mut().enumerate() {
        let settlement = offered.get(i).or_else(|| offered.first());
        if let Some(cell) = row.cells.get_mut(Target::Jurisdiction as usize) {
            *cell = Cell::Text(jurisdiction.name.zh.to_string());
        }
        if let (Some(cell), Some(settlement)) =
            (row.cells.get_mut(Target::Settlement as usize), settlement)
        {
            *cell = Cell::Text(settlement.name.zh.to_string());
        }
    }
    sheet
}

/// `模板.csv`: UTF-8 with BOM.
pub fn template_csv() -> Vec<u8> {
    template_csv_of(&template_sheet())
}

/// [`template_csv`] of a template whose example rows a caller changed (a rule pack's own choices).
pub fn template_csv_of(sheet: &Sheet) -> Vec<u8> {
    let mut out = String::from('\u{FEFF}');
    push_csv_line(&mut out, sheet.headers.iter().map(|h| h.as_str().into()));
    for row in &sheet.rows {
        push_csv_line(&mut out, row.cells.iter().map(Cell::text));
    }
    out.into_bytes()
}

/// `模板.xlsx`: the header row in bold, frozen, columns wide enough for the Chinese labels.
pub fn template_xlsx() -> Result<Vec<u8>, WriteError> {
    template_xlsx_of(&template_sheet())
}

/// [`template_xlsx`] of a template whose example rows a caller changed (a rule pack's own choices).
pub fn template_xlsx_of(sheet: &Sheet) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(TEMPLATE_FILE_STEM)?;
    let header_format = Format::new().set_bold();
    for (c, header) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, header, &header_format)?;
        ws.set_column_width(c as u16, 16.0)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            write_cell(ws, i as u32 + 1, c as u16, cell)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(workbook.save_to_buffer()?)
}
