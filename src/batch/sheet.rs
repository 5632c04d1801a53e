//! Reading a sheet: `.xlsx` through calamine (cell by cell, so memory follows the rows kept, not the
//! sheet's claimed dimensions), CSV / tab-separated text in UTF-8, UTF-16 or GB18030 by hand. Every limit is
//! checked before the work it bounds, and every failure is a [`ReadError`] that says what to do.

use crate::number::format_number;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{Cursor, Read, Write};

/// How much a file may hold. Each limit is named in the message of the error that enforces it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The file as chosen (a 100 MB file is refused before it is opened).
    pub max_file_bytes: usize,
    /// Data rows below the header.
    pub max_rows: usize,
    pub max_columns: usize,
    /// The parts of an `.xlsx` unpacked (a zip bomb is refused while it is being unpacked, in bounded memory).
    /// A 100,000-row, 9-column sheet unpacks to about 28 MB. Also the most text its cells may hold.
    pub max_unpacked_bytes: u64,
    /// The shared strings of an `.xlsx` (each distinct text, which the reader holds in memory whole): their
    /// parts as unpacked plus what holding each string costs (a `String`: 24 bytes natively), however many the file
    /// declares. 100,000 distinct names and 100,000 distinct addresses come to about 16 MB.
    pub max_shared_strings_bytes: u64,
}

impl Limits {
    /// Generous for a city's communities (a large city has a few thousand), small enough for a phone's tab.
    pub const DEFAULT: Limits = Limits {
        max_file_bytes: 50 * 1024 * 1024,
        max_rows: 100_000,
        max_columns: 200,
        max_unpacked_bytes: 256 * 1024 * 1024,
        max_shared_strings_bytes: 64 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell of an `.xlsx` (CSV cells are always text).
    Number(f64),
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }

    /// The cell as a person reads it (a number without thousands separators, as a spreadsheet shows it).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Number(n) => Cow::Owned(plain_number(*n)),
        }
    }
}

/// 1250 · 375.5 — a number as a spreadsheet cell shows it.
pub(crate) fn plain_number(n: f64) -> String {
    let mut text = String::new();
    write_plain_number(&mut text, n);
    text
}

/// [`plain_number`] appended to `out` (writers put 100,000 rows of numbers into one buffer).
pub(crate) fn write_plain_number(out: &mut String, n: f64) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        push_integer(out, n as i64);
        Ok(())
    } else if n.is_finite() {
        write!(out, "{n}")
    } else {
        out.write_str(&format_number(n))
    };
}

/// A whole number's digits, from a buffer on the stack (as `{}` writes it, without the formatter).
fn push_integer(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// A data row and the number a spreadsheet shows beside it (the header is usually row 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

/// A sheet read from a file or pasted text: the header row and every non-blank row below it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Sheet {
    /// The header row's texts, one per column (blank where the header cell is blank).
    pub headers: Vec<String>,
    pub header_row: u32,
    pub rows: Vec<Row>,
    /// `xlsx`, `csv`, `tsv` (also pasted text).
    pub format: &'static str,
    /// For text: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub encoding: Option<&'static str>,
    /// For `.xlsx`: the worksheet read.
    pub sheet_name: Option<String>,
}

impl Sheet {
    /// The name of a column for messages: its header, or 第 C 列 / column C where the header is blank.
    pub fn column_name(&self, column: usize) -> Cow<'_, str> {
        match self.headers.get(column).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => Cow::Borrowed(h),
            _ => Cow::Owned(format!("第 {} 列", column_letters(column))),
        }
    }
}

/// A, B, …, Z, AA, AB… for a 0-based column index.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Why a file could not be read, in both languages, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadError {
    /// `too_large`, `too_many_rows`, `too_many_columns`, `zip_bomb`, `corrupt`, `unsupported_format`,
    /// `not_a_spreadsheet`, `empty`, `no_data`, `images_only`.
    pub code: &'static str,
    pub message: String,
    pub message_zh: String,
}

impl ReadError {
    fn new(code: &'static str, message: String, message_zh: String) -> ReadError {
        ReadError {
            code,
            message,
            message_zh,
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}（{}）", self.message_zh, self.message)
    }
}

