//! `cargo xtask <command>`: the project's developer commands.
//!
//! Every command installs what it needs when it is missing (and says why), so the same commands work
//! on a developer's machine, on CI and on a fresh Debian box with only rustup, node and npm.

mod bench;
mod bench_batch;
mod dist;
mod fsutil;
mod fuzz;
mod process;
mod serve;
mod suite;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Errors are plain messages with their context already written in: this is a developer tool, and
/// the message is what the developer needs to read.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  dist                         build the release widget into dist/ (wasm + JS glue + www/)
  serve [--no-build] [--port N] build dist/ (unless --no-build) and serve it on http://127.0.0.1:8080
  test                         the whole suite: fmt, native tests, dist, node tests, browser tests
  bench                        sizes (raw and gzip -9), evaluations per second, keystroke latency
  fuzz [--cases N]             the native property tests with N cases each (default 1,000,000)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode> {
    let root = repo_root();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => {
            eprint!("{USAGE}");
            return Ok(ExitCode::from(2));
        }
    };
    match command {
        "dist" => {
            expect_no_arguments("dist", rest)?;
            dist::dist(&root).map(|_| ExitCode::SUCCESS)
        }
        "serve" => {
            let options = serve::ServeOptions::parse(rest)?;
            serve::serve(&root, &options).map(|_| ExitCode::SUCCESS)
        }
        "test" => {
            expect_no_arguments("test", rest)?;
            suite::test(&root)
        }
        "bench" => {
            expect_no_arguments("bench", rest)?;
            bench::bench(&root)
        }
        "fuzz" => fuzz::fuzz(&root, fuzz::parse_cases(rest)?),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}

fn expect_no_arguments(command: &str, rest: &[String]) -> Result {
    match rest.first() {
        None => Ok(()),
        Some(extra) => Err(format!(
            "`{command}` takes no arguments (got `{extra}`)\n\n{USAGE}"
        )),
    }
}

/// The workspace root is this crate's parent, whatever directory the command was started from.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}
