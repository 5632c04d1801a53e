//! Evaluation: validated inputs → the outputs of SPEC §6, under a ruleset passed in as a value. Plain Rust
//! with no web dependency; every number comes from the ruleset.
//!
//! Numbers and words are apart: [`figures`] works out every figure, status and verdict and builds no
//! string (what the batch checker and the comparison view call); [`evaluate`] adds the explanation — titles,
//! quotes, the formulas with the numbers filled in, the reasons — for the API and the widget.

use crate::fields::Id;
use crate::input::Community;
use crate::input::{Input, Planned, TOLERANCE_M2};
use crate::number::format_number as num;
use crate::rules::kinds::{Basis, Check, Feeds, Total};
use crate::rules::{Construction, Figure, Level, Rule, RuleKind, Ruleset, RulesetTag, Str, Txt};
use crate::text::{Text, lowercase_first};
use serde::Serialize;
use std::ops::Deref;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotApplicable,
    NeedsInput,
    Applies,
    Pass,
    Fail,
    Info,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    Incomplete,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleStatus {
    Below,
    Within,
    Above,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Formation {
    Due,
    NotYet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Scale {
    pub min_households: u32,
    pub max_households: u32,
    pub status: ScaleStatus,
    pub suggested_communities: u32,
}

/// One rule's numbers for these inputs: no text.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RuleFigures {
    /// Index into `Ruleset::rules`.
    #[serde(skip)]
    pub rule: usize,
    pub status: Status,
    pub governing: bool,
    /// The rule's own number: m² for areas, the fraction for shares, a count, yuan; the lower end of a range.
    pub figure: Option<f64>,
    /// The upper end, for the rules that give a range (staff, community scale).
    pub figure_max: Option<f64>,
    /// The planned value compared with the figure.
    pub actual: Option<f64>,
    /// The limit in m² the planned value is held to (for shares: share × area basis).
    pub limit_m2: Option<f64>,
    /// Surplus (positive) or shortfall (negative) against the limit, in m², when checked.
    pub margin_m2: Option<f64>,
    #[serde(skip)]
    outcome: Outcome,
}

/// The top-level figures of SPEC §6 and every applied rule's numbers: what a caller that shows no
/// explanation needs. Built without a single string.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    pub required_area_m2: Option<f64>,
    /// The smallest applicable ceiling on the total (`maximum_area`).
    pub max_area_m2: Option<f64>,
    /// The largest applicable recommended minimum (`"level": "recommended"`): a target, never a failure.
    pub recommended_area_m2: Option<f64>,
    /// The documents conflict: the ceiling on the total is below the required area, so no design passes.
    pub area_conflict: bool,
    pub area_basis_m2: Option<f64>,
    pub office_max_share: Option<f64>,
    pub office_max_m2: Option<f64>,
    pub activity_min_share: Option<f64>,
    pub activity_min_m2: Option<f64>,
    /// The governing shares as the pack writes them (12.5 for 12.5 %): the exact figures that
    /// [`share_of_total`] turns into m² for any total (the `_share` fractions are these ÷ 100, which × 100 does not always give back exactly).
    #[serde(skip)]
    pub office_max_percent: Option<f64>,
    #[serde(skip)]
    pub activity_min_percent: Option<f64>,
    pub staff_min: Option<u64>,
    pub staff_max: Option<u64>,
    pub volunteers_min: Option<u64>,
    pub social_orgs_min: Option<u64>,
    pub scale: Option<Scale>,
    pub rc_formation: Option<Formation>,
    pub funding_cny: Option<u64>,
    pub verdict: Option<Verdict>,
    /// One entry per rule of the documents applied, in the pack's order.
    #[serde(skip)]
    pub rules: Vec<RuleFigures>,
}

impl Figures {
    /// No figure at all (an input of another ruleset).
    fn none() -> Figures {
        Figures {
            required_area_m2: None,
            max_area_m2: None,
            recommended_area_m2: None,
            area_conflict: false,
            area_basis_m2: None,
            office_max_share: None,
            office_max_m2: None,
            activity_min_share: None,
            activity_min_m2: None,
            office_max_percent: None,
            activity_min_percent: None,
            staff_min: None,
            staff_max: None,
            volunteers_min: None,
            social_orgs_min: None,
            scale: None,
            rc_formation: None,
            funding_cny: None,
            verdict: None,
            rules: Vec::new(),
        }
    }
}

