//! Evaluation: validated inputs → the outputs of SPEC §6. Plain Rust with no web dependency; every number
//! comes from the rule tables in `standards.rs`.

use crate::input::{Input, TOLERANCE_M2};
use crate::number::format_number as num;
use crate::standards::{
    Figure, Programme, RULES, RULESET_VERSION, Rule, RuleKind, Settlement, Text, choice_info,
    document, settlement_info,
};
use serde::Serialize;

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

/// One rule's outcome for these inputs (`rules[]` of SPEC §6).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleResult {
    pub id: &'static str,
    pub doc: &'static str,
    pub kind: RuleKind,
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
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub section: &'static str,
    pub quote: &'static str,
    pub draft: bool,
    pub scope_zh: &'static str,
    pub scope_en: &'static str,
    /// The formula with the numbers filled in; absent where the rule does not apply or lacks an input.
    pub formula_zh: Option<String>,
    pub formula_en: Option<String>,
    /// Why the rule gives no figure: out of scope, or an input missing.
    pub reason_zh: Option<String>,
    pub reason_en: Option<String>,
    pub note_zh: Option<&'static str>,
    pub note_en: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PlannedEcho {
    pub total_m2: Option<f64>,
    pub office_m2: Option<f64>,
    pub activity_m2: Option<f64>,
}

/// The outputs of SPEC §6, plus an echo of the inputs so a result can be reported on its own.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub jurisdiction: &'static str,
    pub documents: Vec<&'static str>,
    pub settlement: Settlement,
    pub construction: crate::standards::Construction,
    pub programme: Programme,
    pub households: u32,
    pub population: Option<u32>,
    pub occupied_households: Option<u32>,
    pub planned: PlannedEcho,
    pub ruleset_version: &'static str,
    pub required_area_m2: Option<f64>,
    pub area_basis_m2: Option<f64>,
    pub office_max_share: Option<f64>,
    pub office_max_m2: Option<f64>,
    pub activity_min_share: Option<f64>,
    pub activity_min_m2: Option<f64>,
    pub staff_min: Option<u32>,
    pub staff_max: Option<u32>,
    pub volunteers_min: Option<u32>,
    pub social_orgs_min: Option<u32>,
    pub scale: Option<Scale>,
    pub rc_formation: Option<Formation>,
    pub funding_cny: Option<u32>,
    pub verdict: Option<Verdict>,
    pub rules: Vec<RuleResult>,
}

/// What a rule gives for these inputs before anything is compared.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    OutOfScope,
    /// In scope, but the named input is missing.
    Missing(Text),
    Area(f64),
    Share {
        percent: u32,
    },
    Count(u32),
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

const POPULATION: Text = Text {
    zh: "常住人口",
    en: "the resident population",
};
const OCCUPIED: Text = Text {
    zh: "已入住户数",
    en: "the households moved in",
};

/// ⌈a / b⌉ in integers (SPEC §5).
fn ceil_div(a: u64, b: u64) -> u64 {
    a.div_ceil(b)
}

