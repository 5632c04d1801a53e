//! The standards as data: documents, jurisdictions, settlement types and every rule of SPEC §5 with its
//! scope, figure, quote and interpretation note. This is the only place a figure from a source document
//! is written down; the engine (`engine.rs`) evaluates these tables and knows no number of its own.
//! Adding a jurisdiction is a row in `JURISDICTIONS`; adding a document is a row in `DOCUMENTS` plus its rules.

use serde::Serialize;

/// Bumped whenever a figure, scope or quote below changes; printed on the report.
pub const RULESET_VERSION: &str = "2026.11-1";

/// A text in both languages of the widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        pub enum $name { $(#[serde(rename = $id)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            pub fn from_id(id: &str) -> Option<$name> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }

            const fn bit(self) -> u16 {
                1 << (self as u16)
            }
        }
    };
}

id_enum!(
    /// Community type (SPEC §4 `settlement`).
    Settlement {
        City = "city",
        Town = "town",
        TownshipSeat = "township_seat",
        UrbanVillage = "urban_village",
        SuburbanVillage = "suburban_village",
        CentralVillage = "central_village",
        FarmingVillage = "farming_village",
        PastoralVillage = "pastoral_village",
    }
);

id_enum!(
    /// Construction status (SPEC §4 `construction`).
    Construction {
        Existing = "existing",
        New = "new",
        Renovated = "renovated",
    }
);

id_enum!(
    /// Dongsheng's programmes (SPEC §4 `programme`).
    Programme {
        Standard = "standard",
        BeijiangDemo = "beijiang_demo",
        CapacityUpgrade = "capacity_upgrade",
    }
);

/// A set of settlement types, constructions or programmes, as a bit mask so scopes stay `const` data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Set(u16);

impl Set {
    pub const fn of_settlements(members: &[Settlement]) -> Set {
        let mut bits = 0;
        let mut i = 0;
        while i < members.len() {
            bits |= members[i].bit();
            i += 1;
        }
        Set(bits)
    }
    pub const fn of_constructions(members: &[Construction]) -> Set {
        let mut bits = 0;
        let mut i = 0;
        while i < members.len() {
            bits |= members[i].bit();
            i += 1;
        }
        Set(bits)
    }
    pub const fn of_programmes(members: &[Programme]) -> Set {
        let mut bits = 0;
        let mut i = 0;
        while i < members.len() {
            bits |= members[i].bit();
            i += 1;
        }
        Set(bits)
    }
    pub fn has_settlement(self, s: Settlement) -> bool {
        self.0 & s.bit() != 0
    }
    pub fn has_construction(self, c: Construction) -> bool {
        self.0 & c.bit() != 0
    }
    pub fn has_programme(self, p: Programme) -> bool {
        self.0 & p.bit() != 0
    }
}

use Construction as C;
use Programme as P;
use Settlement as S;

const ALL_TYPES: Set = Set::of_settlements(Settlement::ALL);
const URBAN: Set = Set::of_settlements(&[S::City, S::Town]);
/// SPEC §5 "rural types".
const RURAL: Set = Set::of_settlements(&[
    S::TownshipSeat,
    S::UrbanVillage,
    S::SuburbanVillage,
    S::CentralVillage,
    S::FarmingVillage,
    S::PastoralVillage,
]);
/// SPEC §5 "village types" (pastoral villages are separate).
const VILLAGES: Set = Set::of_settlements(&[
    S::UrbanVillage,
    S::SuburbanVillage,
    S::CentralVillage,
    S::FarmingVillage,
]);
const VILLAGES_AND_PASTORAL: Set = Set::of_settlements(&[
    S::UrbanVillage,
    S::SuburbanVillage,
    S::CentralVillage,
    S::FarmingVillage,
    S::PastoralVillage,
]);
const TOWNS: Set = Set::of_settlements(&[S::City, S::Town, S::TownshipSeat]);
const ALL_CONSTRUCTIONS: Set = Set::of_constructions(Construction::ALL);
const ALL_PROGRAMMES: Set = Set::of_programmes(Programme::ALL);
const STANDARD_ONLY: Set = Set::of_programmes(&[P::Standard]);

pub struct SettlementInfo {
    pub id: Settlement,
    pub name: Text,
    /// One line on what the type means, shown beside the choice.
    pub description: Text,
}

