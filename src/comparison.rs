//! The comparison view's numbers (对比), without a web dependency: the entered community's inputs under
//! another jurisdiction, and how its required area grows with the households there (the chart's breakpoint
//! line). Every figure is the engine's; `ui/compare.rs` only draws them. Tested in tests/comparison.rs.

use crate::engine::figures;
use crate::form::{Form, Key};
use crate::input::{Raw, RawInput, validate};
use crate::rules::Ruleset;

/// The households the chart runs over, and its step.
pub const CHART_MAX_HOUSEHOLDS: u32 = 5_000;
pub const CHART_STEP: u32 = 100;

/// The entered community's inputs under jurisdiction `id` (with `households` instead, for the chart), and
/// whether the programme entered had to be left out because it is not offered there.
pub fn inputs_in(
    form: &Form,
    set: &Ruleset,
    id: &str,
    households: Option<u32>,
) -> (RawInput, bool) {
    let mut raw = form.raw_input_for(id);
    if let Some(hh) = households {
        raw.households = Raw::Number(f64::from(hh));
    }
    let offers_programme = set.jurisdiction(id).is_some_and(|j| {
        set.programme_index(form.get(Key::Programme).trim())
            .is_none_or(|p| j.programmes.has(p))
    });
    if !offers_programme {
        raw.programme = Raw::Absent;
    }
    (raw, !offers_programme)
}

/// The required area at `households` under jurisdiction `id`: numbers only, no text built.
pub fn required_at(form: &Form, set: &Ruleset, id: &str, households: u32) -> Option<f64> {
    let (raw, _) = inputs_in(form, set, id, Some(households));
    validate(set, &raw)
        .ok()
        .and_then(|input| figures(set, &input).required_area_m2)
}

/// How the required area grows with the households under one jurisdiction, from `evaluate` alone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Growth {
    /// A fixed minimum governs up to (and including) this many households, then the per-household rate.
    FixedUpTo { households: u32, floor_m2: f64 },
    /// No fixed minimum: the per-household rate governs from the first household.
    RateOnly,
    /// The fixed minimum governs over the whole chart.
    FixedThroughout { floor_m2: f64 },
}

pub fn growth(form: &Form, set: &Ruleset, id: &str) -> Option<Growth> {
    let floor = required_at(form, set, id, 1)?;
    if required_at(form, set, id, 2)? > floor {
        return Some(Growth::RateOnly);
    }
    if required_at(form, set, id, CHART_MAX_HOUSEHOLDS)? <= floor {
        return Some(Growth::FixedThroughout { floor_m2: floor });
    }
    // The required area never falls as households grow, so the last household count at the floor is found
    // by bisection.
    let (mut at_floor, mut above) = (1, CHART_MAX_HOUSEHOLDS);
    while above - at_floor > 1 {
        let mid = at_floor + (above - at_floor) / 2;
        if required_at(form, set, id, mid).is_some_and(|a| a <= floor) {
            at_floor = mid;
        } else {
            above = mid;
        }
    }
    Some(Growth::FixedUpTo {
        households: at_floor,
        floor_m2: floor,
    })
}
