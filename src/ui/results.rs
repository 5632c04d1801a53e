//! The result: the headline figures, the verdict and checks, the chart, and every rule with its source.

use super::chart::Chart;
use super::fields::field_label;
use super::packs::SharedRuleset;
use super::text as tx;
use crate::engine::{Evaluation, Formation, RuleResult, ScaleStatus, Status, Verdict};
use crate::form::Key;
use crate::number::{format_number as num, format_percent};
use crate::plan::Ignored;
use crate::rules::kinds::Check;
use crate::rules::{RuleKind, Ruleset};
use crate::standards::standards_name;
use crate::text::Lang;
use crate::text::Text;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub result: Option<Rc<Evaluation>>,
    pub lang: Lang,
    pub stale: bool,
    pub problems: usize,
    /// The assumption a default made, in words ("按现有社区计算；新建或改造社区为 500 m²").
    #[prop_or_default]
    pub assumption: Option<AttrValue>,
    /// The households come from the land estimate, not from the households field.
    #[prop_or_default]
    pub estimated: bool,
}

/// The headline figures (required area, office ceiling, activity floor, staff, verdict): what a planner
/// needs while typing. It stays in view (a side panel on a wide screen, a bar on a phone) and is the
/// widget's `role="status"` region, so a screen reader hears each new answer once.
#[function_component]
pub fn Summary(props: &SummaryProps) -> Html {
    let lang = props.lang;
    let problems = (props.problems > 0).then(|| match lang {
        Lang::Zh => format!("有 {} {}", props.problems, lang.pick(tx::PROBLEMS)),
        Lang::En => format!("{} {}", props.problems, lang.pick(tx::PROBLEMS)),
    });
    let headline = |label: Text, key: &'static str, value: String| {
        html! {
            <div class="fc-headline" data-headline={key}>
                <dt class="fc-headline-label">{ lang.pick(label) }</dt>
                <dd class="fc-headline-value" data-figure={key}>{ value }</dd>
            </div>
        }
    };
    html! {
        <div class={classes!("fc-summary", props.stale.then_some("fc-summary--stale"))} role="status" aria-live="polite" aria-atomic="true">
            <h3 class="fc-summary-title">{ lang.pick(tx::RESULT) }
                if let Some(r) = &props.result {
                    <span class="fc-summary-context">{ context(r, lang, props.estimated) }</span>
                }
            </h3>
            { match &props.result {
                Some(r) => html! {
                    <>
                        <dl class="fc-headlines">
                            if let Some(area) = r.required_area_m2 {
                                { headline(tx::REQUIRED_AREA, "required_area_m2", format!("{} m²", num(area))) }
                            }
                            if let Some(area) = r.max_area_m2 {
                                { headline(tx::MAX_AREA, "max_area_m2", format!("≤ {} m²", num(area))) }
                            }
                            if let Some(area) = r.recommended_area_m2 {
                                { headline(tx::RECOMMENDED_AREA, "recommended_area_m2", format!("{} m²", num(area))) }
                            }
                            if let Some(text) = share_text(r.office_max_share, r.office_max_m2, "≤") {
                                { headline(tx::OFFICE_CEILING, "office_max_m2", text) }
                            }
                            if let Some(text) = share_text(r.activity_min_share, r.activity_min_m2, "≥") {
                                { headline(tx::ACTIVITY_FLOOR, "activity_min_m2", text) }
                            }
                            if let Some(staff) = staff_text(r, lang) {
                                { headline(tx::STAFF, "staff", staff) }
                            }
                        </dl>
                        if let Some(verdict) = r.verdict {
                            <p class={classes!("fc-verdict", verdict_class(verdict))} data-verdict={verdict_id(verdict)}>
                                { verdict_mark(verdict) }{ " " }{ lang.pick(verdict_text(verdict)) }
                                if let Some(note) = below_recommended(r, lang) {
                                    <span class="fc-verdict-note" data-note="below_recommended">{ lang.pick(tx::SEMICOLON) }{ note }</span>
                                }
                            </p>
                            if verdict == Verdict::Incomplete {
                                <p class="fc-hint fc-summary-more">{ lang.pick(tx::VERDICT_INCOMPLETE_HINT) }</p>
                            }
                        }
                        if let Some(assumption) = &props.assumption {
                            <p class="fc-assumption">{ assumption }</p>
                        }
                        if props.stale {
                            <p class="fc-stale-note">{ lang.pick(tx::STALE) }</p>
                        }
                    </>
                },
                None => html! { <p class="fc-hint">{ lang.pick(tx::NO_RESULT_YET) }</p> },
            } }
            if let Some(problems) = problems {
                <p class="fc-problems">{ problems }</p>
            }
        </div>
    }
}

