//! `cargo xtask bench`, batch rows: the batch core in-process (examples/bench_batch.rs) and the native
//! `facility-calc` command line on a 100,000-row sheet as CSV and as `.xlsx`: rows per second from
//! start to written result, and the process's peak memory (GNU time's maximum resident set size).

use crate::process::{self, run_tee};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const EXAMPLE: &str = "examples/bench_batch.rs";
const ROWS: u64 = 100_000;
const GNU_TIME: &str = "/usr/bin/time";

/// (metric, value) rows for the bench table; `None` marks a measurement that failed.
pub fn rows(root: &Path) -> Vec<(String, Option<String>)> {
    if !root.join(EXAMPLE).is_file() {
        return vec![(
            "batch (native)".into(),
            Some(format!("skipped: {EXAMPLE} does not exist yet")),
        )];
    }
    let dir =
        std::env::temp_dir().join(format!("facility-calc-bench-batch-{}", std::process::id()));
    let mut rows = Vec::new();
    let in_process = "batch core in-process, CSV read + check (100,000 rows, CPU time)".to_string();
    let made = std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()));
    let example = made.and_then(|_| run_example(root, &dir));
    rows.push((in_process, example.as_ref().ok().cloned()));
    if let Err(e) = &example {
        eprintln!("xtask: batch bench: {e}");
    }
    let cli = build_cli(root);
    // CSV output is checked on every core by default; on one thread its rows per CPU second are the
    // single-core figure (threads add a little CPU time each, and take wall-clock time off).
    for (input, output, options) in [
        ("communities.csv", "checked.csv", &[][..]),
        ("communities.csv", "checked.csv", &["--threads", "1"][..]),
        ("communities.xlsx", "checked.xlsx", &[][..]),
    ] {
        let metric = format!(
            "facility-calc check{}{}, 100,000-row {input} → {output} (rows per CPU second, peak memory)",
            if options.is_empty() { "" } else { " " },
            options.join(" ")
        );
        let value = match (&example, &cli) {
            (Ok(_), Ok(exe)) => time_cli(exe, &dir, input, output, options),
            (Err(e), _) | (_, Err(e)) => Err(e.clone()),
        };
        if let Err(e) = &value {
            eprintln!("xtask: {metric}: {e}");
        }
        rows.push((metric, value.ok()));
    }
    let _ = std::fs::remove_dir_all(&dir);
    rows
}

/// Runs the example (which also writes the two sheets into `dir`); its last line is the result.
fn run_example(root: &Path, dir: &Path) -> Result<String, String> {
    let mut cargo = process::cargo();
    cargo
        .current_dir(root)
        .args([
            "run",
            "--release",
            "--package",
            "facility-calc",
            "--example",
            "bench_batch",
            "--",
        ])
        .arg("--write")
        .arg(dir);
    let mut last = String::new();
    let ok = run_tee(&mut cargo, |line| {
        if !line.trim().is_empty() {
            last = line.trim().to_string();
        }
    })?;
    if !ok || last.is_empty() {
        return Err(format!("`{}` failed", process::describe(&cargo)));
    }
    Ok(last
        .rsplit_once(": ")
        .map_or(last.clone(), |(_, v)| v.to_string()))
}

/// Builds the release binary and finds it from cargo's JSON messages (wherever the target dir is).
fn build_cli(root: &Path) -> Result<PathBuf, String> {
    let mut cargo = process::cargo();
    cargo
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--package",
            "facility-calc",
            "--bin",
            "facility-calc",
        ])
        .args(["--message-format", "json-render-diagnostics"])
        .stdout(Stdio::piped());
    println!("+ {}", process::describe(&cargo));
    let output = cargo
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", process::describe(&cargo)))?;
    if !output.status.success() {
        return Err(format!("`{}` failed", process::describe(&cargo)));
    }
    let messages = String::from_utf8_lossy(&output.stdout);
    messages
        .lines()
        .filter(|l| l.contains("\"compiler-artifact\"") && l.contains("\"name\":\"facility-calc\""))
        .find_map(|l| {
            let start = l.find("\"executable\":\"")? + "\"executable\":\"".len();
            let end = start + l[start..].find('"')?;
            Some(PathBuf::from(&l[start..end]))
        })
        .ok_or_else(|| "cargo named no facility-calc executable".to_string())
}

/// Times one run of the binary (exit 1 is expected: the sheet has failing rows). With GNU time the rate is
/// per CPU second (a shared machine's wall clock measures the neighbours too) and the peak memory is known.
fn time_cli(
    exe: &Path,
    dir: &Path,
    input: &str,
    output: &str,
    options: &[&str],
) -> Result<String, String> {
    let report_file = dir.join("time.txt");
    let gnu_time = Path::new(GNU_TIME).is_file();
    let mut cmd = if gnu_time {
        let mut c = Command::new(GNU_TIME);
        c.arg("-f")
            .arg("%M %U %S")
            .arg("-o")
            .arg(&report_file)
            .arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.current_dir(dir)
        .args(["check", input, "-o", output])
        .args(options)
        .stderr(Stdio::null());
    println!("+ {}", process::describe(&cmd));
    let start = Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", process::describe(&cmd)))?;
    let wall = start.elapsed().as_secs_f64();
    if !matches!(status.code(), Some(0 | 1)) {
        return Err(format!(
            "`{}` exited with {status}",
            process::describe(&cmd)
        ));
    }
    let rate = |seconds: f64| crate::fsutil::thousands((ROWS as f64 / seconds).round() as u64);
    // "%M %U %S": peak KB, user and system CPU seconds (the last line: time may print a note first).
    let measured = gnu_time
        .then(|| std::fs::read_to_string(&report_file).ok())
        .flatten()
        .and_then(|text| {
            let line = text.lines().last()?.to_string();
            let mut fields = line.split_whitespace().map(|f| f.parse::<f64>().ok());
            Some((fields.next()??, fields.next()?? + fields.next()??))
        });
    Ok(match measured {
        Some((peak_kb, cpu)) if cpu > 0.0 => format!(
            "{} rows/s ({cpu:.2} s CPU, {wall:.2} s wall), {} MB peak",
            rate(cpu),
            crate::fsutil::thousands((peak_kb / 1024.0).ceil() as u64)
        ),
        _ => format!(
            "{} rows/s ({wall:.2} s wall); peak memory not measured ({GNU_TIME} missing: apt-get install time)",
            rate(wall)
        ),
    })
}