impl std::error::Error for ReadError {}

fn megabytes(bytes: u64) -> String {
    format_number((bytes / (1024 * 1024)) as f64)
}

fn too_many_rows(limits: &Limits) -> ReadError {
    let n = format_number(limits.max_rows as f64);
    ReadError::new(
        "too_many_rows",
        format!(
            "The sheet has more than {n} data rows, the most checked at once: split it into smaller files"
        ),
        format!("表格超过 {n} 行数据（一次最多检查 {n} 行）：请拆分为几个较小的文件"),
    )
}

fn too_many_columns(limits: &Limits) -> ReadError {
    let n = format_number(limits.max_columns as f64);
    ReadError::new(
        "too_many_columns",
        format!("The sheet has more than {n} columns: keep only the community columns"),
        format!("表格超过 {n} 列：请只保留社区相关的列"),
    )
}

fn cell_too_long(row: u32, column: usize) -> ReadError {
    let (row, letter) = (row.saturating_add(1), column_letters(column));
    ReadError::new(
        "cell_too_long",
        format!(
            "Cell {letter}{row} holds more than {MAX_CELL_CHARS} characters, more than Excel allows: a damaged or hostile file; save the sheet again"
        ),
        format!(
            "单元格 {letter}{row} 超过 {MAX_CELL_CHARS} 个字符，超出 Excel 的上限（文件损坏或异常）：请重新保存表格"
        ),
    )
}

/// More text than `max` bytes: the cells' text (a long string repeated in many cells) or the shared
/// strings the workbook holds.
fn too_much_text(max: u64) -> ReadError {
    let max = megabytes(max);
    ReadError::new(
        "too_much_text",
        format!(
            "The sheet's text comes to more than {max} MB, far more than its rows need (the same long text repeated in many cells, or a damaged or hostile file): save the sheet again as .xlsx or .csv"
        ),
        format!(
            "表格中的文字超过 {max} MB，远超数据所需（同一长文本重复于大量单元格，或文件损坏、异常）：请重新另存为 .xlsx 或 .csv"
        ),
    )
}

fn zip_bomb(limits: &Limits) -> ReadError {
    let max = megabytes(limits.max_unpacked_bytes);
    ReadError::new(
        "zip_bomb",
        format!(
            "The .xlsx unpacks to more than {max} MB, far more than its rows need (a damaged file or a zip bomb): save the sheet again as .xlsx or .csv"
        ),
        format!(
            "该 .xlsx 解压后超过 {max} MB，远超数据所需（文件损坏或为“压缩炸弹”）：请重新另存为 .xlsx 或 .csv"
        ),
    )
}

fn corrupt(detail: impl std::fmt::Display) -> ReadError {
    ReadError::new(
        "corrupt",
        format!(
            "The .xlsx file is damaged or incomplete ({detail}): open it in Excel or WPS and save it again"
        ),
        format!("该 .xlsx 文件已损坏或不完整（{detail}）：请在 Excel 或 WPS 中打开后重新保存"),
    )
}

/// Reads a chosen file: `.xlsx` by its content (a zip), anything else as CSV or tab-separated text.
/// `file_name` only improves the messages (an old `.xls`, a `.xlsx` that is not one).
pub(super) fn read_file(
    bytes: &[u8],
    file_name: &str,
    limits: &Limits,
) -> Result<Sheet, ReadError> {
    check_file_size(bytes.len() as u64, limits)?;
    let lower = file_name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return read_xlsx(bytes, limits);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || lower.ends_with(".xls") {
        return Err(ReadError::new(
            "unsupported_format",
            "This is an old Excel 97–2003 (.xls) file: save it as .xlsx or .csv in Excel or WPS and choose that".to_string(),
            "这是旧版 Excel 97–2003（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再选择".to_string(),
        ));
    }
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        return Err(corrupt("not a zip package"));
    }
    if bytes.is_empty() {
        return Err(empty());
    }
    let (text, encoding) = decode(bytes)?;
    let mut sheet = read_text(&text, limits)?;
    sheet.encoding = Some(encoding);
    Ok(sheet)
}