pub const SETTLEMENTS: &[SettlementInfo] = &[
    SettlementInfo {
        id: S::City,
        name: t("城市社区", "City community"),
        description: t(
            "设区的市城区内的社区",
            "A community in the built-up area of a city",
        ),
    },
    SettlementInfo {
        id: S::Town,
        name: t("城镇社区", "Town community"),
        description: t(
            "县城和建制镇的城镇社区",
            "A community in a county seat or designated town",
        ),
    },
    SettlementInfo {
        id: S::TownshipSeat,
        name: t("苏木乡镇驻地社区", "Township-seat community"),
        description: t(
            "苏木、乡镇政府驻地的社区",
            "A community at the seat of a sumu or township government",
        ),
    },
    SettlementInfo {
        id: S::UrbanVillage,
        name: t("城中村", "Urban village"),
        description: t(
            "城市建成区内的村（嘎查）",
            "A village (gacha) inside a city's built-up area",
        ),
    },
    SettlementInfo {
        id: S::SuburbanVillage,
        name: t("城郊村", "Suburban village"),
        description: t(
            "城市、县城近郊的村（嘎查）",
            "A village (gacha) on the edge of a city or county seat",
        ),
    },
    SettlementInfo {
        id: S::CentralVillage,
        name: t("中心村", "Central village"),
        description: t(
            "服务周边村庄的中心村",
            "A village that serves the villages around it",
        ),
    },
    SettlementInfo {
        id: S::FarmingVillage,
        name: t("传统农村 / 农区嘎查村", "Farming village"),
        description: t(
            "农区的传统村庄、嘎查村",
            "A traditional village or gacha in a farming area",
        ),
    },
    SettlementInfo {
        id: S::PastoralVillage,
        name: t("牧区 / 牧区嘎查村", "Pastoral village"),
        description: t(
            "牧区的嘎查村",
            "A gacha or village in a pastoral (herding) area",
        ),
    },
];

pub struct ChoiceInfo<T: 'static> {
    pub id: T,
    pub name: Text,
    pub description: Text,
}

pub const CONSTRUCTIONS: &[ChoiceInfo<Construction>] = &[
    ChoiceInfo {
        id: C::Existing,
        name: t("现有", "Existing"),
        description: t(
            "已建成的社区综合服务设施",
            "A facility that is already built",
        ),
    },
    ChoiceInfo {
        id: C::New,
        name: t("新建", "New"),
        description: t(
            "新建社区或新开发住宅小区配建",
            "A new community, or rooms built with a new residential compound",
        ),
    },
    ChoiceInfo {
        id: C::Renovated,
        name: t("改造", "Renovated"),
        description: t(
            "改造的社区或旧城区成片改造的住宅小区",
            "A community rebuilt, or a compound in an old district renovated as a whole",
        ),
    },
];

pub const PROGRAMMES: &[ChoiceInfo<Programme>] = &[
    ChoiceInfo {
        id: P::Standard,
        name: t("常规", "Standard"),
        description: t("不参加专项创建", "Not part of a special programme"),
    },
    ChoiceInfo {
        id: P::BeijiangDemo,
        name: t("北疆示范社区创建", "Beijiang model community"),
        description: t(
            "东胜区“北疆示范社区”创建：更高的面积、活动区域和人员标准",
            "Dongsheng's Beijiang model-community drive: higher area, activity-space and staffing figures",
        ),
    },
    ChoiceInfo {
        id: P::CapacityUpgrade,
        name: t("城乡社区服务能力提升行动", "Service capacity upgrade"),
        description: t(
            "东胜区城乡社区服务能力提升行动（资金支持）",
            "Dongsheng's community service capacity upgrade (with funding)",
        ),
    },
];

#[derive(Serialize)]
pub struct Document {
    pub id: &'static str,
    pub title: &'static str,
    /// How a bureau cites it in a sentence: 《…》 in Chinese, a short name in English.
    pub short_title: Text,
    pub issuer: Text,
    pub date: &'static str,
    pub seed: &'static str,
    /// A draft for comment (征求意见稿): the widget says so wherever it cites it.
    pub draft: bool,
}

pub const DOCUMENTS: &[Document] = &[
    Document {
        id: "nmg2017",
        short_title: t(
            "《内蒙古“十三五”城乡社区规划》",
            "Inner Mongolia 13th Five-Year community plan",
        ),
        title: "内蒙古自治区“十三五”时期城乡社区建设发展规划",
        issuer: t("内蒙古自治区", "Inner Mongolia Autonomous Region"),
        date: "2017-03",
        seed: "nmg2017-inner-mongolia-plan-2017.txt",
        draft: false,
    },
    Document {
        id: "xam2018",
        short_title: t(
            "《兴安盟城乡社区治理实施意见》",
            "Xing'an League community governance opinions",
        ),
        title: "关于加强和完善城乡社区治理的实施意见",
        issuer: t(
            "中共兴安盟委员会、兴安盟行政公署",
            "Xing'an League Party Committee and Administrative Office",
        ),
        date: "2018-12-28",
        seed: "xam2018-xingan-league-2018.txt",
        draft: false,
    },
    Document {
        id: "rs2018",
        short_title: t(
            "《仁寿县城乡社区治理实施意见（征求意见稿）》",
            "Renshou County community governance opinions (draft)",
        ),
        title: "关于进一步加强和完善城乡社区治理的实施意见（征求意见稿）",
        issuer: t(
            "仁寿县（四川省眉山市）",
            "Renshou County (Meishan, Sichuan)",
        ),
        date: "2018",
        seed: "rs2018-renshou-county-draft.txt",
        draft: true,
    },
    Document {
        id: "ds2023",
        short_title: t(
            "《东胜区城乡社区治理“2121”工程实施方案》",
            "Dongsheng “2121” community governance plan",
        ),
        title: "鄂尔多斯市东胜区城乡社区治理“2121”工程实施方案",
        issuer: t("东胜区民政局", "Dongsheng District Civil Affairs Bureau"),
        date: "2023-05-19",
        seed: "ds2023-dongsheng-2121-2023.txt",
        draft: false,
    },
    Document {
        id: "alzq2024",
        short_title: t(
            "《敖勒召其镇城乡社区治理实施方案》",
            "Aolezhaoqi Town community governance plan",
        ),
        title: "加强和完善城乡社区治理的实施方案（敖政发〔2024〕5号）",
        issuer: t(
            "敖勒召其镇人民政府（鄂托克前旗）",
            "Aolezhaoqi Town People's Government (Otog Front Banner)",
        ),
        date: "2024-03-04",
        seed: "alzq2024-aolezhaoqi-town-2024.txt",
        draft: false,
    },
];

