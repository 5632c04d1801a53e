//! The one table of rule kinds and figure shapes: every kind's id, the shapes it may take and the
//! top-level figure it feeds; every shape's id and keys with their ranges. The pack reader checks a
//! pack against it, the engine gathers and checks figures by it, and the JSON Schema in `dist/` and the
//! tables in RULE-PACKS.md are generated from it (`tests/sourcegen.rs` fails when they differ).
//!
//! Adding a shape is one entry in [`SHAPES`], its [`Figure`](super::Figure) variant, how the reader
//! builds it (`pack.rs`) and how the engine computes it (`engine::outcome`, `engine::formula`).

use super::{DocStatus, Level, RuleKind};
use crate::text::{Text, t};

/// Figures beyond these are typos, not standards.
pub const MAX_AREA_M2: f64 = 1_000_000.0;
pub const MAX_M2_PER_100: f64 = 1_000.0;
pub const MAX_COUNT: f64 = 1_000_000.0;
pub const MAX_YUAN: f64 = 1_000_000_000.0;
pub const MAX_HOUSEHOLDS: f64 = 10_000_000.0;

/// How a figure is shaped in a pack (`figure.shape`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Per100Households,
    FixedArea,
    ShareOfTotal,
    PerPopulation,
    StaffRange,
    HouseholdsRange,
    CountBySettlement,
    YuanByProgramme,
    OccupancyShare,
    Statement,
    Tiers,
    PerPopulationArea,
}

/// What a `tiers` figure's steps are measured in (`basis`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Households,
    Population,
    ResidentialFloorArea,
}

impl Basis {
    pub const ALL: [Basis; 3] = [
        Basis::Households,
        Basis::Population,
        Basis::ResidentialFloorArea,
    ];
    /// Its id in a pack (`"residential_floor_area_m2"`), which is also the input's id.
    pub fn id(self) -> &'static str {
        match self {
            Basis::Households => "households",
            Basis::Population => "population",
            Basis::ResidentialFloorArea => "residential_floor_area_m2",
        }
    }
    pub fn from_id(id: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.id() == id)
    }
    /// The unit its numbers are written in (户, 人, m²).
    pub fn unit(self) -> Text {
        match self {
            Basis::Households => t("户", "households"),
            Basis::Population => t("人", "residents"),
            Basis::ResidentialFloorArea => t("m² 住宅建筑面积", "m² of residential floor area"),
        }
    }
}

const BASIS_IDS: [&str; 3] = ["households", "population", "residential_floor_area_m2"];

/// The shapes a tier's own figure may take: an area that is not itself tiered.
pub const TIER_SHAPES: [Shape; 3] = [
    Shape::Per100Households,
    Shape::FixedArea,
    Shape::PerPopulationArea,
];

/// The largest `up_to` a tier may give (a floor area in m², or a count).
pub const MAX_TIER_BOUND: f64 = 100_000_000.0;
/// Tiers in one figure.
pub const MAX_TIERS: usize = 50;

/// What a key, shape or kind means, for the schema, RULE-PACKS.md and the pack editor: kept only where those
/// are built (native builds, the batch page), so the widget's download does not carry them.
const fn doc(zh: &'static str, en: &'static str) -> Text {
    if cfg!(feature = "batch") {
        t(zh, en)
    } else {
        t("", "")
    }
}

/// A number's allowed values: `(min, max]`, or `[min, max]` when `min_inclusive`; whole if asked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub min: f64,
    pub min_inclusive: bool,
    pub max: f64,
    pub whole: bool,
}

const fn above(min: f64, max: f64) -> Range {
    Range {
        min,
        min_inclusive: false,
        max,
        whole: false,
    }
}

const fn whole(min: f64, max: f64) -> Range {
    Range {
        min,
        min_inclusive: true,
        max,
        whole: true,
    }
}

