//! The widget's and the engine's own words in both languages (`Text`). The standards themselves — every
//! document, figure, scope, quote and rule wording — are data: see `rules/` and `data/builtin/`.

use crate::text::{Lang, Text, t};

// Choosing the standards a result is worked out under (a rule pack): the widget's and the batch page's
// words, so both say it the same way.
pub const STANDARD: Text = t("适用标准", "Standards");
pub const BUILTIN_STANDARD: Text = t("内置标准", "Built-in standards");
pub const LOCAL_STANDARD: Text = t("本地标准", "Local standard");
pub const LOAD_LOCAL: Text = t(
    "加载本地标准（规则包 .json 文件）",
    "Load a local standard (a rule pack .json file)",
);
pub const LOAD_LOCAL_HINT: Text = t(
    "文件只在本浏览器中读取，不会上传。",
    "The file is read in this browser only; nothing is uploaded.",
);
/// The link to the standard editor (`pack-editor.html`, next to the widget's pages in `dist/`).
pub const OPEN_EDITOR: Text = t(
    "没有规则包？用标准编辑器填写表单即可编写（不必写 JSON）",
    "No rule pack yet? Write one by filling in forms in the standard editor (no JSON needed)",
);
/// The standard editor's file in `dist/`, beside the widget's pages.
pub const EDITOR_PAGE: &str = "pack-editor.html";
pub const USE_BUILTIN: Text = t("改用内置标准", "Use the built-in standards");
pub const VERSION: Text = t("版本", "version");
pub const PUBLISHER: Text = t("发布", "published by");
pub const PACK_REJECTED: Text = t(
    "规则包未加载，计算仍按原标准进行。请修改以下问题：",
    "The rule pack was not loaded; the calculator keeps the standards it had. Fix these problems:",
);
pub const PACK_NEEDED: Text = t(
    "此链接按规则包“{id}”（版本 {version}）计算，本页尚未加载该规则包。请在“适用标准”中加载它，再查看结果；不会按其他标准计算。",
    "This link was made under the rule pack \"{id}\" (version {version}), which is not loaded on this page. Load it under “Standards” to see the result; it is never worked out under other rules.",
);
pub const UNDER_LOCAL: Text = t(
    "按本地标准计算（非内置标准）：",
    "Worked out under a local standard (not the built-in one): ",
);

/// Which standards a result was worked out under, in one line: the built-in ones with their version, or
/// a local pack marked as such with its title, version, publisher and id (as the widget shows it).
/// Every part of the product that names the standards in use says it with this (or [`standards_name`]).
pub fn standards_used(set: &crate::rules::Ruleset, lang: Lang) -> String {
    if set.builtin {
        return standards_name(set, lang, false);
    }
    format!(
        "{}{}",
        lang.pick(UNDER_LOCAL),
        standards_name(set, lang, true)
    )
}

/// The standards themselves: “内置标准（版本 …）”, or a pack's title with its version and publisher (and
/// its id, where a reader may need to find the file: the notice above a result, the printed report).
pub fn standards_name(set: &crate::rules::Ruleset, lang: Lang, with_id: bool) -> String {
    let (open, close) = lang.brackets();
    let version = format!("{} {}", lang.pick(VERSION), set.version);
    if set.builtin {
        return format!("{}{open}{version}{close}", lang.pick(BUILTIN_STANDARD));
    }
    let id = if with_id {
        format!(" · id {}", set.id)
    } else {
        String::new()
    };
    format!(
        "{}{open}{version} · {} {}{id}{close}",
        lang.text(&set.title),
        lang.pick(PUBLISHER),
        set.publisher,
    )
}
