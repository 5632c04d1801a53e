//! `cargo xtask serve`: a small static HTTP/1.1 server for dist/ (std only, one thread per
//! connection, 127.0.0.1 only). Good enough for the demo pages and the browser tests; not a
//! production server.

use crate::Result;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub const DEFAULT_PORT: u16 = 8080;

/// Served on files whose path has a segment starting with `csp` (csp.html, csp/…): the strictest
/// policy a bureau web page might set, so the demo proves the widget works under it.
pub const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const MAX_HEAD_BYTES: usize = 16 * 1024;
const IO_TIMEOUT: Duration = Duration::from_secs(15);

pub struct ServeOptions {
    pub build: bool,
    pub port: u16,
    /// Compress text, JS, CSS and wasm with gzip for clients that accept it, as a bureau's server does.
    pub gzip: bool,
}

impl ServeOptions {
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut options = ServeOptions {
            build: true,
            port: DEFAULT_PORT,
            gzip: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--no-build" => options.build = false,
                "--gzip" => options.gzip = true,
                "--port" => {
                    let value = args.next().ok_or("--port needs a number")?;
                    options.port = parse_port(value)?;
                }
                other => match other.strip_prefix("--port=") {
                    Some(value) => options.port = parse_port(value)?,
                    None => return Err(format!("serve: unknown argument `{other}`")),
                },
            }
        }
        Ok(options)
    }
}

fn parse_port(value: &str) -> Result<u16> {
    value
        .parse()
        .map_err(|_| format!("--port: `{value}` is not a port number"))
}

pub fn serve(root: &Path, options: &ServeOptions) -> Result {
    let dist = if options.build {
        crate::dist::dist(root)?.dir
    } else {
        root.join("dist")
    };
    if !dist.join("index.html").is_file()
        && !dist.join(format!("{}.js", crate::dist::OUT_NAME)).is_file()
    {
        return Err(format!(
            "{} has nothing to serve; run `cargo xtask dist` (or drop --no-build)",
            dist.display()
        ));
    }
    let listener = bind(options.port)?;
    println!(
        "xtask: serving {} on http://127.0.0.1:{}/ (Ctrl-C to stop)",
        dist.display(),
        options.port
    );
    accept_forever(listener, document_root(&dist)?, true, options.gzip);
    Ok(())
}

/// Serves `dir` on an ephemeral loopback port from a background thread (for benchmarks that
/// need a page); the server lives until the process exits. `gzip`: as `--gzip`.
pub fn serve_in_background(dir: &Path, gzip: bool) -> Result<SocketAddr> {
    let listener = bind(0)?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("reading the server's address: {e}"))?;
    let root = document_root(dir)?;
    std::thread::spawn(move || accept_forever(listener, root, false, gzip));
    Ok(address)
}

fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{port}: {e} (is another server running? try --port N)")
    })
}

fn document_root(dir: &Path) -> Result<Arc<PathBuf>> {
    let canonical = dir
        .canonicalize()
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(Arc::new(canonical))
}

fn accept_forever(listener: TcpListener, root: Arc<PathBuf>, log: bool, gzip: bool) {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let root = Arc::clone(&root);
                std::thread::spawn(move || {
                    // A client that hangs up mid-response is normal (reloads, aborted fetches).
                    if let Err(e) = handle_connection(stream, &root, log, gzip)
                        && log
                    {
                        eprintln!("xtask serve: connection error: {e}");
                    }
                });
            }
            Err(e) => eprintln!("xtask serve: accept failed: {e}"),
        }
    }
}

/// One request per connection (`Connection: close`): simple, and plenty fast on loopback.
fn handle_connection(stream: TcpStream, root: &Path, log: bool, gzip: bool) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let response = match read_request_head(&mut reader) {
        Ok(Some(request)) => {
            let mut response = respond(&request, root);
            if gzip && request.accepts_gzip {
                response.compress();
            }
            if log {
                println!(
                    "{} {} {}",
                    request.method, request.target, response.status.0
                );
            }
            response
        }
        Ok(None) => return Ok(()),
        Err(status) => Response::error(status),
    };
    response.write_to(stream)
}

struct Request {
    method: String,
    target: String,
    /// The client sent `Accept-Encoding` naming gzip.
    accepts_gzip: bool,
}

