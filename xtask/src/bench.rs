//! `cargo xtask bench`: how big the widget is on the wire and how fast it evaluates.
//!
//! Measurements that need a program the lead writes (examples/bench_native.rs,
//! tests/browser/bench/keystroke.mjs) are skipped with a note while it is missing. Each program's
//! last non-empty line of output is its result (`label: value` shows as `value`).

use crate::Result;
use crate::dist::OUT_NAME;
use crate::fsutil::{file_size, gzip_size, read_to_string, thousands};
use crate::process::{self, run_tee};
use crate::{serve, tools};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const NATIVE_BENCH: &str = "examples/bench_native.rs";
const JS_BENCH: &str = "tests/node/bench.mjs";
const KEYSTROKE_BENCH: &str = "tests/browser/bench/keystroke.mjs";
const BATCH_PAGE_BENCH: &str = "tests/browser/bench/batch.mjs";

/// One row of the final table; `None` marks a measurement that failed.
struct Row {
    metric: String,
    value: Option<String>,
}

pub fn bench(root: &Path) -> Result<ExitCode> {
    let dist = crate::dist::dist(root)?.dir;
    let mut rows = size_rows(&dist)?;
    rows.push(native_evaluations(root));
    rows.push(js_evaluations(root));
    rows.push(keystroke_latency(root, &dist));
    rows.push(batch_page_timing(root, &dist));
    rows.extend(lighthouse_rows(root, &dist));
    rows.extend(
        crate::bench_batch::rows(root)
            .into_iter()
            .map(|(metric, value)| Row { metric, value }),
    );
    print_table(&rows);
    let all_measured = rows.iter().all(|row| row.value.is_some());
    Ok(if all_measured {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn size_rows(dist: &Path) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for name in [format!("{OUT_NAME}_bg.wasm"), format!("{OUT_NAME}.js")] {
        let path = dist.join(&name);
        rows.push(Row {
            metric: format!("{name} (raw / gzip -9)"),
            value: Some(format!(
                "{} / {} bytes",
                thousands(file_size(&path)?),
                thousands(gzip_size(&path)?)
            )),
        });
    }
    for (label, page) in [
        ("demo page", "index.html"),
        ("batch page", "batch.html"),
        ("editor page", "pack-editor.html"),
    ] {
        rows.push(page_download(dist, label, page)?);
    }
    Ok(rows)
}

/// What a page of dist/ downloads, summed over the files it references.
fn page_download(dist: &Path, label: &str, page_name: &str) -> Result<Row> {
    let page = dist.join(page_name);
    if !page.is_file() {
        return Ok(Row {
            metric: label.into(),
            value: Some(format!("skipped: dist/{page_name} missing")),
        });
    }
    let files = files_the_page_downloads(dist, &page)?;
    let mut raw = 0;
    let mut gzipped = 0;
    for file in &files {
        raw += file_size(file)?;
        gzipped += gzip_size(file)?;
    }
    let names: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(dist).unwrap_or(f).display().to_string())
        .collect();
    println!("xtask: {page_name} downloads {}", names.join(", "));
    Ok(Row {
        metric: format!("{label}, {} files (raw / gzip -9)", files.len()),
        value: Some(format!("{} / {} bytes", thousands(raw), thousands(gzipped))),
    })
}

/// index.html and, transitively, every local file it references (src/href attributes, JS
/// imports, `new URL(…, import.meta.url)` as in the wasm-bindgen glue, CSS url()). Rough by
/// design: a reference counts only if it names a file that exists in dist/.
fn files_the_page_downloads(dist: &Path, page: &Path) -> Result<Vec<PathBuf>> {
    let dist = dist
        .canonicalize()
        .map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut found = BTreeSet::new();
    let mut pending = vec![
        page.canonicalize()
            .map_err(|e| format!("{}: {e}", page.display()))?,
    ];
    while let Some(file) = pending.pop() {
        if !found.insert(file.clone()) || !is_text_asset(&file) {
            continue;
        }
        let text = read_to_string(&file)?;
        let base = file.parent().unwrap_or(&dist);
        for reference in references_in(&text) {
            if let Some(target) = local_file(&dist, base, &reference) {
                pending.push(target);
            }
        }
    }
    Ok(found.into_iter().collect())
}

fn is_text_asset(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "htm" | "js" | "mjs" | "css")
    )
}

