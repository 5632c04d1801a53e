//! Running child processes: echo the command, stream its output live, and turn failures into
//! messages that name the command.

use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The cargo that is running us (set by `cargo run`), so nested builds use the same toolchain.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// `cmd` as a shell-like line, for logs and error messages.
pub fn describe(cmd: &Command) -> String {
    let program = PathBuf::from(cmd.get_program());
    let name = program.file_name().map_or_else(
        || program.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let mut line = name;
    for arg in cmd.get_args() {
        let arg = arg.to_string_lossy();
        line.push(' ');
        if arg.is_empty() || arg.contains([' ', '"', '\'']) {
            line.push_str(&format!("'{arg}'"));
        } else {
            line.push_str(&arg);
        }
    }
    line
}

/// Runs `cmd` with the terminal's stdin/stdout/stderr; an error unless it exits successfully.
pub fn run(cmd: &mut Command) -> Result {
    if run_status(cmd)? {
        Ok(())
    } else {
        Err(format!("`{}` failed", describe(cmd)))
    }
}

/// Runs `cmd` with inherited output and reports whether it succeeded (an error only if it could
/// not be started at all).
pub fn run_status(cmd: &mut Command) -> Result<bool> {
    println!("+ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    Ok(status.success())
}

/// Runs `cmd`, echoing its stdout line by line as it arrives while handing each line to
/// `on_line` (stderr goes straight to the terminal). Returns whether it succeeded.
pub fn run_tee(cmd: &mut Command, mut on_line: impl FnMut(&str)) -> Result<bool> {
    println!("+ {}", describe(cmd));
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    let stdout = child.stdout.take().expect("stdout was piped");
    let mut reader = BufReader::new(stdout);
    let mut line = Vec::new();
    let mut terminal = std::io::stdout();
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("reading output of `{}`: {e}", describe(cmd)))?;
        if read == 0 {
            break;
        }
        // Echo the bytes untouched; parse a lossy copy (test output may not be UTF-8).
        let _ = terminal.write_all(&line);
        let _ = terminal.flush();
        on_line(String::from_utf8_lossy(&line).trim_end_matches(['\r', '\n']));
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{}`: {e}", describe(cmd)))?;
    Ok(status.success())
}

/// Runs `cmd` quietly and returns its stdout; an error (with its stderr) unless it succeeds.
pub fn capture(cmd: &mut Command) -> Result<String> {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", describe(cmd)))?;
    if !output.status.success() {
        return Err(format!(
            "`{}` failed: {}",
            describe(cmd),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Whether `program` can be started at all (found on PATH or at the given path).
pub fn is_runnable(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}