/// What a figure key holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Number(Range),
    /// Words in both languages, as two keys: `zh` (required when the key is) and `en` (defaults to `zh`).
    Words {
        zh: &'static str,
        en: &'static str,
    },
    /// `"all"` (the default) or a list of the pack's community type ids.
    Settlements,
    /// One of the pack's programme ids.
    Programme,
    /// A non-empty list of objects with these keys.
    Entries(&'static [Key]),
    /// One of these words.
    OneOf(&'static [&'static str]),
    /// A figure of its own, of one of these shapes.
    Figure(&'static [Shape]),
}

/// One key of a figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Key {
    pub name: &'static str,
    pub value: Value,
    pub required: bool,
    /// What it means, for the schema, RULE-PACKS.md and the pack editor.
    pub about: Text,
}

const fn key(name: &'static str, value: Value, about: Text) -> Key {
    Key {
        name,
        value,
        required: true,
        about,
    }
}

const fn optional(name: &'static str, value: Value, about: Text) -> Key {
    Key {
        name,
        value,
        required: false,
        about,
    }
}

/// One figure shape: its id, keys and what it computes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShapeDef {
    pub shape: Shape,
    pub id: &'static str,
    pub keys: &'static [Key],
    /// A condition on its keys together, beyond each key's range (checked by the reader).
    pub constraint: Option<&'static str>,
    pub computes: Text,
}

const SETTLEMENTS: Key = optional(
    "settlements",
    Value::Settlements,
    doc(
        "适用的社区类型（默认全部）",
        "the community types (default: all)",
    ),
);

