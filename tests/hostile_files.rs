//! Hostile `.xlsx` files (issue 19, bounded unpacking), generated at run time: parts that inflate past the
//! unpacked limit whatever their name, path or attributes; shared strings that expand to gigabytes; counts
//! in the file that lie. Each is given to the built `facility-calc check` with its time and peak memory
//! measured, and read in this process through the same core: each is refused with the reader's own message
//! (exit 2) or read correctly, within [`MAX_SECONDS`] and [`MAX_PEAK_MB`]. Legitimate workbooks (a normal
//! one, one whose strings are big but within the limits) must still read.
//!
//! The figures are printed (`cargo test --features batch --test hostile_files -- --nocapture`). To measure
//! another build of the CLI on the same files (before/after a change), set `FACILITY_CALC_BIN` to it.

#[path = "fixtures/batch/mod.rs"]
mod fixtures;

use facility_calc::batch::{self, Limits, Sheet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generous bounds for a debug build on a shared machine: the reader refuses in well under a second of
/// inflating and a few hundred MB natively in release.
const MAX_SECONDS: f64 = 10.0;
const MAX_PEAK_MB: u64 = 600;
/// A run past these is stopped (an unbounded reader would otherwise take the machine's memory and time).
const KILL_AFTER: Duration = Duration::from_secs(120);
const KILL_ABOVE_MB: u64 = 6 * 1024;

/// One GiB: a bomb's size, four times the unpacked limit (a few MB of file).
const GIB: u64 = 1 << 30;

// ---------------------------------------------------------------------------------------------------
// Packages written by hand, so that every name, attribute and declared size is the test's to choose.

/// One entry of a zip package.
struct Entry {
    name: String,
    content: Content,
    /// Unix mode in the external attributes (0o120777 is a symlink).
    mode: u32,
}

enum Content {
    Stored(Vec<u8>),
    /// A deflate stream that inflates to `prefix`, `pattern` repeated over at least `run` bytes, `suffix`.
    Run {
        prefix: Vec<u8>,
        pattern: Vec<u8>,
        run: u64,
        suffix: Vec<u8>,
    },
}

impl Entry {
    fn file(name: &str, content: Vec<u8>) -> Entry {
        Entry {
            name: name.to_string(),
            content: Content::Stored(content),
            mode: 0o100644,
        }
    }

    fn run(name: &str, prefix: &str, pattern: &str, run: u64, suffix: &str) -> Entry {
        Entry {
            name: name.to_string(),
            content: Content::Run {
                prefix: prefix.into(),
                pattern: pattern.into(),
                run,
                suffix: suffix.into(),
            },
            mode: 0o100644,
        }
    }

    fn symlink(mut self) -> Entry {
        self.mode = 0o120777;
        self
    }
}

/// Bits least significant first, as deflate packs them.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    current: u64,
    used: u32,
}

impl Bits {
    fn push(&mut self, value: u32, count: u32) {
        self.current |= u64::from(value) << self.used;
        self.used += count;
        while self.used >= 8 {
            self.bytes.push(self.current as u8);
            self.current >>= 8;
            self.used -= 8;
        }
    }

    /// A Huffman code goes most significant bit first.
    fn code(&mut self, code: u32, count: u32) {
        let reversed = code.reverse_bits() >> (32 - count);
        self.push(reversed, count);
    }

    /// A literal byte in the fixed Huffman code.
    fn literal(&mut self, byte: u8) {
        if byte < 144 {
            self.code(0x30 + u32::from(byte), 8);
        } else {
            self.code(0x190 + u32::from(byte - 144), 9);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.bytes.push(self.current as u8);
        }
        self.bytes
    }
}

/// The deflate distance code for `distance`, its extra bits and their value.
fn distance_code(distance: u32) -> (u32, u32, u32) {
    if distance <= 4 {
        return (distance - 1, 0, 0);
    }
    (4..30)
        .map(|code: u32| {
            let extra = code / 2 - 1;
            (code, extra, ((2 + (code & 1)) << extra) + 1)
        })
        .find(|&(_, extra, base)| distance < base + (1 << extra))
        .map(|(code, extra, base)| (code, extra, distance - base))
        .unwrap()
}

