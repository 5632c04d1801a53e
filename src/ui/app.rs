//! The widget: one component that owns the form state and re-evaluates on every edit
//! (inputs → `Form::evaluate` → view). Everything it shows comes from the engine.

use super::compare::Compare;
use super::fields::{Choice, Radios, Select, TextField};
use super::results::{Results, Summary, report_header, signature_block};
use super::text as tx;
use crate::engine::Evaluation;
use crate::form::{Form, Key, Lang, Mode, View};
use crate::input::FieldError;
use crate::standards::{
    CONSTRUCTIONS, JURISDICTIONS, PROGRAMMES, SETTLEMENTS, document, jurisdiction,
    offered_settlements,
};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub initial: Form,
    /// Prefix of every id, so two widgets on one page never share one.
    pub prefix: AttrValue,
    /// Keep the state in the page's URL (the stand-alone page; never on a host's page).
    pub sync_url: bool,
    /// Where "Copy link" points; the page's own address when absent.
    pub link_base: Option<AttrValue>,
    /// The element result and error events are dispatched on.
    pub host: Option<web_sys::Element>,
}

pub enum Msg {
    Edit(Key, String),
    ToggleLang,
    ToggleLarge,
    UseHouseholdsEstimate,
    UsePopulationEstimate,
    CopyLink,
    Copied(Option<String>),
    Print,
    SetView(View),
    /// A jurisdiction ticked or unticked in the comparison view.
    ToggleCompared(&'static str),
    /// The design section opened or closed: the state (and link) changes, the result does not.
    SetMode(Mode),
    /// Options from the host (`handle.update`, attribute changes).
    Apply(Vec<(String, String)>),
    FocusField(String),
}

pub struct App {
    form: Form,
    /// The last good result, shared with the views without copying it.
    result: Option<Rc<Evaluation>>,
    errors: Vec<FieldError>,
    /// After "Copy link": None = copied; Some(url) = copying failed, show the link to copy by hand.
    copy_outcome: Option<Option<String>>,
    /// Everything the error summary lists (input problems, then problems in the estimate helpers),
    /// worked out once per change in `recompute`.
    problems: Vec<FieldError>,
    /// The input problems last sent to the host in an error event, so each change is reported once.
    reported_problems: Vec<FieldError>,
    /// The required area had construction been "new", while construction is left at its default: the
    /// result names the assumption and what the other choice would give.
    alternative_area: Option<f64>,
    root: NodeRef,
}

impl App {
    fn id(&self, ctx: &Context<Self>, key: Key) -> String {
        format!("{}-{}", ctx.props().prefix, key.name())
    }

    fn lang(&self) -> Lang {
        self.form.lang
    }

    fn tr(&self, text: crate::standards::Text) -> &'static str {
        self.form.lang.pick(text)
    }

    fn message(&self, error: &FieldError) -> String {
        match self.form.lang {
            Lang::Zh => error.message_zh.clone(),
            Lang::En => error.message.clone(),
        }
    }

    fn visible_errors(&self) -> Vec<FieldError> {
        self.form.visible_errors(&self.errors)
    }

    fn field_error(&self, key: Key) -> Option<AttrValue> {
        self.problems
            .iter()
            .find(|e| e.field == key.field_id())
            .map(|e| self.message(e).into())
    }

    /// Re-evaluates, keeps the last good result when the input has a problem, and tells the host: a result
    /// event when the result changed (or the input has just been put right), an error event when the
    /// problems shown changed. Switching the language or the text size changes neither, so sends nothing.
    fn recompute(&mut self, ctx: &Context<Self>) {
        let had_errors = !self.errors.is_empty() || self.result.is_none();
        match self.form.evaluate() {
            Ok(evaluation) => {
                self.errors.clear();
                if had_errors || self.result.as_deref() != Some(&evaluation) {
                    dispatch(ctx, "facility-calc:result", crate::api::to_js(&evaluation));
                    self.result = Some(Rc::new(evaluation));
                }
            }
            Err(errors) => self.errors = errors,
        }
        let input_problems = self.visible_errors();
        if !input_problems.is_empty() && input_problems != self.reported_problems {
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(
                &detail,
                &"errors".into(),
                &crate::api::to_js(&input_problems),
            );
            dispatch(ctx, "facility-calc:error", detail.into());
        }
        self.alternative_area = if self.form.get(Key::Construction).trim().is_empty() {
            let mut raw = self.form.raw_input();
            raw.construction = crate::input::Raw::Text("new".into());
            crate::evaluate_raw(&raw)
                .ok()
                .and_then(|e| e.required_area_m2)
        } else {
            None
        };
        self.problems = input_problems.clone();
        self.problems.extend(self.form.estimate_errors());
        self.reported_problems = input_problems;
        self.remember(ctx);
    }

