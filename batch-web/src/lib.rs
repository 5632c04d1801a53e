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
//!
//! Which standards the Worker checks against: the built-in ones, or a bureau's rule pack read with the
//! same reader as the widget and the command line (`facility_calc::rules`). The ruleset is built once per
//! pack, not per row; a sheet keeps the ruleset it was started under, so its downloads say which it was.
//!
//! ```js
//! load_batch_rules(text);   // → {id, version, builtin, title: {zh, en}, publisher}, or throws an Error
//!                           //   whose `errors` is [{path, code, message, message_zh}]; nothing changes then
//! use_builtin_rules();      // back to the built-in standards
//! JSON.parse(batch_catalogue()); // the choices of the ruleset in use
//! ```

use facility_calc::batch::{
    self, ColumnReport, Limits, Mapping, Report, RowResult, RowVerdict, Sheet, SheetChoices, Target,
};
use facility_calc::rules::{
    ChoiceEntry, JurisdictionEntry, MAX_PACK_BYTES, PackError, Ruleset, Str, Txt, catalogue,
};
use facility_calc::standards;
use facility_calc::text::Lang;
use facility_calc::text::Text;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The standards new checks use: the built-in ones until a pack is loaded.
    static RULES: RefCell<Rc<Ruleset>> = RefCell::new(facility_calc::builtin());
}

fn current_rules() -> Rc<Ruleset> {
    RULES.with(|r| r.borrow().clone())
}

/// Reads a pack's JSON text (`"extends": "builtin"` on top of the built-in standards) and makes it the
/// standards of the checks that follow; every problem otherwise, and the standards in use stay.
fn load_rules_text(text: &str) -> Result<Rc<Ruleset>, Vec<PackError>> {
    let set = facility_calc::registry::Registry::default().load_text(text)?;
    RULES.with(|r| *r.borrow_mut() = set.clone());
    Ok(set)
}

/// Which standards: what the page shows about them and puts in a row's link to the widget.
#[derive(Serialize)]
struct RulesView {
    id: Str,
    version: Str,
    builtin: bool,
    title: Txt,
    publisher: Str,
    /// One line naming them, as the downloads and the printed report say it (zh, en).
    used_zh: String,
    used_en: String,
    /// What is said about the file's encoding when it was not UTF-8 (zh, en), else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    read_as_zh: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    read_as_en: Option<&'static str>,
}

impl RulesView {
    fn of(set: &Ruleset) -> RulesView {
        RulesView {
            id: set.id.clone(),
            version: set.version.clone(),
            builtin: set.builtin,
            title: set.title.clone(),
            publisher: set.publisher.clone(),
            used_zh: standards::standards_used(set, Lang::Zh),
            used_en: standards::standards_used(set, Lang::En),
            read_as_zh: None,
            read_as_en: None,
        }
    }
}

/// Checks a rule pack given as JSON text and, when it is good, checks every sheet started from now on
/// against it. Returns JSON `{id, version, builtin, title, publisher, used_zh, used_en}`. A bad pack
/// throws an `Error` whose `errors` is every problem `{path, code, message, message_zh}` (as the widget's
/// `load_rules`), and the standards in use stay as they were.
#[wasm_bindgen]
pub fn load_batch_rules(text: &str) -> Result<String, JsValue> {
    load_rules_text(text)
        .map(|set| json(&RulesView::of(&set)))
        .map_err(|errors| pack_error(&errors))
}

/// The same for a pack *file*'s bytes: UTF-8, or GB18030 when it is not UTF-8 and reads cleanly as that
/// (then `read_as_zh`/`read_as_en` say so), else refused naming the encoding (`not_utf8`): never mojibake.
#[wasm_bindgen]
pub fn load_batch_rules_file(bytes: &[u8]) -> Result<String, JsValue> {
    let (text, encoding) =
        facility_calc::registry::pack_file_text(bytes, facility_calc::batch::gb18030)
            .map_err(|problem| pack_error(&[problem]))?;
    load_rules_text(&text)
        .map(|set| {
            let mut view = RulesView::of(&set);
            if let Some((en, zh)) = encoding.notice() {
                (view.read_as_en, view.read_as_zh) = (Some(en), Some(zh));
            }
            json(&view)
        })
        .map_err(|errors| pack_error(&errors))
}

