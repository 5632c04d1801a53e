//! Small file-system helpers with error messages that name the path.

use crate::Result;
use std::fs;
use std::path::Path;

pub fn remove_dir_if_exists(dir: &Path) -> Result {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("removing {}: {e}", dir.display())),
    }
}

pub fn create_dir_all(dir: &Path) -> Result {
    fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

pub fn read_to_string(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

pub fn file_size(path: &Path) -> Result<u64> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("reading size of {}: {e}", path.display()))
}

/// Copies the contents of `from` into `to` recursively (symlinks are followed). Refuses to
/// overwrite a file that is already there, so a www/ file can never silently replace a
/// generated one.
pub fn copy_tree(from: &Path, to: &Path) -> Result {
    create_dir_all(to)?;
    let entries = fs::read_dir(from).map_err(|e| format!("listing {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("listing {}: {e}", from.display()))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        let metadata =
            fs::metadata(&source).map_err(|e| format!("reading {}: {e}", source.display()))?;
        if metadata.is_dir() {
            copy_tree(&source, &target)?;
        } else {
            if target.exists() {
                return Err(format!(
                    "{} would overwrite {} (a generated file has that name)",
                    source.display(),
                    target.display()
                ));
            }
            fs::copy(&source, &target).map_err(|e| {
                format!("copying {} to {}: {e}", source.display(), target.display())
            })?;
        }
    }
    Ok(())
}

/// Size of `path` compressed with `gzip -9` (gzip is an Essential package on Debian, so
/// shelling out costs no dependency and matches what a web server would send).
pub fn gzip_size(path: &Path) -> Result<u64> {
    let output = std::process::Command::new("gzip")
        .args(["-9", "-c", "-n"])
        .arg(path)
        .output()
        .map_err(|e| format!("could not run gzip: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "gzip -9 {} failed: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout.len() as u64)
}

/// `bytes` compressed with `gzip -9` (for `cargo xtask serve --gzip`).
pub fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("gzip")
        .args(["-9", "-c", "-n"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not run gzip: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("gzip: no stdin")?;
    let input = bytes.to_vec();
    // Written from another thread: gzip's output pipe would fill while this one waits on its input.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().map_err(|e| format!("gzip: {e}"))?;
    let written = writer.join().map_err(|_| "gzip: the writer panicked")?;
    match (output.status.success(), written) {
        (true, Ok(())) => Ok(output.stdout),
        _ => Err("gzip -9 failed".into()),
    }
}

/// 1234567 → "1,234,567": byte counts are easier to compare at a glance.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