    /// Keeps the state in the page's link, where the widget owns the page.
    fn remember(&self, ctx: &Context<Self>) {
        if ctx.props().sync_url {
            write_url(&self.form);
        }
    }

    fn stale(&self) -> bool {
        self.result.is_some() && !self.errors.is_empty()
    }

    fn link(&self, ctx: &Context<Self>) -> String {
        let query = query_string(&self.form);
        let base = match &ctx.props().link_base {
            Some(base) => base.to_string(),
            None => web_sys::window()
                .and_then(|w| {
                    let l = w.location();
                    Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
                })
                .unwrap_or_default(),
        };
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    }
}

fn dispatch(ctx: &Context<App>, name: &str, detail: wasm_bindgen::JsValue) {
    let Some(host) = &ctx.props().host else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn query_string(form: &Form) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    for (name, value) in form.to_pairs() {
        params.append(name, &value);
    }
    params.to_string().into()
}

fn write_url(form: &Form) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = query_string(form);
    let Ok(path) = window.location().pathname() else {
        return;
    };
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let mut app = App {
            form: ctx.props().initial.clone(),
            result: None,
            errors: Vec::new(),
            copy_outcome: None,
            problems: Vec::new(),
            reported_problems: Vec::new(),
            alternative_area: None,
            root: NodeRef::default(),
        };
        app.recompute(ctx);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(key, value) => {
                self.form.set(key, value);
                self.copy_outcome = None;
            }
            // Display only: the result stays as it is; the link remembers the choice.
            Msg::ToggleLang => {
                self.form.lang = if self.form.lang == Lang::Zh {
                    Lang::En
                } else {
                    Lang::Zh
                };
                self.remember(ctx);
                return true;
            }
            Msg::ToggleLarge => {
                self.form.large_text = !self.form.large_text;
                self.remember(ctx);
                return true;
            }
            Msg::UseHouseholdsEstimate => match self.form.households_estimate() {
                Ok(n) => self.form.set(Key::Households, n.to_string()),
                Err(_) => return false,
            },
            Msg::UsePopulationEstimate => match self.form.population_estimate() {
                Ok(n) => self.form.set(Key::Population, n.to_string()),
                Err(_) => return false,
            },
            Msg::CopyLink => {
                let link = self.link(ctx);
                let done = ctx.link().callback(Msg::Copied);
                copy_to_clipboard(link, done);
                return false;
            }
            Msg::Copied(outcome) => {
                self.copy_outcome = Some(outcome);
                return true;
            }
            Msg::Print => {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
                return false;
            }
            Msg::SetView(view) => {
                if self.form.view == view {
                    return false;
                }
                self.form.view = view;
                self.remember(ctx);
                return true;
            }
            Msg::ToggleCompared(id) => {
                let mut picked: Vec<&str> = self.form.compared();
                if picked.contains(&id) {
                    picked.retain(|p| *p != id);
                } else {
                    picked.push(id);
                }
                // Keep the table's order; all ticked is the default and needs nothing in the link.
                let ordered: Vec<&str> = JURISDICTIONS
                    .iter()
                    .map(|j| j.id)
                    .filter(|j| picked.contains(j))
                    .collect();
                let value = if ordered.len() == JURISDICTIONS.len() {
                    String::new()
                } else {
                    ordered.join(",")
                };
                self.form.set(Key::Compare, value);
                self.remember(ctx);
                return true;
            }
            Msg::SetMode(mode) => {
                if self.form.mode == mode {
                    return false;
                }
                self.form.mode = mode;
                self.remember(ctx);
                return true;
            }
            Msg::Apply(options) => {
                for (name, value) in &options {
                    self.form.apply(name, value);
                }
            }
            Msg::FocusField(id) => {
                if let Some(element) = self
                    .root
                    .cast::<web_sys::Element>()
                    .and_then(|root| root.query_selector(&format!("#{id}")).ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    element.scroll_into_view();
                    let _ = element.focus();
                }
                return false;
            }
        }
        self.recompute(ctx);
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang();
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        let link = ctx.link();
        let view = self.form.view;
        let estimated = self.form.households_estimated().is_some();
        let tab = |target: View, label: crate::standards::Text| {
            html! {
                <button type="button" class={classes!("fc-button", "fc-tab", (view != target).then_some("fc-button--secondary"))}
                    aria-pressed={(view == target).to_string()} data-view={match target { View::Calculator => "calculator", View::Compare => "compare" }}
                    onclick={link.callback(move |_| Msg::SetView(target))}>{ self.tr(label) }</button>
            }
        };
        html! {
            <div ref={self.root.clone()} lang={lang.tag()}
                class={classes!("fc", self.form.large_text.then_some("fc--large"), self.form.compact.then_some("fc--compact"))}>
                <header class="fc-header">
                    <div class="fc-header-text">
                        <h2 class="fc-title">{ self.tr(tx::TITLE) }</h2>
                        <p class="fc-subtitle">{ self.subtitle() }</p>
                    </div>
                    <div class="fc-toolbar fc-no-print">
                        <div class="fc-tabs" role="group" aria-label={self.tr(tx::VIEWS)}>
                            { tab(View::Calculator, tx::VIEW_CALCULATOR) }
                            { tab(View::Compare, tx::VIEW_COMPARE) }
                        </div>
                        <button type="button" class="fc-button fc-button--secondary" lang={other.tag()}
                            aria-label={self.tr(tx::SWITCH_LANG_LABEL)} onclick={link.callback(|_| Msg::ToggleLang)}>
                            { self.tr(tx::SWITCH_LANG) }
                        </button>
                        <button type="button" class="fc-button fc-button--secondary" aria-pressed={self.form.large_text.to_string()}
                            onclick={link.callback(|_| Msg::ToggleLarge)}>
                            { self.tr(tx::LARGE_TEXT) }
                        </button>
                    </div>
                </header>
                { self.view_error_summary(ctx) }
                if view == View::Compare {
                    <Compare form={self.form.clone()} lang={lang} prefix={ctx.props().prefix.clone()}
                        on_toggle={link.callback(Msg::ToggleCompared)} />
                    { self.view_actions(ctx) }
                } else {
                    <div class="fc-layout">
                        <form class="fc-form fc-no-print" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                            { self.view_community(ctx) }
                            { self.view_size(ctx) }
                            { self.view_design(ctx) }
                            { self.view_project(ctx) }
                        </form>
                        <div class="fc-results">
                            if let Some(result) = &self.result {
                                { report_header(result, lang, &self.project_rows(), self.report_date(), estimated) }
                            }
                            <Summary result={self.result.clone()} lang={lang} stale={self.stale()}
                                problems={self.problems.len()} assumption={self.assumption()} estimated={estimated} />
                            if let Some(result) = &self.result {
                                <Results result={result.clone()} lang={lang} compact={self.form.compact} stale={self.stale()} />
                                { signature_block(lang, self.form.get(Key::Handler).trim()) }
                            }
                            { self.view_actions(ctx) }
                        </div>
                    </div>
                }
            </div>
        }
    }
}

