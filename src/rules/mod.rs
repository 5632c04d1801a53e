//! The standards as a value: a [`Ruleset`] holds documents, jurisdictions, community types, programmes and
//! rules, read from a rule pack (`pack.rs`, format `facility-calc/rules@1`, documented in RULE-PACKS.md).
//! The five built-in documents are such a pack too (`data/builtin/*.json`, loaded by `builtin.rs`), so a
//! figure, scope, quote or rule wording lives only in data. The engine takes a `&Ruleset` and knows no
//! number of its own.

mod builtin;
mod catalogue;
pub mod kinds;
mod pack;

pub use builtin::{builtin, builtin_pack_value};
pub use catalogue::{Catalogue, ChoiceEntry, JurisdictionEntry, catalogue};
pub use pack::{
    FORMAT, MAX_PACK_BYTES, MAX_PACK_DEPTH, MAX_PACK_VALUES, MAX_RULES, PackError, read_pack,
};

use serde::Serialize;

/// The shared text's pointer: `Rc` in the browser (one thread, and Yew's attribute values share it),
/// `Arc` natively, so that a ruleset is `Send + Sync` and the command line's checking threads share one.
#[cfg(target_arch = "wasm32")]
type Shared = std::rc::Rc<str>;
#[cfg(not(target_arch = "wasm32"))]
type Shared = std::sync::Arc<str>;

/// Shared text of a ruleset: cloning it into a result is a reference count, not a copy. Compares with
/// `&str` and reads as `&str`.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Str(Shared);

impl Str {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The shared text itself (for the widget's attribute values, which share it too).
    pub fn rc(&self) -> Shared {
        self.0.clone()
    }
}

impl std::ops::Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(s.into())
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(s.into())
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Debug for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A text of the data in both languages of the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Txt {
    pub zh: Str,
    pub en: Str,
}

impl crate::text::Bilingual for Txt {
    type Out = Str;
    fn in_lang(&self, lang: crate::text::Lang) -> Str {
        match lang {
            crate::text::Lang::Zh => self.zh.clone(),
            crate::text::Lang::En => self.en.clone(),
        }
    }
}

/// A set of a ruleset's community types or programmes (by index), as a bit mask: a pack declares at most
/// 64 of each, so a scope test is one AND.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Set(pub u64);

impl Set {
    pub fn has(self, index: usize) -> bool {
        index < 64 && self.0 & (1 << index) != 0
    }
    pub fn insert(&mut self, index: usize) {
        if index < 64 {
            self.0 |= 1 << index;
        }
    }
    /// The first `n` members.
    pub fn first(n: usize) -> Set {
        if n >= 64 {
            Set(u64::MAX)
        } else {
            Set((1u64 << n) - 1)
        }
    }
    pub fn members(self, n: usize) -> impl Iterator<Item = usize> {
        (0..n.min(64)).filter(move |i| self.has(*i))
    }
}

/// Construction status (SPEC §4 `construction`): a fixed set, not declared by packs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Construction {
    Existing,
    New,
    Renovated,
}

impl Construction {
    pub const ALL: [Construction; 3] = [
        Construction::Existing,
        Construction::New,
        Construction::Renovated,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Construction::Existing => "existing",
            Construction::New => "new",
            Construction::Renovated => "renovated",
        }
    }
    pub fn from_id(id: &str) -> Option<Construction> {
        Construction::ALL.into_iter().find(|c| c.id() == id)
    }
    pub fn index(self) -> usize {
        self as usize
    }
    /// The widget's words for it: (name, one-line description).
    pub fn words(self) -> (crate::text::Text, crate::text::Text) {
        use crate::text::t;
        match self {
            Construction::Existing => (
                t("现有", "Existing"),
                t(
                    "已建成的社区综合服务设施",
                    "A facility that is already built",
                ),
            ),
            Construction::New => (
                t("新建", "New"),
                t(
                    "新建社区或新开发住宅小区配建",
                    "A new community, or rooms built with a new residential compound",
                ),
            ),
            Construction::Renovated => (
                t("改造", "Renovated"),
                t(
                    "改造的社区或旧城区成片改造的住宅小区",
                    "A community rebuilt, or a compound in an old district renovated as a whole",
                ),
            ),
        }
    }
}

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
    MaximumArea,
}

impl RuleKind {
    /// Every kind, in the order of the kind table.
    pub const ALL: [RuleKind; kinds::KINDS.len()] = {
        let mut all = [RuleKind::MinimumArea; kinds::KINDS.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = kinds::KINDS[i].kind;
            i += 1;
        }
        all
    };
    /// Its entry in the kind table.
    pub fn def(self) -> &'static kinds::KindDef {
        &kinds::KINDS[self as usize]
    }
    pub fn id(self) -> &'static str {
        self.def().id
    }
    /// The figure shapes a rule of this kind may have.
    pub fn shapes(self) -> &'static [kinds::Shape] {
        self.def().shapes
    }
}