/// One rule's outcome with its explanation (`rules[]` of SPEC §6).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleResult {
    pub id: Str,
    pub doc: Str,
    pub kind: RuleKind,
    pub level: Level,
    #[serde(flatten)]
    pub figures: RuleFigures,
    pub title_zh: Str,
    pub title_en: Str,
    /// The document's short title, for citing it by name (《…》), and its full title.
    pub doc_title_zh: Str,
    pub doc_title_en: Str,
    pub doc_full_title: Str,
    pub section: Str,
    pub quote: Str,
    pub draft: bool,
    pub scope_zh: Str,
    pub scope_en: Str,
    /// The formula with the numbers filled in; absent where the rule does not apply or lacks an input.
    pub formula_zh: Option<String>,
    pub formula_en: Option<String>,
    /// Why the rule gives no figure: out of scope, or an input missing.
    pub reason_zh: Option<String>,
    pub reason_en: Option<String>,
    pub note_zh: Option<Str>,
    pub note_en: Option<Str>,
}

impl Deref for RuleResult {
    type Target = RuleFigures;
    fn deref(&self) -> &RuleFigures {
        &self.figures
    }
}

/// The outputs of SPEC §6 with their explanation, plus an echo of the inputs so a result can be reported on
/// its own. Its figures are reached through `Deref` (`evaluation.required_area_m2`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub jurisdiction: Str,
    pub documents: Vec<Str>,
    pub settlement: Str,
    pub construction: Construction,
    pub programme: Str,
    pub households: u32,
    pub population: Option<u32>,
    pub occupied_households: Option<u32>,
    pub residential_floor_area_m2: Option<f64>,
    pub planned: Planned,
    pub ruleset_version: Str,
    pub ruleset: RulesetTag,
    /// What the ids above are called, in both languages (the community type as this jurisdiction names it).
    pub names: Names,
    #[serde(flatten)]
    pub figures: Figures,
    pub rules: Vec<RuleResult>,
}

/// The display names of an evaluation's jurisdiction, community type and programme.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Names {
    pub jurisdiction: Txt,
    pub settlement: Txt,
    pub programme: Txt,
}

impl Deref for Evaluation {
    type Target = Figures;
    fn deref(&self) -> &Figures {
        &self.figures
    }
}

/// What a rule gives for these inputs before anything is compared.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    OutOfScope,
    /// In scope, but the named input is missing.
    Missing(Text),
    Area(f64),
    Share {
        percent: f64,
    },
    /// People (staff, volunteers) or communities: 64 bits, so no figure a pack can give is cut short.
    Count(u64),
    StaffRange {
        min: u32,
        max: u32,
        allowance: u32,
    },
    Scale(Scale),
    Formation(Formation),
    Yuan(u32),
    Statement,
}

/// The input a rule waits for, as its reason names it: the registry's label and noun.
const fn waiting_for(id: Id) -> Text {
    let field = id.field();
    Text {
        zh: field.label.zh,
        en: field.noun_en,
    }
}
const POPULATION: Text = waiting_for(Id::Population);
const OCCUPIED: Text = waiting_for(Id::OccupiedHouseholds);
const RESIDENTIAL_FLOOR_AREA: Text = waiting_for(Id::ResidentialFloorAreaM2);

/// What a tiered figure's steps are measured against for this community, or the input it waits for.
fn basis_value(basis: Basis, c: &Community) -> Result<f64, Text> {
    match basis {
        Basis::Households => Ok(f64::from(c.households)),
        Basis::Population => c.population.map(f64::from).ok_or(POPULATION),
        Basis::ResidentialFloorArea => c.residential_floor_area_m2.ok_or(RESIDENTIAL_FLOOR_AREA),
    }
}

/// The tier that applies at `value`: the first whose `up_to` is at least it; the last has no bound.
pub fn tier_at(tiers: &[(Option<f64>, Figure)], value: f64) -> Option<usize> {
    tiers
        .iter()
        .position(|(up_to, _)| up_to.is_none_or(|bound| value <= bound))
}

/// An area figure's m² for this community (`Err`: the input it waits for); `None` for other figures.
fn area(figure: &Figure, c: &Community) -> Option<Result<f64, Text>> {
    Some(match figure {
        Figure::AreaPerHundredHouseholds { m2_per_100 } => {
            Ok(m2_per_100 * f64::from(c.households) / 100.0)
        }
        Figure::FixedArea { m2 } => Ok(*m2),
        Figure::PerPopulationArea { m2, per } => c
            .population
            .map(|pop| m2 * f64::from(pop) / f64::from(*per))
            .ok_or(POPULATION),
        Figure::Tiers { basis, tiers } => match basis_value(*basis, c) {
            Ok(value) => {
                return tiers
                    .get(tier_at(tiers, value)?)
                    .and_then(|(_, f)| area(f, c));
            }
            Err(waiting) => Err(waiting),
        },
        _ => return None,
    })
}

