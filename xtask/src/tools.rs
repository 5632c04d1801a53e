//! Making sure the tools each command needs are installed, idempotently, saying what is installed
//! and why. Everything here must work on a fresh Debian machine that has only rustup/cargo,
//! node + npm and python3.

use crate::Result;
use crate::process::{self, capture, run};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The tools `dist` needs, located.
pub struct BuildTools {
    pub wasm_bindgen: PathBuf,
    pub wasm_opt: PathBuf,
}

pub fn ensure_build_tools(root: &Path) -> Result<BuildTools> {
    ensure_wasm_target()?;
    let wasm_bindgen = ensure_wasm_bindgen(root)?;
    ensure_node_modules(root)?;
    let wasm_opt = wasm_opt_path(root)?;
    Ok(BuildTools {
        wasm_bindgen,
        wasm_opt,
    })
}

fn rustup() -> Command {
    Command::new(cargo_bin_or_path("rustup"))
}

/// `~/.cargo/bin/<name>` if it exists (a fresh shell may not have it on PATH), else `<name>`.
fn cargo_bin_or_path(name: &str) -> PathBuf {
    let in_cargo_home = cargo_home().join("bin").join(name);
    if in_cargo_home.is_file() {
        in_cargo_home
    } else {
        PathBuf::from(name)
    }
}

pub fn cargo_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home);
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
    PathBuf::from(home).join(".cargo")
}

pub fn ensure_wasm_target() -> Result {
    let installed = capture(rustup().args(["target", "list", "--installed"])).map_err(|e| {
        format!(
            "{e}\n(rustup is needed to add the {WASM_TARGET} target; install it from rustup.rs)"
        )
    })?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("xtask: installing the {WASM_TARGET} target because the toolchain lacks it");
    run(rustup().args(["target", "add", WASM_TARGET]))
}

pub fn ensure_rustfmt() -> Result {
    ensure_component("rustfmt", "`cargo fmt --check`")
}

pub fn ensure_clippy() -> Result {
    ensure_component("clippy", "`cargo clippy`")
}

/// A rustup component, installed if missing.
fn ensure_component(name: &str, needed_by: &str) -> Result {
    let installed = capture(rustup().args(["component", "list", "--installed"]))?;
    if installed.lines().any(|line| line.starts_with(name)) {
        return Ok(());
    }
    println!("xtask: installing {name} because {needed_by} needs it");
    run(rustup().args(["component", "add", name]))
}

/// The exact wasm-bindgen version in Cargo.lock: the CLI must match it byte for byte, or the
/// generated glue and the wasm disagree.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock_path = root.join("Cargo.lock");
    let lock = crate::fsutil::read_to_string(&lock_path)?;
    version_of_locked_package(&lock, "wasm-bindgen").ok_or_else(|| {
        format!(
            "{} has no `wasm-bindgen` package; is it a dependency of facility-calc?",
            lock_path.display()
        )
    })
}

/// Finds `version = "…"` of `[[package]] name = "<name>"` in a Cargo.lock text.
fn version_of_locked_package(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == wanted {
            let version_line = lines.next()?;
            let version = version_line
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_string());
        }
    }
    None
}

pub fn ensure_wasm_bindgen(root: &Path) -> Result<PathBuf> {
    let wanted = locked_wasm_bindgen_version(root)?;
    let installed_in_cargo_home = cargo_home().join("bin").join("wasm-bindgen");
    let candidates = [
        PathBuf::from("wasm-bindgen"),
        installed_in_cargo_home.clone(),
    ];
    let mut seen = Vec::new();
    for candidate in candidates {
        match wasm_bindgen_version(&candidate) {
            Some(version) if version == wanted => return Ok(candidate),
            Some(version) => seen.push(format!("{} is {version}", candidate.display())),
            None => {}
        }
    }
    let why = if seen.is_empty() {
        "it is not installed".to_string()
    } else {
        seen.join(", ")
    };
    println!(
        "xtask: installing wasm-bindgen-cli {wanted} because Cargo.lock pins wasm-bindgen {wanted} \
         and {why} (takes ~2.5 min)"
    );
    // No --locked: the registry mirror lacks some patch releases that the CLI's own lock names.
    run(process::cargo().args(["install", "wasm-bindgen-cli", "--version", &wanted]))?;
    match wasm_bindgen_version(&installed_in_cargo_home) {
        Some(version) if version == wanted => Ok(installed_in_cargo_home),
        other => Err(format!(
            "after installing, {} reports {:?}, not {wanted}",
            installed_in_cargo_home.display(),
            other
        )),
    }
}

