//! Which ruleset the widget works under: the built-in standards, or a rule pack loaded on this page (by
//! the host, by `load_rules`, or by the user choosing a `.json` file). Packs stay in the browser.

use crate::form::Form;
use crate::registry::FileEncoding;
use crate::registry::with_registry;
use crate::rules::{PackError, Ruleset};
use std::rc::Rc;

/// A ruleset shared with the views; two are the same when they are the same loaded pack.
#[derive(Clone)]
pub struct SharedRuleset(pub Rc<Ruleset>);

impl PartialEq for SharedRuleset {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The ruleset the form asks for: built-in, or the loaded pack of that id *and version*.
pub fn resolve(form: &Form) -> Option<Rc<Ruleset>> {
    let rules = form.rules.as_ref().map(|(id, version)| (&**id, &**version));
    with_registry(|r| r.resolve(rules))
}

/// Loads a pack given as JSON text; its id and version, or every problem.
pub fn load_text(text: &str) -> Result<Rc<Ruleset>, Vec<PackError>> {
    with_registry(|r| r.load_text(text))
}

/// A pack's text goes into the view as it is: shared, not copied.
mod into_view {
    use crate::rules::Str;
    use yew::AttrValue;
    use yew::html::IntoPropValue;
    use yew::virtual_dom::{VNode, VText};

    impl IntoPropValue<AttrValue> for Str {
        fn into_prop_value(self) -> AttrValue {
            AttrValue::from(self.rc())
        }
    }
    impl IntoPropValue<Option<AttrValue>> for Str {
        fn into_prop_value(self) -> Option<AttrValue> {
            Some(AttrValue::from(self.rc()))
        }
    }
    impl IntoPropValue<VNode> for Str {
        fn into_prop_value(self) -> VNode {
            VNode::VText(VText::new(AttrValue::from(self.rc())))
        }
    }
}

/// Reads a file the user chose and hands its text to `done` (in the browser; nothing is uploaded): UTF-8,
/// or GB18030 when it is not UTF-8 and reads cleanly as that (`registry::pack_file_text`; the browser's own
/// `TextDecoder` decodes, so no decoder is in the download). Files over the pack limit are not read at all.
pub fn read_file(
    file: web_sys::File,
    done: yew::Callback<Result<(String, FileEncoding), PackError>>,
) {
    if file.size() > crate::rules::MAX_PACK_BYTES as f64 {
        done.emit(Err(crate::registry::too_large(file.size() as usize)));
        return;
    }
    let promise = file.array_buffer();
    wasm_bindgen_futures::spawn_local(async move {
        let bytes = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
            .unwrap_or_default();
        done.emit(crate::registry::pack_file_text(&bytes, gb18030));
    });
}

/// The browser's GB18030 decoder, fatal on any byte that does not read as GB18030 (`None` then).
fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
