//! Batch core (issue 9): header matching, values as planners write them, malformed and hostile files, every
//! row checked exactly as the engine checks it alone, and the written results read back.

mod common;
#[path = "fixtures/batch/mod.rs"]
mod fixtures;

use facility_calc::batch::{
    self, Cell, Limits, Mapping, MatchStatus, Report, RowVerdict, Sheet, SheetChoices, Target,
};
use facility_calc::text::Lang;
use facility_calc::{RawInput, evaluate_raw};
use fixtures::*;

fn sheet_of(rows: &[&[&str]]) -> Sheet {
    batch::read_file(&xlsx(rows), "test.xlsx", &Limits::DEFAULT).expect("fixture reads")
}

fn check_rows(rows: &[&[&str]], choices: &SheetChoices) -> Report {
    check_sheet(&sheet_of(rows), choices)
}

/// A sheet checked under the built-in standards with the columns as matched.
fn check_sheet(sheet: &Sheet, choices: &SheetChoices) -> Report {
    let columns = batch::match_columns(sheet);
    batch::check(&facility_calc::builtin(), sheet, &columns.mapping, choices)
}

fn status_name(status: MatchStatus) -> &'static str {
    match status {
        MatchStatus::Matched => "matched",
        MatchStatus::Guessed => "guessed",
        MatchStatus::Ambiguous => "ambiguous",
        MatchStatus::Duplicate => "duplicate",
        MatchStatus::Unknown => "unknown",
    }
}

/// One header alone in a sheet (beside a households column, so the sheet has data): what it is read as.
#[test]
fn header_variants() {
    // (header, status, target id or the candidates for ambiguous ones)
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str)] = &[
        ("小区名称", "matched", "name"),
        ("社区名称", "matched", "name"),
        ("名称", "matched", "name"),
        ("Community", "matched", "name"),
        ("旗区", "matched", "jurisdiction"),
        ("辖区", "matched", "jurisdiction"),
        ("地区", "matched", "jurisdiction"),
        ("jurisdiction", "matched", "jurisdiction"),
        ("类型", "matched", "settlement"),
        ("社区类型", "matched", "settlement"),
        ("Community type", "matched", "settlement"),
        ("建设类型", "matched", "construction"),
        ("新建/改造", "matched", "construction"),
        ("建设情况", "matched", "construction"),
        ("专项计划", "matched", "programme"),
        ("人口", "matched", "population"),
        ("常住人口", "matched", "population"),
        ("常住人口（人）", "matched", "population"),
        ("Resident population", "matched", "population"),
        ("已入住户数", "matched", "occupied_households"),
        ("occupied_households", "matched", "occupied_households"),
        ("规划面积", "matched", "planned.total_m2"),
        ("总建筑面积", "matched", "planned.total_m2"),
        ("规划总建筑面积(m²)", "matched", "planned.total_m2"),
        ("total_m2", "matched", "planned.total_m2"),
        ("planned.total_m2", "matched", "planned.total_m2"),
        ("办公面积", "matched", "planned.office_m2"),
        ("办公面积 ㎡", "matched", "planned.office_m2"),
        ("其中办公面积", "matched", "planned.office_m2"),
        ("Office area", "matched", "planned.office_m2"),
        ("活动面积", "matched", "planned.activity_m2"),
        ("居民活动区域面积（平方米）", "matched", "planned.activity_m2"),
        ("所属社区类型", "guessed", "settlement"),
        ("社区办公面积", "guessed", "planned.office_m2"),
        ("面积", "ambiguous", "planned.total_m2 planned.office_m2 planned.activity_m2"),
        ("Area (m²)", "ambiguous", "planned.total_m2 planned.office_m2 planned.activity_m2"),
        ("人数", "ambiguous", "population households"),
        ("备注", "unknown", ""),
        ("联系电话", "unknown", ""),
        ("", "unknown", ""),
    ];
    for (header, status, expected) in cases {
        let sheet = sheet_of(&[&["户数", header, "x"], &["1250", "a", "b"]]);
        let report = batch::match_columns(&sheet);
        assert_eq!(
            report.columns[0].target,
            Some(Target::Households),
            "{header}"
        );
        let column = &report.columns[1];
        let got = match column.target {
            Some(t) => t.id().to_string(),
            None => column
                .candidates
                .iter()
                .map(|t| t.id())
                .collect::<Vec<_>>()
                .join(" "),
        };
        assert_eq!(
            (status_name(column.status), got.as_str()),
            (*status, *expected),
            "header {header:?}"
        );
        assert_eq!(report.mapping.columns[1], column.target, "{header}");
    }
}

#[test]
fn households_header_variants() {
    for header in [
        "户数",
        "总户数",
        "住户数",
        "户数（户）",
        "Households",
        "households",
        "HH",
    ] {
        let sheet = sheet_of(&[&[header], &["1250"]]);
        let report = batch::match_columns(&sheet);
        assert_eq!(
            report.mapping.column_of(Target::Households),
            Some(0),
            "{header}"
        );
        assert_eq!(report.columns[0].status, MatchStatus::Matched, "{header}");
    }
}

#[test]
fn two_columns_for_one_input_keep_the_first_and_flag_the_second() {
    let sheet = sheet_of(&[
        &["户数", "总户数", "所属社区类型", "社区类型"],
        &["1", "2", "city", "town"],
    ]);
    let report = batch::match_columns(&sheet);
    let statuses: Vec<_> = report
        .columns
        .iter()
        .map(|c| status_name(c.status))
        .collect();
    // An exact header beats an earlier guessed one.
    assert_eq!(statuses, ["matched", "duplicate", "duplicate", "matched"]);
    assert_eq!(report.columns[1].candidates, [Target::Households]);
    assert_eq!(report.mapping.column_of(Target::Settlement), Some(3));
    assert!(report.needs_review);
    assert_eq!(report.missing, [Target::Jurisdiction]);
}

