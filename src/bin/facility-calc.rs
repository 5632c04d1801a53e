//! `facility-calc`: the batch check for scripts and scheduled jobs (issue 9). The same core as the batch page
//! (`facility_calc::batch`); a few lines of std argument parsing, no web crates.
//!
//! Exit codes: 0 every row passes · 1 some row fails, is incomplete or has bad input · 2 the file cannot be
//! read or written, or the command line is wrong (message on stderr).

use facility_calc::Ruleset;
use facility_calc::batch::{
    self, Limits, Mapping, MatchStatus, Report, RowVerdict, SheetChoices, Summary, Target,
};
use facility_calc::number::format_number;
use facility_calc::standards::standards_used;
use facility_calc::text::Lang;
use std::io::{Read, Write};
#[cfg(not(target_arch = "wasm32"))]
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// A row is about ten small allocations (its cells, names, messages): mimalloc makes them cheaper.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const HELP_HEAD: &str = "\
facility-calc — 社区综合服务设施批量检查 / batch check of community service facilities

USAGE
  facility-calc check <communities.xlsx|.csv> [-o <checked.xlsx|.csv>] [OPTIONS]
  facility-calc template -o <模板.xlsx|模板.csv> [--rules <pack.json>]
  facility-calc --help | --version

check
  Reads the first sheet with data (.xlsx from Excel or WPS; CSV or tab-separated text in UTF-8, UTF-16
  or GBK/GB18030), matches its headers (社区名称, 旗区, 社区类型, 建设类型, 户数, 常住人口, 规划面积,
  办公面积, 活动面积… or the English names), checks every row, and either writes the results beside the
  original columns (-o: .xlsx with coloured verdicts, or .csv as UTF-8 with BOM) or prints a summary table.
";

const HELP_TAIL: &str = "\
EXIT STATUS
  0  every row passes (达标)
  1  some row fails (不达标), is incomplete (待补充) or has bad input (输入有误)
  2  the file cannot be read or written, or the command line is wrong
";

/// One command-line option: the parser and `--help` both read [`OPTIONS`], so an option cannot be
/// accepted without being documented, or documented without being accepted.
struct Opt {
    /// Its spellings, the first as `--help` shows it (`-o, --output`).
    names: &'static [&'static str],
    /// What its value is, as `--help` shows it; every option here takes one.
    value: &'static str,
    help: &'static str,
    apply: fn(&mut Options, String) -> Result<(), Usage>,
}