/// "wasm-bindgen 0.2.130" → "0.2.130"; None when the program can't be run.
fn wasm_bindgen_version(program: &Path) -> Option<String> {
    let output = capture(Command::new(program).arg("--version")).ok()?;
    output.split_whitespace().nth(1).map(str::to_string)
}

/// `npm ci` when node_modules is missing or older than package-lock.json. The stamp records when
/// node_modules last matched the lock file.
pub fn ensure_node_modules(root: &Path) -> Result {
    let lock = root.join("package-lock.json");
    let stamp = root.join("node_modules").join(".xtask-npm-ci-stamp");
    let reason = match (modified(&stamp), modified(&lock)) {
        (_, None) => return Err(format!("{} is missing", lock.display())),
        (None, _) => "node_modules is missing or was not installed by xtask",
        (Some(stamp_time), Some(lock_time)) if lock_time > stamp_time => {
            "package-lock.json changed since the last install"
        }
        _ => return Ok(()),
    };
    require_program(
        "npm",
        "node 20 and npm are needed for wasm-opt and the browser tests",
    )?;
    println!("xtask: installing node modules (npm ci) because {reason}");
    let mut npm_ci = Command::new("npm");
    npm_ci
        .current_dir(root)
        .args(["ci", "--no-audit", "--no-fund"])
        // Playwright drives the system Chromium; it must never try to download a browser.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    run(&mut npm_ci)?;
    std::fs::write(&stamp, "npm ci done by cargo xtask\n")
        .map_err(|e| format!("writing {}: {e}", stamp.display()))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// wasm-opt from npm's `binaryen` (Debian's is too old to read current rustc output).
pub fn wasm_opt_path(root: &Path) -> Result<PathBuf> {
    let path = root.join("node_modules").join(".bin").join("wasm-opt");
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{} is missing; is `binaryen` in package.json's devDependencies?",
            path.display()
        ))
    }
}

pub fn playwright_path(root: &Path) -> PathBuf {
    root.join("node_modules").join(".bin").join("playwright")
}

/// A Chinese font, so the browser tests' screenshots show text instead of boxes (small: ~5 MB).
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// Debian's Chromium for the browser tests (Playwright's own browser download can't work here), and a CJK
/// font for readable screenshots. Chromium is required; the font only makes screenshots legible, so failing
/// to install it is a warning.
pub fn ensure_chromium() -> Result {
    let need_chromium = !Path::new(CHROMIUM).exists();
    let need_font = !Path::new(CJK_FONT).exists();
    if !need_chromium && !need_font {
        return Ok(());
    }
    run(&mut as_root(&["apt-get", "update"]))?;
    if need_chromium {
        println!("xtask: installing chromium and chromium-driver because {CHROMIUM} is missing");
        run(
            as_root(&["apt-get", "install", "-y", "chromium", "chromium-driver"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
        if !Path::new(CHROMIUM).exists() {
            return Err(format!(
                "apt-get installed chromium but {CHROMIUM} is still missing"
            ));
        }
    }
    if need_font {
        println!(
            "xtask: installing fonts-wqy-microhei because {CJK_FONT} is missing (Chinese text in screenshots)"
        );
        let installed = run(as_root(&["apt-get", "install", "-y", "fonts-wqy-microhei"])
            .env("DEBIAN_FRONTEND", "noninteractive"));
        if let Err(e) = installed {
            eprintln!(
                "xtask: warning: no CJK font ({e}); screenshots will show boxes for Chinese text"
            );
        }
    }
    Ok(())
}

/// `args` as a command run by root: directly when we are root, else through sudo.
fn as_root(args: &[&str]) -> Command {
    let (program, rest) = args.split_first().expect("a command line has a program");
    if is_root() {
        let mut cmd = Command::new(program);
        cmd.args(rest);
        cmd
    } else {
        let mut cmd = Command::new("sudo");
        // sudo drops the environment by default; keep DEBIAN_FRONTEND for apt-get.
        cmd.arg("--preserve-env=DEBIAN_FRONTEND").args(args);
        cmd
    }
}

fn is_root() -> bool {
    capture(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

pub fn require_program(program: &str, why: &str) -> Result {
    if process::is_runnable(program) {
        Ok(())
    } else {
        Err(format!("`{program}` is not installed: {why}"))
    }
}

#[cfg(test)]
mod tests {
    use super::version_of_locked_package;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

    #[test]
    fn finds_the_exact_package_not_a_prefix() {
        assert_eq!(
            version_of_locked_package(LOCK, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(version_of_locked_package(LOCK, "yew"), None);
    }
}