fn copy_to_clipboard(link: String, done: Callback<Option<String>>) {
    let Some(window) = web_sys::window() else {
        done.emit(Some(link));
        return;
    };
    let promise = window.navigator().clipboard().write_text(&link);
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => done.emit(None),
            Err(_) => done.emit(Some(link)),
        }
    });
}

impl App {
    /// Under the title: which jurisdiction the answer is for, once one is chosen (the compact card's only
    /// header, so it must follow a change of jurisdiction); the general description before that.
    fn subtitle(&self) -> String {
        match jurisdiction(self.form.get(Key::Jurisdiction)) {
            Some(j) if self.form.compact => self.tr(j.name).to_string(),
            Some(j) => format!(
                "{}{}{}",
                self.tr(j.name),
                self.tr(tx::COLON),
                self.tr(tx::SUBTITLE)
            ),
            None => self.tr(tx::SUBTITLE).to_string(),
        }
    }

    /// The assumption a default construction makes, and what the other choice gives (from the engine).
    fn assumption(&self) -> Option<AttrValue> {
        let current = self.result.as_ref()?.required_area_m2;
        let other = self.alternative_area?;
        let rest = if Some(other) == current {
            self.tr(tx::ALTERNATIVE_SAME).to_string()
        } else {
            format!(
                "{} {} m²",
                self.tr(tx::ALTERNATIVE_NEW),
                crate::number::format_number(other)
            )
        };
        Some(
            format!(
                "{}{}{rest}",
                self.tr(tx::ASSUMED_EXISTING),
                self.tr(tx::LIST_SEPARATOR)
            )
            .into(),
        )
    }