const OPTIONS: &[Opt] = &[
    Opt {
        names: &["-o", "--output"],
        value: "<file>",
        help: "write the results; the format follows the extension (.xlsx or .csv)",
        apply: |o, v| {
            o.output = Some(PathBuf::from(v));
            Ok(())
        },
    },
    Opt {
        names: &["--jurisdiction"],
        value: "<id|name>",
        help: "for the whole sheet where it has no column or a blank cell (xam, 兴安盟, 东胜区…)",
        apply: |o, v| {
            o.choices.set(Target::Jurisdiction, v);
            Ok(())
        },
    },
    Opt {
        names: &["--settlement"],
        value: "<id|name>",
        help: "community type for the whole sheet (city, 城市社区, 牧区嘎查村…)",
        apply: |o, v| {
            o.choices.set(Target::Settlement, v);
            Ok(())
        },
    },
    Opt {
        names: &["--construction"],
        value: "<id|name>",
        help: "existing/现有, new/新建, renovated/改造",
        apply: |o, v| {
            o.choices.set(Target::Construction, v);
            Ok(())
        },
    },
    Opt {
        names: &["--programme", "--program"],
        value: "<id|name>",
        help: "standard, beijiang_demo, capacity_upgrade (Dongsheng only)",
        apply: |o, v| {
            o.choices.set(Target::Programme, v);
            Ok(())
        },
    },
    Opt {
        names: &["--column"],
        value: "<header>=<field>",
        help: "read a column as a field (header text or letter, e.g. --column 面积=total_m2\n\
               or --column F=households; --column 备注= ignores it)",
        apply: |o, spec| {
            let (header, field) = spec.rsplit_once('=').ok_or_else(|| {
                Usage(format!(
                    "--column \"{spec}\": write <header>=<field>, e.g. 面积=total_m2"
                ))
            })?;
            o.columns
                .push((header.trim().to_string(), field.trim().to_string()));
            Ok(())
        },
    },
    Opt {
        names: &["--value"],
        value: "<column>:<text>=<id|name>",
        help: "read a text of a column as a choice, e.g. --value 所属旗区:乌兰浩特市=兴安盟\n\
               (repeatable; the texts a sheet's choice columns hold that name nothing are\n\
               listed on stderr with their rows)",
        apply: |o, spec| {
            let wrong = || {
                Usage(format!(
                    "--value \"{spec}\": write <column>:<text>=<id|name>, e.g. 所属旗区:乌兰浩特市=兴安盟"
                ))
            };
            let (column, rest) = spec.split_once([':', '：']).ok_or_else(wrong)?;
            let (text, value) = rest.rsplit_once('=').ok_or_else(wrong)?;
            if value.trim().is_empty() {
                return Err(wrong());
            }
            o.values.push((
                column.trim().to_string(),
                text.trim().to_string(),
                value.trim().to_string(),
            ));
            Ok(())
        },
    },
    Opt {
        names: &["--lang"],
        value: "<zh-CN|en>",
        help: "language of the output's headers and words (default zh-CN)",
        apply: |o, tag| {
            o.lang = Lang::from_tag(&tag)
                .ok_or_else(|| Usage(format!("--lang \"{tag}\": use zh-CN or en")))?;
            Ok(())
        },
    },
    Opt {
        names: &["--rules"],
        value: "<pack.json>",
        help: "check against a rule pack (RULE-PACKS.md) instead of the built-in rules;\n\
               with template, its examples name the pack's own jurisdiction and community types",
        apply: |o, v| {
            o.rules = Some(PathBuf::from(v));
            Ok(())
        },
    },
    Opt {
        names: &["--threads"],
        value: "<n>",
        help: "threads checking rows for .csv output (default: the CPU cores, at most 4)",
        apply: |o, text| {
            o.threads = Some(text.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                Usage(format!("--threads \"{text}\": give a whole number from 1"))
            })?);
            Ok(())
        },
    },
];

/// `--help`: the head, the option table, the exit codes.
fn help() -> String {
    const WIDTH: usize = 28;
    let mut text = format!("{HELP_HEAD}\nOPTIONS\n");
    let mut line = |left: String, help: &str| {
        let mut lines = help.lines();
        let first = lines.next().unwrap_or("");
        if left.chars().count() < WIDTH {
            text += &format!("  {left:<WIDTH$}{first}\n");
        } else {
            text += &format!("  {left}\n  {:<WIDTH$}{first}\n", "");
        }
        for more in lines {
            text += &format!("  {:<WIDTH$}{}\n", "", more.trim_start());
        }
    };
    for option in OPTIONS {
        line(
            format!("{} {}", option.names.join(", "), option.value),
            option.help,
        );
    }
    line("-h, --help".to_string(), "this text");
    text + "\n" + HELP_TAIL
}

/// A command-line problem: message on stderr, exit 2.
struct Usage(String);

#[derive(Default)]
struct Options {
    input: Option<PathBuf>,
    output: Option<PathBuf>,
    choices: SheetChoices,
    columns: Vec<(String, String)>,
    lang: Lang,
    rules: Option<PathBuf>,
    threads: Option<usize>,
    /// `--value <column>:<text>=<id|name>`, as given.
    values: Vec<(String, String, String)>,
}

