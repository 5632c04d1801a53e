//! `cargo xtask dist`: the release widget, ready to copy onto any web server.
//!
//! dist/ = wasm-bindgen's `--target web` output for each module (the widget's facility_calc.js and
//! facility_calc_bg.wasm; the batch page's facility_calc_batch.js and _bg.wasm; each wasm shrunk by
//! wasm-opt, the .d.ts files, any snippets/) + a copy of www/. Every reference inside is
//! relative, so the folder can be moved or served from any path.

use crate::Result;
use crate::fsutil::{
    copy_tree, create_dir_all, file_size, gzip_size, remove_dir_if_exists, thousands,
};
use crate::process::{self, capture, run};
use crate::tools::{self, BuildTools, WASM_TARGET};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const OUT_NAME: &str = "facility_calc";
const CRATE_PACKAGE: &str = "facility-calc";
/// The batch page's module (batch-web/): spreadsheet reading and writing, loaded by batch.html only, so
/// the widget's own module does not grow.
pub const BATCH_OUT_NAME: &str = "facility_calc_batch";
const BATCH_PACKAGE: &str = "batch-web";

/// Each module dist/ ships: (cargo package, its features, the library's file stem, wasm-bindgen's out name).
/// The widget is built without the `batch` feature, so batch checking adds nothing to its download.
const MODULES: &[(&str, &str, &str, &str)] = &[
    (CRATE_PACKAGE, "widget", OUT_NAME, OUT_NAME),
    (BATCH_PACKAGE, "", BATCH_OUT_NAME, BATCH_OUT_NAME),
];

