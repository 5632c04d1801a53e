//! What the widget shows for its form, worked out without a web dependency: the last good result (kept,
//! marked stale, while an input is wrong), the problems the error summary lists, the assumption a default
//! made, and which host events a change fires. `ui/app.rs` holds one `Calculation` and only dispatches the
//! events it is told to, so the rule "events mean change" is tested natively (tests/session.rs).

use crate::engine::{Evaluation, figures};
use crate::form::{Form, Key};
use crate::input::{FieldError, Raw, validate};
use crate::rules::Ruleset;
use std::rc::Rc;

#[derive(Default)]
pub struct Calculation {
    /// The last good result, shared with the views without copying it.
    pub result: Option<Rc<Evaluation>>,
    /// The problems of the inputs as validated (shown or not yet).
    pub errors: Vec<FieldError>,
    /// Everything the error summary lists (input problems, then problems in the estimate helpers).
    pub problems: Vec<FieldError>,
    /// The input problems last sent to the host in an error event, so each change is reported once.
    reported_problems: Vec<FieldError>,
    /// The required area had construction been "new", while construction is left at its default: the
    /// result names the assumption and what the other choice would give.
    pub alternative_area: Option<f64>,
}

/// The host events one change calls for.
#[derive(Debug, Default, PartialEq)]
pub struct Events {
    /// `facility-calc:result` with this result: it changed, or the input has just been put right.
    pub result: Option<Rc<Evaluation>>,
    /// `facility-calc:error` with these problems: the problems shown changed.
    pub error: Option<Vec<FieldError>>,
}

impl Calculation {
    /// Whether a result is shown while an input is wrong (it is then marked stale).
    pub fn stale(&self) -> bool {
        self.result.is_some() && !self.errors.is_empty()
    }

    /// Re-evaluates `form` under `set` (`None`: a link made under a pack that is not loaded here, so
    /// nothing is computed under other rules) and says which host events the change fires. Switching the
    /// language or the text size changes neither the result nor the problems, so fires nothing.
    pub fn recompute(&mut self, form: &Form, set: Option<&Ruleset>) -> Events {
        let mut events = Events::default();
        let had_errors = !self.errors.is_empty() || self.result.is_none();
        let Some(set) = set else {
            self.result = None;
            self.errors.clear();
            self.problems.clear();
            self.alternative_area = None;
            return events;
        };
        match form.evaluate(set) {
            Ok(evaluation) => {
                self.errors.clear();
                if had_errors || self.result.as_deref() != Some(&evaluation) {
                    let evaluation = Rc::new(evaluation);
                    events.result = Some(evaluation.clone());
                    self.result = Some(evaluation);
                }
            }
            Err(errors) => self.errors = errors,
        }
        let input_problems = form.visible_errors(&self.errors);
        if !input_problems.is_empty() && input_problems != self.reported_problems {
            events.error = Some(input_problems.clone());
        }
        // Numbers only: what "new" would require, to name the assumption while construction is blank.
        self.alternative_area = if form.get(Key::Construction).trim().is_empty() {
            let mut raw = form.raw_input();
            raw.construction = Raw::Text("new".into());
            validate(set, &raw)
                .ok()
                .and_then(|input| figures(set, &input).required_area_m2)
        } else {
            None
        };
        self.problems = input_problems.clone();
        self.problems.extend(form.estimate_errors());
        self.reported_problems = input_problems;
        events
    }
}