/// "未达建议值 800 m²", for a design that meets the requirements but not the recommended total.
fn below_recommended(r: &Evaluation, lang: Lang) -> Option<String> {
    let (recommended, total) = r.recommended_area_m2.zip(r.planned.total_m2)?;
    (r.verdict == Some(Verdict::Pass) && total + crate::input::TOLERANCE_M2 < recommended)
        .then(|| fill(lang.pick(tx::BELOW_RECOMMENDED), &[num(recommended)]))
}

/// A text with `#`, `##`… filled in order by `values` (the program's words keep their numbers' places).
fn fill(text: &str, values: &[String]) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut values = values.iter();
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        rest = rest[at..].trim_start_matches('#');
        out.push_str(values.next().map_or("", String::as_str));
    }
    out.push_str(rest);
    out
}

/// Which community the answer is for: jurisdiction · type · households (marked when estimated).
fn context(r: &Evaluation, lang: Lang, estimated: bool) -> String {
    let place = lang.text(&r.names.jurisdiction);
    format!(
        "{place} · {} · {} {}{}",
        lang.text(&r.names.settlement),
        num(f64::from(r.households)),
        lang.pick(tx::HOUSEHOLDS_UNIT),
        if estimated {
            lang.pick(tx::ESTIMATED_MARK)
        } else {
            ""
        }
    )
}

/// A ceiling or floor as a share and the area it comes to: "≤ 15% · 63 m²".
pub fn share_text(share: Option<f64>, m2: Option<f64>, sign: &str) -> Option<String> {
    Some(format!(
        "{sign} {} · {} m²",
        format_percent(share?),
        num(m2?)
    ))
}

/// Staff as a headline: a range, or a minimum.
pub fn staff_text(r: &Evaluation, lang: Lang) -> Option<String> {
    let people = lang.pick(tx::PEOPLE);
    match (r.staff_min, r.staff_max) {
        (Some(min), Some(max)) => Some(format!("{}–{} {people}", num(min as f64), num(max as f64))),
        (Some(min), None) => Some(format!("≥ {} {people}", num(min as f64))),
        _ => None,
    }
}

pub fn verdict_text(v: Verdict) -> Text {
    match v {
        Verdict::Pass => tx::VERDICT_PASS,
        Verdict::Fail => tx::VERDICT_FAIL,
        Verdict::Incomplete => tx::VERDICT_INCOMPLETE,
    }
}
fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "fc-verdict--pass",
        Verdict::Fail => "fc-verdict--fail",
        Verdict::Incomplete => "fc-verdict--incomplete",
    }
}
fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::Incomplete => "incomplete",
    }
}
fn verdict_mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "✓",
        Verdict::Fail => "✗",
        Verdict::Incomplete => "…",
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub result: Rc<Evaluation>,
    pub ruleset: SharedRuleset,
    pub lang: Lang,
    pub compact: bool,
    /// The inputs have a problem: this is the last good result, shown marked.
    pub stale: bool,
}

#[function_component]
pub fn Results(props: &ResultsProps) -> Html {
    let r = &props.result;
    let lang = props.lang;
    html! {
        <div class={classes!("fc-result-body", props.stale.then_some("fc-result-body--stale"))}>
            if props.stale {
                <p class="fc-stale-note">{ lang.pick(tx::STALE) }</p>
            }
            { figures(r, lang) }
            if !props.compact {
                { checks(r, lang) }
                <Chart result={props.result.clone()} lang={lang} />
                { rules(r, &props.ruleset.0, lang) }
            }
        </div>
    }
}

/// How a bureau cites a rule: the document's short title and the section, e.g.
/// 《内蒙古“十三五”城乡社区规划》第三章第三节 (English: the short name, then the section in Chinese).
pub fn cite(rule: &RuleResult, lang: Lang) -> String {
    let short = match lang {
        Lang::Zh => &rule.doc_title_zh,
        Lang::En => &rule.doc_title_en,
    };
    match lang {
        Lang::Zh => format!("{short}{}", rule.section),
        Lang::En => format!("{short}, {}", rule.section),
    }
}