fn empty() -> ReadError {
    ReadError::new(
        "empty",
        "The file is empty: choose the sheet with a header row and one row per community"
            .to_string(),
        "文件为空：请选择有表头、每个社区一行的表格".to_string(),
    )
}

fn no_data() -> ReadError {
    ReadError::new(
        "no_data",
        "The sheet has a header row but no communities below it: add one row per community"
            .to_string(),
        "表格只有表头，没有社区数据：请每个社区填写一行".to_string(),
    )
}

/// Refuses a file too large to check before anything reads it into memory (a page checks `File.size`,
/// the command line the file's length).
pub fn check_file_size(bytes: u64, limits: &Limits) -> Result<(), ReadError> {
    if bytes <= limits.max_file_bytes as u64 {
        return Ok(());
    }
    let (size, max) = (megabytes(bytes), megabytes(limits.max_file_bytes as u64));
    Err(ReadError::new(
        "too_large",
        format!(
            "The file is {size} MB; at most {max} MB can be checked at once: split it into smaller files"
        ),
        format!("文件大小为 {size} MB，一次最多检查 {max} MB：请拆分为几个较小的文件"),
    ))
}

/// UTF-8 (with or without BOM) when the bytes are valid UTF-8, UTF-16 by its BOM, otherwise GB18030 (a
/// superset of GBK, which Excel on Chinese Windows writes). Binary data is refused rather than shown garbled.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), ReadError> {
    let not_text = || {
        ReadError::new(
            "not_a_spreadsheet",
            "This file is neither an .xlsx workbook nor CSV text: save the sheet as .xlsx or .csv"
                .to_string(),
            "该文件既不是 .xlsx 工作簿，也不是 CSV 文本：请将表格另存为 .xlsx 或 .csv".to_string(),
        )
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|s| (Cow::Borrowed(s), "UTF-8"))
            .map_err(|_| not_text());
    }
    for (bom, encoding, name) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, malformed) = encoding.decode_without_bom_handling(rest);
            return if malformed {
                Err(not_text())
            } else {
                Ok((text, name))
            };
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(not_text());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), "UTF-8"));
    }
    match gb18030(bytes) {
        Some(text) => Ok((Cow::Owned(text), "GB18030")),
        None => Err(not_text()),
    }
}

/// Bytes read as GB18030 (GBK's superset, what Chinese Windows saves as "ANSI"), or `None` when they do not
/// read cleanly as it: never text with replacement characters.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    let (text, malformed) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!malformed).then(|| text.into_owned())
}

/// Rows a sheet may have above its header: a title such as “东胜区社区综合服务设施统计表”, a date, a unit line.
pub(super) const HEADER_SEARCH_ROWS: usize = 10;

/// Collects the non-blank rows (blank rows are not communities), then picks the header: the row among the
/// first few that names the most inputs, else the first row. Rows above it are titles, not communities.
struct RowCollector<'a> {
    limits: &'a Limits,
    sheet: Sheet,
}

impl<'a> RowCollector<'a> {
    fn new(limits: &'a Limits, format: &'static str) -> RowCollector<'a> {
        RowCollector {
            limits,
            sheet: Sheet {
                format,
                ..Sheet::default()
            },
        }
    }

    fn has_rows(&self) -> bool {
        !self.sheet.rows.is_empty()
    }

    fn push(&mut self, number: u32, mut cells: Vec<Cell>) -> Result<(), ReadError> {
        while cells.last().is_some_and(Cell::is_blank) {
            cells.pop();
        }
        if cells.is_empty() {
            return Ok(());
        }
        if cells.len() > self.limits.max_columns {
            return Err(too_many_columns(self.limits));
        }
        // The header and any title rows above it, plus the data rows allowed.
        if self.sheet.rows.len() >= self.limits.max_rows.saturating_add(HEADER_SEARCH_ROWS) {
            return Err(too_many_rows(self.limits));
        }
        cells.shrink_to_fit(); // 100,000 rows: spare capacity would be a third of the sheet's memory
        self.sheet.rows.push(Row { number, cells });
        Ok(())
    }

    /// The rows read, the header not yet chosen (`batch::read_file` has `columns` choose it, since it
    /// is the row that names the most inputs).
    fn finish(self) -> Result<Sheet, ReadError> {
        if self.sheet.rows.is_empty() {
            return Err(empty());
        }
        Ok(self.sheet)
    }
}

