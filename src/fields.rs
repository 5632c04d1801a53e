//! The one field registry: every input the product reads — SPEC §4's inputs, the land-stage fields, the
//! report fields, the batch sheet's name column, and the JS API's own arguments — defined once, with
//! its API id, its link/option/attribute name, the label the page shows (zh/en), unit, hint, group, whether
//! it is required, and, for the batch sheet, whether one choice can stand for the whole sheet and the
//! header words planners use for it.
//!
//! The form (`form::Key`), the link, the JS readers, `embed.js`'s attributes (through `catalogue`), the
//! batch columns and template (`batch::Target`), the CLI help, the error messages and summary and the tests
//! read it. Adding an input is one entry here plus its validation.

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Every field, by what it is. The discriminant is its index in [`FIELDS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Id {
    /// A batch sheet's community name column (first, so the sheet's columns are `Id`s 0 to 11).
    SheetName,
    Jurisdiction,
    Settlement,
    Construction,
    Programme,
    Households,
    Population,
    OccupiedHouseholds,
    ResidentialFloorAreaM2,
    TotalM2,
    OfficeM2,
    ActivityM2,
    SiteAreaM2,
    Far,
    ResidentialShare,
    AvgUnitM2,
    PersonsPerHousehold,
    ProjectName,
    Address,
    Developer,
    Handler,
    ReportDate,
    /// The jurisdictions picked for the comparison view, comma-separated ids; empty = all.
    Compare,
    /// `evaluate`'s first argument as a whole.
    Input,
    /// `planned`, the object holding the design's areas.
    Planned,
    /// `parse_number`'s argument.
    Text,
    /// A display option of `mount` or the element (`lang`, `mode`, …).
    Options,
    /// The `rules` option: a rule pack, its JSON text or the id of a loaded one.
    Rules,
    /// The batch page's choice of which column holds which input.
    Mapping,
}

/// Where a field sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// 地区与社区: which documents apply and to what.
    Community,
    /// 社区规模.
    Size,
    /// 按用地估算户数: the land stage.
    Land,
    /// 核查规划设计: the fields that turn the calculator into a check.
    Design,
    /// 报告信息: printed on the report, not engine inputs.
    Report,
    /// The widget's own state (the comparison's choice).
    View,
    /// A batch sheet's column that is not an engine input.
    Sheet,
    /// An argument of the JS API, not a form field.
    Api,
}

/// How a value is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// One of the ruleset's ids.
    Choice,
    /// A whole number (`inputmode="numeric"`).
    Count,
    /// An area or ratio (`inputmode="decimal"`).
    Decimal,
    /// Free text.
    Words,
    /// Not typed: an object or an option.
    Other,
}

impl Entry {
    /// The `inputmode` of a text input for it.
    pub fn inputmode(self) -> &'static str {
        match self {
            Entry::Count => "numeric",
            Entry::Decimal => "decimal",
            _ => "text",
        }
    }
}

/// How a batch sheet reads a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetUse {
    /// A row cannot be checked without it (a whole-sheet choice may stand in for it).
    pub required: bool,
    /// One value can be chosen for the whole sheet instead of a column.
    pub whole_sheet_choice: bool,
    /// Header words planners use, beyond the field's own API id, link name and labels (compared after
    /// `batch::columns` normalises them: case, spaces, a bracketed unit).
    pub synonyms: &'static [&'static str],
}

/// One field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: Id,
    /// Its id in the API and in errors (`planned.total_m2`).
    pub id: &'static str,
    /// Its name in a link's query string, in `mount` options and as an element attribute (`total_m2`);
    /// `None` where it has none.
    pub link: Option<&'static str>,
    /// The label the page shows, and the name every message uses for it.
    pub label: Text,
    /// Its name inside a sentence, where the label reads oddly ("办公面积" for "其中办公面积"); usually the
    /// label.
    pub short_label: Text,
    /// Said in brackets after the label on the form: a unit ("m²") or a qualifier ("可选").
    pub label_note: Option<Text>,
    /// Shown after the input box (户, m², 人).
    pub suffix: Option<Text>,
    pub hint: Option<Text>,
    /// What "Enter …" asks for, in English; also the field's name where a sentence waits for it
    /// ("Enter the resident population to work this out").
    pub noun_en: &'static str,
    pub example: &'static str,
    pub group: Group,
    pub entry: Entry,
    pub sheet: Option<SheetUse>,
}

/// The national average household size of the 2020 census (第七次全国人口普查), the default persons per
/// household.
pub const CENSUS_2020_PERSONS_PER_HOUSEHOLD: &str = "2.62";

const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

const M2: Option<Text> = Some(t("m²", "m²"));

/// A field with what every field has; the rest is set where it differs.
const fn base(
    key: Id,
    id: &'static str,
    label: Text,
    noun_en: &'static str,
    example: &'static str,
    group: Group,
    entry: Entry,
) -> Field {
    Field {
        key,
        id,
        link: Some(id),
        label,
        short_label: label,
        label_note: None,
        suffix: None,
        hint: None,
        noun_en,
        example,
        group,
        entry,
        sheet: None,
    }
}

const fn sheet(
    required: bool,
    whole_sheet_choice: bool,
    synonyms: &'static [&'static str],
) -> Option<SheetUse> {
    Some(SheetUse {
        required,
        whole_sheet_choice,
        // Only batch checking reads header words: without it (the widget's wasm) they are not kept,
        // so the download does not carry them.
        synonyms: if cfg!(feature = "batch") {
            synonyms
        } else {
            &[]
        },
    })
}

/// The registry, in form order. `FIELDS[id as usize].key == id` (tested).
pub const FIELDS: [Field; 29] = [
    Field {
        link: None,
        sheet: sheet(
            false,
            false,
            &[
                "小区名称",
                "社区名称",
                "名称",
                "社区名",
                "小区名",
                "小区",
                "社区",
                "项目名称",
                "项目",
                "嘎查村名称",
                "村名称",
                "村名",
                "community",
                "community name",
                "compound",
            ],
        ),
        ..base(
            Id::SheetName,
            "name",
            t("名称", "Name"),
            "the community's name",
            "幸福社区",
            Group::Sheet,
            Entry::Words,
        )
    },
    Field {
        hint: Some(t(
            "决定适用哪些文件：下级地区同时适用自治区规划，取最严格的数值。",
            "Decides which documents apply: a lower level also applies the regional plan, and the strictest figure governs.",
        )),
        sheet: sheet(
            true,
            true,
            &[
                "旗区",
                "辖区",
                "地区",
                "所属地区",
                "旗县区",
                "旗县",
                "县区",
                "盟市",
                "区县",
                "所属旗区",
                "region",
                "district",
                "area code",
            ],
        ),
        ..base(
            Id::Jurisdiction,
            "jurisdiction",
            t("地区", "Jurisdiction"),
            "a jurisdiction",
            "xam",
            Group::Community,
            Entry::Choice,
        )
    },
    Field {
        sheet: sheet(
            true,
            true,
            &[
                "类型",
                "社区类型",
                "社区类别",
                "类别",
                "type",
                "community type",
                "settlement type",
            ],
        ),
        ..base(
            Id::Settlement,
            "settlement",
            t("社区类型", "Community type"),
            "a community type",
            "city",
            Group::Community,
            Entry::Choice,
        )
    },
    Field {
        hint: Some(t(
            "不选择时按“现有”计算；新建和改造社区的最低面积可能更高。",
            "Counted as existing unless you choose; new and renovated communities may need more.",
        )),
        sheet: sheet(
            false,
            true,
            &[
                "建设类型",
                "建设性质",
                "新建/改造",
                "新建或改造",
                "新建",
                "改造",
                "现有/新建/改造",
                "construction type",
                "build",
            ],
        ),
        ..base(
            Id::Construction,
            "construction",
            t("建设情况", "Construction"),
            "the construction status",
            "existing",
            Group::Community,
            Entry::Choice,
        )
    },
    Field {
        sheet: sheet(false, true, &["专项", "创建类型", "示范创建", "program"]),
        ..base(
            Id::Programme,
            "programme",
            t("专项计划", "Programme"),
            "a programme",
            "standard",
            Group::Community,
            Entry::Choice,
        )
    },
    Field {
        suffix: Some(t("户", "households")),
        hint: Some(t(
            "常住居民户数，例如 1250、1,250 或 0.125万",
            "Resident households, for example 1250, 1,250 or 0.125万",
        )),
        sheet: sheet(
            true,
            false,
            &[
                "户数",
                "总户数",
                "住户数",
                "居民户数",
                "常住户数",
                "规划户数",
                "hh",
                "households total",
            ],
        ),
        ..base(
            Id::Households,
            "households",
            t("户数", "Households"),
            "the number of households",
            "1250",
            Group::Size,
            Entry::Count,
        )
    },
    Field {
        label_note: Some(t("可选", "optional")),
        suffix: Some(t("人", "people")),
        hint: Some(t(
            "用于计算志愿者和社区工作者人数",
            "Used for the volunteer and community-worker figures",
        )),
        sheet: sheet(
            false,
            false,
            &[
                "人口",
                "常住人口",
                "人口数",
                "总人口",
                "居民人数",
                "居住人口",
                "pop",
                "residents",
            ],
        ),
        ..base(
            Id::Population,
            "population",
            t("常住人口", "Resident population"),
            "the resident population",
            "3275",
            Group::Size,
            Entry::Count,
        )
    },
    Field {
        label_note: Some(t("新建住宅区", "new compounds")),
        suffix: Some(t("户", "households")),
        hint: Some(t(
            "用于判断是否应成立社区居民委员会",
            "Decides whether a residents' committee is due",
        )),
        sheet: sheet(
            false,
            false,
            &["已入住户数", "入住户数", "已入住", "moved in", "occupied"],
        ),
        ..base(
            Id::OccupiedHouseholds,
            "occupied_households",
            t("已入住户数", "Households moved in"),
            "the households moved in",
            "600",
            Group::Design,
            Entry::Count,
        )
    },
    Field {
        label_note: M2,
        suffix: M2,
        hint: Some(t(
            "部分标准按开发项目的住宅建筑面积分档确定配建面积",
            "Some standards set the area in steps by the development's residential floor area",
        )),
        sheet: sheet(
            false,
            false,
            &[
                "住宅建筑面积",
                "住宅总建筑面积",
                "住宅面积",
                "居住建筑面积",
                "住宅建面",
                "residential floor area",
                "residential gfa",
            ],
        ),
        ..base(
            Id::ResidentialFloorAreaM2,
            "residential_floor_area_m2",
            t("住宅建筑面积", "Residential floor area"),
            "the residential floor area",
            "120000",
            Group::Size,
            Entry::Decimal,
        )
    },
    Field {
        link: Some("total_m2"),
        label_note: M2,
        suffix: M2,
        sheet: sheet(
            false,
            false,
            &[
                "规划面积",
                "总建筑面积",
                "规划总建筑面积",
                "规划总面积",
                "建筑面积",
                "总面积",
                "设施面积",
                "用房面积",
                "服务设施面积",
                "total area",
                "planned area",
                "total",
            ],
        ),
        ..base(
            Id::TotalM2,
            "planned.total_m2",
            t("规划总建筑面积", "Planned total area"),
            "the planned total area",
            "420",
            Group::Design,
            Entry::Decimal,
        )
    },
    Field {
        link: Some("office_m2"),
        short_label: t("办公面积", "Office area"),
        label_note: M2,
        suffix: M2,
        sheet: sheet(
            false,
            false,
            &[
                "办公面积",
                "办公用房面积",
                "办公用房",
                "office area",
                "office",
            ],
        ),
        ..base(
            Id::OfficeM2,
            "planned.office_m2",
            t("其中办公面积", "Office area"),
            "the office area",
            "60",
            Group::Design,
            Entry::Decimal,
        )
    },
    Field {
        link: Some("activity_m2"),
        short_label: t("居民活动区域面积", "Resident activity area"),
        label_note: M2,
        suffix: M2,
        sheet: sheet(
            false,
            false,
            &[
                "活动面积",
                "居民活动面积",
                "活动区域面积",
                "居民活动区域面积",
                "活动用房面积",
                "活动用房",
                "activity area",
                "activity",
            ],
        ),
        ..base(
            Id::ActivityM2,
            "planned.activity_m2",
            t("其中居民活动区域面积", "Resident activity area"),
            "the resident activity area",
            "260",
            Group::Design,
            Entry::Decimal,
        )
    },
    Field {
        label_note: M2,
        ..base(
            Id::SiteAreaM2,
            "site_area_m2",
            t("用地面积", "Site area"),
            "the site area in m², 公顷 or 亩",
            "50000",
            Group::Land,
            Entry::Decimal,
        )
    },
    base(
        Id::Far,
        "far",
        t("容积率", "Floor area ratio (FAR)"),
        "the floor area ratio",
        "2.0",
        Group::Land,
        Entry::Decimal,
    ),
    Field {
        hint: Some(t(
            "0 至 1 之间；不填按 1 计",
            "Between 0 and 1; 1 if left empty",
        )),
        ..base(
            Id::ResidentialShare,
            "residential_share",
            t("住宅建筑面积占比", "Residential share"),
            "the residential share",
            "1",
            Group::Land,
            Entry::Decimal,
        )
    },
    Field {
        label_note: Some(t("m²/户", "m² per household")),
        ..base(
            Id::AvgUnitM2,
            "avg_unit_m2",
            t("套均建筑面积", "Average dwelling size"),
            "the average dwelling size in m²",
            "100",
            Group::Land,
            Entry::Decimal,
        )
    },
    Field {
        hint: Some(t(
            "2.62 为 2020 年第七次全国人口普查的全国平均家庭户规模，可修改",
            "2.62 is the national average household size in the 2020 census; change it if you know better",
        )),
        ..base(
            Id::PersonsPerHousehold,
            "persons_per_household",
            t("户均人口", "Persons per household"),
            "the persons per household",
            CENSUS_2020_PERSONS_PER_HOUSEHOLD,
            Group::Size,
            Entry::Decimal,
        )
    },
    Field {
        link: Some("project"),
        ..base(
            Id::ProjectName,
            "project",
            t("项目/小区名称", "Project or compound name"),
            "the project name",
            "幸福里小区",
            Group::Report,
            Entry::Words,
        )
    },
    base(
        Id::Address,
        "address",
        t("地址", "Address"),
        "the address",
        "兴安盟乌兰浩特市…",
        Group::Report,
        Entry::Words,
    ),
    base(
        Id::Developer,
        "developer",
        t("建设单位", "Developer or builder"),
        "the developer",
        "某置业有限公司",
        Group::Report,
        Entry::Words,
    ),
    base(
        Id::Handler,
        "handler",
        t("经办人", "Officer in charge"),
        "the officer's name",
        "张三",
        Group::Report,
        Entry::Words,
    ),
    Field {
        hint: Some(t(
            "例如 2026-11-25；不填则打印当天日期",
            "For example 2026-11-25; today's date if left empty",
        )),
        ..base(
            Id::ReportDate,
            "report_date",
            t("日期", "Date"),
            "the date",
            "2026-11-25",
            Group::Report,
            Entry::Words,
        )
    },
    base(
        Id::Compare,
        "compare",
        t("对比地区", "Jurisdictions compared"),
        "jurisdiction ids",
        "xam,renshou",
        Group::View,
        Entry::Words,
    ),
    Field {
        link: None,
        ..base(
            Id::Input,
            "input",
            t("输入", "Input"),
            "the inputs as an object",
            "{}",
            Group::Api,
            Entry::Other,
        )
    },
    Field {
        link: None,
        ..base(
            Id::Planned,
            "planned",
            t("规划设计", "Planned design"),
            "the planned design as an object",
            "{ total_m2: 420 }",
            Group::Api,
            Entry::Other,
        )
    },
    Field {
        link: None,
        ..base(
            Id::Text,
            "text",
            t("输入内容", "The text"),
            "a number",
            "1250",
            Group::Api,
            Entry::Other,
        )
    },
    Field {
        link: None,
        ..base(
            Id::Options,
            "options",
            t("页面参数", "A page option"),
            "an option",
            "lang: \"en\"",
            Group::Api,
            Entry::Other,
        )
    },
    Field {
        link: None,
        ..base(
            Id::Rules,
            "rules",
            t("规则包", "Rule pack"),
            "a rule pack",
            "{ format: \"facility-calc/rules@1\", … }",
            Group::Api,
            Entry::Other,
        )
    },
    Field {
        link: None,
        ..base(
            Id::Mapping,
            "mapping",
            t("列的对应关系", "Column choices"),
            "which column holds which input",
            "[\"name\", \"households\"]",
            Group::Api,
            Entry::Other,
        )
    },
];

impl Id {
    /// Every field, in form order.
    pub const ALL: [Id; 29] = {
        let mut all = [Id::SheetName; 29];
        let mut i = 0;
        while i < FIELDS.len() {
            all[i] = FIELDS[i].key;
            i += 1;
        }
        all
    };

    /// The form's fields, in form order: all but the batch sheet's and the API's own.
    pub const FORM: [Id; 22] = {
        let mut form = [Id::SheetName; 22];
        let (mut i, mut n) = (0, 0);
        while i < FIELDS.len() {
            if !matches!(FIELDS[i].group, Group::Sheet | Group::Api) {
                form[n] = FIELDS[i].key;
                n += 1;
            }
            i += 1;
        }
        assert!(n == 22, "Id::FORM's length is the number of form fields");
        form
    };

    /// The report's project fields, in form order.
    pub fn report() -> impl Iterator<Item = Id> {
        Id::FORM
            .into_iter()
            .filter(|id| id.group() == Group::Report)
    }

    /// The land-stage fields the households estimate is made from.
    pub fn land() -> impl Iterator<Item = Id> {
        Id::FORM.into_iter().filter(|id| id.group() == Group::Land)
    }

    /// The columns a batch sheet can hold, in order: the name, then the inputs in form order. They are the
    /// first twelve fields, so `id as usize` indexes a sheet's per-column arrays (tested).
    pub const SHEET: [Id; 12] = {
        let mut sheet = [Id::SheetName; 12];
        let mut i = 0;
        while i < 12 {
            assert!(FIELDS[i].sheet.is_some(), "the sheet's fields come first");
            sheet[i] = FIELDS[i].key;
            i += 1;
        }
        sheet
    };

    /// Whether a sheet row cannot be checked without it (a whole-sheet choice may stand in for it).
    pub fn is_required(self) -> bool {
        self.field().sheet.is_some_and(|s| s.required)
    }

    /// Whether one value can be chosen for the whole sheet instead of a column.
    pub fn is_sheet_choice(self) -> bool {
        self.field().sheet.is_some_and(|s| s.whole_sheet_choice)
    }

    /// The header words planners use for it in a sheet.
    pub fn synonyms(self) -> &'static [&'static str] {
        self.field().sheet.map_or(&[], |s| s.synonyms)
    }

    /// The form field it is (`None` for the sheet's name column and the API's own arguments).
    pub fn key(self) -> Option<Id> {
        Id::FORM.contains(&self).then_some(self)
    }

    /// The sheet column whose API id or link name is `name` (`total_m2`, `planned.total_m2`, `name`).
    pub fn from_id(name: &str) -> Option<Id> {
        Id::from_name(name).filter(|id| id.field().sheet.is_some())
    }

    /// The form field whose link name or API id is `name` (a link's or `mount`'s option).
    pub fn form_field(name: &str) -> Option<Id> {
        Id::from_name(name).filter(|id| Id::FORM.contains(id))
    }

    /// Its entry in the registry.
    pub const fn field(self) -> Field {
        FIELDS[self as usize]
    }

    /// Its id in the API and in errors (`planned.total_m2`).
    pub const fn id(self) -> &'static str {
        self.field().id
    }

    /// For a part of the planned design, its member name in the `planned` object (`total_m2`).
    pub fn planned_member(self) -> Option<&'static str> {
        self.id().strip_prefix("planned.")
    }

    /// Its name in a link, `mount` options and as an attribute; the API id where it has none.
    pub fn name(self) -> &'static str {
        let field = self.field();
        field.link.unwrap_or(field.id)
    }

    pub fn group(self) -> Group {
        self.field().group
    }

    /// The field whose API id or link name is `name` (also `planned.`-prefixed).
    pub fn from_name(name: &str) -> Option<Id> {
        let name = name.trim();
        Id::ALL
            .into_iter()
            .find(|id| id.id() == name || id.field().link == Some(name))
    }

    /// The design fields that turn the calculator into a check.
    pub fn is_design(self) -> bool {
        self.group() == Group::Design
    }
}

/// Fields serialize as their API id (`planned.total_m2`), as the batch page's column mapping carries them;
/// only a sheet column is read back (a mapping names nothing else).
impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        let name = String::deserialize(deserializer)?;
        Id::from_id(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown column target \"{name}\"")))
    }
}

/// Shown as its API id, as an error's `field` reads.
impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// Compared with an API id, as a caller holding JSON compares it.
impl PartialEq<&str> for Id {
    fn eq(&self, api_id: &&str) -> bool {
        self.id() == *api_id
    }
}