pub struct Jurisdiction {
    pub id: &'static str,
    pub name: Text,
    /// Documents applied, regional plan first (SPEC §3 order).
    pub documents: &'static [&'static str],
    /// Programmes a community here can take part in.
    pub programmes: Set,
    /// The community types its documents speak of, in the order offered, each with the name and the
    /// one-line explanation used here (`None`: the type's own).
    pub settlements: &'static [Offered],
}

/// A community type as one jurisdiction offers it.
pub struct Offered {
    pub id: Settlement,
    pub name: Option<Text>,
    pub description: Option<Text>,
}

const fn offered(id: Settlement) -> Offered {
    Offered {
        id,
        name: None,
        description: None,
    }
}

const INNER_MONGOLIA_TYPES: &[Offered] = &[
    offered(S::City),
    offered(S::Town),
    offered(S::TownshipSeat),
    offered(S::UrbanVillage),
    offered(S::SuburbanVillage),
    offered(S::CentralVillage),
    offered(S::FarmingVillage),
    offered(S::PastoralVillage),
];

/// rs2018 speaks of 城市、城镇、农村 only (三(一)3, 三(一)4).
const RENSHOU_TYPES: &[Offered] = &[
    Offered {
        id: S::City,
        name: Some(t("城市社区", "City community")),
        description: Some(t(
            "县城城区的社区（文件按 2000 至 4000 户设置 1 个社区）",
            "A community in the county's urban area (the document sets 2,000–4,000 households per community)",
        )),
    },
    Offered {
        id: S::Town,
        name: Some(t("城镇社区", "Town community")),
        description: Some(t(
            "建制镇的社区（文件按 700 至 2000 户设置 1 个社区）",
            "A community in a designated town (700–2,000 households per community)",
        )),
    },
    Offered {
        id: S::FarmingVillage,
        name: Some(t("农村社区", "Rural community")),
        description: Some(t(
            "农村的村（社区）（文件按 300 至 1500 户设置 1 个社区）",
            "A village community (300–1,500 households per community)",
        )),
    },
];

pub const JURISDICTIONS: &[Jurisdiction] = &[
    Jurisdiction {
        id: "nmg",
        name: t("内蒙古自治区", "Inner Mongolia"),
        documents: &["nmg2017"],
        programmes: STANDARD_ONLY,
        settlements: INNER_MONGOLIA_TYPES,
    },
    Jurisdiction {
        id: "xam",
        name: t("兴安盟", "Xing'an League (Inner Mongolia)"),
        documents: &["nmg2017", "xam2018"],
        programmes: STANDARD_ONLY,
        settlements: INNER_MONGOLIA_TYPES,
    },
    Jurisdiction {
        id: "dongsheng",
        name: t("鄂尔多斯市东胜区", "Dongsheng District, Ordos"),
        documents: &["nmg2017", "ds2023"],
        programmes: ALL_PROGRAMMES,
        settlements: INNER_MONGOLIA_TYPES,
    },
    Jurisdiction {
        id: "aolezhaoqi",
        name: t(
            "鄂托克前旗敖勒召其镇",
            "Aolezhaoqi Town, Otog Front Banner, Ordos",
        ),
        documents: &["nmg2017", "alzq2024"],
        programmes: STANDARD_ONLY,
        settlements: INNER_MONGOLIA_TYPES,
    },
    Jurisdiction {
        id: "renshou",
        name: t("四川省眉山市仁寿县", "Renshou County, Meishan, Sichuan"),
        documents: &["rs2018"],
        programmes: STANDARD_ONLY,
        settlements: RENSHOU_TYPES,
    },
];

/// What a rule's figure is about, and so which top-level figure it feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    MinimumArea,
    OfficeCeiling,
    ActivityFloor,
    MinimumStaff,
    StaffRange,
    MinimumVolunteers,
    CommunityScale,
    SocialOrganisations,
    CommitteeFormation,
    Funding,
    Acceptance,
}

