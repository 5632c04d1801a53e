//! facility-calc: sizing and checking the community comprehensive service facility (社区综合服务设施)
//! against the standards of Inner Mongolia, Xing'an League, Dongsheng, Aolezhaoqi and Renshou.
//!
//! The engine (`standards`, `input`, `engine`, `number`, `estimate`) is pure Rust with no web dependency.
//! The WebAssembly layer (`api`, `ui`) exists only on `wasm32` and only renders what the engine says.

#[cfg(feature = "batch")]
pub mod batch;
pub mod engine;
pub mod estimate;
pub mod form;
pub mod input;
pub mod number;
pub mod standards;
pub mod value;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod api;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod ui;

pub use engine::{Evaluation, RuleResult, Status, Verdict, evaluate};
pub use input::{FieldError, Input, Raw, RawInput, validate};
pub use number::parse_number;

/// Validates raw inputs and evaluates them: the whole of SPEC's `evaluate`.
pub fn evaluate_raw(raw: &RawInput) -> Result<Evaluation, Vec<FieldError>> {
    validate(raw).map(|input| evaluate(&input))
}