impl Sheet {
    /// Makes row `index` of the rows read the header: the rows above it are titles, not communities.
    pub(super) fn with_header_at(
        mut self,
        index: usize,
        limits: &Limits,
    ) -> Result<Sheet, ReadError> {
        let mut above = self
            .rows
            .drain(..=index.min(self.rows.len().saturating_sub(1)));
        let header_row = above.next_back().ok_or_else(empty)?;
        drop(above);
        self.header_row = header_row.number;
        self.headers = header_row
            .cells
            .iter()
            .map(|c| c.text().trim().to_string())
            .collect();
        if self.rows.is_empty() {
            return Err(no_data());
        }
        if self.rows.len() > limits.max_rows {
            return Err(too_many_rows(limits));
        }
        let width = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if self.headers.len() < width {
            self.headers.resize(width, String::new());
        }
        Ok(self)
    }
}

/// Reads CSV or tab-separated text (also text pasted from a spreadsheet): the delimiter is a tab when the
/// first line has one, else a comma (or a semicolon, as some European Excel versions write). Quoted cells
/// may hold delimiters, doubled quotes and line breaks.
pub(super) fn read_text(text: &str, limits: &Limits) -> Result<Sheet, ReadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Excel's `sep=;` line names the delimiter; Excel does not count it as a row.
    let (text, declared) = match text.split_once('\n') {
        Some((first, rest)) if first.trim_end().starts_with("sep=") => {
            (rest, first.trim_end().chars().nth(4))
        }
        _ => (text, None),
    };
    let first_line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let delimiter = declared.unwrap_or(if first_line.contains('\t') {
        '\t'
    } else if !first_line.contains(',') && first_line.contains(';') {
        ';'
    } else {
        ','
    });
    let format = if delimiter == '\t' { "tsv" } else { "csv" };
    let mut collector = RowCollector::new(limits, format);
    let mut delimiter_utf8 = [0u8; 4];
    let delimiter = delimiter.encode_utf8(&mut delimiter_utf8).as_bytes();
    let bytes = text.as_bytes();
    let mut record = 0u32;
    // Sized like the row before, so a row's cells are allocated once (rows of a sheet are alike).
    let mut cells: Vec<Cell> = Vec::new();
    let mut quoted = String::new();
    let mut at = 0;
    loop {
        if at >= bytes.len() {
            // The text ends after a delimiter: that row's last cell is empty.
            if !cells.is_empty() {
                cells.push(Cell::Empty);
                record = record.saturating_add(1);
                collector.push(record, cells)?;
            }
            break;
        }
        let cell = if bytes[at] == b'"' {
            // A quoted cell (delimiters, line breaks and doubled quotes inside), then anything up to the
            // next delimiter as written (`"a"b` is ab).
            quoted.clear();
            at += 1;
            loop {
                let Some(quote) = find(bytes, at, |b| b == b'"') else {
                    quoted.push_str(slice(text, at, bytes.len()));
                    at = bytes.len();
                    break;
                };
                quoted.push_str(slice(text, at, quote));
                at = quote + 1;
                if bytes.get(at) == Some(&b'"') {
                    quoted.push('"');
                    at += 1;
                } else {
                    break;
                }
            }
            let end = cell_end(bytes, at, delimiter);
            quoted.push_str(slice(text, at, end));
            at = end;
            if quoted.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(quoted.as_str().to_owned())
            }
        } else {
            let end = cell_end(bytes, at, delimiter);
            let cell = text_cell(slice(text, at, end).to_owned());
            at = end;
            cell
        };
        match bytes.get(at) {
            None => {
                if !matches!(cell, Cell::Empty) || !cells.is_empty() {
                    cells.push(cell);
                    record = record.saturating_add(1);
                    collector.push(record, cells)?;
                }
                break;
            }
            Some(b'\r' | b'\n') => {
                at += if bytes[at..].starts_with(b"\r\n") {
                    2
                } else {
                    1
                };
                cells.push(cell);
                let width = cells.len();
                record = record.saturating_add(1);
                collector.push(
                    record,
                    std::mem::replace(&mut cells, Vec::with_capacity(width)),
                )?;
            }
            Some(_) => {
                at += delimiter.len();
                cells.push(cell);
                if cells.len() > limits.max_columns {
                    return Err(too_many_columns(limits));
                }
            }
        }
    }
    collector.finish()
}

