//! The packs a page has loaded, by id, beside the built-in one, and JSON text → pack. Part of the JS
//! boundary layer (JSON text is read through `json`, which in wasm is the browser's `JSON.parse`), above
//! the rules it holds. A page may load a bounded number of packs; loading an id again replaces the pack of
//! that id.

use crate::rules::{
    MAX_PACK_BYTES, MAX_PACK_DEPTH, MAX_PACK_VALUES, PackError, Ruleset, builtin, read_pack,
};
use crate::value::{Excess, HostValue};
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// The packs loaded on this page, shared by the JS API and every widget.
    static PAGE: RefCell<Registry> = RefCell::new(Registry::default());
}

/// Runs `f` with the page's registry of loaded packs.
pub fn with_registry<T>(f: impl FnOnce(&mut Registry) -> T) -> T {
    PAGE.with(|r| f(&mut r.borrow_mut()))
}

/// At most this many packs stay loaded at once (a page that loads more is doing something wrong).
const MAX_LOADED: usize = 16;

#[derive(Default)]
pub struct Registry {
    loaded: Vec<Rc<Ruleset>>,
}

impl Registry {
    /// The ruleset of that id: `builtin`, or a pack loaded before.
    pub fn get(&self, id: &str) -> Option<Rc<Ruleset>> {
        if id == "builtin" {
            return Some(builtin());
        }
        self.loaded.iter().find(|r| &*r.id == id).cloned()
    }

    /// Checks a pack and keeps it; every problem otherwise, and nothing changes.
    pub fn load(&mut self, pack: &HostValue) -> Result<Rc<Ruleset>, Vec<PackError>> {
        let ruleset = Rc::new(read_pack(pack, Some(&builtin()))?);
        self.loaded.retain(|r| r.id != ruleset.id);
        if self.loaded.len() >= MAX_LOADED {
            return Err(vec![PackError::new(
                "",
                "too_many_packs",
                format!("At most {MAX_LOADED} rule packs can be loaded on one page"),
                format!("一个页面最多加载 {MAX_LOADED} 个规则包"),
            )]);
        }
        self.loaded.push(ruleset.clone());
        Ok(ruleset)
    }

    /// The ruleset a form or link asks for: built-in (`None`), or the loaded pack of that id *and
    /// version* (a link made under another version of a pack computes nothing).
    pub fn resolve(&self, rules: Option<(&str, &str)>) -> Option<Rc<Ruleset>> {
        match rules {
            None => Some(builtin()),
            Some((id, version)) => self.get(id).filter(|set| &*set.version == version),
        }
    }

    /// The same for a pack given as JSON text.
    pub fn load_text(&mut self, text: &str) -> Result<Rc<Ruleset>, Vec<PackError>> {
        self.load(&parse_pack_text(text)?)
    }
}

/// A pack as a host gave it (an object, or its JSON text from an argument, a file or a URL) read into a
/// value, or the one problem that stops it being read at all. Every way in meets the same limits and reads
/// the same pack the same way.
pub fn pack_value(value: HostValue) -> Result<HostValue, Vec<PackError>> {
    match value {
        HostValue::Text(text) => parse_pack_text(&text),
        HostValue::TooLong { chars } => Err(vec![too_large(chars)]),
        HostValue::TooLarge(excess) => Err(vec![past_limit(excess)]),
        value => Ok(value),
    }
}

/// Reads a pack's JSON text into a value, or the one problem that stops it being read at all.
pub fn parse_pack_text(text: &str) -> Result<HostValue, Vec<PackError>> {
    if text.len() > MAX_PACK_BYTES {
        return Err(vec![too_large(text.len())]);
    }
    // A zip's signature: a spreadsheet (.xlsx) chosen where a pack (.json) belongs. Said in words, not as
    // the JSON parser's "Unexpected token 'P'".
    if text.starts_with("PK\u{3}\u{4}") {
        return Err(vec![a_spreadsheet()]);
    }
    let bounds = crate::json::Bounds {
        max_values: MAX_PACK_VALUES,
        max_depth: MAX_PACK_DEPTH,
    };
    match crate::json::scan(text, bounds) {
        Err(crate::json::Problem::DuplicateKey { key, pointer }) => {
            return Err(vec![PackError::new(
                &pointer,
                "duplicate_key",
                format!(
                    "\"{key}\" is given twice in the same object: programs differ in which of the two they keep, so keep only the one you mean"
                ),
                format!("同一对象中“{key}”出现了两次：不同程序会取不同的一个，请只保留要用的那个"),
            )]);
        }
        Err(crate::json::Problem::TooLarge(excess)) => return Err(vec![past_limit(excess)]),
        Ok(()) => {}
    }
    match crate::json::parse(text) {
        Ok(HostValue::TooLarge(excess)) => Err(vec![past_limit(excess)]),
        Ok(value) => Ok(value),
        Err(why) => Err(vec![syntax_error(text, &why)]),
    }
}