    /// The report fields filled in, with their labels, for the printed report.
    fn project_rows(&self) -> Vec<(crate::standards::Text, String)> {
        Key::PROJECT
            .into_iter()
            .filter(|k| *k != Key::ReportDate)
            .filter(|k| !self.form.get(*k).trim().is_empty())
            .map(|k| (project_label(k), self.form.get(k).trim().to_string()))
            .collect()
    }

    fn report_date(&self) -> Option<&str> {
        Some(self.form.get(Key::ReportDate).trim()).filter(|d| !d.is_empty())
    }

    fn view_project(&self, ctx: &Context<Self>) -> Html {
        let open = Key::PROJECT.iter().any(|k| !self.form.get(*k).is_empty());
        html! {
            // Not `fc-section`: hosts and tests find the design section as the widget's one `details.fc-section`.
            <details class="fc-details fc-report-fields" {open}>
                <summary class="fc-details-summary fc-section-title">{ self.tr(tx::SECTION_PROJECT) }</summary>
                <div class="fc-details-body">
                    <p class="fc-hint">{ self.tr(tx::PROJECT_HINT) }</p>
                    { for Key::PROJECT.into_iter().map(|key| {
                        let hint = (key == Key::ReportDate).then_some(tx::REPORT_DATE_HINT);
                        self.text_field(ctx, key, project_label(key), hint, "text", None)
                    }) }
                </div>
            </details>
        }
    }

    fn text_field(
        &self,
        ctx: &Context<Self>,
        key: Key,
        label: crate::standards::Text,
        hint: Option<crate::standards::Text>,
        inputmode: &'static str,
        suffix: Option<&'static str>,
    ) -> Html {
        html! {
            <TextField id={self.id(ctx, key)} label={self.tr(label)} hint={hint.map(|h| AttrValue::from(self.tr(h)))}
                value={self.form.get(key).to_string()} error={self.field_error(key)} error_prefix={self.tr(tx::ERROR_PREFIX)}
                inputmode={inputmode} suffix={suffix.map(AttrValue::from)}
                oninput={ctx.link().callback(move |v| Msg::Edit(key, v))} />
        }
    }

    fn view_error_summary(&self, ctx: &Context<Self>) -> Html {
        let errors = &self.problems;
        if errors.is_empty() {
            return html! {};
        }
        let items = errors.iter().map(|e| {
            let message = self.message(e);
            match Key::from_field_id(e.field) {
                Some(key) => {
                    let id = self.id(ctx, key);
                    let onclick = {
                        let id = id.clone();
                        ctx.link().callback(move |event: MouseEvent| {
                            event.prevent_default();
                            Msg::FocusField(id.clone())
                        })
                    };
                    html! { <li><a href={format!("#{id}")} {onclick}>{ message }</a></li> }
                }
                None => html! { <li>{ message }</li> },
            }
        });
        html! {
            <div class="fc-error-summary" aria-labelledby={format!("{}-error-summary-title", ctx.props().prefix)}>
                <h3 class="fc-error-summary-title" id={format!("{}-error-summary-title", ctx.props().prefix)}>
                    { self.tr(tx::ERROR_SUMMARY_TITLE) }
                </h3>
                <ul class="fc-error-summary-list">{ for items }</ul>
            </div>
        }
    }