/// Back to the built-in standards for the sheets started from now on. Returns JSON as `load_batch_rules`.
#[wasm_bindgen]
pub fn use_builtin_rules() -> String {
    let set = facility_calc::builtin();
    RULES.with(|r| *r.borrow_mut() = set.clone());
    json(&RulesView::of(&set))
}

/// JSON array of the one problem with a pack file of `bytes` when it is too large to read, else
/// `undefined`: the Worker asks before reading the file.
#[wasm_bindgen]
pub fn pack_size_problem(bytes: f64) -> Option<String> {
    let bytes = if bytes.is_finite() && bytes > 0.0 {
        bytes as usize
    } else {
        0
    };
    (bytes > MAX_PACK_BYTES).then(|| json(&[facility_calc::registry::too_large(bytes)]))
}

/// An `Error` with the pack's problems as `errors`, built by the boundary layer (as the widget's API
/// throws), never by hand here. (The boundary exists in the wasm build only; native builds of this crate
/// run its tests, which never throw to JavaScript.)
#[cfg(target_arch = "wasm32")]
fn pack_error(errors: &[PackError]) -> JsValue {
    facility_calc::host::to_error(
        &format!(
            "facility-calc: the rule pack was not loaded ({} problem(s))",
            errors.len()
        ),
        errors,
    )
}

#[cfg(not(target_arch = "wasm32"))]
fn pack_error(errors: &[PackError]) -> JsValue {
    JsValue::from_str(&json(errors))
}

/// A sheet read from a file or pasted text, and its checking in progress.
#[wasm_bindgen]
pub struct BatchSheet {
    sheet: Sheet,
    mapping: Mapping,
    choices: SheetChoices,
    /// The standards this sheet is checked against: those in use when it was started.
    rules: Rc<Ruleset>,
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

fn json<T: Serialize + ?Sized>(value: &T) -> String {
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
                    field: facility_calc::fields::Id::Mapping,
                    code: facility_calc::input::ErrorCode::NotAMapping,
                    message: format!("The column choices could not be read: {e}"),
                    message_zh: format!("无法读取列的对应关系：{e}"),
                }]);
            }
        };
        self.rules = current_rules();
        let problems = choices.validate(&self.rules);
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
            &self.rules,
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
        let report = Report::new(std::mem::take(&mut self.rows)).under(&self.rules);
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

    /// JSON: the standards the sheet was (or is being) checked against, as `load_batch_rules` returns them.
    pub fn ruleset(&self) -> String {
        json(&RulesView::of(&self.rules))
    }

    /// The results beside the original columns as `.xlsx` (verdict cells coloured and worded; under a
    /// local pack, the pack named atop the summary sheet and in a last column). Call after `finish`.
    /// Throws a message text if the writer fails.
    pub fn results_xlsx(&self, lang_tag: &str) -> Result<Vec<u8>, JsValue> {
        let report = self.finished()?;
        let lang = lang(lang_tag);
        let line = self.standards_line(lang);
        batch::write_xlsx_noting(&self.sheet, report, lang, self.note(&line))
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// The results as CSV in UTF-8 with a BOM (under a local pack, named in a last column). Call after
    /// `finish`.
    pub fn results_csv(&self, lang_tag: &str) -> Result<Vec<u8>, JsValue> {
        let report = self.finished()?;
        let lang = lang(lang_tag);
        let line = self.standards_line(lang);
        Ok(batch::write_csv_noting(
            &self.sheet,
            report,
            lang,
            self.note(&line),
        ))
    }
}

impl BatchSheet {
    fn new(sheet: Sheet) -> BatchSheet {
        BatchSheet {
            sheet,
            mapping: Mapping::default(),
            choices: SheetChoices::default(),
            rules: current_rules(),
            rows: Vec::new(),
            report: None,
        }
    }

    fn standards_line(&self, lang: Lang) -> String {
        standards::standards_used(&self.rules, lang)
    }