/// The first byte at or after `from` that `is` picks.
fn find(bytes: &[u8], from: usize, is: impl Fn(u8) -> bool) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.iter().position(|b| is(*b)).map(|i| from + i)
}

/// Where an unquoted cell starting at `from` ends: at the delimiter, a line break or the end of the text.
/// Every position found is a character boundary: a line break is ASCII and the delimiter's first byte
/// (ASCII or a UTF-8 lead byte) never occurs inside another character.
fn cell_end(bytes: &[u8], from: usize, delimiter: &[u8]) -> usize {
    let first = delimiter.first().copied().unwrap_or(b',');
    let mut at = from;
    while let Some(found) = find(bytes, at, |b| b == first || b == b'\n' || b == b'\r') {
        if bytes[found] != first || bytes[found..].starts_with(delimiter) {
            return found;
        }
        at = found + 1;
    }
    bytes.len()
}

/// `text[from..to]` (positions from [`cell_end`] and [`find`], always on character boundaries).
fn slice(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or_default()
}

fn text_cell(text: String) -> Cell {
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text)
    }
}

/// Unpacks every part of the package into a counter, whatever its name, path or attributes (a sheet
/// stored under `xl/media/`, marked as a symlink or named `sheet1.xml/` is opened by name all the same),
/// so a zip bomb is refused after `max_unpacked_bytes` have been inflated, whatever its headers claim.
/// Returns the package calamine reads: every part copied still compressed, except the shared strings,
/// which calamine holds in memory whole: those are checked and written again by [`shared_strings`].
fn unpack(bytes: &[u8], limits: &Limits) -> Result<Unpacked, ReadError> {
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut package = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut has_pictures = false;
    let mut unpacked: u64 = 0;
    // The shared strings held so far, in bytes (their parts and a `String` for each string).
    let mut strings_held: u64 = 0;
    let mut buffer = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).map_err(corrupt)?;
        let name = part.name().map_err(corrupt)?.into_owned();
        has_pictures |= name.starts_with("xl/media/");
        let mut strings = is_shared_strings(&name).then(Vec::new);
        loop {
            let n = part
                .read(&mut buffer)
                .map_err(|e| corrupt(format!("{name}: {e}")))?;
            if n == 0 {
                break;
            }
            unpacked += n as u64;
            if unpacked > limits.max_unpacked_bytes {
                return Err(zip_bomb(limits));
            }
            if let Some(strings) = &mut strings {
                strings_held += n as u64;
                if strings_held > limits.max_shared_strings_bytes {
                    return Err(too_much_text(limits.max_shared_strings_bytes));
                }
                strings.extend_from_slice(&buffer[..n]);
            }
        }
        drop(part);
        let copied = match strings {
            Some(xml) => {
                let xml = shared_strings(xml, &name, &mut strings_held, limits)?;
                package
                    .start_file(name.as_str(), stored)
                    .and_then(|()| Ok(package.write_all(&xml)?))
            }
            None => archive
                .by_index_raw(index)
                .and_then(|part| package.raw_copy_file(part)),
        };
        copied.map_err(|e| corrupt(format!("{name}: {e}")))?;
    }
    let package = package.finish().map_err(corrupt)?.into_inner();
    Ok(Unpacked {
        package,
        has_pictures,
    })
}

/// A package whose every part was unpacked within the limits, as calamine is to read it.
struct Unpacked {
    package: Vec<u8>,
    /// Whether it holds pictures (to explain a sheet that is only images).
    has_pictures: bool,
}

/// Whether calamine may read `name` as the shared strings: it opens `…/sharedStrings.xml` by name,
/// whatever the case and with `\` for `/`.
fn is_shared_strings(name: &str) -> bool {
    name.replace('\\', "/")
        .to_ascii_lowercase()
        .ends_with("sharedstrings.xml")
}

