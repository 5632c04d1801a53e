//! Reading a rule pack (format `facility-calc/rules@1`, RULE-PACKS.md) into a [`Ruleset`]. Every problem is
//! reported at once with its JSON Pointer, and a pack with any problem is rejected whole.

use super::kinds::{Basis, Key, MAX_TIERS, SHAPES, Shape, TIER_SHAPES};
use super::{
    Choice, Construction, DocStatus, Document, Figure, Jurisdiction, Level, Offered, Rule,
    RuleKind, Ruleset, Scope, Set, Str, Txt,
};
use crate::value::HostValue;
use serde::Serialize;

/// The format name and version a pack declares in `format`.
pub const FORMAT: &str = "facility-calc/rules@1";
/// The largest pack accepted, in bytes of JSON text (or UTF-16 units of text read from an object).
pub const MAX_PACK_BYTES: usize = 1_000_000;
pub const MAX_RULES: usize = 2_000;
/// Values in a pack (each member, item and the pack itself), however it is given: a pack past it is
/// refused whole, never read in part. The largest pack of 1 MB holds far fewer.
pub const MAX_PACK_VALUES: usize = 200_000;
/// Objects or arrays nested in a pack: a tier's figure is the deepest a good pack goes (`/rules/0/figure/
/// tiers/0/figure` is the 7th), and a tier put inside a tier (the 9th) must still reach the reader, which
/// says what is wrong with it. Deeper is refused before reading: it bounds the work of the readers.
pub const MAX_PACK_DEPTH: usize = 12;
/// Community types, programmes, documents or jurisdictions per pack (scopes are 64-bit masks).
const MAX_CHOICES: usize = 64;
const MAX_LIST: usize = 500;
const MAX_ID_CHARS: usize = 64;
const MAX_TEXT_CHARS: usize = 8_000;

/// One problem with a pack: where (a JSON Pointer, `""` for the whole pack), what, and what to do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PackError {
    pub path: String,
    pub code: &'static str,
    pub message: String,
    pub message_zh: String,
}

impl PackError {
    pub fn new(path: &str, code: &'static str, message: String, message_zh: String) -> PackError {
        PackError {
            path: path.to_string(),
            code,
            message,
            message_zh,
        }
    }
}

/// Reads a pack. `base` is the built-in ruleset, which a pack with `"extends": "builtin"` adds to.
pub fn read_pack(value: &HostValue, base: Option<&Ruleset>) -> Result<Ruleset, Vec<PackError>> {
    let mut r = Reader::default();
    let Some(_) = r.object(value, "") else {
        return Err(r.errors);
    };
    r.keys(
        value,
        "",
        &[
            "format",
            "id",
            "version",
            "title",
            "title_en",
            "publisher",
            "extends",
            "documents",
            "settlements",
            "programmes",
            "jurisdictions",
            "rules",
            "$schema",
            "description",
        ],
    );
    match value.get("format") {
        HostValue::Text(f) if f == FORMAT => {}
        HostValue::Absent => r.error(
            "/format",
            "missing",
            format!("Add \"format\": \"{FORMAT}\" so the pack says which format it is written in"),
            format!("请添加 \"format\": \"{FORMAT}\"，说明规则包的格式"),
        ),
        other => {
            let shown = shown(other);
            r.error(
                "/format",
                "unknown_format",
                format!("Format {shown} is not one this calculator reads: use \"{FORMAT}\""),
                format!("无法识别格式 {shown}：请使用 \"{FORMAT}\""),
            )
        }
    }
    let id = r.id(value, "id", "");
    let version = r.text(value, "version", "", true);
    let title_zh = r.text(value, "title", "", true);
    let title_en = r.text(value, "title_en", "", false);
    let publisher = r.text(value, "publisher", "", true);

    let extends = match value.get("extends") {
        HostValue::Absent => None,
        HostValue::Text(e) if e == "builtin" => match base {
            Some(base) => Some(base),
            None => {
                r.error(
                    "/extends",
                    "unsupported_extends",
                    "This pack extends the built-in standards, which are not available here".into(),
                    "本规则包基于内置标准，但此处无法使用内置标准".into(),
                );
                None
            }
        },
        other => {
            let shown = shown(other);
            r.error(
                "/extends",
                "unsupported_extends",
                format!("\"extends\" {shown} is not supported: use \"builtin\" or leave it out"),
                format!("不支持 \"extends\" {shown}：请写 \"builtin\" 或删去"),
            );
            None
        }
    };
    if extends.is_none() && !value.get("extends").is_absent() {
        // Everything else would be judged against the wrong base: report the header only.
        return Err(r.errors);
    }
    if let (Some(id), Some(_)) = (&id, extends)
        && &**id == "builtin"
    {
        r.error(
            "/id",
            "duplicate_id",
            "A pack cannot be called \"builtin\": that is the built-in standards' id".into(),
            "规则包的 id 不能是 \"builtin\"：这是内置标准的 id".into(),
        );
    }

    let mut set = match extends {
        Some(base) => base.clone(),
        None => Ruleset::empty(""),
    };
    let standalone = extends.is_none();
    let rule_count = match value.get("rules") {
        HostValue::Array(items) => items.len(),
        _ => 0,
    };
    if rule_count + set.rules.len() > MAX_RULES {
        // A pack that extends counts the rules it inherits: say so, or the count looks wrong.
        let (inherited, total) = (set.rules.len(), rule_count + set.rules.len());
        let (en, zh) = if inherited == 0 {
            (
                format!("A pack may have at most {MAX_RULES} rules; this one has {rule_count}"),
                format!("规则包最多 {MAX_RULES} 条规则，本包有 {rule_count} 条"),
            )
        } else {
            (
                format!(
                    "A pack may have at most {MAX_RULES} rules, those of the standards it extends included; this one has {rule_count} of its own and extends {inherited}, {total} in all"
                ),
                format!(
                    "规则包最多 {MAX_RULES} 条规则（含所扩展标准的规则）；本包自有 {rule_count} 条，扩展的标准有 {inherited} 条，共 {total} 条"
                ),
            )
        };
        r.error("/rules", "too_many_rules", en, zh);
        return Err(r.errors);
    }

    r.choices(value, "settlements", &mut set.settlements, standalone);
    r.choices(value, "programmes", &mut set.programmes, standalone);
    r.documents(value, &mut set.documents, standalone);
    r.rules(value, &mut set);
    r.jurisdictions(value, &mut set, standalone);
    // A pack may add rules to a document it extends (nmg2017): every jurisdiction applying that document
    // gets them, so each jurisdiction's list of rules is worked out once all are read.
    for j in &mut set.jurisdictions {
        j.rules = (0..set.rules.len())
            .filter(|&i| j.documents.contains(&set.rules[i].doc))
            .collect();
    }

    set.default_programme = set
        .programmes
        .iter()
        .position(|p| &*p.id == "standard")
        .unwrap_or(0);
    if let (Some(id), Some(version), Some(title_zh), Some(publisher)) =
        (id, version, title_zh, publisher)
    {
        let title_en = title_en.unwrap_or_else(|| title_zh.clone());
        set.id = id;
        set.version = version;
        set.title = Txt {
            zh: title_zh,
            en: title_en,
        };
        set.publisher = publisher;
    }
    set.builtin = false;
    set.extends = extends.map(|_| Str::from("builtin"));
    set.mark = set.digest();
    if r.errors.is_empty() {
        Ok(set)
    } else {
        Err(r.errors)
    }
}