type Status = (u16, &'static str);
const OK: Status = (200, "OK");
const MOVED: Status = (301, "Moved Permanently");
const BAD_REQUEST: Status = (400, "Bad Request");
const FORBIDDEN: Status = (403, "Forbidden");
const NOT_FOUND: Status = (404, "Not Found");
const METHOD_NOT_ALLOWED: Status = (405, "Method Not Allowed");
const HEAD_TOO_LARGE: Status = (431, "Request Header Fields Too Large");

/// Reads the request line and headers (the headers themselves are not needed). `None` when the
/// client connected and sent nothing.
fn read_request_head(reader: &mut impl BufRead) -> std::result::Result<Option<Request>, Status> {
    let mut head_bytes = 0;
    let mut request_line = String::new();
    let mut accepts_gzip = false;
    let mut line = String::new();
    loop {
        line.clear();
        let read = reader
            .by_ref()
            .take((MAX_HEAD_BYTES - head_bytes) as u64 + 1)
            .read_line(&mut line)
            .map_err(|_| BAD_REQUEST)?;
        if read == 0 {
            return if request_line.is_empty() {
                Ok(None)
            } else {
                Err(BAD_REQUEST)
            };
        }
        head_bytes += read;
        if head_bytes > MAX_HEAD_BYTES {
            return Err(HEAD_TOO_LARGE);
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if request_line.is_empty() {
            if trimmed.is_empty() {
                continue; // tolerate stray blank lines before a request (RFC 9112 §2.2)
            }
            request_line = trimmed.to_string();
        } else if trimmed.is_empty() {
            break;
        } else if let Some((name, value)) = trimmed.split_once(':')
            && name.trim().eq_ignore_ascii_case("accept-encoding")
        {
            accepts_gzip |= value
                .split(',')
                .any(|coding| coding.split(';').next().unwrap_or("").trim() == "gzip");
        }
    }
    let mut parts = request_line.split_whitespace();
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(method), Some(target), Some(version), None) if version.starts_with("HTTP/1.") => {
            Ok(Some(Request {
                method: method.to_string(),
                target: target.to_string(),
                accepts_gzip,
            }))
        }
        _ => Err(BAD_REQUEST),
    }
}

struct Response {
    status: Status,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// HEAD: send the headers of the GET response, without its body.
    omit_body: bool,
}

impl Response {
    fn error(status: Status) -> Self {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: format!("{} {}\n", status.0, status.1).into_bytes(),
            omit_body: false,
        }
    }

    /// gzip -9 the body of a successful text, JS, CSS, JSON, SVG or wasm response (`Vary` says so). A body
    /// gzip cannot compress is sent as it is.
    fn compress(&mut self) {
        let compressible = self.headers.iter().any(|(name, value)| {
            *name == "Content-Type"
                && (value.starts_with("text/")
                    || value.starts_with("application/wasm")
                    || value.starts_with("application/json")
                    || value.starts_with("image/svg+xml"))
        });
        if self.status != OK || !compressible {
            return;
        }
        if let Ok(body) = crate::fsutil::gzip_bytes(&self.body) {
            self.body = body;
            self.headers.push(("Content-Encoding", "gzip".into()));
            self.headers.push(("Vary", "Accept-Encoding".into()));
        }
    }

    fn write_to(self, mut stream: TcpStream) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status.0, self.status.1);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        stream.write_all(head.as_bytes())?;
        if !self.omit_body {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

fn respond(request: &Request, root: &Path) -> Response {
    let is_head = request.method == "HEAD";
    if request.method != "GET" && !is_head {
        let mut response = Response::error(METHOD_NOT_ALLOWED);
        response.headers.push(("Allow", "GET, HEAD".into()));
        return response;
    }
    let mut response = match resolve(root, &request.target) {
        Resolved::File(path) => file_response(&path, root),
        Resolved::Redirect(location) => {
            let mut response = Response::error(MOVED);
            response.headers.push(("Location", location));
            response
        }
        Resolved::Error(status) => Response::error(status),
    };
    response.omit_body = is_head;
    response
}

fn file_response(path: &Path, root: &Path) -> Response {
    let body = match fs::read(path) {
        Ok(body) => body,
        Err(_) => return Response::error(NOT_FOUND),
    };
    let mut headers = vec![("Content-Type", content_type(path).to_string())];
    let relative = path.strip_prefix(root).unwrap_or(path);
    if wants_strict_csp(relative) {
        headers.push(("Content-Security-Policy", STRICT_CSP.to_string()));
    }
    Response {
        status: OK,
        headers,
        body,
        omit_body: false,
    }
}

#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    Redirect(String),
    Error(Status),
}

/// Maps a request target to a file under `root`: query and fragment ignored, percent-decoded,
/// `index.html` for directories, and nothing outside `root` (no `..`, no symlink escapes).
fn resolve(root: &Path, target: &str) -> Resolved {
    let path_part = target.split(['?', '#']).next().unwrap_or("");
    if !path_part.starts_with('/') {
        return Resolved::Error(BAD_REQUEST);
    }
    let Some(decoded) = percent_decode(path_part) else {
        return Resolved::Error(BAD_REQUEST);
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Resolved::Error(FORBIDDEN);
    }
    let mut path = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(segment) => path.push(segment),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Resolved::Error(FORBIDDEN);
            }
        }
    }
    if path.is_dir() {
        if !decoded.ends_with('/') {
            // Relative links in the directory's index.html need the trailing slash.
            return Resolved::Redirect(format!("{path_part}/"));
        }
        path.push("index.html");
    }
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Resolved::File(real),
        Ok(real) if !real.starts_with(root) => Resolved::Error(FORBIDDEN),
        _ => Resolved::Error(NOT_FOUND),
    }
}