#[test]
fn a_sheet_with_every_input_named_needs_no_review_and_previews_its_first_rows() {
    let sheet = sheet_of(DISTRICT);
    let report = batch::match_columns(&sheet);
    assert!(!report.needs_review, "{:?}", report.columns);
    assert!(report.missing.is_empty());
    assert_eq!(report.preview.len(), 4);
    assert_eq!(report.preview[0][0], "幸福社区");
    assert_eq!(report.preview[0][4], "1250");
    assert_eq!(report.columns[9].status, MatchStatus::Unknown); // 备注 kept, not read
}

#[test]
fn a_mapping_set_by_the_user_moves_a_target_and_round_trips_as_ids() {
    let mut mapping = Mapping {
        columns: vec![Some(Target::Households), None, Some(Target::TotalM2)],
    };
    mapping.set(1, Some(Target::TotalM2));
    assert_eq!(
        mapping.columns,
        [Some(Target::Households), Some(Target::TotalM2), None]
    );
    assert_eq!(Target::from_id("total_m2"), Some(Target::TotalM2));
    assert_eq!(Target::from_id("planned.total_m2"), Some(Target::TotalM2));
    assert_eq!(Target::from_id("nonsense"), None);
}

/// Cells as planners write them → what the engine is given (visible in the row's inputs).
#[test]
fn values_as_planners_write_them() {
    // (header, cell, the text given to the engine)
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str)] = &[
        ("地区", "兴安盟", "xam"),
        ("地区", "xam", "xam"),
        ("地区", "东胜区", "dongsheng"),
        ("地区", "东胜", "dongsheng"),
        ("地区", "鄂尔多斯市东胜区", "dongsheng"),
        ("地区", "敖勒召其镇", "aolezhaoqi"),
        ("地区", "仁寿县", "renshou"),
        ("地区", "内蒙古", "nmg"),
        ("地区", "内蒙古自治区", "nmg"),
        ("地区", " Renshou County, Meishan, Sichuan ", "renshou"),
        ("地区", "火星", "火星"),
        // Places a jurisdiction lists (issue 15), in full and short forms; one two jurisdictions list is
        // left as written, for validation to refuse, never guessed.
        ("地区", "乌兰浩特市", "xam"),
        ("地区", "乌兰浩特", "xam"),
        ("地区", "科右前旗", "xam"),
        ("地区", "科尔沁右翼中旗", "xam"),
        ("地区", "突泉县", "xam"),
        ("地区", "呼和浩特市", "nmg"),
        ("地区", "锡林郭勒盟", "nmg"),
        ("地区", "鄂尔多斯市", "鄂尔多斯市"),
        ("社区类型", "城市", "city"),
        ("社区类型", "嘎查村", "嘎查村"),
        ("社区类型", "城市社区", "city"),
        ("社区类型", "城镇社区", "town"),
        ("社区类型", "农区嘎查村", "farming_village"),
        ("社区类型", "传统农村", "farming_village"),
        ("社区类型", "牧区嘎查村", "pastoral_village"),
        ("社区类型", "苏木乡镇驻地社区", "township_seat"),
        ("社区类型", "农村社区", "farming_village"),
        ("社区类型", "City community", "city"),
        ("社区类型", "pastoral_village", "pastoral_village"),
        ("建设类型", "现有", "existing"),
        ("建设类型", "新建", "new"),
        ("建设类型", "改造", "renovated"),
        ("专项计划", "北疆示范社区创建", "beijiang_demo"),
        ("户数", "1,250户", "1,250户"),
        ("户数", "1250", "1250"),
    ];
    for (header, cell, expected) in cases {
        let report = check_rows(
            &[&[header, "户数"], &[cell, "1250"]],
            &SheetChoices::default(),
        );
        let target = Target::from_id(match *header {
            "地区" => "jurisdiction",
            "社区类型" => "settlement",
            "建设类型" => "construction",
            "专项计划" => "programme",
            _ => "households",
        })
        .unwrap();
        let given = report.rows[0]
            .inputs
            .iter()
            .find(|i| i.field() == target.id())
            .map(|i| i.text.as_str());
        assert_eq!(given, Some(*expected), "{header} {cell:?}");
    }
}

#[test]
fn numbers_as_typed_are_read_by_parse_number() {
    let choices = SheetChoices {
        jurisdiction: Some("兴安盟".into()),
        settlement: Some("城市社区".into()),
        ..SheetChoices::default()
    };
    // (households cell, total cell, required area, verdict)
    #[rustfmt::skip]
    let cases: &[(&str, &str, f64, RowVerdict)] = &[
        ("1,250户", "500平方米", 375.0, RowVerdict::Pass),
        ("１２５０", "375", 375.0, RowVerdict::Pass),
        ("1.2万", "3,600 m²", 3600.0, RowVerdict::Pass),
        ("1.2万", "3599.5㎡", 3600.0, RowVerdict::Fail),
        ("12,5", "", 0.0, RowVerdict::Invalid),
    ];
    for (hh, total, area, verdict) in cases {
        let report = check_rows(
            &[&["户数", "规划面积", "办公面积"], &[hh, total, "0"]],
            &choices,
        );
        let row = &report.rows[0];
        assert_eq!(row.verdict, *verdict, "{hh} {total}: {:?}", row.errors);
        if *verdict != RowVerdict::Invalid {
            assert_eq!(row.required_area_m2, Some(*area), "{hh}");
        }
    }
}

