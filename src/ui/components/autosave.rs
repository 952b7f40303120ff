//! Autosave of a candidature step in the browser: a save a moment after the applicant stops
//! typing and when they leave a field, one save at a time (the next waits for the version
//! the previous one returns), « Enregistré à HH:MM » once done. « Enregistrer et continuer »
//! goes through the same queue, so it never races an autosave. When a save fails (session
//! expired, network down), what was typed is kept in this browser and put back in the form
//! the next time the step opens, then saved. Without JavaScript none of this runs: each step
//! is a plain form post.

use crate::api::candidature::save_candidature;
use crate::domain::error::AppError;
use crate::ui::use_locale;
use leptos::html;
use leptos::prelude::*;

/// Wait after the last keystroke before saving.
const DEBOUNCE_MS: u64 = 1500;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SaveState {
    /// Nothing typed since the page opened.
    Idle,
    /// Typed, not saved yet.
    Dirty,
    Saving,
    /// Saved at this time (UTC unix seconds).
    Saved(i64),
    /// The browser found problems (the same rules as the server): nothing was sent.
    Invalid,
    Failed,
}

#[derive(Clone, Copy)]
pub struct Autosave {
    id: i64,
    step: i32,
    form: NodeRef<html::Form>,
    /// The version the next save must name.
    pub version: RwSignal<i64>,
    pub state: RwSignal<SaveState>,
    pub error: RwSignal<Option<AppError>>,
    /// Text kept in the browser after a failed save was put back in the form.
    pub restored: RwSignal<bool>,
    busy: StoredValue<bool>,
    /// A save asked for while another was running: the step to go to after it (0: stay).
    queued: StoredValue<Option<i32>>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Autosave {
    pub fn new(id: i64, version: i64, step: i32, form: NodeRef<html::Form>) -> Self {
        let this = Autosave {
            id,
            step,
            form,
            version: RwSignal::new(version),
            state: RwSignal::new(SaveState::Idle),
            error: RwSignal::new(None),
            restored: RwSignal::new(false),
            busy: StoredValue::new(false),
            queued: StoredValue::new(None),
            timer: StoredValue::new(None),
        };
        // Once the form is in the page (browser only): put back what a failed save kept.
        Effect::new(move |_| {
            if this.form.get().is_some() && backup::restore(this) {
                this.restored.set(true);
                this.changed();
            }
        });
        this
    }

    fn key(&self) -> String {
        format!("candidature-{}-etape-{}", self.id, self.step)
    }

    // Events can arrive after the page has moved on (a field loses focus as a link is
    // followed): every signal is read and written with `try_`, doing nothing once disposed.

    /// Something was typed: save once the typing pauses.
    pub fn changed(self) {
        if self.state.try_set(SaveState::Dirty).is_some() {
            return;
        }
        self.cancel_timer();
        let handle = set_timeout_with_handle(move || self.save(0), std::time::Duration::from_millis(DEBOUNCE_MS));
        self.timer.try_set_value(handle.ok());
    }

    /// A field was left: save now if something changed.
    pub fn left_field(self) {
        if self.state.try_get_untracked() == Some(SaveState::Dirty) {
            self.cancel_timer();
            self.save(0);
        }
    }

    /// « Enregistrer et continuer »: save (after any save in flight), then go to step `go`.
    pub fn submit(self, ev: leptos::ev::SubmitEvent, go: i32) {
        ev.prevent_default();
        self.cancel_timer();
        self.save(go);
    }

    fn cancel_timer(self) {
        if let Some(h) = self.timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }

    fn save(self, go: i32) {
        match self.busy.try_get_value() {
            None => return,
            Some(true) => {
                self.queued.try_update_value(|q| *q = Some(q.unwrap_or(0).max(go)));
                return;
            }
            Some(false) => {}
        }
        self.busy.try_set_value(true);
        // Read now: a link being followed may take the form away before the task runs.
        let mut form = self.read();
        leptos::task::spawn_local(async move {
            let mut go = go;
            loop {
                self.save_once(go, form.take()).await;
                let failed = self.state.try_get_untracked().is_none_or(|s| matches!(s, SaveState::Failed | SaveState::Invalid));
                match self.queued.try_update_value(Option::take).flatten() {
                    Some(next) if !failed => go = next,
                    _ => break,
                }
            }
            self.busy.try_set_value(false);
        });
    }

    async fn save_once(self, go: i32, form: Option<crate::domain::candidature_form::CandidatureForm>) {
        let (Some(form), Some(version)) = (form.or_else(|| self.read()), self.version.try_get_untracked()) else { return };
        // The domain's draft rules, checked here first for instant feedback; the server checks
        // them again (and more) as the authority.
        let problems = form.clone().normalised().check_limits();
        if !problems.is_empty() {
            self.queued.try_set_value(None);
            self.error.try_set(Some(AppError::Invalid(problems)));
            self.state.try_set(SaveState::Invalid);
            return;
        }
        self.state.try_set(SaveState::Saving);
        // With `go`, the server records the step reached and answers with a redirect that the
        // router follows.
        match save_candidature(self.id, version, self.step, form, go).await {
            Ok(saved) => {
                self.version.try_set(saved.version);
                self.error.try_set(None);
                self.state.try_set(SaveState::Saved(saved.saved_at));
                backup::clear(&self.key());
            }
            Err(e) => {
                self.queued.try_set_value(None);
                backup::keep(self);
                self.error.try_set(Some(e));
                self.state.try_set(SaveState::Failed);
            }
        }
    }

    /// The step's fields as the form holds them now (the browser only).
    #[cfg(not(feature = "hydrate"))]
    fn read(self) -> Option<crate::domain::candidature_form::CandidatureForm> {
        None
    }

    #[cfg(feature = "hydrate")]
    fn read(self) -> Option<crate::domain::candidature_form::CandidatureForm> {
        use crate::api::candidature::SaveCandidature;
        use leptos::form::FromFormData;
        let el = self.form.try_get_untracked().flatten()?;
        let data = web_sys::FormData::new_with_form(&el).ok()?;
        SaveCandidature::from_form_data(&data).ok().map(|s| s.form)
    }
}

/// The copy kept in the browser's local storage: the version it was typed against, then the
/// form's fields URL-encoded. It is put back only if nobody saved since (same version).
#[cfg(feature = "hydrate")]
mod backup {
    use super::Autosave;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    pub fn keep(a: Autosave) {
        let (Some(store), Some(el)) = (storage(), a.form.try_get_untracked().flatten()) else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&el) else { return };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else { return };
        let Some(version) = a.version.try_get_untracked() else { return };
        let text = format!("{version}\n{}", String::from(params.to_string()));
        let _ = store.set_item(&a.key(), &text);
    }

