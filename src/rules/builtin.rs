//! The built-in pack: the five documents of SPEC §2, kept as data files in `data/builtin/` (the pack's
//! header, community types, programmes and jurisdictions in `pack.json`; each document's rules in a file of
//! its own, joined by build.rs) and read with the same reader as any bureau's pack. build.rs compiles it in
//! as `value::compact` data, so reading it needs no JSON parser (none is in the download) and no crossing
//! into JavaScript.

use super::{Ruleset, read_pack};
use crate::value::HostValue;
use std::rc::Rc;

/// pack.json with every document's rules appended under `rules`, joined and encoded by build.rs.
const PACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.bin"));

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
    crate::value::compact::decode(PACK).unwrap_or_default()
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