fn a_spreadsheet() -> PackError {
    PackError::new(
        "",
        "not_a_pack",
        "This is a spreadsheet (.xlsx), not a rule pack: a rule pack is a .json file. To check a sheet, choose it under the sheet to check".into(),
        "这是电子表格（.xlsx），不是规则包：规则包是 .json 文件。要核查表格，请在上方选择要核查的表格".into(),
    )
}

/// A pack past one of the limits every pack is read with (the whole pack refused, never read in part).
fn past_limit(excess: Excess) -> PackError {
    let (en, zh) = match excess {
        Excess::Values => (
            format!(
                "The pack holds more than {} values (members and items): a pack past that is not read at all, not even in part",
                crate::number::format_number(MAX_PACK_VALUES as f64)
            ),
            format!(
                "规则包中的值（成员与数组项）超过 {} 个：超出上限的规则包不予读取，也不会只读一部分",
                crate::number::format_number(MAX_PACK_VALUES as f64)
            ),
        ),
        Excess::Text => (
            format!(
                "The pack's texts add up to more than {} characters",
                crate::number::format_number(MAX_PACK_BYTES as f64)
            ),
            format!(
                "规则包中的文字合计超过 {} 个字符",
                crate::number::format_number(MAX_PACK_BYTES as f64)
            ),
        ),
        Excess::Depth => (
            format!(
                "The pack nests objects or arrays more than {MAX_PACK_DEPTH} levels deep: no rule pack needs that many"
            ),
            format!("规则包中对象或数组的嵌套超过 {MAX_PACK_DEPTH} 层：任何规则包都用不到这么多层"),
        ),
    };
    PackError::new("", "too_large", en, zh)
}

/// Full-width punctuation an input method types where JSON needs the ASCII one.
const FULL_WIDTH: &[char] = &['“', '”', '‘', '’', '，', '：', '｛', '｝', '［', '］', '　'];

/// A JSON syntax error in words a bureau can act on, in both languages: the line and column, and a curly
/// quote or full-width punctuation named when it is the cause (the browser's and serde's parser texts
/// differ, and are English; they stay only in the English message).
fn syntax_error(text: &str, why: &str) -> PackError {
    if let Some((line, column, c)) = full_width_outside_strings(text) {
        return PackError::new(
            "",
            "invalid_json",
            format!(
                "The pack is not valid JSON: line {line}, column {column} has the full-width character “{c}” (a curly quote or Chinese punctuation typed by an input method). JSON takes only straight quotes \" and half-width , : {{ }} [ ]: replace it and load again"
            ),
            format!(
                "规则包不是有效的 JSON：第 {line} 行第 {column} 列是全角字符“{c}”（输入法打出的中文引号或标点）。JSON 只接受英文半角的引号 \" 和标点 , : {{ }} [ ]，请改为半角后再加载"
            ),
        );
    }
    let (at_en, at_zh) = match error_location(text, why) {
        Some((line, column)) => (
            format!(", near line {line}, column {column}"),
            format!("（第 {line} 行第 {column} 列附近）"),
        ),
        None => (String::new(), String::new()),
    };
    PackError::new(
        "",
        "invalid_json",
        format!(
            "The pack is not valid JSON ({why}{at_en}): check for a missing comma, bracket or quote, or a file cut short"
        ),
        format!("规则包不是有效的 JSON{at_zh}：请检查是否缺少逗号、括号或引号，或文件不完整"),
    )
}

/// The first full-width punctuation outside a JSON string, with its 1-based line and column.
fn full_width_outside_strings(text: &str) -> Option<(usize, usize, char)> {
    let (mut line, mut column) = (1, 0);
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            (line, column) = (line + 1, 0);
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if FULL_WIDTH.contains(&c) {
            return Some((line, column, c));
        }
    }
    None
}

