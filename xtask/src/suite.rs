//! `cargo xtask test`: the whole suite, stage by stage, stopping at the first failing stage.
//!
//! It ends with the line `summary: N passed, M failed`, where N and M add up the tests each stage
//! reported (cargo's `test result:` lines, node's TAP totals, Playwright's JSON stats). Stages that
//! are checks rather than tests (fmt, dist) add nothing when they pass and one failure when they
//! fail, as does a test stage that fails without reporting any failed test (e.g. a compile error),
//! so a failing run never ends with "0 failed".

use crate::Result;
use crate::process::{self, run_status, run_tee};
use crate::tools;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Where playwright.config.mjs tells the JSON reporter to write (keep the two in step).
pub const PLAYWRIGHT_JSON_REPORT: &str = "playwright-report/results.json";

#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

enum Outcome {
    /// A stage that runs tests and reports how many passed and failed.
    Ran {
        ok: bool,
        counts: Counts,
    },
    /// A stage that is a single check (formatting, the build).
    Checked {
        ok: bool,
    },
    Skipped(String),
}

struct Stage {
    name: &'static str,
    run: fn(&Path) -> Result<Outcome>,
}

const STAGES: &[Stage] = &[
    Stage {
        name: "cargo fmt --check",
        run: check_formatting,
    },
    Stage {
        name: "cargo clippy",
        run: lint,
    },
    Stage {
        name: "cargo test (native)",
        run: native_tests,
    },
    Stage {
        name: "dist",
        run: build_dist,
    },
    Stage {
        name: "node tests",
        run: node_tests,
    },
    Stage {
        name: "browser tests (playwright)",
        run: browser_tests,
    },
];

