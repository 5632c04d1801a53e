//! Batch checking: a whole sheet of communities at once (issue 9). Pure Rust with no web dependency, used
//! by the batch page (through the `batch-web` wasm crate) and by the `facility-calc` command-line tool.
//!
//! # The API in five calls
//!
//! ```text
//! bytes ──read_file──► Sheet ──match_columns──► ColumnReport (mapping + preview; the user may edit the Mapping)
//!                        │                                        │
//!                        └──────────── check(&sheet, &mapping, &choices) ◄┘ ──► Report (rows + summary)
//!                                                                                  │
//!                                           write_xlsx / write_csv(&sheet, &report, lang) ◄┘      template_xlsx / template_csv
//! ```
//!
//! - [`read_file`]`(bytes, file_name, &Limits::DEFAULT)` reads `.xlsx` (Excel, WPS: the first worksheet
//!   with data) or CSV / tab-separated text in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text")
//!   or GB18030/GBK; [`read_text`] reads text pasted from a spreadsheet. The header is the row among the
//!   first ten that names the most inputs (title rows above it are skipped); blank rows are skipped; each
//!   [`Row`] keeps the row number the spreadsheet shows. Either gives a [`Sheet`] or a [`ReadError`] with
//!   a message in both languages (not a spreadsheet, too large, too many rows, a zip bomb, no data, only
//!   pictures…). Every limit is in [`Limits`] and is named in its message; [`check_file_size`] refuses a
//!   file by its length before anything reads it into memory.
//! - [`match_columns`]`(&sheet)` matches each header against ONE table of synonyms and the engine's own field
//!   labels and gives a [`ColumnReport`]: per column what it was matched to (or that it is unknown,
//!   ambiguous or a duplicate), the [`Mapping`] to use, the first rows as a preview, and which required
//!   inputs have no column. A page shows it and lets the user change the mapping: [`Mapping`] is plain
//!   data (serde: an array with one target id or `null` per column; ids are [`Target::id`]).
//! - [`check`]`(&sheet, &mapping, &choices)` evaluates every row, none dropped, in input order, and returns a
//!   [`Report`]: one [`RowResult`] per data row and a [`Summary`]. [`SheetChoices`] are the values chosen for
//!   the whole sheet (jurisdiction, community type…), used where there is no column or its cell is blank.
//!   For progress and cancelling, call [`check_rows`] on successive ranges and [`Report::new`] at the end.
//! - [`write_xlsx`] / [`write_csv`] give the results beside the original columns (CSV with a UTF-8 BOM so
//!   Excel opens it correctly); [`template_xlsx`] / [`template_csv`] give the template (`模板.xlsx`).
//!
//! Every type a page needs is `Serialize` (and [`Mapping`] and [`SheetChoices`] also `Deserialize`), so the
//! wasm layer can pass them to JavaScript as plain objects. Nothing here panics on any input (tests/batch.rs
//! feeds it damaged workbooks and arbitrary text).
//!
//! On wasm32 the xlsx writer reads the clock through JavaScript's `Date` (`rust_xlsxwriter`'s `wasm` feature,
//! turned on for wasm32 in the root `Cargo.toml`); everything else here needs nothing from the host.

mod check;
mod columns;
mod sheet;
mod values;
mod write;

pub use check::{
    CellError, Report, RowInput, RowResult, RowVerdict, SheetChoices, Summary, UnreadableValue,
    ValueChoice, check, check_rows, unreadable_values,
};
pub use columns::{
    ColumnMatch, ColumnReport, Mapping, MatchStatus, NAME, PREVIEW_ROWS, Target, match_columns,
};
pub use sheet::{Cell, Limits, ReadError, Row, Sheet, check_file_size, column_letters, gb18030};

/// Reads a chosen file: `.xlsx` by its content (a zip), anything else as CSV or tab-separated text
/// (`file_name` only improves the messages); then the header is found among the first rows.
pub fn read_file(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Sheet, ReadError> {
    let rows = sheet::read_file(bytes, file_name, limits)?;
    let header = columns::header_index(&rows);
    rows.with_header_at(header, limits)
}

/// Reads CSV or tab-separated text (also text pasted from a spreadsheet); then finds its header.
pub fn read_text(text: &str, limits: &Limits) -> Result<Sheet, ReadError> {
    let rows = sheet::read_text(text, limits)?;
    let header = columns::header_index(&rows);
    rows.with_header_at(header, limits)
}
pub use write::{
    CsvWriter, ResultColumns, StandardsNote, TEMPLATE_FILE_STEM, WriteError, result_column_titles,
    result_headers, template_csv, template_csv_of, template_sheet, template_sheet_for,
    template_xlsx, template_xlsx_of, write_csv, write_csv_noting, write_xlsx, write_xlsx_noting,
};
