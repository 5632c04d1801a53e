//! The widget's own words, in both languages. Rule texts come from the engine, not from here.

use crate::text::Lang;
use crate::text::Text;

const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

pub const TITLE: Text = t(
    "社区综合服务设施面积测算与核查",
    "Community service facility calculator",
);
pub const SUBTITLE: Text = t(
    "按地方标准测算社区综合服务设施（党群服务中心）应建面积、办公面积上限、人员配备等，并核查规划设计。",
    "Size a community's comprehensive service facility (党群服务中心) by the local standards, and check a design against them.",
);
pub const SWITCH_LANG: Text = t("English", "中文");
pub const SWITCH_LANG_LABEL: Text = t("Switch to English", "切换到中文");
pub const LARGE_TEXT: Text = t("大字模式", "Large text");

pub const ERROR_SUMMARY_TITLE: Text = t("请修改以下问题", "There is a problem");

pub const SECTION_COMMUNITY: Text = t("地区与社区", "Jurisdiction and community");
pub const CHOOSE: Text = t("请选择", "Choose");
pub const DOCUMENTS_APPLIED: Text = t("适用文件：", "Documents applied: ");

pub const SECTION_SIZE: Text = t("社区规模", "Size of the community");
pub const LAND_ESTIMATE: Text = t("按用地估算户数", "Estimate from land");
pub const LAND_HINT: Text = t(
    "用地阶段尚不知户数时，可按用地面积、容积率和套均面积估算。这只是估算。",
    "At the land stage, before the households are known, estimate them from the site. This is only an estimate.",
);
pub const USE_ESTIMATE: Text = t("填入户数", "Use as households");
pub const ESTIMATE: Text = t("估算", "Estimate");
pub const USE_POPULATION: Text = t("填入常住人口", "Use as population");

pub const SECTION_DESIGN: Text = t("核查规划设计（可选）", "Check a design (optional)");
pub const DESIGN_HINT: Text = t(
    "填写规划总建筑面积后，计算器会逐条核查是否达标。",
    "Enter the planned total area and the calculator checks the design rule by rule.",
);

pub const RESULT: Text = t("测算结果", "Result");
pub const REQUIRED_AREA: Text = t("应建面积", "Required area");
pub const MAX_AREA: Text = t("总面积上限", "Most total area");
pub const RECOMMENDED_AREA: Text = t("建议值", "Recommended");
pub const RECOMMENDED_MARK: Text = t("（建议值）", " (recommended)");
pub const BELOW_RECOMMENDED_OUTCOME: Text = t("未达建议值", "Below the recommendation");
/// After the verdict, when a passing design is below the recommended total: "达标；未达建议值 800 m²".
pub const BELOW_RECOMMENDED: Text = t("未达建议值 # m²", "below the recommended # m²");
pub const AREA_CONFLICT: Text = t(
    "适用文件之间有冲突：总面积上限 # m² 低于应建面积 ## m²，任何设计都无法同时满足。请向主管部门确认适用哪一条。",
    "The documents applied conflict: the most total area, # m², is below the required area, ## m², so no design can meet both. Ask the bureau which applies.",
);
pub const NO_RESULT_YET: Text = t(
    "选择地区和社区类型并填写户数后，这里显示结果。",
    "Choose the jurisdiction and community type and enter the households to see the result.",
);
pub const STALE: Text = t(
    "（上次有效结果，请先修改输入中的问题）",
    "(last valid result: fix the inputs to update it)",
);
pub const PROBLEMS: Text = t("处输入需要修改", "input problem(s) to fix");
pub const OFFICE_CEILING: Text = t("办公面积上限", "Office ceiling");
pub const ACTIVITY_FLOOR: Text = t("居民活动区域下限", "Resident activity floor");
pub const STAFF: Text = t("社区工作人员", "Community staff");
pub const VOLUNTEERS: Text = t("注册志愿者", "Registered volunteers");
pub const SOCIAL_ORGS: Text = t("社区社会组织", "Social organisations");
pub const SCALE: Text = t("社区规模", "Community scale");
pub const RC: Text = t("社区居民委员会", "Residents' committee");
pub const FUNDING: Text = t("资金支持", "Funding");
pub const GOVERNED_BY: Text = t("依据：", "Governed by: ");
pub const PEOPLE: Text = t("人", "people");
pub const NEEDS_POPULATION: Text = t(
    "填写常住人口后计算",
    "Enter the population to work this out",
);
pub const NEEDS_OCCUPIED: Text = t(
    "填写已入住户数后判断",
    "Enter the households moved in to decide",
);
pub const RC_DUE: Text = t("应及时成立", "Due now");
pub const RC_NOT_YET: Text = t(
    "暂不成立（先成立居民小组或由相邻居委会代管）",
    "Not yet (a residents' group or a neighbouring committee meanwhile)",
);
pub const SCALE_BELOW: Text = t("低于规模下限", "below the range");
pub const SCALE_WITHIN: Text = t("在规模范围内", "within the range");
pub const SCALE_ABOVE: Text = t("超出规模上限", "above the range");
pub const SUGGESTED: Text = t("建议社区数", "suggested communities");
/// The unit after a number of households: the registry's suffix of the households field.
pub const HOUSEHOLDS_UNIT: Text = match crate::fields::Id::Households.field().suffix {
    Some(unit) => unit,
    None => t("", ""),
};
pub const YUAN: Text = t("元", "yuan");

