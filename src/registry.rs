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
    crate::json::parse(text).map_err(|why| {
        vec![PackError::new(
            "",
            "invalid_json",
            format!("The pack is not valid JSON ({why}): check for a missing comma, bracket or quote, or a file cut short"),
            format!("规则包不是有效的 JSON（{why}）：请检查是否缺少逗号、括号或引号，或文件不完整"),
        )]
    })
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