/// ⌈a / b⌉ in integers (SPEC §5).
fn ceil_div(a: u64, b: u64) -> u64 {
    a.div_ceil(b)
}

fn outcome(rule: &Rule, input: &Input) -> Outcome {
    let c = &input.community;
    if !rule.in_scope(c.settlement, c.construction, input.regime.programme) {
        return Outcome::OutOfScope;
    }
    let hh = u64::from(c.households);
    match &rule.figure {
        Figure::AreaPerHundredHouseholds { .. }
        | Figure::FixedArea { .. }
        | Figure::PerPopulationArea { .. }
        | Figure::Tiers { .. } => match area(&rule.figure, c) {
            Some(Ok(m2)) => Outcome::Area(m2),
            Some(Err(waiting)) => Outcome::Missing(waiting),
            None => Outcome::OutOfScope,
        },
        Figure::ShareOfTotal { percent } => Outcome::Share { percent: *percent },
        Figure::PerPopulation { per, unit } => match c.population {
            Some(pop) => {
                Outcome::Count(ceil_div(u64::from(*per) * u64::from(pop), u64::from(*unit)))
            }
            None => Outcome::Missing(POPULATION),
        },
        Figure::StaffRange {
            usual_min,
            usual_max,
            households_per_person,
            cap,
        } => {
            let allowance = (hh / u64::from(*households_per_person)) as u32;
            Outcome::StaffRange {
                min: *usual_min,
                max: allowance.max(*usual_max).min(*cap),
                allowance,
            }
        }
        Figure::HouseholdsRange(ranges) => {
            match ranges.iter().find(|(set, _, _)| set.has(c.settlement)) {
                Some(&(_, min, max)) => Outcome::Scale(Scale {
                    min_households: min,
                    max_households: max,
                    status: if c.households < min {
                        ScaleStatus::Below
                    } else if c.households > max {
                        ScaleStatus::Above
                    } else {
                        ScaleStatus::Within
                    },
                    suggested_communities: ceil_div(hh, u64::from(max).max(1)).max(1) as u32,
                }),
                None => Outcome::OutOfScope,
            }
        }
        Figure::CountBySettlement(counts) => {
            match counts.iter().find(|(set, _)| set.has(c.settlement)) {
                Some(&(_, count)) => Outcome::Count(u64::from(count)),
                None => Outcome::OutOfScope,
            }
        }
        Figure::YuanByProgramme(amounts) => {
            match amounts.iter().find(|(p, _)| *p == input.regime.programme) {
                Some(&(_, yuan)) => Outcome::Yuan(yuan),
                None => Outcome::OutOfScope,
            }
        }
        Figure::OccupancyShare { percent, .. } => match c.occupied_households {
            Some(occupied) if u64::from(occupied) * 100 >= hh * u64::from(*percent) => {
                Outcome::Formation(Formation::Due)
            }
            Some(_) => Outcome::Formation(Formation::NotYet),
            None => Outcome::Missing(OCCUPIED),
        },
        Figure::Statement { .. } => Outcome::Statement,
    }
}

impl Outcome {
    /// The one number a rule gives, for the kinds that feed a top-level figure by it.
    fn number(self) -> Option<f64> {
        match self {
            Outcome::Area(m2) => Some(m2),
            Outcome::Share { percent } => Some(percent),
            Outcome::Count(n) => Some(n as f64),
            Outcome::Yuan(n) => Some(f64::from(n)),
            _ => None,
        }
    }
}

/// The top-level figures, gathered from the outcomes of the applicable rules as the kind table says.
#[derive(Default)]
struct Totals {
    numbers: [Option<f64>; Total::COUNT],
    scale: Option<Scale>,
    rc_formation: Option<Formation>,
}

fn max_of<T: PartialOrd + Copy>(current: Option<T>, value: T) -> Option<T> {
    Some(match current {
        Some(c) if c >= value => c,
        _ => value,
    })
}

fn min_of<T: PartialOrd + Copy>(current: Option<T>, value: T) -> Option<T> {
    Some(match current {
        Some(c) if c <= value => c,
        _ => value,
    })
}