/// Every row gives the same figures and verdict as the engine gives for the same inputs on their own.
#[test]
fn rows_match_the_engine_alone() {
    // (cells for 地区, 类型, 建设, 户数, 人口, 规划面积, 办公面积, 活动面积, 专项; the same as a scenario)
    #[rustfmt::skip]
    let cases: &[([&str; 9], &str)] = &[
        (["兴安盟", "城市社区", "现有", "1250", "3275", "420", "60", "260", ""], "xam city hh=1250 pop=3275 total=420 office=60 activity=260"),
        (["xam", "city", "new", "2000", "", "450", "", "", ""], "xam city construction=new hh=2000 total=450"),
        (["东胜区", "牧区嘎查村", "", "300", "", "", "", "", ""], "dongsheng pastoral_village hh=300"),
        (["东胜区", "城市社区", "", "1000", "5000", "400", "50", "200", "北疆示范社区创建"], "dongsheng city programme=beijiang_demo hh=1000 pop=5000 total=400 office=50 activity=200"),
        (["敖勒召其镇", "城镇社区", "改造", "3100", "", "930", "200", "", ""], "aolezhaoqi town construction=renovated hh=3100 total=930 office=200"),
        (["仁寿县", "农村社区", "新建", "800", "2000", "240", "", "", ""], "renshou farming_village construction=new hh=800 pop=2000 total=240"),
        (["内蒙古", "中心村", "", "100", "", "149.5", "", "", ""], "nmg central_village hh=100 total=149.5"),
    ];
    let header: &[&str] = &[
        "地区",
        "类型",
        "建设类型",
        "户数",
        "人口",
        "规划面积",
        "办公面积",
        "活动面积",
        "专项",
    ];
    let mut rows: Vec<&[&str]> = vec![header];
    rows.extend(cases.iter().map(|(cells, _)| &cells[..]));
    let report = check_rows(&rows, &SheetChoices::default());
    assert_eq!(report.rows.len(), cases.len());
    for (row, (_, scenario)) in report.rows.iter().zip(cases) {
        let alone =
            evaluate_raw(&facility_calc::builtin(), &common::scenario(scenario)).expect(scenario);
        assert_eq!(row.required_area_m2, alone.required_area_m2, "{scenario}");
        assert_eq!(row.office_max_m2, alone.office_max_m2, "{scenario}");
        assert_eq!(row.activity_min_m2, alone.activity_min_m2, "{scenario}");
        assert_eq!(
            (row.staff_min, row.staff_max),
            (alone.staff_min, alone.staff_max),
            "{scenario}"
        );
        let verdict = match alone.verdict {
            Some(facility_calc::Verdict::Pass) => RowVerdict::Pass,
            Some(facility_calc::Verdict::Fail) => RowVerdict::Fail,
            _ => RowVerdict::Incomplete,
        };
        assert_eq!(row.verdict, verdict, "{scenario}");
        let short = alone
            .required_area_m2
            .zip(alone.planned.total_m2)
            .map(|(need, have)| need - have);
        assert_eq!(
            row.area_to_add_m2,
            short.filter(|s| *s > 1e-6),
            "{scenario}"
        );
        assert!(!row.governing_docs.is_empty(), "{scenario}");
    }
}

#[test]
fn a_district_sheet_every_row_in_order_with_words_actions_and_sources() {
    let report = check_rows(DISTRICT, &SheetChoices::default());
    let lines: Vec<String> = report
        .rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} [{}] {}",
                r.row,
                r.name,
                r.verdict.word().zh,
                r.required_area_m2.map_or("-".into(), |a| a.to_string()),
                r.action_zh,
                r.governing_titles(true)
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "2 幸福社区 达标 375 [] 《内蒙古“十三五”城乡社区规划》、《兴安盟城乡社区治理实施意见》",
            "3 团结社区 不达标 600 [需补建 150 m²] 《内蒙古“十三五”城乡社区规划》、《兴安盟城乡社区治理实施意见》",
            "4 和平嘎查 待补充 150 [填写规划总建筑面积后可核对] 《内蒙古“十三五”城乡社区规划》、《东胜区城乡社区治理“2121”工程实施方案》",
            "5 错误社区 输入有误 - [请按问题说明更正后重新检查] ",
        ]
    );
    let bad = &report.rows[3];
    let errors: Vec<String> = bad
        .errors
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e.row,
                e.column,
                e.letter.as_deref().unwrap_or("-"),
                e.code
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            "5 旗区 B unknown_value",
            "5 总户数 E not_a_number",
            "5 办公面积 H exceeds_total",
        ]
    );
    assert!(
        bad.errors[1].message_zh.contains("户数"),
        "{}",
        bad.errors[1].message_zh
    );
    let s = &report.summary;
    assert_eq!(
        (s.rows, s.pass, s.fail, s.incomplete, s.invalid),
        (4, 1, 1, 1, 1)
    );
    assert_eq!(s.total_to_build_m2, 150.0);
    assert_eq!(s.worst, [1]);
    assert!(!report.all_pass());
}

#[test]
fn the_widget_link_comes_from_the_row_inputs() {
    let report = check_rows(DISTRICT, &SheetChoices::default());
    let pairs: Vec<String> = report.rows[0]
        .inputs
        .iter()
        .map(|i| format!("{}={}", i.key(), i.text))
        .collect();
    assert_eq!(
        pairs.join("&"),
        "jurisdiction=xam&settlement=city&construction=existing&households=1250&population=3275&total_m2=420&office_m2=60&activity_m2=260"
    );
}

#[test]
fn sheet_choices_stand_in_for_missing_columns_and_blank_cells() {
    let rows: &[&[&str]] = &[
        &["名称", "类型", "户数", "规划面积"],
        &["甲", "", "1000", "300"],
        &["乙", "牧区嘎查村", "100", "150"],
    ];
    let without = check_rows(rows, &SheetChoices::default());
    assert_eq!(without.rows[0].verdict, RowVerdict::Invalid);
    let fields: Vec<&str> = without.rows[0]
        .errors
        .iter()
        .map(|e| e.field.id())
        .collect();
    assert_eq!(fields, ["jurisdiction", "settlement"]);
    assert_eq!(without.rows[0].errors[0].column, "地区");
    assert_eq!(without.rows[0].errors[0].letter, None);

    let choices = SheetChoices {
        jurisdiction: Some("兴安盟".into()),
        settlement: Some("city".into()),
        ..SheetChoices::default()
    };
    assert!(choices.validate(&facility_calc::builtin()).is_empty());
    let with = check_rows(rows, &choices);
    // Checked (no office area given, so the office ceiling is still to check).
    assert_eq!(
        with.rows[0].verdict,
        RowVerdict::Incomplete,
        "{:?}",
        with.rows[0].errors
    );
    assert_eq!(with.rows[0].required_area_m2, Some(300.0));
    // A cell given wins over the sheet's choice.
    assert_eq!(with.rows[1].required_area_m2, Some(150.0));

    let bad = SheetChoices {
        jurisdiction: Some("火星".into()),
        ..SheetChoices::default()
    };
    let problems = bad.validate(&facility_calc::builtin());
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].field.id(), problems[0].code.as_str()),
        ("jurisdiction", "unknown_value")
    );
}