/// How a rule's figure is computed from the inputs. Integer figures use integer arithmetic (SPEC §5).
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// `m2_per_100 × households / 100` m².
    AreaPerHundredHouseholds { m2_per_100: f64 },
    /// A fixed area in m².
    FixedArea { m2: f64 },
    /// A share of the total area, in percent.
    ShareOfTotal { percent: f64 },
    /// `⌈per × population / unit⌉` people.
    PerPopulation { per: u32, unit: u32 },
    /// `usual_min ..= min(cap, max(usual_max, ⌊households / households_per_person⌋))` staff.
    StaffRange {
        usual_min: u32,
        usual_max: u32,
        households_per_person: u32,
        cap: u32,
    },
    /// Households per community, by community type: (types, min, max).
    HouseholdsRange(Vec<(Set, u32, u32)>),
    /// A count by community type.
    CountBySettlement(Vec<(Set, u32)>),
    /// Yuan by programme (index).
    YuanByProgramme(Vec<(usize, u32)>),
    /// A residents' committee is due once `occupied × 100 ≥ households × percent`; what to do either way.
    OccupancyShare {
        percent: u32,
        due: Txt,
        not_yet: Txt,
    },
    /// A statement with no number, in the rule's words.
    Statement { statement: Txt },
    /// Steps by a basis: the first tier whose `up_to` is at least the basis applies (the last has none).
    Tiers {
        basis: kinds::Basis,
        tiers: Vec<(Option<f64>, Figure)>,
    },
    /// `m2 × population / per` m².
    PerPopulationArea { m2: f64, per: u32 },
}

impl Figure {
    /// Whether working it out needs the input a tier basis names (a tier's own figure included).
    pub fn uses(&self, basis: kinds::Basis) -> bool {
        match self {
            Figure::Tiers { basis: b, tiers } => {
                *b == basis || tiers.iter().any(|(_, f)| f.uses(basis))
            }
            Figure::PerPopulationArea { .. } | Figure::PerPopulation { .. } => {
                basis == kinds::Basis::Population
            }
            _ => false,
        }
    }
}

/// Whether a rule is a requirement or a recommendation (`"level"`, default required): a recommended
/// figure is shown beside the required one and never makes a design fail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    Required,
    Recommended,
}

impl Level {
    pub fn id(self) -> &'static str {
        match self {
            Level::Required => "required",
            Level::Recommended => "recommended",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    pub settlements: Set,
    pub constructions: Set,
    pub programmes: Set,
    /// Why the rule is limited, shown when it does not apply.
    pub text: Txt,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub id: Str,
    /// Index into `Ruleset::documents`.
    pub doc: usize,
    pub kind: RuleKind,
    pub level: Level,
    pub scope: Scope,
    pub figure: Figure,
    pub title: Txt,
    /// Where in the document the quote stands.
    pub section: Str,
    pub quote: Str,
    /// The interpretation, where the reading of the source is not literal.
    pub note: Option<Txt>,
}

/// A document's standing: a draft for comment is marked wherever it is cited; an example is never official.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    InForce,
    Draft,
    Example,
    Superseded,
}

impl DocStatus {
    pub const ALL: [DocStatus; 4] = [
        DocStatus::InForce,
        DocStatus::Draft,
        DocStatus::Example,
        DocStatus::Superseded,
    ];
    pub fn id(self) -> &'static str {
        match self {
            DocStatus::InForce => "in_force",
            DocStatus::Draft => "draft",
            DocStatus::Example => "example",
            DocStatus::Superseded => "superseded",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub id: Str,
    pub title: Str,
    /// How a bureau cites it in a sentence: 《…》 in Chinese, a short name in English.
    pub short_title: Txt,
    pub issuer: Txt,
    pub date: Str,
    pub status: DocStatus,
    /// Where the text can be found: a 文号, a URL, or the file name of the text shipped with the pack.
    pub source: Option<Str>,
}

impl Document {
    /// A draft for comment (征求意见稿): the widget says so wherever it cites it.
    pub fn draft(&self) -> bool {
        self.status == DocStatus::Draft
    }
}

/// A community type or a programme: id, name and a one-line explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: Str,
    pub name: Txt,
    pub description: Txt,
}