fn outcome(rule: &Rule, input: &Input) -> Outcome {
    if !rule.in_scope(input.settlement, input.construction, input.programme) {
        return Outcome::OutOfScope;
    }
    let hh = u64::from(input.households);
    match rule.figure {
        Figure::AreaPerHundredHouseholds { m2_per_100 } => {
            Outcome::Area((u64::from(m2_per_100) * hh) as f64 / 100.0)
        }
        Figure::FixedArea { m2 } => Outcome::Area(f64::from(m2)),
        Figure::ShareOfTotal { percent } => Outcome::Share { percent },
        Figure::PerPopulation { per, unit } => match input.population {
            Some(pop) => {
                Outcome::Count(ceil_div(u64::from(per) * u64::from(pop), u64::from(unit)) as u32)
            }
            None => Outcome::Missing(POPULATION),
        },
        Figure::StaffRange {
            usual_min,
            usual_max,
            households_per_person,
            cap,
        } => {
            let allowance = (hh / u64::from(households_per_person)) as u32;
            Outcome::StaffRange {
                min: usual_min,
                max: allowance.max(usual_max).min(cap),
                allowance,
            }
        }
        Figure::HouseholdsRange(ranges) => match ranges
            .iter()
            .find(|(set, _, _)| set.has_settlement(input.settlement))
        {
            Some(&(_, min, max)) => Outcome::Scale(Scale {
                min_households: min,
                max_households: max,
                status: if input.households < min {
                    ScaleStatus::Below
                } else if input.households > max {
                    ScaleStatus::Above
                } else {
                    ScaleStatus::Within
                },
                suggested_communities: ceil_div(hh, u64::from(max)).max(1) as u32,
            }),
            None => Outcome::OutOfScope,
        },
        Figure::CountBySettlement(counts) => match counts
            .iter()
            .find(|(set, _)| set.has_settlement(input.settlement))
        {
            Some(&(_, count)) => Outcome::Count(count),
            None => Outcome::OutOfScope,
        },
        Figure::YuanByProgramme(amounts) => {
            match amounts.iter().find(|(p, _)| *p == input.programme) {
                Some(&(_, yuan)) => Outcome::Yuan(yuan),
                None => Outcome::OutOfScope,
            }
        }
        Figure::OccupancyShare {
            numerator,
            denominator,
        } => match input.occupied_households {
            Some(occupied)
                if u64::from(occupied) * u64::from(denominator) >= hh * u64::from(numerator) =>
            {
                Outcome::Formation(Formation::Due)
            }
            Some(_) => Outcome::Formation(Formation::NotYet),
            None => Outcome::Missing(OCCUPIED),
        },
        Figure::Statement => Outcome::Statement,
    }
}

/// The top-level figures, gathered from the outcomes of the applicable rules.
#[derive(Default)]
struct Totals {
    required_area_m2: Option<f64>,
    office_max_percent: Option<u32>,
    activity_min_percent: Option<u32>,
    staff_min: Option<u32>,
    staff_max: Option<u32>,
    volunteers_min: Option<u32>,
    social_orgs_min: Option<u32>,
    scale: Option<Scale>,
    rc_formation: Option<Formation>,
    funding_cny: Option<u32>,
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
    fn add(&mut self, kind: RuleKind, outcome: Outcome) {
        match (kind, outcome) {
            (RuleKind::MinimumArea, Outcome::Area(m2)) => {
                self.required_area_m2 = max_of(self.required_area_m2, m2)
            }
            (RuleKind::OfficeCeiling, Outcome::Share { percent }) => {
                self.office_max_percent = min_of(self.office_max_percent, percent)
            }
            (RuleKind::ActivityFloor, Outcome::Share { percent }) => {
                self.activity_min_percent = max_of(self.activity_min_percent, percent)
            }
            (RuleKind::MinimumStaff, Outcome::Count(n)) => {
                self.staff_min = max_of(self.staff_min, n)
            }
            (RuleKind::StaffRange, Outcome::StaffRange { min, max, .. }) => {
                self.staff_min = max_of(self.staff_min, min);
                self.staff_max = min_of(self.staff_max, max);
            }
            (RuleKind::MinimumVolunteers, Outcome::Count(n)) => {
                self.volunteers_min = max_of(self.volunteers_min, n)
            }
            (RuleKind::SocialOrganisations, Outcome::Count(n)) => {
                self.social_orgs_min = max_of(self.social_orgs_min, n)
            }
            (RuleKind::CommunityScale, Outcome::Scale(scale)) => self.scale = Some(scale),
            (RuleKind::CommitteeFormation, Outcome::Formation(f)) => self.rc_formation = Some(f),
            (RuleKind::Funding, Outcome::Yuan(yuan)) => {
                self.funding_cny = max_of(self.funding_cny, yuan)
            }
            _ => {}
        }
    }