impl Totals {
    fn get(&self, total: Total) -> Option<f64> {
        self.numbers[total as usize]
    }
    /// A count total: whole, and exact in an f64 (below 2^53: at most 10^6 × the largest population).
    fn count(&self, total: Total) -> Option<u64> {
        self.get(total).map(|n| n as u64)
    }

    fn add(&mut self, feeds: Feeds, outcome: Outcome) {
        let n = &mut self.numbers;
        match (feeds, outcome) {
            (Feeds::Largest(total), _) => {
                if let Some(value) = outcome.number() {
                    n[total as usize] = max_of(n[total as usize], value);
                }
            }
            (Feeds::Smallest(total), _) => {
                if let Some(value) = outcome.number() {
                    n[total as usize] = min_of(n[total as usize], value);
                }
            }
            (Feeds::Range(lo, hi), Outcome::StaffRange { min, max, .. }) => {
                n[lo as usize] = max_of(n[lo as usize], f64::from(min));
                n[hi as usize] = min_of(n[hi as usize], f64::from(max));
            }
            (Feeds::Scale, Outcome::Scale(scale)) => self.scale = Some(scale),
            (Feeds::Formation, Outcome::Formation(f)) => self.rc_formation = Some(f),
            _ => {}
        }
    }

    /// Whether a rule's figure is the one that governs its top-level figure (ties all govern).
    fn governed_by(&self, feeds: Feeds, outcome: Outcome) -> bool {
        match (feeds, outcome) {
            (Feeds::Largest(total) | Feeds::Smallest(total), _) => {
                outcome.number().is_some() && self.get(total) == outcome.number()
            }
            (Feeds::Range(lo, hi), Outcome::StaffRange { min, max, .. }) => {
                self.get(lo) == Some(f64::from(min)) || self.get(hi) == Some(f64::from(max))
            }
            (Feeds::Scale, Outcome::Scale(s)) => self.scale == Some(s),
            (Feeds::Formation, Outcome::Formation(f)) => self.rc_formation == Some(f),
            _ => false,
        }
    }
}

/// `percent × basis / 100`, in that order so 15 % of 420 is exactly 63: the one way a share becomes m²,
/// for the engine's limits and the fix plan's.
pub fn share_of_total(percent: f64, basis: f64) -> f64 {
    percent * basis / 100.0
}

/// Works out every figure, status and verdict for one community under one regime of `set`. Builds no text.
pub fn figures(set: &Ruleset, input: &Input) -> Figures {
    if !input.is_for(set) {
        // Validated under another ruleset: its indices mean nothing here.
        return Figures::none();
    }
    let jurisdiction = &set.jurisdictions[input.regime.jurisdiction];
    // One allocation: each rule's outcome first, its status and figures once the totals are known.
    let mut rules: Vec<RuleFigures> = jurisdiction
        .rules
        .iter()
        .map(|&i| RuleFigures {
            rule: i,
            status: Status::NotApplicable,
            governing: false,
            figure: None,
            figure_max: None,
            actual: None,
            limit_m2: None,
            margin_m2: None,
            outcome: outcome(&set.rules[i], input),
        })
        .collect();

    let mut totals = Totals::default();
    for r in &rules {
        totals.add(set.rules[r.rule].feeds(), r.outcome);
    }
    let required_area_m2 = totals.get(Total::RequiredArea);
    let max_area_m2 = totals.get(Total::MaxArea);
    let office_max_percent = totals.get(Total::OfficeMaxPercent);
    let activity_min_percent = totals.get(Total::ActivityMinPercent);
    let planned = input.community.planned;
    let area_basis_m2 = planned.total_m2.or(required_area_m2);

    for r in &mut rules {
        let rule = &set.rules[r.rule];
        let outcome = r.outcome;
        (r.status, r.actual, r.limit_m2, r.margin_m2) = match outcome {
            Outcome::OutOfScope => (Status::NotApplicable, None, None, None),
            Outcome::Missing(_) => (Status::NeedsInput, None, None, None),
            _ => check(rule, outcome, input, area_basis_m2),
        };
        (r.figure, r.figure_max) = match outcome {
            Outcome::Area(m2) => (Some(m2), None),
            Outcome::Share { percent } => (Some(percent / 100.0), None),
            Outcome::Count(n) => (Some(n as f64), None),
            Outcome::Yuan(n) => (Some(f64::from(n)), None),
            Outcome::StaffRange { min, max, .. } => (Some(f64::from(min)), Some(f64::from(max))),
            Outcome::Scale(s) => (
                Some(f64::from(s.min_households)),
                Some(f64::from(s.max_households)),
            ),
            Outcome::OutOfScope
            | Outcome::Missing(_)
            | Outcome::Formation(_)
            | Outcome::Statement => (None, None),
        };
        r.governing = totals.governed_by(rule.feeds(), outcome);
    }

    let verdict = planned.total_m2.map(|_| {
        let unchecked_share = rules.iter().any(|r| {
            let rule = &set.rules[r.rule];
            matches!(
                rule.kind.def().check,
                Check::OfficeAtMost | Check::ActivityAtLeast
            ) && rule.level == Level::Required
                && r.status == Status::Applies
        });
        if rules.iter().any(|r| r.status == Status::Fail) {
            Verdict::Fail
        } else if unchecked_share {
            Verdict::Incomplete
        } else {
            Verdict::Pass
        }
    });

    let fraction = |percent: Option<f64>| percent.map(|p| p / 100.0);
    let of_basis = |percent: Option<f64>| {
        percent
            .zip(area_basis_m2)
            .map(|(p, basis)| share_of_total(p, basis))
    };
    Figures {
        required_area_m2,
        max_area_m2,
        recommended_area_m2: totals.get(Total::RecommendedArea),
        area_conflict: required_area_m2
            .zip(max_area_m2)
            .is_some_and(|(least, most)| least > most + TOLERANCE_M2),
        area_basis_m2,
        office_max_share: fraction(office_max_percent),
        office_max_m2: of_basis(office_max_percent),
        activity_min_share: fraction(activity_min_percent),
        activity_min_m2: of_basis(activity_min_percent),
        office_max_percent,
        activity_min_percent,
        staff_min: totals.count(Total::StaffMin),
        staff_max: totals.count(Total::StaffMax),
        volunteers_min: totals.count(Total::VolunteersMin),
        social_orgs_min: totals.count(Total::SocialOrgsMin),
        scale: totals.scale,
        rc_formation: totals.rc_formation,
        funding_cny: totals.count(Total::Funding),
        verdict,
        rules,
    }
}

