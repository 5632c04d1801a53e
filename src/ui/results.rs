//! The result: the headline figures, the verdict and checks, the chart, and every rule with its source.

use super::chart::Chart;
use super::packs::SharedRuleset;
use super::text as tx;
use crate::engine::{Evaluation, Formation, RuleResult, ScaleStatus, Status, Verdict};
use crate::form::Lang;
use crate::number::{format_number as num, format_percent};
use crate::rules::{Construction, RuleKind, Ruleset};
use crate::standards::Text;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub result: Option<Rc<Evaluation>>,
    pub lang: Lang,
    pub stale: bool,
    pub problems: usize,
}

/// The widget's first `role="status"` region: the required area (and verdict), read out as it changes.
#[function_component]
pub fn Summary(props: &SummaryProps) -> Html {
    let lang = props.lang;
    let problems = (props.problems > 0).then(|| match lang {
        Lang::Zh => format!("有 {} {}", props.problems, lang.pick(tx::PROBLEMS)),
        Lang::En => format!("{} {}", props.problems, lang.pick(tx::PROBLEMS)),
    });
    html! {
        <div class={classes!("fc-summary", props.stale.then_some("fc-summary--stale"))} role="status" aria-live="polite" aria-atomic="true">
            <h3 class="fc-summary-title">{ lang.pick(tx::RESULT) }</h3>
            { match &props.result {
                Some(r) => html! {
                    <>
                        <p class="fc-headline">
                            <span class="fc-headline-label">{ lang.pick(tx::REQUIRED_AREA) }</span>
                            <span class="fc-headline-value" data-figure="required_area_m2">
                                { r.required_area_m2.map(|a| format!("{} m²", num(a))).unwrap_or_default() }
                            </span>
                        </p>
                        if let Some(verdict) = r.verdict {
                            <p class={classes!("fc-verdict", verdict_class(verdict))} data-verdict={verdict_id(verdict)}>
                                { verdict_mark(verdict) }{ " " }{ lang.pick(verdict_text(verdict)) }
                            </p>
                            if verdict == Verdict::Incomplete {
                                <p class="fc-hint">{ lang.pick(tx::VERDICT_INCOMPLETE_HINT) }</p>
                            }
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

fn verdict_text(v: Verdict) -> Text {
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

/// Titles of the rules that govern a figure, `doc title` each.
fn governing(r: &Evaluation, lang: Lang, kinds: &[RuleKind]) -> String {
    r.rules
        .iter()
        .filter(|rule| rule.governing && kinds.contains(&rule.kind))
        .map(|rule| format!("{} {}", rule.doc, title(rule, lang)))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "、" } else { "; " })
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
    basis: String,
    lang: Lang,
) -> Html {
    html! {
        <div class="fc-figure" data-figure={key}>
            <h4 class="fc-figure-name">{ name.to_string() }</h4>
            <p class="fc-figure-value">{ value }</p>
            if let Some(detail) = detail { <p class="fc-figure-detail">{ detail }</p> }
            if !basis.is_empty() {
                <p class="fc-figure-basis">{ lang.pick(tx::GOVERNED_BY) }{ basis }</p>
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
    if let (Some(share), Some(m2)) = (r.office_max_share, r.office_max_m2) {
        cards.push(figure_card(
            lang.pick(tx::OFFICE_CEILING),
            "office_max",
            format!("≤ {} · {} m²", format_percent(share), num(m2)),
            None,
            governing(r, lang, &[RuleKind::OfficeCeiling]),
            lang,
        ));
    }
    if let (Some(share), Some(m2)) = (r.activity_min_share, r.activity_min_m2) {
        cards.push(figure_card(
            lang.pick(tx::ACTIVITY_FLOOR),
            "activity_min",
            format!("≥ {} · {} m²", format_percent(share), num(m2)),
            None,
            governing(r, lang, &[RuleKind::ActivityFloor]),
            lang,
        ));
    }
    let people = lang.pick(tx::PEOPLE);
    let staff_kinds = [RuleKind::MinimumStaff, RuleKind::StaffRange];
    match (r.staff_min, r.staff_max) {
        (Some(min), Some(max)) => cards.push(figure_card(
            lang.pick(tx::STAFF),
            "staff",
            format!("{min}–{max} {people}"),
            None,
            governing(r, lang, &staff_kinds),
            lang,
        )),
        (Some(min), None) => cards.push(figure_card(
            lang.pick(tx::STAFF),
            "staff",
            format!("≥ {} {people}", num(f64::from(min))),
            None,
            governing(r, lang, &staff_kinds),
            lang,
        )),
        _ if needs(r, &staff_kinds) => cards.push(figure_card(
            lang.pick(tx::STAFF),
            "staff",
            "—".into(),
            Some(lang.pick(tx::NEEDS_POPULATION).into()),
            String::new(),
            lang,
        )),
        _ => {}
    }
    match r.volunteers_min {
        Some(n) => cards.push(figure_card(
            lang.pick(tx::VOLUNTEERS),
            "volunteers_min",
            format!("≥ {} {people}", num(f64::from(n))),
            None,
            governing(r, lang, &[RuleKind::MinimumVolunteers]),
            lang,
        )),
        None if needs(r, &[RuleKind::MinimumVolunteers]) => cards.push(figure_card(
            lang.pick(tx::VOLUNTEERS),
            "volunteers_min",
            "—".into(),
            Some(lang.pick(tx::NEEDS_POPULATION).into()),
            String::new(),
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
            String::new(),
            lang,
        )),
        None => {}
    }
    if let Some(yuan) = r.funding_cny {
        cards.push(figure_card(
            lang.pick(tx::FUNDING),
            "funding_cny",
            format!("{} {}", num(f64::from(yuan)), lang.pick(tx::YUAN)),
            None,
            governing(r, lang, &[RuleKind::Funding]),
            lang,
        ));
    }
    html! { <div class="fc-figures">{ for cards }</div> }
}

/// What a planner must do about one checked rule, in m².
fn margin_text(rule: &RuleResult, lang: Lang) -> String {
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
    match (rule.kind, lang) {
        (RuleKind::OfficeCeiling, Lang::Zh) => format!("需从办公面积移出 {amount} m²"),
        (RuleKind::OfficeCeiling, Lang::En) => format!("Move {amount} m² out of offices"),
        (RuleKind::ActivityFloor, Lang::Zh) => format!("居民活动区域还需增加 {amount} m²"),
        (RuleKind::ActivityFloor, Lang::En) => format!("Add {amount} m² of resident activity area"),
        (_, Lang::Zh) => format!("还需增加 {amount} m²"),
        (_, Lang::En) => format!("Add {amount} m²"),
    }
}

fn checks(r: &Evaluation, lang: Lang) -> Html {
    if r.verdict.is_none() {
        return html! {};
    }
    let rows = r.rules.iter().filter(|rule| {
        matches!(
            rule.kind,
            RuleKind::MinimumArea | RuleKind::OfficeCeiling | RuleKind::ActivityFloor
        ) && matches!(rule.status, Status::Pass | Status::Fail | Status::Applies)
    });
    html! {
        <section class="fc-checks">
            <h3>{ lang.pick(tx::CHECKS) }</h3>
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
                    let sign = if rule.kind == RuleKind::OfficeCeiling { "≤" } else { "≥" };
                    let (outcome, class) = match rule.status {
                        Status::Pass => (tx::PASS, "fc-pass"),
                        Status::Fail => (tx::FAIL, "fc-fail"),
                        _ => (tx::NOT_CHECKED, "fc-unchecked"),
                    };
                    html! {
                        <tr class={class} data-rule={rule.id.clone()}>
                            <th scope="row">{ title(rule, lang) }<span class="fc-rule-id">{ format!(" ({})", rule.doc) }</span></th>
                            <td class="fc-num">{ rule.actual.map(|a| format!("{} m²", num(a))).unwrap_or_else(|| "—".into()) }</td>
                            <td class="fc-num">{ rule.limit_m2.map(|l| format!("{sign} {} m²", num(l))).unwrap_or_else(|| "—".into()) }</td>
                            <td>{ margin_text(rule, lang) }</td>
                            <td class="fc-outcome">{ lang.pick(outcome) }</td>
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
                <span class="fc-rule-id">{ format!(" {}", rule.id) }</span>
                <span class={classes!("fc-tag", status_class)}>{ lang.pick(status_text) }</span>
                if rule.governing { <span class="fc-tag fc-tag--governing">{ lang.pick(tx::GOVERNING) }</span> }
            </h5>
            if let Some(formula) = formula { <p class="fc-formula">{ formula }</p> }
            if let Some(reason) = reason { <p class="fc-reason">{ reason }</p> }
            if same_quote_as_above {
                <p class="fc-quote-same">{ format!("{}{} ", lang.pick(tx::SAME_QUOTE), rule.doc) }<span lang="zh-CN">{ rule.section.clone() }</span></p>
            } else {
                <blockquote class="fc-quote" lang="zh-CN">
                    <p>{ format!("“{}”", rule.quote) }</p>
                    <footer>{ format!("—— {} {}", rule.doc, rule.section) }
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
                    <span lang="zh-CN">{ doc.title.to_string() }</span>
                    if doc.draft() { <span class="fc-tag fc-tag--draft">{ lang.pick(tx::DRAFT) }</span> }
                </h4>
                <p class="fc-document-meta">{ format!("{} · {} · {}", doc.id, lang.text(&doc.issuer), doc.date) }</p>
                <ul class="fc-rule-list">{ rule_items(&applicable, lang) }</ul>
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

/// Shown only on paper: what was entered, when, under which rule set.
pub fn report_header(r: &Evaluation, set: &Ruleset, lang: Lang) -> Html {
    let today = {
        let d = js_sys::Date::new_0();
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    };
    let mut rows: Vec<(&str, String)> = vec![
        (
            lang.pick(tx::JURISDICTION),
            set.jurisdiction(&r.jurisdiction)
                .map_or(r.jurisdiction.to_string(), |j| {
                    lang.text(&j.name).to_string()
                }),
        ),
        (
            lang.pick(tx::SETTLEMENT),
            set.settlement_index(&r.settlement)
                .map_or(r.settlement.to_string(), |i| {
                    lang.text(&set.settlements[i].name).to_string()
                }),
        ),
        (
            lang.pick(tx::CONSTRUCTION),
            lang.pick(Construction::words(r.construction).0).to_string(),
        ),
        (lang.pick(tx::HOUSEHOLDS), num(f64::from(r.households))),
    ];
    if r.programme != set.programmes[set.default_programme].id {
        rows.push((
            lang.pick(tx::PROGRAMME),
            set.programme_index(&r.programme)
                .map_or(r.programme.to_string(), |i| {
                    lang.text(&set.programmes[i].name).to_string()
                }),
        ));
    }
    let optional = [
        (tx::POPULATION, r.population.map(|p| num(f64::from(p)))),
        (
            tx::OCCUPIED,
            r.occupied_households.map(|p| num(f64::from(p))),
        ),
        (tx::TOTAL, r.planned.total_m2.map(num)),
        (tx::OFFICE, r.planned.office_m2.map(num)),
        (tx::ACTIVITY, r.planned.activity_m2.map(num)),
    ];
    rows.extend(
        optional
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| (lang.pick(label), v))),
    );
    html! {
        <div class="fc-print-only fc-report-header">
            <p class="fc-report-title">{ lang.pick(tx::REPORT) }</p>
            <p>{ format!("{}{colon}{today} · {}{colon}{}", lang.pick(tx::REPORT_DATE), lang.pick(tx::RULESET), set.version, colon = lang.pick(tx::COLON)) }</p>
            if !set.builtin {
                <p class="fc-report-pack">{ format!("{}{colon}{}{} · id {}", lang.pick(tx::LOCAL_STANDARD), lang.text(&set.title), tx::bracketed(lang, &set.publisher), set.id, colon = lang.pick(tx::COLON)) }</p>
            }
            <table class="fc-table">
                <caption>{ lang.pick(tx::INPUTS) }</caption>
                <tbody>{ for rows.into_iter().map(|(k, v)| html! { <tr><th scope="row">{ k }</th><td>{ v }</td></tr> }) }</tbody>
            </table>
        </div>
    }
}