/// How a rule's figure is computed from the inputs. Integer figures use integer arithmetic (SPEC §5).
#[derive(Clone, Copy, Debug)]
pub enum Figure {
    /// `m2_per_100 × households / 100` m².
    AreaPerHundredHouseholds { m2_per_100: u32 },
    /// A fixed area in m².
    FixedArea { m2: u32 },
    /// A share of the total area, in percent.
    ShareOfTotal { percent: u32 },
    /// `⌈per × population / unit⌉` people.
    PerPopulation { per: u32, unit: u32 },
    /// `usual_min ..= min(cap, max(usual_max, ⌊households / households_per_person⌋))` staff.
    StaffRange {
        usual_min: u32,
        usual_max: u32,
        households_per_person: u32,
        cap: u32,
    },
    /// Households per community, by settlement type.
    HouseholdsRange(&'static [(Set, u32, u32)]),
    /// A count by settlement type.
    CountBySettlement(&'static [(Set, u32)]),
    /// Yuan by programme.
    YuanByProgramme(&'static [(Programme, u32)]),
    /// A residents' committee is due once `occupied × denominator ≥ households × numerator`.
    OccupancyShare { numerator: u32, denominator: u32 },
    /// A statement with no number.
    Statement,
}

#[derive(Clone, Copy, Debug)]
pub struct Scope {
    pub settlements: Set,
    pub constructions: Set,
    pub programmes: Set,
    /// Why the rule is limited, shown when it does not apply.
    pub text: Text,
}

const fn scope(settlements: Set, text: Text) -> Scope {
    Scope {
        settlements,
        constructions: ALL_CONSTRUCTIONS,
        programmes: ALL_PROGRAMMES,
        text,
    }
}

pub struct Rule {
    pub id: &'static str,
    pub doc: &'static str,
    pub kind: RuleKind,
    pub scope: Scope,
    pub figure: Figure,
    pub title: Text,
    /// Where in the document the quote stands.
    pub section: &'static str,
    pub quote: &'static str,
    /// SPEC §5's interpretation, where the reading of the source is not literal.
    pub note: Option<Text>,
}

const ALL_TYPES_TEXT: Text = t("所有社区类型", "All community types");
const RURAL_TEXT: Text = t(
    "苏木乡镇驻地社区、城中村、城郊村、中心村、传统农村、牧区",
    "Township seats and all village types (rural types)",
);
const DEMO_TEXT: Text = t(
    "仅“北疆示范社区”创建",
    "Only for the Beijiang model-community programme",
);

const NMG2017_AREA_QUOTE: &str = "推进城乡社区综合服务设施建设，按照每百户不低于30平方米，总面积不低于300平方米，新建和改造社区总面积不低于500平方米的标准进行建设；……苏木乡镇、城中村、城郊村建设面积不低于300平方米的社区服务中心，中心村、传统农村、牧区建设总面积不低于150平方米的社区服务中心，其中办公面积不得超出总面积的30%。";
const NMG2017_AREA_SECTION: &str = "第三章第三节";
const NOTE_NMG_RATE: Text = t(
    "nmg2017 的每百户标准针对“城乡社区”，因此适用于所有社区类型；农村牧区的最低总面积（300/150 平方米）取代一般的 300/500 平方米下限。",
    "nmg2017's per-100-household rate is stated for 城乡社区 (urban and rural), so it applies to every type; the specific rural minimum totals (300/150) replace the general 300/500 floors for rural types.",
);
const NOTE_NMG_NEW: Text = t(
    "“新建和改造社区总面积不低于500平方米”适用于城市和城镇社区；农村牧区类型保留各自的下限。",
    "nmg2017's \"新建和改造社区 ≥ 500\" applies to urban (city, town) communities; rural types keep their own floors.",
);
const NOTE_NMG_OFFICE: Text = t(
    "30% 的办公面积上限出现在关于农村牧区社区服务中心的句子中，因此适用于农村牧区类型。",
    "nmg2017's 30 % office ceiling stands in the sentence on rural community service centres: it applies to rural types.",
);

const DS2023_AREA_QUOTE: &str = "城镇社区按照每百户居民 30平方米，总面积不低手 300平方米的要求，嘎查村按照农区不低于200 平方米，牧区不低150 平方米的标准，推进综合服务设施达标建设";
const DS2023_AREA_SECTION: &str = "三(二)2";
const NOTE_DS_TYPES: Text = t(
    "ds2023 只区分城镇社区和嘎查村（农区/牧区）：苏木乡镇驻地社区按城镇社区计；城中村、城郊村、中心村和传统农村按农区嘎查村计；牧区按牧区计。（原文“不低手”“不低”为原文笔误。）",
    "ds2023 names 城镇社区 and 嘎查村 (农区/牧区): township seats count as 城镇社区; urban, suburban, central and traditional farming villages as 农区嘎查村; pastoral as 牧区. (The typos 不低手/不低 are the source's.)",
);
const DS2023_DEMO_QUOTE: &str = "社区党群服务中心建设面积达到每百户 40 平方米以上，产权归属居民委员会或基层政府，居民活动区域面积占社区总面积≥60%。";

const RS2018_AREA_QUOTE: &str = "按照每百户居民30平方米的标准……新开发的住宅小区和旧城区成片改造的住宅小区，要按规定配建社区用房。未按规划要求建设社区用房的，不能通过验收。";
const RS2018_ORGS_QUOTE: &str = "力争到2020年，每个城市社区至少发展有10个、每个农村社区至少有5个以上社区社会组织。……城乡社区注册志愿者数量达到社区居民人口总数的13%以上。";

/// Every rule, in SPEC §5 order (the order of `rules[]` in a result).
pub const RULES: &[Rule] = &[
    Rule {
        id: "nmg2017.area.per_households",
        doc: "nmg2017",
        kind: RuleKind::MinimumArea,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::AreaPerHundredHouseholds { m2_per_100: 30 },
        title: t("每百户面积", "Area per 100 households"),
        section: NMG2017_AREA_SECTION,
        quote: NMG2017_AREA_QUOTE,
        note: Some(NOTE_NMG_RATE),
    },
    Rule {
        id: "nmg2017.area.urban_min",
        doc: "nmg2017",
        kind: RuleKind::MinimumArea,
        scope: Scope {
            settlements: URBAN,
            constructions: Set::of_constructions(&[C::Existing]),
            programmes: ALL_PROGRAMMES,
            text: t(
                "城市社区、城镇社区；现有设施",
                "City and town communities; existing facilities",
            ),
        },
        figure: Figure::FixedArea { m2: 300 },
        title: t("城镇社区最低总面积", "Minimum total, urban"),
        section: NMG2017_AREA_SECTION,
        quote: NMG2017_AREA_QUOTE,
        note: Some(NOTE_NMG_RATE),
    },
    Rule {
        id: "nmg2017.area.urban_new_min",
        doc: "nmg2017",
        kind: RuleKind::MinimumArea,
        scope: Scope {
            settlements: URBAN,
            constructions: Set::of_constructions(&[C::New, C::Renovated]),
            programmes: ALL_PROGRAMMES,
            text: t(
                "城市社区、城镇社区；新建或改造",
                "City and town communities; new or renovated",
            ),
        },
        figure: Figure::FixedArea { m2: 500 },
        title: t(
            "新建和改造社区最低总面积",
            "Minimum total, new or renovated",
        ),
        section: NMG2017_AREA_SECTION,
        quote: NMG2017_AREA_QUOTE,
        note: Some(NOTE_NMG_NEW),
    },
    Rule {
        id: "nmg2017.area.rural_300",
        doc: "nmg2017",
        kind: RuleKind::MinimumArea,
        scope: scope(
            Set::of_settlements(&[S::TownshipSeat, S::UrbanVillage, S::SuburbanVillage]),
            t(
                "苏木乡镇驻地社区、城中村、城郊村",
                "Township seats, urban villages, suburban villages",
            ),
        ),
        figure: Figure::FixedArea { m2: 300 },
        title: t(
            "苏木乡镇、城中村、城郊村最低面积",
            "Minimum total, township seats and near-city villages",
        ),
        section: NMG2017_AREA_SECTION,
        quote: NMG2017_AREA_QUOTE,
        note: Some(NOTE_NMG_RATE),
    },
    Rule {
        id: "nmg2017.area.rural_150",
        doc: "nmg2017",
        kind: RuleKind::MinimumArea,
        scope: scope(
            Set::of_settlements(&[S::CentralVillage, S::FarmingVillage, S::PastoralVillage]),
            t(
                "中心村、传统农村、牧区",
                "Central villages, farming villages, pastoral villages",
            ),
        ),
        figure: Figure::FixedArea { m2: 150 },
        title: t(
            "中心村、传统农村、牧区最低总面积",
            "Minimum total, central, farming and pastoral villages",
        ),
        section: NMG2017_AREA_SECTION,
        quote: NMG2017_AREA_QUOTE,
        note: Some(NOTE_NMG_RATE),
    },
    Rule {
        id: "nmg2017.office.rural_max",
        doc: "nmg2017",
        kind: RuleKind::OfficeCeiling,
        scope: scope(RURAL, RURAL_TEXT),
        figure: Figure::ShareOfTotal { percent: 30 },
        title: t("办公面积上限（农村牧区）", "Office ceiling, rural"),
        section: NMG2017_AREA_SECTION,
        quote: NMG2017_AREA_QUOTE,
        note: Some(NOTE_NMG_OFFICE),
    },
    Rule {
        id: "nmg2017.volunteers",
        doc: "nmg2017",
        kind: RuleKind::MinimumVolunteers,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::PerPopulation { per: 15, unit: 100 },
        title: t("注册志愿者", "Registered volunteers"),
        section: "第三章第五节",
        quote: "实现社区志愿者注册人数达到社区常驻人口15%以上。",
        note: None,
    },
    Rule {
        id: "ds2023.area.urban_per_households",
        doc: "ds2023",
        kind: RuleKind::MinimumArea,
        scope: scope(
            TOWNS,
            t(
                "城镇社区（城市、城镇、苏木乡镇驻地社区）",
                "Urban communities (city, town, township seat)",
            ),
        ),
        figure: Figure::AreaPerHundredHouseholds { m2_per_100: 30 },
        title: t("城镇社区每百户面积", "Area per 100 households, urban"),
        section: DS2023_AREA_SECTION,
        quote: DS2023_AREA_QUOTE,
        note: Some(NOTE_DS_TYPES),
    },
    Rule {
        id: "ds2023.area.urban_min",
        doc: "ds2023",
        kind: RuleKind::MinimumArea,
        scope: scope(
            TOWNS,
            t(
                "城镇社区（城市、城镇、苏木乡镇驻地社区）",
                "Urban communities (city, town, township seat)",
            ),
        ),
        figure: Figure::FixedArea { m2: 300 },
        title: t("城镇社区最低总面积", "Minimum total, urban"),
        section: DS2023_AREA_SECTION,
        quote: DS2023_AREA_QUOTE,
        note: Some(NOTE_DS_TYPES),
    },
    Rule {
        id: "ds2023.area.village_farming_min",
        doc: "ds2023",
        kind: RuleKind::MinimumArea,
        scope: scope(
            VILLAGES,
            t(
                "农区嘎查村（城中村、城郊村、中心村、传统农村）",
                "Farming-area villages (urban, suburban, central, farming)",
            ),
        ),
        figure: Figure::FixedArea { m2: 200 },
        title: t("农区嘎查村最低面积", "Minimum total, farming-area villages"),
        section: DS2023_AREA_SECTION,
        quote: DS2023_AREA_QUOTE,
        note: Some(NOTE_DS_TYPES),
    },
    Rule {
        id: "ds2023.area.village_pastoral_min",
        doc: "ds2023",
        kind: RuleKind::MinimumArea,
        scope: scope(
            Set::of_settlements(&[S::PastoralVillage]),
            t("牧区嘎查村", "Pastoral villages"),
        ),
        figure: Figure::FixedArea { m2: 150 },
        title: t("牧区嘎查村最低面积", "Minimum total, pastoral villages"),
        section: DS2023_AREA_SECTION,
        quote: DS2023_AREA_QUOTE,
        note: Some(NOTE_DS_TYPES),
    },
    Rule {
        id: "ds2023.demo.area_per_households",
        doc: "ds2023",
        kind: RuleKind::MinimumArea,
        scope: Scope {
            settlements: ALL_TYPES,
            constructions: ALL_CONSTRUCTIONS,
            programmes: Set::of_programmes(&[P::BeijiangDemo]),
            text: DEMO_TEXT,
        },
        figure: Figure::AreaPerHundredHouseholds { m2_per_100: 40 },
        title: t(
            "北疆示范社区每百户面积",
            "Model community: area per 100 households",
        ),
        section: "二(二)2",
        quote: DS2023_DEMO_QUOTE,
        note: None,
    },
    Rule {
        id: "ds2023.demo.activity_min",
        doc: "ds2023",
        kind: RuleKind::ActivityFloor,
        scope: Scope {
            settlements: ALL_TYPES,
            constructions: ALL_CONSTRUCTIONS,
            programmes: Set::of_programmes(&[P::BeijiangDemo]),
            text: DEMO_TEXT,
        },
        figure: Figure::ShareOfTotal { percent: 60 },
        title: t(
            "居民活动区域下限",
            "Model community: resident activity floor",
        ),
        section: "二(二)2",
        quote: DS2023_DEMO_QUOTE,
        note: None,
    },
    Rule {
        id: "ds2023.demo.staff_min",
        doc: "ds2023",
        kind: RuleKind::MinimumStaff,
        scope: Scope {
            settlements: ALL_TYPES,
            constructions: ALL_CONSTRUCTIONS,
            programmes: Set::of_programmes(&[P::BeijiangDemo]),
            text: DEMO_TEXT,
        },
        figure: Figure::PerPopulation {
            per: 18,
            unit: 10_000,
        },
        title: t("社区工作者配备", "Model community: community workers"),
        section: "二(二)5",
        quote: "社区工作者队伍按照每万城镇人口 18 人的标准配备",
        note: None,
    },
    Rule {
        id: "ds2023.funding",
        doc: "ds2023",
        kind: RuleKind::Funding,
        scope: Scope {
            settlements: ALL_TYPES,
            constructions: ALL_CONSTRUCTIONS,
            programmes: Set::of_programmes(&[P::BeijiangDemo, P::CapacityUpgrade]),
            text: t(
                "北疆示范社区创建或城乡社区服务能力提升行动",
                "The Beijiang model-community programme or the capacity upgrade",
            ),
        },
        figure: Figure::YuanByProgramme(&[
            (P::BeijiangDemo, 100_000),
            (P::CapacityUpgrade, 150_000),
        ]),
        title: t("资金支持", "Funding"),
        section: "四(二)",
        quote: "北疆示范社区支持10万元，城乡社区服务能力提升行动支持15万元。",
        note: None,
    },
    Rule {
        id: "alzq2024.area.per_households",
        doc: "alzq2024",
        kind: RuleKind::MinimumArea,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::AreaPerHundredHouseholds { m2_per_100: 30 },
        title: t("每百户面积", "Area per 100 households"),
        section: "四(一)",
        quote: "按照每百户居民拥有综合服务设施面积不低于 30 平方米的标准，规划社区居委会工作用房和居民公益性服务用房",
        note: None,
    },
    Rule {
        id: "alzq2024.office.max",
        doc: "alzq2024",
        kind: RuleKind::OfficeCeiling,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::ShareOfTotal { percent: 20 },
        title: t("办公面积上限", "Office ceiling"),
        section: "四(三)",
        quote: "按照办公面积最小化，服务面积最大化的要求，办公面积不得超出总面积的 20%，提倡一室多用。",
        note: None,
    },
    Rule {
        id: "alzq2024.staff",
        doc: "alzq2024",
        kind: RuleKind::StaffRange,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::StaffRange {
            usual_min: 6,
            usual_max: 10,
            households_per_person: 200,
            cap: 15,
        },
        title: t("社区专职工作人员", "Full-time community staff"),
        section: "三(三)",
        quote: "每个社区一般配备6—10名社区专职工作人员，辖区人口较多、管理和服务任务较重的社区可按每200户居民配1人的标准配备，原则上不超过15人。",
        note: Some(t(
            "每 200 户配 1 人是对较大社区的放宽：取 ⌊户数/200⌋，但不低于一般上限 10 人，不超过 15 人。",
            "alzq2024's 1-per-200-households staffing is an allowance for larger communities: ⌊hh/200⌋, never below the usual 10 or above 15.",
        )),
    },
    Rule {
        id: "xam2018.area.per_households",
        doc: "xam2018",
        kind: RuleKind::MinimumArea,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::AreaPerHundredHouseholds { m2_per_100: 30 },
        title: t("每百户面积", "Area per 100 households"),
        section: "四(二)",
        quote: "社区综合服务设施建设按照每百户居民平均拥有综合服务设施面积不低于30平方米的标准",
        note: None,
    },
    Rule {
        id: "xam2018.office.max",
        doc: "xam2018",
        kind: RuleKind::OfficeCeiling,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::ShareOfTotal { percent: 15 },
        title: t("办公面积上限", "Office ceiling"),
        section: "三(二)",
        quote: "按照办公面积最小化,服务面积最大化的要求,办公面积不得超出总面积的15%",
        note: None,
    },
    Rule {
        id: "xam2018.rc_formation",
        doc: "xam2018",
        kind: RuleKind::CommitteeFormation,
        scope: Scope {
            settlements: ALL_TYPES,
            constructions: Set::of_constructions(&[C::New]),
            programmes: ALL_PROGRAMMES,
            text: t("新建住宅区", "New residential compounds"),
        },
        figure: Figure::OccupancyShare {
            numerator: 1,
            denominator: 2,
        },
        title: t("成立社区居民委员会", "Forming a residents' committee"),
        section: "二(三)",
        quote: "新建住宅区居民入住率达到50%的,应及时成立社区居民委员会,在此之前应成立居民小组或由相邻的居民委员会代管。",
        note: None,
    },
    Rule {
        id: "rs2018.area.per_households",
        doc: "rs2018",
        kind: RuleKind::MinimumArea,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::AreaPerHundredHouseholds { m2_per_100: 30 },
        title: t("每百户面积", "Area per 100 households"),
        section: "三(三)2",
        quote: RS2018_AREA_QUOTE,
        note: None,
    },
    Rule {
        id: "rs2018.scale",
        doc: "rs2018",
        kind: RuleKind::CommunityScale,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::HouseholdsRange(&[
            (Set::of_settlements(&[S::City]), 2000, 4000),
            (Set::of_settlements(&[S::Town, S::TownshipSeat]), 700, 2000),
            (VILLAGES_AND_PASTORAL, 300, 1500),
        ]),
        title: t("社区规模", "Community scale"),
        section: "三(一)3",
        quote: "原则上城市按2000至4000户、城镇按700至2000户、农村按300至1500户常住居民的规模设置1个社区。",
        note: None,
    },
    Rule {
        id: "rs2018.social_orgs_min",
        doc: "rs2018",
        kind: RuleKind::SocialOrganisations,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::CountBySettlement(&[(TOWNS, 10), (VILLAGES_AND_PASTORAL, 5)]),
        title: t("社区社会组织", "Community social organisations"),
        section: "三(一)4",
        quote: RS2018_ORGS_QUOTE,
        note: Some(t(
            "“城市社区”（社会组织一项）包括城市、城镇和苏木乡镇驻地社区；“农村”包括各类村。",
            "rs2018's 城市社区 (for social organisations) covers city, town and township-seat communities; 农村 covers villages.",
        )),
    },
    Rule {
        id: "rs2018.volunteers",
        doc: "rs2018",
        kind: RuleKind::MinimumVolunteers,
        scope: scope(ALL_TYPES, ALL_TYPES_TEXT),
        figure: Figure::PerPopulation { per: 13, unit: 100 },
        title: t("注册志愿者", "Registered volunteers"),
        section: "三(一)4",
        quote: RS2018_ORGS_QUOTE,
        note: None,
    },
    Rule {
        id: "rs2018.acceptance",
        doc: "rs2018",
        kind: RuleKind::Acceptance,
        scope: Scope {
            settlements: ALL_TYPES,
            constructions: Set::of_constructions(&[C::New, C::Renovated]),
            programmes: ALL_PROGRAMMES,
            text: t(
                "新开发或成片改造的住宅小区",
                "New or renovated residential compounds",
            ),
        },
        figure: Figure::Statement,
        title: t("配建社区用房与验收", "Community rooms and acceptance"),
        section: "三(三)2",
        quote: RS2018_AREA_QUOTE,
        note: None,
    },
];

pub fn document(id: &str) -> Option<&'static Document> {
    DOCUMENTS.iter().find(|d| d.id == id)
}

pub fn jurisdiction(id: &str) -> Option<&'static Jurisdiction> {
    JURISDICTIONS.iter().find(|j| j.id == id)
}

/// The community types a jurisdiction offers: (id, name, one-line explanation).
pub fn offered_settlements(
    j: &Jurisdiction,
) -> impl Iterator<Item = (Settlement, Text, Text)> + '_ {
    j.settlements.iter().map(|o| {
        let info = settlement_info(o.id);
        (
            o.id,
            o.name.unwrap_or(info.name),
            o.description.unwrap_or(info.description),
        )
    })
}