    /// What the downloads say about the standards: nothing under the built-in ones (the files stay as
    /// they always were), the pack's line under a local one.
    fn note<'a>(&self, line: &'a str) -> Option<batch::StandardsNote<'a>> {
        (!self.rules.builtin).then_some(batch::StandardsNote { line })
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
    max_pack_bytes: usize,
}

/// The words of the standards choice, the widget's own (zh, en each).
#[derive(Serialize)]
struct StandardsWords {
    standard: Text,
    builtin_standard: Text,
    local_standard: Text,
    load_local: Text,
    load_local_hint: Text,
    use_builtin: Text,
    version: Text,
    publisher: Text,
    pack_rejected: Text,
}

const STANDARDS_WORDS: StandardsWords = StandardsWords {
    standard: standards::STANDARD,
    builtin_standard: standards::BUILTIN_STANDARD,
    local_standard: standards::LOCAL_STANDARD,
    load_local: standards::LOAD_LOCAL,
    load_local_hint: standards::LOAD_LOCAL_HINT,
    use_builtin: standards::USE_BUILTIN,
    version: standards::VERSION,
    publisher: standards::PUBLISHER,
    pack_rejected: standards::PACK_REJECTED,
};

/// Everything the page labels and offers, from the engine's data (never written again in JavaScript).
#[derive(Serialize)]
struct ResultColumnView {
    key: &'static str,
    zh: &'static str,
    en: &'static str,
}

#[derive(Serialize)]
struct BatchCatalogue {
    /// The standards the choices below are those of.
    ruleset: RulesView,
    standards_words: StandardsWords,
    targets: Vec<TargetView>,
    verdicts: Vec<VerdictView>,
    jurisdictions: Vec<JurisdictionEntry>,
    settlements: Vec<ChoiceEntry>,
    constructions: Vec<ChoiceEntry>,
    programmes: Vec<ChoiceEntry>,
    /// The result columns these standards call for, by key (`required_area_m2`, `max_area_m2`, …), with
    /// their titles: the page's table heads them with the words the downloaded sheet uses.
    result_columns: Vec<ResultColumnView>,
    template_file_stem: &'static str,
    limits: LimitsView,
}

