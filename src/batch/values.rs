//! Cell values as planners write them → the engine's [`Raw`] values. Choice cells may hold an id
//! (`xam`, `city`) or a name from the rule data (兴安盟, 东胜区, 城市社区, 农区嘎查村, 新建…); numbers stay as
//! written and go through the engine's own `parse_number` in validation. A value not recognised is passed
//! through unchanged so validation reports it with the engine's own message.

use super::columns::Target;
use super::sheet::Cell;
use crate::input::Raw;
use crate::rules::{Construction, Ruleset, Str};

/// Suffixes of Chinese administrative names a planner may leave off (内蒙古 for 内蒙古自治区, 东胜 for 东胜区).
const ADMIN_SUFFIXES: &[&str] = &["自治区", "省", "盟", "市", "区", "县", "旗", "镇"];

/// Lower case without spaces: how names are compared.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every name (folded) each choice answers to, built once per sheet from the rule data.
pub(crate) struct Names {
    by_target: Vec<(Target, Vec<(String, Str)>)>,
    /// Each jurisdiction's id and Chinese name, for names written by their lowest level only.
    jurisdictions: Vec<(Str, String)>,
    /// Per jurisdiction, the names of the types it offers (its own names for them first): for a row of
    /// that jurisdiction they win over the same word elsewhere, so a pack that calls its own type 农村社区
    /// is read so in its rows while Renshou's 农村社区 stays Renshou's.
    offered: Vec<(Str, Vec<(String, Str)>)>,
}

fn push_name(list: &mut Vec<(String, Str)>, name: &str, id: &Str) {
    // A name like "传统农村 / 农区嘎查村" answers to both halves too.
    let parts = std::iter::once(name).chain(name.split(['/', '／']));
    for part in parts {
        let folded = fold(part);
        if folded.is_empty() {
            continue;
        }
        match list.iter().find(|(n, _)| *n == folded) {
            Some((_, existing)) if existing != id => {
                // The same word for two choices: it decides nothing, so nobody gets it.
                list.retain(|(n, _)| *n != folded);
                list.push((folded, Str::default()));
            }
            Some(_) => {}
            None => list.push((folded, id.clone())),
        }
    }
}

/// The id, the Chinese name and the English name of each choice, folded.
fn names_of<'a>(choices: impl Iterator<Item = (Str, &'a str, &'a str)>) -> Vec<(String, Str)> {
    let mut list = Vec::new();
    for (id, zh, en) in choices {
        for text in [id.as_str(), zh, en] {
            push_name(&mut list, text, &id);
        }
    }
    list
}

/// The id every match names, when they all name the same one; `None` for none or for two different ids.
fn only_one<'a>(mut ids: impl Iterator<Item = &'a Str>) -> Option<Str> {
    let first = ids.next()?;
    ids.all(|id| id == first).then(|| first.clone())
}

