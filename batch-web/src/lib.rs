//! The batch page's WebAssembly module (`dist/facility_calc_batch.js`): facility-calc's batch core
//! (`facility_calc::batch`) for a browser Worker. Thin conversions only: every decision is the core's.
//!
//! A checked report crosses to the page in two parts, so 10,000 rows show at once: for every row, only
//! what filtering and sorting need (verdict codes and gaps as typed arrays, names), and in full (JSON, with
//! its inputs, words and errors) only the rows the page shows. Files cross as bytes. Nothing here touches
//! the DOM or the network, and nothing panics on any input: bad files and bad JSON come back as errors
//! with messages in both languages.
//!
//! ```js
//! const sheet = BatchSheet.from_file(bytes, "communities.xlsx"); // throws a JSON ReadError text
//! JSON.parse(sheet.columns());                 // headers, matched columns, preview, missing inputs
//! JSON.parse(sheet.start(mappingJson, choicesJson)); // [] or the sheet-wide choices' problems
//! while (sheet.check_next(2000) < sheet.row_count()) { /* progress, cancel */ }
//! JSON.parse(sheet.finish());                  // the summary
//! sheet.verdict_codes(); sheet.gaps_m2();    // per row: Uint8Array, Float64Array
//! sheet.names_joined(); sheet.name_lengths(); // every name in one string, and where each ends
//! JSON.parse(sheet.rows(Uint32Array.of(0, 1))); // the rows shown, in full
//! sheet.results_xlsx("zh-CN"); sheet.results_csv("en"); // bytes to download
//! ```