/// Validates raw inputs and evaluates them under a ruleset: the whole of SPEC's `evaluate`.
pub fn evaluate_raw(
    set: &Ruleset,
    raw: &crate::input::RawInput,
) -> Result<Evaluation, Vec<crate::input::FieldError>> {
    crate::input::validate(set, raw).map(|input| evaluate(set, &input))
}

/// The figures with their explanation: every rule's title, quote, formula and reason.
pub fn evaluate(set: &Ruleset, input: &Input) -> Evaluation {
    let figures = figures(set, input);
    explain(set, input, figures)
}

/// Adds the words to figures worked out by [`figures`] for the same input. An input validated under another
/// ruleset gets its own echo and nothing more (no names, no rules, no figures), never a panic or an answer
/// read through indices that mean other things.
pub fn explain(set: &Ruleset, input: &Input, figures: Figures) -> Evaluation {
    let c = &input.community;
    let (figures, jurisdiction, documents, settlement, programme, names) = if input.is_for(set) {
        let jurisdiction = &set.jurisdictions[input.regime.jurisdiction];
        let programme = &set.programmes[input.regime.programme];
        let names = Names {
            jurisdiction: jurisdiction.name.clone(),
            settlement: jurisdiction
                .settlements
                .iter()
                .find(|o| o.settlement == c.settlement)
                .map_or(&set.settlements[c.settlement].name, |o| &o.name)
                .clone(),
            programme: programme.name.clone(),
        };
        let documents = jurisdiction
            .documents
            .iter()
            .map(|d| set.documents[*d].id.clone())
            .collect();
        (
            figures,
            jurisdiction.id.clone(),
            documents,
            set.settlements[c.settlement].id.clone(),
            programme.id.clone(),
            names,
        )
    } else {
        let none = Str::default;
        (
            Figures::none(),
            none(),
            Vec::new(),
            none(),
            none(),
            Names::default(),
        )
    };
    let rules = figures
        .rules
        .iter()
        .map(|f| rule_result(set, input, f, figures.area_basis_m2))
        .collect();
    Evaluation {
        jurisdiction,
        documents,
        settlement,
        construction: c.construction,
        programme,
        households: c.households,
        population: c.population,
        occupied_households: c.occupied_households,
        residential_floor_area_m2: c.residential_floor_area_m2,
        planned: c.planned,
        ruleset_version: set.version.clone(),
        ruleset: set.tag(),
        names,
        figures,
        rules,
    }
}

/// A comparison with the planned design: (status, actual, limit, margin).
type Compared = (Status, Option<f64>, Option<f64>, Option<f64>);