/// Every shape, in the order of [`Shape`].
pub const SHAPES: [ShapeDef; 12] = [
    ShapeDef {
        shape: Shape::Per100Households,
        id: "per_100_households",
        keys: &[key(
            "m2_per_100",
            Value::Number(above(0.0, MAX_M2_PER_100)),
            doc("每百户平方米数", "m² per 100 households"),
        )],
        constraint: None,
        computes: doc(
            "每百户面积 × 户数 ÷ 100（m²）",
            "m2_per_100 × households ÷ 100 m²",
        ),
    },
    ShapeDef {
        shape: Shape::FixedArea,
        id: "fixed_area",
        keys: &[key(
            "m2",
            Value::Number(above(0.0, MAX_AREA_M2)),
            doc("固定面积（m²）", "a fixed area in m²"),
        )],
        constraint: None,
        computes: doc("固定面积", "a fixed area"),
    },
    ShapeDef {
        shape: Shape::ShareOfTotal,
        id: "share_of_total",
        keys: &[key(
            "percent",
            // From 1 %: a share below it is a fraction written where a percent belongs (0.2 for 20 %).
            Value::Number(Range {
                min: 1.0,
                min_inclusive: true,
                max: 100.0,
                whole: false,
            }),
            doc(
                "占总建筑面积的百分比（办公上限 / 活动下限）",
                "percent of the total area (office ceiling / activity floor)",
            ),
        )],
        constraint: None,
        computes: doc(
            "规划总面积（无规划时为应建面积）的百分比",
            "percent of the planned total (or of the required area)",
        ),
    },
    ShapeDef {
        shape: Shape::PerPopulation,
        id: "per_population",
        keys: &[
            key(
                "per",
                Value::Number(whole(1.0, MAX_COUNT)),
                doc("人数", "people"),
            ),
            key(
                "unit",
                Value::Number(whole(1.0, MAX_COUNT)),
                doc(
                    "每多少常住人口（向上取整）",
                    "per this many residents (rounded up)",
                ),
            ),
        ],
        constraint: None,
        computes: doc(
            "per × 常住人口 ÷ unit，向上取整",
            "per × population ÷ unit, rounded up",
        ),
    },
    ShapeDef {
        shape: Shape::StaffRange,
        id: "staff_range",
        keys: &[
            key(
                "usual_min",
                Value::Number(whole(0.0, MAX_COUNT)),
                doc("一般配备人数下限", "the usual lowest number of staff"),
            ),
            key(
                "usual_max",
                Value::Number(whole(0.0, MAX_COUNT)),
                doc("一般配备人数上限", "the usual highest number of staff"),
            ),
            key(
                "households_per_person",
                Value::Number(whole(1.0, MAX_COUNT)),
                doc(
                    "每多少户增配 1 人",
                    "one more person per this many households",
                ),
            ),
            key(
                "cap",
                Value::Number(whole(0.0, MAX_COUNT)),
                doc("人数最多", "the most staff in any case"),
            ),
        ],
        constraint: Some("usual_min ≤ usual_max ≤ cap"),
        computes: doc(
            "usual_min 至 min(cap, max(usual_max, 户数 ÷ households_per_person))",
            "usual_min to min(cap, max(usual_max, households ÷ households_per_person))",
        ),
    },
    ShapeDef {
        shape: Shape::HouseholdsRange,
        id: "households_range",
        keys: &[key(
            "ranges",
            Value::Entries(&[
                SETTLEMENTS,
                key(
                    "min",
                    Value::Number(whole(0.0, MAX_HOUSEHOLDS)),
                    doc("每个社区最少户数", "fewest households per community"),
                ),
                key(
                    "max",
                    Value::Number(whole(1.0, MAX_HOUSEHOLDS)),
                    doc("每个社区最多户数", "most households per community"),
                ),
            ]),
            doc("按社区类型的户数范围", "households per community, by type"),
        )],
        constraint: Some("min ≤ max"),
        computes: doc(
            "按社区类型的每社区户数；建议社区数 = max(1, 户数 ÷ max 向上取整)",
            "households per community by type; suggests max(1, households ÷ max rounded up) communities",
        ),
    },
    ShapeDef {
        shape: Shape::CountBySettlement,
        id: "count_by_settlement",
        keys: &[key(
            "counts",
            Value::Entries(&[
                SETTLEMENTS,
                key(
                    "count",
                    Value::Number(whole(0.0, MAX_COUNT)),
                    doc("数量", "the count"),
                ),
            ]),
            doc("按社区类型的数量", "a count by community type"),
        )],
        constraint: None,
        computes: doc("按社区类型的数量", "a count by type"),
    },
    ShapeDef {
        shape: Shape::YuanByProgramme,
        id: "yuan_by_programme",
        keys: &[key(
            "amounts",
            Value::Entries(&[
                key(
                    "programme",
                    Value::Programme,
                    doc("专项计划的 id", "a programme's id"),
                ),
                key(
                    "yuan",
                    Value::Number(whole(0.0, MAX_YUAN)),
                    doc("支持金额（元）", "support in yuan"),
                ),
            ]),
            doc("按专项计划的金额", "amounts by programme"),
        )],
        constraint: None,
        computes: doc("按专项计划的支持金额", "funding by programme"),
    },
    ShapeDef {
        shape: Shape::OccupancyShare,
        id: "occupancy_share",
        keys: &[
            key(
                "percent",
                Value::Number(whole(1.0, 100.0)),
                doc(
                    "入住率达到多少（%）时应成立居委会",
                    "occupancy at which a residents' committee is due",
                ),
            ),
            key(
                "due",
                Value::Words {
                    zh: "due_zh",
                    en: "due_en",
                },
                doc("达到时应做什么", "what to do once it is reached"),
            ),
            key(
                "not_yet",
                Value::Words {
                    zh: "not_yet_zh",
                    en: "not_yet_en",
                },
                doc("未达到时应做什么", "what to do until then"),
            ),
        ],
        constraint: None,
        computes: doc(
            "入住户数 × 100 ≥ 户数 × percent 时应成立居委会；两种情况各自怎么做",
            "a residents' committee is due once moved-in × 100 ≥ households × percent; what to do either way",
        ),
    },
    ShapeDef {
        shape: Shape::Statement,
        id: "statement",
        keys: &[key(
            "statement",
            Value::Words {
                zh: "statement_zh",
                en: "statement_en",
            },
            doc("规则原意", "what the rule says"),
        )],
        constraint: None,
        computes: doc(
            "没有数值的规则，用它自己的话",
            "a rule with no number, in its own words",
        ),
    },
    ShapeDef {
        shape: Shape::Tiers,
        id: "tiers",
        keys: &[
            key(
                "basis",
                Value::OneOf(&BASIS_IDS),
                doc(
                    "按什么分档：户数、常住人口或住宅建筑面积（m²）",
                    "what the steps are measured in: households, population or residential floor area (m²)",
                ),
            ),
            key(
                "tiers",
                Value::Entries(&[
                    optional(
                        "up_to",
                        Value::Number(above(0.0, MAX_TIER_BOUND)),
                        doc(
                            "本档上限（含）；最后一档不写",
                            "the tier's upper bound, inclusive; left out on the last tier",
                        ),
                    ),
                    key(
                        "figure",
                        Value::Figure(&TIER_SHAPES),
                        doc("本档的面积", "the tier's area"),
                    ),
                ]),
                doc("各档，从小到大", "the tiers, smallest first"),
            ),
        ],
        constraint: Some("up_to strictly ascending; only the last tier lacks up_to"),
        computes: doc(
            "第一个 up_to 不小于分档依据的档的面积",
            "the area of the first tier whose up_to is at least the basis",
        ),
    },
    ShapeDef {
        shape: Shape::PerPopulationArea,
        id: "per_population_area",
        keys: &[
            key(
                "m2",
                Value::Number(above(0.0, MAX_AREA_M2)),
                doc("面积（m²）", "m²"),
            ),
            key(
                "per",
                Value::Number(whole(1.0, MAX_COUNT)),
                doc("每多少常住人口", "per this many residents"),
            ),
        ],
        constraint: None,
        computes: doc("m2 × 常住人口 ÷ per（m²）", "m2 × population ÷ per m²"),
    },
];