fn read(bytes: &[u8], name: &str, limits: &Limits) -> Result<Sheet, String> {
    batch::read_file(bytes, name, limits).map_err(|e| e.code.to_string())
}

/// Malformed and hostile files: (what, result: `ok <rows> <encoding>` or the error code).
#[test]
fn malformed_and_hostile_files() {
    let small = Limits {
        max_file_bytes: 1 << 20,
        max_rows: 3,
        max_columns: 5,
        max_unpacked_bytes: 4 << 20,
        max_shared_strings_bytes: 1 << 20,
    };
    let good = xlsx(&[&["户数"], &["1250"]]);
    let truncated = &good[..good.len() / 2];
    // Parts a reader opens by name, whatever the package says of them, inflating past the limit.
    let named = xlsx(&[&["社区名称", "户数"], &["幸福社区", "1250"]]);
    let sheet_part = "xl/worksheets/sheet1.xml";
    let big_sheet = |name: &'static str| repackage(&named, &[Part::Blanks(name, 5 << 20)]);
    // A declared count of shared strings no file holds (calamine reserves room for it up front): never
    // trusted, so the file reads as it is.
    let strings = shared_strings(&named);
    let lying = |count: &str| {
        let text = strings.replacen("uniqueCount=\"", &format!("uniqueCount=\"{count}"), 1);
        repackage(
            &named,
            &[Part::Content("xl/sharedStrings.xml", text.into_bytes())],
        )
    };
    // A shared-strings part written with a namespace prefix (`<x:si>`) holds its strings all the same.
    let prefixed = strings
        .replace(
            "<sst ",
            "<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ",
        )
        .replace("</sst>", "</x:sst>")
        .replace("<si>", "<x:si>")
        .replace("</si>", "</x:si>")
        .replace("<t>", "<x:t>")
        .replace("</t>", "</x:t>");
    let prefixed = repackage(
        &named,
        &[Part::Content("xl/sharedStrings.xml", prefixed.into_bytes())],
    );
    // One long shared string used by many cells: refused before it is copied into each.
    let long_strings = strings.replacen("幸福社区", &"长".repeat(40_000), 1);
    let long_cell = repackage(
        &named,
        &[Part::Content(
            "xl/sharedStrings.xml",
            long_strings.into_bytes(),
        )],
    );
    #[rustfmt::skip]
    let cases: Vec<(&str, Vec<u8>, &str, &Limits, &str)> = vec![
        ("empty file", vec![], "x.csv", &Limits::DEFAULT, "empty"),
        ("blank lines only", b"\r\n \r\n".to_vec(), "x.csv", &Limits::DEFAULT, "empty"),
        ("headers only", "社区名称,户数\r\n".into(), "x.csv", &Limits::DEFAULT, "no_data"),
        ("headers only xlsx", xlsx(&[&["社区名称", "户数"]]), "x.xlsx", &Limits::DEFAULT, "no_data"),
        ("empty workbook", xlsx(&[]), "x.xlsx", &Limits::DEFAULT, "empty"),
        ("utf-8", "名称,户数\n幸福,1250\n".into(), "x.csv", &Limits::DEFAULT, "ok 1 UTF-8"),
        ("utf-8 bom", utf8_bom("名称,户数\r\n幸福,1250\r\n"), "x.csv", &Limits::DEFAULT, "ok 1 UTF-8"),
        ("gbk", gbk("名称,户数\r\n幸福社区,1250\r\n团结嘎查,300\r\n"), "x.csv", &Limits::DEFAULT, "ok 2 GB18030"),
        ("tabs", "名称\t户数\n幸福\t1,250\n".into(), "x.txt", &Limits::DEFAULT, "ok 1 UTF-8"),
        ("excel sep= line", "sep=;\r\n名称;户数\r\n幸福;1250\r\n".into(), "x.csv", &Limits::DEFAULT, "ok 1 UTF-8"),
        ("no final newline", "名称,户数\n幸福,1250".into(), "x.csv", &Limits::DEFAULT, "ok 1 UTF-8"),
        ("truncated xlsx", truncated.to_vec(), "x.xlsx", &Limits::DEFAULT, "corrupt"),
        ("xlsx name, text inside", b"a,b\n1,2\n".to_vec(), "x.xlsx", &Limits::DEFAULT, "corrupt"),
        ("old xls", vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "x.xls", &Limits::DEFAULT, "unsupported_format"),
        ("binary", vec![0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00], "x.csv", &Limits::DEFAULT, "not_a_spreadsheet"),
        ("zip bomb", zip_bomb(8 << 20), "x.xlsx", &small, "zip_bomb"),
        ("too large", vec![b'a'; (1 << 20) + 1], "x.csv", &small, "too_large"),
        ("too many rows", "户数\n1\n2\n3\n4\n".into(), "x.csv", &small, "too_many_rows"),
        ("rows at the limit", "户数\n1\n2\n3\n".into(), "x.csv", &small, "ok 3 UTF-8"),
        ("too many columns", "a,b,c,d,e,f\n1,2,3,4,5,6\n".into(), "x.csv", &small, "too_many_columns"),
        ("too many xlsx rows", xlsx(&[&["户数"], &["1"], &["2"], &["3"], &["4"]]), "x.xlsx", &small, "too_many_rows"),
        ("pictures only", xlsx_images_only(), "x.xlsx", &Limits::DEFAULT, "images_only"),
        ("bomb under xl/media/", big_sheet("xl/media/image9.xml"), "x.xlsx", &small, "zip_bomb"),
        ("bomb as a directory name", big_sheet("xl/worksheets/sheet9.xml/"), "x.xlsx", &small, "zip_bomb"),
        ("sheet renamed into xl/media/", repackage(&repackage(&named, &[Part::Blanks("pad.xml", 5 << 20)]), &[Part::Renamed(sheet_part, "xl/media/sheet1.xml")]), "x.xlsx", &small, "zip_bomb"),
        ("bomb marked as a symlink", repackage(&big_sheet("xl/worksheets/sheet9.xml"), &[Part::Symlink("xl/worksheets/sheet9.xml")]), "x.xlsx", &small, "zip_bomb"),
        ("repackaged, unchanged", repackage(&named, &[]), "x.xlsx", &Limits::DEFAULT, "ok 1 -"),
        ("prefixed shared strings", prefixed, "x.xlsx", &Limits::DEFAULT, "ok 1 -"),
        ("uniqueCount 99999999999999", lying("99999999999999"), "x.xlsx", &Limits::DEFAULT, "ok 1 -"),
        ("uniqueCount 4000000000", lying("4000000000"), "x.xlsx", &Limits::DEFAULT, "ok 1 -"),
        ("a cell longer than Excel allows", long_cell, "x.xlsx", &Limits::DEFAULT, "cell_too_long"),
    ];
    for (what, bytes, name, limits, expected) in cases {
        let got = match read(&bytes, name, limits) {
            Ok(sheet) => format!("ok {} {}", sheet.rows.len(), sheet.encoding.unwrap_or("-")),
            Err(code) => code,
        };
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn gbk_and_utf16_text_reads_without_mojibake() {
    let sheet = read(
        &gbk("社区名称,户数\r\n乌兰浩特市和平社区,1250\r\n"),
        "x.csv",
        &Limits::DEFAULT,
    )
    .unwrap();
    assert_eq!(sheet.headers, ["社区名称", "户数"]);
    assert_eq!(
        sheet.rows[0].cells[0],
        Cell::Text("乌兰浩特市和平社区".into())
    );
    // Excel's "Unicode text": UTF-16LE with BOM, tab-separated.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "名称\t户数\r\n和平社区\t1250\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let sheet = read(&utf16, "x.txt", &Limits::DEFAULT).unwrap();
    assert_eq!(sheet.encoding, Some("UTF-16LE"));
    assert_eq!(sheet.rows[0].cells[0], Cell::Text("和平社区".into()));
}

#[test]
fn csv_quotes_blank_rows_and_row_numbers() {
    let text =
        "名称,户数,备注\n\"和平, 一期\",\"1,250\",\"说 \"\"重要\"\"\n第二行\"\n\n团结,300,\n";
    let sheet = batch::read_text(text, &Limits::DEFAULT).unwrap();
    assert_eq!(sheet.rows.len(), 2);
    assert_eq!(sheet.rows[0].cells[0], Cell::Text("和平, 一期".into()));
    assert_eq!(sheet.rows[0].cells[1], Cell::Text("1,250".into()));
    assert_eq!(
        sheet.rows[0].cells[2],
        Cell::Text("说 \"重要\"\n第二行".into())
    );
    // Row numbers are the sheet's own: the blank line is row 3, so 团结 is row 4.
    assert_eq!((sheet.rows[0].number, sheet.rows[1].number), (2, 4));
}

#[test]
fn a_workbook_starting_with_an_empty_sheet_reads_the_first_sheet_with_data() {
    let bytes = xlsx_sheets(&[("说明", &[]), ("社区", &[&["户数"], &["1250"]])]);
    let sheet = read(&bytes, "x.xlsx", &Limits::DEFAULT).unwrap();
    assert_eq!(sheet.sheet_name.as_deref(), Some("社区"));
    assert_eq!(sheet.rows[0].cells[0], Cell::Number(1250.0));
}

#[test]
fn nothing_dropped_blank_rows_skipped_order_kept() {
    let rows: &[&[&str]] = &[
        &["名称", "户数"],
        &["甲", "1"],
        &["", ""],
        &["乙", ""],
        &["丙", "x"],
    ];
    let report = check_rows(rows, &SheetChoices::default());
    let names: Vec<&str> = report.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["甲", "乙", "丙"]);
    let numbers: Vec<u32> = report.rows.iter().map(|r| r.row).collect();
    assert_eq!(numbers, [2, 4, 5]);
    assert!(report.rows.iter().all(|r| r.verdict == RowVerdict::Invalid));
}

#[test]
fn chunks_give_the_same_report_as_one_pass() {
    let sheet = sheet_of(DISTRICT);
    let mapping = batch::match_columns(&sheet).mapping;
    let choices = SheetChoices::default();
    let whole = batch::check(&facility_calc::builtin(), &sheet, &mapping, &choices);
    let mut rows = batch::check_rows(&facility_calc::builtin(), &sheet, &mapping, &choices, 0..2);
    rows.extend(batch::check_rows(
        &facility_calc::builtin(),
        &sheet,
        &mapping,
        &choices,
        2..99,
    ));
    assert_eq!(Report::new(rows), whole);
    // Out of range (a stale range after the sheet changed) gives nothing rather than a panic.
    let (start, end) = (7, 3);
    assert!(
        batch::check_rows(
            &facility_calc::builtin(),
            &sheet,
            &mapping,
            &choices,
            start..end
        )
        .is_empty()
    );
}

#[test]
fn results_written_as_xlsx_and_csv_read_back() {
    let sheet = sheet_of(DISTRICT);
    let report = batch::check(
        &facility_calc::builtin(),
        &sheet,
        &batch::match_columns(&sheet).mapping,
        &SheetChoices::default(),
    );
    let width = sheet.headers.len();
    let results = batch::result_headers(Lang::Zh);

    let xlsx = batch::write_xlsx(&sheet, &report, Lang::Zh).unwrap();
    let back = read(&xlsx, "out.xlsx", &Limits::DEFAULT).unwrap();
    let csv = batch::write_csv(&sheet, &report, Lang::Zh);
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]), "CSV has a UTF-8 BOM");
    let back_csv = read(&csv, "out.csv", &Limits::DEFAULT).unwrap();

    for back in [&back, &back_csv] {
        assert_eq!(back.headers[..width], sheet.headers[..]);
        assert_eq!(back.headers[width..], results[..]);
        assert_eq!(back.rows.len(), 4);
        let verdicts: Vec<String> = back
            .rows
            .iter()
            .map(|r| r.cell(width).text().into_owned())
            .collect();
        assert_eq!(verdicts, ["达标", "不达标", "待补充", "输入有误"]);
        assert_eq!(back.rows[1].cell(width + 1).text(), "600"); // required area, a plain number
        assert_eq!(back.rows[1].cell(width + 5).text(), "150"); // still to build
        assert_eq!(back.rows[0].cell(0).text(), "幸福社区"); // original columns kept
        let problems = width + results.iter().position(|h| *h == "输入问题").unwrap();
        assert!(back.rows[3].cell(problems).text().contains("「旗区」"));
    }
    // In the workbook, the required area is a number cell, not text.
    assert_eq!(back.rows[1].cell(width + 1), &Cell::Number(600.0));
    // The checked sheet, read back, checks the same (the result columns are not inputs).
    let again = batch::check(
        &facility_calc::builtin(),
        &back,
        &batch::match_columns(&back).mapping,
        &SheetChoices::default(),
    );
    let verdicts: Vec<RowVerdict> = again.rows.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        report.rows.iter().map(|r| r.verdict).collect::<Vec<_>>()
    );

    let english = batch::write_csv(&sheet, &report, Lang::En);
    let english = String::from_utf8(english).unwrap();
    assert!(
        english.contains("Verdict") && english.contains("Build 150 m² more"),
        "{english}"
    );
}