pub fn settlement_info(id: Settlement) -> &'static SettlementInfo {
    // Every variant has a row; the tests check the table is complete.
    SETTLEMENTS
        .iter()
        .find(|s| s.id == id)
        .unwrap_or(&SETTLEMENTS[0])
}

pub fn choice_info<T: PartialEq + Copy>(
    table: &'static [ChoiceInfo<T>],
    id: T,
) -> &'static ChoiceInfo<T> {
    table.iter().find(|c| c.id == id).unwrap_or(&table[0])
}

impl Rule {
    pub fn in_scope(&self, s: Settlement, c: Construction, p: Programme) -> bool {
        self.scope.settlements.has_settlement(s)
            && self.scope.constructions.has_construction(c)
            && self.scope.programmes.has_programme(p)
    }
}

/// The catalogue `standards()` returns: everything a host page needs to build its own pickers or cite rules.
#[derive(Serialize)]
pub struct Catalogue {
    pub version: &'static str,
    pub documents: &'static [Document],
    pub jurisdictions: Vec<JurisdictionEntry>,
    pub settlements: Vec<ChoiceEntry>,
    pub constructions: Vec<ChoiceEntry>,
    pub programmes: Vec<ChoiceEntry>,
    pub rules: Vec<RuleEntry>,
}

