//! The batch page's WebAssembly module (`dist/facility_calc_batch.js`): facility-calc's batch core
//! (`facility_calc::batch`) for a browser Worker. Thin conversions only: every decision is the core's.
//!
//! Data crosses as JSON text (one `JSON.parse` in JavaScript is faster than building 10,000 rows of JS
//! objects field by field from Rust) and files as bytes. Nothing here touches the DOM or the network, and
//! nothing panics on any input: bad files and bad JSON come back as errors with messages in both languages.
//!
//! ```js
//! const sheet = BatchSheet.from_file(bytes, "communities.xlsx"); // throws a JSON ReadError text
//! JSON.parse(sheet.columns());                 // headers, matched columns, preview, missing inputs
//! JSON.parse(sheet.start(mappingJson, choicesJson)); // [] or the sheet-wide choices' problems
//! while (sheet.check_next(2000) < sheet.row_count()) { /* progress, cancel */ }
//! JSON.parse(sheet.finish());                  // { summary, rows: [...], governing_zh: [...], … }
//! sheet.results_xlsx("zh-CN"); sheet.results_csv("en"); // bytes to download
//! ```

use facility_calc::batch::{
    self, ColumnReport, Limits, Mapping, Report, RowResult, RowVerdict, Sheet, SheetChoices,
    Summary, Target,
};
use facility_calc::form::Lang;
use facility_calc::rules::{ChoiceEntry, JurisdictionEntry, catalogue};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A sheet read from a file or pasted text, and its checking in progress.
#[wasm_bindgen]
pub struct BatchSheet {
    sheet: Sheet,
    mapping: Mapping,
    choices: SheetChoices,
    /// Rows checked so far, in input order.
    rows: Vec<RowResult>,
    report: Option<Report>,
}

/// What a page needs about the sheet before checking: what it is and how its columns were matched.
#[derive(Serialize)]
struct SheetOverview<'a> {
    format: &'static str,
    encoding: Option<&'static str>,
    sheet_name: Option<&'a str>,
    header_row: u32,
    rows: usize,
    headers: &'a [String],
    #[serde(flatten)]
    columns: ColumnReport,
}

/// The report as the page shows it: the core's rows, and beside them (one entry per row, as arrays, which
/// serialise several times faster than flattening them into each row) what the page cannot work out itself.
#[derive(Serialize)]
struct ReportView<'a> {
    summary: &'a Summary,
    rows: &'a [RowResult],
    governing_zh: Vec<String>,
    governing_en: Vec<String>,
    gap_m2: Vec<f64>,
}

fn json<T: Serialize>(value: &T) -> String {
    // Serialising plain data with string keys cannot fail; an empty object keeps the page going if it did.
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string())
}

fn read_error(error: &batch::ReadError) -> JsValue {
    JsValue::from_str(&json(error))
}

fn lang(tag: &str) -> Lang {
    Lang::from_tag(tag).unwrap_or_default()
}

#[wasm_bindgen]
impl BatchSheet {
    /// Reads a chosen `.xlsx` or CSV file. Throws a JSON `ReadError` text (`code`, `message`, `message_zh`).
    pub fn from_file(bytes: &[u8], file_name: &str) -> Result<BatchSheet, JsValue> {
        batch::read_file(bytes, file_name, &Limits::DEFAULT)
            .map(BatchSheet::new)
            .map_err(|e| read_error(&e))
    }

    /// Reads text pasted from a spreadsheet (tab-separated) or CSV text. Throws like `from_file`.
    pub fn from_text(text: &str) -> Result<BatchSheet, JsValue> {
        batch::read_text(text, &Limits::DEFAULT)
            .map(BatchSheet::new)
            .map_err(|e| read_error(&e))
    }

    /// JSON: the sheet's format, encoding, row count and headers, and the column matching (`columns`,
    /// `mapping`, `preview`, `missing`, `needs_review`).
    pub fn columns(&self) -> String {
        json(&SheetOverview {
            format: self.sheet.format,
            encoding: self.sheet.encoding,
            sheet_name: self.sheet.sheet_name.as_deref(),
            header_row: self.sheet.header_row,
            rows: self.sheet.rows.len(),
            headers: &self.sheet.headers,
            columns: batch::match_columns(&self.sheet),
        })
    }

    pub fn row_count(&self) -> usize {
        self.sheet.rows.len()
    }

    /// Starts checking with the user's mapping (JSON array: one target id or null per column) and the
    /// sheet-wide choices (JSON object). Returns JSON: `[]`, or the problems that stop the check (a mapping
    /// that is not one, a jurisdiction nobody knows) as `{field, code, message, message_zh}`.
    pub fn start(&mut self, mapping_json: &str, choices_json: &str) -> String {
        let mapping = serde_json::from_str::<Mapping>(mapping_json);
        let choices = serde_json::from_str::<SheetChoices>(choices_json);
        let (mapping, choices) = match (mapping, choices) {
            (Ok(m), Ok(c)) => (m, c),
            (Err(e), _) | (_, Err(e)) => {
                return json(&[batch::CellError {
                    row: 0,
                    column: String::new(),
                    letter: None,
                    field: "mapping",
                    code: "not_a_mapping",
                    message: format!("The column choices could not be read: {e}"),
                    message_zh: format!("无法读取列的对应关系：{e}"),
                }]);
            }
        };
        let problems = choices.validate(&facility_calc::builtin());
        self.mapping = mapping;
        self.choices = choices;
        self.rows.clear();
        self.report = None;
        json(&problems)
    }