/// A community type as one jurisdiction offers it, in its own words.
#[derive(Clone, Debug, PartialEq)]
pub struct Offered {
    /// Index into `Ruleset::settlements`.
    pub settlement: usize,
    pub name: Txt,
    pub description: Txt,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Jurisdiction {
    pub id: Str,
    pub name: Txt,
    /// Documents applied (indices), regional plan first.
    pub documents: Vec<usize>,
    /// Programmes a community here can take part in.
    pub programmes: Set,
    /// The community types its documents speak of, in the order offered.
    pub settlements: Vec<Offered>,
    /// The places it covers as offices write them (乌兰浩特市, 科右前旗): a sheet's cell naming one is
    /// read as this jurisdiction.
    pub places: Vec<Str>,
    /// The rules of its documents (indices), in the pack's order: worked out once when the pack is read.
    pub rules: Vec<usize>,
}

/// Everything the engine judges by: one rule pack, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Ruleset {
    pub id: Str,
    pub version: Str,
    pub title: Txt,
    pub publisher: Str,
    /// The five documents shipped with the calculator (not a pack loaded at run time).
    pub builtin: bool,
    /// The pack this one adds to (`"builtin"`), if any.
    pub extends: Option<Str>,
    pub documents: Vec<Document>,
    pub settlements: Vec<Choice>,
    pub programmes: Vec<Choice>,
    pub jurisdictions: Vec<Jurisdiction>,
    pub rules: Vec<Rule>,
    /// The programme a community is in when none is given (`standard` where declared, else the first).
    pub default_programme: usize,
    /// A digest of what the indices of an `Input` point into (the id, version and list lengths), set when
    /// the pack is read: an `Input` validated under one ruleset is refused by another.
    pub(crate) mark: u64,
}

/// Which ruleset a result was worked out under (`evaluate`'s `ruleset`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RulesetTag {
    pub id: Str,
    pub version: Str,
    pub builtin: bool,
}

impl Ruleset {
    /// A ruleset with nothing in it (what a pack is read into, and the fallback that never panics).
    pub fn empty(id: &str) -> Ruleset {
        Ruleset {
            id: id.into(),
            version: "".into(),
            title: Txt {
                zh: "".into(),
                en: "".into(),
            },
            publisher: "".into(),
            builtin: false,
            extends: None,
            documents: Vec::new(),
            settlements: Vec::new(),
            programmes: Vec::new(),
            jurisdictions: Vec::new(),
            rules: Vec::new(),
            default_programme: 0,
            mark: 0,
        }
    }

    /// The digest an `Input` made under this ruleset carries (FNV-1a over the id, version and the lengths
    /// of the lists an input's indices point into).
    pub(crate) fn digest(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for b in bytes {
                hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat(self.id.as_bytes());
        eat(&[0]);
        eat(self.version.as_bytes());
        for n in [
            self.settlements.len(),
            self.programmes.len(),
            self.jurisdictions.len(),
            self.rules.len(),
            self.documents.len(),
        ] {
            eat(&(n as u64).to_le_bytes());
        }
        hash
    }

    pub fn tag(&self) -> RulesetTag {
        RulesetTag {
            id: self.id.clone(),
            version: self.version.clone(),
            builtin: self.builtin,
        }
    }
    pub fn jurisdiction_index(&self, id: &str) -> Option<usize> {
        self.jurisdictions.iter().position(|j| &*j.id == id)
    }
    pub fn jurisdiction(&self, id: &str) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| &*j.id == id)
    }
    pub fn settlement_index(&self, id: &str) -> Option<usize> {
        self.settlements.iter().position(|s| &*s.id == id)
    }
    pub fn programme_index(&self, id: &str) -> Option<usize> {
        self.programmes.iter().position(|p| &*p.id == id)
    }
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| &*d.id == id)
    }
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.id == id)
    }
    /// The document a rule cites.
    pub fn rule_document(&self, rule: &Rule) -> &Document {
        &self.documents[rule.doc]
    }
    /// Whether any jurisdiction offers a programme other than the default (the widget asks only then).
    pub fn offers_programmes(&self, jurisdiction: &Jurisdiction) -> bool {
        jurisdiction
            .programmes
            .members(self.programmes.len())
            .any(|p| p != self.default_programme)
    }
}

impl Rule {
    /// What its figures feed, by its kind and level.
    pub fn feeds(&self) -> kinds::Feeds {
        match self.level {
            Level::Required => self.kind.def().feeds,
            Level::Recommended => self.kind.def().recommended,
        }
    }
    pub fn in_scope(
        &self,
        settlement: usize,
        construction: Construction,
        programme: usize,
    ) -> bool {
        self.scope.settlements.has(settlement)
            && self.scope.constructions.has(construction.index())
            && self.scope.programmes.has(programme)
    }
}
