//! Form controls in the GOV.UK Design System's manner: a label, an optional hint, the error beside the
//! field, `type="text"` with `inputmode` for numbers, and ids an error summary can link to.

use crate::text::Lang;
use yew::prelude::*;

/// A registry field's label as the form and the report show it: its label, and its unit or qualifier in
/// brackets (the office area's label with （m²）).
pub fn field_label(field: crate::fields::Field, lang: Lang) -> String {
    let label = lang.pick(field.label);
    match field.label_note {
        Some(note) => format!("{label}{}", super::text::bracketed(lang, lang.pick(note))),
        None => label.to_string(),
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub error_prefix: AttrValue,
    /// `numeric` for whole numbers, `decimal` for areas and ratios.
    pub inputmode: AttrValue,
    #[prop_or_default]
    pub suffix: Option<AttrValue>,
    pub oninput: Callback<String>,
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<AttrValue> {
    let ids: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(present, _)| *present)
        .map(|(_, part)| format!("{id}-{part}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" ").into())
}

/// The hint and the error message under a label, with the ids `aria-describedby` points at.
fn hint_and_error(
    id: &str,
    hint: Option<&AttrValue>,
    error: Option<&AttrValue>,
    error_prefix: &AttrValue,
) -> Html {
    html! {
        <>
            if let Some(hint) = hint {
                <p class="fc-hint" id={format!("{id}-hint")}>{ hint }</p>
            }
            if let Some(error) = error {
                <p class="fc-error-message" id={format!("{id}-error")}>
                    <span class="fc-visually-hidden">{ error_prefix }</span>{ error }
                </p>
            }
        </>
    }
}

#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = props.id.to_string();
    let oninput = props.oninput.reform(|e: InputEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    html! {
        <div class={classes!("fc-field", props.error.is_some().then_some("fc-field--error"))}>
            <label class="fc-label" for={id.clone()}>{ &props.label }</label>
            { hint_and_error(&id, props.hint.as_ref(), props.error.as_ref(), &props.error_prefix) }
            <div class="fc-input-wrap">
                <input class="fc-input" id={id.clone()} name={id.clone()} type="text"
                    inputmode={props.inputmode.clone()} autocomplete="off" spellcheck="false"
                    value={props.value.clone()} {oninput}
                    aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
                    aria-invalid={props.error.is_some().then_some("true")} />
                if let Some(suffix) = &props.suffix {
                    <span class="fc-suffix" aria-hidden="true">{ suffix }</span>
                }
            </div>
        </div>
    }
}

#[derive(Clone, PartialEq)]
pub struct Choice {
    pub value: AttrValue,
    pub label: AttrValue,
    pub hint: Option<AttrValue>,
}

#[derive(Properties, PartialEq)]
pub struct RadiosProps {
    /// The group's name; the first radio carries it as its id so an error can link to it.
    pub id: AttrValue,
    pub legend: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub choices: Vec<Choice>,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub error_prefix: AttrValue,
    #[prop_or_default]
    pub inline: bool,
    /// A compact grid of choices whose hints show on demand (issue 18: the first field that matters,
    /// households, on the first screen): each choice's hint stays its description (`aria-describedby`)
    /// and shows on screen for the checked choice.
    #[prop_or_default]
    pub hints_on_demand: bool,
    pub onchange: Callback<String>,
}

#[function_component]
pub fn Radios(props: &RadiosProps) -> Html {
    let id = props.id.to_string();
    let options = props.choices.iter().enumerate().map(|(i, choice)| {
        let input_id = if i == 0 { id.clone() } else { format!("{id}-{}", choice.value) };
        let value = choice.value.clone();
        let onchange = props.onchange.reform(move |_: Event| value.to_string());
        let hint_id = format!("{input_id}-item-hint");
        html! {
            <div class="fc-radio" key={choice.value.to_string()}>
                <input class="fc-radio-input" type="radio" id={input_id.clone()} name={id.clone()} value={choice.value.clone()}
                    checked={props.value == choice.value} {onchange}
                    aria-describedby={choice.hint.as_ref().map(|_| hint_id.clone())} />
                <label class="fc-radio-label" for={input_id.clone()}>{ choice.label.clone() }</label>
                if let Some(hint) = choice.hint.clone() {
                    <p class="fc-radio-hint fc-hint" id={hint_id}>{ hint }</p>
                }
            </div>
        }
    });
    html! {
        <div class={classes!("fc-field", props.error.is_some().then_some("fc-field--error"))}>
            <fieldset class="fc-fieldset" aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}>
                <legend class="fc-legend">{ &props.legend }</legend>
                { hint_and_error(&id, props.hint.as_ref(), props.error.as_ref(), &props.error_prefix) }
                <div class={classes!("fc-radios", props.inline.then_some("fc-radios--inline"), props.hints_on_demand.then_some("fc-radios--compact"))}>
                    { for options }
                </div>
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub placeholder: AttrValue,
    pub choices: Vec<Choice>,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub error_prefix: AttrValue,
    pub onchange: Callback<String>,
}

#[function_component]
pub fn Select(props: &SelectProps) -> Html {
    let id = props.id.to_string();
    let onchange = props.onchange.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    let known = props.choices.iter().any(|c| props.value == c.value);
    html! {
        <div class={classes!("fc-field", props.error.is_some().then_some("fc-field--error"))}>
            <label class="fc-label" for={id.clone()}>{ &props.label }</label>
            { hint_and_error(&id, props.hint.as_ref(), props.error.as_ref(), &props.error_prefix) }
            <select class="fc-select" id={id.clone()} name={id.clone()} {onchange}
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
                aria-invalid={props.error.is_some().then_some("true")}>
                <option value="" selected={!known}>{ &props.placeholder }</option>
                { for props.choices.iter().map(|c| html! {
                    <option key={c.value.to_string()} value={c.value.clone()} selected={props.value == c.value}>{ c.label.clone() }</option>
                }) }
            </select>
        </div>
    }
}