impl Names {
    pub(crate) fn new(set: &Ruleset) -> Names {
        // A jurisdiction answers to its names and to the places it lists (科右前旗 is 兴安盟); a place two
        // jurisdictions list (鄂尔多斯市) decides nothing and is refused, never guessed.
        let jurisdictions = names_of(
            set.jurisdictions
                .iter()
                .map(|j| (j.id.clone(), &*j.name.zh, &*j.name.en))
                .chain(
                    set.jurisdictions
                        .iter()
                        .flat_map(|j| j.places.iter().map(|p| (j.id.clone(), &**p, &**p))),
                ),
        );
        // The names a jurisdiction gives a type (Renshou's 农村社区) answer too.
        let offered = set.jurisdictions.iter().flat_map(|j| {
            j.settlements.iter().map(|o| {
                (
                    set.settlements[o.settlement].id.clone(),
                    &*o.name.zh,
                    &*o.name.en,
                )
            })
        });
        let settlements = names_of(
            set.settlements
                .iter()
                .map(|s| (s.id.clone(), &*s.name.zh, &*s.name.en))
                .chain(offered),
        );
        let constructions = names_of(Construction::ALL.iter().map(|c| {
            let (name, _) = c.words();
            (Str::from(c.id()), name.zh, name.en)
        }));
        let programmes = names_of(
            set.programmes
                .iter()
                .map(|p| (p.id.clone(), &*p.name.zh, &*p.name.en)),
        );
        let offered = set
            .jurisdictions
            .iter()
            .map(|j| {
                let types = j.settlements.iter().map(|o| &set.settlements[o.settlement]);
                let names = j
                    .settlements
                    .iter()
                    .map(|o| {
                        let id = set.settlements[o.settlement].id.clone();
                        (id, &*o.name.zh, &*o.name.en)
                    })
                    .chain(types.map(|s| (s.id.clone(), &*s.name.zh, &*s.name.en)));
                (j.id.clone(), names_of(names))
            })
            .collect();
        Names {
            offered,
            jurisdictions: set
                .jurisdictions
                .iter()
                .flat_map(|j| {
                    std::iter::once(fold(&j.name.zh))
                        .chain(j.places.iter().map(|p| fold(p)))
                        .map(|name| (j.id.clone(), name))
                })
                .collect(),
            by_target: vec![
                (Target::Jurisdiction, jurisdictions),
                (Target::Settlement, settlements),
                (Target::Construction, constructions),
                (Target::Programme, programmes),
            ],
        }
    }

    /// The id a choice cell names, if it names one; a community type is looked for first among the names
    /// the row's `jurisdiction` (an id) gives its types.
    pub(crate) fn id_of(
        &self,
        target: Target,
        text: &str,
        jurisdiction: Option<&str>,
    ) -> Option<Str> {
        let folded = fold(text);
        if folded.is_empty() {
            return None;
        }
        if target == Target::Settlement {
            let own = jurisdiction
                .and_then(|j| self.offered.iter().find(|(id, _)| **id == *j))
                .and_then(|(_, list)| settlement_named(list, &folded));
            if own.is_some() {
                return own;
            }
        }
        let list = &self.by_target.iter().find(|(t, _)| *t == target)?.1;
        if target == Target::Settlement {
            return settlement_named(list, &folded);
        }
        if let Some((_, id)) = list.iter().find(|(n, _)| *n == folded) {
            return (!id.is_empty()).then(|| id.clone());
        }
        if target != Target::Jurisdiction || folded.chars().count() < 2 {
            return None;
        }
        // A jurisdiction may be written by its lowest level only (东胜区, 仁寿县) or without its suffix
        // (东胜, 内蒙古): accepted when exactly one jurisdiction's name fits.
        only_one(
            self.jurisdictions
                .iter()
                .filter(|(_, name)| {
                    let bare = ADMIN_SUFFIXES
                        .iter()
                        .find_map(|s| name.strip_suffix(s))
                        .unwrap_or(name);
                    name.ends_with(&folded) || bare.ends_with(&folded)
                })
                .map(|(id, _)| id),
        )
    }

    /// A cell as the engine takes it.
    pub(crate) fn raw(&self, target: Target, cell: &Cell) -> Raw {
        match cell {
            Cell::Empty => Raw::Absent,
            Cell::Number(n) => Raw::Number(*n),
            Cell::Text(text) => self.raw_text(target, text),
        }
    }

    pub(crate) fn raw_text(&self, target: Target, text: &str) -> Raw {
        self.raw_text_in(target, text, None)
    }

    /// [`Names::raw_text`] for a row of `jurisdiction` (an id): its own names for its types win.
    pub(crate) fn raw_text_in(
        &self,
        target: Target,
        text: &str,
        jurisdiction: Option<&str>,
    ) -> Raw {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Raw::Absent;
        }
        if target.is_sheet_choice() {
            if let Some(id) = self.id_of(target, trimmed, jurisdiction) {
                return Raw::text(id.as_str());
            }
        } else if let Some(n) = plain_decimal(trimmed) {
            return Raw::Number(n);
        }
        Raw::text(trimmed)
    }
}