#[test]
fn the_template_reads_back_matches_every_column_and_checks_cleanly() {
    for (bytes, name) in [
        (batch::template_xlsx().unwrap(), "模板.xlsx"),
        (batch::template_csv(), "模板.csv"),
    ] {
        let sheet = read(&bytes, name, &Limits::DEFAULT).unwrap();
        assert_eq!(sheet.rows.len(), 2, "{name}");
        let columns = batch::match_columns(&sheet);
        assert!(!columns.needs_review, "{name}: {:?}", columns.columns);
        assert_eq!(columns.mapping.columns, Target::SHEET.map(Some), "{name}");
        let report = batch::check(
            &facility_calc::builtin(),
            &sheet,
            &columns.mapping,
            &SheetChoices::default(),
        );
        for row in &report.rows {
            assert_eq!(
                row.verdict,
                RowVerdict::Pass,
                "{name} {}: {:?}",
                row.name,
                row.errors
            );
        }
    }
}

#[test]
fn the_engine_input_of_a_row_is_a_plain_raw_input() {
    // A row's inputs are exactly what a RawInput for the widget would carry: nothing invented.
    let report = check_rows(&[&["户数"], &["5"]], &SheetChoices::default());
    assert_eq!(report.rows[0].inputs.len(), 1);
    let errors = evaluate_raw(
        &facility_calc::builtin(),
        &RawInput {
            households: facility_calc::Raw::text("5"),
            ..RawInput::default()
        },
    )
    .unwrap_err();
    let fields: Vec<&str> = report.rows[0].errors.iter().map(|e| e.field.id()).collect();
    assert_eq!(
        fields,
        errors.iter().map(|e| e.field.id()).collect::<Vec<_>>()
    );
}

