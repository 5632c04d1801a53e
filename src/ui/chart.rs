//! A small SVG chart: the planned total against each minimum area, and the planned split against the office
//! ceiling and the activity floor. Every bar carries its number as text, so colour is never the only cue;
//! the check table above says the same in words. Geometry is in attributes, never inline styles (CSP).

use super::text as tx;
use crate::engine::{Evaluation, RuleResult, Status};
use crate::form::Lang;
use crate::number::format_number as num;
use crate::standards::RuleKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub result: Evaluation,
    pub lang: Lang,
}

const WIDTH: f64 = 600.0;
const BAR_LEFT: f64 = 0.0;
const BAR_WIDTH: f64 = 470.0;
const ROW: f64 = 44.0;

/// An SVG coordinate, in whole units (integer formatting keeps float printing out of the download).
fn px(v: f64) -> String {
    (v.max(0.0).round() as u32).to_string()
}

struct Bar {
    label: String,
    value: f64,
    class: &'static str,
    /// A limit drawn across the bar, with its label.
    marker: Option<(f64, String)>,
}

fn applicable_minimums(r: &Evaluation) -> Vec<&RuleResult> {
    r.rules
        .iter()
        .filter(|rule| {
            rule.kind == RuleKind::MinimumArea
                && rule.figure.is_some()
                && rule.status != Status::NotApplicable
        })
        .collect()
}

fn bars_svg(bars: &[Bar], summary: String) -> Html {
    let max = bars
        .iter()
        .flat_map(|b| [Some(b.value), b.marker.as_ref().map(|m| m.0)])
        .flatten()
        .fold(1.0_f64, f64::max)
        * 1.05;
    let scale = |v: f64| (v.max(0.0) / max * BAR_WIDTH).max(1.0);
    let height = ROW * bars.len() as f64 + 8.0;
    html! {
        <svg class="fc-chart-svg" viewBox={format!("0 0 {} {}", px(WIDTH), px(height))} role="img" aria-label={summary}
            preserveAspectRatio="xMinYMin meet">
            { for bars.iter().enumerate().map(|(i, bar)| {
                let y = ROW * i as f64;
                let w = scale(bar.value);
                html! {
                    <g>
                        <text class="fc-chart-label" x={px(BAR_LEFT)} y={px(y + 14.0)}>{ &bar.label }</text>
                        <rect class={classes!("fc-chart-bar", bar.class)} x={px(BAR_LEFT)} y={px(y + 20.0)}
                            width={px(w)} height="16" rx="2" />
                        <text class="fc-chart-value" x={px(BAR_LEFT + w + 6.0)} y={px(y + 33.0)}>
                            { format!("{} m²", num(bar.value)) }
                        </text>
                        if let Some((at, label)) = &bar.marker {
                            <line class="fc-chart-marker" x1={px(scale(*at))} x2={px(scale(*at))}
                                y1={px(y + 16.0)} y2={px(y + 40.0)} />
                            <text class="fc-chart-marker-label" x={px(scale(*at) + 3.0)} y={px(y + 14.0)}
                                text-anchor="start">{ label }</text>
                        }
                    </g>
                }
            }) }
        </svg>
    }
}

#[function_component]
pub fn Chart(props: &ChartProps) -> Html {
    let r = &props.result;
    let lang = props.lang;
    let title = |rule: &RuleResult| {
        format!(
            "{} {}",
            rule.doc,
            if lang == Lang::Zh {
                rule.title_zh
            } else {
                rule.title_en
            }
        )
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
    for rule in applicable_minimums(r) {
        let class = match rule.status {
            Status::Fail => "fc-chart-bar--fail",
            _ if rule.governing => "fc-chart-bar--governing",
            _ => "fc-chart-bar--minimum",
        };
        let mark = match rule.status {
            Status::Pass => " ✓",
            Status::Fail => " ✗",
            _ => "",
        };
        area_bars.push(Bar {
            label: format!("{}{mark}", title(rule)),
            value: rule.figure.unwrap_or(0.0),
            class,
            marker: None,
        });
    }
    let area_summary = area_bars
        .iter()
        .map(|b| format!("{}: {} m²", b.label, num(b.value)))
        .collect::<Vec<_>>()
        .join("; ");

    let split = r
        .planned
        .total_m2
        .filter(|_| r.planned.office_m2.is_some() || r.planned.activity_m2.is_some())
        .map(|total| {
            let office = r.planned.office_m2.unwrap_or(0.0);
            let activity = r.planned.activity_m2.unwrap_or(0.0);
            let ceiling = r.office_max_m2.map(|m2| (m2, format!("≤ {} m²", num(m2))));
            let floor = r
                .activity_min_m2
                .map(|m2| (m2, format!("≥ {} m²", num(m2))));
            let mut bars = Vec::new();
            if r.planned.office_m2.is_some() {
                bars.push(Bar {
                    label: lang.pick(tx::OFFICE_SHORT).into(),
                    value: office,
                    class: "fc-chart-bar--office",
                    marker: ceiling,
                });
            }
            if r.planned.activity_m2.is_some() {
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
            <figure class="fc-figure-chart">
                <figcaption>{ lang.pick(tx::CHART_AREAS) }</figcaption>
                { bars_svg(&area_bars, area_summary) }
            </figure>
            if let Some(bars) = split {
                <figure class="fc-figure-chart">
                    <figcaption>{ lang.pick(tx::CHART_SPLIT) }</figcaption>
                    { bars_svg(&bars, bars.iter().map(|b| {
                        let limit = b.marker.as_ref().map(|m| format!(" ({})", m.1)).unwrap_or_default();
                        format!("{}: {} m²{limit}", b.label, num(b.value))
                    }).collect::<Vec<_>>().join("; ")) }
                </figure>
            }
        </section>
    }
}
