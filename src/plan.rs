//! The fix plan: when a planned design fails, the smallest design that passes every applicable rule at
//! once, and what it changes. Pure Rust, computed from the engine's numbers (its required area and the
//! governing shares as the pack writes them), so the advice ("add 80 m²", "move 5 m² out of offices") is
//! one consistent design: the office ceiling and the activity floor are shares of the *corrected* total,
//! not of today's.
//!
//! This is the only place that works out what to change: the widget's 达标方案 and check table,
//! `evaluate`'s `fix_plan`, the batch rows (page, CLI, CSV, xlsx) all read [`fix_plan`].

use crate::engine::{Evaluation, Figures, Status, Verdict, share_of_total};
use crate::input::{Planned, TOLERANCE_M2};
use crate::rules::RuleKind;
use serde::Serialize;

/// The smallest design that passes, next to the planned one. Areas in m². Serialized as `evaluate`'s
/// `fix_plan` (SPEC §10).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FixPlan {
    /// Total area that passes: the planned total, raised to the required area where it falls short.
    pub total_m2: f64,
    /// The most office area allowed at `total_m2` (None where no office ceiling applies).
    pub office_max_m2: Option<f64>,
    /// The least resident activity area at `total_m2` (None where no activity floor applies).
    pub activity_min_m2: Option<f64>,
    /// The office area of the passing design: the planned office, cut to what the ceiling and the
    /// activity floor leave (None where no office area was planned).
    pub office_m2: Option<f64>,
    /// The activity area of the passing design: the planned activity area, raised to the floor.
    pub activity_m2: Option<f64>,
    /// Area to add to the planned total (0 when it already suffices).
    pub add_total_m2: f64,
    /// Area to take off the planned total, where it is above a ceiling (`maximum_area`; 0 when none).
    pub remove_total_m2: f64,
    /// Area to move out of offices (0 when none).
    pub move_out_of_office_m2: f64,
    /// Resident activity area to add (0 when none).
    pub add_activity_m2: f64,
}

/// A planned figure that no applicable rule checks, so it changes nothing in the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ignored {
    /// An office area where no office ceiling applies (Renshou; city communities under nmg2017 alone).
    OfficeArea,
    /// An activity area where no activity floor applies (everywhere but Dongsheng's Beijiang programme).
    ActivityArea,
    /// Households moved in where no rule decides on a residents' committee.
    OccupiedHouseholds,
}

fn at_least(value: f64, floor: f64) -> f64 {
    if value + TOLERANCE_M2 >= floor {
        value
    } else {
        floor
    }
}

/// `evaluate`'s output (SPEC §6 and §10): the evaluation and, beside its keys, `fix_plan`.
#[derive(Serialize)]
pub struct Advised<'a> {
    #[serde(flatten)]
    pub evaluation: &'a Evaluation,
    pub fix_plan: Option<FixPlan>,
}

impl<'a> Advised<'a> {
    pub fn new(evaluation: &'a Evaluation) -> Advised<'a> {
        Advised {
            evaluation,
            fix_plan: fix_plan(evaluation, evaluation.planned),
        }
    }
}

/// The passing design for a failing check; `None` unless the result has a planned total and fails, and
/// `None` where the documents conflict (a ceiling on the total below the required area: no design passes,
/// and the plan does not pick one document over the other). `planned` is the design the figures were
/// worked out for.
pub fn fix_plan(r: &Figures, planned: Planned) -> Option<FixPlan> {
    if r.verdict != Some(Verdict::Fail) || r.area_conflict {
        return None;
    }
    let planned_total = planned.total_m2?;
    let mut total = at_least(planned_total, r.required_area_m2.unwrap_or(0.0));
    if let Some(ceiling) = r.max_area_m2
        && total > ceiling + TOLERANCE_M2
    {
        total = ceiling;
    }
    // Shares of the corrected total, exactly as the engine computes a limit (15 % of 500 is 75; 12.5 %
    // stays 12.5 %), so a design built from the plan passes the engine.
    let office_max = r.office_max_percent.map(|p| share_of_total(p, total));
    let activity_min = r.activity_min_percent.map(|p| share_of_total(p, total));
    let activity = planned
        .activity_m2
        .map(|planned| activity_min.map_or(planned, |floor| at_least(planned, floor)));
    let office = planned.office_m2.map(|planned| {
        let mut office = planned;
        if let Some(ceiling) = office_max
            && office > ceiling + TOLERANCE_M2
        {
            office = ceiling;
        }
        // Offices and activity rooms must both fit in the total.
        let room_left = total - activity.or(activity_min).unwrap_or(0.0);
        if office > room_left + TOLERANCE_M2 {
            office = room_left.max(0.0);
        }
        office
    });
    Some(FixPlan {
        total_m2: total,
        office_max_m2: office_max,
        activity_min_m2: activity_min,
        office_m2: office,
        activity_m2: activity,
        add_total_m2: (total - planned_total).max(0.0),
        remove_total_m2: (planned_total - total).max(0.0),
        move_out_of_office_m2: match (planned.office_m2, office) {
            (Some(planned), Some(passing)) => planned - passing,
            _ => 0.0,
        },
        add_activity_m2: match (planned.activity_m2, activity) {
            (Some(planned), Some(passing)) => passing - planned,
            _ => 0.0,
        },
    })
}

/// The planned figures that no applicable rule uses, in form order.
pub fn ignored_inputs(r: &Evaluation) -> Vec<Ignored> {
    let used = |kind: RuleKind| {
        r.rules
            .iter()
            .any(|rule| rule.kind == kind && rule.status != Status::NotApplicable)
    };
    let mut ignored = Vec::new();
    if r.planned.office_m2.is_some() && r.office_max_share.is_none() {
        ignored.push(Ignored::OfficeArea);
    }
    if r.planned.activity_m2.is_some() && r.activity_min_share.is_none() {
        ignored.push(Ignored::ActivityArea);
    }
    if r.occupied_households.is_some() && !used(RuleKind::CommitteeFormation) {
        ignored.push(Ignored::OccupiedHouseholds);
    }
    ignored
}