impl Shape {
    pub fn def(self) -> &'static ShapeDef {
        &SHAPES[self as usize]
    }
    pub fn id(self) -> &'static str {
        self.def().id
    }
    pub fn from_id(id: &str) -> Option<Shape> {
        SHAPES.iter().find(|s| s.id == id).map(|s| s.shape)
    }
}

impl Key {
    /// The names this key takes in a pack (two for words).
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        let (first, second) = match self.value {
            Value::Words { zh, en } => (zh, Some(en)),
            _ => (self.name, None),
        };
        std::iter::once(first).chain(second)
    }
    /// The keys of each entry of a list key (none for any other key).
    pub fn entry_keys(&self) -> &'static [Key] {
        match self.value {
            Value::Entries(keys) => keys,
            _ => &[],
        }
    }
    /// One key of each entry of a list key (panics on a name the table lacks: a mistake caught by its tests).
    pub fn entry(&self, name: &str) -> &'static Key {
        self.entry_keys()
            .iter()
            .find(|k| k.name == name)
            .unwrap_or_else(|| panic!("list {} has no key {name}", self.name))
    }
    /// This key's range (panics on a key that is not a number: a mistake in this table, caught by its tests).
    pub fn range(&self) -> Range {
        match self.value {
            Value::Number(range) => range,
            _ => panic!("figure key {} is not a number", self.name),
        }
    }
}

impl ShapeDef {
    /// Every key name a figure of this shape may have, `shape` first.
    pub fn key_names(&self) -> Vec<&'static str> {
        std::iter::once("shape")
            .chain(self.keys.iter().flat_map(Key::names))
            .collect()
    }
    pub fn key(&self, name: &str) -> &'static Key {
        let keys: &'static [Key] = self.keys;
        keys.iter()
            .find(|k| k.name == name)
            .unwrap_or_else(|| panic!("shape {} has no key {name}", self.id))
    }
}

/// A top-level figure of SPEC §6 that rules add up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Total {
    RequiredArea,
    OfficeMaxPercent,
    ActivityMinPercent,
    StaffMin,
    StaffMax,
    VolunteersMin,
    SocialOrgsMin,
    Funding,
    MaxArea,
    RecommendedArea,
}

