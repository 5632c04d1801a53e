//! Jurisdictions side by side (对比): the community entered, evaluated by the engine under each jurisdiction
//! picked, one column each; and the required area against households (0–5,000) for each, as a line chart
//! with a table that says the same. Every figure is an `evaluate` result; none is computed here.

use super::packs::SharedRuleset;
use super::results::{cite, share_text, staff_text, verdict_text};
use super::text as tx;
use crate::comparison::{CHART_MAX_HOUSEHOLDS, CHART_STEP, Growth, growth, inputs_in, required_at};
use crate::engine::{Evaluation, Verdict};
use crate::form::{Form, Key};
use crate::number::format_number as num;
use crate::rules::{RuleKind, Ruleset, Str};
use crate::text::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub form: Form,
    /// The ruleset whose jurisdictions are compared.
    pub ruleset: SharedRuleset,
    pub lang: Lang,
    /// Prefix of every id (two widgets on a page never share one).
    pub prefix: AttrValue,
    /// A jurisdiction ticked or unticked.
    pub on_toggle: Callback<Str>,
}

/// Rows of the chart's table equivalent.
const TABLE_STEP: u32 = 500;

/// One jurisdiction's result for the entered community. `standard_programme`: the programme entered is
/// not offered here, so the community is evaluated without it (and the column says so).
struct Column {
    id: Str,
    result: Result<Evaluation, String>,
    standard_programme: bool,
}

fn evaluate_in(form: &Form, set: &Ruleset, id: &Str, lang: Lang) -> Column {
    let (raw, standard_programme) = inputs_in(form, set, id, None);
    Column {
        id: id.clone(),
        result: crate::engine::evaluate_raw(set, &raw).map_err(|errors| {
            errors
                .iter()
                .map(|e| match lang {
                    Lang::Zh => e.message_zh.clone(),
                    Lang::En => e.message.clone(),
                })
                .collect::<Vec<_>>()
                .join(lang.pick(tx::LIST_SEPARATOR))
        }),
        standard_programme,
    }
}

fn growth_text(growth: &Growth, lang: Lang) -> String {
    let area = |m2: f64| tx::bracketed(lang, &format!("{} m²", num(m2)));
    match growth {
        Growth::FixedUpTo {
            households,
            floor_m2,
        } => format!(
            "{} {}{}{}{}",
            num(f64::from(*households)),
            lang.pick(tx::HOUSEHOLDS_UNIT),
            lang.pick(tx::BREAKPOINT),
            area(*floor_m2),
            lang.pick(tx::BREAKPOINT_ABOVE)
        ),
        Growth::RateOnly => lang.pick(tx::RATE_ONLY).to_string(),
        Growth::FixedThroughout { floor_m2 } => {
            format!("{}{}", lang.pick(tx::FIXED_THROUGHOUT), area(*floor_m2))
        }
    }
}

fn name(set: &Ruleset, id: &str, lang: Lang) -> Str {
    set.jurisdiction(id)
        .map_or_else(Str::default, |j| lang.text(&j.name))
}

fn verdict_words(v: Option<Verdict>, lang: Lang) -> &'static str {
    lang.pick(v.map_or(tx::NOT_CHECKED_SHORT, verdict_text))
}

/// The documents whose area rules govern, by short title.
fn governing_documents(r: &Evaluation, lang: Lang) -> String {
    let mut cited: Vec<String> = Vec::new();
    for rule in r
        .rules
        .iter()
        .filter(|rule| rule.governing && rule.kind == RuleKind::MinimumArea)
    {
        let c = cite(rule, lang);
        if !cited.contains(&c) {
            cited.push(c);
        }
    }
    cited.join(lang.pick(tx::LIST_SEPARATOR))
}

