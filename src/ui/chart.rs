//! A small chart: the planned total against each minimum area, and the planned split against the office
//! ceiling and the activity floor. Labels and numbers are HTML text (readable at 320 px and in large text,
//! and never colour alone); each bar is a small SVG drawn to one scale per figure, hidden from screen
//! readers because its row already says the same in words. Geometry is in attributes, never inline styles (CSP).

use super::text as tx;
use crate::engine::{Evaluation, RuleResult, Status};
use crate::number::format_number as num;
use crate::rules::RuleKind;
use crate::text::Lang;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub result: Rc<Evaluation>,
    pub lang: Lang,
}

/// The width of a bar's drawing, in its own units; the SVG stretches to the row's width.
const SCALE: f64 = 1000.0;

struct Bar {
    label: String,
    value: f64,
    class: &'static str,
    /// A limit drawn across the bar (m²), with its words.
    marker: Option<(f64, String)>,
}

/// An SVG coordinate in whole units (integer formatting keeps float printing out of the download).
fn px(v: f64) -> String {
    (v.clamp(0.0, SCALE).round() as u32).to_string()
}

fn bars_view(bars: &[Bar]) -> Html {
    let max = bars
        .iter()
        .flat_map(|b| [Some(b.value), b.marker.as_ref().map(|m| m.0)])
        .flatten()
        .fold(1.0_f64, f64::max);
    let at = |v: f64| v.max(0.0) / max * SCALE;
    html! {
        <ul class="fc-bars">
            { for bars.iter().map(|bar| html! {
                <li class="fc-bar-row">
                    <span class="fc-bar-label">{ &bar.label }</span>
                    <span class="fc-bar-value">{ format!("{} m²", num(bar.value)) }</span>
                    if let Some((_, limit)) = &bar.marker {
                        <span class="fc-bar-limit">{ limit }</span>
                    }
                    <svg class="fc-bar-svg" viewBox={format!("0 0 {} 20", px(SCALE))} preserveAspectRatio="none"
                        aria-hidden="true" focusable="false">
                        <rect class={classes!("fc-chart-bar", bar.class)} x="0" y="3" width={px(at(bar.value).max(2.0))} height="14" />
                        if let Some((limit, _)) = &bar.marker {
                            <line class="fc-chart-marker" x1={px(at(*limit))} x2={px(at(*limit))} y1="0" y2="20"
                                vector-effect="non-scaling-stroke" />
                        }
                    </svg>
                </li>
            }) }
        </ul>
    }
}

#[function_component]
pub fn Chart(props: &ChartProps) -> Html {
    let r = &props.result;
    let lang = props.lang;
    let title = |rule: &RuleResult| {
        let (short, title) = if lang == Lang::Zh {
            (&rule.doc_title_zh, &rule.title_zh)
        } else {
            (&rule.doc_title_en, &rule.title_en)
        };
        format!("{short} {title}")
    };

    let mut area_bars: Vec<Bar> = Vec::new();
    if let Some(total) = r.planned.total_m2 {
        area_bars.push(Bar {
            label: lang.pick(tx::PLANNED_TOTAL_SHORT).to_string(),
            value: total,
            class: "fc-chart-bar--planned",
            marker: None,
        });
    }
    // Every total-area figure: minimums, ceilings (marked ≤) and recommended values (marked 建议值).
    let minimums = r.rules.iter().filter(|rule| {
        matches!(rule.kind, RuleKind::MinimumArea | RuleKind::MaximumArea)
            && rule.figure.is_some()
            && rule.status != Status::NotApplicable
    });
    for rule in minimums {
        let (class, mark) = match rule.status {
            Status::Fail => ("fc-chart-bar--fail", " ✗"),
            Status::Pass => (
                if rule.governing {
                    "fc-chart-bar--governing"
                } else {
                    "fc-chart-bar--minimum"
                },
                " ✓",
            ),
            _ if rule.governing => ("fc-chart-bar--governing", ""),
            _ => ("fc-chart-bar--minimum", ""),
        };
        let kind_mark = if rule.kind == RuleKind::MaximumArea {
            " ≤"
        } else if rule.level == crate::rules::Level::Recommended {
            lang.pick(tx::RECOMMENDED_MARK)
        } else {
            ""
        };
        area_bars.push(Bar {
            label: format!("{}{kind_mark}{mark}", title(rule)),
            value: rule.figure.unwrap_or(0.0),
            class,
            marker: None,
        });
    }

    let split = r
        .planned
        .total_m2
        .filter(|_| r.planned.office_m2.is_some() || r.planned.activity_m2.is_some())
        .map(|total| {
            let office = r.planned.office_m2.unwrap_or(0.0);
            let activity = r.planned.activity_m2.unwrap_or(0.0);
            let mut bars = Vec::new();
            if r.planned.office_m2.is_some() {
                let ceiling = r
                    .office_max_m2
                    .map(|m2| (m2, format!("{} ≤ {} m²", lang.pick(tx::LIMIT), num(m2))));
                bars.push(Bar {
                    label: lang.pick(tx::OFFICE_SHORT).into(),
                    value: office,
                    class: "fc-chart-bar--office",
                    marker: ceiling,
                });
            }
            if r.planned.activity_m2.is_some() {
                let floor = r
                    .activity_min_m2
                    .map(|m2| (m2, format!("{} ≥ {} m²", lang.pick(tx::LIMIT), num(m2))));
                bars.push(Bar {
                    label: lang.pick(tx::ACTIVITY_SHORT).into(),
                    value: activity,
                    class: "fc-chart-bar--activity",
                    marker: floor,
                });
            }
            bars.push(Bar {
                label: lang.pick(tx::OTHER).into(),
                value: (total - office - activity).max(0.0),
                class: "fc-chart-bar--other",
                marker: None,
            });
            bars
        });

    html! {
        <section class="fc-chart">
            <h3>{ lang.pick(tx::CHART) }</h3>
            <figure class="fc-figure-chart" data-chart="areas">
                <figcaption>{ lang.pick(if r.planned.total_m2.is_some() { tx::CHART_AREAS } else { tx::CHART_MINIMUMS }) }</figcaption>
                { bars_view(&area_bars) }
            </figure>
            if let Some(bars) = split {
                <figure class="fc-figure-chart" data-chart="split">
                    <figcaption>{ lang.pick(tx::CHART_SPLIT) }</figcaption>
                    { bars_view(&bars) }
                </figure>
            }
        </section>
    }
}