/// The type a folded name names in `list`: exactly, or as shorthand offices write (城市 for 城市社区) when
/// it begins the names of one type only. A word two types share names neither.
fn settlement_named(list: &[(String, Str)], folded: &str) -> Option<Str> {
    if let Some((_, id)) = list.iter().find(|(n, _)| n == folded) {
        return (!id.is_empty()).then(|| id.clone());
    }
    if folded.chars().count() < 2 {
        return None;
    }
    only_one(
        list.iter()
            .filter(|(name, id)| name.starts_with(folded) && !id.is_empty())
            .map(|(_, id)| id),
    )
}

/// Most number cells are plain ASCII digits (`1250`, `375.5`): read here without `parse_number`'s
/// normalising, which costs three allocations a cell. Only text that `plain_number` writes back unchanged
/// qualifies (no leading zeros, no trailing zeros after the point, at most 15 digits), so the engine gets
/// exactly the value `parse_number` gives and the row's inputs read as written; anything else (`1,250户`,
/// `1.2万`, `0012`) goes through the engine's own reading and messages.
pub(crate) fn plain_decimal(text: &str) -> Option<f64> {
    const MAX_DIGITS: usize = 15;
    let (integer, fraction) = match text.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (text, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let fraction_len = fraction.map_or(0, str::len);
    if !digits(integer)
        || (integer.len() > 1 && integer.starts_with('0'))
        || integer.len() + fraction_len > MAX_DIGITS
        || fraction.is_some_and(|f| !digits(f) || f.ends_with('0'))
    {
        return None;
    }
    let mantissa = integer
        .bytes()
        .chain(fraction.unwrap_or_default().bytes())
        .fold(0u64, |m, d| m * 10 + u64::from(d - b'0'));
    // Both operands are exact (≤ 15 digits, 10^k for k ≤ 15), so the quotient is the correctly rounded
    // value, as `parse_number` computes it.
    Some(mantissa as f64 / 10f64.powi(fraction_len as i32))
}

#[cfg(test)]
mod tests {
    use super::plain_decimal;
    use crate::batch::sheet::plain_number;
    use crate::number::parse_number;

    #[test]
    fn plain_decimals_read_as_parse_number_reads_them_and_write_back_unchanged() {
        let cases = [
            ("0", Some(0.0)),
            ("7", Some(7.0)),
            ("1250", Some(1250.0)),
            ("375.5", Some(375.5)),
            ("0.05", Some(0.05)),
            ("0.1", Some(0.1)),
            ("123456789012345", Some(123456789012345.0)),
            ("12345678901234.5", Some(12345678901234.5)),
            ("99999.99999", Some(99999.99999)),
            // Left to parse_number: its normalising, its messages, or a text that would not read back.
            ("1234567890123456", None),
            ("0012", None),
            ("00.5", None),
            ("375.50", None),
            ("375.", None),
            (".5", None),
            ("1.2.3", None),
            ("1,250", None),
            ("1250户", None),
            ("1.2万", None),
            ("１２５０", None),
            ("-5", None),
            ("+5", None),
            ("1e3", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(plain_decimal(text), expected, "{text:?}");
            if let Some(n) = expected {
                assert_eq!(parse_number(text), Ok(n), "{text:?}");
                assert_eq!(plain_number(n), text, "{text:?}");
            }
        }
    }

    #[test]
    fn every_plain_decimal_agrees_with_parse_number() {
        use proptest::prelude::*;
        proptest!(|(integer in 0u64..1_000_000_000, fraction in "[0-9]{0,6}")| {
            let text = if fraction.is_empty() {
                integer.to_string()
            } else {
                format!("{integer}.{fraction}")
            };
            if let Some(n) = plain_decimal(&text) {
                prop_assert_eq!(parse_number(&text), Ok(n));
                prop_assert_eq!(plain_number(n), text);
            } else {
                prop_assert!(fraction.ends_with('0'));
            }
        });
    }
}