pub const VERDICT_PASS: Text = t("达标", "Meets the standard");
pub const VERDICT_FAIL: Text = t("不达标", "Does not meet the standard");
pub const VERDICT_INCOMPLETE: Text = t("待补充", "Incomplete");
pub const VERDICT_INCOMPLETE_HINT: Text = t(
    "面积达标，但还有办公面积上限或活动区域下限未能核查：请填写对应面积。",
    "The areas pass, but an office ceiling or activity floor could not be checked: enter those areas.",
);
pub const CHECKS: Text = t("逐项核查", "Checks");
pub const CHECK: Text = t("检查项", "Check");
pub const PLANNED: Text = t("规划值", "Planned");
pub const LIMIT: Text = t("限值", "Limit");
pub const DIFFERENCE: Text = t("差额", "Difference");
pub const OUTCOME: Text = t("结果", "Outcome");
pub const PASS: Text = t("✓ 达标", "✓ Pass");
pub const FAIL: Text = t("✗ 不达标", "✗ Fail");
pub const NOT_CHECKED: Text = t("… 未核查", "… Not checked");

pub const CHART: Text = t("图示", "Chart");
pub const CHART_AREAS: Text = t(
    "规划总面积与各项最低面积",
    "Planned total against each minimum area",
);
/// The same chart before anything is planned: only the minimums are drawn.
pub const CHART_MINIMUMS: Text = t("各项最低面积", "Each minimum area");
pub const CHART_SPLIT: Text = t("规划面积构成", "How the planned area is split");
pub const OTHER: Text = t("其他", "Other");
pub const OFFICE_SHORT: Text = t("办公", "Office");
pub const ACTIVITY_SHORT: Text = t("居民活动", "Activity");
pub const PLANNED_TOTAL_SHORT: Text = t("规划总面积", "Planned total");

pub const RULES: Text = t("适用条款与依据", "Rules and sources");
pub const DRAFT: Text = t("征求意见稿", "draft for comment");
pub const GOVERNING: Text = t("起决定作用", "governs");
pub const NOT_APPLICABLE_RULES: Text = t("不适用的条款", "Rules that do not apply");
pub const SAME_QUOTE: Text = t("引文同上：", "Same passage as above: ");
pub const INTERPRETATION: Text = t("解读：", "Interpretation: ");
pub const STATUS_NOT_APPLICABLE: Text = t("不适用", "Does not apply");
pub const STATUS_NEEDS_INPUT: Text = t("需补充输入", "Needs input");
pub const STATUS_APPLIES: Text = t("适用", "Applies");
pub const STATUS_PASS: Text = t("✓ 达标", "✓ Pass");
pub const STATUS_FAIL: Text = t("✗ 不达标", "✗ Fail");
pub const STATUS_INFO: Text = t("参考", "For information");

pub const COPY_LINK: Text = t("复制链接", "Copy link");
pub const COPIED: Text = t(
    "链接已复制，可粘贴分享。",
    "Link copied: paste it to share this result.",
);
pub const COPY_FAILED: Text = t(
    "无法自动复制，请手动复制下面的链接：",
    "Could not copy automatically; copy this link:",
);
pub const PRINT: Text = t("打印", "Print");
pub const REPORT: Text = t("核查报告", "Check report");
/// The report's date, on the printed report and its signature line.
pub const REPORT_DATE: Text = crate::fields::Id::ReportDate.field().label;
pub const RULESET: Text = t("规则集版本", "Rule-set version");
pub const INPUTS: Text = t("输入", "Inputs");
/// Punctuation differs too: full-width in Chinese, ASCII (with a space) in English.
pub const COLON: Text = t("：", ": ");
pub const SEMICOLON: Text = t("；", "; ");
pub const LIST_SEPARATOR: Text = t("；", "; ");

/// `inner` in brackets: （…） in Chinese, " (…)" in English.
pub fn bracketed(lang: Lang, inner: &str) -> String {
    let (open, close) = lang.brackets();
    format!("{open}{inner}{close}")
}

pub const DEFAULT_MARK: Text = t("（默认）", " (default)");
pub const ASSUMED_EXISTING: Text = t("按现有社区计算", "Counted as an existing community");
pub const ALTERNATIVE_NEW: Text = t("新建或改造社区为", "a new or renovated one needs");
pub const ALTERNATIVE_SAME: Text = t(
    "新建或改造社区结果相同",
    "a new or renovated one needs the same",
);
pub const SETTLEMENT_NOT_OFFERED: Text = t(
    "所选地区的文件未提及这一社区类型，请从上面的类型中选择。",
    "This jurisdiction's documents do not speak of this community type: choose one of those listed.",
);
pub const ESTIMATED_MARK: Text = t("（估算）", " (estimate)");
pub const ESTIMATE_FEEDS: Text = t(
    "户数栏为空时，结果直接采用这一估算；填写户数后以填写为准。",
    "While the households field is empty the result uses this estimate; households you type take its place.",
);