    /// Whether a rule's figure is the one that governs its top-level figure (ties all govern).
    fn governed_by(&self, kind: RuleKind, outcome: Outcome) -> bool {
        match (kind, outcome) {
            (RuleKind::MinimumArea, Outcome::Area(m2)) => self.required_area_m2 == Some(m2),
            (RuleKind::OfficeCeiling, Outcome::Share { percent }) => {
                self.office_max_percent == Some(percent)
            }
            (RuleKind::ActivityFloor, Outcome::Share { percent }) => {
                self.activity_min_percent == Some(percent)
            }
            (RuleKind::MinimumStaff, Outcome::Count(n)) => self.staff_min == Some(n),
            (RuleKind::StaffRange, Outcome::StaffRange { min, max, .. }) => {
                self.staff_min == Some(min) || self.staff_max == Some(max)
            }
            (RuleKind::MinimumVolunteers, Outcome::Count(n)) => self.volunteers_min == Some(n),
            (RuleKind::SocialOrganisations, Outcome::Count(n)) => self.social_orgs_min == Some(n),
            (RuleKind::CommunityScale, Outcome::Scale(s)) => self.scale == Some(s),
            (RuleKind::CommitteeFormation, Outcome::Formation(f)) => self.rc_formation == Some(f),
            (RuleKind::Funding, Outcome::Yuan(yuan)) => self.funding_cny == Some(yuan),
            _ => false,
        }
    }
}

/// `percent × basis / 100`, in that order so 15 % of 420 is exactly 63.
fn share_of(percent: u32, basis: f64) -> f64 {
    f64::from(percent) * basis / 100.0
}