/// JSON: the standards in use and their choices for the whole sheet, the column targets, verdict words,
/// result headers and limits.
#[wasm_bindgen]
pub fn batch_catalogue() -> String {
    let set = current_rules();
    let standards = catalogue(&set);
    json(&BatchCatalogue {
        ruleset: RulesView::of(&set),
        standards_words: STANDARDS_WORDS,
        targets: Target::SHEET
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
        result_columns: batch::result_column_titles(batch::ResultColumns::of(&set))
            .into_iter()
            .map(|(key, title)| ResultColumnView {
                key,
                zh: title.zh,
                en: title.en,
            })
            .collect(),
        template_file_stem: batch::TEMPLATE_FILE_STEM,
        limits: LimitsView {
            max_file_bytes: Limits::DEFAULT.max_file_bytes,
            max_rows: Limits::DEFAULT.max_rows,
            max_pack_bytes: MAX_PACK_BYTES,
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

/// The template (`模板.xlsx`): headers and two example rows, in the standards in use (`template_sheet`).
/// Throws a message text if the writer fails.
#[wasm_bindgen]
pub fn template_xlsx() -> Result<Vec<u8>, JsValue> {
    batch::template_xlsx_of(&batch::template_sheet_for(&current_rules()))
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The template as CSV (`模板.csv`), UTF-8 with a BOM, as `template_xlsx`.
#[wasm_bindgen]
pub fn template_csv() -> Vec<u8> {
    batch::template_csv_of(&batch::template_sheet_for(&current_rules()))
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

    /// The example pack: 示例市 with a new community type, 产业园区社区: 35 m² per 100 households for city
    /// and park communities, at least 400 m² for a park community, office at most 18 % of the total.
    const NEW_JURISDICTION: &str =
        include_str!("../../examples/packs/example-new-jurisdiction.json");

    /// One row per case, in the pack's own names, ids and English names: name, jurisdiction, type,
    /// households, planned total, office.
    const PACK_SHEET: &str = "小区名称\t地区\t社区类型\t户数\t规划面积\t办公面积\n\
        园区一期\t示例市（演示）\t产业园区社区（示例）\t1000\t400\t60\n\
        园区二期\texample_city\tindustrial_park\t1000\t380\t60\n\
        老城社区\tExample City (demonstration)\t城市社区\t2000\t700\t100\n\
        幸福社区\t兴安盟\t城市社区\t1250\t420\t60";

    /// Checks `text` with its columns as matched, under the standards in use; the sheet and its rows.
    fn check_text(text: &str) -> (BatchSheet, Vec<Value>) {
        let mut sheet = BatchSheet::from_text(text).unwrap_or_else(|_| panic!("the sheet reads"));
        let overview: Value = serde_json::from_str(&sheet.columns()).unwrap();
        assert_eq!(sheet.start(&overview["mapping"].to_string(), "{}"), "[]");
        sheet.finish();
        let all: Vec<u32> = (0..sheet.row_count() as u32).collect();
        let rows = parse(&sheet.rows(&all));
        (sheet, rows)
    }

    /// (verdict, required m²) per row.
    fn verdicts(rows: &[Value]) -> Vec<(String, Option<f64>)> {
        rows.iter()
            .map(|r| {
                (
                    r["verdict"].as_str().unwrap().to_string(),
                    r["required_area_m2"].as_f64(),
                )
            })
            .collect()
    }

    fn pass(required: f64) -> (String, Option<f64>) {
        ("pass".to_string(), Some(required))
    }

    fn fail(required: f64) -> (String, Option<f64>) {
        ("fail".to_string(), Some(required))
    }

    #[test]
    fn a_pack_with_a_new_jurisdiction_and_community_type_is_what_the_check_uses() {
        let loaded = load_rules_text(NEW_JURISDICTION).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(&*loaded.id, "example-new-jurisdiction");

        // The choices for the whole sheet are the pack's, beside the built-in ones it extends.
        let catalogue: Value = serde_json::from_str(&batch_catalogue()).unwrap();
        assert_eq!(catalogue["ruleset"]["id"], "example-new-jurisdiction");
        assert_eq!(catalogue["ruleset"]["version"], "2026.11-example");
        assert_eq!(catalogue["ruleset"]["builtin"], false);
        let ids = |list: &Value| -> Vec<String> {
            list.as_array()
                .unwrap()
                .iter()
                .map(|j| j["id"].as_str().unwrap().to_string())
                .collect()
        };
        assert!(ids(&catalogue["jurisdictions"]).contains(&"example_city".to_string()));
        assert!(ids(&catalogue["jurisdictions"]).contains(&"xam".to_string()));
        assert!(ids(&catalogue["settlements"]).contains(&"industrial_park".to_string()));

        let (sheet, rows) = check_text(PACK_SHEET);
        // 1,000 park households: the 400 m² minimum governs (35 × 10 = 350 is less); 2,000 city
        // households: 35 × 20 = 700; offices within 18 %; Xing'an League is still the built-in 30 per 100
        // (375).
        assert_eq!(
            verdicts(&rows),
            [pass(400.0), fail(400.0), pass(700.0), pass(375.0)]
        );
        // The pack's office ceiling: 18 % of the planned 400 m².
        assert_eq!(rows[0]["office_max_m2"], 72.0);
        assert_eq!(rows[1]["inputs"][0]["text"], "example_city");
        assert_eq!(rows[1]["inputs"][1]["text"], "industrial_park");
        assert_eq!(rows[1]["governing_zh"], "《示例市配建标准（示例）》");
        let view: Value = serde_json::from_str(&sheet.ruleset()).unwrap();
        assert_eq!(view["id"], "example-new-jurisdiction");

        // The same sheet under the built-in standards: 示例市 is nobody's jurisdiction there.
        use_builtin_rules();
        let (_, rows) = check_text(PACK_SHEET);
        let got: Vec<&str> = rows
            .iter()
            .map(|r| r["verdict"].as_str().unwrap())
            .collect();
        assert_eq!(got, ["invalid", "invalid", "invalid", "pass"]);
        assert_eq!(rows[0]["errors"][0]["field"], "jurisdiction");
    }

    #[test]
    fn a_bad_pack_gives_every_problem_with_its_path_and_the_standards_in_use_stay() {
        load_rules_text(NEW_JURISDICTION).unwrap_or_else(|e| panic!("{e:?}"));
        let missing_document = NEW_JURISDICTION.replacen(
            r#""document": "example-city-2026","#,
            r#""document": "no-such-document","#,
            1,
        );
        let negative = missing_document.replacen(r#""m2": 400"#, r#""m2": -400"#, 1);
        // One row per case: pack text → the paths of its problems (every one, at once).
        let cases: [(&str, &[&str]); 4] = [
            (
                "{\"format\": \"facility-calc/rules@1\", \"id\": \"cut",
                &[""],
            ),
            ("[]", &[""]),
            (&missing_document, &["/rules/0/document"]),
            (&negative, &["/rules/0/document", "/rules/1/figure/m2"]),
        ];
        for (text, paths) in cases {
            let errors = load_rules_text(text)
                .err()
                .unwrap_or_else(|| panic!("{text} loads"));
            let got: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
            assert_eq!(got, paths, "{errors:?}");
            assert!(
                errors
                    .iter()
                    .all(|e| !e.message.is_empty() && !e.message_zh.is_empty())
            );
            assert_eq!(&*current_rules().id, "example-new-jurisdiction");
        }
        let too_large = pack_size_problem((MAX_PACK_BYTES + 1) as f64).unwrap();
        assert!(too_large.contains("too_large"), "{too_large}");
        assert_eq!(pack_size_problem(1000.0), None);
        // Still checked under the pack.
        let (_, rows) = check_text(PACK_SHEET);
        assert_eq!(rows[0]["verdict"], "pass");
    }

    #[test]
    fn the_downloads_name_a_local_pack_and_a_sheet_keeps_the_standards_it_was_checked_under() {
        let (builtin_sheet, _) = check_text(SHEET);
        let builtin_csv =
            String::from_utf8(builtin_sheet.results_csv("zh-CN").unwrap_or_default()).unwrap();
        assert!(!builtin_csv.contains("适用标准"), "{builtin_csv}");

        load_rules_text(NEW_JURISDICTION).unwrap_or_else(|e| panic!("{e:?}"));
        let (sheet, _) = check_text(PACK_SHEET);
        use_builtin_rules();
        for (lang, header, marked) in [
            ("zh-CN", "适用标准", "按本地标准计算（非内置标准）"),
            ("en", "Standards", "not the built-in one"),
        ] {
            let csv = String::from_utf8(sheet.results_csv(lang).unwrap_or_default()).unwrap();
            let lines: Vec<&str> = csv.lines().collect();
            assert_eq!(lines.len(), 5);
            assert!(lines[0].ends_with(header), "{}", lines[0]);
            for line in &lines[1..] {
                assert!(line.contains(marked), "{line}");
                assert!(line.contains("example-new-jurisdiction"), "{line}");
                assert!(line.contains("2026.11-example"), "{line}");
            }
            let xlsx = sheet.results_xlsx(lang).unwrap_or_default();
            assert!(xlsx.starts_with(b"PK"), "an .xlsx is a zip");
        }
    }

    #[test]
    fn the_template_names_the_packs_own_choices_and_checks_under_it() {
        load_rules_text(NEW_JURISDICTION).unwrap_or_else(|e| panic!("{e:?}"));
        let text = String::from_utf8(template_csv()).unwrap();
        assert!(text.contains("示例市（演示）"), "{text}");
        let (_, rows) = check_text(text.trim_start_matches('\u{feff}'));
        assert_eq!(rows.len(), 2);
        for row in &rows {
            assert_eq!(row["inputs"][0]["text"], "example_city", "{row}");
            assert_ne!(row["verdict"], "invalid", "{row}");
        }
        use_builtin_rules();
        assert_eq!(template_csv(), batch::template_csv());
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