/// A citation with the full title and the quote one tap away.
pub fn citation(rule: &RuleResult, lang: Lang) -> Html {
    let full = rule.doc_full_title.clone();
    html! {
        <details class="fc-cite">
            <summary class="fc-cite-summary">{ title(rule, lang) }{ lang.pick(tx::COLON) }{ with_chinese_tagged(&cite(rule, lang), lang) }</summary>
            <div class="fc-cite-body">
                <p>{ lang.pick(tx::FULL_TITLE) }<span lang="zh-CN">{ full }</span>
                    if rule.draft { <span class="fc-tag fc-tag--draft">{ lang.pick(tx::DRAFT) }</span> }</p>
                <blockquote class="fc-quote" lang="zh-CN"><p>{ format!("“{}”", rule.quote) }</p></blockquote>
            </div>
        </details>
    }
}

/// The rules that govern a figure, each cited by document name with its quote one tap away.
fn governing(r: &Evaluation, lang: Lang, kinds: &[RuleKind]) -> Option<Html> {
    let cited: Vec<Html> = r
        .rules
        .iter()
        .filter(|rule| rule.governing && kinds.contains(&rule.kind))
        .map(|rule| citation(rule, lang))
        .collect();
    (!cited.is_empty()).then(|| cited.into_iter().collect())
}

fn title(rule: &RuleResult, lang: Lang) -> String {
    match lang {
        Lang::Zh => rule.title_zh.to_string(),
        Lang::En => rule.title_en.to_string(),
    }
}

fn figure_card(
    name: &str,
    key: &'static str,
    value: String,
    detail: Option<String>,
    basis: Option<Html>,
    lang: Lang,
) -> Html {
    // A figure that waits for an input is a question on screen; on paper the report lists what was not
    // provided instead (see `report_header`).
    let missing = value == "—";
    html! {
        <div class={classes!("fc-figure", missing.then_some("fc-figure--missing"))} data-figure={key}>
            <h4 class="fc-figure-name">{ name.to_string() }</h4>
            <p class="fc-figure-value">{ value }</p>
            if let Some(detail) = detail { <p class="fc-figure-detail">{ detail }</p> }
            if let Some(basis) = basis {
                <div class="fc-figure-basis">{ lang.pick(tx::GOVERNED_BY) }{ basis }</div>
            }
        </div>
    }
}

fn needs(r: &Evaluation, kinds: &[RuleKind]) -> bool {
    r.rules
        .iter()
        .any(|rule| kinds.contains(&rule.kind) && rule.status == Status::NeedsInput)
}

