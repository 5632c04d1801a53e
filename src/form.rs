//! The widget's state, without any web dependency: the text the user typed in each field, the options,
//! and the round trip to a link's query string. The Yew view (`ui/`) renders this and sends edits back.

use crate::engine::{Evaluation, evaluate_raw};
use crate::estimate::{self, RawLand};
use crate::input::{FieldError, Raw, RawInput};
use crate::rules::Ruleset;

use crate::text::Lang;

/// Every text field of the form: the registry's fields (`fields::Id`), by the name each has in a link and
/// in `mount` options (`Key::name`).
pub use crate::fields::Id as Key;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Sizing: the design fields are folded away.
    #[default]
    Plan,
    /// Checking a design: the design fields are open.
    Check,
}

/// Which view the widget shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The form and its result.
    #[default]
    Calculator,
    /// The same community under several jurisdictions, side by side (对比).
    Compare,
}

/// The widget's whole state. Text is kept exactly as typed: nothing the user typed is ever cleared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    values: Vec<(Key, String)>,
    /// Fields the user (or a link, or the host) has given a value: only these show a "missing" error.
    touched: Vec<Key>,
    pub lang: Lang,
    pub large_text: bool,
    pub mode: Mode,
    pub view: View,
    /// Only the headline figures (embedding option).
    pub compact: bool,
    /// Problems with the link's or the host's options themselves (unknown names, bad flags), by option
    /// name, so a later good value for that name clears its problem.
    option_errors: Vec<(String, FieldError)>,
    /// The rule pack the result is worked out under, when it is not the built-in one: (id, version). A
    /// link carries both, so it never computes with other rules than it was made with.
    pub rules: Option<(String, String)>,
}

/// The persons-per-household the population estimate starts from (2020 census).
pub const DEFAULT_PERSONS: &str = crate::estimate::CENSUS_2020_PERSONS_PER_HOUSEHOLD;