impl Total {
    pub const COUNT: usize = 10;
    /// The output key it is reported under.
    pub fn output_key(self) -> &'static str {
        match self {
            Total::RequiredArea => "required_area_m2",
            Total::OfficeMaxPercent => "office_max_share",
            Total::ActivityMinPercent => "activity_min_share",
            Total::StaffMin => "staff_min",
            Total::StaffMax => "staff_max",
            Total::VolunteersMin => "volunteers_min",
            Total::SocialOrgsMin => "social_orgs_min",
            Total::Funding => "funding_cny",
            Total::MaxArea => "max_area_m2",
            Total::RecommendedArea => "recommended_area_m2",
        }
    }
}

/// How a kind's figures become a top-level figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feeds {
    /// The largest applicable figure governs.
    Largest(Total),
    /// The smallest applicable figure governs.
    Smallest(Total),
    /// A range: the largest lower end and the smallest upper end govern.
    Range(Total, Total),
    /// The community scale (`scale`): the last applicable rule's.
    Scale,
    /// Whether a residents' committee is due (`rc_formation`): the last applicable rule's.
    Formation,
    /// Nothing: a statement.
    Nothing,
}

/// What a kind compares with the planned design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// The planned total must be at least the figure.
    TotalAtLeast,
    /// The planned total must be at most the figure.
    TotalAtMost,
    /// Planned offices at most this share of the total.
    OfficeAtMost,
    /// Planned resident activity area at least this share of the total.
    ActivityAtLeast,
    /// Shown for information.
    None,
}

/// One rule kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindDef {
    pub kind: RuleKind,
    pub id: &'static str,
    pub shapes: &'static [Shape],
    pub feeds: Feeds,
    /// What a rule of this kind with `"level": "recommended"` feeds instead (it never fails a design).
    pub recommended: Feeds,
    pub check: Check,
    pub about: Text,
}

/// The area shapes, which the total-area kinds take.
const AREA_SHAPES: &[Shape] = &[
    Shape::Per100Households,
    Shape::FixedArea,
    Shape::Tiers,
    Shape::PerPopulationArea,
];