/// A deflate stream of three blocks: the prefix and the pattern once as fixed-code literals; then the run as
/// "repeat 258 bytes from `pattern.len()` back" in a dynamic block whose only codes are that length and
/// end-of-block (one bit each), so 2 bits give 258 bytes (a 1 GiB run is 1 MB); then the rest of the last
/// pattern and the suffix as literals. Returns the data and the inflated size.
fn deflate_run(prefix: &[u8], pattern: &[u8], run: u64, suffix: &[u8]) -> (Vec<u8>, u64) {
    let period = pattern.len() as u64;
    assert!((1..=258).contains(&period));
    let mut bits = Bits::default();
    bits.push(0, 1); // not the last block
    bits.push(1, 2); // fixed codes
    for &b in prefix.iter().chain(pattern) {
        bits.literal(b);
    }
    bits.code(0, 7); // end of block
    let repeats = run.saturating_sub(period).div_ceil(258);
    let (dcode, dextra, dvalue) = distance_code(period as u32);
    bits.push(0, 1);
    bits.push(2, 2); // dynamic codes
    bits.push(29, 5); // 286 literal/length codes
    bits.push(dcode, 5); // dcode + 1 distance codes
    bits.push(14, 4); // 18 code-length codes
    // Code-length code lengths in their order 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1:
    // 18 (a run of zeros) one bit, 0 and 1 two bits each; so 18 is `0`, 0 is `10`, 1 is `11`.
    for length in [0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2] {
        bits.push(length, 3);
    }
    let zeros = |bits: &mut Bits, mut n: u32| {
        while n >= 11 {
            let take = n.min(138);
            bits.code(0, 1);
            bits.push(take - 11, 7);
            n -= take;
        }
        for _ in 0..n {
            bits.code(0b10, 2);
        }
    };
    zeros(&mut bits, 256);
    bits.code(0b11, 2); // end of block: length 1
    zeros(&mut bits, 28);
    bits.code(0b11, 2); // length 258: length 1
    zeros(&mut bits, dcode);
    bits.code(0b11, 2); // the one distance: length 1
    // Canonical codes: end of block `0`, length 258 `1`; the distance `0`.
    for _ in 0..repeats {
        bits.code(1, 1);
        bits.code(0, 1);
        bits.push(dvalue, dextra);
    }
    bits.code(0, 1); // end of block
    bits.push(1, 1); // the last block
    bits.push(1, 2);
    let periodic = period + 258 * repeats;
    let tail = (period - periodic % period) % period;
    for &b in &pattern[(periodic % period) as usize..][..tail as usize] {
        bits.literal(b);
    }
    for &b in suffix {
        bits.literal(b);
    }
    bits.code(0, 7);
    let size = prefix.len() as u64 + periodic + tail + suffix.len() as u64;
    (bits.finish(), size)
}

fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    let mut crc = !crc;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// The CRC-32 of `a` then `b` from theirs and `b`'s length (zlib's `crc32_combine`: appending `n` zero
/// bits is a linear map, squared for each power of two), so a run's CRC costs no pass over a GiB.
fn crc32_combine(crc_a: u32, crc_b: u32, len_b: u64) -> u32 {
    fn times(matrix: &[u32; 32], mut vector: u32) -> u32 {
        let mut sum = 0;
        let mut i = 0;
        while vector != 0 {
            if vector & 1 != 0 {
                sum ^= matrix[i];
            }
            vector >>= 1;
            i += 1;
        }
        sum
    }
    fn square(matrix: &[u32; 32]) -> [u32; 32] {
        std::array::from_fn(|n| times(matrix, matrix[n]))
    }
    if len_b == 0 {
        return crc_a;
    }
    // One zero bit, then two, four, eight (one zero byte).
    let mut odd = [0u32; 32];
    odd[0] = 0xEDB8_8320;
    for (n, row) in odd.iter_mut().enumerate().skip(1) {
        *row = 1 << (n - 1);
    }
    let mut even = square(&odd);
    odd = square(&even);
    let (mut crc, mut len) = (crc_a, len_b);
    loop {
        even = square(&odd);
        if len & 1 != 0 {
            crc = times(&even, crc);
        }
        len >>= 1;
        if len == 0 {
            break;
        }
        odd = square(&even);
        if len & 1 != 0 {
            crc = times(&odd, crc);
        }
        len >>= 1;
        if len == 0 {
            break;
        }
    }
    crc ^ crc_b
}