fn figures(r: &Evaluation, lang: Lang) -> Html {
    let mut cards = Vec::new();
    if let Some(area) = r.required_area_m2 {
        cards.push(figure_card(
            lang.pick(tx::REQUIRED_AREA),
            "required_area_m2",
            format!("{} m²", num(area)),
            None,
            governing(r, lang, &[RuleKind::MinimumArea]),
            lang,
        ));
    }
    if let Some(area) = r.max_area_m2 {
        cards.push(figure_card(
            lang.pick(tx::MAX_AREA),
            "max_area_m2",
            format!("≤ {} m²", num(area)),
            None,
            governing(r, lang, &[RuleKind::MaximumArea]),
            lang,
        ));
    }
    if let Some(area) = r.recommended_area_m2 {
        let recommended: Vec<Html> = r
            .rules
            .iter()
            .filter(|rule| rule.governing && rule.level == crate::rules::Level::Recommended)
            .map(|rule| citation(rule, lang))
            .collect();
        cards.push(figure_card(
            lang.pick(tx::RECOMMENDED_AREA),
            "recommended_area_m2",
            format!("{} m²", num(area)),
            None,
            (!recommended.is_empty()).then(|| recommended.into_iter().collect()),
            lang,
        ));
    }
    if let Some(text) = share_text(r.office_max_share, r.office_max_m2, "≤") {
        cards.push(figure_card(
            lang.pick(tx::OFFICE_CEILING),
            "office_max_m2",
            text,
            None,
            governing(r, lang, &[RuleKind::OfficeCeiling]),
            lang,
        ));
    }
    if let Some(text) = share_text(r.activity_min_share, r.activity_min_m2, "≥") {
        cards.push(figure_card(
            lang.pick(tx::ACTIVITY_FLOOR),
            "activity_min_m2",
            text,
            None,
            governing(r, lang, &[RuleKind::ActivityFloor]),
            lang,
        ));
    }
    let people = lang.pick(tx::PEOPLE);
    let staff_kinds = [RuleKind::MinimumStaff, RuleKind::StaffRange];
    match staff_text(r, lang) {
        Some(staff) => cards.push(figure_card(
            lang.pick(tx::STAFF),
            "staff",
            staff,
            None,
            governing(r, lang, &staff_kinds),
            lang,
        )),
        None if needs(r, &staff_kinds) => cards.push(figure_card(
            lang.pick(tx::STAFF),
            "staff",
            "—".into(),
            Some(lang.pick(tx::NEEDS_POPULATION).into()),
            None,
            lang,
        )),
        None => {}
    }
    match r.volunteers_min {
        Some(n) => cards.push(figure_card(
            lang.pick(tx::VOLUNTEERS),
            "volunteers_min",
            format!("≥ {} {people}", num(n as f64)),
            None,
            governing(r, lang, &[RuleKind::MinimumVolunteers]),
            lang,
        )),
        None if needs(r, &[RuleKind::MinimumVolunteers]) => cards.push(figure_card(
            lang.pick(tx::VOLUNTEERS),
            "volunteers_min",
            "—".into(),
            Some(lang.pick(tx::NEEDS_POPULATION).into()),
            None,
            lang,
        )),
        None => {}
    }
    if let Some(n) = r.social_orgs_min {
        cards.push(figure_card(
            lang.pick(tx::SOCIAL_ORGS),
            "social_orgs_min",
            format!("≥ {n}"),
            None,
            governing(r, lang, &[RuleKind::SocialOrganisations]),
            lang,
        ));
    }
    if let Some(s) = r.scale {
        let status = lang.pick(match s.status {
            ScaleStatus::Below => tx::SCALE_BELOW,
            ScaleStatus::Within => tx::SCALE_WITHIN,
            ScaleStatus::Above => tx::SCALE_ABOVE,
        });
        cards.push(figure_card(
            lang.pick(tx::SCALE),
            "scale",
            format!(
                "{}–{} {}",
                num(f64::from(s.min_households)),
                num(f64::from(s.max_households)),
                lang.pick(tx::HOUSEHOLDS_UNIT)
            ),
            Some(format!(
                "{status}{}{} {}",
                lang.pick(tx::LIST_SEPARATOR),
                lang.pick(tx::SUGGESTED),
                s.suggested_communities
            )),
            governing(r, lang, &[RuleKind::CommunityScale]),
            lang,
        ));
    }
    match r.rc_formation {
        Some(f) => cards.push(figure_card(
            lang.pick(tx::RC),
            "rc_formation",
            lang.pick(if f == Formation::Due {
                tx::RC_DUE
            } else {
                tx::RC_NOT_YET
            })
            .into(),
            None,
            governing(r, lang, &[RuleKind::CommitteeFormation]),
            lang,
        )),
        None if needs(r, &[RuleKind::CommitteeFormation]) => cards.push(figure_card(
            lang.pick(tx::RC),
            "rc_formation",
            "—".into(),
            Some(lang.pick(tx::NEEDS_OCCUPIED).into()),
            None,
            lang,
        )),
        None => {}
    }
    if let Some(yuan) = r.funding_cny {
        cards.push(figure_card(
            lang.pick(tx::FUNDING),
            "funding_cny",
            format!("{} {}", num(yuan as f64), lang.pick(tx::YUAN)),
            None,
            governing(r, lang, &[RuleKind::Funding]),
            lang,
        ));
    }
    html! { <div class="fc-figures">{ for cards }</div> }
}

/// What a planner must do about one checked rule, in m². `raised_from`: the planned total when the fix
/// plan raises it, so a share's margin (a share of today's total) is said to be at today's total and is
/// not read as the plan's figure.
fn margin_text(rule: &RuleResult, raised_from: Option<f64>, lang: Lang) -> String {
    let Some(margin) = rule.margin_m2 else {
        return "—".into();
    };
    let amount = num(margin.abs());
    if rule.status == Status::Pass {
        return match lang {
            Lang::Zh => format!("富余 {amount} m²"),
            Lang::En => format!("{amount} m² to spare"),
        };
    }
    let share = matches!(rule.kind, RuleKind::OfficeCeiling | RuleKind::ActivityFloor);
    let at_today = match raised_from.filter(|_| share) {
        Some(total) => match lang {
            Lang::Zh => format!("按现有 {} m² 计", num(total)),
            Lang::En => format!("At today's {} m², ", num(total)),
        },
        None => String::new(),
    };
    let advice = match (rule.kind, lang) {
        (RuleKind::MaximumArea, Lang::Zh) => format!("超出上限 {amount} m²"),
        (RuleKind::MaximumArea, Lang::En) => format!("{amount} m² over the ceiling"),
        (RuleKind::OfficeCeiling, Lang::Zh) => format!("需从办公面积移出 {amount} m²"),
        (RuleKind::OfficeCeiling, Lang::En) => format!("Move {amount} m² out of offices"),
        (RuleKind::ActivityFloor, Lang::Zh) => format!("居民活动区域还需增加 {amount} m²"),
        (RuleKind::ActivityFloor, Lang::En) => format!("Add {amount} m² of resident activity area"),
        (_, Lang::Zh) => format!("还需增加 {amount} m²"),
        (_, Lang::En) => format!("Add {amount} m²"),
    };
    match lang {
        Lang::En if !at_today.is_empty() => {
            format!("{at_today}{}", crate::text::lowercase_first(&advice))
        }
        _ => format!("{at_today}{advice}"),
    }
}

