//! The widget: one component that owns the form state and re-evaluates on every edit
//! (inputs → `Form::evaluate` → view). Everything it shows comes from the engine.

use super::compare::Compare;
use super::fields::{Choice, Radios, Select, TextField, field_label};
use super::packs::{self, SharedRuleset};
use super::results::{Results, Summary, report_header, signature_block};
use super::text as tx;
use crate::form::{Form, Key, Mode, View};
use crate::input::FieldError;
use crate::rules::Construction;
use crate::session::Calculation;
use crate::standards::{standards_name, standards_used};
use crate::text::Lang;
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
    ToggleCompared(crate::rules::Str),
    /// The design section opened or closed: the state (and link) changes, the result does not.
    SetMode(Mode),
    /// Options from the host (`handle.update`, attribute changes): text, or why it could not be taken.
    Apply(Vec<(String, Result<String, FieldError>)>),
    FocusField(String),
    /// A rule pack's JSON text from a file the user chose, or why it was not read.
    LoadPack(Result<(String, crate::registry::FileEncoding), crate::rules::PackError>),
    UseBuiltin,
}

pub struct App {
    form: Form,
    /// The result, the problems and the assumption shown, worked out natively (`session.rs`).
    calc: Calculation,
    /// After "Copy link": None = copied; Some(url) = copying failed, show the link to copy by hand.
    copy_outcome: Option<Option<String>>,
    /// The ruleset the form asks for (the built-in one, or a loaded pack); `None` while a link names a pack
    /// that is not loaded here.
    ruleset: Option<SharedRuleset>,
    /// Why the last rule pack the user chose was not loaded.
    pack_errors: Vec<crate::rules::PackError>,
    /// What was said about the encoding of the pack file loaded last (English, Chinese), if not UTF-8.
    pack_read_as: Option<(&'static str, &'static str)>,
    root: NodeRef,
}

impl App {
    fn id(&self, ctx: &Context<Self>, key: Key) -> String {
        format!("{}-{}", ctx.props().prefix, key.name())
    }

    fn lang(&self) -> Lang {
        self.form.lang
    }

    fn tr(&self, text: crate::text::Text) -> &'static str {
        self.form.lang.pick(text)
    }

    fn message(&self, error: &FieldError) -> String {
        match self.form.lang {
            Lang::Zh => error.message_zh.clone(),
            Lang::En => error.message.clone(),
        }
    }

    fn field_error(&self, key: Key) -> Option<AttrValue> {
        self.calc
            .problems
            .iter()
            .find(|e| e.field == key)
            .map(|e| self.message(e).into())
    }

    /// Re-evaluates, keeps the last good result when the input has a problem, and tells the host: a result
    /// event when the result changed (or the input has just been put right), an error event when the
    /// problems shown changed. Switching the language or the text size changes neither, so sends nothing.
    fn recompute(&mut self, ctx: &Context<Self>) {
        self.ruleset = packs::resolve(&self.form).map(SharedRuleset);
        let events = self
            .calc
            .recompute(&self.form, self.ruleset.as_ref().map(|set| &*set.0));
        if let Some(result) = &events.result {
            dispatch(
                ctx,
                "facility-calc:result",
                &crate::plan::Advised::new(result),
            );
        }
        if let Some(errors) = &events.error {
            dispatch(ctx, "facility-calc:error", &ErrorDetail { errors });
        }
        self.remember(ctx);
    }

    /// Keeps the state in the page's link, where the widget owns the page.
    fn remember(&self, ctx: &Context<Self>) {
        if ctx.props().sync_url {
            write_url(&self.form);
        }
    }

    fn stale(&self) -> bool {
        self.calc.stale()
    }

    /// The address of `file` beside the page links point to (the widget's pages in `dist/`).
    fn beside(&self, ctx: &Context<Self>, file: &str) -> String {
        let base = self.base(ctx);
        let folder = base.rfind('/').map_or("", |at| &base[..=at]);
        format!("{folder}{file}")
    }

    /// The page links point to: `link_base`, else this page (origin and path).
    fn base(&self, ctx: &Context<Self>) -> String {
        match &ctx.props().link_base {
            Some(base) => base.to_string(),
            None => web_sys::window()
                .and_then(|w| {
                    let l = w.location();
                    Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
                })
                .unwrap_or_default(),
        }
    }

    fn link(&self, ctx: &Context<Self>) -> String {
        let query = query_string(&self.form);
        let base = self.base(ctx);
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    }
}

/// The `detail` of a `facility-calc:error` event.
#[derive(serde::Serialize)]
struct ErrorDetail<'a> {
    errors: &'a [FieldError],
}