/// The CRC-32 of `pattern` repeated `times` times, by doubling.
fn crc32_repeated(pattern: &[u8], times: u64) -> u32 {
    let (mut result, mut result_len) = (0u32, 0u64);
    let (mut power, mut power_len) = (crc32(0, pattern), pattern.len() as u64);
    let mut n = times;
    while n > 0 {
        if n & 1 != 0 {
            result = crc32_combine(result, power, power_len);
            result_len += power_len;
        }
        power = crc32_combine(power, power, power_len);
        power_len *= 2;
        n >>= 1;
    }
    debug_assert_eq!(result_len, pattern.len() as u64 * times);
    result
}

/// A zip package of `entries`, made by a Unix writer (so the mode bits count), every CRC right (a reader
/// that inflates a part to its end finds it whole).
fn package(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    let le16 = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_le_bytes());
    let le32 = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
    for entry in entries {
        let (method, data, size, crc) = match &entry.content {
            Content::Stored(bytes) => (0u16, bytes.clone(), bytes.len() as u64, crc32(0, bytes)),
            Content::Run {
                prefix,
                pattern,
                run,
                suffix,
            } => {
                let (data, size) = deflate_run(prefix, pattern, *run, suffix);
                let periodic = size - prefix.len() as u64 - suffix.len() as u64;
                let crc = crc32_repeated(pattern, periodic / pattern.len() as u64);
                let crc = crc32_combine(crc32(0, prefix), crc, periodic);
                let crc = crc32_combine(crc, crc32(0, suffix), suffix.len() as u64);
                (8, data, size, crc)
            }
        };
        let size = u32::try_from(size).expect("an entry under 4 GiB");
        let offset = out.len() as u32;
        let name = entry.name.as_bytes();
        le32(&mut out, 0x0403_4b50);
        for v in [20, 0, method, 0, 0x21] {
            le16(&mut out, v); // version needed, flags, method, time, date
        }
        for v in [crc, data.len() as u32, size] {
            le32(&mut out, v);
        }
        le16(&mut out, name.len() as u16);
        le16(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(&data);

        le32(&mut directory, 0x0201_4b50);
        for v in [0x031E, 20, 0, method, 0, 0x21] {
            le16(&mut directory, v); // made by Unix, version needed, flags, method, time, date
        }
        for v in [crc, data.len() as u32, size] {
            le32(&mut directory, v);
        }
        for v in [name.len() as u16, 0, 0, 0, 0] {
            le16(&mut directory, v); // name, extra, comment, disk, internal attributes
        }
        le32(&mut directory, entry.mode << 16);
        le32(&mut directory, offset);
        directory.extend_from_slice(name);
    }
    let at = out.len() as u32;
    out.extend_from_slice(&directory);
    le32(&mut out, 0x0605_4b50);
    for v in [0, 0, entries.len() as u16, entries.len() as u16] {
        le16(&mut out, v);
    }
    le32(&mut out, directory.len() as u32);
    le32(&mut out, at);
    le16(&mut out, 0);
    out
}

/// The parts of a workbook written by rust_xlsxwriter, in order.
fn parts_of(xlsx: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            part.read_to_end(&mut content).unwrap();
            (part.name().unwrap().to_string(), content)
        })
        .collect()
}

/// A real workbook's parts with some replaced (`Some`) or removed (`None`), then the extra entries.
fn workbook_with(
    rows: &[&[&str]],
    replace: impl Fn(&str, &[u8]) -> Option<Option<Entry>>,
    extra: Vec<Entry>,
) -> Vec<u8> {
    let mut entries = Vec::new();
    for (name, content) in parts_of(&fixtures::xlsx(rows)) {
        match replace(&name, &content) {
            Some(Some(entry)) => entries.push(entry),
            Some(None) => {}
            None => entries.push(Entry::file(&name, content)),
        }
    }
    entries.extend(extra);
    package(&entries)
}

const SHEET_PART: &str = "xl/worksheets/sheet1.xml";
const STRINGS_PART: &str = "xl/sharedStrings.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";
const HEADER: &[&str] = &["社区名称", "户数"];
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>户数</t></is></c></row>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";
const SST_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">"#;