/// One "m² (add x)" cell of the plan: the passing figure and what changes from the planned one.
fn plan_line(
    label: Text,
    figure: String,
    change: Option<(Text, f64)>,
    key: &'static str,
    lang: Lang,
) -> Html {
    let change = match change {
        Some((words, m2)) if m2 > crate::input::TOLERANCE_M2 => fill(lang.pick(words), &[num(m2)]),
        _ => lang.pick(tx::PLAN_KEEP).to_string(),
    };
    let change = tx::bracketed(lang, &change);
    html! {
        <li data-plan={key}><span class="fc-plan-label">{ lang.pick(label) }</span>{ " " }
            <strong class="fc-plan-figure">{ figure }</strong>{ change }</li>
    }
}

/// The smallest design that passes every applicable rule at once, and the inputs no rule uses.
fn fix_plan_view(r: &Evaluation, plan: Option<crate::plan::FixPlan>, lang: Lang) -> Html {
    let ignored = crate::plan::ignored_inputs(r);
    html! {
        <>
            if r.area_conflict {
                <p class="fc-conflict" data-note="area_conflict" role="note">{ fill(lang.pick(tx::AREA_CONFLICT), &[
                    num(r.max_area_m2.unwrap_or(0.0)), num(r.required_area_m2.unwrap_or(0.0))]) }</p>
            }
            if let Some(p) = plan {
                <div class="fc-plan" data-plan="design">
                    <h4 class="fc-plan-title">{ lang.pick(tx::PLAN_TITLE) }</h4>
                    <p>{ lang.pick(tx::PLAN_INTRO) }</p>
                    <ul class="fc-plan-list">
                        if p.remove_total_m2 > crate::input::TOLERANCE_M2 {
                            { plan_line(tx::PLAN_TOTAL, format!("≤ {} m²", num(p.total_m2)), Some((tx::PLAN_REMOVE, p.remove_total_m2)), "total", lang) }
                        } else {
                            { plan_line(tx::PLAN_TOTAL, format!("≥ {} m²", num(p.total_m2)), Some((tx::PLAN_ADD, p.add_total_m2)), "total", lang) }
                        }
                        if let Some(max) = p.office_max_m2 {
                            { plan_line(tx::PLAN_OFFICE, format!("≤ {} m²", num(p.office_m2.map_or(max, |o| o.min(max)))),
                                p.office_m2.map(|_| (tx::PLAN_MOVE_OUT, p.move_out_of_office_m2)), "office", lang) }
                        } else if let Some(office) = p.office_m2.filter(|_| p.move_out_of_office_m2 > crate::input::TOLERANCE_M2) {
                            { plan_line(tx::PLAN_OFFICE, format!("≤ {} m²", num(office)), Some((tx::PLAN_MOVE_OUT, p.move_out_of_office_m2)), "office", lang) }
                        }
                        if let Some(min) = p.activity_min_m2 {
                            { plan_line(tx::PLAN_ACTIVITY, format!("≥ {} m²", num(p.activity_m2.unwrap_or(min).max(min))),
                                p.activity_m2.map(|_| (tx::PLAN_ADD, p.add_activity_m2)), "activity", lang) }
                        }
                    </ul>
                </div>
            }
            { for ignored.into_iter().map(|i| html! {
                <p class="fc-ignored" data-ignored={match i {
                    Ignored::OfficeArea => "office_m2",
                    Ignored::ActivityArea => "activity_m2",
                    Ignored::OccupiedHouseholds => "occupied_households",
                }}>{ lang.pick(match i {
                    Ignored::OfficeArea => tx::IGNORED_OFFICE,
                    Ignored::ActivityArea => tx::IGNORED_ACTIVITY,
                    Ignored::OccupiedHouseholds => tx::IGNORED_OCCUPIED,
                }) }</p>
            }) }
        </>
    }
}

