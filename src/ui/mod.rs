//! The Yew widget and `mount` (SPEC §8). `mount` renders into any element; each call is an independent
//! widget with its own ids, and the returned handle lets a host change options later or remove it.

mod app;
mod chart;
mod compare;
mod fields;
pub(crate) mod packs;
mod results;
mod text;

use crate::fields::{Field, Id};
use crate::form::{Form, Key};
use crate::host::Limits;
use crate::input::FieldError;
use crate::value::HostValue;
use app::{App, AppProps, Msg};
use std::cell::Cell;
use wasm_bindgen::prelude::*;

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// The display options `mount` reads besides the fields (`form::Key`), and the value each takes when its
/// attribute is removed. `large_text` is also read as `large-text`.
const FLAG_DEFAULTS: [(&str, &str); 5] = [
    ("lang", "zh-CN"),
    ("mode", "plan"),
    ("view", "calculator"),
    ("compact", "0"),
    ("large_text", "0"),
];

/// Every attribute `<facility-calc>` reads, from the one list of fields (`form::Key`) and the display
/// options: `[attribute, option, value when removed]` — `null` for a field, where removal clears it. The
/// query-string spelling (`total_m2`) works as an attribute beside the kebab-case one (`total-m2`).
#[wasm_bindgen]
pub fn option_attributes() -> JsValue {
    let mut rows: Vec<(String, &'static str, Option<&'static str>)> = Vec::new();
    let mut add = |option: &'static str, absent: Option<&'static str>| {
        let kebab = option.replace('_', "-");
        if kebab != option {
            rows.push((kebab, option, absent));
        }
        rows.push((option.to_string(), option, absent));
    };
    for key in Key::FORM {
        add(key.name(), None);
    }
    for (option, absent) in FLAG_DEFAULTS {
        add(option, Some(absent));
    }
    crate::host::to_host(&rows)
}

/// How much of `options` is copied in: as for any input, but room for a long `link_base` address.
const OPTION_LIMITS: Limits = Limits {
    max_string: 4096,
    ..Limits::INPUT
};

/// Copies `options` in through the boundary layer (never throws, whatever the page passed).
/// `rules` is left out: a pack is read apart, with a pack's limits (`rules_option`).
fn read_options(options: &JsValue) -> HostValue {
    crate::host::read_except(options, OPTION_LIMITS, Id::Rules.id())
}

/// A display option (`lang`, `mode`, …), for messages about a value that could not be taken.
const DISPLAY_OPTION: Field = Id::Options.field();

/// One option's value as text, `None` when absent, or why it could not be taken.
fn option_text(value: &HostValue, field: Field) -> Option<Result<String, FieldError>> {
    Some(Ok(match value {
        HostValue::Absent => return None,
        HostValue::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        // JavaScript writes the number: no float formatting code in Rust.
        HostValue::Number(n) => crate::host::number_text(*n),
        HostValue::Text(s) => s.clone(),
        HostValue::Unreadable => return Some(Err(FieldError::unreadable(field))),
        HostValue::TooLong { chars } => return Some(Err(FieldError::too_long(field, *chars))),
        HostValue::TooLarge(_) => return Some(Err(FieldError::too_large(field))),
        HostValue::Object(_) | HostValue::Array(_) | HostValue::Other(_) => "[object]".to_string(),
    }))
}

/// Reads `options` as name → text (or problem) pairs: the SPEC §4 inputs (also nested in `planned`, as
/// `evaluate` takes them) and the display flags.
fn option_pairs(options: &HostValue) -> Vec<(String, Result<String, FieldError>)> {
    let mut pairs = Vec::new();
    let planned = options.get(Id::Planned.field().id);
    for key in Key::FORM {
        if let Some(value) = option_text(options.get(key.name()), key.field()) {
            pairs.push((key.name().to_string(), value));
        }
        if let Some(value) =
            option_text(planned.get(key.name()), key.field()).filter(|_| key.id() != key.name())
        {
            pairs.push((key.name().to_string(), value));
        }
    }
    for (name, _) in FLAG_DEFAULTS {
        for spelling in [name.to_string(), name.replace('_', "-")] {
            if let Some(value) = option_text(options.get(&spelling), DISPLAY_OPTION) {
                pairs.push((spelling, value));
            }
        }
    }
    pairs
}