/// A workbook whose worksheet is stored as `name` (the workbook's link to it says so) and inflates to `run`
/// blanks between its rows, marked as a symlink when `symlink`.
fn sheet_bomb(name: &'static str, symlink: bool) -> Vec<u8> {
    let target = name.strip_prefix("xl/").unwrap().to_string();
    workbook_with(
        &[HEADER, &["幸福社区", "1250"]],
        move |part, content| {
            if part == SHEET_PART {
                let entry = Entry::run(name, SHEET_HEAD, " ", GIB, SHEET_TAIL);
                Some(Some(if symlink { entry.symlink() } else { entry }))
            } else if part == WORKBOOK_RELS {
                let rels = String::from_utf8(content.to_vec()).unwrap();
                Some(Some(Entry::file(
                    part,
                    rels.replace("worksheets/sheet1.xml", &target).into_bytes(),
                )))
            } else {
                None
            }
        },
        vec![],
    )
}

/// A worksheet whose `cells` cells (below the header) all refer to shared string 0.
fn cells_referring_to_string_0(cells: usize) -> String {
    let mut xml = SHEET_HEAD.to_string();
    for r in 2..cells + 2 {
        xml.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#
        ));
    }
    xml.push_str(SHEET_TAIL);
    xml
}

/// A workbook whose shared strings part (as `symlink`) is `strings`, and whose sheet is `sheet`.
fn strings_bomb(strings: Entry, sheet: String) -> Vec<u8> {
    let strings = std::cell::RefCell::new(Some(strings));
    workbook_with(
        &[HEADER, &["幸福社区", "1250"]],
        |part, _| match part {
            STRINGS_PART => Some(strings.borrow_mut().take()),
            SHEET_PART => Some(Some(Entry::file(part, sheet.clone().into_bytes()))),
            _ => None,
        },
        vec![],
    )
}

/// The rows a workbook was written from, as the reader must give them back.
type Rows = Vec<Vec<String>>;

