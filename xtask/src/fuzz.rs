//! `cargo xtask fuzz [--cases N]`: the native property tests (`tests/properties.rs`) with N cases each
//! (1,000,000 by default) instead of the few thousand of the default run, optimised, and what they ran.
//! Not part of `cargo xtask test`: it takes minutes.

use crate::Result;
use crate::process::{self, run_tee};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub const DEFAULT_CASES: u64 = 1_000_000;

/// Reads `--cases N` (the only option).
pub fn parse_cases(args: &[String]) -> Result<u64> {
    match args {
        [] => Ok(DEFAULT_CASES),
        [flag, n] if flag == "--cases" => n
            .replace(['_', ','], "")
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("--cases needs a positive whole number (got `{n}`)")),
        _ => Err(format!(
            "`fuzz` takes only --cases N (got `{}`)",
            args.join(" ")
        )),
    }
}

pub fn fuzz(root: &Path, cases: u64) -> Result<ExitCode> {
    let started = Instant::now();
    let mut cargo = process::cargo();
    cargo
        .current_dir(root)
        .args([
            "test",
            "--release",
            "--test",
            "properties",
            "--",
            "--test-threads=2",
        ])
        .env("FACILITY_FUZZ_CASES", cases.to_string())
        // Speed, not size, for a test binary: no LTO, full optimisation.
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
    let mut properties = Vec::new();
    let mut summary = String::new();
    let ok = run_tee(&mut cargo, |line| {
        if let Some(name) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.strip_suffix(" ... ok"))
        {
            properties.push(name.to_string());
        }
        if line.starts_with("test result:") {
            summary = line.to_string();
        }
    })?;
    let seconds = started.elapsed().as_secs_f64();
    println!();
    println!(
        "xtask fuzz: {} property tests × {} cases each, {seconds:.0} s",
        properties.len(),
        crate::fsutil::thousands(cases)
    );
    for name in &properties {
        println!("  ok  {name}");
    }
    println!("  {summary}");
    if ok {
        println!("xtask fuzz: no panic, no counterexample");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("xtask fuzz: FAILED (proptest printed the minimal failing case above)");
        Ok(ExitCode::FAILURE)
    }
}