    /// Checks up to `max_rows` more rows; returns how many rows are checked so far (`row_count()` when done).
    pub fn check_next(&mut self, max_rows: usize) -> usize {
        let start = self.rows.len();
        let end = start.saturating_add(max_rows.max(1));
        let checked = batch::check_rows(
            &facility_calc::builtin(),
            &self.sheet,
            &self.mapping,
            &self.choices,
            start..end,
        );
        self.rows.extend(checked);
        self.rows.len()
    }

    /// Finishes (checking any rows left) and returns JSON `{summary, rows, governing_zh, governing_en,
    /// gap_m2}`: every row, in input order; per row the governing documents' short titles in both languages
    /// and the m² still to build or move.
    pub fn finish(&mut self) -> String {
        let total = self.sheet.rows.len();
        if self.rows.len() < total {
            self.check_next(total - self.rows.len());
        }
        let report = Report::new(std::mem::take(&mut self.rows));
        let view = ReportView {
            summary: &report.summary,
            rows: &report.rows,
            governing_zh: report
                .rows
                .iter()
                .map(|r| r.governing_titles(true))
                .collect(),
            governing_en: report
                .rows
                .iter()
                .map(|r| r.governing_titles(false))
                .collect(),
            gap_m2: report.rows.iter().map(RowResult::gap_m2).collect(),
        };
        let text = json(&view);
        self.report = Some(report);
        text
    }

    /// The results beside the original columns as `.xlsx` (verdict cells coloured and worded). Call after
    /// `finish`. Throws a message text if the writer fails.
    pub fn results_xlsx(&self, lang_tag: &str) -> Result<Vec<u8>, JsValue> {
        let report = self.finished()?;
        batch::write_xlsx(&self.sheet, report, lang(lang_tag))
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// The results as CSV in UTF-8 with a BOM. Call after `finish`.
    pub fn results_csv(&self, lang_tag: &str) -> Result<Vec<u8>, JsValue> {
        let report = self.finished()?;
        Ok(batch::write_csv(&self.sheet, report, lang(lang_tag)))
    }
}

impl BatchSheet {
    fn new(sheet: Sheet) -> BatchSheet {
        BatchSheet {
            sheet,
            mapping: Mapping::default(),
            choices: SheetChoices::default(),
            rows: Vec::new(),
            report: None,
        }
    }

    fn finished(&self) -> Result<&Report, JsValue> {
        self.report
            .as_ref()
            .ok_or_else(|| JsValue::from_str("结果尚未生成（the sheet has not been checked yet）"))
    }
}

/// A column target as the mapping step offers it.
#[derive(Serialize)]
struct TargetView {
    id: &'static str,
    /// The widget's query-string name (`total_m2`); `None` for the name column.
    key: Option<&'static str>,
    label_zh: &'static str,
    label_en: &'static str,
    example: &'static str,
    required: bool,
    sheet_choice: bool,
}

#[derive(Serialize)]
struct VerdictView {
    id: &'static str,
    zh: &'static str,
    en: &'static str,
}

#[derive(Serialize)]
struct LimitsView {
    max_file_bytes: usize,
    max_rows: usize,
}

/// Everything the page labels and offers, from the engine's data (never written again in JavaScript).
#[derive(Serialize)]
struct BatchCatalogue {
    targets: Vec<TargetView>,
    verdicts: Vec<VerdictView>,
    jurisdictions: Vec<JurisdictionEntry>,
    settlements: Vec<ChoiceEntry>,
    constructions: Vec<ChoiceEntry>,
    programmes: Vec<ChoiceEntry>,
    result_headers_zh: Vec<&'static str>,
    result_headers_en: Vec<&'static str>,
    template_file_stem: &'static str,
    limits: LimitsView,
}

/// JSON: the column targets, verdict words, choices for the whole sheet, result headers and limits.
#[wasm_bindgen]
pub fn batch_catalogue() -> String {
    let standards = catalogue(&facility_calc::builtin());
    json(&BatchCatalogue {
        targets: Target::ALL
            .into_iter()
            .map(|t| {
                let field = t.field();
                TargetView {
                    id: t.id(),
                    key: t.key().map(|k| k.name()),
                    label_zh: field.label.zh,
                    label_en: field.label.en,
                    example: field.example,
                    required: t.is_required(),
                    sheet_choice: t.is_sheet_choice(),
                }
            })
            .collect(),
        verdicts: RowVerdict::ALL
            .into_iter()
            .map(|v| VerdictView {
                id: v.id(),
                zh: v.word().zh,
                en: v.word().en,
            })
            .collect(),
        jurisdictions: standards.jurisdictions,
        settlements: standards.settlements,
        constructions: standards.constructions,
        programmes: standards.programmes,
        result_headers_zh: batch::result_headers(Lang::Zh),
        result_headers_en: batch::result_headers(Lang::En),
        template_file_stem: batch::TEMPLATE_FILE_STEM,
        limits: LimitsView {
            max_file_bytes: Limits::DEFAULT.max_file_bytes,
            max_rows: Limits::DEFAULT.max_rows,
        },
    })
}

/// JSON `ReadError` text when a file of `bytes` is too large to read, else `undefined`: the page asks
/// before reading the file into memory.
#[wasm_bindgen]
pub fn file_size_problem(bytes: f64) -> Option<String> {
    let bytes = if bytes.is_finite() && bytes > 0.0 {
        bytes as u64
    } else {
        0
    };
    batch::check_file_size(bytes, &Limits::DEFAULT)
        .err()
        .map(|e| json(&e))
}

/// The template (`模板.xlsx`): headers and two example rows. Throws a message text if the writer fails.
#[wasm_bindgen]
pub fn template_xlsx() -> Result<Vec<u8>, JsValue> {
    batch::template_xlsx().map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The template as CSV (`模板.csv`), UTF-8 with a BOM.
#[wasm_bindgen]
pub fn template_csv() -> Vec<u8> {
    batch::template_csv()
}