fn txt(zh: &str, en: &str) -> Txt {
    Txt {
        zh: zh.into(),
        en: en.into(),
    }
}

/// A value as a message quotes it: short, and never the whole of a long text.
fn shown(value: &HostValue) -> String {
    match value {
        HostValue::Text(s) => {
            let cut: String = s.chars().take(40).collect();
            format!("\"{cut}\"")
        }
        other => other.type_name().to_string(),
    }
}

/// JSON Pointer escaping of one key (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn child(path: &str, key: &str) -> String {
    format!("{path}/{}", escape(key))
}

fn item(path: &str, index: usize) -> String {
    format!("{path}/{index}")
}

#[derive(Default)]
struct Reader {
    errors: Vec<PackError>,
}

/// What a list of ids in a scope may name.
enum Names<'a> {
    Choices(&'a [Choice]),
    Constructions,
}

impl Reader {
    fn error(&mut self, path: &str, code: &'static str, message: String, message_zh: String) {
        self.errors
            .push(PackError::new(path, code, message, message_zh));
    }

    fn wrong_type(&mut self, path: &str, wanted_en: &str, wanted_zh: &str, got: &HostValue) {
        match got {
            HostValue::Unreadable => self.error(
                path,
                "unreadable",
                "This value could not be read (its getter or proxy threw)".into(),
                "无法读取此值（取值函数或代理出错）".into(),
            ),
            HostValue::TooLong { chars } => self.error(
                path,
                "too_long",
                format!("This text has {chars} characters: at most {MAX_TEXT_CHARS} are allowed"),
                format!("此文本有 {chars} 个字符，最多允许 {MAX_TEXT_CHARS} 个"),
            ),
            _ => {
                let got = got.type_name();
                self.error(
                    path,
                    "wrong_type",
                    format!("Expected {wanted_en}, found {got}"),
                    format!("应为{wanted_zh}，实为 {got}"),
                )
            }
        }
    }