#[test]
fn title_rows_above_the_header_are_not_communities() {
    #[rustfmt::skip]
    let rows: &[&[&str]] = &[
        &["东胜区社区综合服务设施统计表"],
        &["填报单位：东胜区民政局", "", "2026年11月"],
        &["社区名称", "社区类型", "户数", "规划面积", "办公面积"],
        &["幸福社区", "城市社区", "1250", "420", "60"],
    ];
    let choices = SheetChoices {
        jurisdiction: Some("东胜区".into()),
        ..SheetChoices::default()
    };
    let report = check_rows(rows, &choices);
    assert_eq!(report.rows.len(), 1);
    assert_eq!(
        (report.rows[0].row, report.rows[0].name.as_str()),
        (4, "幸福社区")
    );
    assert_eq!(
        report.rows[0].verdict,
        RowVerdict::Pass,
        "{:?}",
        report.rows[0].errors
    );
    let sheet = batch::read_text("统计表\n名称,户数\n甲,100\n", &Limits::DEFAULT).unwrap();
    assert_eq!((sheet.header_row, sheet.headers.len()), (2, 2));
    // A first row that names one input at most stays the header.
    let sheet = batch::read_text("户数\n100\n200\n", &Limits::DEFAULT).unwrap();
    assert_eq!((sheet.header_row, sheet.rows.len()), (1, 2));
}