impl Form {
    pub fn get(&self, key: Key) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn set(&mut self, key: Key, value: impl Into<String>) {
        let value = value.into();
        match self.values.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.values.push((key, value)),
        }
        if !self.touched.contains(&key) {
            self.touched.push(key);
        }
        // A value for the field replaces what was said about an option for it that could not be taken.
        self.option_errors
            .retain(|(option, _)| Key::form_field(option) != Some(key));
        if key.is_design() && !self.get(key).trim().is_empty() {
            self.mode = Mode::Check;
        }
    }

    pub fn touched(&self, key: Key) -> bool {
        self.touched.contains(&key)
    }

    fn raw(&self, key: Key) -> Raw {
        match self.get(key) {
            "" => Raw::Absent,
            text => Raw::Text(text.to_string()),
        }
    }

    /// The households the result uses: the land estimate while the households field is empty and the
    /// estimate is complete (the land stage flows into the result), else what was typed.
    fn households_raw(&self) -> Raw {
        match self.households_estimated() {
            Some(n) => Raw::Number(f64::from(n)),
            None => self.raw(Key::Households),
        }
    }

    /// The land estimate of the households, when it stands in for an empty households field.
    pub fn households_estimated(&self) -> Option<u32> {
        if !self.get(Key::Households).trim().is_empty() {
            return None;
        }
        self.households_estimate().ok()
    }

    /// The land stage's residential floor area (site × FAR × residential share), when it stands in for an
    /// empty residential floor area field: (m², its formula, marked （估算）).
    pub fn residential_floor_area_estimated(&self) -> Option<(f64, estimate::Text2)> {
        if !self.get(Key::ResidentialFloorAreaM2).trim().is_empty() {
            return None;
        }
        estimate::residential_floor_area(&self.land())
    }

    /// Whether the form should ask for the residential floor area: an applicable rule of the chosen
    /// jurisdiction steps by it, or the user has typed one (nothing typed is ever hidden).
    pub fn asks_residential_floor_area(&self, set: &Ruleset) -> bool {
        let typed = !self.get(Key::ResidentialFloorAreaM2).trim().is_empty();
        let settlement = set.settlement_index(self.get(Key::Settlement).trim());
        let used = set
            .jurisdiction(self.get(Key::Jurisdiction).trim())
            .is_some_and(|j| {
                j.rules.iter().any(|&i| {
                    let rule = &set.rules[i];
                    settlement.is_none_or(|s| rule.scope.settlements.has(s))
                        && rule
                            .figure
                            .uses(crate::rules::kinds::Basis::ResidentialFloorArea)
                })
            });
        typed || used
    }

    /// The same inputs under another jurisdiction (the comparison view).
    pub fn raw_input_for(&self, jurisdiction: &str) -> RawInput {
        RawInput {
            jurisdiction: Raw::Text(jurisdiction.to_string()),
            ..self.raw_input()
        }
    }

    /// The jurisdictions the comparison view shows, in table order: those picked, or all.
    pub fn compared(&self, set: &crate::rules::Ruleset) -> Vec<crate::rules::Str> {
        let picked: Vec<&str> = self.get(Key::Compare).split(',').map(str::trim).collect();
        let ids = set.jurisdictions.iter().map(|j| j.id.clone());
        let chosen: Vec<crate::rules::Str> = ids
            .clone()
            .filter(|id| picked.contains(&id.as_str()))
            .collect();
        if chosen.is_empty() {
            ids.collect()
        } else {
            chosen
        }
    }

    /// The inputs as the engine takes them.
    pub fn raw_input(&self) -> RawInput {
        let mut raw = RawInput::default();
        for key in RawInput::FIELDS {
            if let Some(slot) = raw.slot(key) {
                *slot = self.raw(key);
            }
        }
        raw.households = self.households_raw();
        if let Some((area, _)) = self.residential_floor_area_estimated() {
            raw.residential_floor_area_m2 = Raw::Number(area);
        }
        let any_planned = RawInput::FIELDS
            .into_iter()
            .any(|k| k.planned_member().is_some() && !self.get(k).trim().is_empty());
        if any_planned {
            raw.planned = Raw::Object;
        }
        raw
    }

    pub fn evaluate(&self, set: &Ruleset) -> Result<Evaluation, Vec<FieldError>> {
        evaluate_raw(set, &self.raw_input())
    }

    /// Errors worth showing now: a required field nobody has filled in yet is not an error, just a question.
    pub fn visible_errors(&self, errors: &[FieldError]) -> Vec<FieldError> {
        let mut shown: Vec<FieldError> = self.option_errors().cloned().collect();
        shown.extend(
            errors
                .iter()
                .filter(|e| {
                    e.code != crate::input::ErrorCode::Missing
                        || Key::FORM.contains(&e.field) && self.touched(e.field)
                })
                .cloned(),
        );
        shown
    }

    /// Problems in the estimate helpers (land, persons per household) worth showing: only in what the user
    /// has typed. They are not inputs of the engine, so they block no result.
    pub fn estimate_errors(&self) -> Vec<FieldError> {
        let mut shown = Vec::new();
        if Key::land().any(|k| self.touched(k))
            && let Err(errors) = self.households_estimate_explained()
        {
            shown.extend(errors.into_iter().filter(|e| {
                e.code != crate::input::ErrorCode::Missing
                    || Key::FORM.contains(&e.field) && self.touched(e.field)
            }));
        }
        if self.touched(Key::PersonsPerHousehold)
            && let Err(errors) = self.population_estimate_explained()
        {
            shown.extend(
                errors
                    .into_iter()
                    .filter(|e| e.field == Key::PersonsPerHousehold),
            );
        }
        shown
    }

    pub fn land(&self) -> RawLand {
        RawLand {
            site_area_m2: self.raw(Key::SiteAreaM2),
            far: self.raw(Key::Far),
            residential_share: self.raw(Key::ResidentialShare),
            avg_unit_m2: self.raw(Key::AvgUnitM2),
        }
    }

    pub fn households_estimate(&self) -> Result<u32, Vec<FieldError>> {
        self.households_estimate_explained().map(|e| e.value)
    }

    pub fn households_estimate_explained(&self) -> Result<estimate::Estimate, Vec<FieldError>> {
        estimate::explain_households(&self.land())
    }

    pub fn persons_per_household(&self) -> &str {
        match self.get(Key::PersonsPerHousehold) {
            "" => DEFAULT_PERSONS,
            typed => typed,
        }
    }

    pub fn population_estimate(&self) -> Result<u32, Vec<FieldError>> {
        self.population_estimate_explained().map(|e| e.value)
    }

    pub fn population_estimate_explained(&self) -> Result<estimate::Estimate, Vec<FieldError>> {
        estimate::explain_population(
            &self.households_raw(),
            &Raw::Text(self.persons_per_household().to_string()),
        )
    }

    /// Problems with the options or link parameters applied so far.
    pub fn option_errors(&self) -> impl Iterator<Item = &FieldError> {
        self.option_errors.iter().map(|(_, e)| e)
    }

    /// Applies one option or query parameter. Unknown names and bad flag values become option errors;
    /// applying a name again replaces what was said about it before.
    pub fn apply(&mut self, name: &str, value: &str) {
        self.option_errors.retain(|(option, _)| option != name);
        match name {
            "lang" => match Lang::from_tag(value) {
                Some(lang) => self.lang = lang,
                None => self.option_error(name, value, "zh-CN, en"),
            },
            "large_text" | "large-text" => match flag(value) {
                Some(on) => self.large_text = on,
                None => self.option_error(name, value, "1, 0"),
            },
            "compact" => match flag(value) {
                Some(on) => self.compact = on,
                None => self.option_error(name, value, "1, 0"),
            },
            "rules" => match value.trim() {
                "" | "builtin" => self.rules = None,
                id => {
                    let version = self.rules.take().map(|(_, v)| v).unwrap_or_default();
                    self.rules = Some((id.to_string(), version));
                }
            },
            "rules_version" => {
                let id = self.rules.take().map(|(id, _)| id).unwrap_or_default();
                self.rules = Some((id, value.trim().to_string()));
            }
            "view" => match value.trim() {
                "" | "calculator" => self.view = View::Calculator,
                "compare" => self.view = View::Compare,
                _ => self.option_error(name, value, "calculator, compare"),
            },
            "mode" => match value.trim() {
                "plan" => self.mode = Mode::Plan,
                "check" => self.mode = Mode::Check,
                _ => self.option_error(name, value, "plan, check"),
            },
            _ => match Key::form_field(name) {
                Some(key) => self.set(key, value),
                None => {
                    let shown: String = name.chars().take(40).collect();
                    let error = FieldError {
                        field: crate::fields::Id::Options,
                        code: crate::input::ErrorCode::UnknownOption,
                        message: format!(
                            "The link or page gave an option \"{shown}\" that this calculator does not know; it was ignored"
                        ),
                        message_zh: format!("链接或页面提供了无法识别的参数“{shown}”，已忽略"),
                    };
                    self.option_errors.push((name.to_string(), error));
                }
            },
        }
    }

    /// Applies one option as the host gave it: its text, or the problem that kept it out (a value that
    /// could not be read, text too long to take, a rule pack that did not load); what is already in the
    /// field stays.
    pub fn apply_option(&mut self, name: &str, value: &Result<String, FieldError>) {
        match value {
            Ok(text) => self.apply(name, text),
            Err(problem) => {
                self.option_errors.retain(|(option, _)| option != name);
                self.option_errors.push((name.to_string(), problem.clone()));
            }
        }
    }

    fn option_error(&mut self, name: &str, value: &str, allowed: &str) {
        let shown: String = value.chars().take(40).collect();
        let error = FieldError {
            field: crate::fields::Id::Options,
            code: crate::input::ErrorCode::UnknownValue,
            message: format!(
                "Option {name}=\"{shown}\" is not one we know (use {allowed}); it was ignored"
            ),
            message_zh: format!("参数 {name}=“{shown}”无法识别（可用 {allowed}），已忽略"),
        };
        self.option_errors.push((name.to_string(), error));
    }

    /// Builds the form from a link's query parameters (already percent-decoded), in order.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Form {
        let mut form = Form::default();
        for (name, value) in pairs {
            form.apply(name, value);
        }
        form
    }

    /// The query parameters that reproduce this state; empty fields and defaults are left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> = Key::FORM
            .into_iter()
            .filter(|k| !self.get(*k).is_empty())
            .map(|k| (k.name(), self.get(k).to_string()))
            .collect();
        if self.lang != Lang::Zh {
            pairs.push(("lang", self.lang.tag().to_string()));
        }
        if self.large_text {
            pairs.push(("large_text", "1".to_string()));
        }
        if self.mode == Mode::Check {
            pairs.push(("mode", "check".to_string()));
        }
        if self.compact {
            pairs.push(("compact", "1".to_string()));
        }
        if let Some((id, version)) = &self.rules {
            pairs.push(("rules", id.clone()));
            pairs.push(("rules_version", version.clone()));
        }
        if self.view == View::Compare {
            pairs.push(("view", "compare".to_string()));
        }
        pairs
    }
}

fn flag(value: &str) -> Option<bool> {
    match value.trim() {
        "" | "1" | "true" | "on" | "yes" | "large-text" | "compact" => Some(true),
        "0" | "false" | "off" | "no" => Some(false),
        _ => None,
    }
}