/// Where a parser says the error is: serde's "line L column C", or V8's "(line L column C)" or "position N".
fn error_location(text: &str, why: &str) -> Option<(usize, usize)> {
    let number_after = |word: &str| -> Option<usize> {
        let rest = &why[why.find(word)? + word.len()..];
        let digits: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    if let (Some(line), Some(column)) = (number_after("line"), number_after("column")) {
        return Some((line, column));
    }
    // A UTF-16 offset; counted in characters, which differ only past the Basic Multilingual Plane.
    let position = number_after("position")?;
    let before: String = text.chars().take(position).collect();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

pub fn too_large(bytes: usize) -> PackError {
    PackError::new(
        "",
        "too_large",
        format!(
            "The pack is {} bytes: at most {MAX_PACK_BYTES} are accepted",
            crate::number::format_number(bytes as f64)
        ),
        format!(
            "规则包大小为 {} 字节，最多接受 {MAX_PACK_BYTES} 字节",
            crate::number::format_number(bytes as f64)
        ),
    )
}

/// Why a pack named by address (`<facility-calc rules="…">`) did not arrive, as `embed.js` reports it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unfetched {
    /// Not an address at all.
    NotAnAddress,
    /// On another site than the page (or redirected there): never loaded.
    OtherOrigin,
    /// The server answered with this HTTP status.
    Status(f64),
    /// No answer within this many seconds.
    TimedOut(f64),
    /// A network error (which a redirect to another site also is).
    Network,
}

impl Unfetched {
    /// The reason `embed.js` names (`reason`, with `status` or `seconds`); `None` for a reason it never sends.
    pub fn from_report(reason: &str, number: Option<f64>) -> Option<Unfetched> {
        Some(match (reason, number) {
            ("not_a_url", _) => Unfetched::NotAnAddress,
            ("other_origin", _) => Unfetched::OtherOrigin,
            ("http", Some(status)) => Unfetched::Status(status),
            ("timeout", Some(seconds)) => Unfetched::TimedOut(seconds),
            ("network", _) => Unfetched::Network,
            _ => return None,
        })
    }

    /// What the widget says (English, Chinese): the address as the page wrote it (cut to 120 characters),
    /// why, and that the standards in use stay.
    pub fn message(self, address: &str) -> (String, String) {
        let shown: String = address.chars().take(120).collect();
        let n = crate::number::format_number;
        let (en, zh) = match self {
            Unfetched::NotAnAddress => (
                "is not a web address".to_string(),
                "不是网址".to_string(),
            ),
            Unfetched::OtherOrigin => (
                "is on another site than this page, and a pack is only loaded from the page's own site".to_string(),
                "不在本页所在的网站；规则包只从本网站加载".to_string(),
            ),
            Unfetched::Status(status) => (
                format!("could not be fetched: the server answered HTTP {}", n(status)),
                format!("未能取得：服务器返回 HTTP {}", n(status)),
            ),
            Unfetched::TimedOut(seconds) => (
                format!("did not arrive within {} seconds", n(seconds)),
                format!("在 {} 秒内未能取得", n(seconds)),
            ),
            Unfetched::Network => (
                "could not be fetched (a network error, or a redirect to another site)".to_string(),
                "未能取得（网络错误，或被转到其他网站）".to_string(),
            ),
        };
        (
            format!(
                "The rule pack \"{shown}\" {en}: the standards in use (at first the built-in ones) stay"
            ),
            format!("规则包“{shown}”{zh}，仍按当前所用标准（初始为内置标准）计算"),
        )
    }
}

/// The encoding a pack file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileEncoding {
    Utf8,
    /// GB18030 (GBK's superset): what Notepad on Chinese Windows saves as "ANSI".
    Gb18030,
}

impl FileEncoding {
    /// What is said about it when the pack loads (English, Chinese): nothing for UTF-8.
    pub fn notice(self) -> Option<(&'static str, &'static str)> {
        match self {
            FileEncoding::Utf8 => None,
            FileEncoding::Gb18030 => Some((
                "The file is not UTF-8: it was read as GB18030 (GBK, \"ANSI\" on Chinese Windows). Check its titles, then save it as UTF-8 before passing it on",
                "此文件不是 UTF-8 编码，已按 GB18030（GBK，即中文 Windows 的“ANSI”）读取。请核对标题等文字，转发前建议另存为 UTF-8",
            )),
        }
    }
}

/// A pack file's bytes as text, never as mojibake: UTF-8 (a byte-order mark dropped), else GB18030 when
/// the bytes read cleanly as GB18030 (`gb18030` decodes without replacement, `None` when it cannot: the
/// CLI and the batch page's module use `encoding_rs`, the widget the browser's `TextDecoder`), else refused
/// naming the encoding.
pub fn pack_file_text(
    bytes: &[u8],
    gb18030: impl FnOnce(&[u8]) -> Option<String>,
) -> Result<(String, FileEncoding), PackError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), FileEncoding::Utf8));
    }
    // A spreadsheet is named as one, not as an encoding problem.
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(a_spreadsheet());
    }
    gb18030(bytes)
        .map(|text| (text, FileEncoding::Gb18030))
        .ok_or_else(|| {
            PackError::new(
                "",
                "not_utf8",
                "The file is neither UTF-8 nor GB18030 (GBK) text: open it in a text editor and save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8)".into(),
                "此文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本：请用文本编辑器打开，另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8）".into(),
            )
        })
}
