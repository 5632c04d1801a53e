//! The packs a page has loaded, by id, beside the built-in one, and JSON text → pack. Part of the JS
//! boundary layer (JSON text is read through `json`, which in wasm is the browser's `JSON.parse`), above
//! the rules it holds. A page may load a bounded number of packs; loading an id again replaces the pack of
//! that id.

use crate::rules::{MAX_PACK_BYTES, PackError, Ruleset, builtin, read_pack};
use crate::value::HostValue;
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

/// Reads a pack's JSON text into a value, or the one problem that stops it being read at all.
pub fn parse_pack_text(text: &str) -> Result<HostValue, Vec<PackError>> {
    if text.len() > MAX_PACK_BYTES {
        return Err(vec![too_large(text.len())]);
    }
    // A zip's signature: a spreadsheet (.xlsx) chosen where a pack (.json) belongs. Said in words, not as
    // the JSON parser's "Unexpected token 'P'".
    if text.starts_with("PK\u{3}\u{4}") {
        return Err(vec![PackError::new(
            "",
            "not_a_pack",
            "This is a spreadsheet (.xlsx), not a rule pack: a rule pack is a .json file. To check a sheet, choose it under the sheet to check".into(),
            "这是电子表格（.xlsx），不是规则包：规则包是 .json 文件。要核查表格，请在上方选择要核查的表格".into(),
        )]);
    }
    crate::json::parse(text).map_err(|why| vec![syntax_error(text, &why)])
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
