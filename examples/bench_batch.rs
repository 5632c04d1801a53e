//! Batch throughput in-process: a 100,000-row district sheet (names and numbers as planners write them)
//! read from CSV and from `.xlsx`, matched, checked and written back (run by `cargo xtask bench`).
//! Reported, never asserted. `--write DIR` also saves the sheet as `communities.csv` and
//! `communities.xlsx` for timing the command-line tool on them.
//!
//! The last line is the headline: CSV rows per second from bytes to checked report.

use facility_calc::batch::{self, Limits, SheetChoices};
use facility_calc::text::Lang;
use std::time::Instant;

const ROWS: usize = 100_000;

/// One row in the words of a planner; every tenth has a problem, a third lack a design to compare.
fn row(i: usize) -> [String; 9] {
    let jurisdictions = ["兴安盟", "东胜区", "敖勒召其镇", "仁寿县", "内蒙古", "xam"];
    let settlements = [
        "城市社区",
        "城镇社区",
        "农区嘎查村",
        "牧区嘎查村",
        "city",
        "中心村",
    ];
    let constructions = ["现有", "新建", "改造", ""];
    let households = 100 + (i * 37) % 4000;
    let hh_text = if i.is_multiple_of(4) {
        format!("{},{:03}户", households / 1000, households % 1000)
    } else {
        households.to_string()
    };
    let jurisdiction = jurisdictions[i % jurisdictions.len()];
    let settlement = if jurisdiction == "仁寿县" {
        "城市社区"
    } else {
        settlements[(i / 7) % settlements.len()]
    };
    let total = households * 3 / 10 + (i % 90);
    let (total, office) = match i % 3 {
        0 => (String::new(), String::new()),
        1 => (total.to_string(), (total / 8).to_string()),
        _ => (format!("{total}平方米"), String::new()),
    };
    let households = if i % 10 == 9 {
        "待定".to_string()
    } else {
        hh_text
    };
    [
        format!("社区{i}"),
        jurisdiction.to_string(),
        settlement.to_string(),
        constructions[i % constructions.len()].to_string(),
        households,
        (households_population(i)).to_string(),
        total,
        office,
        String::new(),
    ]
}

fn households_population(i: usize) -> usize {
    300 + (i * 97) % 10_000
}

const HEADERS: [&str; 9] = [
    "社区名称",
    "旗区",
    "社区类型",
    "建设类型",
    "户数",
    "常住人口",
    "规划面积",
    "办公面积",
    "活动面积",
];

fn csv_text() -> String {
    let mut text = HEADERS.join(",");
    text.push_str("\r\n");
    for i in 0..ROWS {
        for (k, cell) in row(i).iter().enumerate() {
            if k > 0 {
                text.push(',');
            }
            if cell.contains(',') {
                text.push('"');
                text.push_str(cell);
                text.push('"');
            } else {
                text.push_str(cell);
            }
        }
        text.push_str("\r\n");
    }
    text
}

/// The same sheet as a planner's `.xlsx`: numbers as number cells, the rest as text.
fn plain_xlsx() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, header) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *header).expect("header");
    }
    for i in 0..ROWS {
        for (c, cell) in row(i).iter().enumerate() {
            let (r, c) = (i as u32 + 1, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).map(|_| ()),
                Err(_) if cell.is_empty() => Ok(()),
                Err(_) => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .expect("cell");
        }
    }
    workbook.save_to_buffer().expect("xlsx writes")
}

fn per_second(rows: usize, seconds: f64) -> String {
    facility_calc::number::format_number((rows as f64 / seconds).round())
}

/// This process's CPU time (user + system) from /proc, in seconds: on a shared machine the wall clock
/// measures the neighbours too. `None` where /proc is missing.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces); utime, stime are 14, 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // USER_HZ is 100 on Linux
}

/// Runs `work`, prints its wall and CPU time and rows/s, and returns (its result, seconds): CPU seconds
/// when known, else wall.
fn timed<T>(label: &str, work: impl FnOnce() -> T) -> (T, f64) {
    let (cpu_start, wall_start) = (cpu_seconds(), Instant::now());
    let result = work();
    let wall = wall_start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
    let seconds = cpu.filter(|c| *c > 0.0).unwrap_or(wall);
    println!(
        "  {label:<11} {wall:.3} s wall, {} CPU: {} rows/s",
        cpu.map_or("?".to_string(), |c| format!("{c:.2} s")),
        per_second(ROWS, seconds)
    );
    (result, seconds)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let write_dir = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1));
    let limits = Limits::DEFAULT;
    let csv = csv_text().into_bytes();
    let xlsx_in = plain_xlsx();
    println!(
        "{ROWS} rows: CSV {} KB, xlsx {} KB",
        csv.len() / 1024,
        xlsx_in.len() / 1024
    );

    let (sheet, read) = timed("read CSV", || {
        batch::read_file(&csv, "communities.csv", &limits).expect("CSV reads")
    });
    let mapping = batch::match_columns(&sheet).mapping;
    let (report, checked) = timed("check", || {
        batch::check(
            &facility_calc::builtin(),
            &sheet,
            &mapping,
            &SheetChoices::default(),
        )
    });
    timed("write CSV", || batch::write_csv(&sheet, &report, Lang::Zh));
    // The command line's CSV path on one thread: checked and written a chunk at a time, only what the
    // output shows worked out per row.
    timed("check+CSV", || {
        let set = facility_calc::builtin();
        let mut out = String::new();
        let mut writer = batch::CsvWriter::new(&sheet, Lang::Zh, &mut out);
        let mut written = out.len();
        for start in (0..sheet.rows.len()).step_by(2048) {
            out.clear();
            let rows = start..start + 2048;
            writer.check_rows(
                &set,
                &sheet,
                &mapping,
                &SheetChoices::default(),
                rows,
                &mut out,
            );
            written += out.len();
        }
        written
    });
    timed("write xlsx", || {
        batch::write_xlsx(&sheet, &report, Lang::Zh).expect("xlsx writes")
    });
    let (from_xlsx, _) = timed("read xlsx", || {
        batch::read_file(&xlsx_in, "communities.xlsx", &limits).expect("xlsx reads")
    });
    assert_eq!(from_xlsx.rows.len(), ROWS);
    let s = &report.summary;
    println!(
        "  verdicts: {} pass, {} fail, {} incomplete, {} invalid",
        s.pass, s.fail, s.incomplete, s.invalid
    );

    if let Some(dir) = write_dir {
        let dir = std::path::Path::new(dir);
        std::fs::write(dir.join("communities.csv"), &csv).expect("write communities.csv");
        std::fs::write(dir.join("communities.xlsx"), &xlsx_in).expect("write communities.xlsx");
    }
    println!(
        "batch core (CSV read + check, {ROWS} rows, CPU time): {} rows/s",
        per_second(ROWS, read + checked)
    );
}