    fn view_community(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang();
        let link = ctx.link();
        let jurisdictions: Vec<Choice> = JURISDICTIONS
            .iter()
            .map(|j| Choice {
                value: j.id,
                label: lang.pick(j.name).into(),
                hint: None,
            })
            .collect();
        let selected = jurisdiction(self.form.get(Key::Jurisdiction));
        // The community types the chosen jurisdiction's documents speak of (all, before one is chosen).
        let settlements: Vec<Choice> = match selected {
            Some(j) => offered_settlements(j)
                .map(|(id, name, description)| Choice {
                    value: id.id(),
                    label: lang.pick(name).into(),
                    hint: Some(lang.pick(description)),
                })
                .collect(),
            None => SETTLEMENTS
                .iter()
                .map(|s| Choice {
                    value: s.id.id(),
                    label: lang.pick(s.name).into(),
                    hint: Some(lang.pick(s.description)),
                })
                .collect(),
        };
        let typed_settlement = self.form.get(Key::Settlement);
        let settlement_not_offered = !typed_settlement.is_empty()
            && self.field_error(Key::Settlement).is_none()
            && !settlements.iter().any(|c| c.value == typed_settlement);
        // The default choice says it is one, so nobody gets "existing" without being told.
        let default_label = |c: &crate::standards::ChoiceInfo<crate::standards::Construction>| {
            if c.id == CONSTRUCTIONS[0].id {
                AttrValue::from(format!(
                    "{}{}",
                    lang.pick(c.name),
                    lang.pick(tx::DEFAULT_MARK)
                ))
            } else {
                AttrValue::from(lang.pick(c.name))
            }
        };
        let constructions: Vec<Choice> = CONSTRUCTIONS
            .iter()
            .map(|c| Choice {
                value: c.id.id(),
                label: default_label(c),
                hint: Some(lang.pick(c.description)),
            })
            .collect();
        let construction = match self.form.get(Key::Construction) {
            "" => "existing",
            typed => typed,
        };
        let programme = match self.form.get(Key::Programme) {
            "" => "standard",
            typed => typed,
        };
        let offers_programmes = selected.is_some_and(|j| {
            PROGRAMMES
                .iter()
                .skip(1)
                .any(|p| j.programmes.has_programme(p.id))
        });
        let programmes: Vec<Choice> = PROGRAMMES
            .iter()
            .filter(|p| selected.is_some_and(|j| j.programmes.has_programme(p.id)))
            .map(|p| Choice {
                value: p.id.id(),
                label: lang.pick(p.name).into(),
                hint: Some(lang.pick(p.description)),
            })
            .collect();
        html! {
            <fieldset class="fc-section">
                <legend class="fc-section-title">{ self.tr(tx::SECTION_COMMUNITY) }</legend>
                <Select id={self.id(ctx, Key::Jurisdiction)} label={self.tr(tx::JURISDICTION)}
                    hint={AttrValue::from(self.tr(tx::JURISDICTION_HINT))} placeholder={self.tr(tx::CHOOSE)}
                    choices={jurisdictions} value={self.form.get(Key::Jurisdiction).to_string()}
                    error={self.field_error(Key::Jurisdiction)} error_prefix={self.tr(tx::ERROR_PREFIX)}
                    onchange={link.callback(|v| Msg::Edit(Key::Jurisdiction, v))} />
                if let Some(j) = selected {
                    <p class="fc-documents">
                        { self.tr(tx::DOCUMENTS_APPLIED) }
                        { for j.documents.iter().filter_map(|d| document(d)).enumerate().map(|(i, d)| html! {
                            <>
                                if i > 0 { { self.tr(tx::LIST_SEPARATOR) } }
                                <span lang="zh-CN">{ d.title }</span>{ tx::bracketed(lang, d.date) }
                                if d.draft { <span class="fc-tag fc-tag--draft">{ self.tr(tx::DRAFT) }</span> }
                            </>
                        }) }
                    </p>
                }
                <Radios id={self.id(ctx, Key::Settlement)} legend={self.tr(tx::SETTLEMENT)} choices={settlements}
                    value={self.form.get(Key::Settlement).to_string()} error={self.field_error(Key::Settlement)}
                    hint={settlement_not_offered.then(|| AttrValue::from(self.tr(tx::SETTLEMENT_NOT_OFFERED)))}
                    error_prefix={self.tr(tx::ERROR_PREFIX)} onchange={link.callback(|v| Msg::Edit(Key::Settlement, v))} />
                { self.text_field(ctx, Key::Households, tx::HOUSEHOLDS, Some(tx::HOUSEHOLDS_HINT), "numeric", Some(lang.pick(tx::HOUSEHOLDS_UNIT))) }
                <Radios id={self.id(ctx, Key::Construction)} legend={self.tr(tx::CONSTRUCTION)} choices={constructions}
                    hint={AttrValue::from(self.tr(tx::CONSTRUCTION_HINT))}
                    value={construction.to_string()} error={self.field_error(Key::Construction)} inline=true
                    error_prefix={self.tr(tx::ERROR_PREFIX)} onchange={link.callback(|v| Msg::Edit(Key::Construction, v))} />
                if offers_programmes || self.field_error(Key::Programme).is_some() {
                    <Radios id={self.id(ctx, Key::Programme)} legend={self.tr(tx::PROGRAMME)} choices={programmes}
                        value={programme.to_string()} error={self.field_error(Key::Programme)}
                        error_prefix={self.tr(tx::ERROR_PREFIX)} onchange={link.callback(|v| Msg::Edit(Key::Programme, v))} />
                }
            </fieldset>
        }
    }