    fn object<'v>(
        &mut self,
        value: &'v HostValue,
        path: &str,
    ) -> Option<&'v [(String, HostValue)]> {
        match value {
            HostValue::Object(members) => Some(members),
            other => {
                if path.is_empty() {
                    self.error(
                        "",
                        "not_an_object",
                        format!(
                            "A rule pack is a JSON object like {{ \"format\": \"{FORMAT}\", … }}; found {}",
                            other.type_name()
                        ),
                        format!(
                            "规则包应为 JSON 对象，例如 {{ \"format\": \"{FORMAT}\", … }}；实为 {}",
                            other.type_name()
                        ),
                    );
                } else {
                    self.wrong_type(path, "an object", "对象", other);
                }
                None
            }
        }
    }

    /// Unknown keys are typos more often than not: name them.
    fn keys(&mut self, value: &HostValue, path: &str, allowed: &[&str]) {
        if let HostValue::Object(members) = value {
            for (key, _) in members {
                if !allowed.contains(&key.as_str()) {
                    let cut: String = key.chars().take(40).collect();
                    self.error(
                        &child(path, key),
                        "unknown_key",
                        format!(
                            "\"{cut}\" is not a key of this object: use one of {}",
                            allowed.join(", ")
                        ),
                        format!("“{cut}”不是此对象的键：可用 {}", allowed.join("、")),
                    );
                }
            }
        }
    }

    fn text(&mut self, value: &HostValue, key: &str, path: &str, required: bool) -> Option<Str> {
        let path = child(path, key);
        match value.get(key) {
            HostValue::Absent if required => {
                self.error(
                    &path,
                    "missing",
                    format!("Add \"{key}\": it is required"),
                    format!("缺少必填项 \"{key}\""),
                );
                None
            }
            HostValue::Absent => None,
            HostValue::Text(s) if s.trim().is_empty() => {
                self.error(
                    &path,
                    "empty",
                    format!("\"{key}\" is empty: write it out"),
                    format!("\"{key}\" 为空：请填写"),
                );
                None
            }
            HostValue::Text(s) if s.chars().count() > MAX_TEXT_CHARS => {
                self.error(
                    &path,
                    "too_long",
                    format!("\"{key}\" is longer than {MAX_TEXT_CHARS} characters"),
                    format!("\"{key}\" 超过 {MAX_TEXT_CHARS} 个字符"),
                );
                None
            }
            HostValue::Text(s) => Some(s.as_str().into()),
            other => {
                self.wrong_type(&path, "text", "文本", other);
                None
            }
        }
    }

    /// A pair `<key>_zh` / `<key>_en`; the English may be left out (the Chinese is shown instead).
    fn pair(&mut self, value: &HostValue, key: &str, path: &str, required: bool) -> Option<Txt> {
        let zh = self.text(value, &format!("{key}_zh"), path, required);
        let en = self.text(value, &format!("{key}_en"), path, false);
        zh.map(|zh| Txt {
            en: en.unwrap_or_else(|| zh.clone()),
            zh,
        })
    }

    fn id(&mut self, value: &HostValue, key: &str, path: &str) -> Option<Str> {
        let text = self.text(value, key, path, true)?;
        let ok = text.chars().count() <= MAX_ID_CHARS
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if ok {
            Some(text)
        } else {
            let cut: String = text.chars().take(40).collect();
            self.error(
                &child(path, key),
                "invalid_id",
                format!(
                    "Id \"{cut}\" must be 1–{MAX_ID_CHARS} letters, digits, '_', '-' or '.', like \"xam2018.office.max\""
                ),
                format!(
                    "id “{cut}”只能由 1–{MAX_ID_CHARS} 个字母、数字、“_”“-”“.”组成，例如 \"xam2018.office.max\""
                ),
            );
            None
        }
    }

    /// A number in `(min, max]` (or `[min, max]` with `min_inclusive`), whole if asked.
    #[allow(clippy::too_many_arguments)]
    fn number(
        &mut self,
        value: &HostValue,
        key: &str,
        path: &str,
        min: f64,
        min_inclusive: bool,
        max: f64,
        whole: bool,
    ) -> Option<f64> {
        let path = child(path, key);
        let n = match value.get(key) {
            HostValue::Number(n) => *n,
            HostValue::Absent => {
                self.error(
                    &path,
                    "missing",
                    format!("Add \"{key}\": it is required"),
                    format!("缺少必填项 \"{key}\""),
                );
                return None;
            }
            other => {
                self.wrong_type(&path, "a number", "数字", other);
                return None;
            }
        };
        let above = if min_inclusive { n >= min } else { n > min };
        if !(n.is_finite() && above && n <= max) {
            let (lo, hi) = (
                crate::number::format_number(min),
                crate::number::format_number(max),
            );
            let (en, zh) = if min_inclusive {
                (
                    format!("\"{key}\" must be from {lo} to {hi}"),
                    format!("\"{key}\" 必须在 {lo} 至 {hi} 之间"),
                )
            } else {
                (
                    format!("\"{key}\" must be more than {lo} and at most {hi}"),
                    format!("\"{key}\" 必须大于 {lo} 且不超过 {hi}"),
                )
            };
            self.error(&path, "out_of_range", en, zh);
            return None;
        }
        if whole && n.fract() != 0.0 {
            self.error(
                &path,
                "not_a_whole_number",
                format!("\"{key}\" must be a whole number"),
                format!("\"{key}\" 必须是整数"),
            );
            return None;
        }
        Some(n)
    }

    fn array<'v>(
        &mut self,
        value: &'v HostValue,
        key: &str,
        path: &str,
        required: bool,
    ) -> &'v [HostValue] {
        let path = child(path, key);
        match value.get(key) {
            HostValue::Array(items) if items.len() > MAX_LIST && key != "rules" => {
                self.error(
                    &path,
                    "too_many",
                    format!("At most {MAX_LIST} entries are allowed here"),
                    format!("此处最多 {MAX_LIST} 项"),
                );
                &[]
            }
            HostValue::Array(items) => items,
            HostValue::Absent if !required => &[],
            HostValue::Absent => {
                self.error(
                    &path,
                    "missing",
                    format!("Add \"{key}\": a list is required"),
                    format!("缺少必填列表 \"{key}\""),
                );
                &[]
            }
            other => {
                self.wrong_type(&path, "a list", "列表", other);
                &[]
            }
        }
    }

    /// Whether `id` is new among the ids `declared` so far; reports it as a duplicate at `path` if not.
    fn unique<'a>(
        &mut self,
        mut declared: impl Iterator<Item = &'a Str>,
        id: &Str,
        path: &str,
    ) -> bool {
        if declared.any(|d| d == id) {
            self.error(
                &child(path, "id"),
                "duplicate_id",
                format!("Id \"{id}\" is used twice: every id in a list must be different"),
                format!("id “{id}”重复：同一列表中的 id 不能相同"),
            );
            false
        } else {
            true
        }
    }

    fn choices(&mut self, pack: &HostValue, key: &str, into: &mut Vec<Choice>, standalone: bool) {
        let items = self.array(pack, key, "", standalone);
        if standalone && items.is_empty() && matches!(pack.get(key), HostValue::Array(_)) {
            // An empty list in a stand-alone pack: nothing could ever be in scope.
            self.error(
                &child("", key),
                "empty",
                format!("\"{key}\" needs at least one entry"),
                format!("\"{key}\" 至少需要一项"),
            );
        }
        for (i, value) in items.iter().enumerate() {
            let path = item(&format!("/{key}"), i);
            if self.object(value, &path).is_none() {
                continue;
            }
            self.keys(
                value,
                &path,
                &[
                    "id",
                    "name_zh",
                    "name_en",
                    "description_zh",
                    "description_en",
                ],
            );
            let id = self.id(value, "id", &path);
            let name = self.pair(value, "name", &path, true);
            let description = self.pair(value, "description", &path, false);
            let Some(id) = id else { continue };
            if !self.unique(into.iter().map(|c| &c.id), &id, &path) {
                continue;
            }
            if into.len() >= MAX_CHOICES {
                self.error(
                    &path,
                    "too_many",
                    format!("At most {MAX_CHOICES} entries in \"{key}\""),
                    format!("\"{key}\" 最多 {MAX_CHOICES} 项"),
                );
                continue;
            }
            // Declared even with a problem in its names, so scopes naming it are not reported too.
            into.push(Choice {
                id,
                description: description.unwrap_or_else(|| txt("", "")),
                name: name.unwrap_or_else(|| txt("", "")),
            });
        }
    }

    fn documents(&mut self, pack: &HostValue, into: &mut Vec<Document>, standalone: bool) {
        let items = self.array(pack, "documents", "", standalone);
        for (i, value) in items.iter().enumerate() {
            let path = item("/documents", i);
            if self.object(value, &path).is_none() {
                continue;
            }
            self.keys(
                value,
                &path,
                &[
                    "id",
                    "title",
                    "short_title_zh",
                    "short_title_en",
                    "issuer_zh",
                    "issuer_en",
                    "date",
                    "status",
                    "source",
                ],
            );
            let id = self.id(value, "id", &path);
            let title = self.text(value, "title", &path, true);
            let short_title = self.pair(value, "short_title", &path, false);
            let issuer = self.pair(value, "issuer", &path, true);
            let date = self.text(value, "date", &path, true);
            let source = self.text(value, "source", &path, false);
            let status = self.one_of(
                value,
                "status",
                &path,
                &DocStatus::ALL.map(|d| (d.id(), d)),
                ("unknown_value", "Status", "状态"),
            );
            let Some(id) = id else { continue };
            if !self.unique(into.iter().map(|d| &d.id), &id, &path) {
                continue;
            }
            // A document with other problems is still declared, so rules citing it are not reported too
            // (the pack is rejected anyway).
            let title = title.unwrap_or_default();
            into.push(Document {
                id,
                short_title: short_title.unwrap_or_else(|| Txt {
                    zh: format!("《{title}》").into(),
                    en: title.clone(),
                }),
                title,
                issuer: issuer.unwrap_or_else(|| txt("", "")),
                date: date.unwrap_or_default(),
                status: status.unwrap_or(DocStatus::InForce),
                source,
            });
        }
    }

    /// A required key whose text is one of `choices` (id, value); `unknown` names the code and the thing
    /// in English and Chinese for the message when it is another text.
    fn one_of<T: Copy>(
        &mut self,
        value: &HostValue,
        key: &str,
        path: &str,
        choices: &[(&str, T)],
        unknown: (&'static str, &str, &str),
    ) -> Option<T> {
        let at = child(path, key);
        let all: Vec<&str> = choices.iter().map(|(id, _)| *id).collect();
        match value.get(key) {
            HostValue::Text(text) => {
                let found = choices.iter().find(|(id, _)| id == text).map(|(_, v)| *v);
                if found.is_none() {
                    let (code, what_en, what_zh) = unknown;
                    let shown = shown(value.get(key));
                    self.error(
                        &at,
                        code,
                        format!("{what_en} {shown} is not one of {}", all.join(", ")),
                        format!("{what_zh} {shown} 无法识别：可用 {}", all.join("、")),
                    );
                }
                found
            }
            HostValue::Absent => {
                self.error(
                    &at,
                    "missing",
                    format!("Add \"{key}\": one of {}", all.join(", ")),
                    format!("缺少 \"{key}\"：可用 {}", all.join("、")),
                );
                None
            }
            other => {
                self.wrong_type(&at, "text", "文本", other);
                None
            }
        }
    }

    /// A scope list: `"all"` (or absent) for every member, else ids. `None` when an id is unknown.
    fn id_set(&mut self, value: &HostValue, key: &str, path: &str, names: Names) -> Option<Set> {
        let count = match names {
            Names::Choices(c) => c.len(),
            Names::Constructions => Construction::ALL.len(),
        };
        let path = child(path, key);
        match value.get(key) {
            HostValue::Absent => Some(Set::first(count)),
            HostValue::Text(s) if s == "all" => Some(Set::first(count)),
            HostValue::Array(items) => {
                let mut set = Set::default();
                let mut ok = true;
                for (i, id) in items.iter().enumerate() {
                    let at = item(&path, i);
                    let Some(id) = id.as_str() else {
                        self.wrong_type(&at, "an id", "id", id);
                        ok = false;
                        continue;
                    };
                    let found = match &names {
                        Names::Choices(c) => c.iter().position(|c| &*c.id == id),
                        Names::Constructions => Construction::from_id(id).map(|c| c.index()),
                    };
                    match found {
                        Some(index) => set.insert(index),
                        None => {
                            ok = false;
                            self.unknown_name(&at, key, id, &names);
                        }
                    }
                }
                if ok && set == Set::default() {
                    self.error(
                        &path,
                        "empty",
                        "An empty list puts the rule out of scope everywhere: list ids or write \"all\"".into(),
                        "空列表使本条在任何情况下都不适用：请列出 id 或写 \"all\"".into(),
                    );
                    ok = false;
                }
                ok.then_some(set)
            }
            other => {
                self.wrong_type(
                    &path,
                    "\"all\" or a list of ids",
                    "\"all\" 或 id 列表",
                    other,
                );
                None
            }
        }
    }

    fn unknown_name(&mut self, path: &str, key: &str, id: &str, names: &Names) {
        let known: Vec<String> = match names {
            Names::Choices(c) => c.iter().map(|c| c.id.to_string()).collect(),
            Names::Constructions => Construction::ALL
                .iter()
                .map(|c| c.id().to_string())
                .collect(),
        };
        let code = match key {
            "settlements" => "unknown_settlement",
            "programmes" | "programme" => "unknown_programme",
            "constructions" => "unknown_construction",
            _ => "unknown_value",
        };
        let cut: String = id.chars().take(40).collect();
        self.error(
            path,
            code,
            format!(
                "\"{cut}\" is not declared in this pack's {key}: declare it or use one of {}",
                known.join(", ")
            ),
            format!(
                "“{cut}”未在本包的 {key} 中声明：请先声明，或使用 {} 之一",
                known.join("、")
            ),
        );
    }

    fn rules(&mut self, pack: &HostValue, set: &mut Ruleset) {
        let items = self.array(pack, "rules", "", set.rules.is_empty());
        for (i, value) in items.iter().enumerate() {
            let path = item("/rules", i);
            if self.object(value, &path).is_none() {
                continue;
            }
            self.keys(
                value,
                &path,
                &[
                    "id", "document", "kind", "level", "title_zh", "title_en", "scope", "figure",
                    "section", "quote", "note_zh", "note_en",
                ],
            );
            let id = self.id(value, "id", &path);
            let doc = match self.text(value, "document", &path, true) {
                Some(d) => match set.documents.iter().position(|x| x.id == d) {
                    Some(i) => Some(i),
                    None => {
                        let known: Vec<&str> = set.documents.iter().map(|d| &*d.id).collect();
                        self.error(
                            &child(&path, "document"),
                            "unknown_document",
                            format!(
                                "Document \"{d}\" is not in this pack's documents: add it or use one of {}",
                                known.join(", ")
                            ),
                            format!("文件“{d}”不在本包的 documents 中：请添加，或使用 {} 之一", known.join("、")),
                        );
                        None
                    }
                },
                None => None,
            };
            let kind = self.one_of(
                value,
                "kind",
                &path,
                &RuleKind::ALL.map(|k| (k.id(), k)),
                ("unknown_kind", "Kind", "规则类别"),
            );
            let level = match value.get("level") {
                HostValue::Absent => Some(Level::Required),
                _ => self.one_of(
                    value,
                    "level",
                    &path,
                    &[
                        (Level::Required.id(), Level::Required),
                        (Level::Recommended.id(), Level::Recommended),
                    ],
                    ("unknown_value", "Level", "要求级别"),
                ),
            };
            let title = self.pair(value, "title", &path, true);
            let section = self.text(value, "section", &path, true);
            let quote = self.text(value, "quote", &path, true);
            let note = self.pair(value, "note", &path, false);
            let scope = self.scope(value.get("scope"), &child(&path, "scope"), set);
            let figure = kind.and_then(|kind| {
                self.figure(value.get("figure"), &child(&path, "figure"), kind, set)
            });
            let Some(id) = id else { continue };
            if set.rules.iter().any(|r| r.id == id) {
                self.error(
                    &child(&path, "id"),
                    "duplicate_id",
                    format!("Rule id \"{id}\" is used twice: every rule id must be different"),
                    format!("规则 id “{id}”重复：每条规则的 id 必须不同"),
                );
                continue;
            }
            if let (
                Some(doc),
                Some(kind),
                Some(level),
                Some(title),
                Some(section),
                Some(quote),
                Some(scope),
                Some(figure),
            ) = (doc, kind, level, title, section, quote, scope, figure)
            {
                set.rules.push(Rule {
                    id,
                    doc,
                    kind,
                    level,
                    scope,
                    figure,
                    title,
                    section,
                    quote,
                    note,
                });
            }
        }
    }

    fn scope(&mut self, value: &HostValue, path: &str, set: &Ruleset) -> Option<Scope> {
        let value = match value {
            HostValue::Absent => &HostValue::Object(Vec::new()),
            v => v,
        };
        self.object(value, path)?;
        self.keys(
            value,
            path,
            &[
                "settlements",
                "constructions",
                "programmes",
                "text_zh",
                "text_en",
            ],
        );
        let settlements = self.id_set(value, "settlements", path, Names::Choices(&set.settlements));
        let constructions = self.id_set(value, "constructions", path, Names::Constructions);
        let programmes = self.id_set(value, "programmes", path, Names::Choices(&set.programmes));
        let text = self
            .pair(value, "text", path, false)
            .unwrap_or_else(|| txt("所有社区类型", "All community types"));
        Some(Scope {
            settlements: settlements?,
            constructions: constructions?,
            programmes: programmes?,
            text,
        })
    }

    /// A number under `key` in the range the kind table gives it.
    fn ranged(&mut self, value: &HostValue, path: &str, key: &Key) -> Option<f64> {
        let range = key.range();
        self.number(
            value,
            key.name,
            path,
            range.min,
            range.min_inclusive,
            range.max,
            range.whole,
        )
    }

    fn ranged_whole(&mut self, value: &HostValue, path: &str, key: &Key) -> Option<u32> {
        self.ranged(value, path, key).map(|n| n as u32)
    }

    fn figure(
        &mut self,
        value: &HostValue,
        path: &str,
        kind: RuleKind,
        set: &Ruleset,
    ) -> Option<Figure> {
        self.figure_of(value, path, kind, false, set)
    }

    /// A figure of a rule of `kind`; `in_tier` when it is one tier's figure (which is never tiered itself).
    fn figure_of(
        &mut self,
        value: &HostValue,
        path: &str,
        kind: RuleKind,
        in_tier: bool,
        set: &Ruleset,
    ) -> Option<Figure> {
        self.object(value, path)?;
        let shapes: Vec<Shape> = kind
            .shapes()
            .iter()
            .copied()
            .filter(|s| !in_tier || TIER_SHAPES.contains(s))
            .collect();
        let allowed: Vec<&str> = shapes.iter().map(|s| s.id()).collect();
        let shape_id = match value.get("shape") {
            HostValue::Text(s) => s.as_str(),
            HostValue::Absent => {
                self.error(
                    &child(path, "shape"),
                    "missing",
                    format!(
                        "Add \"shape\": for a {} rule, one of {}",
                        kind.id(),
                        allowed.join(", ")
                    ),
                    format!(
                        "缺少 \"shape\"：{} 类规则可用 {}",
                        kind.id(),
                        allowed.join("、")
                    ),
                );
                return None;
            }
            other => {
                self.wrong_type(&child(path, "shape"), "text", "文本", other);
                return None;
            }
        };
        let Some(shape) = Shape::from_id(shape_id) else {
            let all: Vec<&str> = SHAPES.iter().map(|s| s.id).collect();
            let cut: String = shape_id.chars().take(40).collect();
            self.error(
                &child(path, "shape"),
                "unknown_shape",
                format!("Figure shape \"{cut}\" is not one of {}", all.join(", ")),
                format!("数值形式“{cut}”无法识别：可用 {}", all.join("、")),
            );
            return None;
        };
        if in_tier && shape == Shape::Tiers {
            self.error(
                &child(path, "shape"),
                "tier_in_tier",
                format!(
                    "A tier cannot hold tiers of its own: give it one of {}",
                    allowed.join(", ")
                ),
                format!("分档之内不能再分档：本档请用 {}", allowed.join("、")),
            );
            return None;
        }
        if !shapes.contains(&shape) {
            self.error(
                &child(path, "shape"),
                "shape_mismatch",
                format!(
                    "A {} rule cannot have a \"{shape_id}\" figure: use {}",
                    kind.id(),
                    allowed.join(" or ")
                ),
                format!(
                    "{} 类规则不能使用“{shape_id}”：请用 {}",
                    kind.id(),
                    allowed.join(" 或 ")
                ),
            );
            return None;
        }
        let def = shape.def();
        self.keys(value, path, &def.key_names());
        let key = |name: &str| def.key(name);
        Some(match shape {
            Shape::Per100Households => Figure::AreaPerHundredHouseholds {
                m2_per_100: self.ranged(value, path, key("m2_per_100"))?,
            },
            Shape::FixedArea => Figure::FixedArea {
                m2: self.ranged(value, path, key("m2"))?,
            },
            Shape::ShareOfTotal => {
                // 0.2 is how the API writes a share (office_max_share); in a pack it would be 0.2 %.
                if let HostValue::Number(n) = value.get("percent")
                    && *n > 0.0
                    && *n < 1.0
                {
                    let as_percent = crate::number::format_number(n * 100.0);
                    // format_number, not `{n}`: Display for f64 would bring float printing into the download.
                    let n = crate::number::format_number(*n);
                    self.error(
                        &child(path, "percent"),
                        "out_of_range",
                        format!("\"percent\" is written as a percent, from 1 to 100: {as_percent} means {as_percent} %, not {n}"),
                        format!("比例按百分数填写（1–100）：{as_percent} 表示 {as_percent}%，不要写成 {n}"),
                    );
                    return None;
                }
                Figure::ShareOfTotal {
                    percent: self.ranged(value, path, key("percent"))?,
                }
            }
            Shape::PerPopulation => {
                let per = self.ranged_whole(value, path, key("per"));
                let unit = self.ranged_whole(value, path, key("unit"));
                Figure::PerPopulation {
                    per: per?,
                    unit: unit?,
                }
            }
            Shape::StaffRange => {
                let usual_min = self.ranged_whole(value, path, key("usual_min"));
                let usual_max = self.ranged_whole(value, path, key("usual_max"));
                let per = self.ranged_whole(value, path, key("households_per_person"));
                let cap = self.ranged_whole(value, path, key("cap"));
                let (usual_min, usual_max, per, cap) = (usual_min?, usual_max?, per?, cap?);
                if usual_min > usual_max || usual_max > cap {
                    self.error(
                        path,
                        "bad_range",
                        "Staff figures must satisfy usual_min ≤ usual_max ≤ cap".into(),
                        "人员数须满足 usual_min ≤ usual_max ≤ cap".into(),
                    );
                    return None;
                }
                Figure::StaffRange {
                    usual_min,
                    usual_max,
                    households_per_person: per,
                    cap,
                }
            }
            Shape::HouseholdsRange => {
                let list = key("ranges");
                Figure::HouseholdsRange(self.entries(value, path, list, |r, entry, at| {
                    let types =
                        r.id_set(entry, "settlements", at, Names::Choices(&set.settlements));
                    let min = r.ranged_whole(entry, at, list.entry("min"));
                    let max = r.ranged_whole(entry, at, list.entry("max"));
                    match (types, min, max) {
                        (Some(t), Some(min), Some(max)) if min <= max => Some((t, min, max)),
                        (Some(_), Some(_), Some(_)) => {
                            r.error(
                                at,
                                "bad_range",
                                "\"min\" must not be more than \"max\"".into(),
                                "\"min\" 不能大于 \"max\"".into(),
                            );
                            None
                        }
                        _ => None,
                    }
                })?)
            }
            Shape::CountBySettlement => {
                let list = key("counts");
                Figure::CountBySettlement(self.entries(value, path, list, |r, entry, at| {
                    let types =
                        r.id_set(entry, "settlements", at, Names::Choices(&set.settlements));
                    let count = r.ranged_whole(entry, at, list.entry("count"));
                    Some((types?, count?))
                })?)
            }
            Shape::YuanByProgramme => {
                let list = key("amounts");
                Figure::YuanByProgramme(self.entries(value, path, list, |r, entry, at| {
                    let programme = r.text(entry, "programme", at, true).and_then(|p| {
                        let found = set.programmes.iter().position(|x| x.id == p);
                        if found.is_none() {
                            r.unknown_name(
                                &child(at, "programme"),
                                "programmes",
                                &p,
                                &Names::Choices(&set.programmes),
                            );
                        }
                        found
                    });
                    let yuan = r.ranged_whole(entry, at, list.entry("yuan"));
                    Some((programme?, yuan?))
                })?)
            }
            Shape::OccupancyShare => {
                let percent = self.ranged_whole(value, path, key("percent"));
                let due = self.pair(value, "due", path, true);
                let not_yet = self.pair(value, "not_yet", path, true);
                Figure::OccupancyShare {
                    percent: percent?,
                    due: due?,
                    not_yet: not_yet?,
                }
            }
            Shape::Statement => Figure::Statement {
                statement: self.pair(value, "statement", path, true)?,
            },
            Shape::PerPopulationArea => {
                let m2 = self.ranged(value, path, key("m2"));
                let per = self.ranged_whole(value, path, key("per"));
                Figure::PerPopulationArea { m2: m2?, per: per? }
            }
            Shape::Tiers => {
                let basis = self.one_of(
                    value,
                    "basis",
                    path,
                    &Basis::ALL.map(|b| (b.id(), b)),
                    ("unknown_basis", "Basis", "分档依据"),
                );
                let list = key("tiers");
                let bound = list.entry("up_to");
                let tiers = self.entries(value, path, list, |r, entry, at| {
                    let up_to = match entry.get("up_to") {
                        HostValue::Absent => Some(None),
                        _ => r.ranged(entry, at, bound).map(Some),
                    };
                    let figure =
                        r.figure_of(entry.get("figure"), &child(at, "figure"), kind, true, set);
                    Some((up_to?, figure?))
                });
                let tiers = tiers?;
                let at = |i: usize| child(&item(&child(path, "tiers"), i), "up_to");
                let mut ok = true;
                if tiers.len() > MAX_TIERS {
                    self.error(
                        &child(path, "tiers"),
                        "too_many",
                        format!("At most {MAX_TIERS} tiers are allowed"),
                        format!("最多 {MAX_TIERS} 档"),
                    );
                    return None;
                }
                let last = tiers.len() - 1;
                for (i, (up_to, _)) in tiers.iter().enumerate() {
                    match (up_to, i == last) {
                        (None, false) => {
                            self.error(
                                &at(i),
                                "missing",
                                "Add \"up_to\": only the last tier leaves it out".into(),
                                "缺少 \"up_to\"：只有最后一档不写上限".into(),
                            );
                            ok = false;
                        }
                        (Some(_), true) => {
                            self.error(
                                &at(i),
                                "last_tier_bounded",
                                "The last tier must leave out \"up_to\", so that every community falls in a tier".into(),
                                "最后一档不能写 \"up_to\"，以使任何规模都有所属的一档".into(),
                            );
                            ok = false;
                        }
                        _ => {}
                    }
                    if let (Some(bound), Some((Some(previous), _))) =
                        (up_to, i.checked_sub(1).map(|p| &tiers[p]))
                        && bound <= previous
                    {
                        let (b, p) = (
                            crate::number::format_number(*bound),
                            crate::number::format_number(*previous),
                        );
                        self.error(
                            &at(i),
                            "not_ascending",
                            format!("\"up_to\" must be more than the tier before's ({p}): tiers go from smallest to largest, here {b}"),
                            format!("\"up_to\" 必须大于上一档的 {p}：各档从小到大排列，此处为 {b}"),
                        );
                        ok = false;
                    }
                }
                if !ok {
                    return None;
                }
                Figure::Tiers {
                    basis: basis?,
                    tiers,
                }
            }
        })
    }

    /// The non-empty list of objects `list` names, each with exactly its keys, read by `read`; `None` when
    /// the list or any entry has a problem (each already reported).
    fn entries<T>(
        &mut self,
        value: &HostValue,
        path: &str,
        list: &Key,
        mut read: impl FnMut(&mut Reader, &HostValue, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = self.array(value, list.name, path, true);
        let keys: Vec<&str> = list.entry_keys().iter().flat_map(Key::names).collect();
        let mut ok = !items.is_empty();
        if items.is_empty() && matches!(value.get(list.name), HostValue::Array(_)) {
            self.error(
                &child(path, list.name),
                "empty",
                format!(
                    "\"{}\" is an empty list: give at least one entry",
                    list.name
                ),
                format!("\"{}\" 是空列表：至少写一项", list.name),
            );
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, entry) in items.iter().enumerate() {
            let at = item(&child(path, list.name), i);
            if self.object(entry, &at).is_none() {
                ok = false;
                continue;
            }
            self.keys(entry, &at, &keys);
            match read(self, entry, &at) {
                Some(v) => out.push(v),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn jurisdictions(&mut self, pack: &HostValue, set: &mut Ruleset, standalone: bool) {
        let items = self.array(pack, "jurisdictions", "", standalone);
        for (i, value) in items.iter().enumerate() {
            let path = item("/jurisdictions", i);
            if self.object(value, &path).is_none() {
                continue;
            }
            self.keys(
                value,
                &path,
                &[
                    "id",
                    "name_zh",
                    "name_en",
                    "documents",
                    "programmes",
                    "settlements",
                    "places",
                ],
            );
            let id = self.id(value, "id", &path);
            let name = self.pair(value, "name", &path, true);
            let places = self.places(value, &path);
            let mut documents = Vec::new();
            let mut ok = true;
            let doc_items = self.array(value, "documents", &path, true);
            if doc_items.is_empty() && matches!(value.get("documents"), HostValue::Array(_)) {
                self.error(
                    &child(&path, "documents"),
                    "empty",
                    "A jurisdiction applies at least one document".into(),
                    "地区至少适用一份文件".into(),
                );
                ok = false;
            }
            for (k, d) in doc_items.iter().enumerate() {
                let at = item(&child(&path, "documents"), k);
                match d.as_str() {
                    Some(d) => match set.documents.iter().position(|x| &*x.id == d) {
                        Some(index) if !documents.contains(&index) => documents.push(index),
                        Some(_) => {
                            self.error(
                                &at,
                                "duplicate_id",
                                format!("Document \"{d}\" is listed twice"),
                                format!("文件“{d}”重复列出"),
                            );
                            ok = false;
                        }
                        None => {
                            let known: Vec<&str> = set.documents.iter().map(|d| &*d.id).collect();
                            let cut: String = d.chars().take(40).collect();
                            self.error(
                                &at,
                                "unknown_document",
                                format!("Document \"{cut}\" is not in this pack's documents: use one of {}", known.join(", ")),
                                format!("文件“{cut}”不在本包的 documents 中：可用 {}", known.join("、")),
                            );
                            ok = false;
                        }
                    },
                    None => {
                        self.wrong_type(&at, "a document id", "文件 id", d);
                        ok = false;
                    }
                }
            }
            // Programmes: the default only, unless listed.
            let programmes = match value.get("programmes") {
                HostValue::Absent => {
                    let mut only = Set::default();
                    only.insert(
                        set.programmes
                            .iter()
                            .position(|p| &*p.id == "standard")
                            .unwrap_or(0),
                    );
                    Some(only)
                }
                _ => self.id_set(value, "programmes", &path, Names::Choices(&set.programmes)),
            };
            let settlements = self.offered(value, &path, set);
            let Some(id) = id else { continue };
            if set.jurisdictions.iter().any(|j| j.id == id) {
                self.error(
                    &child(&path, "id"),
                    "duplicate_id",
                    format!("Jurisdiction id \"{id}\" is used twice"),
                    format!("地区 id “{id}”重复"),
                );
                continue;
            }
            if let (true, Some(name), Some(programmes), Some(settlements), Some(places)) =
                (ok, name, programmes, settlements, places)
            {
                // Filled in once every rule is read (`read_pack`).
                let rules = Vec::new();
                set.jurisdictions.push(Jurisdiction {
                    id,
                    name,
                    documents,
                    programmes,
                    settlements,
                    places,
                    rules,
                });
            }
        }
    }

    /// The places a jurisdiction covers, as offices write them in a sheet (its sub-areas' names and short
    /// forms): optional, a list of texts.
    fn places(&mut self, value: &HostValue, path: &str) -> Option<Vec<Str>> {
        let items = self.array(value, "places", path, false);
        let at = child(path, "places");
        let mut places = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, place) in items.iter().enumerate() {
            let here = item(&at, i);
            match place {
                HostValue::Text(text) if text.trim().is_empty() => {
                    self.error(
                        &here,
                        "empty",
                        "A place name is empty: write it out".into(),
                        "地名为空：请填写".into(),
                    );
                    ok = false;
                }
                HostValue::Text(text) if text.chars().count() > MAX_ID_CHARS => {
                    self.error(
                        &here,
                        "too_long",
                        format!("A place name is longer than {MAX_ID_CHARS} characters"),
                        format!("地名超过 {MAX_ID_CHARS} 个字符"),
                    );
                    ok = false;
                }
                HostValue::Text(text) => places.push(Str::from(text.trim())),
                other => {
                    self.wrong_type(&here, "a place name (text)", "地名（文本）", other);
                    ok = false;
                }
            }
        }
        ok.then_some(places)
    }

    /// A jurisdiction's community types: ids, or objects with the id and its local name and explanation;
    /// absent means every type of the pack under its own name.
    fn offered(&mut self, value: &HostValue, path: &str, set: &Ruleset) -> Option<Vec<Offered>> {
        let all = || {
            set.settlements
                .iter()
                .enumerate()
                .map(|(i, s)| Offered {
                    settlement: i,
                    name: s.name.clone(),
                    description: s.description.clone(),
                })
                .collect()
        };
        if value.get("settlements").is_absent() {
            return Some(all());
        }
        let path = child(path, "settlements");
        let items = match value.get("settlements") {
            HostValue::Array(items) if !items.is_empty() => items,
            other => {
                self.wrong_type(
                    &path,
                    "a non-empty list of community types",
                    "非空的社区类型列表",
                    other,
                );
                return None;
            }
        };
        let mut offered: Vec<Offered> = Vec::new();
        let mut ok = true;
        for (i, entry) in items.iter().enumerate() {
            let at = item(&path, i);
            let (id, name, description) = match entry {
                HostValue::Text(id) => (Some(Str::from(id.as_str())), None, None),
                HostValue::Object(_) => {
                    self.keys(
                        entry,
                        &at,
                        &[
                            "id",
                            "name_zh",
                            "name_en",
                            "description_zh",
                            "description_en",
                        ],
                    );
                    (
                        self.text(entry, "id", &at, true),
                        self.pair(entry, "name", &at, false),
                        self.pair(entry, "description", &at, false),
                    )
                }
                other => {
                    self.wrong_type(&at, "an id or an object", "id 或对象", other);
                    ok = false;
                    continue;
                }
            };
            let Some(id) = id else {
                ok = false;
                continue;
            };
            match set.settlements.iter().position(|s| s.id == id) {
                Some(index) if offered.iter().all(|o| o.settlement != index) => {
                    let own = &set.settlements[index];
                    offered.push(Offered {
                        settlement: index,
                        name: name.unwrap_or_else(|| own.name.clone()),
                        description: description.unwrap_or_else(|| own.description.clone()),
                    });
                }
                Some(_) => {
                    self.error(
                        &at,
                        "duplicate_id",
                        format!("Community type \"{id}\" is listed twice"),
                        format!("社区类型“{id}”重复列出"),
                    );
                    ok = false;
                }
                None => {
                    self.unknown_name(&at, "settlements", &id, &Names::Choices(&set.settlements));
                    ok = false;
                }
            }
        }
        ok.then_some(offered)
    }
}