#[function_component]
pub fn Compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let form = &props.form;
    let set = &props.ruleset.0;
    let picked = form.compared(set);
    let columns: Vec<Column> = picked
        .iter()
        .map(|id| evaluate_in(form, set, id, lang))
        .collect();
    let ready = columns.iter().any(|c| c.result.is_ok());
    let cell = |column: &Column, key: &'static str, text: &dyn Fn(&Evaluation) -> String| {
        match &column.result {
            Ok(r) => {
                html! { <td data-figure={key} data-jurisdiction={column.id.clone()}>{ text(r) }</td> }
            }
            Err(message) => {
                html! { <td data-figure={key} data-jurisdiction={column.id.clone()} class="fc-compare-error">{ message.clone() }</td> }
            }
        }
    };
    let row =
        |label: crate::text::Text, key: &'static str, text: &dyn Fn(&Evaluation) -> String| {
            html! {
                <tr data-row={key}>
                    <th scope="row">{ lang.pick(label) }</th>
                    { for columns.iter().map(|c| cell(c, key, text)) }
                </tr>
            }
        };
    let none = lang.pick(tx::NO_FIGURE);
    let picker = set.jurisdictions.iter().map(|j| {
        let id = j.id.clone();
        let checked = picked.contains(&id);
        let input_id = format!("{}-compare-{id}", props.prefix);
        let toggle = props.on_toggle.reform(move |_: Event| id.clone());
        html! {
            <div class="fc-checkbox">
                <input class="fc-checkbox-input" type="checkbox" id={input_id.clone()} {checked} onchange={toggle} />
                <label class="fc-checkbox-label" for={input_id}>{ lang.text(&j.name) }</label>
            </div>
        }
    });
    html! {
        <section class="fc-compare" data-view="compare">
            <h3>{ lang.pick(tx::COMPARE_TITLE) }</h3>
            <p class="fc-hint">{ lang.pick(tx::COMPARE_INTRO) }</p>
            <fieldset class="fc-fieldset fc-compare-pick fc-no-print">
                <legend class="fc-legend">{ lang.pick(tx::COMPARE_PICK) }</legend>
                { for picker }
            </fieldset>
            if !ready {
                <p class="fc-hint">{ lang.pick(tx::COMPARE_NEEDS) }</p>
            } else {
                <div class="fc-table-wrap" tabindex="0" role="region" aria-label={lang.pick(tx::COMPARE_TITLE)}>
                    <table class="fc-table fc-compare-table">
                        <thead><tr>
                            <td></td>
                            { for columns.iter().map(|c| html! {
                                <th scope="col" data-jurisdiction={c.id.clone()}>{ name(set, &c.id, lang) }
                                    if c.standard_programme { <span class="fc-hint">{ tx::bracketed(lang, &lang.text(&set.programmes[set.default_programme].name)) }</span> }
                                </th>
                            }) }
                        </tr></thead>
                        <tbody>
                            { row(tx::REQUIRED_AREA, "required_area_m2", &|r| r.required_area_m2.map_or(none.into(), |a| format!("{} m²", num(a)))) }
                            { row(tx::OFFICE_CEILING, "office_max_m2", &|r| share_text(r.office_max_share, r.office_max_m2, "≤").unwrap_or_else(|| none.into())) }
                            if columns.iter().any(|c| c.result.as_ref().is_ok_and(|r| r.activity_min_share.is_some())) {
                                { row(tx::ACTIVITY_FLOOR, "activity_min_m2", &|r| share_text(r.activity_min_share, r.activity_min_m2, "≥").unwrap_or_else(|| none.into())) }
                            }
                            { row(tx::STAFF, "staff", &|r| staff_text(r, lang).unwrap_or_else(|| none.into())) }
                            { row(tx::VERDICT, "verdict", &|r| verdict_words(r.verdict, lang).into()) }
                            { row(tx::GOVERNING_DOCUMENT, "documents", &|r| governing_documents(r, lang)) }
                        </tbody>
                    </table>
                </div>
                { area_chart(form, set, &picked, lang) }
            }
        </section>
    }
}

/// Whole units for SVG attributes (integer formatting keeps float printing out of the download).
fn px(v: f64) -> String {
    (v.max(0.0).round() as u32).to_string()
}