/// What one shared string may hold as XML text: Excel's limit on a cell, at 8 bytes a character (UTF-8
/// takes at most 4, Excel's escape of a control character, `_x000D_`, 7). Calamine copies a string's text
/// a few times while reading it, so this bounds that too.
const MAX_SHARED_STRING_BYTES: u64 = MAX_CELL_CHARS as u64 * 8;

/// The shared strings part `xml` written again as calamine is to read it: its text before `<sst>` as it is
/// (the declaration names the encoding), then `<sst uniqueCount="N">` with N the strings it holds
/// (calamine reserves room for the declared count before reading one: `99999999999999` aborted the CLI),
/// then each `<si>` element as it is. The elements are found with calamine's own XML reader, settings and
/// rules for where one ends, so both see the same strings. Each string's text is bounded
/// ([`MAX_SHARED_STRING_BYTES`]), and each adds what holding it costs to `held`. `xml` is dropped here, so
/// the part is held once while it is written again.
fn shared_strings(
    xml: Vec<u8>,
    name: &str,
    held: &mut u64,
    limits: &Limits,
) -> Result<Vec<u8>, ReadError> {
    use quick_xml::events::Event;
    let damaged = |e: &dyn std::fmt::Display| corrupt(format!("{name}: {e}"));
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let sst = loop {
        let at = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => break at,
            Ok(Event::Eof) => return Err(damaged(&"no <sst> element")),
            Err(e) => return Err(damaged(&e)),
            _ => {}
        }
    };
    let mut strings: Vec<(usize, usize)> = Vec::new();
    loop {
        let at = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                let text = match string_text(&mut reader, e.name()) {
                    Ok(Some(text)) => text,
                    Ok(None) => return Err(damaged(&"a <si> element is not closed")),
                    Err(e) => return Err(damaged(&e)),
                };
                if text > MAX_SHARED_STRING_BYTES {
                    return Err(damaged(&format_args!(
                        "shared string {} holds more than {MAX_CELL_CHARS} characters, more than Excel allows in a cell",
                        strings.len() + 1
                    )));
                }
                *held += std::mem::size_of::<String>() as u64;
                if *held > limits.max_shared_strings_bytes {
                    return Err(too_much_text(limits.max_shared_strings_bytes));
                }
                strings.push((at, reader.buffer_position() as usize));
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "sst" => break,
            Ok(Event::Eof) => return Err(damaged(&"no </sst>")),
            Err(e) => return Err(damaged(&e)),
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(xml.len());
    out.extend_from_slice(&xml[..sst]);
    out.extend_from_slice(format!("<sst uniqueCount=\"{}\">", strings.len()).as_bytes());
    for (from, to) in strings {
        out.extend_from_slice(&xml[from..to]);
    }
    out.extend_from_slice(b"</sst>");
    Ok(out)
}

/// Reads one `<si>` after its start tag, where calamine's `read_string_with_bufs` ends it (the first end
/// tag of its name; a `<t>` outside a phonetic `<rPh>` run is read up to its own end tag), and gives the
/// bytes of text it holds: at least what calamine makes of them, since an entity or escape is never
/// shorter than its character. `None`: the part ends first.
fn string_text(
    reader: &mut quick_xml::Reader<&[u8]>,
    closing: quick_xml::name::QName<'_>,
) -> Result<Option<u64>, quick_xml::Error> {
    use quick_xml::events::Event;
    let mut phonetic = false;
    let mut bytes = 0u64;
    loop {
        match reader.read_event()? {
            Event::Start(e) if e.local_name().as_ref() == "rPh" => phonetic = true,
            Event::End(e) if e.name() == closing => return Ok(Some(bytes)),
            Event::End(e) if e.local_name().as_ref() == "rPh" => phonetic = false,
            Event::Start(t) if t.local_name().as_ref() == "t" && !phonetic => loop {
                match reader.read_event()? {
                    Event::Text(text) => bytes += text.len() as u64,
                    Event::CData(text) => bytes += text.len() as u64,
                    // `&name;`: the event holds the name.
                    Event::GeneralRef(entity) => bytes += entity.len() as u64 + 2,
                    Event::End(end) if end.name() == t.name() => break,
                    Event::Eof => return Ok(None),
                    _ => {}
                }
            },
            Event::Eof => return Ok(None),
            _ => {}
        }
    }
}