    fn view_size(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang();
        let link = ctx.link();
        let land_touched = Key::LAND.iter().any(|k| self.form.touched(*k));
        let land = self.form.households_estimate_explained();
        let land_error = |key: Key| self.field_error(key);
        let land_field = |key: Key,
                          label,
                          hint: Option<crate::standards::Text>,
                          inputmode: &'static str| {
            html! {
                <TextField id={self.id(ctx, key)} label={self.tr(label)} hint={hint.map(|h| AttrValue::from(self.tr(h)))}
                    value={self.form.get(key).to_string()} error={land_error(key)} error_prefix={self.tr(tx::ERROR_PREFIX)}
                    inputmode={inputmode} oninput={link.callback(move |v| Msg::Edit(key, v))} />
            }
        };
        let population = self.form.population_estimate_explained();
        // The census default until the user edits the field; then exactly what they typed, even nothing
        // (showing 2.62 again in an emptied field would make the next keystroke append to it).
        let persons_text = if self.form.touched(Key::PersonsPerHousehold) {
            self.form.get(Key::PersonsPerHousehold)
        } else {
            self.form.persons_per_household()
        }
        .to_string();
        html! {
            <fieldset class="fc-section">
                <legend class="fc-section-title">{ self.tr(tx::SECTION_SIZE) }</legend>
                <details class="fc-details" open={land_touched}>
                    <summary class="fc-details-summary">{ self.tr(tx::LAND_ESTIMATE) }</summary>
                    <div class="fc-details-body">
                        <p class="fc-hint">{ self.tr(tx::LAND_HINT) }</p>
                        { land_field(Key::SiteAreaM2, tx::SITE_AREA, None, "decimal") }
                        { land_field(Key::Far, tx::FAR, None, "decimal") }
                        { land_field(Key::ResidentialShare, tx::RESIDENTIAL_SHARE, Some(tx::RESIDENTIAL_SHARE_HINT), "decimal") }
                        { land_field(Key::AvgUnitM2, tx::AVG_UNIT, None, "decimal") }
                        if let Ok(estimate) = &land {
                            <p class="fc-estimate"><span class="fc-estimate-label">{ self.tr(tx::ESTIMATE) }{ self.tr(tx::COLON) }</span>
                                { lang_pick_owned(lang, &estimate.formula) }</p>
                            <p class="fc-hint">{ self.tr(tx::ESTIMATE_FEEDS) }</p>
                            <button type="button" class="fc-button fc-button--secondary"
                                onclick={link.callback(|_| Msg::UseHouseholdsEstimate)}>{ self.tr(tx::USE_ESTIMATE) }</button>
                        }
                    </div>
                </details>
                { self.text_field(ctx, Key::Population, tx::POPULATION, Some(tx::POPULATION_HINT), "numeric", Some(lang.pick(tx::PEOPLE))) }
                <div class="fc-inline-estimate">
                    <TextField id={self.id(ctx, Key::PersonsPerHousehold)} label={self.tr(tx::PERSONS)}
                        hint={AttrValue::from(self.tr(tx::PERSONS_HINT))} value={persons_text}
                        error={self.field_error(Key::PersonsPerHousehold)}
                        error_prefix={self.tr(tx::ERROR_PREFIX)} inputmode="decimal"
                        oninput={link.callback(|v| Msg::Edit(Key::PersonsPerHousehold, v))} />
                    if let Ok(estimate) = &population {
                        <p class="fc-estimate"><span class="fc-estimate-label">{ self.tr(tx::ESTIMATE) }{ self.tr(tx::COLON) }</span>
                            { lang_pick_owned(lang, &estimate.formula) }</p>
                        <button type="button" class="fc-button fc-button--secondary"
                            onclick={link.callback(|_| Msg::UsePopulationEstimate)}>{ self.tr(tx::USE_POPULATION) }</button>
                    }
                </div>
            </fieldset>
        }
    }

    fn view_design(&self, ctx: &Context<Self>) -> Html {
        let open = self.form.mode == Mode::Check;
        let toggle = ctx.link().callback(|e: Event| {
            let open = e
                .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                .open();
            Msg::SetMode(if open { Mode::Check } else { Mode::Plan })
        });
        html! {
            <details class="fc-details fc-section" {open} ontoggle={toggle}>
                <summary class="fc-details-summary fc-section-title">{ self.tr(tx::SECTION_DESIGN) }</summary>
                <div class="fc-details-body">
                    <p class="fc-hint">{ self.tr(tx::DESIGN_HINT) }</p>
                    { self.text_field(ctx, Key::TotalM2, tx::TOTAL, None, "decimal", Some("m²")) }
                    { self.text_field(ctx, Key::OfficeM2, tx::OFFICE, None, "decimal", Some("m²")) }
                    { self.text_field(ctx, Key::ActivityM2, tx::ACTIVITY, None, "decimal", Some("m²")) }
                    { self.text_field(ctx, Key::OccupiedHouseholds, tx::OCCUPIED, Some(tx::OCCUPIED_HINT), "numeric", Some(self.tr(tx::HOUSEHOLDS_UNIT))) }
                </div>
            </details>
        }
    }

    fn view_actions(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        html! {
            <div class="fc-actions fc-no-print">
                <button type="button" class="fc-button" onclick={link.callback(|_| Msg::CopyLink)}>{ self.tr(tx::COPY_LINK) }</button>
                <button type="button" class="fc-button fc-button--secondary" onclick={link.callback(|_| Msg::Print)}>{ self.tr(tx::PRINT) }</button>
                <div class="fc-copy-outcome" role="status">
                    { match &self.copy_outcome {
                        Some(None) => html! { <p>{ self.tr(tx::COPIED) }</p> },
                        Some(Some(url)) => html! {
                            <p>{ self.tr(tx::COPY_FAILED) }<br />
                                <input class="fc-input fc-input--link" type="text" readonly=true value={url.clone()}
                                    aria-label={self.tr(tx::COPY_LINK)} /></p>
                        },
                        None => html! {},
                    } }
                </div>
            </div>
        }
    }
}

fn lang_pick_owned(lang: Lang, text: &crate::estimate::Text2) -> String {
    match lang {
        Lang::Zh => text.zh.clone(),
        Lang::En => text.en.clone(),
    }
}

/// The label of a report field (one place for each, read by the form and the report).
fn project_label(key: Key) -> crate::standards::Text {
    match key {
        Key::ProjectName => tx::PROJECT_NAME,
        Key::Address => tx::ADDRESS,
        Key::Developer => tx::DEVELOPER,
        Key::Handler => tx::HANDLER,
        _ => tx::REPORT_DATE_FIELD,
    }
}