    pub fn clear(key: &str) {
        if let Some(store) = storage() {
            let _ = store.remove_item(key);
        }
    }

    /// Puts a kept copy back in the form; true if there was one to put back.
    pub fn restore(a: Autosave) -> bool {
        let (Some(store), Some(el)) = (storage(), a.form.try_get_untracked().flatten()) else { return false };
        let Some(text) = store.get_item(&a.key()).ok().flatten() else { return false };
        let Some((version, fields)) = text.split_once('\n') else { return false };
        if version.parse::<i64>().ok() != a.version.try_get_untracked() {
            // Saved since, from here or elsewhere: the kept copy is outdated.
            clear(&a.key());
            return false;
        }
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(fields) else { return false };
        let elements = el.elements();
        for i in 0..elements.length() {
            let Some(element) = elements.item(i) else { continue };
            if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
                let name = input.name();
                match input.type_().as_str() {
                    "hidden" | "submit" | "button" => {}
                    "checkbox" | "radio" => input.set_checked(params.get(&name).as_deref() == Some(input.value().as_str())),
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

/// On the server there is no browser storage: nothing is kept or put back.
#[cfg(not(feature = "hydrate"))]
mod backup {
    use super::Autosave;

    pub fn keep(_: Autosave) {}

    pub fn clear(_: &str) {}

    pub fn restore(_: Autosave) -> bool {
        false
    }
}

/// The save state under the form, announced politely to screen readers.
#[component]
pub fn AutosaveStatus(
    autosave: Autosave,
    /// The login page, coming back to this step (an island cannot read the router).
    login: String,
) -> impl IntoView {
    let l = use_locale();
    // Only the browser can autosave: until hydration, the text says how saving works without it.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let text = move || match autosave.state.get() {
        _ if !live.get() => {
            l.pick("Vos réponses sont enregistrées à chaque « Enregistrer et continuer ».", "Your answers are saved at each « Save and continue ».")
                .to_string()
        }
        SaveState::Idle => l.pick("Enregistrement automatique activé.", "Automatic saving is on.").to_string(),
        SaveState::Dirty => l.pick("Modifications en attente d'enregistrement…", "Changes waiting to be saved…").to_string(),
        SaveState::Saving => l.pick("Enregistrement…", "Saving…").to_string(),
        SaveState::Saved(at) => format!("{} {}", l.pick("Enregistré à", "Saved at"), local_time(at)),
        SaveState::Invalid => l
            .pick("Non enregistré : corrigez les champs signalés.", "Not saved: correct the fields marked in error.")
            .to_string(),
        SaveState::Failed => l
            .pick(
                "Non enregistré. Votre saisie est gardée dans ce navigateur et sera remise ici à votre retour.",
                "Not saved. What you typed is kept in this browser and will be put back here when you return.",
            )
            .to_string(),
    };
    let login = move || {
        (autosave.error.get() == Some(AppError::Unauthenticated)).then(|| {
            view! {
                " "
                <a class="fr-link" href=login.clone()>
                    {l.pick("Se reconnecter puis revenir à cette étape", "Log in again and come back to this step")}
                </a>
            }
        })
    };
    view! {
        <p class="fr-text--sm fr-mb-1w app-autosave" role="status">
            {text}
            {login}
        </p>
        {move || {
            autosave
                .restored
                .get()
                .then(|| {
                    view! {
                        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-2w">
                            <p>
                                {l.pick(
                                    "Nous avons remis dans le formulaire ce que vous aviez saisi sans pouvoir l'enregistrer.",
                                    "What you had typed without being able to save it has been put back in the form.",
                                )}
                            </p>
                        </div>
                    }
                })
        }}
    }
}

/// HH:MM in the browser's time zone (the state is only « saved » in the browser).
#[cfg(not(feature = "hydrate"))]
pub fn local_time(_: i64) -> String {
    String::new()
}

#[cfg(feature = "hydrate")]
pub fn local_time(unix_seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_seconds as f64 * 1000.0));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}