/// Excel's own limit on a cell's text: a longer cell is not a planner's.
const MAX_CELL_CHARS: usize = 32_767;

/// Reads the first worksheet that has any cell (a workbook often starts with an empty or notes sheet).
fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Sheet, ReadError> {
    use calamine::{Data, DataRef, Reader, Xlsx};
    let Unpacked {
        package,
        has_pictures,
    } = unpack(bytes, limits)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(package)).map_err(corrupt)?;
    let names = workbook.sheet_names();
    let mut last_error = None;
    for name in names {
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            Err(e) => {
                last_error = Some(corrupt(e));
                continue;
            }
        };
        let mut collector = RowCollector::new(limits, "xlsx");
        let mut text_bytes: u64 = 0;
        let mut row_index: Option<u32> = None;
        let mut cells: Vec<Cell> = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(corrupt)? {
            let (row, column) = cell.get_position();
            if row_index != Some(row) {
                if let Some(previous) = row_index {
                    collector.push(previous.saturating_add(1), std::mem::take(&mut cells))?;
                }
                row_index = Some(row);
            }
            let column = column as usize;
            if column >= limits.max_columns {
                if cell.get_value() == &DataRef::Empty {
                    continue;
                }
                return Err(too_many_columns(limits));
            }
            // A shared string is copied into every cell that refers to it: its length is checked before the
            // copy, and all text read is bounded, so one long string used many times cannot fill memory.
            let text = match cell.get_value() {
                DataRef::String(s) => Some(s.as_str()),
                DataRef::SharedString(s) => Some(&**s),
                _ => None,
            };
            if let Some(text) = text {
                if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
                    return Err(cell_too_long(row, column));
                }
                text_bytes += text.len() as u64;
                if text_bytes > limits.max_unpacked_bytes {
                    return Err(too_much_text(limits.max_unpacked_bytes));
                }
            }
            let value = match cell.get_value() {
                DataRef::Empty => Cell::Empty,
                DataRef::String(s) => text_cell(s.clone()),
                DataRef::SharedString(s) => text_cell((*s).to_string()),
                DataRef::Float(f) => Cell::Number(*f),
                DataRef::Int(i) => Cell::Number(*i as f64),
                DataRef::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
                DataRef::DateTime(d) => Cell::Number(d.as_f64()),
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s.clone()),
                DataRef::Error(e) => Cell::Text(Data::Error(e.clone()).to_string()),
            };
            if cells.len() <= column {
                cells.resize(column + 1, Cell::Empty);
            }
            cells[column] = value;
        }
        if let Some(previous) = row_index {
            collector.push(previous.saturating_add(1), cells)?;
        }
        if !collector.has_rows() {
            continue;
        }
        let mut sheet = collector.finish()?;
        sheet.sheet_name = Some(name);
        return Ok(sheet);
    }
    if let Some(error) = last_error {
        return Err(error);
    }
    if has_pictures {
        return Err(ReadError::new(
            "images_only",
            "The workbook holds pictures but no cells: type or paste the data as cells (a picture of a table cannot be read)".to_string(),
            "该工作簿只有图片，没有单元格数据：请把数据输入或粘贴为单元格（无法读取表格的图片）".to_string(),
        ));
    }
    Err(empty())
}

#[cfg(test)]
mod tests {
    use super::plain_number;

    #[test]
    fn plain_numbers_read_as_rust_writes_them() {
        let whole = [
            0.0,
            -0.0,
            7.0,
            -7.0,
            10.0,
            1250.0,
            -1250.0,
            999_999_999_999_999.0,
        ];
        for n in whole {
            assert_eq!(plain_number(n), format!("{}", n as i64), "{n}");
        }
        for (n, text) in [(375.5, "375.5"), (1e15, "1000000000000000"), (0.1, "0.1")] {
            assert_eq!(plain_number(n), text);
        }
    }
}