fn parse(args: &[String]) -> Result<Options, Usage> {
    let mut options = Options::default();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg, None),
        };
        let mut value = || -> Result<String, Usage> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| Usage(format!("{name} needs a value (see --help)")))
        };
        match OPTIONS.iter().find(|o| o.names.contains(&name)) {
            Some(option) => (option.apply)(&mut options, value()?)?,
            None if name.starts_with('-') && name.len() > 1 => {
                return Err(Usage(format!("unknown option {name} (see --help)")));
            }
            None if options.input.is_none() => options.input = Some(PathBuf::from(arg)),
            None => return Err(Usage(format!("one input file only; \"{arg}\" is a second"))),
        }
        i += 1;
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            print!("{}", help());
            return ExitCode::SUCCESS;
        }
        Some("-V" | "--version") => {
            println!(
                "facility-calc {} (rules {})",
                env!("CARGO_PKG_VERSION"),
                facility_calc::builtin().version
            );
            return ExitCode::SUCCESS;
        }
        Some("check") => parse(&args[1..]).and_then(|mut o| run_check(&mut o)),
        Some("template") => parse(&args[1..]).and_then(|o| run_template(&o)),
        Some(other) => Err(Usage(format!(
            "unknown command \"{other}\": use check or template (see --help)"
        ))),
    };
    match result {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!("facility-calc: {message}");
            ExitCode::from(2)
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn output_format(path: &Path) -> Result<&'static str, Usage> {
    match extension(path).as_str() {
        "xlsx" => Ok("xlsx"),
        "csv" => Ok("csv"),
        _ => Err(Usage(format!(
            "{}: the output must end in .xlsx or .csv",
            path.display()
        ))),
    }
}

/// An output being written: a temporary file beside the target, renamed onto it only when complete, so a
/// failed or interrupted run never leaves half a file at the output path (and removes what it wrote).
struct Staged {
    temp: PathBuf,
    target: PathBuf,
    file: Option<std::fs::File>,
}

impl Staged {
    fn create(target: &Path) -> Result<Staged, Usage> {
        let name = target
            .file_name()
            .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
        let temp = target.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        let file = std::fs::File::create(&temp)
            .map_err(|e| Usage(format!("cannot write {}: {e}", target.display())))?;
        Ok(Staged {
            temp,
            target: target.to_path_buf(),
            file: Some(file),
        })
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), Usage> {
        let target = &self.target;
        self.file
            .as_mut()
            .map_or(Ok(()), |f| f.write_all(bytes))
            .map_err(|e| Usage(format!("cannot write {}: {e}", target.display())))
    }