/// Evaluates every rule of the documents the jurisdiction applies.
pub fn evaluate(input: &Input) -> Evaluation {
    let documents: Vec<&'static str> = input.jurisdiction.documents.to_vec();
    let applied: Vec<(&'static Rule, Outcome)> = RULES
        .iter()
        .filter(|rule| documents.contains(&rule.doc))
        .map(|rule| (rule, outcome(rule, input)))
        .collect();

    let mut totals = Totals::default();
    for (rule, outcome) in &applied {
        totals.add(rule.kind, *outcome);
    }
    let planned = input.planned;
    let area_basis_m2 = planned.total_m2.or(totals.required_area_m2);

    let rules: Vec<RuleResult> = applied
        .iter()
        .map(|(rule, outcome)| rule_result(rule, *outcome, input, area_basis_m2, &totals))
        .collect();

    let verdict = planned.total_m2.map(|_| {
        let unchecked_share = rules.iter().any(|r| {
            matches!(r.kind, RuleKind::OfficeCeiling | RuleKind::ActivityFloor)
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

    let fraction = |percent: Option<u32>| percent.map(|p| f64::from(p) / 100.0);
    let of_basis = |percent: Option<u32>| {
        percent
            .zip(area_basis_m2)
            .map(|(p, basis)| share_of(p, basis))
    };
    Evaluation {
        jurisdiction: input.jurisdiction.id,
        documents,
        settlement: input.settlement,
        construction: input.construction,
        programme: input.programme,
        households: input.households,
        population: input.population,
        occupied_households: input.occupied_households,
        planned: PlannedEcho {
            total_m2: planned.total_m2,
            office_m2: planned.office_m2,
            activity_m2: planned.activity_m2,
        },
        ruleset_version: RULESET_VERSION,
        required_area_m2: totals.required_area_m2,
        area_basis_m2,
        office_max_share: fraction(totals.office_max_percent),
        office_max_m2: of_basis(totals.office_max_percent),
        activity_min_share: fraction(totals.activity_min_percent),
        activity_min_m2: of_basis(totals.activity_min_percent),
        staff_min: totals.staff_min,
        staff_max: totals.staff_max,
        volunteers_min: totals.volunteers_min,
        social_orgs_min: totals.social_orgs_min,
        scale: totals.scale,
        rc_formation: totals.rc_formation,
        funding_cny: totals.funding_cny,
        verdict,
        rules,
    }
}

/// A comparison with the planned design: (status, actual, limit, margin).
type Check = (Status, Option<f64>, Option<f64>, Option<f64>);

fn check(rule: &Rule, outcome: Outcome, input: &Input, area_basis_m2: Option<f64>) -> Check {
    let planned = input.planned;
    match (rule.kind, outcome) {
        (RuleKind::MinimumArea, Outcome::Area(minimum)) => match planned.total_m2 {
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
        (RuleKind::OfficeCeiling, Outcome::Share { percent }) => {
            let limit = area_basis_m2.map(|basis| share_of(percent, basis));
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
        (RuleKind::ActivityFloor, Outcome::Share { percent }) => {
            let limit = area_basis_m2.map(|basis| share_of(percent, basis));
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
    rule: &'static Rule,
    outcome: Outcome,
    input: &Input,
    area_basis_m2: Option<f64>,
    totals: &Totals,
) -> RuleResult {
    let (status, actual, limit_m2, margin_m2) = match outcome {
        Outcome::OutOfScope => (Status::NotApplicable, None, None, None),
        Outcome::Missing(_) => (Status::NeedsInput, None, None, None),
        _ => check(rule, outcome, input, area_basis_m2),
    };
    let (figure, figure_max) = match outcome {
        Outcome::Area(m2) => (Some(m2), None),
        Outcome::Share { percent } => (Some(f64::from(percent) / 100.0), None),
        Outcome::Count(n) | Outcome::Yuan(n) => (Some(f64::from(n)), None),
        Outcome::StaffRange { min, max, .. } => (Some(f64::from(min)), Some(f64::from(max))),
        Outcome::Scale(s) => (
            Some(f64::from(s.min_households)),
            Some(f64::from(s.max_households)),
        ),
        Outcome::OutOfScope | Outcome::Missing(_) | Outcome::Formation(_) | Outcome::Statement => {
            (None, None)
        }
    };
    let formula = formula(rule, outcome, input, area_basis_m2);
    let reason = match outcome {
        Outcome::OutOfScope => Some((
            format!("不适用：本条仅适用于{}", rule.scope.text.zh),
            format!(
                "Does not apply: only for {}",
                lowercase_first(rule.scope.text.en)
            ),
        )),
        Outcome::Missing(what) => Some((
            format!("需要填写{}才能计算", what.zh),
            format!("Needs {} to work out", what.en),
        )),
        _ => None,
    };
    let draft = document(rule.doc).is_some_and(|d| d.draft);
    RuleResult {
        id: rule.id,
        doc: rule.doc,
        kind: rule.kind,
        status,
        governing: totals.governed_by(rule.kind, outcome),
        figure,
        figure_max,
        actual,
        limit_m2,
        margin_m2,
        title_zh: rule.title.zh,
        title_en: rule.title.en,
        section: rule.section,
        quote: rule.quote,
        draft,
        scope_zh: rule.scope.text.zh,
        scope_en: rule.scope.text.en,
        formula_zh: formula.as_ref().map(|f| f.0.clone()),
        formula_en: formula.map(|f| f.1),
        reason_zh: reason.as_ref().map(|r| r.0.clone()),
        reason_en: reason.map(|r| r.1),
        note_zh: rule.note.map(|n| n.zh),
        note_en: rule.note.map(|n| n.en),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The rule's formula with this community's numbers filled in: (zh, en).
fn formula(
    rule: &Rule,
    outcome: Outcome,
    input: &Input,
    area_basis_m2: Option<f64>,
) -> Option<(String, String)> {
    let hh = num(f64::from(input.households));
    let settlement = settlement_info(input.settlement).name;
    Some(match (rule.figure, outcome) {
        (Figure::AreaPerHundredHouseholds { m2_per_100 }, Outcome::Area(m2)) => (
            format!("{hh} 户 ÷ 100 × {m2_per_100} m² = {} m²", num(m2)),
            format!("{hh} households ÷ 100 × {m2_per_100} m² = {} m²", num(m2)),
        ),
        (Figure::FixedArea { .. }, Outcome::Area(m2)) => (
            format!("总面积不低于 {} m²", num(m2)),
            format!("Total at least {} m²", num(m2)),
        ),
        (Figure::ShareOfTotal { percent }, Outcome::Share { .. }) => {
            let ceiling = rule.kind == RuleKind::OfficeCeiling;
            let (what_zh, what_en, sign) = if ceiling {
                ("办公面积", "Office", "≤")
            } else {
                ("居民活动区域面积", "Resident activity area", "≥")
            };
            let basis = area_basis_m2.unwrap_or(0.0);
            let basis_zh = if input.planned.total_m2.is_some() { "规划总面积" } else { "应建面积" };
            let basis_en = if input.planned.total_m2.is_some() { "planned total" } else { "required area" };
            (
                format!("{what_zh} {sign} {percent}% × {basis_zh} {} m² = {} m²", num(basis), num(share_of(percent, basis))),
                format!("{what_en} {sign} {percent}% × {basis_en} {} m² = {} m²", num(basis), num(share_of(percent, basis))),
            )
        }
        (Figure::PerPopulation { per, unit }, Outcome::Count(n)) => {
            let pop = input.population.unwrap_or(0);
            let exact = f64::from(per) * f64::from(pop) / f64::from(unit);
            (
                format!("⌈{} 人 × {per} ÷ {}⌉ = ⌈{}⌉ = {} 人", num(f64::from(pop)), num(f64::from(unit)), num(exact), num(f64::from(n))),
                format!(
                    "⌈{} people × {per} ÷ {}⌉ = ⌈{}⌉ = {} people",
                    num(f64::from(pop)),
                    num(f64::from(unit)),
                    num(exact),
                    num(f64::from(n))
                ),
            )
        }
        (Figure::StaffRange { households_per_person, usual_max, cap, .. }, Outcome::StaffRange { min, max, allowance }) => (
            format!(
                "一般 {min}–{usual_max} 人；⌊{hh} 户 ÷ {households_per_person}⌋ = {allowance}，不低于 {usual_max}、不超过 {cap} → {min}–{max} 人"
            ),
            format!(
                "Usually {min}–{usual_max}; ⌊{hh} households ÷ {households_per_person}⌋ = {allowance}, at least {usual_max} and at most {cap} → {min}–{max} staff"
            ),
        ),
        (Figure::HouseholdsRange(_), Outcome::Scale(s)) => {
            let (lo, hi) = (num(f64::from(s.min_households)), num(f64::from(s.max_households)));
            let n = s.suggested_communities;
            let (where_zh, where_en) = match s.status {
                ScaleStatus::Below => ("低于下限", "below the range"),
                ScaleStatus::Within => ("在范围内", "within the range"),
                ScaleStatus::Above => ("超出上限", "above the range"),
            };
            (
                format!(
                    "{}每个社区 {lo}–{hi} 户；本社区 {hh} 户，{where_zh}；建议社区数 max(1, ⌈{hh} ÷ {hi}⌉) = {n}",
                    settlement.zh
                ),
                format!(
                    "{lo}–{hi} households per community for this type; {hh} households is {where_en}; suggested communities max(1, ⌈{hh} ÷ {hi}⌉) = {n}"
                ),
            )
        }
        (Figure::CountBySettlement(_), Outcome::Count(n)) => (
            format!("{}至少 {n} 个社区社会组织", settlement.zh),
            format!("At least {n} community social organisations for a {}", lowercase_first(settlement.en)),
        ),
        (Figure::YuanByProgramme(_), Outcome::Yuan(yuan)) => {
            let programme = choice_info(crate::standards::PROGRAMMES, input.programme).name;
            (
                format!("{}支持 {} 元", programme.zh, num(f64::from(yuan))),
                format!("{}: ¥{} support", programme.en, num(f64::from(yuan))),
            )
        }
        (Figure::OccupancyShare { numerator, denominator }, Outcome::Formation(f)) => {
            let occupied = input.occupied_households.unwrap_or(0);
            let rate = num(f64::from(occupied) * 100.0 / f64::from(input.households));
            let threshold = num(f64::from(numerator) * 100.0 / f64::from(denominator));
            let occ = num(f64::from(occupied));
            match f {
                Formation::Due => (
                    format!("入住 {occ} 户 ÷ {hh} 户 = {rate}% ≥ {threshold}% → 应及时成立社区居民委员会"),
                    format!("{occ} of {hh} households moved in = {rate}% ≥ {threshold}% → a residents' committee is due now"),
                ),
                Formation::NotYet => (
                    format!(
                        "入住 {occ} 户 ÷ {hh} 户 = {rate}% < {threshold}% → 暂不成立；先成立居民小组或由相邻居委会代管"
                    ),
                    format!(
                        "{occ} of {hh} households moved in = {rate}% < {threshold}% → not yet: form a residents' group or have a neighbouring committee manage meanwhile"
                    ),
                ),
            }
        }
        (Figure::Statement, Outcome::Statement) => (
            "须按规定配建社区用房；未按规划要求建设的，不能通过验收".to_string(),
            "Community rooms must be built as required; a compound that does not build them fails acceptance".to_string(),
        ),
        _ => return None,
    })
}