/// The name of the HTML tag a position stands in (`a`, `link`, …), if any.
fn enclosing_tag(text: &str, at: usize) -> Option<&str> {
    let open = text[..at].rfind('<')?;
    if text[open..at].contains('>') {
        return None;
    }
    text[open + 1..at].split(|c: char| c.is_whitespace()).next()
}

/// Quoted (or, after `url(`, bare) strings that follow a referencing construct. An `href` counts only on
/// `<link>` (stylesheets, icons): a link the user may follow (`<a href>`) is not a download of the page.
fn references_in(text: &str) -> Vec<String> {
    const MARKERS: &[&str] = &[
        "src=", "href=", "from", "import(", "import ", "new URL(", "url(",
    ];
    let mut references = Vec::new();
    for marker in MARKERS {
        for (at, _) in text.match_indices(marker) {
            if *marker == "href="
                && enclosing_tag(text, at).is_some_and(|tag| !tag.eq_ignore_ascii_case("link"))
            {
                continue;
            }
            let after = text[at + marker.len()..].trim_start();
            let reference = match after.chars().next() {
                Some(quote @ ('"' | '\'' | '`')) => after[1..].split(quote).next(),
                Some(_) if *marker == "url(" => after.split(')').next(),
                _ => None,
            };
            if let Some(reference) = reference {
                references.push(reference.trim().to_string());
            }
        }
    }
    references
}

/// The file in `dist` that `reference` (relative to `base`, or root-relative) names, if any.
fn local_file(dist: &Path, base: &Path, reference: &str) -> Option<PathBuf> {
    let path = reference.split(['?', '#']).next()?;
    if path.is_empty() || path.contains("://") || path.starts_with("//") || path.contains(':') {
        return None;
    }
    let candidate = match path.strip_prefix('/') {
        Some(root_relative) => dist.join(root_relative),
        None => base.join(path),
    };
    let real = candidate.canonicalize().ok()?;
    (real.starts_with(dist) && real.is_file()).then_some(real)
}

fn native_evaluations(root: &Path) -> Row {
    let metric = "native evaluations/s".to_string();
    if !root.join(NATIVE_BENCH).is_file() {
        return skipped(metric, NATIVE_BENCH);
    }
    let mut cargo = process::cargo();
    cargo.current_dir(root).args([
        "run",
        "--release",
        "--package",
        "facility-calc",
        "--example",
        "bench_native",
    ]);
    measured(metric, &mut cargo)
}

fn js_evaluations(root: &Path) -> Row {
    let metric = "JS API evaluations/s (node)".to_string();
    if !root.join(JS_BENCH).is_file() {
        return skipped(metric, JS_BENCH);
    }
    let mut node = Command::new("node");
    node.current_dir(root).arg(JS_BENCH);
    measured(metric, &mut node)
}

/// The browser benchmark gets the freshly built dist/ served on an ephemeral port, passed as
/// BENCH_BASE_URL (e.g. http://127.0.0.1:40123/), and Chromium at CHROMIUM_PATH.
fn keystroke_latency(root: &Path, dist: &Path) -> Row {
    browser_bench(
        root,
        dist,
        "keystroke → result, median (chromium)",
        KEYSTROKE_BENCH,
    )
}

/// The batch page: a 10,000-row .xlsx and CSV, file chosen → table shown.
fn batch_page_timing(root: &Path, dist: &Path) -> Row {
    browser_bench(
        root,
        dist,
        "batch page, 10,000 rows chosen → shown (chromium)",
        BATCH_PAGE_BENCH,
    )
}