enum Expect {
    /// Refused with this `ReadError` code (exit 2, its message on stderr).
    Refused(&'static str),
    /// Read, with these rows below the header (exit 0 or 1: checked).
    Reads(Rows),
}

struct Case {
    what: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

fn rows_of(rows: &[&[&str]]) -> Rows {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    // Legitimate workbooks.
    let normal: &[&[&str]] = &[
        &["社区名称", "旗区", "社区类型", "户数", "规划面积"],
        &["幸福社区", "兴安盟", "城市社区", "1250", "420"],
        &["和平社区", "兴安盟", "城市社区", "1000", "300"],
    ];
    cases.push(Case {
        what: "a normal workbook",
        bytes: fixtures::xlsx(normal),
        expect: Expect::Reads(rows_of(&normal[1..])),
    });
    // 400 distinct remarks of 30,000 characters (36 MB of shared strings), and one used by 2,000 cells.
    let big: Vec<Vec<String>> = (0..400)
        .map(|i| {
            let remark = format!("{i:04}{}", "备注".repeat(15_000 - 2));
            vec![format!("社区{i}"), "1250".to_string(), remark]
        })
        .collect();
    let mut big_rows: Vec<Vec<&str>> = vec![vec!["社区名称", "户数", "备注"]];
    big_rows.extend(big.iter().map(|r| r.iter().map(String::as_str).collect()));
    let big_refs: Vec<&[&str]> = big_rows.iter().map(Vec::as_slice).collect();
    cases.push(Case {
        what: "400 distinct 30,000-character strings",
        bytes: fixtures::xlsx(&big_refs),
        expect: Expect::Reads(big),
    });
    let long = "长".repeat(30_000);
    let repeated: Vec<Vec<String>> = (0..2000)
        .map(|i| vec![format!("社区{i}"), long.clone()])
        .collect();
    let mut repeated_rows: Vec<Vec<&str>> = vec![vec!["社区名称", "备注"]];
    repeated_rows.extend(
        repeated
            .iter()
            .map(|r| r.iter().map(String::as_str).collect()),
    );
    let repeated_refs: Vec<&[&str]> = repeated_rows.iter().map(Vec::as_slice).collect();
    cases.push(Case {
        what: "one 30,000-character string in 2,000 cells",
        bytes: fixtures::xlsx(&repeated_refs),
        expect: Expect::Reads(repeated),
    });

    // Parts that inflate past the limit, under every name a reader opens.
    cases.push(Case {
        what: "1 GiB worksheet",
        bytes: sheet_bomb(SHEET_PART, false),
        expect: Expect::Refused("zip_bomb"),
    });
    cases.push(Case {
        what: "1 GiB worksheet under xl/media/",
        bytes: sheet_bomb("xl/media/sheet1.xml", false),
        expect: Expect::Refused("zip_bomb"),
    });
    cases.push(Case {
        what: "1 GiB worksheet marked as a symlink",
        bytes: sheet_bomb(SHEET_PART, true),
        expect: Expect::Refused("zip_bomb"),
    });
    cases.push(Case {
        what: "1 GiB worksheet named sheet1.xml/",
        bytes: sheet_bomb("xl/worksheets/sheet1.xml/", false),
        expect: Expect::Refused("zip_bomb"),
    });

    // Shared strings that expand to far more than they unpack to.
    let sst_tail = "</t></si></sst>";
    let one_string = |run: u64| {
        Entry::run(
            STRINGS_PART,
            &format!("{SST_HEAD}<si><t>"),
            "a",
            run,
            sst_tail,
        )
    };
    cases.push(Case {
        what: "1 GiB shared string marked as a symlink",
        bytes: strings_bomb(one_string(GIB).symlink(), cells_referring_to_string_0(20)),
        expect: Expect::Refused("too_much_text"),
    });
    cases.push(Case {
        what: "one 100 MB shared string in 20 cells",
        bytes: strings_bomb(one_string(100 << 20), cells_referring_to_string_0(20)),
        expect: Expect::Refused("too_much_text"),
    });
    cases.push(Case {
        what: "one 10 MB shared string in 20 cells",
        bytes: strings_bomb(one_string(10 << 20), cells_referring_to_string_0(20)),
        expect: Expect::Refused("corrupt"),
    });
    let empties = |count: u64, declared: bool| {
        let head = if declared {
            SST_HEAD.replace("uniqueCount=\"1\"", &format!("uniqueCount=\"{count}\""))
        } else {
            SST_HEAD.replace(" count=\"1\" uniqueCount=\"1\"", "")
        };
        Entry::run(STRINGS_PART, &head, "<si/>", 5 * count, "</sst>")
    };
    cases.push(Case {
        what: "40 million empty shared strings, declared",
        bytes: strings_bomb(empties(40_000_000, true), cells_referring_to_string_0(20)),
        expect: Expect::Refused("too_much_text"),
    });
    cases.push(Case {
        what: "40 million empty shared strings, undeclared",
        bytes: strings_bomb(empties(40_000_000, false), cells_referring_to_string_0(20)),
        expect: Expect::Refused("too_much_text"),
    });

    // Declared counts that lie: never trusted for an allocation, so the file reads as it is.
    let named: &[&[&str]] = &[HEADER, &["幸福社区", "1250"]];
    for count in ["99999999999999", "4000000000"] {
        let bytes = workbook_with(
            named,
            |part, content| {
                (part == STRINGS_PART).then(|| {
                    let text = String::from_utf8(content.to_vec()).unwrap();
                    let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
                    let end = at + text[at..].find('"').unwrap();
                    let lying = format!("{}{count}{}", &text[..at], &text[end..]);
                    Some(Entry::file(part, lying.into_bytes()))
                })
            },
            vec![],
        );
        cases.push(Case {
            what: if count.len() > 10 {
                "uniqueCount=\"99999999999999\""
            } else {
                "uniqueCount=\"4000000000\""
            },
            bytes,
            expect: Expect::Reads(rows_of(&named[1..])),
        });
    }
    cases
}

// ---------------------------------------------------------------------------------------------------
// Running the CLI with its time and peak memory measured.

struct Measured {
    /// The exit code; `None` when killed by a signal (an abort) or stopped by this test.
    code: Option<i32>,
    seconds: f64,
    peak_mb: u64,
    stopped: bool,
    stderr: String,
}

fn bin() -> PathBuf {
    std::env::var_os("FACILITY_CALC_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_facility-calc")))
}