    /// Flushes the file to disk and puts it in place.
    fn commit(mut self) -> Result<(), Usage> {
        let cannot =
            |e: std::io::Error| Usage(format!("cannot write {}: {e}", self.target.display()));
        if let Some(file) = self.file.take() {
            file.sync_all().map_err(cannot)?;
        }
        std::fs::rename(&self.temp, &self.target).map_err(cannot)
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Not put in place (an error on the way): take away what was written. After a rename there is
        // nothing left at `temp` to remove.
        let _ = std::fs::remove_file(&self.temp);
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Usage> {
    let mut staged = Staged::create(path)?;
    staged.write_all(bytes)?;
    staged.commit()
}

/// Refuses an output that is the input itself: checking a sheet must never overwrite it.
fn refuse_overwriting_input(input: &Path, output: &Path) -> Result<(), Usage> {
    let same = match (std::fs::canonicalize(input), std::fs::canonicalize(output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Usage(format!(
            "-o {}: that is the sheet being checked; write the results to another file",
            output.display()
        )));
    }
    Ok(())
}

fn run_template(options: &Options) -> Result<ExitCode, Usage> {
    let path = options
        .output
        .clone()
        .or_else(|| options.input.clone())
        .ok_or_else(|| {
            Usage("template needs a file to write, e.g. facility-calc template -o 模板.xlsx".into())
        })?;
    let set = match &options.rules {
        Some(pack) => load_pack(pack)?,
        None => facility_calc::builtin(),
    };
    // Under a pack, the examples name its own jurisdiction and community types, so they check under it.
    let template = batch::template_sheet_for(&set);
    let bytes = match output_format(&path)? {
        "xlsx" => batch::template_xlsx_of(&template).map_err(|e| Usage(e.to_string()))?,
        _ => batch::template_csv_of(&template),
    };
    write_file(&path, &bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// Reads the file, refusing one too large before reading it into memory.
fn read_input(path: &Path, limits: &Limits) -> Result<batch::Sheet, Usage> {
    let cannot = |e: &dyn std::fmt::Display| Usage(format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    let length = file.metadata().map_err(|e| cannot(&e))?.len();
    batch::check_file_size(length, limits).map_err(|e| cannot(&e))?;
    let mut bytes = Vec::with_capacity(length as usize);
    file.take(limits.max_file_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    batch::read_file(&bytes, name, limits).map_err(|e| cannot(&e))
}

/// Applies `--column` overrides: a header's text or a column letter, and a field id or query name.
/// The column a header text or a letter (F) names.
fn column_named(sheet: &batch::Sheet, header: &str) -> Option<usize> {
    sheet
        .headers
        .iter()
        .position(|h| h.trim() == header)
        .or_else(|| {
            (0..sheet.headers.len())
                .find(|c| batch::column_letters(*c).eq_ignore_ascii_case(header))
        })
}

/// `--value` choices, each checked: its column exists and is read as a choice, and its value names one.
fn settled_values(
    set: &facility_calc::Ruleset,
    sheet: &batch::Sheet,
    mapping: &Mapping,
    given: &[(String, String, String)],
) -> Result<Vec<batch::ValueChoice>, Usage> {
    let mut settled = Vec::new();
    for (header, text, value) in given {
        let column = column_named(sheet, header).ok_or_else(|| {
            Usage(format!(
                "--value: the sheet has no column \"{}\"",
                shown(header)
            ))
        })?;
        let target = mapping
            .columns
            .get(column)
            .copied()
            .flatten()
            .filter(|t| t.is_sheet_choice())
            .ok_or_else(|| {
                Usage(format!(
                    "--value: column \"{}\" is not read as 地区, 社区类型, 建设情况 or 专项计划 (set it with --column)",
                    shown(header)
                ))
            })?;
        let mut probe = SheetChoices::default();
        probe.set(target, value.clone());
        if let Some(problem) = probe.validate(set).first() {
            return Err(Usage(format!(
                "--value {}:{}={}: {} / {}",
                shown(header),
                shown(text),
                shown(value),
                problem.message_zh,
                problem.message
            )));
        }
        settled.push(batch::ValueChoice {
            column,
            text: text.clone(),
            value: value.clone(),
        });
    }
    Ok(settled)
}

/// On stderr, every distinct text of a choice column that names nothing, with its rows and the `--value`
/// that settles it (only when some row had bad input: a clean sheet costs no second pass).
fn list_unreadable(
    set: &facility_calc::Ruleset,
    sheet: &batch::Sheet,
    mapping: &Mapping,
    choices: &SheetChoices,
) {
    const ROWS_SHOWN: usize = 10;
    let unreadable = batch::unreadable_values(set, sheet, mapping, choices);
    let mut column = None;
    for u in &unreadable {
        let header = sheet.headers.get(u.column).map_or("", |h| h.trim());
        if column != Some(u.column) {
            column = Some(u.column);
            let count = unreadable.iter().filter(|v| v.column == u.column).count();
            eprintln!(
                "note: 列 {} “{}”：{count} 种取值无法识别 / column {} \"{}\": {count} value(s) could not be read",
                batch::column_letters(u.column),
                shown(header),
                batch::column_letters(u.column),
                shown(header),
            );
        }
        let mut rows: Vec<String> = u.rows.iter().take(ROWS_SHOWN).map(u32::to_string).collect();
        if u.rows.len() > ROWS_SHOWN {
            rows.push(format!("… ({} in all)", u.rows.len()));
        }
        let rows = rows.join(", ");
        eprintln!(
            "  “{}”：第 {rows} 行 / rows {rows} → --value {}:{}=<{}>",
            shown(&u.text),
            shown(header),
            shown(&u.text),
            u.target.field().label.zh
        );
    }
}

fn apply_columns(
    sheet: &batch::Sheet,
    mapping: &mut Mapping,
    overrides: &[(String, String)],
) -> Result<(), Usage> {
    for (header, field) in overrides {
        let column = column_named(sheet, header)
            .ok_or_else(|| Usage(format!("--column: the sheet has no column \"{header}\"")))?;
        let target = if field.is_empty() {
            None
        } else {
            let ids: Vec<&str> = Target::SHEET.iter().map(|t| t.id()).collect();
            Some(Target::from_id(field).ok_or_else(|| {
                Usage(format!(
                    "--column: \"{field}\" is not a field; use one of {}",
                    ids.join(", ")
                ))
            })?)
        };
        mapping.set(column, target);
    }
    Ok(())
}

/// Reads and checks a rule pack (RULE-PACKS.md); every problem with its JSON Pointer when it is bad.
fn load_pack(path: &std::path::Path) -> Result<std::rc::Rc<facility_calc::Ruleset>, Usage> {
    use facility_calc::rules::MAX_PACK_BYTES;
    let cannot = |e: &dyn std::fmt::Display| {
        Usage(format!("--rules {}: cannot read it: {e}", path.display()))
    };
    let too_large = |bytes: usize| {
        let problem = facility_calc::registry::too_large(bytes);
        Usage(format!("--rules {}: {}", path.display(), problem.message))
    };
    // Checked before reading, and read at most one byte past the limit: a 1 GB file, /dev/zero or a pipe
    // that never ends costs no more than the limit.
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    let length = file.metadata().map_err(|e| cannot(&e))?.len();
    if length > MAX_PACK_BYTES as u64 {
        return Err(too_large(usize::try_from(length).unwrap_or(usize::MAX)));
    }
    let mut bytes = Vec::new();
    file.take(MAX_PACK_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(&e))?;
    if bytes.len() > MAX_PACK_BYTES {
        return Err(too_large(bytes.len()));
    }
    let (text, encoding) =
        facility_calc::registry::pack_file_text(&bytes, facility_calc::batch::gb18030)
            .map_err(|problem| Usage(format!("--rules {}: {}", path.display(), problem.message)))?;
    if let Some((en, zh)) = encoding.notice() {
        eprintln!("--rules {}: {zh} / {en}", path.display());
    }
    facility_calc::registry::Registry::default()
        .load_text(&text)
        .map_err(|errors| {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| {
                    let at = if e.path.is_empty() { "(pack)" } else { &e.path };
                    format!("  {} {}: {}", shown(at), e.code, shown(&e.message))
                })
                .collect();
            Usage(format!(
                "--rules {}: the rule pack was not loaded ({} problem(s)):\n{}",
                path.display(),
                errors.len(),
                lines.join("\n")
            ))
        })
}

fn run_check(options: &mut Options) -> Result<ExitCode, Usage> {
    let input = options
        .input
        .as_ref()
        .ok_or_else(|| Usage("check needs a file: facility-calc check communities.xlsx".into()))?;
    let set = match &options.rules {
        Some(pack) => load_pack(pack)?,
        None => facility_calc::builtin(),
    };
    let format = options.output.as_deref().map(output_format).transpose()?;
    if let Some(output) = &options.output {
        refuse_overwriting_input(input, output)?;
    }
    let problems = options.choices.validate(&set);
    if let Some(problem) = problems.first() {
        return Err(Usage(format!("--{}: {}", problem.field, problem.message)));
    }

    let limits = Limits::DEFAULT;
    let sheet = read_input(input, &limits)?;
    let columns = batch::match_columns(&sheet);
    let mut mapping = columns.mapping.clone();
    apply_columns(&sheet, &mut mapping, &options.columns)?;
    options.choices.values = settled_values(&set, &sheet, &mapping, &options.values)?;
    warn_about_columns(&columns, &mapping, &options.choices);
    let options = &*options;

    let check = |sheet: &batch::Sheet| batch::check(&set, sheet, &mapping, &options.choices);
    let summary = match (&options.output, format) {
        (Some(path), Some("xlsx")) => {
            let report = check(&sheet);
            let used = standards_used(&set, options.lang);
            let bytes = batch::write_xlsx_noting(&sheet, &report, options.lang, note(&set, &used))
                .map_err(|e| Usage(e.to_string()))?;
            write_file(path, &bytes)?;
            report.summary
        }
        (Some(path), _) => check_to_csv(&set, &sheet, &mapping, options, path)?,
        (None, _) => {
            let report = check(&sheet);
            print_table(&report, options.lang);
            report.summary
        }
    };
    if summary.invalid > 0 {
        list_unreadable(&set, &sheet, &mapping, &options.choices);
    }
    // A 100,000-row sheet is a million small allocations, freed at once by the exit that follows:
    // freeing them one by one would cost a tenth of the run.
    std::mem::forget(sheet);
    let s = &summary;
    let rows = if options.lang == Lang::Zh {
        format!("共 {} 行", s.rows)
    } else {
        format!("{} rows", s.rows)
    };
    eprintln!(
        "{rows}: {} {} · {} {} · {} {} · {} {}",
        s.pass,
        options.lang.pick(RowVerdict::Pass.word()),
        s.fail,
        options.lang.pick(RowVerdict::Fail.word()),
        s.incomplete,
        options.lang.pick(RowVerdict::Incomplete.word()),
        s.invalid,
        options.lang.pick(RowVerdict::Invalid.word()),
    );
    Ok(if summary.all_pass() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Rows checked and written at a time for CSV output: each chunk's results are written and dropped before
/// more are checked, so memory follows the sheet, not the sheet plus every row's results.
#[cfg(not(target_arch = "wasm32"))]
const CSV_CHUNK_ROWS: usize = 2048;

/// Results worked out under a rule pack say so in the file written, as the batch page's downloads do.
fn note<'a>(set: &Ruleset, used: &'a str) -> Option<batch::StandardsNote<'a>> {
    (!set.builtin).then_some(batch::StandardsNote { line: used })
}

/// Threads checking a CSV output's chunks unless `--threads` says otherwise.
#[cfg(not(target_arch = "wasm32"))]
const MAX_DEFAULT_THREADS: usize = 4;

/// The command line runs natively; a wasm32 build of it (the lint of the whole package for the browser's
/// target) has no threads, and its ruleset's text is not `Sync` there.
#[cfg(target_arch = "wasm32")]
fn check_to_csv(
    _: &Ruleset,
    _: &batch::Sheet,
    _: &Mapping,
    _: &Options,
    _: &Path,
) -> Result<Summary, Usage> {
    Err(Usage("facility-calc runs natively only".into()))
}

/// Checks the sheet a chunk at a time on `threads` threads and writes the chunks to `path` in input order
/// (exactly what `batch::write_csv` writes for the whole report); returns the summary. Every thread reads
/// the one ruleset (`Ruleset` is `Sync` natively).
#[cfg(not(target_arch = "wasm32"))]
fn check_to_csv(
    set: &Ruleset,
    sheet: &batch::Sheet,
    mapping: &Mapping,
    options: &Options,
    path: &Path,
) -> Result<Summary, Usage> {
    let mut file = Staged::create(path)?;
    let mut out = String::new();
    let used = standards_used(set, options.lang);
    let mut writer = batch::CsvWriter::noting(
        sheet,
        options.lang,
        batch::ResultColumns::of(set),
        note(set, &used),
        &mut out,
    );
    file.write_all(out.as_bytes())?;
    let chunks: Vec<Range<usize>> = (0..sheet.rows.len())
        .step_by(CSV_CHUNK_ROWS)
        .map(|start| start..(start + CSV_CHUNK_ROWS).min(sheet.rows.len()))
        .collect();
    let threads = options
        .threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_DEFAULT_THREADS))
        })
        .clamp(1, chunks.len().max(1));
    let choices = &options.choices;
    let summary = std::thread::scope(|scope| {
        // Thread k checks chunks k, k + threads, …; this thread is thread 0 and writes every chunk in order.
        // A channel holds one finished chunk, so a thread runs at most a chunk or two ahead.
        let mut workers = Vec::new();
        for k in 1..threads {
            let (send, receive) = std::sync::mpsc::sync_channel::<Result<String, Usage>>(1);
            let mut writer = writer.fork();
            let chunks = &chunks;
            let handle = scope.spawn(move || {
                for range in chunks.iter().skip(k).step_by(threads) {
                    let mut text = String::new();
                    writer.check_rows(set, sheet, mapping, choices, range.clone(), &mut text);
                    if send.send(Ok(text)).is_err() {
                        break; // the writing thread stopped (the file could not be written)
                    }
                }
                writer.summary().clone()
            });
            workers.push((receive, handle));
        }
        for (i, range) in chunks.iter().enumerate() {
            match i % threads {
                0 => {
                    out.clear();
                    writer.check_rows(set, sheet, mapping, choices, range.clone(), &mut out);
                }
                k => {
                    out = workers[k - 1].0.recv().map_err(|_| {
                        Usage(format!(
                            "cannot write {}: a checking thread stopped",
                            path.display()
                        ))
                    })??;
                }
            }
            file.write_all(out.as_bytes())?;
        }
        let mut summary = writer.summary().clone();
        for (receive, handle) in workers {
            drop(receive);
            let counted = handle.join().map_err(|_| {
                Usage(format!(
                    "cannot write {}: a checking thread stopped",
                    path.display()
                ))
            })?;
            summary.merge(&counted);
        }
        Ok(summary)
    })?;
    file.commit()?;
    Ok(summary)
}

/// Tells on stderr what the user may want to settle with --column or a sheet-wide choice.
fn warn_about_columns(columns: &batch::ColumnReport, mapping: &Mapping, choices: &SheetChoices) {
    for c in &columns.columns {
        if mapping.columns.get(c.column).copied().flatten().is_some() {
            continue;
        }
        let candidates: Vec<&str> = c.candidates.iter().map(|t| t.id()).collect();
        match c.status {
            MatchStatus::Ambiguous => eprintln!(
                "note: column {} \"{}\" could be {}: not read; choose with --column \"{}\"=<field>",
                c.letter,
                shown(&c.header),
                candidates.join(" or "),
                shown(&c.header)
            ),
            MatchStatus::Duplicate => eprintln!(
                "note: column {} \"{}\" is a second {} column: not read",
                c.letter,
                shown(&c.header),
                candidates.join("")
            ),
            _ => {}
        }
    }
    for target in Target::SHEET {
        if target.is_required()
            && mapping.column_of(target).is_none()
            && choices.get(target).is_none()
        {
            let hint = if target.is_sheet_choice() {
                format!(" or give --{} for the whole sheet", target.id())
            } else {
                String::new()
            };
            eprintln!(
                "note: no column for {} ({}): add one{hint}",
                target.id(),
                target.field().label.zh
            );
        }
    }
}

/// Text from a sheet as the terminal may show it: control characters (an escape sequence that would clear
/// the screen or paint a fake green 达标, a carriage return, a bell) and bidirectional overrides are written
/// as visible escapes (`\u{1b}`), so a name cannot act on the terminal.
fn shown(text: &str) -> String {
    let acts = |c: char| {
        c.is_control()
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(acts) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if acts(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Terminal width of a text: CJK and full-width characters take two columns.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if c >= '\u{1100}' && !('\u{2000}'..='\u{206F}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad(text: &str, to: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', to.saturating_sub(width(text))));
    out
}

fn print_table(report: &Report, lang: Lang) {
    let zh = lang == Lang::Zh;
    let headers = if zh {
        [
            "行",
            batch::NAME.label.zh,
            "结论",
            "应建面积 m²",
            "需补建 m²",
            "依据 / 问题",
        ]
    } else {
        [
            "Row",
            batch::NAME.label.en,
            "Verdict",
            "Required m²",
            "To build m²",
            "Rule / problems",
        ]
    };
    let opt = |v: Option<f64>| v.map_or(String::new(), format_number);
    let rows: Vec<[String; 6]> = report
        .rows
        .iter()
        .map(|r| {
            let last = if r.errors.is_empty() {
                r.governing_titles(zh)
            } else {
                r.errors_text(zh)
            };
            [
                r.row.to_string(),
                shown(&r.name),
                lang.pick(r.verdict.word()).to_string(),
                opt(r.required_area_m2),
                opt(r.area_to_add_m2),
                shown(&last),
            ]
        })
        .collect();
    let mut widths = headers.map(width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row).take(5) {
            *w = (*w).max(width(cell));
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut line = |cells: &[String]| {
        let text: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| if i < 5 { pad(c, widths[i]) } else { c.clone() })
            .collect();
        // A closed pipe (| head) is not an error worth a panic.
        let _ = writeln!(out, "{}", text.join("  ").trim_end());
    };
    line(&headers.map(String::from));
    for row in &rows {
        line(row);
    }
    let s = &report.summary;
    let _ = writeln!(out);
    let counts: Vec<String> = RowVerdict::ALL
        .iter()
        .filter(|v| **v != RowVerdict::Skipped)
        .map(|v| format!("{} {}", lang.pick(v.word()), s.count(*v)))
        .collect();
    if s.nothing_checked() {
        // Never "0 m² still to build" when no row was checked at all.
        let _ = if zh {
            writeln!(out, "无法核查：{} 行全部输入有误", s.rows)
        } else {
            writeln!(
                out,
                "Nothing could be checked: all {} rows have input errors",
                s.rows
            )
        };
    } else {
        let _ = writeln!(
            out,
            "{} {}  ·  {}  ·  {} {} m²",
            if zh { "共" } else { "Rows" },
            s.rows,
            counts.join(" · "),
            if zh {
                "合计需补建"
            } else {
                "Total still to build"
            },
            format_number(s.total_to_build_m2)
        );
    }
    if s.skipped > 0 {
        let rows: Vec<String> = s.skipped_rows.iter().map(u32::to_string).collect();
        let more = if s.skipped > s.skipped_rows.len() {
            "…"
        } else {
            ""
        };
        let _ = if zh {
            writeln!(
                out,
                "已跳过 {} 行（不是社区，不计入）：第 {}{more} 行",
                s.skipped,
                rows.join("、")
            )
        } else {
            writeln!(
                out,
                "Skipped {} rows (not communities, not counted): rows {}{more}",
                s.skipped,
                rows.join(", ")
            )
        };
    }
    for index in &s.worst {
        if let Some(row) = report.rows.get(*index) {
            let _ = if zh {
                writeln!(
                    out,
                    "差距最大：第 {} 行 {}：{}",
                    row.row,
                    shown(&row.name),
                    row.action_zh
                )
            } else {
                writeln!(
                    out,
                    "Furthest: row {} {}: {}",
                    row.row,
                    shown(&row.name),
                    row.action_en
                )
            };
        }
    }
}