fn check(rule: &Rule, outcome: Outcome, input: &Input, area_basis_m2: Option<f64>) -> Compared {
    let compared = compare(rule, outcome, input, area_basis_m2);
    match (rule.level, compared) {
        // A recommendation met passes; one missed is said, and never fails the design.
        (Level::Recommended, (Status::Fail, actual, limit, margin)) => {
            (Status::Info, actual, limit, margin)
        }
        _ => compared,
    }
}

fn compare(rule: &Rule, outcome: Outcome, input: &Input, area_basis_m2: Option<f64>) -> Compared {
    let planned = input.community.planned;
    match (rule.kind.def().check, outcome) {
        (Check::TotalAtMost, Outcome::Area(maximum)) => match planned.total_m2 {
            Some(total) => {
                let status = if total <= maximum + TOLERANCE_M2 {
                    Status::Pass
                } else {
                    Status::Fail
                };
                (status, Some(total), Some(maximum), Some(maximum - total))
            }
            None => (Status::Applies, None, Some(maximum), None),
        },
        (Check::TotalAtLeast, Outcome::Area(minimum)) => match planned.total_m2 {
            Some(total) => {
                let status = if total + TOLERANCE_M2 >= minimum {
                    Status::Pass
                } else {
                    Status::Fail
                };
                (status, Some(total), Some(minimum), Some(total - minimum))
            }
            None => (Status::Applies, None, Some(minimum), None),
        },
        (Check::OfficeAtMost, Outcome::Share { percent }) => {
            let limit = area_basis_m2.map(|basis| share_of_total(percent, basis));
            match (planned.total_m2, planned.office_m2, limit) {
                (Some(_), Some(office), Some(limit)) => {
                    let status = if office <= limit + TOLERANCE_M2 {
                        Status::Pass
                    } else {
                        Status::Fail
                    };
                    (status, Some(office), Some(limit), Some(limit - office))
                }
                _ => (Status::Applies, None, limit, None),
            }
        }
        (Check::ActivityAtLeast, Outcome::Share { percent }) => {
            let limit = area_basis_m2.map(|basis| share_of_total(percent, basis));
            match (planned.total_m2, planned.activity_m2, limit) {
                (Some(_), Some(activity), Some(limit)) => {
                    let status = if activity + TOLERANCE_M2 >= limit {
                        Status::Pass
                    } else {
                        Status::Fail
                    };
                    (status, Some(activity), Some(limit), Some(activity - limit))
                }
                _ => (Status::Applies, None, limit, None),
            }
        }
        _ => (Status::Info, None, None, None),
    }
}

fn rule_result(
    set: &Ruleset,
    input: &Input,
    f: &RuleFigures,
    area_basis_m2: Option<f64>,
) -> RuleResult {
    let rule = &set.rules[f.rule];
    let doc = &set.documents[rule.doc];
    let formula = formula(set, rule, f.outcome, input, area_basis_m2);
    let reason = match f.outcome {
        Outcome::OutOfScope => Some((
            format!("不适用：本条仅适用于{}", rule.scope.text.zh),
            format!(
                "Does not apply: only for {}",
                lowercase_first(&rule.scope.text.en)
            ),
        )),
        Outcome::Missing(what) => Some((
            format!("需要填写{}才能计算", what.zh),
            format!("Needs {} to work out", what.en),
        )),
        _ => None,
    };
    let (formula_zh, formula_en) = formula.unzip();
    let (reason_zh, reason_en) = reason.unzip();
    RuleResult {
        id: rule.id.clone(),
        doc: doc.id.clone(),
        kind: rule.kind,
        level: rule.level,
        figures: *f,
        title_zh: rule.title.zh.clone(),
        title_en: rule.title.en.clone(),
        doc_title_zh: doc.short_title.zh.clone(),
        doc_title_en: doc.short_title.en.clone(),
        doc_full_title: doc.title.clone(),
        section: rule.section.clone(),
        quote: rule.quote.clone(),
        draft: doc.draft(),
        scope_zh: rule.scope.text.zh.clone(),
        scope_en: rule.scope.text.en.clone(),
        formula_zh,
        formula_en,
        reason_zh,
        reason_en,
        note_zh: rule.note.as_ref().map(|n| n.zh.clone()),
        note_en: rule.note.as_ref().map(|n| n.en.clone()),
    }
}