/// The features rustc's wasm32-unknown-unknown enables by default (LLVM's generic CPU). Naming
/// them, rather than `--all-features`, stops wasm-opt from emitting encodings of newer proposals
/// that browsers (and node 20) can't load.
pub const WASM_OPT_FLAGS: &[&str] = &[
    "-Oz",
    // Repeats the passes while they still shrink the module: ~1 KB gzipped off the widget.
    "--converge",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// What `dist` produced, for callers that report on it.
pub struct DistOutput {
    pub dir: PathBuf,
}

pub fn dist(root: &Path) -> Result<DistOutput> {
    let tools = tools::ensure_build_tools(root)?;
    let target_dir = target_directory(root)?;
    // Per process, so two `dist` runs at once (a developer's and a test run's) can't clobber
    // each other's intermediate files.
    let scratch = ScratchDir(
        target_dir
            .join("xtask")
            .join(format!("bindgen-{}", std::process::id())),
    );
    let staging = scratch.0.as_path();
    remove_dir_if_exists(staging)?;
    let mut unoptimised_sizes = Vec::new();
    for (package, features, lib_name, out_name) in MODULES {
        let wasm = build_wasm(root, &target_dir, package, features, lib_name)?;
        run_wasm_bindgen(&tools, &wasm, staging, out_name)?;
        unoptimised_sizes.push(file_size(&staging.join(format!("{out_name}_bg.wasm")))?);
        optimise_wasm(&tools, staging, out_name)?;
    }
    let dir = root.join("dist");
    assemble(staging, &root.join("www"), &dir)?;
    // The example rule packs (RULE-PACKS.md), for the demo page and the tests to load.
    copy_tree(&root.join("examples/packs"), &dir.join("packs"))?;
    for ((_, _, _, out_name), unoptimised_size) in MODULES.iter().zip(unoptimised_sizes) {
        check_loads_in_node(&dir, out_name)?;
        print_sizes(&dir, out_name, unoptimised_size)?;
    }
    println!("xtask: dist ready in {}", dir.display());
    Ok(DistOutput { dir })
}

/// A directory removed when dropped, whether `dist` succeeded or not.
struct ScratchDir(PathBuf);

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Cargo's target directory, wherever CARGO_TARGET_DIR or config put it.
fn target_directory(root: &Path) -> Result<PathBuf> {
    let metadata = capture(process::cargo().current_dir(root).args([
        "metadata",
        "--format-version",
        "1",
        "--no-deps",
    ]))?;
    json_string_field(&metadata, "target_directory")
        .map(PathBuf::from)
        .ok_or_else(|| "`cargo metadata` printed no target_directory".to_string())
}

/// The string value of the first `"field":"…"` in a JSON text (enough for cargo metadata,
/// without pulling in a JSON crate).
fn json_string_field(json: &str, field: &str) -> Option<String> {
    let key = format!("\"{field}\":\"");
    let start = json.find(&key)? + key.len();
    let mut value = String::new();
    let mut chars = json[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

/// The root Cargo.toml's profile for the downloads: `release` built for size (`release` itself is built
/// for speed, for the command line).
const WASM_PROFILE: &str = "wasm-release";

/// Builds `package` with exactly `features` (its defaults off; "" for its defaults).
fn build_wasm(
    root: &Path,
    target_dir: &Path,
    package: &str,
    features: &str,
    lib_name: &str,
) -> Result<PathBuf> {
    println!("xtask: building {package} for {WASM_TARGET} ({WASM_PROFILE})");
    let mut build = process::cargo();
    build
        .current_dir(root)
        .args(["build", "--profile", WASM_PROFILE, "--target", WASM_TARGET])
        .args(["--package", package]);
    if !features.is_empty() {
        build.args(["--no-default-features", "--features", features]);
    }
    build.arg("--config").arg(remap_cargo_home_config());
    run(&mut build)?;
    let wasm = target_dir
        .join(WASM_TARGET)
        .join(WASM_PROFILE)
        .join(format!("{lib_name}.wasm"));
    if wasm.is_file() {
        Ok(wasm)
    } else {
        Err(format!(
            "the build succeeded but {} is missing",
            wasm.display()
        ))
    }
}

/// Panic locations of registry crates would otherwise ship this machine's home directory
/// (/root/.cargo/registry/…) inside the wasm; remapping makes the output the same on every
/// machine. Set as target rustflags, so add any other wasm rustflags under
/// `[target.wasm32-unknown-unknown]` in .cargo/config.toml (not `[build]`, which this overrides).
fn remap_cargo_home_config() -> String {
    let cargo_home = tools::cargo_home().display().to_string();
    let flag = format!("--remap-path-prefix={cargo_home}=/cargo");
    format!(
        "target.{WASM_TARGET}.rustflags=[\"{}\"]",
        flag.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

fn run_wasm_bindgen(tools: &BuildTools, wasm: &Path, out_dir: &Path, out_name: &str) -> Result {
    create_dir_all(out_dir)?;
    let mut bindgen = Command::new(&tools.wasm_bindgen);
    bindgen
        .args(["--target", "web", "--out-name", out_name, "--out-dir"])
        .arg(out_dir)
        .arg(wasm);
    run(&mut bindgen)
}

fn optimise_wasm(tools: &BuildTools, staging: &Path, out_name: &str) -> Result {
    let wasm = staging.join(format!("{out_name}_bg.wasm"));
    let optimised = staging.join(format!("{out_name}_bg.opt.wasm"));
    let mut wasm_opt = Command::new(&tools.wasm_opt);
    wasm_opt
        .args(WASM_OPT_FLAGS)
        .arg(&wasm)
        .arg("-o")
        .arg(&optimised);
    run(&mut wasm_opt)?;
    std::fs::rename(&optimised, &wasm).map_err(|e| {
        format!(
            "replacing {} with {}: {e}",
            wasm.display(),
            optimised.display()
        )
    })
}

/// A fresh dist/: generated files first, then www/ (which may not overwrite them).
fn assemble(staging: &Path, www: &Path, dist: &Path) -> Result {
    remove_dir_if_exists(dist)?;
    copy_tree(staging, dist)?;
    if www.is_dir() {
        copy_tree(www, dist)?;
    } else {
        println!(
            "xtask: note: {} does not exist; dist/ has only the module",
            www.display()
        );
    }
    Ok(())
}

/// SPEC §8: loading the module must not touch the DOM. Loading it in Node right after building
/// catches that, and a wasm-opt feature mismatch, before any test or browser does.
fn check_loads_in_node(dist: &Path, out_name: &str) -> Result {
    const SCRIPT: &str = "\
        import { readFileSync } from 'node:fs';\
        import { pathToFileURL } from 'node:url';\
        const glue = await import(pathToFileURL(process.argv[1]));\
        await glue.default({ module_or_path: readFileSync(process.argv[2]) });\
        console.log('xtask: dist/' + process.argv[3] + '.js loads in node; exports: ' +\
          Object.keys(glue).filter((name) => name !== 'default').join(', '));";
    let mut node = Command::new("node");
    node.args(["--input-type=module", "-e", SCRIPT])
        .arg(dist.join(format!("{out_name}.js")))
        .arg(dist.join(format!("{out_name}_bg.wasm")))
        .arg(out_name);
    let printed =
        capture(&mut node).map_err(|e| format!("the built module does not load in node: {e}"))?;
    print!("{printed}");
    Ok(())
}

fn print_sizes(dist: &Path, out_name: &str, unoptimised_wasm: u64) -> Result {
    let wasm = dist.join(format!("{out_name}_bg.wasm"));
    let js = dist.join(format!("{out_name}.js"));
    let wasm_size = file_size(&wasm)?;
    println!(
        "xtask: dist/{out_name}_bg.wasm {} bytes (wasm-opt from {}), {} gzipped",
        thousands(wasm_size),
        thousands(unoptimised_wasm),
        thousands(gzip_size(&wasm)?)
    );
    println!(
        "xtask: dist/{out_name}.js {} bytes, {} gzipped",
        thousands(file_size(&js)?),
        thousands(gzip_size(&js)?)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::json_string_field;

    #[test]
    fn reads_a_string_field_with_escapes() {
        let json = r#"{"packages":[],"target_directory":"/a \"b\"/target","version":1}"#;
        assert_eq!(
            json_string_field(json, "target_directory").as_deref(),
            Some("/a \"b\"/target")
        );
        assert_eq!(json_string_field(json, "workspace_root"), None);
    }
}