/// Every kind, in the order of [`RuleKind`].
pub const KINDS: [KindDef; 12] = [
    KindDef {
        kind: RuleKind::MinimumArea,
        id: "minimum_area",
        shapes: AREA_SHAPES,
        feeds: Feeds::Largest(Total::RequiredArea),
        recommended: Feeds::Largest(Total::RecommendedArea),
        check: Check::TotalAtLeast,
        about: doc("最低总建筑面积", "the least total floor area"),
    },
    KindDef {
        kind: RuleKind::OfficeCeiling,
        id: "office_ceiling",
        shapes: &[Shape::ShareOfTotal],
        feeds: Feeds::Smallest(Total::OfficeMaxPercent),
        recommended: Feeds::Nothing,
        check: Check::OfficeAtMost,
        about: doc(
            "办公面积占比上限",
            "the most of the total that offices may take",
        ),
    },
    KindDef {
        kind: RuleKind::ActivityFloor,
        id: "activity_floor",
        shapes: &[Shape::ShareOfTotal],
        feeds: Feeds::Largest(Total::ActivityMinPercent),
        recommended: Feeds::Nothing,
        check: Check::ActivityAtLeast,
        about: doc(
            "居民活动区域占比下限",
            "the least of the total for residents' activities",
        ),
    },
    KindDef {
        kind: RuleKind::MinimumStaff,
        id: "minimum_staff",
        shapes: &[Shape::PerPopulation],
        feeds: Feeds::Largest(Total::StaffMin),
        recommended: Feeds::Nothing,
        check: Check::None,
        about: doc("最少工作人员", "the fewest staff"),
    },
    KindDef {
        kind: RuleKind::StaffRange,
        id: "staff_range",
        shapes: &[Shape::StaffRange],
        feeds: Feeds::Range(Total::StaffMin, Total::StaffMax),
        recommended: Feeds::Nothing,
        check: Check::None,
        about: doc("工作人员配备范围", "the range of staff"),
    },
    KindDef {
        kind: RuleKind::MinimumVolunteers,
        id: "minimum_volunteers",
        shapes: &[Shape::PerPopulation],
        feeds: Feeds::Largest(Total::VolunteersMin),
        recommended: Feeds::Nothing,
        check: Check::None,
        about: doc("最少注册志愿者", "the fewest registered volunteers"),
    },
    KindDef {
        kind: RuleKind::CommunityScale,
        id: "community_scale",
        shapes: &[Shape::HouseholdsRange],
        feeds: Feeds::Scale,
        recommended: Feeds::Nothing,
        check: Check::None,
        about: doc("社区规模（户数）", "community size in households"),
    },
    KindDef {
        kind: RuleKind::SocialOrganisations,
        id: "social_organisations",
        shapes: &[Shape::CountBySettlement],
        feeds: Feeds::Largest(Total::SocialOrgsMin),
        recommended: Feeds::Nothing,
        check: Check::None,
        about: doc(
            "最少社区社会组织",
            "the fewest community social organisations",
        ),
    },
    KindDef {
        kind: RuleKind::CommitteeFormation,
        id: "committee_formation",
        shapes: &[Shape::OccupancyShare],
        feeds: Feeds::Formation,
        recommended: Feeds::Nothing,
        check: Check::None,
        about: doc("何时成立居委会", "when a residents' committee is due"),
    },
    KindDef {
        kind: RuleKind::Funding,
        id: "funding",
        shapes: &[Shape::YuanByProgramme],
        feeds: Feeds::Largest(Total::Funding),
        recommended: Feeds::Nothing,
        check: Check::None,
        about: doc("专项支持金额", "support from a programme"),
    },
    KindDef {
        kind: RuleKind::Acceptance,
        id: "acceptance",
        shapes: &[Shape::Statement],
        feeds: Feeds::Nothing,
        recommended: Feeds::Nothing,
        check: Check::None,
        about: doc(
            "验收等无数值的要求",
            "a requirement with no number, such as acceptance",
        ),
    },
    KindDef {
        kind: RuleKind::MaximumArea,
        id: "maximum_area",
        shapes: AREA_SHAPES,
        feeds: Feeds::Smallest(Total::MaxArea),
        recommended: Feeds::Nothing,
        check: Check::TotalAtMost,
        about: doc("总建筑面积上限", "the most total floor area"),
    },
];

impl KindDef {
    /// The ids of its shapes.
    pub fn shape_ids(&self) -> Vec<&'static str> {
        self.shapes.iter().map(|s| s.id()).collect()
    }
    /// The output keys it feeds, for the documentation.
    pub fn feeds_keys(&self) -> Vec<&'static str> {
        match self.feeds {
            Feeds::Largest(t) | Feeds::Smallest(t) => vec![t.output_key()],
            Feeds::Range(lo, hi) => vec![lo.output_key(), hi.output_key()],
            Feeds::Scale => vec!["scale"],
            Feeds::Formation => vec!["rc_formation"],
            Feeds::Nothing => vec![],
        }
    }
}