/// An area figure's formula, this community's numbers filled in: (zh, en).
fn area_formula(rule: &Rule, figure: &Figure, m2: f64, c: &Community) -> Option<(String, String)> {
    let hh = num(f64::from(c.households));
    let at_most = rule.kind.def().check == Check::TotalAtMost;
    Some(match figure {
        Figure::AreaPerHundredHouseholds { m2_per_100 } => {
            let rate = num(*m2_per_100);
            (
                format!("{hh} 户 ÷ 100 × {rate} m² = {} m²", num(m2)),
                format!("{hh} households ÷ 100 × {rate} m² = {} m²", num(m2)),
            )
        }
        Figure::FixedArea { .. } if at_most => (
            format!("总面积不超过 {} m²", num(m2)),
            format!("Total at most {} m²", num(m2)),
        ),
        Figure::FixedArea { .. } => (
            format!("总面积不低于 {} m²", num(m2)),
            format!("Total at least {} m²", num(m2)),
        ),
        Figure::PerPopulationArea { m2: rate, per } => {
            let pop = num(f64::from(c.population?));
            let (rate, per) = (num(*rate), num(f64::from(*per)));
            (
                format!("{pop} 人 ÷ {per} × {rate} m² = {} m²", num(m2)),
                format!("{pop} residents ÷ {per} × {rate} m² = {} m²", num(m2)),
            )
        }
        Figure::Tiers { basis, tiers } => {
            let value = basis_value(*basis, c).ok()?;
            let i = tier_at(tiers, value)?;
            let unit = basis.unit();
            let bound = |j: usize| tiers.get(j).and_then(|(b, _)| *b).map(num);
            let (tier_zh, tier_en) = match (i.checked_sub(1).and_then(bound), bound(i)) {
                (None, Some(hi)) => (
                    format!("{hi} {}及以下一档", unit.zh),
                    format!("the tier up to {hi} {}", unit.en),
                ),
                (Some(lo), Some(hi)) => (
                    format!("{lo}–{hi} {}一档", unit.zh),
                    format!("the tier over {lo} and up to {hi} {}", unit.en),
                ),
                (Some(lo), None) => (
                    format!("{lo} {}以上一档", unit.zh),
                    format!("the tier over {lo} {}", unit.en),
                ),
                (None, None) => ("唯一一档".to_string(), "the only tier".to_string()),
            };
            let (inner_zh, inner_en) = area_formula(rule, &tiers[i].1, m2, c)?;
            let v = num(value);
            (
                format!("{v} {}，属于 {tier_zh}：{inner_zh}", unit.zh),
                format!("{v} {}: {tier_en}; {inner_en}", unit.en),
            )
        }
        _ => return None,
    })
}

