//! The built-in pack: the five documents of SPEC §2, kept as data files in `data/builtin/` (the pack's
//! header, community types, programmes and jurisdictions in `pack.json`; each document's rules in a file of
//! its own, joined by build.rs) and read with the same reader as any bureau's pack. The JSON text is
//! compiled in; it is parsed by `serde_json` natively and by the browser's `JSON.parse` in WebAssembly, so
//! no JSON parser is in the download.

use super::{Ruleset, read_pack};
use crate::value::HostValue;
use std::rc::Rc;

/// pack.json with every document's rules appended under `rules`, joined and minified by build.rs.
const PACK: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin.json"));

thread_local! {
    static BUILTIN: (Rc<Ruleset>, Rc<HostValue>) = load();
}

/// The built-in ruleset (read once per thread).
pub fn builtin() -> Rc<Ruleset> {
    BUILTIN.with(|b| b.0.clone())
}

/// The built-in pack in the pack format, as one document (`builtin_pack()` in the JS API).
pub fn builtin_pack_value() -> Rc<HostValue> {
    BUILTIN.with(|b| b.1.clone())
}

fn load() -> (Rc<Ruleset>, Rc<HostValue>) {
    let pack = merged();
    let mut ruleset = match read_pack(&pack, None) {
        Ok(ruleset) => ruleset,
        // The data files are checked by the native tests; an empty ruleset beats a panic in the browser.
        Err(_) => Ruleset::empty("builtin"),
    };
    ruleset.builtin = true;
    (Rc::new(ruleset), Rc::new(pack))
}

fn merged() -> HostValue {
    crate::json::parse(PACK).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_data_files_are_a_valid_pack() {
        let pack = super::merged();
        if let Err(errors) = super::read_pack(&pack, None) {
            panic!("{errors:#?}");
        }
    }
}