fn browser_bench(root: &Path, dist: &Path, metric: &str, program: &str) -> Row {
    let metric = metric.to_string();
    if !root.join(program).is_file() {
        return skipped(metric, program);
    }
    let prepared = tools::ensure_chromium()
        .and_then(|_| tools::ensure_node_modules(root))
        .and_then(|_| serve::serve_in_background(dist, false));
    let address = match prepared {
        Ok(address) => address,
        Err(e) => {
            eprintln!("xtask: {metric}: {e}");
            return Row {
                metric,
                value: None,
            };
        }
    };
    let mut node = Command::new("node");
    node.current_dir(root)
        .arg(program)
        .env("BENCH_BASE_URL", format!("http://{address}/"))
        .env("CHROMIUM_PATH", tools::CHROMIUM);
    measured(metric, &mut node)
}

/// The pages Lighthouse loads: the demo page, a bureau's page with two elements, the iframe page with
/// options in its address, and the batch page.
const LIGHTHOUSE_PAGES: [&str; 4] = [
    "index.html",
    "bureau.html",
    "widget.html?jurisdiction=xam&settlement=city&households=1250",
    "batch.html",
];

/// Lighthouse (npm `lighthouse`, pinned in package.json to 12.2.3, the last to run on Node 20) in Debian's
/// Chromium, mobile and desktop presets, on dist/ served gzip-compressed as a bureau's server would:
/// one row per page and preset with the performance score, FCP, LCP, TBT and CLS.
fn lighthouse_rows(root: &Path, dist: &Path) -> Vec<Row> {
    let lighthouse = root.join("node_modules").join(".bin").join("lighthouse");
    let prepared = tools::ensure_chromium()
        .and_then(|_| tools::ensure_node_modules(root))
        .and_then(|_| serve::serve_in_background(dist, true));
    let mut rows = Vec::new();
    for page in LIGHTHOUSE_PAGES {
        for preset in ["mobile", "desktop"] {
            let name = page.split('?').next().unwrap_or(page);
            let metric = format!("lighthouse {name}, {preset} (score · FCP · LCP · TBT · CLS)");
            let address = match &prepared {
                Ok(address) => address,
                Err(e) => {
                    eprintln!("xtask: {metric}: {e}");
                    rows.push(Row {
                        metric,
                        value: None,
                    });
                    continue;
                }
            };
            let mut cmd = Command::new(&lighthouse);
            cmd.current_dir(root)
                .arg(format!("http://{address}/{page}"))
                .args([
                    "--only-categories=performance",
                    "--output=json",
                    "--output-path=stdout",
                    "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox",
                ])
                .env("CHROME_PATH", tools::CHROMIUM);
            if preset == "desktop" {
                cmd.arg("--preset=desktop");
            }
            println!("xtask: {}", process::describe(&cmd));
            let value = match cmd.output() {
                Ok(output) if output.status.success() => {
                    lighthouse_summary(&String::from_utf8_lossy(&output.stdout))
                }
                Ok(output) => {
                    eprintln!(
                        "xtask: {metric}: lighthouse failed: {}",
                        String::from_utf8_lossy(&output.stderr).trim()
                    );
                    None
                }
                Err(e) => {
                    eprintln!(
                        "xtask: {metric}: could not run {}: {e}",
                        lighthouse.display()
                    );
                    None
                }
            };
            rows.push(Row { metric, value });
        }
    }
    rows
}

/// "0.97 · 1.2 s · 1.8 s · 40 ms · 0.000" from a Lighthouse JSON report (read by hand: the xtask has
/// no JSON parser). `None` when a value is missing.
fn lighthouse_summary(report: &str) -> Option<String> {
    let performance = &report[report.find("\"categories\"")?..];
    let performance = &performance[performance.find("\"performance\"")?..];
    let score = number_after(performance, "\"score\"")?;
    let audit = |id: &str| -> Option<f64> {
        let at = report.find(&format!("\"id\": \"{id}\""))?;
        number_after(&report[at..], "\"numericValue\"")
    };
    let seconds = |ms: f64| format!("{:.1} s", ms / 1000.0);
    Some(format!(
        "{score:.2} · FCP {} · LCP {} · TBT {:.0} ms · CLS {:.3}",
        seconds(audit("first-contentful-paint")?),
        seconds(audit("largest-contentful-paint")?),
        audit("total-blocking-time")?,
        audit("cumulative-layout-shift")?,
    ))
}

