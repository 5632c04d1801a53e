//! The widget's and the engine's own words in both languages (`Text`). The standards themselves — every
//! document, figure, scope, quote and rule wording — are data: see `rules/` and `data/builtin/`.

use serde::Serialize;

/// A text of the program itself (not of a rule pack) in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

pub const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}
