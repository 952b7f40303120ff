//! Autosave of a form in the browser: the candidature step and the review. The server renders
//! the whole form (fields, problems of a refused post, counters, the status line); without
//! JavaScript each form is a plain post. The [`AutosaveForm`] island wraps that markup and,
//! once hydrated, only listens: it saves a moment after typing pauses, when a field is left
//! or a choice changes, one save at a time (the next waits for the version the previous one
//! returns), writes « Enregistré à HH:MM », moves the length counters, and shows a refusal's
//! problems next to their fields. When a save fails (session expired, network down), what
//! was typed is kept in this browser and put back in the form the next time it opens.
//!
//! The island works on the server's markup through a few marks: `data-autosave-alert` (where
//! a refusal's alert goes), `data-autosave-status` (the status line), `data-problem="<field>"`
//! (a field's message area), `<id>-counter` (a field's length counter). It posts the form as
//! the browser would, to the form's own address, asking for JSON: the server function answers
//! with the new version, a redirect, or its `AppError`. No view is rendered in the browser,
//! which keeps the WebAssembly small.

use crate::domain::i18n::Locale;
use crate::ui::components::form::{ActionError, FormAlert};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The forms that autosave, and how they differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AutosaveKind {
    /// A candidature step: « Enregistrer et continuer » goes through the save queue.
    Step,
    /// A review: its buttons stay plain posts, disabled while a save is on its way (its
    /// answer carries the version they must send).
    Review,
}

impl AutosaveKind {
    /// What the status line says before the page is interactive (or without JavaScript).
    fn before(self, l: Locale) -> &'static str {
        match self {
            AutosaveKind::Step => l.pick(
                "Vos réponses sont enregistrées à chaque « Enregistrer et continuer ».",
                "Your answers are saved at each « Save and continue ».",
            ),
            AutosaveKind::Review => l.pick("Votre brouillon est enregistré par « Enregistrer le brouillon ».", "Your draft is saved by « Save the draft »."),
        }
    }
}

/// The save state line under the form, announced politely to screen readers; the island
/// rewrites it.
#[component]
pub fn AutosaveStatus(kind: AutosaveKind) -> impl IntoView {
    let l = crate::ui::use_locale();
    view! { <p class="fr-text--sm fr-mb-1w app-autosave" role="status" data-autosave-status="">{kind.before(l)}</p> }
}

/// A form that autosaves: the plain post (its `id` and `version` first, the alert of a
/// refused save above the fields) inside the island. `children` are the fields, the
/// [`AutosaveStatus`] line and the buttons.
// What the island and the post need; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
#[component]
pub fn AutosavedForm(
    kind: AutosaveKind,
    /// The server function's address.
    action: &'static str,
    id: i64,
    version: i64,
    /// What a post without JavaScript was refused for.
    error: ActionError,
    key: String,
    login: String,
    fields: Vec<(String, String)>,
    children: Children,
) -> impl IntoView {
    let l = crate::ui::use_locale();
    view! {
        <AutosaveForm locale=l kind key login fields>
            <form method="post" action=action novalidate>
                <div data-autosave-alert="">
                    <FormAlert error/>
                </div>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                {children()}
            </form>
        </AutosaveForm>
    }
}

/// The island around a server-rendered `<form>`. `key` names the copy kept in this browser
/// after a failed save; `login` is the sign-in page coming back here (an island cannot read
/// the router); `fields` are set on every autosave (not on a submission), e.g. `go=0`.
#[island]
fn AutosaveForm(locale: Locale, kind: AutosaveKind, key: String, login: String, fields: Vec<(String, String)>, children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    root.on_load(move |el| browser::attach(el.into(), browser::Settings { l: locale, kind, key, login, fields }));
    #[cfg(not(feature = "hydrate"))]
    let _ = (locale, kind, key, login, fields);
    view! { <div node_ref=root>{children()}</div> }
}