/// The `rules` option: a pack object, its JSON text, or the id of a pack loaded before (read apart from the
/// other options, with a pack's limits). Loads it and gives the link pairs that select it, or an option
/// problem (the widget then keeps the standards it had).
fn rules_option(options: &JsValue) -> Option<Result<Vec<(String, String)>, FieldError>> {
    // `embed.js` could not fetch the pack its `rules` attribute names: it says why, the widget says it.
    let unfetched = crate::host::read_member(options, "rules_unavailable", Limits::INPUT);
    if let HostValue::Object(_) = unfetched {
        let number = match unfetched.get("number") {
            HostValue::Number(n) => Some(*n),
            _ => None,
        };
        let reason = unfetched.get("reason").as_str().unwrap_or("");
        let why = crate::registry::Unfetched::from_report(reason, number)
            .unwrap_or(crate::registry::Unfetched::Network);
        let (message, message_zh) = why.message(unfetched.get("url").as_str().unwrap_or(""));
        return Some(Err(FieldError {
            field: crate::fields::Id::Options,
            code: crate::input::ErrorCode::BadRules,
            message,
            message_zh,
        }));
    }
    // A getter that throws reads as absent: the widget keeps the standards it had.
    let loaded = match crate::host::read_member(options, Id::Rules.id(), Limits::PACK) {
        HostValue::Absent => return None,
        HostValue::Text(text) if !text.trim_start().starts_with('{') => {
            crate::registry::with_registry(|r| r.get(text.trim())).ok_or_else(|| {
                let shown: String = text.chars().take(40).collect();
                vec![crate::rules::PackError::new(
                    "",
                    "unknown_rules",
                    format!("No rule pack \"{shown}\" is loaded"),
                    format!("未加载规则包“{shown}”"),
                )]
            })
        }
        pack => crate::registry::pack_value(pack)
            .and_then(|pack| crate::registry::with_registry(|r| r.load(&pack))),
    };
    Some(match loaded {
        Ok(set) if set.builtin => Ok(vec![("rules".to_string(), "builtin".to_string())]),
        Ok(set) => Ok(vec![
            ("rules".to_string(), set.id.to_string()),
            ("rules_version".to_string(), set.version.to_string()),
        ]),
        Err(errors) => {
            let first: Vec<String> = errors
                .iter()
                .take(3)
                .map(|e| format!("{} {}", e.path, e.message))
                .collect();
            let first_zh: Vec<String> = errors
                .iter()
                .take(3)
                .map(|e| format!("{} {}", e.path, e.message_zh))
                .collect();
            Err(FieldError {
                field: crate::fields::Id::Options,
                code: crate::input::ErrorCode::BadRules,
                message: format!(
                    "The rule pack given as rules was not loaded ({} problem(s): {}); the standards in use stay",
                    errors.len(),
                    first.join("; ")
                ),
                message_zh: format!(
                    "参数 rules 提供的规则包未加载（{} 个问题：{}），仍按原标准计算",
                    errors.len(),
                    first_zh.join("；")
                ),
            })
        }
    })
}

/// A mounted widget, returned by `mount`.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl Widget {
    /// Changes options after mounting (any `mount` option); what the user typed elsewhere is kept.
    pub fn update(&self, options: JsValue) {
        if let Some(handle) = &self.handle {
            let mut pairs = option_pairs(&read_options(&options));
            match rules_option(&options) {
                Some(Ok(rules)) => pairs.extend(rules.into_iter().map(|(k, v)| (k, Ok(v)))),
                Some(Err(problem)) => pairs.push(("rules".to_string(), Err(problem))),
                None => {}
            }
            handle.send_message(Msg::Apply(pairs));
        }
    }

    /// Removes the widget and frees what it holds. Safe to call twice.
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// Renders the widget into `element`. `options`: `lang`, `mode` (plan/check), `compact`, `large_text`,
/// any SPEC §4 input as an initial value, `sync_url` (keep the state in the page URL; for a stand-alone
/// page only) and `link_base` (the address "Copy link" uses).
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> Result<Widget, JsValue> {
    use wasm_bindgen::JsCast;
    let Ok(element) = element.dyn_into::<web_sys::Element>() else {
        return Err(js_sys::TypeError::new(
            "facility-calc: mount(element, options) needs a DOM element to render into",
        )
        .into());
    };
    let pack_option = rules_option(&options);
    let options = read_options(&options);
    let sync_url = match options.get("sync_url") {
        HostValue::Bool(on) => *on,
        HostValue::Number(n) => *n != 0.0 && !n.is_nan(),
        HostValue::Text(s) => !s.is_empty(),
        HostValue::Absent | HostValue::Unreadable => false,
        _ => true,
    };
    let link_base = options.get("link_base").as_str().map(str::to_string);

    let mut form = Form::default();
    if sync_url {
        // The page's own link first, then the host's options only where the link says nothing.
        if let Some(search) = web_sys::window().and_then(|w| w.location().search().ok())
            && let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search)
        {
            let mut pairs = Vec::new();
            let entries = js_sys::try_iter(&params.entries()).ok().flatten();
            for entry in entries.into_iter().flatten().flatten() {
                let entry = js_sys::Array::from(&entry);
                pairs.push((
                    entry.get(0).as_string().unwrap_or_default(),
                    entry.get(1).as_string().unwrap_or_default(),
                ));
            }
            if !pairs.is_empty() {
                form = Form::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            } else {
                for (name, value) in option_pairs(&options) {
                    form.apply_option(&name, &value);
                }
            }
        }
    } else {
        for (name, value) in option_pairs(&options) {
            form.apply_option(&name, &value);
        }
    }

    // A link that names its pack wins over the host's pack, as for every other option.
    match pack_option {
        Some(Ok(pairs)) if form.rules.is_none() => {
            for (name, value) in &pairs {
                form.apply(name, value);
            }
        }
        Some(Err(problem)) => form.apply_option("rules", &Err(problem)),
        _ => {}
    }

    let instance = NEXT_INSTANCE.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let props = AppProps {
        initial: form,
        prefix: format!("fc{instance}").into(),
        sync_url,
        link_base: link_base.map(Into::into),
        host: Some(element.clone()),
    };
    Ok(Widget {
        handle: Some(yew::Renderer::<App>::with_root_and_props(element, props).render()),
    })
}