/// A damaged file is an error, never a panic (a panic in the page's wasm would kill it): every prefix
/// length and single-byte corruption of a real workbook, at a stride.
#[test]
fn damaged_workbooks_never_panic() {
    let good = xlsx(DISTRICT);
    let step = (good.len() / 120).max(1);
    for cut in (0..good.len()).step_by(step) {
        let _ = batch::read_file(&good[..cut], "x.xlsx", &Limits::DEFAULT);
        for flip in [0x01u8, 0x80, 0xFF] {
            let mut bad = good.clone();
            bad[cut] ^= flip;
            if let Ok(sheet) = batch::read_file(&bad, "x.xlsx", &Limits::DEFAULT) {
                let mapping = batch::match_columns(&sheet).mapping;
                let report = batch::check(
                    &facility_calc::builtin(),
                    &sheet,
                    &mapping,
                    &SheetChoices::default(),
                );
                assert_eq!(report.rows.len(), sheet.rows.len());
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(150))]

    /// Any text or bytes (quotes, delimiters, stray encodings, huge numbers) reads to a sheet or an error,
    /// and any sheet read is checked row for row, none dropped, and written out.
    #[test]
    fn any_text_reads_checks_and_writes_without_panic(
        text in "([\"',\\t\\r\\n;]|户数|规划面积|办公面积|旗区|兴安盟|城市社区|[0-9.,万户-]{1,6}|\\PC{0,3}){0,40}",
        bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
    ) {
        for input in [text.as_bytes(), &bytes[..]] {
            if let Ok(sheet) = batch::read_file(input, "x.csv", &Limits::DEFAULT) {
                let mapping = batch::match_columns(&sheet).mapping;
                let report = batch::check(&facility_calc::builtin(), &sheet, &mapping, &SheetChoices::default());
                proptest::prop_assert_eq!(report.rows.len(), sheet.rows.len());
                let csv = batch::write_csv(&sheet, &report, Lang::Zh);
                proptest::prop_assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
                proptest::prop_assert!(batch::write_xlsx(&sheet, &report, Lang::En).is_ok());
            }
        }
    }
}

#[test]
fn an_incomplete_row_says_which_part_of_the_design_is_missing() {
    // (jurisdiction, programme, what the action asks for)
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, &str)] = &[
        ("xam", "", "填写办公面积后可完整核对", "Enter the office area to finish the check"),
        ("dongsheng", "beijiang_demo", "填写居民活动区域面积后可完整核对", "Enter the resident activity area to finish the check"),
        ("aolezhaoqi", "", "填写办公面积后可完整核对", "Enter the office area to finish the check"),
    ];
    for (jurisdiction, programme, zh, en) in cases {
        #[rustfmt::skip]
        let rows: &[&[&str]] = &[
            &["地区", "类型", "专项", "户数", "规划面积", "办公面积"],
            &[jurisdiction, "city", programme, "1000", "400", if programme.is_empty() { "" } else { "40" }],
        ];
        let row = &check_rows(rows, &SheetChoices::default()).rows[0];
        assert_eq!(
            row.verdict,
            RowVerdict::Incomplete,
            "{jurisdiction}: {:?}",
            row.errors
        );
        assert_eq!(
            (row.action_zh.as_str(), row.action_en.as_str()),
            (*zh, *en),
            "{jurisdiction}"
        );
    }
}

/// One random row: (jurisdiction, settlement, construction, programme, households, population, total,
/// office, activity), as ids and numbers a planner could type, blanks included.
fn any_row() -> impl proptest::strategy::Strategy<Value = [String; 9]> {
    use proptest::prelude::*;
    let choice =
        |options: &'static [&'static str]| proptest::sample::select(options).prop_map(String::from);
    let number = |max: u32| {
        prop_oneof![
            Just(String::new()),
            (0..max).prop_map(|n| n.to_string()),
            (0..max).prop_map(|n| format!("{}.5", n))
        ]
    };
    (
        choice(&[
            "xam",
            "nmg",
            "dongsheng",
            "aolezhaoqi",
            "renshou",
            "兴安盟",
            "东胜区",
            "",
            "mars",
        ]),
        choice(&[
            "city",
            "town",
            "township_seat",
            "urban_village",
            "farming_village",
            "pastoral_village",
            "牧区嘎查村",
            "",
        ]),
        choice(&["existing", "new", "renovated", "新建", ""]),
        choice(&["", "standard", "beijiang_demo", "capacity_upgrade"]),
        number(20_000),
        number(60_000),
        number(3_000),
        number(600),
        number(2_000),
    )
        .prop_map(|(j, s, c, p, hh, pop, total, office, activity)| {
            [j, s, c, p, hh, pop, total, office, activity]
        })
        // The reader skips blank rows by design (a sheet's spacer lines): they are not rows to check.
        .prop_filter("a blank row is not a community", |row| {
            row.iter().any(|cell| !cell.is_empty())
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]

    /// Every row of a random sheet gives what the engine gives for the same inputs alone: the same
    /// figures and verdict, or the same problems (by field and code).
    #[test]
    fn random_rows_match_the_engine_alone(rows in proptest::collection::vec(any_row(), 1..60)) {
        let header = ["地区", "类型", "建设类型", "专项", "户数", "人口", "规划面积", "办公面积", "活动面积"];
        let mut cells: Vec<&[String]> = Vec::new();
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        cells.push(&header);
        cells.extend(rows.iter().map(|r| &r[..]));
        let text: String = cells.iter().map(|r| r.join(",") + "\n").collect();
        let sheet = batch::read_text(&text, &Limits::DEFAULT).unwrap();
        let report = batch::check(&facility_calc::builtin(), &sheet, &batch::match_columns(&sheet).mapping, &SheetChoices::default());
        proptest::prop_assert_eq!(report.rows.len(), rows.len());
        for (row, cells) in report.rows.iter().zip(&rows) {
            let text = |i: usize| -> facility_calc::Raw {
                let id = match cells[i].as_str() { "兴安盟" => "xam", "东胜区" => "dongsheng", "牧区嘎查村" => "pastoral_village", "新建" => "new", other => other };
                if id.is_empty() { facility_calc::Raw::Absent } else { facility_calc::Raw::text(id) }
            };
            let planned = (6..9).any(|i| !cells[i].is_empty());
            let raw = RawInput {
                jurisdiction: text(0), settlement: text(1), construction: text(2), programme: text(3),
                households: text(4), population: text(5),
                planned: if planned { facility_calc::Raw::Object } else { facility_calc::Raw::Absent },
                planned_total_m2: text(6), planned_office_m2: text(7), planned_activity_m2: text(8),
                ..RawInput::default()
            };
            match evaluate_raw(&facility_calc::builtin(), &raw) {
                Ok(alone) => {
                    proptest::prop_assert_eq!(row.required_area_m2, alone.required_area_m2);
                    proptest::prop_assert_eq!(row.office_max_m2, alone.office_max_m2);
                    proptest::prop_assert_eq!(row.activity_min_m2, alone.activity_min_m2);
                    let verdict = match alone.verdict {
                        Some(facility_calc::Verdict::Pass) => RowVerdict::Pass,
                        Some(facility_calc::Verdict::Fail) => RowVerdict::Fail,
                        _ => RowVerdict::Incomplete,
                    };
                    proptest::prop_assert_eq!(row.verdict, verdict);
                    proptest::prop_assert_eq!(row.verdict == RowVerdict::Fail, row.gap_m2() > 0.0);
                }
                Err(errors) => {
                    proptest::prop_assert_eq!(row.verdict, RowVerdict::Invalid);
                    let got: Vec<(&str, &str)> = row.errors.iter().map(|e| (e.field.id(), e.code.as_str())).collect();
                    let want: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.id(), e.code.as_str())).collect();
                    proptest::prop_assert_eq!(got, want);
                }
            }
        }
    }
}