/// Tells the host page, on the host element. Through the boundary layer: the detail is built with defined
/// properties and the event init has no prototype, so a page's `Object.prototype` setters and getters never
/// run, and a listener that throws stays the page's problem.
fn dispatch<T: serde::Serialize>(ctx: &Context<App>, name: &str, detail: &T) {
    if let Some(host) = &ctx.props().host {
        crate::host::dispatch(host, name, detail);
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
            calc: Calculation::default(),
            copy_outcome: None,
            ruleset: None,
            pack_errors: Vec::new(),
            pack_read_as: None,
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
                let Some(SharedRuleset(set)) = self.ruleset.clone() else {
                    return false;
                };
                let mut picked = self.form.compared(&set);
                if picked.contains(&id) {
                    picked.retain(|p| *p != id);
                } else {
                    picked.push(id);
                }
                // Keep the table's order; all ticked is the default and needs nothing in the link.
                let ordered: Vec<&str> = set
                    .jurisdictions
                    .iter()
                    .map(|j| j.id.as_str())
                    .filter(|j| picked.iter().any(|p| p == j))
                    .collect();
                let value = if ordered.len() == set.jurisdictions.len() {
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
                    self.form.apply_option(name, value);
                }
            }
            Msg::LoadPack(file) => {
                let read = file.map_err(|e| vec![e]).and_then(|(text, encoding)| {
                    packs::load_text(&text).map(|set| (set, encoding))
                });
                match read {
                    Ok((set, encoding)) => {
                        self.pack_errors.clear();
                        self.pack_read_as = encoding.notice();
                        self.form.rules = Some((set.id.to_string(), set.version.to_string()));
                    }
                    Err(errors) => {
                        self.pack_errors = errors;
                        return true;
                    }
                }
            }
            Msg::UseBuiltin => {
                self.pack_errors.clear();
                self.pack_read_as = None;
                self.form.rules = None;
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
        let tab = |target: View, label: crate::text::Text| {
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
                    if let Some(set) = &self.ruleset {
                        <Compare form={self.form.clone()} ruleset={set.clone()} lang={lang} prefix={ctx.props().prefix.clone()}
                            on_toggle={link.callback(Msg::ToggleCompared)} />
                    }
                    { self.view_actions(ctx) }
                } else {
                    <div class="fc-layout">
                        <form class="fc-form fc-no-print" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                            { self.view_community(ctx) }
                            { self.view_size(ctx) }
                            { self.view_design(ctx) }
                            { self.view_project(ctx) }
                            { self.view_standard(ctx) }
                        </form>
                        <div class="fc-results">
                            { self.view_pack_notice() }
                            if let (Some(result), Some(set)) = (&self.calc.result, &self.ruleset) {
                                { report_header(result, &set.0, lang, &self.project_rows(), self.report_date(), estimated) }
                            }
                            <Summary result={self.calc.result.clone()} lang={lang} stale={self.stale()}
                                problems={self.calc.problems.len()} assumption={self.assumption()} estimated={estimated} />
                            if let (Some(result), Some(set)) = (&self.calc.result, &self.ruleset) {
                                <Results result={result.clone()} ruleset={set.clone()} lang={lang} compact={self.form.compact} stale={self.stale()} />
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
        let lang = self.lang();
        let selected = self.ruleset.as_ref().and_then(|set| {
            set.0
                .jurisdiction(self.form.get(Key::Jurisdiction))
                .cloned()
        });
        match selected {
            Some(j) if self.form.compact => lang.text(&j.name).to_string(),
            Some(j) => format!(
                "{}{}{}",
                lang.text(&j.name),
                self.tr(tx::COLON),
                self.tr(tx::SUBTITLE)
            ),
            None => self.tr(tx::SUBTITLE).to_string(),
        }
    }

    /// The assumption a default construction makes, and what the other choice gives (from the engine).
    fn assumption(&self) -> Option<AttrValue> {
        let current = self.calc.result.as_ref()?.required_area_m2;
        let other = self.calc.alternative_area?;
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
    fn project_rows(&self) -> Vec<(crate::text::Text, String)> {
        Key::report()
            .filter(|k| *k != Key::ReportDate)
            .filter(|k| !self.form.get(*k).trim().is_empty())
            .map(|k| (k.field().label, self.form.get(k).trim().to_string()))
            .collect()
    }

    fn report_date(&self) -> Option<&str> {
        Some(self.form.get(Key::ReportDate).trim()).filter(|d| !d.is_empty())
    }

    fn view_project(&self, ctx: &Context<Self>) -> Html {
        let open = Key::report().any(|k| !self.form.get(k).is_empty());
        html! {
            // Not `fc-section`: hosts and tests find the design section as the widget's one `details.fc-section`.
            <details class="fc-details fc-report-fields" {open}>
                <summary class="fc-details-summary fc-section-title">{ self.tr(tx::SECTION_PROJECT) }</summary>
                <div class="fc-details-body">
                    <p class="fc-hint">{ self.tr(tx::PROJECT_HINT) }</p>
                    { for Key::report().map(|key| self.text_field(ctx, key)) }
                </div>
            </details>
        }
    }

    /// A registry field as a text input: its label (with its unit or qualifier), hint, suffix and
    /// `inputmode` all come from `fields::FIELDS`.
    fn text_field(&self, ctx: &Context<Self>, key: Key) -> Html {
        let field = key.field();
        html! {
            <TextField id={self.id(ctx, key)} label={AttrValue::from(field_label(field, self.lang()))}
                hint={field.hint.map(|h| AttrValue::from(self.tr(h)))}
                value={self.form.get(key).to_string()} error={self.field_error(key)} error_prefix={self.tr(tx::ERROR_PREFIX)}
                inputmode={field.entry.inputmode()} suffix={field.suffix.map(|s| AttrValue::from(self.tr(s)))}
                oninput={ctx.link().callback(move |v| Msg::Edit(key, v))} />
        }
    }

    fn view_error_summary(&self, ctx: &Context<Self>) -> Html {
        let errors = &self.calc.problems;
        if errors.is_empty() {
            return html! {};
        }
        let items = errors.iter().map(|e| {
            let message = self.message(e);
            match e.field.key() {
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
        let Some(SharedRuleset(set)) = &self.ruleset else {
            return html! {};
        };
        let jurisdictions: Vec<Choice> = set
            .jurisdictions
            .iter()
            .map(|j| Choice {
                value: j.id.rc().into(),
                label: lang.text(&j.name).rc().into(),
                hint: None,
            })
            .collect();
        let selected = set.jurisdiction(self.form.get(Key::Jurisdiction));
        // The community types the chosen jurisdiction's documents speak of, in its words (all, before one
        // is chosen).
        let settlements: Vec<Choice> = match selected {
            Some(j) => j
                .settlements
                .iter()
                .map(|o| Choice {
                    value: set.settlements[o.settlement].id.rc().into(),
                    label: lang.text(&o.name).rc().into(),
                    hint: Some(lang.text(&o.description).rc().into()),
                })
                .collect(),
            None => set
                .settlements
                .iter()
                .map(|s| Choice {
                    value: s.id.rc().into(),
                    label: lang.text(&s.name).rc().into(),
                    hint: Some(lang.text(&s.description).rc().into()),
                })
                .collect(),
        };
        let typed_settlement = self.form.get(Key::Settlement);
        let settlement_not_offered = !typed_settlement.is_empty()
            && self.field_error(Key::Settlement).is_none()
            && !settlements.iter().any(|c| c.value == typed_settlement);
        // The default choice says it is one, so nobody gets "existing" without being told.
        let constructions: Vec<Choice> = Construction::ALL
            .iter()
            .map(|c| {
                let (name, description) = c.words();
                let label = if *c == Construction::Existing {
                    format!("{}{}", lang.pick(name), lang.pick(tx::DEFAULT_MARK))
                } else {
                    lang.pick(name).to_string()
                };
                Choice {
                    value: c.id().into(),
                    label: label.into(),
                    hint: Some(lang.pick(description).into()),
                }
            })
            .collect();
        let construction = match self.form.get(Key::Construction) {
            "" => Construction::Existing.id(),
            typed => typed,
        };
        let programme = match self.form.get(Key::Programme) {
            "" => set.programmes[set.default_programme].id.as_str(),
            typed => typed,
        };
        let offers_programmes = selected.is_some_and(|j| set.offers_programmes(j));
        let programmes: Vec<Choice> = selected
            .map(|j| {
                j.programmes
                    .members(set.programmes.len())
                    .map(|p| &set.programmes[p])
                    .map(|p| Choice {
                        value: p.id.rc().into(),
                        label: lang.text(&p.name).rc().into(),
                        hint: Some(lang.text(&p.description).rc().into()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let programme_legend = match selected {
            Some(j) => format!(
                "{}{}",
                self.tr(Key::Programme.field().label),
                tx::bracketed(lang, &lang.text(&j.name))
            ),
            None => self.tr(Key::Programme.field().label).to_string(),
        };
        html! {
            <fieldset class="fc-section">
                <legend class="fc-section-title">{ self.tr(tx::SECTION_COMMUNITY) }</legend>
                <Select id={self.id(ctx, Key::Jurisdiction)} label={self.tr(Key::Jurisdiction.field().label)}
                    hint={Key::Jurisdiction.field().hint.map(|h| AttrValue::from(self.tr(h)))} placeholder={self.tr(tx::CHOOSE)}
                    choices={jurisdictions} value={self.form.get(Key::Jurisdiction).to_string()}
                    error={self.field_error(Key::Jurisdiction)} error_prefix={self.tr(tx::ERROR_PREFIX)}
                    onchange={link.callback(|v| Msg::Edit(Key::Jurisdiction, v))} />
                if let Some(j) = selected {
                    <p class="fc-documents">
                        { self.tr(tx::DOCUMENTS_APPLIED) }
                        { for j.documents.iter().map(|d| &set.documents[*d]).enumerate().map(|(i, d)| html! {
                            <>
                                if i > 0 { { self.tr(tx::LIST_SEPARATOR) } }
                                <span lang="zh-CN">{ d.title.clone() }</span>{ tx::bracketed(lang, &d.date) }
                                if d.draft() { <span class="fc-tag fc-tag--draft">{ self.tr(tx::DRAFT) }</span> }
                            </>
                        }) }
                    </p>
                }
                <Radios id={self.id(ctx, Key::Settlement)} legend={self.tr(Key::Settlement.field().label)} choices={settlements}
                    value={self.form.get(Key::Settlement).to_string()} error={self.field_error(Key::Settlement)}
                    hint={settlement_not_offered.then(|| AttrValue::from(self.tr(tx::SETTLEMENT_NOT_OFFERED)))}
                    hints_on_demand=true
                    error_prefix={self.tr(tx::ERROR_PREFIX)} onchange={link.callback(|v| Msg::Edit(Key::Settlement, v))} />
                { self.text_field(ctx, Key::Households) }
                <Radios id={self.id(ctx, Key::Construction)} legend={self.tr(Key::Construction.field().label)} choices={constructions}
                    hint={Key::Construction.field().hint.map(|h| AttrValue::from(self.tr(h)))}
                    value={construction.to_string()} error={self.field_error(Key::Construction)} inline=true
                    error_prefix={self.tr(tx::ERROR_PREFIX)} onchange={link.callback(|v| Msg::Edit(Key::Construction, v))} />
                if offers_programmes || self.field_error(Key::Programme).is_some() {
                    <Radios id={self.id(ctx, Key::Programme)} legend={programme_legend} choices={programmes}
                        value={programme.to_string()} error={self.field_error(Key::Programme)}
                        error_prefix={self.tr(tx::ERROR_PREFIX)} onchange={link.callback(|v| Msg::Edit(Key::Programme, v))} />
                }
            </fieldset>
        }
    }

    /// Which standards apply, and loading a local one from a file (read in the browser, never uploaded).
    fn view_standard(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang();
        let link = ctx.link();
        let id = format!("{}-rules-file", ctx.props().prefix);
        let loaded = link.callback(Msg::LoadPack);
        let onchange = Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                packs::read_file(file, loaded.clone());
            }
            input.set_value("");
        });
        let current = match &self.ruleset {
            Some(set) if set.0.builtin => html! {
                <p class="fc-standard-current">{ standards_name(&set.0, lang, false) }</p>
            },
            Some(set) => html! {
                <p class="fc-standard-current">
                    <span class="fc-tag fc-tag--local">{ self.tr(tx::LOCAL_STANDARD) }</span>{ " " }
                    { standards_name(&set.0, lang, false) }
                </p>
            },
            None => html! {},
        };
        let custom = self.form.rules.is_some();
        html! {
            <details class="fc-details fc-standard" open={custom || !self.pack_errors.is_empty()}>
                <summary class="fc-details-summary fc-section-title">{ self.tr(tx::STANDARD) }</summary>
                <div class="fc-details-body">
                    { current }
                    if let (true, Some((en, zh))) = (custom, self.pack_read_as) {
                        <p class="fc-hint fc-pack-encoding">{ if lang == Lang::Zh { zh } else { en } }</p>
                    }
                    <div class={classes!("fc-field", (!self.pack_errors.is_empty()).then_some("fc-field--error"))}>
                        <label class="fc-label" for={id.clone()}>{ self.tr(tx::LOAD_LOCAL) }</label>
                        <p class="fc-hint" id={format!("{id}-hint")}>{ self.tr(tx::LOAD_LOCAL_HINT) }</p>
                        <p class="fc-hint"><a href={self.beside(ctx, crate::standards::EDITOR_PAGE)}>{ self.tr(tx::OPEN_EDITOR) }</a></p>
                        if !self.pack_errors.is_empty() {
                            <div class="fc-error-message" id={format!("{id}-error")}>
                                <p>{ self.tr(tx::PACK_REJECTED) }</p>
                                <ul>{ for self.pack_errors.iter().take(20).map(|e| html! {
                                    <li><code>{ if e.path.is_empty() { "/".to_string() } else { e.path.clone() } }</code>{ " " }
                                        { if lang == Lang::Zh { e.message_zh.clone() } else { e.message.clone() } }</li>
                                }) }</ul>
                            </div>
                        }
                        <input class="fc-file" type="file" id={id.clone()} accept=".json,application/json"
                            aria-describedby={if self.pack_errors.is_empty() { format!("{id}-hint") } else { format!("{id}-hint {id}-error") }}
                            {onchange} />
                    </div>
                    if custom {
                        <button type="button" class="fc-button fc-button--secondary"
                            onclick={link.callback(|_| Msg::UseBuiltin)}>{ self.tr(tx::USE_BUILTIN) }</button>
                    }
                </div>
            </details>
        }
    }

    /// Above the result: the standards it was worked out under when they are not the built-in ones, or the
    /// pack a link needs when it is not loaded.
    fn view_pack_notice(&self) -> Html {
        let lang = self.lang();
        match (&self.ruleset, &self.form.rules) {
            (None, Some((id, version))) => html! {
                <p class="fc-pack-notice fc-pack-notice--missing" role="alert">
                    { self.tr(tx::PACK_NEEDED).replace("{id}", id).replace("{version}", version) }
                </p>
            },
            (Some(set), _) if !set.0.builtin => html! {
                <p class="fc-pack-notice">
                    <span class="fc-tag fc-tag--local">{ self.tr(tx::LOCAL_STANDARD) }</span>{ " " }
                    { standards_used(&set.0, lang) }
                </p>
            },
            _ => html! {},
        }
    }

    fn view_size(&self, ctx: &Context<Self>) -> Html {
        let lang = self.lang();
        let link = ctx.link();
        let land_touched = Key::land().any(|k| self.form.touched(k));
        let land = self.form.households_estimate_explained();
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
                        { self.text_field(ctx, Key::SiteAreaM2) }
                        { self.text_field(ctx, Key::Far) }
                        { self.text_field(ctx, Key::ResidentialShare) }
                        { self.text_field(ctx, Key::AvgUnitM2) }
                        if let Ok(estimate) = &land {
                            <p class="fc-estimate"><span class="fc-estimate-label">{ self.tr(tx::ESTIMATE) }{ self.tr(tx::COLON) }</span>
                                { lang_pick_owned(lang, &estimate.formula) }</p>
                            <p class="fc-hint">{ self.tr(tx::ESTIMATE_FEEDS) }</p>
                            <button type="button" class="fc-button fc-button--secondary"
                                onclick={link.callback(|_| Msg::UseHouseholdsEstimate)}>{ self.tr(tx::USE_ESTIMATE) }</button>
                        }
                    </div>
                </details>
                { self.text_field(ctx, Key::Population) }
                <div class="fc-inline-estimate">
                    <TextField id={self.id(ctx, Key::PersonsPerHousehold)} label={AttrValue::from(field_label(Key::PersonsPerHousehold.field(), lang))}
                        hint={Key::PersonsPerHousehold.field().hint.map(|h| AttrValue::from(self.tr(h)))} value={persons_text}
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
                if self.ruleset.as_ref().is_some_and(|set| self.form.asks_residential_floor_area(&set.0)) {
                    { self.text_field(ctx, Key::ResidentialFloorAreaM2) }
                    if let Some((_, formula)) = self.form.residential_floor_area_estimated() {
                        <p class="fc-estimate"><span class="fc-estimate-label">{ self.tr(tx::ESTIMATE) }{ self.tr(tx::COLON) }</span>
                            { lang_pick_owned(lang, &formula) }</p>
                    }
                }
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
                    { self.text_field(ctx, Key::TotalM2) }
                    { self.text_field(ctx, Key::OfficeM2) }
                    { self.text_field(ctx, Key::ActivityM2) }
                    { self.text_field(ctx, Key::OccupiedHouseholds) }
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