use facility_calc::batch::{
    self, ColumnReport, Limits, Mapping, Report, RowResult, RowVerdict, Sheet, SheetChoices, Target,
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

/// A row as the page shows it: the core's row, its index in the report, and what the page cannot work
/// out itself.
#[derive(Serialize)]
struct RowView<'a> {
    index: usize,
    #[serde(flatten)]
    row: &'a RowResult,
    governing_zh: String,
    governing_en: String,
    gap_m2: f64,
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

    /// Finishes (checking any rows left) and returns the summary as JSON (`rows`, a count per verdict id,
    /// `total_to_build_m2`, `worst`: row indices). The rows themselves: the methods below.
    pub fn finish(&mut self) -> String {
        let total = self.sheet.rows.len();
        if self.rows.len() < total {
            self.check_next(total - self.rows.len());
        }
        let report = Report::new(std::mem::take(&mut self.rows));
        let text = json(&report.summary);
        self.report = Some(report);
        text
    }

    /// Per row, in input order, its verdict as an index into the catalogue's `verdicts`
    /// (`RowVerdict::ALL`). Empty before `finish`.
    pub fn verdict_codes(&self) -> Vec<u8> {
        self.report_rows()
            .iter()
            .map(|r| {
                RowVerdict::ALL
                    .iter()
                    .position(|v| *v == r.verdict)
                    .map_or(u8::MAX, |i| i as u8)
            })
            .collect()
    }

    /// Per row, in input order, the m² still to build or move (0 for a passing row).
    pub fn gaps_m2(&self) -> Vec<f64> {
        self.report_rows().iter().map(RowResult::gap_m2).collect()
    }

    /// Every row's name (from the name column, else 第 N 行), in input order, one after the other: one
    /// string crosses to JavaScript many times faster than 10,000. `name_lengths` says where each ends.
    pub fn names_joined(&self) -> String {
        self.report_rows().iter().map(|r| r.name.as_str()).collect()
    }

    /// Per row, the length of its name in `names_joined` in UTF-16 code units (JavaScript's `length`).
    pub fn name_lengths(&self) -> Vec<u32> {
        self.report_rows()
            .iter()
            .map(|r| u32::try_from(r.name.encode_utf16().count()).unwrap_or(u32::MAX))
            .collect()
    }

    /// JSON array: the rows at `indices` (into the report, in the order given; any past the end left out),
    /// each the core's row with its `index`, the governing documents' short titles in both languages
    /// (`governing_zh`, `governing_en`) and `gap_m2`.
    pub fn rows(&self, indices: &[u32]) -> String {
        let rows = self.report_rows();
        let views: Vec<RowView> = indices
            .iter()
            .filter_map(|&i| {
                let index = i as usize;
                rows.get(index).map(|row| RowView {
                    index,
                    row,
                    governing_zh: row.governing_titles(true),
                    governing_en: row.governing_titles(false),
                    gap_m2: row.gap_m2(),
                })
            })
            .collect();
        json(&views)
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

    fn report_rows(&self) -> &[RowResult] {
        self.report.as_ref().map_or(&[], |r| &r.rows)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Xing'an League, city: 30 m² per 100 households (at least 300), office at most 15 % of the total.
    const SHEET: &str = "小区名称\t旗区\t社区类型\t户数\t规划面积\t办公面积\n\
        幸福社区\t兴安盟\t城市社区\t1250\t420\t60\n\
        和平社区\t兴安盟\t城市社区\t2000\t500\t50\n\
        团结社区\t兴安盟\t城市社区\t12000\t\t\n\
        光明社区\t兴安盟\t城市社区\tabc\t300\t";

    fn checked() -> BatchSheet {
        let mut sheet = BatchSheet::from_text(SHEET).unwrap_or_else(|_| panic!("the sheet reads"));
        let overview: Value = serde_json::from_str(&sheet.columns()).unwrap();
        assert_eq!(overview["needs_review"], false, "{overview}");
        assert_eq!(sheet.start(&overview["mapping"].to_string(), "{}"), "[]");
        let summary: Value = serde_json::from_str(&sheet.finish()).unwrap();
        assert_eq!(summary["rows"], 4);
        sheet
    }

    fn parse(json: &str) -> Vec<Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn per_row_columns_follow_input_order_and_the_catalogues_verdicts() {
        let sheet = checked();
        let catalogue: Value = serde_json::from_str(&batch_catalogue()).unwrap();
        let verdict_ids: Vec<&Value> = sheet
            .verdict_codes()
            .iter()
            .map(|&code| &catalogue["verdicts"][usize::from(code)]["id"])
            .collect();
        assert_eq!(verdict_ids, ["pass", "fail", "incomplete", "invalid"]);
        assert_eq!(sheet.gaps_m2(), [0.0, 100.0, 0.0, 0.0]);
        assert_eq!(sheet.names_joined(), "幸福社区和平社区团结社区光明社区");
        assert_eq!(sheet.name_lengths(), [4, 4, 4, 4]);
    }

    #[test]
    fn rows_come_in_full_for_the_indices_asked_and_skip_any_past_the_end() {
        let sheet = checked();
        /// A row returned: its index in the report, its spreadsheet row and its verdict.
        type Returned<'a> = (u64, u64, &'a str);
        // One row per case: indices asked → the rows returned.
        let cases: [(&[u32], &[Returned<'static>]); 4] = [
            (&[], &[]),
            (&[1], &[(1, 3, "fail")]),
            (&[3, 0], &[(3, 5, "invalid"), (0, 2, "pass")]),
            (&[2, 4, u32::MAX], &[(2, 4, "incomplete")]),
        ];
        for (indices, expected) in cases {
            let rows = parse(&sheet.rows(indices));
            let got: Vec<Returned<'_>> = rows
                .iter()
                .map(|r| {
                    let index = r["index"].as_u64().unwrap();
                    (
                        index,
                        r["row"].as_u64().unwrap(),
                        r["verdict"].as_str().unwrap(),
                    )
                })
                .collect();
            assert_eq!(got, expected, "indices {indices:?}");
        }
        let failing = &parse(&sheet.rows(&[1]))[0];
        assert_eq!(failing["gap_m2"], 100.0);
        assert_eq!(failing["required_area_m2"], 600.0);
        assert!(!failing["governing_zh"].as_str().unwrap().is_empty());
        assert!(!failing["action_zh"].as_str().unwrap().is_empty());
        assert_eq!(failing["inputs"][0]["key"], "jurisdiction");
        let invalid = &parse(&sheet.rows(&[3]))[0];
        assert_eq!(invalid["errors"][0]["letter"], "D");
    }

    #[test]
    fn name_lengths_count_utf16_units_as_javascript_does() {
        // 𠮷 lies outside the BMP (two UTF-16 units); a blank name becomes 第 N 行.
        let text = "小区名称\t旗区\t社区类型\t户数\n\
            𠮷野社区\t兴安盟\t城市社区\t100\n\
            \t兴安盟\t城市社区\t100\n\
            Elm Court\t兴安盟\t城市社区\t100";
        let mut sheet = BatchSheet::from_text(text).unwrap_or_else(|_| panic!("the sheet reads"));
        let overview: Value = serde_json::from_str(&sheet.columns()).unwrap();
        sheet.start(&overview["mapping"].to_string(), "{}");
        sheet.finish();
        assert_eq!(sheet.names_joined(), "𠮷野社区第 3 行Elm Court");
        assert_eq!(sheet.name_lengths(), [5, 5, 9]);
    }

    #[test]
    fn before_the_check_finishes_there_are_no_rows() {
        let sheet = BatchSheet::from_text(SHEET).unwrap_or_else(|_| panic!("the sheet reads"));
        assert!(sheet.verdict_codes().is_empty());
        assert!(sheet.gaps_m2().is_empty());
        assert!(sheet.names_joined().is_empty());
        assert!(sheet.name_lengths().is_empty());
        assert_eq!(sheet.rows(&[0, 1]), "[]");
    }
}
