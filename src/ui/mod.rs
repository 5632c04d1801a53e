//! The Yew widget and `mount` (SPEC §8). `mount` renders into any element; each call is an independent
//! widget with its own ids, and the returned handle lets a host change options later or remove it.

mod app;
mod chart;
mod compare;
mod fields;
mod results;
mod text;

use crate::form::{Form, Key};
use app::{App, AppProps, Msg};
use std::cell::Cell;
use wasm_bindgen::prelude::*;

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// Option names `mount` reads besides the SPEC §4 inputs.
const FLAG_OPTIONS: [&str; 6] = [
    "lang",
    "mode",
    "view",
    "compact",
    "large_text",
    "large-text",
];

/// Reads `options` as name/value text pairs: the SPEC §4 inputs (also nested `planned`), and the flags.
fn option_pairs(options: &JsValue) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if !options.is_object() {
        return pairs;
    }
    let text = |value: JsValue| -> Option<String> {
        if value.is_null() || value.is_undefined() {
            None
        } else if let Some(b) = value.as_bool() {
            Some(if b { "1" } else { "0" }.to_string())
        } else if let Some(n) = value.as_f64() {
            // JavaScript writes the number: no float formatting code in Rust.
            Some(
                js_sys::Number::from(n)
                    .to_string_with_radix(10)
                    .map(String::from)
                    .unwrap_or_default(),
            )
        } else {
            value.as_string().or_else(|| Some("[object]".to_string()))
        }
    };
    let get = |object: &JsValue, name: &str| {
        js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    for name in Key::ALL.iter().map(|k| k.name()).chain(FLAG_OPTIONS) {
        if let Some(value) = text(get(options, name)) {
            pairs.push((name.to_string(), value));
        }
    }
    let planned = get(options, "planned");
    for key in [Key::TotalM2, Key::OfficeM2, Key::ActivityM2] {
        if let Some(value) = text(get(&planned, key.name())) {
            pairs.push((key.name().to_string(), value));
        }
    }
    pairs
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
            handle.send_message(Msg::Apply(option_pairs(&options)));
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
    let get = |name: &str| {
        js_sys::Reflect::get(&options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let sync_url = options.is_object() && get("sync_url").is_truthy();
    let link_base = if options.is_object() {
        get("link_base").as_string()
    } else {
        None
    };

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
                    form.apply(&name, &value);
                }
            }
        }
    } else {
        for (name, value) in option_pairs(&options) {
            form.apply(&name, &value);
        }
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
