//! facility-calc: sizing and checking the community comprehensive service facility (社区综合服务设施)
//! against the standards of a rule pack: the built-in one (Inner Mongolia, Xing'an League, Dongsheng,
//! Aolezhaoqi, Renshou) or a bureau's own.
//!
//! The engine (`rules`, `input`, `engine`, `number`, `estimate`, `form`) is pure Rust with no web
//! dependency. The WebAssembly layer (`host`, `api`, `ui`) exists only on `wasm32` and only renders what
//! the engine says.

#[cfg(feature = "batch")]
pub mod batch;
pub mod comparison;
pub mod engine;
pub mod estimate;
pub mod fields;
pub mod form;
pub mod input;
pub mod json;
pub mod number;
pub mod plan;
pub mod registry;
pub mod rules;
pub mod session;
pub mod standards;
pub mod text;
pub mod value;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod api;
// The batch page's wasm uses the reading half (JSON text → HostValue) of the boundary layer and
// `host::to_error` for what it throws.
#[cfg(target_arch = "wasm32")]
#[cfg_attr(not(feature = "widget"), allow(dead_code))]
#[doc(hidden)]
pub mod host;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
mod ui;

pub use engine::{
    Evaluation, Figures, RuleResult, Status, Verdict, evaluate, evaluate_raw, figures,
};
pub use input::{FieldError, Input, Raw, RawInput, validate};
pub use number::parse_number;
pub use rules::{Ruleset, builtin};
