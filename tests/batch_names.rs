//! Names in a sheet's choice cells, as offices write them, resolved within the row's own jurisdiction
//! (issue 15): a loaded pack's own name for its type wins in its rows, a built-in jurisdiction keeps its
//! own meaning for the same word, and shorthand is read only where it names one type.

use facility_calc::batch::{self, Limits, SheetChoices};
use facility_calc::registry::Registry;

/// A county pack (extending the built-in standards) whose own type is named 农村社区, the word Renshou uses
/// for its built-in rural type, and 250 m² for it.
const COUNTY: &str = r#"{
  "format": "facility-calc/rules@1", "id": "county", "version": "1", "title": "某县标准（测试）",
  "publisher": "测试", "extends": "builtin",
  "documents": [{"id": "county-doc", "title": "某县社区综合服务设施建设标准（测试）", "issuer_zh": "某县",
    "date": "2026", "status": "draft"}],
  "settlements": [{"id": "county_village", "name_zh": "农村社区", "name_en": "County village"}],
  "jurisdictions": [{"id": "county", "name_zh": "某县", "name_en": "The county", "documents": ["county-doc"],
    "settlements": ["city", "county_village"]}],
  "rules": [{"id": "county-doc.village", "document": "county-doc", "kind": "minimum_area",
    "title_zh": "农村社区面积", "scope": {"settlements": ["county_village"]},
    "figure": {"shape": "fixed_area", "m2": 250}, "section": "一", "quote": "农村社区不低于250平方米（测试）"}]
}"#;

/// (jurisdiction cell, type cell) → the type id the row is checked as, or `None` when it is refused.
#[test]
fn a_type_name_is_read_within_the_rows_jurisdiction() {
    let set = Registry::default().load_text(COUNTY).unwrap();
    let cases: &[(&str, &str, Option<&str>)] = &[
        // The pack's own word for its own type, in its rows.
        ("某县", "农村社区", Some("county_village")),
        ("county", "农村", Some("county_village")),
        ("某县", "城市", Some("city")),
        // The same word in a built-in jurisdiction keeps that jurisdiction's meaning.
        ("仁寿县", "农村社区", Some("farming_village")),
        ("renshou", "农村", Some("farming_village")),
        // Under 兴安盟 the built-in types answer as before.
        ("兴安盟", "城市社区", Some("city")),
    ];
    let mut csv = String::from("社区名称,地区,社区类型,户数\n");
    for (i, (place, kind, _)) in cases.iter().enumerate() {
        csv.push_str(&format!("社区{i},{place},{kind},1000\n"));
    }
    let sheet = batch::read_text(&csv, &Limits::DEFAULT).unwrap();
    let columns = batch::match_columns(&sheet);
    let report = batch::check(&set, &sheet, &columns.mapping, &SheetChoices::default());
    for ((place, kind, expected), row) in cases.iter().zip(&report.rows) {
        let settlement = row
            .inputs
            .iter()
            .find(|i| i.field() == "settlement")
            .map(|i| i.text.as_str());
        assert_eq!(settlement, *expected, "{place} {kind}: {:?}", row.errors);
    }
    // The county's village is checked against its own 250 m².
    assert_eq!(report.rows[0].required_area_m2, Some(250.0));
}