fn area_chart(form: &Form, set: &Ruleset, picked: &[Str], lang: Lang) -> Html {
    const W: f64 = 640.0;
    const H: f64 = 300.0;
    const LEFT: f64 = 56.0;
    const BOTTOM: f64 = 28.0;
    const TOP: f64 = 10.0;
    let samples: Vec<u32> = std::iter::once(1)
        .chain((CHART_STEP..=CHART_MAX_HOUSEHOLDS).step_by(CHART_STEP as usize))
        .collect();
    let series: Vec<(Str, Vec<(u32, f64)>)> = picked
        .iter()
        .map(|id| {
            let points = samples
                .iter()
                .filter_map(|hh| required_at(form, set, id, *hh).map(|a| (*hh, a)))
                .collect();
            (id.clone(), points)
        })
        .collect();
    let top = series
        .iter()
        .flat_map(|(_, points)| points.iter().map(|(_, a)| *a))
        .fold(0.0_f64, f64::max);
    if top <= 0.0 {
        return html! {};
    }
    // A round top for the scale: the next multiple of 500 m².
    let y_max = (top / 500.0).ceil() * 500.0;
    let x = |hh: u32| LEFT + f64::from(hh) / f64::from(CHART_MAX_HOUSEHOLDS) * (W - LEFT - 8.0);
    let y = |a: f64| TOP + (1.0 - a / y_max) * (H - TOP - BOTTOM);
    let caption = lang.pick(tx::COMPARE_CHART);
    let growths: Vec<(Str, Option<Growth>)> = picked
        .iter()
        .map(|id| (id.clone(), growth(form, set, id)))
        .collect();
    let rows: Vec<u32> = (TABLE_STEP..=CHART_MAX_HOUSEHOLDS)
        .step_by(TABLE_STEP as usize)
        .collect();
    html! {
        <section class="fc-compare-chart">
            <figure class="fc-figure-chart" data-chart="required-by-households">
                <figcaption>{ caption }</figcaption>
                <svg class="fc-line-chart" viewBox={format!("0 0 {} {}", px(W), px(H))} role="img" aria-label={caption}>
                    <line class="fc-axis" x1={px(LEFT)} x2={px(W - 8.0)} y1={px(y(0.0))} y2={px(y(0.0))} />
                    <line class="fc-axis" x1={px(LEFT)} x2={px(LEFT)} y1={px(TOP)} y2={px(y(0.0))} />
                    { for (0..=5).map(|i| {
                        let hh = i * 1000;
                        html! { <text class="fc-axis-label" x={px(x(hh))} y={px(H - 8.0)} text-anchor="middle">{ num(f64::from(hh)) }</text> }
                    }) }
                    { for [0.0, y_max / 2.0, y_max].into_iter().map(|a| html! {
                        <>
                            <text class="fc-axis-label" x={px(LEFT - 6.0)} y={px(y(a) + 4.0)} text-anchor="end">{ num(a) }</text>
                            <line class="fc-grid" x1={px(LEFT)} x2={px(W - 8.0)} y1={px(y(a))} y2={px(y(a))} />
                        </>
                    }) }
                    { for series.iter().enumerate().map(|(i, (id, points))| {
                        let path: Vec<String> = points.iter().map(|(hh, a)| format!("{},{}", px(x(*hh)), px(y(*a)))).collect();
                        html! { <polyline class={classes!("fc-series", format!("fc-series-{i}"))} data-jurisdiction={id.clone()}
                            points={path.join(" ")} fill="none" vector-effect="non-scaling-stroke" /> }
                    }) }
                </svg>
                <ul class="fc-legend-list">
                    { for series.iter().enumerate().map(|(i, (id, _))| html! {
                        <li><svg class="fc-swatch" viewBox="0 0 30 10" aria-hidden="true" focusable="false">
                            <line class={classes!("fc-series", format!("fc-series-{i}"))} x1="0" x2="30" y1="5" y2="5" /></svg>
                            { name(set, id, lang) }</li>
                    }) }
                </ul>
            </figure>
            <ul class="fc-breakpoints">
                { for growths.iter().filter_map(|(id, g)| g.as_ref().map(|g| (id, g))).map(|(id, g)| html! {
                    <li data-jurisdiction={id.clone()}>{ name(set, id, lang) }{ lang.pick(tx::COLON) }{ growth_text(g, lang) }</li>
                }) }
            </ul>
            <div class="fc-table-wrap" tabindex="0" role="region" aria-label={lang.pick(tx::COMPARE_TABLE)}>
                <table class="fc-table fc-compare-curve">
                    <caption>{ lang.pick(tx::COMPARE_TABLE) }</caption>
                    <thead><tr>
                        <th scope="col">{ lang.pick(Key::Households.field().label) }</th>
                        { for picked.iter().map(|id| html! { <th scope="col">{ name(set, id, lang) }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|hh| html! {
                            <tr>
                                <th scope="row">{ num(f64::from(*hh)) }</th>
                                { for series.iter().map(|(_, points)| html! {
                                    <td class="fc-num">{ points.iter().find(|(p, _)| p == hh).map_or("—".to_string(), |(_, a)| num(*a)) }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