/// HH:MM in the browser's time zone (the state is only « saved » in the browser).
#[cfg(feature = "hydrate")]
fn local_time(unix_seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_seconds as f64 * 1000.0));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{local_time, AutosaveKind};
    use crate::api::candidature::Saved;
    use crate::domain::error::AppError;
    use crate::domain::i18n::Locale;
    use leptos::prelude::window;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event, HtmlFormElement, HtmlInputElement, UrlSearchParams};

    /// Wait after the last keystroke before saving.
    const DEBOUNCE_MS: i32 = 1500;

    pub struct Settings {
        pub l: Locale,
        pub kind: AutosaveKind,
        pub key: String,
        pub login: String,
        pub fields: Vec<(String, String)>,
    }

    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Idle,
        /// Typed, not saved yet.
        Dirty,
        Saving,
        /// Saved at this time (UTC unix seconds).
        Saved(i64),
        /// Refused for the fields' content: the problems show next to the fields.
        Invalid,
        /// Not saved (signed out, network, conflict): what was typed is kept in this browser.
        Failed { signed_out: bool },
    }

    struct Autosave {
        s: Settings,
        form: HtmlFormElement,
        state: State,
        busy: bool,
        /// A save asked for while another was running: whether it is a submission.
        queued: Option<bool>,
        timer: Option<i32>,
    }

    type Shared = Rc<RefCell<Autosave>>;

    /// Starts listening to the form inside `root`.
    pub fn attach(root: Element, s: Settings) {
        let Some(form) = root.query_selector("form").ok().flatten().and_then(|f| f.dyn_into::<HtmlFormElement>().ok()) else { return };
        let kind = s.kind;
        let me: Shared = Rc::new(RefCell::new(Autosave { s, form, state: State::Idle, busy: false, queued: None, timer: None }));
        listen(&root, "input", &me, |me, ev| {
            count(&me.borrow(), &ev);
            changed(me);
        });
        listen(&root, "change", &me, |me, ev| {
            // A choice (radio, checkbox, list) is saved at once; text waits for a pause.
            let choice = ev.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|t| {
                t.tag_name() == "SELECT" || t.get_attribute("type").is_some_and(|k| k == "radio" || k == "checkbox")
            });
            if choice {
                cancel_timer(me);
                save(me, false);
            } else {
                changed(me);
            }
        });
        listen(&root, "focusout", &me, |me, _| {
            if me.borrow().state == State::Dirty {
                cancel_timer(me);
                save(me, false);
            }
        });
        if kind == AutosaveKind::Step {
            listen(&root, "submit", &me, |me, ev| {
                ev.prevent_default();
                cancel_timer(me);
                save(me, true);
            });
        }
        show(&me.borrow());
        if backup::restore(&me.borrow()) {
            restored_notice(&me.borrow());
            changed(&me);
        }
    }

    fn listen(root: &Element, event: &str, me: &Shared, f: fn(&Shared, Event)) {
        let me = me.clone();
        let handler = Closure::<dyn FnMut(Event)>::new(move |ev: Event| f(&me, ev));
        let _ = root.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        handler.forget();
    }

    /// The live count of characters typed in a field that has a counter.
    fn count(a: &Autosave, ev: &Event) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Some(max) = target.get_attribute("maxlength").and_then(|m| m.parse::<usize>().ok()) else { return };
        let Some(counter) = a.form.owner_document().and_then(|d| d.get_element_by_id(&format!("{}-counter", target.id()))) else { return };
        let value = if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
            i.value()
        } else if let Some(t) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            t.value()
        } else {
            return;
        };
        let n = value.chars().count();
        counter.set_text_content(Some(&match a.s.l {
            Locale::Fr => format!("{n} / {max} caractères"),
            Locale::En => format!("{n} / {max} characters"),
        }));
        let _ = counter.class_list().toggle_with_force("app-counter--over", n > max);
    }

    /// Something was typed: save once the typing pauses.
    fn changed(me: &Shared) {
        cancel_timer(me);
        me.borrow_mut().state = State::Dirty;
        show(&me.borrow());
        let later = me.clone();
        let tick = Closure::once_into_js(move || {
            later.borrow_mut().timer = None;
            save(&later, false);
        });
        let handle = window().set_timeout_with_callback_and_timeout_and_arguments_0(tick.unchecked_ref(), DEBOUNCE_MS).ok();
        me.borrow_mut().timer = handle;
    }

    fn cancel_timer(me: &Shared) {
        if let Some(h) = me.borrow_mut().timer.take() {
            window().clear_timeout_with_handle(h);
        }
    }

    /// Saves now, or after the save on its way; `submit`: « Enregistrer et continuer ».
    fn save(me: &Shared, submit: bool) {
        {
            let mut a = me.borrow_mut();
            if a.busy {
                a.queued = Some(a.queued.unwrap_or(false) || submit);
                return;
            }
            a.busy = true;
        }
        let me = me.clone();
        leptos::task::spawn_local(async move {
            let mut submit = submit;
            loop {
                let ok = save_once(&me, submit).await;
                let next = me.borrow_mut().queued.take();
                match next {
                    Some(s) if ok => submit = s,
                    _ => break,
                }
            }
            me.borrow_mut().busy = false;
        });
    }

    /// One save; true if it went through.
    async fn save_once(me: &Shared, submit: bool) -> bool {
        let (url, body) = {
            let mut a = me.borrow_mut();
            let Some(body) = web_sys::FormData::new_with_form(&a.form).ok().and_then(|d| UrlSearchParams::new_with_str_sequence_sequence(&d).ok()) else {
                return false;
            };
            if !submit {
                for (k, v) in &a.s.fields {
                    body.set(k, v);
                }
            }
            a.state = State::Saving;
            show(&a);
            buttons(&a, true);
            (a.form.action(), body)
        };
        let answer = post(&url, &body).await;
        let mut a = me.borrow_mut();
        buttons(&a, false);
        let ok = match answer {
            Ok(Answer::Redirect(to)) => {
                backup::clear(&a.s.key);
                let _ = window().location().set_href(&to);
                true
            }
            Ok(Answer::Saved(saved)) => {
                if let Some(v) = a.form.query_selector("input[name=version]").ok().flatten().and_then(|v| v.dyn_into::<HtmlInputElement>().ok()) {
                    v.set_value(&saved.version.to_string());
                }
                backup::clear(&a.s.key);
                problems(&a, None);
                a.state = State::Saved(saved.saved_at);
                true
            }
            Err(e) => {
                a.queued = None;
                backup::keep(&a, &body);
                problems(&a, Some(&e));
                a.state = match e {
                    AppError::Invalid(_) => State::Invalid,
                    AppError::Unauthenticated | AppError::SessionExpired(_) => State::Failed { signed_out: true },
                    _ => State::Failed { signed_out: false },
                };
                false
            }
        };
        show(&a);
        ok
    }

    enum Answer {
        Saved(Saved),
        Redirect(String),
    }

    /// Posts the form's fields to its server function, as JSON is asked for.
    async fn post(url: &str, body: &UrlSearchParams) -> Result<Answer, AppError> {
        use wasm_bindgen_futures::JsFuture;
        let transport = |e: JsValue| AppError::Transport(format!("{e:?}"));
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(body);
        let headers = web_sys::Headers::new().map_err(transport)?;
        headers.set("Accept", "application/json").map_err(transport)?;
        init.set_headers(&headers);
        let response: web_sys::Response = JsFuture::from(window().fetch_with_str_and_init(url, &init)).await.map_err(transport)?.unchecked_into();
        let text = JsFuture::from(response.text().map_err(transport)?).await.map_err(transport)?.as_string().unwrap_or_default();
        // A server function that redirects answers a script with this header, not a 302.
        if response.headers().has("serverfnredirect").unwrap_or(false) {
            return Ok(Answer::Redirect(response.headers().get("location").ok().flatten().unwrap_or_default()));
        }
        if response.ok() {
            leptos::serde_json::from_str(&text).map(Answer::Saved).map_err(|e| AppError::Transport(e.to_string()))
        } else {
            Err(leptos::serde_json::from_str(&text).unwrap_or_else(|_| AppError::Transport(format!("HTTP {}", response.status()))))
        }
    }

    /// A review's buttons wait while a save is on its way (its answer carries the version).
    fn buttons(a: &Autosave, waiting: bool) {
        if a.s.kind != AutosaveKind::Review {
            return;
        }
        if let Ok(list) = a.form.query_selector_all("button[type=submit]") {
            for i in 0..list.length() {
                if let Some(b) = list.item(i).and_then(|b| b.dyn_into::<Element>().ok()) {
                    let _ = if waiting { b.set_attribute("disabled", "") } else { b.remove_attribute("disabled") };
                }
            }
        }
    }

    /// The refusal's alert, and each field's problem next to it (none: all cleared).
    fn problems(a: &Autosave, error: Option<&AppError>) {
        let l = a.s.l;
        let Some(doc) = a.form.owner_document() else { return };
        if let Some(slot) = a.form.query_selector("[data-autosave-alert]").ok().flatten() {
            slot.set_text_content(None);
            if let Some(e) = error {
                let alert = element(&doc, "div", "fr-alert fr-alert--error fr-alert--sm fr-mb-3w");
                let _ = alert.set_attribute("role", "alert");
                let p = element(&doc, "p", "");
                p.set_text_content(Some(&e.message(l)));
                let _ = alert.append_child(&p);
                let _ = slot.append_child(&alert);
            }
        }
        let form_errors = error.and_then(|e| e.form_errors());
        let Ok(areas) = a.form.query_selector_all("[data-problem]") else { return };
        for i in 0..areas.length() {
            let Some(area) = areas.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
            let name = area.get_attribute("data-problem").unwrap_or_default();
            let problem = form_errors.and_then(|f| f.for_field(&name));
            area.set_text_content(None);
            if let Some(p) = problem {
                let m = element(&doc, "p", "fr-message fr-message--error");
                m.set_text_content(Some(&p.message(l)));
                let _ = area.append_child(&m);
            }
            let Some(group) = area.parent_element() else { continue };
            for (base, marked) in [("fr-input-group", "fr-input-group--error"), ("fr-select-group", "fr-select-group--error"), ("fr-fieldset", "fr-fieldset--error")] {
                if group.class_list().contains(base) {
                    let _ = group.class_list().toggle_with_force(marked, problem.is_some());
                }
            }
            let Ok(controls) = group.query_selector_all(&format!("[aria-describedby=\"{}\"]", area.id())) else { continue };
            for j in 0..controls.length() {
                let Some(c) = controls.item(j).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
                let _ = if problem.is_some() { c.set_attribute("aria-invalid", "true") } else { c.remove_attribute("aria-invalid") };
                if c.class_list().contains("fr-input") {
                    let _ = c.class_list().toggle_with_force("fr-input--error", problem.is_some());
                }
            }
        }
    }

    fn element(doc: &web_sys::Document, tag: &str, class: &str) -> Element {
        let el = doc.create_element(tag).expect("a known tag");
        if !class.is_empty() {
            el.set_class_name(class);
        }
        el
    }

    /// Writes the state in the status line (with the sign-in link once signed out).
    fn show(a: &Autosave) {
        let l = a.s.l;
        let Some(line) = a.form.query_selector("[data-autosave-status]").ok().flatten() else { return };
        let text = match a.state {
            State::Idle => l.pick("Enregistrement automatique activé.", "Automatic saving is on.").to_string(),
            State::Dirty => l.pick("Modifications en attente d'enregistrement…", "Changes waiting to be saved…").to_string(),
            State::Saving => l.pick("Enregistrement…", "Saving…").to_string(),
            State::Saved(at) => format!("{} {}", l.pick("Enregistré à", "Saved at"), local_time(at)),
            State::Invalid => l.pick("Non enregistré : corrigez les champs signalés.", "Not saved: correct the fields marked in error.").to_string(),
            State::Failed { .. } => l
                .pick(
                    "Non enregistré. Votre saisie est gardée dans ce navigateur et sera remise ici à votre retour.",
                    "Not saved. What you typed is kept in this browser and will be put back here when you return.",
                )
                .to_string(),
        };
        line.set_text_content(Some(&text));
        if a.state == (State::Failed { signed_out: true }) {
            let Some(doc) = a.form.owner_document() else { return };
            let link = element(&doc, "a", "fr-link");
            let _ = link.set_attribute("href", &a.s.login);
            link.set_text_content(Some(match a.s.kind {
                AutosaveKind::Step => l.pick("Se reconnecter puis revenir à cette étape", "Log in again and come back to this step"),
                AutosaveKind::Review => l.pick("Se reconnecter puis revenir à cette évaluation", "Log in again and come back to this review"),
            }));
            let _ = line.append_with_str_1(" ");
            let _ = line.append_child(&link);
        }
    }

    /// Says that a kept copy was put back, under the status line.
    fn restored_notice(a: &Autosave) {
        let (Some(doc), Some(line)) = (a.form.owner_document(), a.form.query_selector("[data-autosave-status]").ok().flatten()) else { return };
        let notice = element(&doc, "div", "fr-alert fr-alert--info fr-alert--sm fr-mb-2w");
        let p = element(&doc, "p", "");
        p.set_text_content(Some(a.s.l.pick(
            "Nous avons remis dans le formulaire ce que vous aviez saisi sans pouvoir l'enregistrer.",
            "What you had typed without being able to save it has been put back in the form.",
        )));
        let _ = notice.append_child(&p);
        let _ = line.after_with_node_1(&notice);
    }

    /// The copy kept in the browser's local storage: the version it was typed against, then
    /// the form's fields URL-encoded. It is put back only if nobody saved since (same version).
    mod backup {
        use super::{window, Autosave};
        use wasm_bindgen::JsCast;
        use web_sys::UrlSearchParams;

        fn storage() -> Option<web_sys::Storage> {
            window().local_storage().ok().flatten()
        }

        fn version(a: &Autosave) -> Option<String> {
            a.form.query_selector("input[name=version]").ok().flatten()?.dyn_into::<web_sys::HtmlInputElement>().ok().map(|v| v.value())
        }

        pub fn keep(a: &Autosave, fields: &UrlSearchParams) {
            let (Some(store), Some(version)) = (storage(), version(a)) else { return };
            let _ = store.set_item(&a.s.key, &format!("{version}\n{}", String::from(fields.to_string())));
        }

        pub fn clear(key: &str) {
            if let Some(store) = storage() {
                let _ = store.remove_item(key);
            }
        }

        /// Puts a kept copy back in the form; true if there was one to put back.
        pub fn restore(a: &Autosave) -> bool {
            let Some(store) = storage() else { return false };
            let Some(text) = store.get_item(&a.s.key).ok().flatten() else { return false };
            let Some((kept_version, fields)) = text.split_once('\n') else { return false };
            if Some(kept_version.to_string()) != version(a) {
                // Saved since, from here or elsewhere: the kept copy is outdated.
                clear(&a.s.key);
                return false;
            }
            let Ok(params) = UrlSearchParams::new_with_str(fields) else { return false };
            let elements = a.form.elements();
            for i in 0..elements.length() {
                let Some(element) = elements.item(i) else { continue };
                if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
                    let name = input.name();
                    match input.type_().as_str() {
                        "hidden" | "submit" | "button" => {}
                        "checkbox" | "radio" => input.set_checked(params.get_all(&name).includes(&input.value().into(), 0)),
                        _ => input.set_value(&params.get(&name).unwrap_or_default()),
                    }
                } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    area.set_value(&params.get(&area.name()).unwrap_or_default());
                } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
                    select.set_value(&params.get(&select.name()).unwrap_or_default());
                }
            }
            true
        }
    }
}