/// `%E4%BD%A0` → "你"; None for malformed escapes or non-UTF-8 results.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt" | "md" | "ts") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `csp.html`, `csp-embed.html`, `csp/index.html`, …: any path segment starting with "csp".
fn wants_strict_csp(relative: &Path) -> bool {
    relative.components().any(|component| match component {
        Component::Normal(segment) => segment.to_string_lossy().starts_with("csp"),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("csp")).unwrap();
        fs::create_dir_all(dir.join("docs")).unwrap();
        fs::write(dir.join("index.html"), "<h1>hi</h1>").unwrap();
        fs::write(dir.join("csp/index.html"), "csp").unwrap();
        fs::write(dir.join("docs/index.html"), "docs").unwrap();
        fs::write(dir.join("a b.js"), "x").unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn resolves_files_directories_and_refuses_escapes() {
        let root = fixture();
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/index.html?x=1#top"),
            Resolved::File(root.join("index.html"))
        );
        assert_eq!(
            resolve(&root, "/a%20b.js"),
            Resolved::File(root.join("a b.js"))
        );
        assert_eq!(resolve(&root, "/docs"), Resolved::Redirect("/docs/".into()));
        assert_eq!(
            resolve(&root, "/docs/"),
            Resolved::File(root.join("docs/index.html"))
        );
        assert_eq!(resolve(&root, "/missing.js"), Resolved::Error(NOT_FOUND));
        assert_eq!(resolve(&root, "/../etc/passwd"), Resolved::Error(FORBIDDEN));
        assert_eq!(
            resolve(&root, "/%2e%2e/etc/passwd"),
            Resolved::Error(FORBIDDEN)
        );
        assert_eq!(
            resolve(&root, "/docs/..%2f..%2fx"),
            Resolved::Error(FORBIDDEN)
        );
        assert_eq!(resolve(&root, "/%zz"), Resolved::Error(BAD_REQUEST));
        assert_eq!(resolve(&root, "index.html"), Resolved::Error(BAD_REQUEST));
        let _ = fs::remove_dir_all(&root);
    }

    #[test]
    fn content_types_match_what_browsers_require() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("a.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("A.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("a.json")), "application/json");
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
    }

    #[test]
    fn strict_csp_applies_to_csp_pages_only() {
        assert!(wants_strict_csp(Path::new("csp.html")));
        assert!(wants_strict_csp(Path::new("csp/index.html")));
        assert!(wants_strict_csp(Path::new("demo/csp-embed.html")));
        assert!(!wants_strict_csp(Path::new("index.html")));
        assert!(!wants_strict_csp(Path::new("a/not-csp.html")));
    }

    #[test]
    fn parses_request_heads() {
        let mut ok = "GET /x?y HTTP/1.1\r\nHost: a\r\n\r\n".as_bytes();
        let request = read_request_head(&mut ok).unwrap().unwrap();
        assert_eq!(
            (request.method.as_str(), request.target.as_str()),
            ("GET", "/x?y")
        );
        assert!(!request.accepts_gzip);
        let mut gzip = "GET / HTTP/1.1\r\nAccept-Encoding: br, gzip;q=0.9\r\n\r\n".as_bytes();
        assert!(read_request_head(&mut gzip).unwrap().unwrap().accepts_gzip);
        let mut empty = "".as_bytes();
        assert!(read_request_head(&mut empty).unwrap().is_none());
        let mut garbage = "HELLO\r\n\r\n".as_bytes();
        assert_eq!(read_request_head(&mut garbage).err(), Some(BAD_REQUEST));
        let huge = format!(
            "GET / HTTP/1.1\r\nX: {}\r\n\r\n",
            "a".repeat(MAX_HEAD_BYTES)
        );
        assert_eq!(
            read_request_head(&mut huge.as_bytes()).err(),
            Some(HEAD_TOO_LARGE)
        );
    }

    #[test]
    fn parses_options() {
        let args: Vec<String> = ["--no-build", "--port", "9000"].map(String::from).to_vec();
        let options = ServeOptions::parse(&args).unwrap();
        assert!(!options.build);
        assert_eq!(options.port, 9000);
        assert!(!options.gzip);
        assert!(ServeOptions::parse(&["--gzip".to_string()]).unwrap().gzip);
        assert!(ServeOptions::parse(&["--port=x".to_string()]).is_err());
        assert!(ServeOptions::parse(&["--bogus".to_string()]).is_err());
    }
}
