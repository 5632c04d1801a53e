//! The `facility-calc` binary on fixture files: exit codes 0/1/2, messages, and the files it writes read
//! back through the same core.

#[path = "fixtures/batch/mod.rs"]
mod fixtures;

use facility_calc::batch::{self, Cell, Limits};
use facility_calc::text::Lang;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_facility-calc");

/// A fresh directory for one test's files.
fn workdir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("facility-calc-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn passing_rows() -> Vec<u8> {
    fixtures::xlsx(&[
        &[
            "社区名称",
            "旗区",
            "社区类型",
            "户数",
            "规划面积",
            "办公面积",
        ],
        &["幸福社区", "兴安盟", "城市社区", "1250", "420", "60"],
        &["和平社区", "xam", "city", "1000", "300", "45"],
    ])
}

/// (fixture file, its bytes, arguments after `check <file>`, exit code, a text expected on stdout or stderr)
type Case = (&'static str, Vec<u8>, Vec<&'static str>, i32, &'static str);

/// Every way a run can end.
#[test]
fn exit_codes_and_messages() {
    let dir = workdir("codes");
    let district = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/batch/district.csv"),
    )
    .unwrap();
    #[rustfmt::skip]
    let cases: Vec<Case> = vec![
        ("pass.xlsx", passing_rows(), vec![], 0, "达标 2"),
        ("district.csv", district.clone(), vec![], 1, "不达标 1"),
        ("district.csv", district.clone(), vec!["--lang", "en"], 1, "Input error 1"),
        ("gbk.csv", fixtures::gbk("社区名称,户数,规划面积,办公面积\r\n幸福社区,1250,420,60\r\n"), vec!["--jurisdiction", "兴安盟", "--settlement", "城市社区"], 0, "幸福社区"),
        ("nojur.csv", b"households,total_m2\n1250,420\n".to_vec(), vec![], 1, "no column for jurisdiction"),
        ("ambiguous.csv", "户数,面积\n1250,420\n".into(), vec!["--jurisdiction", "nmg", "--settlement", "city"], 1, "could be planned.total_m2"),
        ("ambiguous.csv", "户数,面积\n1250,420\n".into(), vec!["--jurisdiction", "nmg", "--settlement", "city", "--column", "面积=total_m2"], 0, "达标 1"),
        ("ambiguous.csv", "户数,面积\n1250,420\n".into(), vec!["--jurisdiction", "nmg", "--settlement", "city", "--column", "B=total_m2"], 0, "达标 1"),
        ("ambiguous.csv", "户数,面积\n1250,420\n".into(), vec!["--column", "楼层=total_m2"], 2, "no column \"楼层\""),
        ("pass.xlsx", passing_rows(), vec!["--jurisdiction", "火星"], 2, "--jurisdiction"),
        ("pass.xlsx", passing_rows(), vec!["--rules", "missing.json"], 2, "cannot read it"),
        ("pass.xlsx", passing_rows(), vec!["-o", "out.pdf"], 2, ".xlsx or .csv"),
        ("pass.xlsx", passing_rows(), vec!["--frobnicate"], 2, "unknown option"),
        ("pass.xlsx", passing_rows(), vec!["--threads", "0"], 2, "--threads \"0\""),
        ("empty.csv", vec![], vec![], 2, "文件为空"),
        ("headers.csv", "社区名称,户数\n".into(), vec![], 2, "只有表头"),
        ("broken.xlsx", passing_rows()[..300].to_vec(), vec![], 2, "已损坏"),
        ("bomb.xlsx", fixtures::zip_bomb(Limits::DEFAULT.max_unpacked_bytes as usize + 1), vec![], 2, "zip bomb"),
        ("old.xls", vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], vec![], 2, ".xls"),
    ];
    for (name, bytes, args, code, expected) in cases {
        std::fs::write(dir.join(name), &bytes).unwrap();
        let mut all = vec!["check", name];
        all.extend(args.iter().copied());
        let result = run(&dir, &all);
        let both = format!("{}{}", result.stdout, result.stderr);
        assert_eq!(result.code, code, "{all:?}: {both}");
        assert!(
            both.contains(expected),
            "{all:?}: expected {expected:?} in\n{both}"
        );
    }
    // Huge inputs are refused with the limit named, in bounded memory: a million rows are not all read,
    // and a 100 MB file is not read at all (a sparse file: its length is all that is looked at).
    let mut million = String::from("户数\n");
    million.push_str(&"1\n".repeat(1_000_000));
    std::fs::write(dir.join("million.csv"), million).unwrap();
    let result = run(&dir, &["check", "million.csv"]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("100,000"), "{}", result.stderr);
    let huge = std::fs::File::create(dir.join("huge.csv")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    let result = run(&dir, &["check", "huge.csv"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("100 MB") && result.stderr.contains("50 MB"),
        "{}",
        result.stderr
    );
    assert_eq!(run(&dir, &["check", "missing.xlsx"]).code, 2);
    assert_eq!(run(&dir, &["check"]).code, 2);
    assert_eq!(run(&dir, &["frobnicate"]).code, 2);
    let help = run(&dir, &["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("EXIT STATUS") && help.stdout.contains("--jurisdiction"));
}

#[test]
fn writes_xlsx_and_csv_that_read_back() {
    let dir = workdir("write");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/batch/district.csv"),
        dir.join("district.csv"),
    )
    .unwrap();
    for out in ["checked.xlsx", "checked.csv"] {
        let result = run(&dir, &["check", "district.csv", "-o", out]);
        assert_eq!(result.code, 1, "{}", result.stderr);
        assert!(result.stdout.is_empty(), "with -o nothing goes to stdout");
        let bytes = std::fs::read(dir.join(out)).unwrap();
        if out.ends_with(".csv") {
            assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
        }
        let sheet = batch::read_file(&bytes, out, &Limits::DEFAULT).unwrap();
        let verdict = sheet
            .headers
            .iter()
            .position(|h| h == "结论")
            .expect("verdict column");
        assert_eq!(verdict, 10, "results come after the original ten columns");
        let verdicts: Vec<String> = sheet
            .rows
            .iter()
            .map(|r| r.cell(verdict).text().into_owned())
            .collect();
        assert_eq!(verdicts, ["达标", "不达标", "待补充", "输入有误"], "{out}");
        assert_eq!(sheet.rows[1].cell(0), &Cell::Text("团结社区".into()));
    }
}

/// CSV output is checked and written a chunk at a time, on several threads: the file is byte for byte what
/// `write_csv` writes for the whole report, rows in input order, whatever the threads and the language.
#[test]
fn csv_output_in_chunks_on_threads_is_the_whole_report() {
    let dir = workdir("chunks");
    // More rows than several chunks, as planners write them: ids and names, numbers plain and not,
    // blanks, bad cells, a quoted cell, some rows without a design.
    let jurisdictions = ["兴安盟", "东胜区", "xam", "仁寿县", "火星", ""];
    let settlements = ["城市社区", "city", "牧区嘎查村", "城镇社区", "中心村"];
    let mut text = String::from(
        "社区名称,旗区,社区类型,建设类型,户数,常住人口,规划面积,办公面积,活动面积\r\n",
    );
    for i in 0..9_000usize {
        let households = match i % 7 {
            0 => format!("\"{},{:03}户\"", 1 + i % 3, i % 1000),
            1 => "待定".to_string(),
            _ => (100 + i * 37 % 4000).to_string(),
        };
        let total = match i % 4 {
            0 => String::new(),
            1 => format!("{}.5", 200 + i % 300),
            _ => format!("{}平方米", 300 + i % 500),
        };
        let office = if i % 4 == 1 {
            (20 + i % 60).to_string()
        } else {
            String::new()
        };
        text.push_str(&format!(
            "社区{i},{},{},{},{households},{},{total},{office},\r\n",
            jurisdictions[i % jurisdictions.len()],
            settlements[i / 3 % settlements.len()],
            ["现有", "新建", "改造", ""][i % 4],
            300 + i * 97 % 10_000,
        ));
    }
    std::fs::write(dir.join("many.csv"), &text).unwrap();
    let sheet = batch::read_text(&text, &Limits::DEFAULT).unwrap();
    let mapping = batch::match_columns(&sheet).mapping;
    let report = batch::check(
        &facility_calc::builtin(),
        &sheet,
        &mapping,
        &batch::SheetChoices::default(),
    );
    for (lang, args) in [
        (Lang::Zh, &["--threads", "1"][..]),
        (Lang::Zh, &["--threads", "3"][..]),
        (Lang::En, &["--lang", "en"][..]),
    ] {
        let mut all = vec!["check", "many.csv", "-o", "checked.csv"];
        all.extend(args);
        let result = run(&dir, &all);
        assert_eq!(result.code, 1, "{all:?}: {}", result.stderr);
        let written = std::fs::read(dir.join("checked.csv")).unwrap();
        assert!(
            written == batch::write_csv(&sheet, &report, lang),
            "{all:?}: the CSV differs from write_csv"
        );
        let s = &report.summary;
        let counts = format!(
            "{} {} · {}",
            s.pass,
            lang.pick(batch::RowVerdict::Pass.word()),
            s.fail
        );
        assert!(
            result.stderr.contains(&counts),
            "{all:?}: {counts:?} in {}",
            result.stderr
        );
    }
}

#[test]
fn writes_the_template() {
    let dir = workdir("template");
    for name in ["模板.xlsx", "模板.csv"] {
        assert_eq!(run(&dir, &["template", "-o", name]).code, 0);
        let result = run(&dir, &["check", name]);
        assert_eq!(
            result.code, 0,
            "the template's examples pass: {}",
            result.stderr
        );
        assert!(result.stdout.contains("幸福社区"));
    }
}

/// `template --rules`: the examples name the pack's own jurisdiction, so the template checks under the
/// pack (and is refused by the built-in standards, which do not know that jurisdiction).
#[test]
fn writes_the_template_for_a_rule_pack() {
    let dir = workdir("template-rules");
    let pack =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/packs/example-new-jurisdiction.json");
    std::fs::copy(&pack, dir.join("pack.json")).unwrap();
    let text = std::fs::read_to_string(&pack).unwrap();
    for name in ["模板.xlsx", "模板.csv"] {
        let written = run(&dir, &["template", "--rules", "pack.json", "-o", name]);
        assert_eq!(written.code, 0, "{}", written.stderr);
        let sheet = batch::read_file(
            &std::fs::read(dir.join(name)).unwrap(),
            name,
            &Limits::DEFAULT,
        )
        .unwrap();
        let jurisdiction = sheet.rows[0].cell(1).text().into_owned();
        assert!(
            text.contains(&format!("\"{jurisdiction}\"")),
            "{name}: {jurisdiction} is a name of the pack's"
        );
        let under_pack = run(&dir, &["check", name, "--rules", "pack.json"]);
        assert_ne!(under_pack.code, 2, "{}", under_pack.stderr);
        // Every example row is read and checked under the pack (the summary counts no bad input).
        assert!(
            under_pack.stdout.contains("输入有误 0"),
            "{}",
            under_pack.stdout
        );
        let builtin = run(&dir, &["check", name]);
        assert!(!builtin.stdout.contains("输入有误 0"), "{}", builtin.stdout);
    }
    let missing = run(&dir, &["template", "--rules", "absent.json", "-o", "t.csv"]);
    assert_eq!(missing.code, 2);
}

/// `--rules`: a rule pack's jurisdiction checked from a sheet; a bad pack refused with its JSON Pointers.
#[test]
fn rule_packs_from_the_command_line() {
    let dir = workdir("rules");
    let pack =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/packs/example-local-document.json");
    std::fs::copy(&pack, dir.join("pack.json")).unwrap();
    // 1,250 households under the example banner: 35 m² per 100 households = 437.5 m² (stricter than
    // nmg2017's 375), so 420 fails there and passes under the built-in xam.
    std::fs::write(
        dir.join("sheet.csv"),
        "社区名称,地区,社区类型,户数,规划面积,办公面积\n甲社区,example_banner,城市社区,1250,440,60\n乙社区,example_banner,城市社区,1250,420,60\n",
    )
    .unwrap();
    let under_pack = |out: &str| {
        run(
            &dir,
            &["check", "sheet.csv", "--rules", "pack.json", "-o", out],
        )
    };
    let result = under_pack("out.csv");
    assert_eq!(result.code, 1, "{}{}", result.stdout, result.stderr);
    let read_back = |name: &str| {
        batch::read_file(
            &std::fs::read(dir.join(name)).unwrap(),
            name,
            &Limits::DEFAULT,
        )
        .unwrap()
    };
    let back = read_back("out.csv");
    let verdicts: Vec<String> = back
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text().to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert!(
        verdicts[0].contains("达标") && !verdicts[0].contains("不达标"),
        "{verdicts:?}"
    );
    assert!(
        verdicts[1].contains("不达标") && verdicts[1].contains("437.5"),
        "{verdicts:?}"
    );
    // The file says which standards it was worked out under: a last column on every row, and the
    // .xlsx's summary sheet.
    let named =
        |text: &str| text.contains("example-local-document") && text.contains("2026.11-example");
    assert!(
        back.headers.last().is_some_and(|h| h.contains("标准")),
        "{:?}",
        back.headers
    );
    assert!(verdicts.iter().all(|row| named(row)), "{verdicts:?}");
    let xlsx = under_pack("out.xlsx");
    assert_eq!(xlsx.code, 1, "{}{}", xlsx.stdout, xlsx.stderr);
    let results = read_back("out.xlsx");
    assert!(
        results
            .rows
            .iter()
            .all(|r| named(&r.cell(results.headers.len() - 1).text())),
        "{:?}",
        results.rows
    );
    // Under the built-in standards the file has no such column.
    let builtin = run(&dir, &["check", "sheet.csv", "-o", "builtin.csv"]);
    assert_eq!(builtin.code, 1);
    let builtin = std::fs::read_to_string(dir.join("builtin.csv")).unwrap();
    assert!(!builtin.contains("example-local-document"), "{builtin}");
    // Without the pack the jurisdiction is unknown: every row has bad input.
    let without = run(&dir, &["check", "sheet.csv"]);
    assert_eq!(without.code, 1);
    assert!(without.stdout.contains("输入有误"), "{}", without.stdout);
    // A bad pack: exit 2, every problem with its path, nothing checked.
    std::fs::write(
        dir.join("bad.json"),
        std::fs::read_to_string(&pack).unwrap().replace(
            "\"share_of_total\", \"percent\": 20",
            "\"share_of_total\", \"percent\": 120",
        ),
    )
    .unwrap();
    let bad = run(&dir, &["check", "sheet.csv", "--rules", "bad.json"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("/rules/1/figure/percent out_of_range"),
        "{}",
        bad.stderr
    );
}

/// Names a careless or hostile sheet holds: no CSV cell the CLI writes is a formula a spreadsheet would
/// evaluate (OWASP: a leading `'`), numbers stay numbers, and the terminal table shows escape sequences as
/// text instead of obeying them.
#[test]
fn names_cannot_inject_formulas_or_terminal_codes() {
    let dir = workdir("inject");
    let names = [
        "=HYPERLINK(\"http://example.invalid\",\"点我\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1)",
        "-1+1",
        "\tTAB",
        "\u{1b}[2J\u{1b}[32m达标",
    ];
    let mut csv = String::from("社区名称,地区,社区类型,户数,规划面积,备注\n");
    for name in names {
        csv += &format!("\"{}\",xam,city,1250,420,-5\n", name.replace('"', "\"\""));
    }
    std::fs::write(dir.join("sheet.csv"), &csv).unwrap();
    let result = run(&dir, &["check", "sheet.csv", "-o", "out.csv"]);
    assert!(result.code < 2, "{}", result.stderr);
    let out = String::from_utf8(std::fs::read(dir.join("out.csv")).unwrap()).unwrap();
    for guarded in [
        "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"点我\"\")\"",
        "'+cmd|' /C calc'!A0",
        "'@SUM(1)",
        "'-1+1",
        "'\tTAB",
    ] {
        assert!(out.contains(guarded), "{guarded} not in\n{out}");
    }
    let lines: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(lines.len(), names.len());
    for line in &lines {
        // The 备注 column's -5 is a number, not a formula: written as it was.
        assert!(line.contains(",-5,"), "{line}");
        for cell in line.split(',') {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "{cell} in {line}"
            );
        }
    }

    let table = run(&dir, &["check", "sheet.csv"]);
    assert!(!table.stdout.contains('\u{1b}'), "{}", table.stdout);
    assert!(table.stdout.contains("\\u{1b}[2J"), "{}", table.stdout);
}

/// `--rules` refuses a pack over 1 MB before reading it, and reads no more than the limit from a file that
/// never ends.
#[test]
fn rule_pack_files_are_bounded() {
    let dir = workdir("rules-size");
    std::fs::write(
        dir.join("sheet.csv"),
        "社区名称,地区,社区类型,户数\n甲,xam,city,1000\n",
    )
    .unwrap();
    std::fs::write(dir.join("big.json"), " ".repeat(1_000_001)).unwrap();
    let big = run(&dir, &["check", "sheet.csv", "--rules", "big.json"]);
    assert_eq!(big.code, 2);
    assert!(big.stderr.contains("1,000,001 bytes"), "{}", big.stderr);
    if Path::new("/dev/zero").exists() {
        let endless = run(&dir, &["check", "sheet.csv", "--rules", "/dev/zero"]);
        assert_eq!(endless.code, 2);
        assert!(
            endless.stderr.contains("1,000,001 bytes"),
            "{}",
            endless.stderr
        );
    }
}

/// Writes that do not half-happen (issue 19): `-o` naming the input itself is refused (exit 2) and the sheet
/// is untouched; a write that fails leaves nothing at the output path; a finished write leaves no
/// temporary file behind, and an existing output is replaced whole.
#[test]
fn writes_never_half_happen_and_never_overwrite_the_input() {
    let dir = workdir("atomic");
    let sheet = passing_rows();
    std::fs::write(dir.join("社区.xlsx"), &sheet).unwrap();
    for output in ["社区.xlsx", "./社区.xlsx"] {
        let r = run(&dir, &["check", "社区.xlsx", "-o", output]);
        assert_eq!(r.code, 2, "{output}: {}", r.stderr);
        assert!(
            r.stderr.contains("that is the sheet being checked"),
            "{}",
            r.stderr
        );
        assert_eq!(
            std::fs::read(dir.join("社区.xlsx")).unwrap(),
            sheet,
            "the input was changed"
        );
    }
    // An output folder that does not exist: the run fails and writes nothing anywhere.
    let r = run(
        &dir,
        &["check", "社区.xlsx", "-o", "no-such-folder/结果.csv"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
    // A finished write: the result in place, no temporary file, and a second run replaces it whole.
    std::fs::write(
        dir.join("结果.csv"),
        "old contents that are longer than the new ones will ever be ".repeat(500),
    )
    .unwrap();
    for output in ["结果.csv", "结果.xlsx"] {
        let r = run(&dir, &["check", "社区.xlsx", "-o", output]);
        assert_eq!(r.code, 0, "{output}: {}", r.stderr);
    }
    let csv = std::fs::read_to_string(dir.join("结果.csv")).unwrap();
    assert!(
        !csv.contains("old contents"),
        "the old file was not replaced whole"
    );
    assert!(csv.starts_with('\u{feff}'));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["社区.xlsx", "结果.csv", "结果.xlsx"]);
}

/// `--rules` with a pack saved as GB18030 ("ANSI" in Notepad on Chinese Windows): read as GB18030 and said
/// so, its Chinese titles intact in the output; bytes that are neither UTF-8 nor GB18030 refused in words.
#[test]
fn a_pack_saved_as_gb18030_is_read_as_such_never_as_mojibake() {
    let dir = workdir("rules-gb18030");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gbk =
        std::fs::read(fixtures.join("tests/fixtures/packs/example-new-jurisdiction.gb18030.json"))
            .unwrap();
    let utf8 =
        std::fs::read_to_string(fixtures.join("examples/packs/example-new-jurisdiction.json"))
            .unwrap();
    // The fixture is the example pack, byte for byte once decoded (it cannot drift from it).
    assert_eq!(batch::gb18030(&gbk).as_deref(), Some(utf8.as_str()));
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the fixture must not be UTF-8"
    );
    std::fs::write(dir.join("pack.json"), &gbk).unwrap();
    std::fs::write(
        dir.join("sheet.csv"),
        "社区名称,地区,社区类型,户数,规划面积\n甲社区,example_city,industrial_park,1000,420\n",
    )
    .unwrap();
    let result = run(
        &dir,
        &[
            "check",
            "sheet.csv",
            "--rules",
            "pack.json",
            "-o",
            "out.csv",
        ],
    );
    // Checked (the row is 待补充 without its construction: exit 1), not refused (2).
    assert_eq!(result.code, 1, "{}{}", result.stdout, result.stderr);
    assert!(result.stderr.contains("已按 GB18030"), "{}", result.stderr);
    let out = String::from_utf8(std::fs::read(dir.join("out.csv")).unwrap()).unwrap();
    assert!(
        out.contains("《示例市配建标准（示例）》")
            && out.contains("示例规则包：新增地区与新社区类型"),
        "{out}"
    );

    std::fs::write(dir.join("bad.json"), b"{\"title\": \"\xff\xfe\x80\"}").unwrap();
    let bad = run(&dir, &["check", "sheet.csv", "--rules", "bad.json"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("neither UTF-8 nor GB18030"),
        "{}",
        bad.stderr
    );
}

/// `--value`: an office's sheet whose 所属旗区 column holds county-level names the standards do not list
/// (here made-up ones) is listed on stderr per distinct text with its rows; settling each with `--value`
/// checks every row; a value that names nothing is refused (exit 2).
#[test]
fn values_a_sheet_cannot_read_are_listed_and_settled_with_value() {
    let dir = workdir("values");
    std::fs::write(
        dir.join("sheet.csv"),
        "社区名称,所属旗区,社区类型,户数,规划面积\n\
         甲社区,甲旗,城市,1000,300\n\
         乙社区,乙旗,城市,1000,300\n\
         丙社区,甲旗,城市,1200,300\n\
         丁社区,兴安盟,城市,1000,300\n",
    )
    .unwrap();
    let unsettled = run(&dir, &["check", "sheet.csv"]);
    assert_eq!(unsettled.code, 1, "{}", unsettled.stderr);
    assert!(
        unsettled.stderr.contains("2 种取值无法识别"),
        "{}",
        unsettled.stderr
    );
    assert!(
        unsettled
            .stderr
            .contains("“甲旗”：第 2, 4 行 / rows 2, 4 → --value 所属旗区:甲旗=<地区>"),
        "{}",
        unsettled.stderr
    );
    assert!(
        unsettled.stderr.contains("“乙旗”：第 3 行"),
        "{}",
        unsettled.stderr
    );
    let settled = run(
        &dir,
        &[
            "check",
            "sheet.csv",
            "--value",
            "所属旗区:甲旗=兴安盟",
            "--value=B:乙旗=xam",
        ],
    );
    // Every row is checked now (待补充 without its office area: exit 1), none is 输入有误.
    assert_eq!(settled.code, 1, "{}{}", settled.stdout, settled.stderr);
    assert!(!settled.stderr.contains("无法识别"), "{}", settled.stderr);
    assert!(
        settled.stderr.contains("· 0 输入有误"),
        "{}",
        settled.stderr
    );
    assert!(
        unsettled.stderr.contains("· 3 输入有误"),
        "{}",
        unsettled.stderr
    );
    let wrong = run(
        &dir,
        &["check", "sheet.csv", "--value", "所属旗区:甲旗=火星"],
    );
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    let no_column = run(&dir, &["check", "sheet.csv", "--value", "旗县:甲旗=xam"]);
    assert_eq!(no_column.code, 2, "{}", no_column.stderr);
    assert!(
        no_column.stderr.contains("no column"),
        "{}",
        no_column.stderr
    );
}