/// Excel and WPS show `#,##0.##` on a whole number as "555.": whole numbers are written with `#,##0`,
/// others with their decimals (issue 15).
#[test]
fn whole_numbers_in_the_xlsx_have_no_trailing_point() {
    use std::io::Read;
    let sheet = sheet_of(&[
        &["地区", "社区类型", "户数"],
        &["xam", "city", "1250"],
        &["xam", "city", "1001"],
    ]);
    let report = check_sheet(&sheet, &SheetChoices::default());
    assert_eq!(report.rows[0].required_area_m2, Some(375.0));
    assert_eq!(report.rows[1].required_area_m2, Some(300.3));
    let xlsx = batch::write_xlsx(&sheet, &report, Lang::Zh).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let styles = part("xl/styles.xml");
    let sheet_xml = part("xl/worksheets/sheet1.xml");
    // The style of each number cell: its `s` index into cellXfs, whose numFmtId names the format.
    let format_of = |value: &str| -> String {
        let at = sheet_xml
            .find(&format!("<v>{value}</v>"))
            .unwrap_or_else(|| panic!("{value} not written"));
        let cell = &sheet_xml[sheet_xml[..at].rfind("<c ").unwrap()..at];
        let style: usize = cell
            .split("s=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let xfs = &styles[styles.find("<cellXfs").unwrap()..];
        let xf = xfs.split("<xf ").nth(style + 1).unwrap();
        let id = xf
            .split("numFmtId=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let code = styles
            .split("<numFmt ")
            .find(|f| f.contains(&format!("numFmtId=\"{id}\"")))
            .and_then(|f| f.split("formatCode=\"").nth(1))
            .map(|c| c.split('"').next().unwrap().to_string());
        code.unwrap_or_else(|| format!("built-in {id}"))
    };
    assert_eq!(format_of("375"), "#,##0");
    assert_eq!(format_of("300.3"), "#,##0.##");
}

/// An office's sheet (issue 15): a title row, the header, communities written as offices write them (their
/// county-level place, shorthand types, 约1200户, 1.2万), a 合计 row and a 填表人 footer. The communities are
/// checked, the totals and footer rows skipped and listed but never counted, and the CLI's verdict ignores them.
#[test]
fn an_office_sheet_with_places_shorthand_totals_and_a_footer() {
    // A 备注 cell holding a note about a community ("注：…") does not make its row a note line.
    let csv = "XX盟社区综合服务设施统计表,,,,,,,\n\
               序号,社区名称,所属旗区,社区类型,户数,现有用房面积(㎡),其中办公面积,备注\n\
               1,和平社区,乌兰浩特市,城市,1000,300,40,注：2019年改造\n\
               2,团结社区,科右前旗,城市社区,1.2万,3600,400,\n\
               3,新村社区,突泉县,城市,约1200户,200,,\n\
               合计,,,,13200,4100,440,\n\
               填表人：张三,,,,,,,\n";
    let sheet = batch::read_text(csv, &Limits::DEFAULT).unwrap();
    let report = check_sheet(&sheet, &SheetChoices::default());
    let verdicts: Vec<RowVerdict> = report.rows.iter().map(|r| r.verdict).collect();
    assert_eq!(verdicts.len(), 5);
    assert_eq!(&verdicts[3..], [RowVerdict::Skipped, RowVerdict::Skipped]);
    assert!(
        !verdicts[..3].contains(&RowVerdict::Skipped),
        "{verdicts:?}"
    );
    for row in &report.rows[..2] {
        assert_ne!(row.verdict, RowVerdict::Invalid, "{:?}", row.errors);
        assert!(
            row.inputs
                .iter()
                .any(|i| i.field() == "jurisdiction" && i.text == "xam"),
            "{:?}",
            row.inputs
        );
    }
    assert_eq!(report.rows[0].required_area_m2, Some(300.0));
    assert!(
        report.rows[3].action_zh.starts_with("合计行"),
        "{}",
        report.rows[3].action_zh
    );
    assert!(
        report.rows[4].action_zh.starts_with("填表人"),
        "{}",
        report.rows[4].action_zh
    );
    let s = &report.summary;
    assert_eq!((s.rows, s.skipped), (3, 2));
    assert_eq!(
        s.skipped_rows,
        report.rows[3..].iter().map(|r| r.row).collect::<Vec<_>>()
    );
    assert!(!s.nothing_checked());
    // The downloads keep each skipped row in its place, with the fifth verdict word and why.
    let out = String::from_utf8(batch::write_csv(&sheet, &report, Lang::Zh)).unwrap();
    let totals_line = out.lines().find(|l| l.starts_with("合计")).unwrap();
    assert!(totals_line.contains(",已跳过,"), "{totals_line}");
    assert!(totals_line.contains("合计行，不是社区"), "{totals_line}");
}

/// A sheet whose every row has input errors says nothing could be checked (not "0 m² to build").
#[test]
fn a_sheet_of_errors_says_nothing_was_checked() {
    let report = check_rows(
        &[
            &["地区", "社区类型", "户数"],
            &["火星", "city", "1000"],
            &["火星", "city", "800"],
        ],
        &SheetChoices::default(),
    );
    assert!(report.summary.nothing_checked());
    assert_eq!(report.summary.invalid, 2);
}