/// The peak resident memory (`VmHWM`) of a running process, in kB.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `facility-calc check <file>`, reading its peak memory from /proc while it runs (every
/// millisecond: what a process allocates in its last millisecond is not seen, a few MB at most).
fn run_check(file: &Path) -> Measured {
    let stderr_path = file.with_extension("stderr");
    let stderr = std::fs::File::create(&stderr_path).unwrap();
    let start = Instant::now();
    let mut child = Command::new(bin())
        .arg("check")
        .arg(file)
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut peak = 0;
    let mut stopped = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        peak = peak.max(peak_kb(child.id()).unwrap_or(0));
        if start.elapsed() > KILL_AFTER || peak / 1024 > KILL_ABOVE_MB {
            let _ = child.kill();
            stopped = true;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    Measured {
        code: status.code(),
        seconds: start.elapsed().as_secs_f64(),
        peak_mb: peak.div_ceil(1024),
        stopped,
        stderr: std::fs::read_to_string(&stderr_path).unwrap_or_default(),
    }
}

/// Why the reader's result is not the one expected, if it is not.
fn check_read(result: &Result<Sheet, batch::ReadError>, expect: &Expect) -> Option<String> {
    match (result, expect) {
        (Err(e), Expect::Refused(code)) if e.code == *code => None,
        (Ok(sheet), Expect::Reads(rows)) => {
            let got: Rows = sheet
                .rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.text().into_owned()).collect())
                .collect();
            (got != *rows).then(|| {
                format!(
                    "read {} rows, not the {} written (or their cells differ)",
                    got.len(),
                    rows.len()
                )
            })
        }
        (Err(e), _) => Some(format!("refused: {} {}", e.code, e.message)),
        (Ok(sheet), _) => Some(format!("read {} rows", sheet.rows.len())),
    }
}

#[test]
fn hostile_files_are_refused_or_read_within_bounds() {
    let dir = std::env::temp_dir().join(format!("facility-calc-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    println!(
        "{:<44} {:>9} {:>8} {:>8}  result",
        "case", "file", "seconds", "peak MB"
    );
    for (i, case) in cases().into_iter().enumerate() {
        let file = dir.join(format!("case{i}.xlsx"));
        std::fs::write(&file, &case.bytes).unwrap();
        let run = run_check(&file);
        let outcome = match (run.stopped, run.code) {
            (true, _) => "stopped".to_string(),
            (false, Some(code)) => format!("exit {code}"),
            (false, None) => "killed by a signal".to_string(),
        };
        println!(
            "{:<44} {:>9} {:>8.2} {:>8}  {outcome}",
            case.what,
            format!("{} KB", case.bytes.len().div_ceil(1024)),
            run.seconds,
            run.peak_mb
        );
        let mut fail = |why: String| failures.push(format!("{}: {why}", case.what));
        if run.seconds > MAX_SECONDS {
            fail(format!("{:.2} s (at most {MAX_SECONDS})", run.seconds));
        }
        if run.peak_mb > MAX_PEAK_MB {
            fail(format!("{} MB peak (at most {MAX_PEAK_MB})", run.peak_mb));
        }
        let expected_code = match case.expect {
            Expect::Refused(_) => matches!(run.code, Some(2)),
            Expect::Reads(_) => matches!(run.code, Some(0 | 1)),
        };
        if !expected_code || run.stopped {
            fail(format!("{outcome}: {}", run.stderr.trim()));
            continue;
        }
        // The same file through the core in this process: the expected result, and the CLI said its words.
        let result = batch::read_file(&case.bytes, "x.xlsx", &Limits::DEFAULT);
        if let Some(why) = check_read(&result, &case.expect) {
            fail(why);
        }
        if let Err(e) = &result
            && !(run.stderr.contains(&e.message_zh) && run.stderr.contains(&e.message))
        {
            fail(format!("stderr lacks the reader's message: {}", run.stderr));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The generated packages are what they claim: a run inflates to its pattern, with its CRC right.
#[test]
fn generated_runs_inflate_to_their_pattern() {
    use std::io::Read;
    assert_eq!(crc32_repeated(b"<si/>", 3), crc32(0, b"<si/><si/><si/>"));
    for (pattern, run) in [(" ", 1000), ("<si/>", 5 * 999), ("ab", 3)] {
        let bytes = package(&[Entry::run("a.xml", "<x>", pattern, run, "</x>")]);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        archive
            .by_index(0)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let inner = &text["<x>".len()..text.len() - "</x>".len()];
        assert!(inner.len() as u64 >= run && inner.len().is_multiple_of(pattern.len()));
        assert_eq!(inner, pattern.repeat(inner.len() / pattern.len()));
    }
}
