//! The languages the product speaks and its own bilingual words: the leaf of the layer order (it imports
//! nothing of the crate), so every layer can name a language or a text without importing the widget.
//!
//! `Text` is the program's own words (`&'static str`); a rule pack's words are `rules::Txt`, which
//! implements [`Bilingual`] so `lang.text(&txt)` reads both the same way.

use serde::Serialize;

/// The page's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A text of the program itself (not of a rule pack) in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

pub const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

/// A value held in both languages (a pack's `Txt`), picked by [`Lang::text`].
pub trait Bilingual {
    type Out;
    fn in_lang(&self, lang: Lang) -> Self::Out;
}

impl Lang {
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag == "zh" || tag.starts_with("zh-") {
            Some(Lang::Zh)
        } else if tag == "en" || tag.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }
    /// The BCP 47 tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    pub fn pick(self, text: Text) -> &'static str {
        match self {
            Lang::Zh => text.zh,
            Lang::En => text.en,
        }
    }
    /// A text of the rule data (a pack's words) in this language.
    pub fn text<T: Bilingual>(self, text: &T) -> T::Out {
        text.in_lang(self)
    }
    /// Brackets around an aside: full-width in Chinese.
    pub fn brackets(self) -> (&'static str, &'static str) {
        match self {
            Lang::Zh => ("（", "）"),
            Lang::En => (" (", ")"),
        }
    }
}

/// `text` with its first letter in lower case, to continue an English sentence ("At today's 420 m², move …").
pub fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