/// The pack editor's words (after the rest of the file, so nothing above moves in the widget's build).
impl KindDef {
    /// Its name in the pack editor's drop-down ("应建面积下限"). A function, not a field, so the widget's
    /// download, which never asks, carries nothing of it.
    pub fn label(&self) -> Text {
        match self.kind {
            RuleKind::MinimumArea => doc("应建面积下限", "Minimum total area"),
            RuleKind::OfficeCeiling => doc("办公面积上限", "Office area ceiling"),
            RuleKind::ActivityFloor => doc("活动面积下限", "Activity area floor"),
            RuleKind::MinimumStaff => doc("工作人员（最少人数）", "Staff (fewest)"),
            RuleKind::StaffRange => doc("工作人员（配备范围）", "Staff (range)"),
            RuleKind::MinimumVolunteers => {
                doc("注册志愿者（最少人数）", "Registered volunteers (fewest)")
            }
            RuleKind::CommunityScale => doc("社区规模（户数）", "Community size (households)"),
            RuleKind::SocialOrganisations => doc(
                "社区社会组织（最少数量）",
                "Community social organisations (fewest)",
            ),
            RuleKind::CommitteeFormation => {
                doc("成立居委会的条件", "When a residents' committee is due")
            }
            RuleKind::Funding => doc("专项支持金额", "Programme funding"),
            RuleKind::Acceptance => doc(
                "验收等要求（无数值）",
                "Acceptance and other requirements (no number)",
            ),
            RuleKind::MaximumArea => doc("总面积上限", "Maximum total area"),
        }
    }
    /// Whether a rule of this kind may be `"level": "recommended"`.
    pub fn takes_recommended(&self) -> bool {
        self.recommended != Feeds::Nothing
    }
    /// The word before its figure in a plain-words summary ("不低于", "不超过"; none for a count or a
    /// statement), for the pack editor.
    pub fn bound(&self) -> Text {
        match self.feeds {
            Feeds::Largest(_) => doc("不低于", "at least"),
            Feeds::Smallest(_) => doc("不超过", "at most"),
            _ => doc("", ""),
        }
    }
}

impl ShapeDef {
    /// How the pack editor lays out its number keys in the document's own words: `{key}` stands where the
    /// key's field goes ("每百户 {m2_per_100} 平方米"). Empty for a shape whose keys are not all numbers
    /// (the editor then gives each key a labelled field of its own).
    pub fn form(&self) -> Text {
        match self.shape {
            Shape::Per100Households => doc(
                "每百户 {m2_per_100} 平方米",
                "{m2_per_100} m² per 100 households",
            ),
            Shape::FixedArea => doc("{m2} 平方米", "{m2} m²"),
            Shape::ShareOfTotal => doc("总面积的 {percent} %", "{percent} % of the total area"),
            Shape::PerPopulation => doc(
                "每 {unit} 名常住人口 {per} 人",
                "{per} per {unit} residents",
            ),
            Shape::StaffRange => doc(
                "一般 {usual_min} 至 {usual_max} 人，每 {households_per_person} 户增配 1 人，最多 {cap} 人",
                "usually {usual_min} to {usual_max}, one more per {households_per_person} households, at most {cap}",
            ),
            Shape::PerPopulationArea => doc(
                "每 {per} 名常住人口 {m2} 平方米",
                "{m2} m² per {per} residents",
            ),
            _ => doc("", ""),
        }
    }
}

/// A document status in the pack editor's words.
pub fn status_words(status: DocStatus) -> Text {
    match status {
        DocStatus::InForce => doc("现行", "In force"),
        DocStatus::Draft => doc("征求意见稿", "Draft for comment"),
        DocStatus::Example => doc("示例（非正式标准）", "Example (not an official standard)"),
        DocStatus::Superseded => doc("已废止", "Superseded"),
    }
}

/// A rule level in the pack editor's words.
pub fn level_words(level: Level) -> Text {
    match level {
        Level::Required => doc("必须达到", "Required"),
        Level::Recommended => doc(
            "建议值（不作为不达标依据）",
            "Recommended (never fails a design)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_in_the_order_of_their_enums() {
        for (i, k) in KINDS.iter().enumerate() {
            assert_eq!(k.kind as usize, i, "{}", k.id);
            assert!(!k.shapes.is_empty(), "{}", k.id);
        }
        for (i, s) in SHAPES.iter().enumerate() {
            assert_eq!(s.shape as usize, i, "{}", s.id);
        }
    }

    #[test]
    fn every_shape_is_used_by_a_kind() {
        for s in SHAPES {
            assert!(
                KINDS.iter().any(|k| k.shapes.contains(&s.shape)),
                "{} is used by no kind",
                s.id
            );
        }
    }
}