/// The number after the first `key:` in `text`.
fn number_after(text: &str, key: &str) -> Option<f64> {
    let rest = text[text.find(key)? + key.len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | 'e' | 'E' | '+')))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

fn skipped(metric: String, missing: &str) -> Row {
    Row {
        metric,
        value: Some(format!("skipped: {missing} does not exist yet")),
    }
}

/// Runs a benchmark program (its output streams live) and takes its last line as the result.
fn measured(metric: String, cmd: &mut Command) -> Row {
    let mut last_line = String::new();
    let outcome = run_tee(cmd, |line| {
        if !line.trim().is_empty() {
            last_line = line.trim().to_string();
        }
    });
    let value = match outcome {
        Ok(true) if !last_line.is_empty() => Some(result_value(&last_line).to_string()),
        Ok(_) => {
            eprintln!("xtask: {metric}: `{}` failed", process::describe(cmd));
            None
        }
        Err(e) => {
            eprintln!("xtask: {metric}: {e}");
            None
        }
    };
    Row { metric, value }
}

/// "js api: 123,456 evaluations/s" → "123,456 evaluations/s".
fn result_value(line: &str) -> &str {
    line.split_once(": ")
        .map_or(line, |(_, value)| value.trim())
}

fn print_table(rows: &[Row]) {
    let width = rows
        .iter()
        .map(|r| r.metric.chars().count())
        .max()
        .unwrap_or(0);
    println!("\nxtask bench:");
    for row in rows {
        let value = row.value.as_deref().unwrap_or("FAILED (see output above)");
        let padding = width - row.metric.chars().count();
        println!("  {}{}  {value}", row.metric, " ".repeat(padding));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_references_in_html_js_and_css() {
        let html = r#"<link rel="stylesheet" href="facility-calc.css"><script type="module" src='./main.js'></script><a href="https://example.org/">x</a>"#;
        let js = r#"import init, { evaluate } from "./facility_calc.js"; const u = new URL('facility_calc_bg.wasm', import.meta.url); await import(`./lazy.js`);"#;
        let css = "body { background: url(img/bg.svg) } @import url('x.css');";
        let mut found = references_in(html);
        found.extend(references_in(js));
        found.extend(references_in(css));
        assert!(
            !found.iter().any(|f| f == "https://example.org/"),
            "an <a href> is not downloaded: {found:?}"
        );
        for wanted in [
            "facility-calc.css",
            "./main.js",
            "./facility_calc.js",
            "facility_calc_bg.wasm",
            "./lazy.js",
            "img/bg.svg",
            "x.css",
        ] {
            assert!(
                found.iter().any(|f| f == wanted),
                "missing {wanted} in {found:?}"
            );
        }
    }

    #[test]
    fn reads_a_lighthouse_report() {
        let report = r#"{
  "audits": {
    "first-contentful-paint": { "id": "first-contentful-paint", "score": 1, "numericValue": 1234.5 },
    "largest-contentful-paint": { "id": "largest-contentful-paint", "numericValue": 1900 },
    "total-blocking-time": { "id": "total-blocking-time", "numericValue": 42.4 },
    "cumulative-layout-shift": { "id": "cumulative-layout-shift", "numericValue": 0.0123 }
  },
  "categories": { "performance": { "title": "Performance", "score": 0.97 } }
}"#;
        assert_eq!(
            lighthouse_summary(report).as_deref(),
            Some("0.97 · FCP 1.2 s · LCP 1.9 s · TBT 42 ms · CLS 0.012")
        );
        assert_eq!(lighthouse_summary("{}"), None);
    }

    #[test]
    fn result_value_drops_the_label() {
        assert_eq!(
            result_value("js api: 123 evaluations/s"),
            "123 evaluations/s"
        );
        assert_eq!(result_value("42 ms"), "42 ms");
    }
}