pub const PLAN_TITLE: Text = t("达标方案", "A design that passes");
pub const PLAN_INTRO: Text = t(
    "同时满足全部适用条款的最小调整：",
    "The smallest change that meets every applicable rule at once:",
);
pub const PLAN_TOTAL: Text = t("总建筑面积", "Total area");
pub const PLAN_OFFICE: Text = crate::fields::Id::OfficeM2.field().short_label;
pub const PLAN_ACTIVITY: Text = crate::fields::Id::ActivityM2.field().short_label;
/// `#` stands for the area (m²).
pub const PLAN_ADD: Text = t("增加 # m²", "add # m²");
pub const PLAN_REMOVE: Text = t("减少 # m²", "take off # m²");
pub const PLAN_MOVE_OUT: Text = t("从办公面积移出 # m²", "move # m² out of offices");
pub const PLAN_KEEP: Text = t("不变", "unchanged");
pub const IGNORED_OFFICE: Text = t(
    "所选地区适用的文件未规定办公面积上限：填写的办公面积未参与核查。",
    "No document applied here sets an office ceiling: the office area you entered is not checked.",
);
pub const IGNORED_ACTIVITY: Text = t(
    "所选地区适用的文件未规定居民活动区域下限：填写的活动区域面积未参与核查。",
    "No document applied here sets a resident activity floor: the activity area you entered is not checked.",
);
pub const IGNORED_OCCUPIED: Text = t(
    "所选地区和建设情况下没有条款按入住率判断居委会成立：填写的已入住户数未被使用。",
    "No rule here decides on a residents' committee from occupancy: the households moved in are not used.",
);

pub const TECHNICAL: Text = t("技术细节", "Technical details");
pub const TECHNICAL_DOC: Text = t("文件编号", "Document id");
pub const TECHNICAL_RULES: Text = t("条款编号", "Rule ids");
pub const FULL_TITLE: Text = t("全称：", "Full title: ");

pub const SECTION_PROJECT: Text = t("报告信息（可选）", "Report details (optional)");
pub const PROJECT_HINT: Text = t(
    "填写后写入打印报告和链接，不影响计算。",
    "Printed on the report and kept in the link; they do not change the result.",
);
pub const NOT_PROVIDED: Text = t("未提供", "Not provided");
pub const NOT_CALCULATED: Text = t("未计算（缺少输入）", "Not worked out (input missing)");
pub const SIGN_HANDLER: Text = t("经办人（签字）", "Officer (signature)");
pub const SIGN_REVIEWER: Text = t("审核", "Reviewed by");
pub const SIGN_STAMP: Text = t("单位盖章", "Official stamp");
pub const SIGN_DATE: Text = REPORT_DATE;

pub const VIEW_CALCULATOR: Text = t("测算", "Calculator");
pub const VIEW_COMPARE: Text = t("对比", "Compare");
pub const VIEWS: Text = t("视图", "Views");
pub const COMPARE_TITLE: Text = t("各地区对比", "Jurisdictions side by side");
pub const COMPARE_INTRO: Text = t(
    "同一社区（社区类型、建设情况、户数和规划面积同上）在各地区标准下的结果。",
    "The same community (type, construction, households and planned areas as entered) under each jurisdiction's standards.",
);
pub const COMPARE_PICK: Text = t("对比哪些地区", "Jurisdictions to compare");
pub const COMPARE_NEEDS: Text = t(
    "请先在“测算”中选择社区类型并填写户数。",
    "First choose the community type and enter the households under Calculator.",
);
pub const GOVERNING_DOCUMENT: Text = t("起决定作用的文件", "Governing document");
pub const VERDICT: Text = t("核查结论", "Verdict");
pub const NO_FIGURE: Text = t("无规定", "None set");
pub const NOT_CHECKED_SHORT: Text = t("未核查", "Not checked");
pub const COMPARE_CHART: Text = t(
    "应建面积随户数变化（0–5,000 户）",
    "Required area against households (0–5,000)",
);
pub const COMPARE_TABLE: Text = t("应建面积（m²）按户数", "Required area (m²) by households");
pub const BREAKPOINT: Text = t("及以下按固定最低面积", " or fewer: the fixed minimum");
pub const RATE_ONLY: Text = t(
    "无固定最低面积，从第 1 户起按每百户标准",
    "no fixed minimum: the per-100-household rate from the first household",
);
pub const FIXED_THROUGHOUT: Text = t(
    "5,000 户以内均按固定最低面积",
    "the fixed minimum governs up to 5,000 households",
);
pub const BREAKPOINT_ABOVE: Text = t(
    "；以上按每百户标准",
    "; above that the per-100-household rate",
);

pub const ERROR_PREFIX: Text = t("错误：", "Error: ");

// Shared with the batch page (its catalogue), so both say it in the same words.
pub use crate::standards::{
    LOAD_LOCAL, LOAD_LOCAL_HINT, LOCAL_STANDARD, OPEN_EDITOR, PACK_NEEDED, PACK_REJECTED, STANDARD,
    USE_BUILTIN,
};