fn checks(r: &Evaluation, lang: Lang) -> Html {
    if r.verdict.is_none() {
        return html! {};
    }
    let rows = r.rules.iter().filter(|rule| {
        rule.kind.def().check != Check::None
            && (matches!(rule.status, Status::Pass | Status::Fail | Status::Applies)
                // A recommendation missed (never a failure).
                || rule.status == Status::Info && rule.margin_m2.is_some())
    });
    let plan = crate::plan::fix_plan(r, r.planned);
    let raised_from = plan.zip(r.planned.total_m2).and_then(|(plan, planned)| {
        (plan.add_total_m2 > crate::input::TOLERANCE_M2).then_some(planned)
    });
    html! {
        <section class="fc-checks">
            <h3>{ lang.pick(tx::CHECKS) }</h3>
            { fix_plan_view(r, plan, lang) }
            // Scrolls sideways by itself on a narrow screen (never the page); focusable so a keyboard can scroll it.
            <div class="fc-table-wrap" tabindex="0" role="region" aria-label={lang.pick(tx::CHECKS)}>
            <table class="fc-table">
                <thead><tr>
                    <th scope="col">{ lang.pick(tx::CHECK) }</th>
                    <th scope="col" class="fc-num">{ lang.pick(tx::PLANNED) }</th>
                    <th scope="col" class="fc-num">{ lang.pick(tx::LIMIT) }</th>
                    <th scope="col">{ lang.pick(tx::DIFFERENCE) }</th>
                    <th scope="col">{ lang.pick(tx::OUTCOME) }</th>
                </tr></thead>
                <tbody>
                { for rows.map(|rule| {
                    let at_most = matches!(rule.kind.def().check, Check::OfficeAtMost | Check::TotalAtMost);
                    let sign = if at_most { "≤" } else { "≥" };
                    let (outcome, class) = match rule.status {
                        Status::Pass => (tx::PASS, "fc-pass"),
                        Status::Fail => (tx::FAIL, "fc-fail"),
                        Status::Info => (tx::BELOW_RECOMMENDED_OUTCOME, "fc-unchecked"),
                        _ => (tx::NOT_CHECKED, "fc-unchecked"),
                    };
                    html! {
                        <tr class={class} data-rule={rule.id.clone()}>
                            <th scope="row">{ title(rule, lang) }
                                if rule.level == crate::rules::Level::Recommended {
                                    <span class="fc-tag">{ lang.pick(tx::RECOMMENDED_AREA) }</span>
                                }
                                <span class="fc-check-source">{ with_chinese_tagged(&cite(rule, lang), lang) }</span></th>
                            <td class="fc-num" data-label={lang.pick(tx::PLANNED)}>{ rule.actual.map(|a| format!("{} m²", num(a))).unwrap_or_else(|| "—".into()) }</td>
                            <td class="fc-num" data-label={lang.pick(tx::LIMIT)}>{ rule.limit_m2.map(|l| format!("{sign} {} m²", num(l))).unwrap_or_else(|| "—".into()) }</td>
                            <td data-label={lang.pick(tx::DIFFERENCE)}>{ margin_text(rule, raised_from, lang) }</td>
                            <td class="fc-outcome" data-label={lang.pick(tx::OUTCOME)}>{ lang.pick(outcome) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// One rule. `same_quote_as_above`: the previous rule listed cites the same passage, so it is not repeated.
/// Text in the widget's language, with any Chinese run inside English text marked `lang="zh-CN"` so a
/// screen reader reads it in Chinese (English notes cite terms such as 城乡社区).
fn with_chinese_tagged(text: &str, lang: Lang) -> Html {
    if lang == Lang::Zh {
        return html! { { text } };
    }
    let is_chinese = |c: char| matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}');
    let run = |run: &str, chinese: bool| {
        if chinese {
            html! { <span lang="zh-CN">{ run }</span> }
        } else {
            html! { { run } }
        }
    };
    let mut parts: Vec<Html> = Vec::new();
    let mut start = 0;
    let mut in_chinese = text.chars().next().is_some_and(is_chinese);
    for (at, c) in text.char_indices() {
        if is_chinese(c) != in_chinese {
            parts.push(run(&text[start..at], in_chinese));
            start = at;
            in_chinese = !in_chinese;
        }
    }
    parts.push(run(&text[start..], in_chinese));
    parts.into_iter().collect()
}

/// How a rule status is shown: its words, its CSS class, and its id (as in the JSON result).
fn status_view(status: Status) -> (Text, &'static str, &'static str) {
    match status {
        Status::NotApplicable => (
            tx::STATUS_NOT_APPLICABLE,
            "fc-status--not-applicable",
            "not_applicable",
        ),
        Status::NeedsInput => (
            tx::STATUS_NEEDS_INPUT,
            "fc-status--needs-input",
            "needs_input",
        ),
        Status::Applies => (tx::STATUS_APPLIES, "fc-status--applies", "applies"),
        Status::Pass => (tx::STATUS_PASS, "fc-status--pass", "pass"),
        Status::Fail => (tx::STATUS_FAIL, "fc-status--fail", "fail"),
        Status::Info => (tx::STATUS_INFO, "fc-status--info", "info"),
    }
}

fn rule_item(rule: &RuleResult, lang: Lang, same_quote_as_above: bool) -> Html {
    let (formula, reason, note) = match lang {
        Lang::Zh => (
            rule.formula_zh.clone(),
            rule.reason_zh.clone(),
            rule.note_zh.clone(),
        ),
        Lang::En => (
            rule.formula_en.clone(),
            rule.reason_en.clone(),
            rule.note_en.clone(),
        ),
    };
    let (status_text, status_class, status_id) = status_view(rule.status);
    html! {
        <li class={classes!("fc-rule", status_class)} data-rule={rule.id.clone()} data-status={status_id}>
            <h5 class="fc-rule-title">
                { title(rule, lang) }
                // One tag per rule: a checked rule says pass or fail; otherwise a governing rule says so.
                if rule.governing && !matches!(rule.status, Status::Pass | Status::Fail) {
                    <span class="fc-tag fc-tag--governing">{ lang.pick(tx::GOVERNING) }</span>
                } else {
                    <span class={classes!("fc-tag", status_class)}>{ lang.pick(status_text) }</span>
                }
            </h5>
            if let Some(formula) = formula { <p class="fc-formula">{ formula }</p> }
            if let Some(reason) = reason { <p class="fc-reason">{ reason }</p> }
            if same_quote_as_above {
                <p class="fc-quote-same">{ lang.pick(tx::SAME_QUOTE) }{ with_chinese_tagged(&cite(rule, lang), lang) }</p>
            } else {
                <blockquote class="fc-quote" lang="zh-CN">
                    <p>{ format!("“{}”", rule.quote) }</p>
                    <footer>{ format!("—— {}", cite(rule, Lang::Zh)) }
                        if rule.draft { <span class="fc-tag fc-tag--draft" lang={lang.tag()}>{ lang.pick(tx::DRAFT) }</span> }
                    </footer>
                </blockquote>
            }
            if let Some(note) = note { <p class="fc-note">{ lang.pick(tx::INTERPRETATION) }{ with_chinese_tagged(&note, lang) }</p> }
        </li>
    }
}

fn rule_items(rules: &[&RuleResult], lang: Lang) -> Html {
    rules
        .iter()
        .enumerate()
        .map(|(i, rule)| rule_item(rule, lang, i > 0 && rules[i - 1].quote == rule.quote))
        .collect()
}

fn rules(r: &Evaluation, set: &Ruleset, lang: Lang) -> Html {
    let groups = r.documents.iter().filter_map(|id| set.document(id)).map(|doc| {
        let (applicable, out): (Vec<&RuleResult>, Vec<&RuleResult>) =
            r.rules.iter().filter(|rule| rule.doc == doc.id).partition(|rule| rule.status != Status::NotApplicable);
        html! {
            <section class="fc-document" key={doc.id.to_string()}>
                <h4 class="fc-document-title">
                    <span lang="zh-CN">{ doc.title.clone() }</span>
                    if doc.draft() { <span class="fc-tag fc-tag--draft">{ lang.pick(tx::DRAFT) }</span> }
                </h4>
                <p class="fc-document-meta">{ format!("{} · {}", lang.text(&doc.issuer), doc.date) }</p>
                <ul class="fc-rule-list">{ rule_items(&applicable, lang) }</ul>
                <details class="fc-details fc-technical fc-no-print">
                    <summary class="fc-details-summary">{ lang.pick(tx::TECHNICAL) }</summary>
                    <p>{ lang.pick(tx::TECHNICAL_DOC) }{ lang.pick(tx::COLON) }<code>{ doc.id.clone() }</code></p>
                    <p>{ lang.pick(tx::TECHNICAL_RULES) }{ lang.pick(tx::COLON) }
                        { for r.rules.iter().filter(|rule| rule.doc == doc.id).map(|rule| html! { <><code>{ rule.id.clone() }</code>{ " " }</> }) }</p>
                </details>
                if !out.is_empty() {
                    <details class="fc-details fc-out-of-scope">
                        <summary class="fc-details-summary">{ format!("{}{}", lang.pick(tx::NOT_APPLICABLE_RULES), tx::bracketed(lang, &out.len().to_string())) }</summary>
                        <ul class="fc-rule-list">{ rule_items(&out, lang) }</ul>
                    </details>
                }
            </section>
        }
    });
    html! {
        <section class="fc-rules">
            <h3>{ lang.pick(tx::RULES) }</h3>
            { for groups }
        </section>
    }
}

/// Shown only on paper: the project, what was entered, when, under which rule set. `project` holds the
/// report fields the user filled in (label, text); `estimated`: the households come from the land estimate.
pub fn report_header(
    r: &Evaluation,
    set: &Ruleset,
    lang: Lang,
    project: &[(Text, String)],
    date: Option<&str>,
    estimated: bool,
) -> Html {
    let today = date.map(str::to_string).unwrap_or_else(|| {
        let d = js_sys::Date::new_0();
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    });
    let mut rows: Vec<(String, String)> = project
        .iter()
        .map(|(label, value)| (lang.pick(*label).to_string(), value.clone()))
        .collect();
    rows.extend([
        (
            lang.pick(Key::Jurisdiction.field().label).into(),
            lang.text(&r.names.jurisdiction).to_string(),
        ),
        (
            lang.pick(Key::Settlement.field().label).into(),
            lang.text(&r.names.settlement).to_string(),
        ),
        (
            lang.pick(Key::Construction.field().label).into(),
            lang.pick(r.construction.words().0).to_string(),
        ),
        (
            lang.pick(Key::Households.field().label).into(),
            format!(
                "{}{}",
                num(f64::from(r.households)),
                if estimated {
                    lang.pick(tx::ESTIMATED_MARK)
                } else {
                    ""
                }
            ),
        ),
    ]);
    if r.programme != set.programmes[set.default_programme].id {
        rows.push((
            lang.pick(Key::Programme.field().label).into(),
            lang.text(&r.names.programme).to_string(),
        ));
    }
    let needs_population = needs(r, &[RuleKind::MinimumVolunteers, RuleKind::MinimumStaff]);
    let needs_occupied = needs(r, &[RuleKind::CommitteeFormation]);
    // An input a rule waits for is named as not provided, so the report never shows a half-finished figure.
    let not_provided = || {
        format!(
            "{}{}",
            lang.pick(tx::NOT_PROVIDED),
            tx::bracketed(lang, lang.pick(tx::NOT_CALCULATED))
        )
    };
    let optional: [(String, Option<String>); 5] = [
        (
            lang.pick(Key::Population.field().label).into(),
            r.population
                .map(|p| num(f64::from(p)))
                .or_else(|| needs_population.then(not_provided)),
        ),
        (
            lang.pick(Key::OccupiedHouseholds.field().label).into(),
            r.occupied_households
                .map(|p| num(f64::from(p)))
                .or_else(|| needs_occupied.then(not_provided)),
        ),
        (
            field_label(Key::TotalM2.field(), lang),
            r.planned.total_m2.map(num),
        ),
        (
            field_label(Key::OfficeM2.field(), lang),
            r.planned.office_m2.map(num),
        ),
        (
            field_label(Key::ActivityM2.field(), lang),
            r.planned.activity_m2.map(num),
        ),
    ];
    rows.extend(
        optional
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| (label, v))),
    );
    html! {
        <div class="fc-print-only fc-report-header">
            <p class="fc-report-title">{ lang.pick(tx::REPORT) }</p>
            <p>{ format!("{}{colon}{today} · {}{colon}{}", lang.pick(tx::REPORT_DATE), lang.pick(tx::RULESET), set.version, colon = lang.pick(tx::COLON)) }</p>
            if !set.builtin {
                <p class="fc-report-pack">{ format!("{}{colon}{}", lang.pick(tx::LOCAL_STANDARD), standards_name(set, lang, true), colon = lang.pick(tx::COLON)) }</p>
            }
            <table class="fc-table">
                <caption>{ lang.pick(tx::INPUTS) }</caption>
                <tbody>{ for rows.into_iter().map(|(k, v)| html! { <tr><th scope="row">{ k }</th><td>{ v }</td></tr> }) }</tbody>
            </table>
        </div>
    }
}

/// The block a bureau signs and stamps, at the end of the printed report.
pub fn signature_block(lang: Lang, handler: &str) -> Html {
    let line = |label: Text, value: &str| {
        html! {
            <div class="fc-sign-field"><span class="fc-sign-label">{ lang.pick(label) }{ lang.pick(tx::COLON) }</span>
                <span class="fc-sign-line">{ value.to_string() }</span></div>
        }
    };
    html! {
        <div class="fc-signature">
            { line(tx::SIGN_HANDLER, handler) }
            { line(tx::SIGN_REVIEWER, "") }
            { line(tx::SIGN_STAMP, "") }
            { line(tx::SIGN_DATE, "") }
        </div>
    }
}