#[derive(Serialize)]
pub struct JurisdictionEntry {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub documents: &'static [&'static str],
    pub programmes: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct ChoiceEntry {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub description_zh: &'static str,
    pub description_en: &'static str,
}

#[derive(Serialize)]
pub struct RuleEntry {
    pub id: &'static str,
    pub doc: &'static str,
    pub kind: RuleKind,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub section: &'static str,
    pub quote: &'static str,
    pub draft: bool,
    pub scope_zh: &'static str,
    pub scope_en: &'static str,
    pub settlements: Vec<&'static str>,
    pub constructions: Vec<&'static str>,
    pub programmes: Vec<&'static str>,
    pub note_zh: Option<&'static str>,
    pub note_en: Option<&'static str>,
}

fn choice_entry(id: &'static str, name: Text, description: Text) -> ChoiceEntry {
    ChoiceEntry {
        id,
        name_zh: name.zh,
        name_en: name.en,
        description_zh: description.zh,
        description_en: description.en,
    }
}

pub fn catalogue() -> Catalogue {
    Catalogue {
        version: RULESET_VERSION,
        documents: DOCUMENTS,
        jurisdictions: JURISDICTIONS
            .iter()
            .map(|j| JurisdictionEntry {
                id: j.id,
                name_zh: j.name.zh,
                name_en: j.name.en,
                documents: j.documents,
                programmes: Programme::ALL
                    .iter()
                    .filter(|p| j.programmes.has_programme(**p))
                    .map(|p| p.id())
                    .collect(),
            })
            .collect(),
        settlements: SETTLEMENTS
            .iter()
            .map(|s| choice_entry(s.id.id(), s.name, s.description))
            .collect(),
        constructions: CONSTRUCTIONS
            .iter()
            .map(|c| choice_entry(c.id.id(), c.name, c.description))
            .collect(),
        programmes: PROGRAMMES
            .iter()
            .map(|p| choice_entry(p.id.id(), p.name, p.description))
            .collect(),
        rules: RULES
            .iter()
            .map(|r| RuleEntry {
                id: r.id,
                doc: r.doc,
                kind: r.kind,
                title_zh: r.title.zh,
                title_en: r.title.en,
                section: r.section,
                quote: r.quote,
                draft: document(r.doc).is_some_and(|d| d.draft),
                scope_zh: r.scope.text.zh,
                scope_en: r.scope.text.en,
                settlements: Settlement::ALL
                    .iter()
                    .filter(|s| r.scope.settlements.has_settlement(**s))
                    .map(|s| s.id())
                    .collect(),
                constructions: Construction::ALL
                    .iter()
                    .filter(|c| r.scope.constructions.has_construction(**c))
                    .map(|c| c.id())
                    .collect(),
                programmes: Programme::ALL
                    .iter()
                    .filter(|p| r.scope.programmes.has_programme(**p))
                    .map(|p| p.id())
                    .collect(),
                note_zh: r.note.map(|n| n.zh),
                note_en: r.note.map(|n| n.en),
            })
            .collect(),
    }
}