pub fn test(root: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let mut total = Counts::default();
    let mut table = Vec::new();
    let mut all_ok = true;
    for stage in STAGES {
        if !all_ok {
            table.push((stage.name, "not run (an earlier stage failed)".to_string()));
            continue;
        }
        println!("\n==> {}", stage.name);
        let stage_started = Instant::now();
        let outcome = (stage.run)(root).unwrap_or_else(|message| {
            eprintln!("xtask: {}: {message}", stage.name);
            Outcome::Checked { ok: false }
        });
        let seconds = stage_started.elapsed().as_secs_f64();
        let line = match outcome {
            Outcome::Skipped(why) => format!("skipped: {why}"),
            Outcome::Checked { ok } => {
                all_ok &= ok;
                if ok {
                    format!("ok in {seconds:.1}s")
                } else {
                    total.failed += 1;
                    format!("FAILED in {seconds:.1}s")
                }
            }
            Outcome::Ran { ok, mut counts } => {
                if !ok && counts.failed == 0 {
                    counts.failed = 1; // the stage itself failed
                }
                total.add(counts);
                all_ok &= ok;
                let verdict = if ok { "ok" } else { "FAILED" };
                format!(
                    "{verdict} ({} passed, {} failed) in {seconds:.1}s",
                    counts.passed, counts.failed
                )
            }
        };
        println!("==> {}: {line}", stage.name);
        table.push((stage.name, line));
    }
    println!(
        "\nxtask test, {:.0}s in all:",
        started.elapsed().as_secs_f64()
    );
    for (name, line) in &table {
        println!("  {name:<28} {line}");
    }
    println!("summary: {} passed, {} failed", total.passed, total.failed);
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn check_formatting(root: &Path) -> Result<Outcome> {
    tools::ensure_rustfmt()?;
    let ok = run_status(
        process::cargo()
            .current_dir(root)
            .args(["fmt", "--all", "--", "--check"]),
    )?;
    if !ok {
        eprintln!("xtask: formatting differs; run `cargo fmt --all`");
    }
    Ok(Outcome::Checked { ok })
}

/// Clippy with warnings as errors: natively for everything, and for the wasm32 target, where the
/// JavaScript API and the widget (compiled only there) live.
fn lint(root: &Path) -> Result<Outcome> {
    tools::ensure_clippy()?;
    tools::ensure_wasm_target()?;
    let native = [
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ];
    let wasm = [
        "clippy",
        "-p",
        "facility-calc",
        "-p",
        "batch-web",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ];
    let mut ok = true;
    for args in [&native[..], &wasm[..]] {
        ok &= run_status(process::cargo().current_dir(root).args(args))?;
    }
    Ok(Outcome::Checked { ok })
}

fn native_tests(root: &Path) -> Result<Outcome> {
    let mut counts = Counts::default();
    let ok = run_tee(
        process::cargo()
            .current_dir(root)
            // Every test binary runs even after a failure, so the counts are complete.
            .args(["test", "--workspace", "--no-fail-fast"]),
        |line| {
            if let Some(result) = parse_cargo_test_result(line) {
                counts.add(result);
            }
        },
    )?;
    Ok(Outcome::Ran { ok, counts })
}

/// `test result: ok. 12 passed; 0 failed; 1 ignored; …` → 12 passed, 0 failed.
fn parse_cargo_test_result(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let (_, tallies) = rest.split_once(". ")?;
    let mut counts = Counts::default();
    for tally in tallies.split(';') {
        let mut words = tally.split_whitespace();
        let (Some(number), Some(label)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(number) = number.parse::<u64>() else {
            continue;
        };
        match label {
            "passed" => counts.passed = number,
            "failed" => counts.failed = number,
            _ => {}
        }
    }
    Some(counts)
}

fn build_dist(root: &Path) -> Result<Outcome> {
    crate::dist::dist(root)?;
    Ok(Outcome::Checked { ok: true })
}

fn node_tests(root: &Path) -> Result<Outcome> {
    let files = files_matching(&root.join("tests").join("node"), false, is_node_test_file)?;
    if files.is_empty() {
        return Ok(Outcome::Skipped("no tests/node/*.test.mjs files".into()));
    }
    // The spec reporter is for people; the TAP copy in a file is for counting.
    let tap = std::env::temp_dir().join(format!("xtask-node-tests-{}.tap", std::process::id()));
    let mut node = Command::new("node");
    node.current_dir(root)
        .args([
            "--test",
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
        ])
        .arg("--test-reporter=tap")
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .args(
            files
                .iter()
                .map(|file| file.strip_prefix(root).unwrap_or(file)),
        );
    let ok = run_status(&mut node)?;
    let counts = crate::fsutil::read_to_string(&tap)
        .map(|text| parse_tap_totals(&text))
        .unwrap_or_default();
    let _ = std::fs::remove_file(&tap);
    Ok(Outcome::Ran { ok, counts })
}

fn is_node_test_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    [".test.mjs", ".test.js", ".test.cjs"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Node's TAP ends with `# pass N`, `# fail N`, `# cancelled N` (a cancelled test did not pass).
fn parse_tap_totals(tap: &str) -> Counts {
    let mut counts = Counts::default();
    for line in tap.lines() {
        let mut words = line.split_whitespace();
        let (Some("#"), Some(label), Some(number), None) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            continue;
        };
        let Ok(number) = number.parse::<u64>() else {
            continue;
        };
        match label {
            "pass" => counts.passed = number,
            "fail" | "cancelled" => counts.failed += number,
            _ => {}
        }
    }
    counts
}

fn browser_tests(root: &Path) -> Result<Outcome> {
    let specs = files_matching(
        &root.join("tests").join("browser"),
        true,
        is_playwright_spec,
    )?;
    if specs.is_empty() {
        return Ok(Outcome::Skipped("no spec files in tests/browser".into()));
    }
    tools::ensure_chromium()?;
    tools::ensure_node_modules(root)?;
    let report = root.join(PLAYWRIGHT_JSON_REPORT);
    let _ = std::fs::remove_file(&report); // never count a previous run's results
    let port = free_port()?;
    println!("xtask: browser tests serve dist/ on port {port} (FC_TEST_PORT)");
    let ok = run_status(
        Command::new(tools::playwright_path(root))
            .current_dir(root)
            .arg("test")
            .env("FC_TEST_PORT", port.to_string())
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )?;
    let counts = match crate::fsutil::read_to_string(&report) {
        Ok(json) => parse_playwright_stats(&json),
        Err(e) => {
            eprintln!("xtask: no Playwright JSON report to count ({e})");
            Counts::default()
        }
    };
    Ok(Outcome::Ran { ok, counts })
}

/// A loopback port nothing listens on right now (the OS picks it; the listener is dropped at once).
fn free_port() -> Result<u16> {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| format!("finding a free port for the browser tests: {e}"))
}

/// Playwright's default testMatch: `*.spec.*` / `*.test.*` with a JS or TS extension.
fn is_playwright_spec(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    ["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx"].contains(&extension)
        && (stem.ends_with(".spec") || stem.ends_with(".test"))
}

/// The top-level `stats` of Playwright's JSON report: expected and flaky tests passed (flaky =
/// passed on retry), unexpected ones failed.
fn parse_playwright_stats(json: &str) -> Counts {
    let Some(stats_at) = json.rfind("\"stats\"") else {
        return Counts::default();
    };
    let stats = &json[stats_at..];
    let number = |key| json_number_after(stats, key).unwrap_or(0);
    Counts {
        passed: number("expected") + number("flaky"),
        failed: number("unexpected"),
    }
}

/// The unsigned integer after the first `"key":` in `json`.
fn json_number_after(json: &str, key: &str) -> Option<u64> {
    let quoted = format!("\"{key}\"");
    let after = &json[json.find(&quoted)? + quoted.len()..];
    let after = after.trim_start().strip_prefix(':')?.trim_start();
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Files under `dir` (recursively if asked) for which `wanted` holds, sorted; none if `dir` is
/// missing.
fn files_matching(dir: &Path, recursive: bool, wanted: fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return Ok(found);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("listing {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("listing {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            if recursive {
                found.extend(files_matching(&path, true, wanted)?);
            }
        } else if wanted(&path) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cargo_test_results() {
        let ok = "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(
            parse_cargo_test_result(ok),
            Some(Counts {
                passed: 12,
                failed: 0
            })
        );
        let failed =
            "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(
            parse_cargo_test_result(failed),
            Some(Counts {
                passed: 3,
                failed: 2
            })
        );
        assert_eq!(parse_cargo_test_result("running 3 tests"), None);
    }

    #[test]
    fn parses_node_tap_totals() {
        let tap = "TAP version 13\nok 1 - a\n1..3\n# tests 3\n# suites 0\n# pass 2\n# fail 1\n# cancelled 0\n# skipped 0\n# todo 0\n# duration_ms 5\n";
        assert_eq!(
            parse_tap_totals(tap),
            Counts {
                passed: 2,
                failed: 1
            }
        );
        // A subtest's own diagnostic comment must not be mistaken for a total.
        assert_eq!(
            parse_tap_totals("# Subtest: pass things\n"),
            Counts::default()
        );
    }

    #[test]
    fn parses_playwright_stats() {
        let json = r#"{"suites":[{"title":"x","stats":{"expected":99}}],
            "errors": [],
            "stats": {
              "startTime": "2026-01-01T00:00:00.000Z",
              "duration": 1234.5,
              "expected": 7,
              "skipped": 1,
              "unexpected": 2,
              "flaky": 1
            }
          }"#;
        assert_eq!(
            parse_playwright_stats(json),
            Counts {
                passed: 8,
                failed: 2
            }
        );
        assert_eq!(parse_playwright_stats("{}"), Counts::default());
    }

    #[test]
    fn recognises_test_files() {
        assert!(is_node_test_file(Path::new("tests/node/api.test.mjs")));
        assert!(!is_node_test_file(Path::new("tests/node/bench.mjs")));
        assert!(is_playwright_spec(Path::new("widget.spec.mjs")));
        assert!(is_playwright_spec(Path::new("a11y.test.ts")));
        assert!(!is_playwright_spec(Path::new("bench/keystroke.mjs")));
        assert!(!is_playwright_spec(Path::new("spec.mjs")));
    }
}