/// The rule's formula in words and numbers a non-engineer reads, this community's numbers filled in: (zh, en).
fn formula(
    set: &Ruleset,
    rule: &Rule,
    outcome: Outcome,
    input: &Input,
    area_basis_m2: Option<f64>,
) -> Option<(String, String)> {
    let c = &input.community;
    let hh = num(f64::from(c.households));
    // The community type as this jurisdiction names it.
    let settlement = set.jurisdictions[input.regime.jurisdiction]
        .settlements
        .iter()
        .find(|o| o.settlement == c.settlement)
        .map_or(&set.settlements[c.settlement].name, |o| &o.name);
    Some(match (&rule.figure, outcome) {
        (_, Outcome::Area(m2)) => area_formula(rule, &rule.figure, m2, c)?,
        (Figure::ShareOfTotal { percent }, Outcome::Share { .. }) => {
            let ceiling = rule.kind == RuleKind::OfficeCeiling;
            let (what_zh, what_en, sign) = if ceiling {
                (Id::OfficeM2.field().short_label.zh, "Office", "≤")
            } else {
                let activity = Id::ActivityM2.field().short_label;
                (activity.zh, activity.en, "≥")
            };
            let basis = area_basis_m2.unwrap_or(0.0);
            let planned = c.planned.total_m2.is_some();
            let basis_zh = if planned {
                "规划总面积"
            } else {
                "应建面积"
            };
            let basis_en = if planned {
                "planned total"
            } else {
                "required area"
            };
            let (p, b, limit) = (
                num(*percent),
                num(basis),
                num(share_of_total(*percent, basis)),
            );
            (
                format!("{what_zh} {sign} {p}% × {basis_zh} {b} m² = {limit} m²"),
                format!("{what_en} {sign} {p}% × {basis_en} {b} m² = {limit} m²"),
            )
        }
        (Figure::PerPopulation { per, unit }, Outcome::Count(n)) => {
            let pop = c.population.unwrap_or(0);
            let exact = f64::from(*per) * f64::from(pop) / f64::from(*unit);
            let (pop, unit, exact, n) = (
                num(f64::from(pop)),
                num(f64::from(*unit)),
                num(exact),
                num(n as f64),
            );
            if exact == n {
                (
                    format!("{pop} 人 × {per} ÷ {unit} = {n} 人"),
                    format!("{pop} people × {per} ÷ {unit} = {n} people"),
                )
            } else {
                (
                    format!("{pop} 人 × {per} ÷ {unit} = {exact}，向上取整为 {n} 人"),
                    format!("{pop} people × {per} ÷ {unit} = {exact}, rounded up to {n} people"),
                )
            }
        }
        (
            Figure::StaffRange {
                households_per_person,
                usual_max,
                cap,
                ..
            },
            Outcome::StaffRange {
                min,
                max,
                allowance,
            },
        ) => {
            let exact = f64::from(c.households) / f64::from(*households_per_person);
            let (per, exact_text) = (num(f64::from(*households_per_person)), num(exact));
            let (cut_zh, cut_en) = if exact.fract() == 0.0 {
                (String::new(), String::new())
            } else {
                (
                    format!("，只计整人为 {allowance} 人"),
                    format!(", whole people only: {allowance}"),
                )
            };
            (
                format!(
                    "一般 {min}–{usual_max} 人；按每 {per} 户 1 人：{hh} 户 ÷ {per} = {exact_text}{cut_zh}；不少于 {usual_max} 人、不超过 {cap} 人 → {min}–{max} 人"
                ),
                format!(
                    "Usually {min}–{usual_max}; at 1 per {per} households: {hh} ÷ {per} = {exact_text}{cut_en}; at least {usual_max} and at most {cap} → {min}–{max} staff"
                ),
            )
        }
        (Figure::HouseholdsRange(_), Outcome::Scale(s)) => {
            let (lo, hi) = (
                num(f64::from(s.min_households)),
                num(f64::from(s.max_households)),
            );
            let n = s.suggested_communities;
            let (where_zh, where_en) = match s.status {
                ScaleStatus::Below => ("低于下限", "below the range"),
                ScaleStatus::Within => ("在范围内", "within the range"),
                ScaleStatus::Above => ("超出上限", "above the range"),
            };
            (
                format!(
                    "{}每个社区 {lo}–{hi} 户；本社区 {hh} 户，{where_zh}；{hh} 户 ÷ {hi} 户/社区，向上取整，至少 1 个 = 建议设 {n} 个社区",
                    settlement.zh
                ),
                format!(
                    "{lo}–{hi} households per community for this type; {hh} households is {where_en}; {hh} ÷ {hi} per community, rounded up, at least 1 = {n} suggested"
                ),
            )
        }
        (Figure::CountBySettlement(_), Outcome::Count(n)) => (
            format!("{}至少 {n} 个社区社会组织", settlement.zh),
            format!(
                "At least {n} community social organisations for a {}",
                lowercase_first(&settlement.en)
            ),
        ),
        (Figure::YuanByProgramme(_), Outcome::Yuan(yuan)) => {
            let programme = &set.programmes[input.regime.programme].name;
            (
                format!("{}支持 {} 元", programme.zh, num(f64::from(yuan))),
                format!("{}: ¥{} support", programme.en, num(f64::from(yuan))),
            )
        }
        (
            Figure::OccupancyShare {
                percent,
                due,
                not_yet,
            },
            Outcome::Formation(f),
        ) => {
            let occupied = c.occupied_households.unwrap_or(0);
            let rate = num(f64::from(occupied) * 100.0 / f64::from(c.households));
            let threshold = num(f64::from(*percent));
            let occ = num(f64::from(occupied));
            match f {
                Formation::Due => (
                    format!(
                        "入住 {occ} 户 ÷ {hh} 户 = {rate}% ≥ {threshold}% → {}",
                        due.zh
                    ),
                    format!(
                        "{occ} of {hh} households moved in = {rate}% ≥ {threshold}% → {}",
                        due.en
                    ),
                ),
                Formation::NotYet => (
                    format!(
                        "入住 {occ} 户 ÷ {hh} 户 = {rate}% < {threshold}% → {}",
                        not_yet.zh
                    ),
                    format!(
                        "{occ} of {hh} households moved in = {rate}% < {threshold}% → {}",
                        not_yet.en
                    ),
                ),
            }
        }
        (Figure::Statement { statement }, Outcome::Statement) => {
            (statement.zh.to_string(), statement.en.to_string())
        }
        _ => return None,
    })
}
