//! Form parts in the DSFR style: every field has a label, an optional hint and its error
//! message tied to it (`aria-describedby`), and keeps what the user typed.

use crate::domain::error::AppError;
use crate::ui::use_locale;
use leptos::prelude::*;

/// The error of a server action, if its last call failed.
pub type ActionError = Signal<Option<AppError>>;

/// Builds the error signal of a server action's last result.
pub fn action_error<T, V>(value: V) -> ActionError
where
    T: 'static,
    V: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

/// A text input with label, hint and error message.
#[component]
pub fn TextField(
    /// The form field name (the server function argument).
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    /// The value shown before anything is typed (a suggestion).
    #[prop(optional)]
    initial: Option<String>,
    /// The last error of the form this field belongs to.
    error: ActionError,
) -> impl IntoView {
    let l = use_locale();
    let id = format!("champ-{name}");
    let messages_id = format!("{id}-messages");
    let problem = move || {
        error.with(|e| e.as_ref().and_then(|e| e.form_errors()).and_then(|f| f.for_field(name)).map(|p| p.message(l)))
    };
    let kept = move || {
        error
            .with(|e| e.as_ref().and_then(|e| e.form_errors()).and_then(|f| f.kept_value(name)).map(str::to_string))
            .or_else(|| initial.clone())
    };
    let group_class = move || {
        if problem().is_some() { "fr-input-group fr-input-group--error" } else { "fr-input-group" }
    };
    let input_class = move || if problem().is_some() { "fr-input fr-input--error" } else { "fr-input" };
    view! {
        <div class=group_class>
            <label class="fr-label" for=id.clone()>
                {label}
                // A space keeps the label and its hint apart in the accessible name.
                {hint.map(|h| view! { " " <span class="fr-hint-text">{h}</span> })}
            </label>
            <input
                class=input_class
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                maxlength=maxlength
                aria-describedby=messages_id.clone()
                aria-invalid=move || problem().is_some().then_some("true")
                value=kept
            />
            <div class="fr-messages-group" id=messages_id aria-live="polite">
                {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}

/// The new password and its confirmation (sign-up, reset link, password change), posted as
/// `password` and `password_confirm` — the arguments of the server functions that set a
/// password — with the length rule as hint.
#[component]
pub fn NewPassword(
    /// The first field's label (« Mot de passe » at sign-up, « Nouveau mot de passe » elsewhere).
    label: &'static str,
    /// The confirmation's label.
    confirm_label: &'static str,
    /// The last error of the form the fields belong to.
    error: ActionError,
) -> impl IntoView {
    // The hint states the rule of `crate::domain::account::NewPassword::parse`.
    const _: () = assert!(crate::domain::account::PASSWORD_MIN == 12);
    let l = use_locale();
    view! {
        <TextField
            name="password"
            label
            hint=l.pick("12 caractères minimum.", "At least 12 characters.")
            kind="password"
            autocomplete="new-password"
            error
        />
        <TextField name="password_confirm" label=confirm_label kind="password" autocomplete="new-password" error/>
    }
}

/// The alert at the top of a form after a failed submission (role=alert so screen readers
/// announce it).
#[component]
pub fn FormAlert(error: ActionError) -> impl IntoView {
    let l = use_locale();
    move || {
        error.get().map(|e| {
            view! {
                <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
                    <p>{e.message(l)}</p>
                </div>
            }
        })
    }
}

/// A success notice.
#[component]
pub fn SuccessAlert(message: String) -> impl IntoView {
    view! {
        <div class="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
            <p>{message}</p>
        </div>
    }
}

/// The message of a field's problem in the last failed call, if any.
pub fn field_problem(error: ActionError, name: &str, l: crate::domain::i18n::Locale) -> Option<String> {
    error.with(|e| e.as_ref().and_then(|e| e.form_errors()).and_then(|f| f.for_field(name)).map(|p| p.message(l)))
}

/// What the user typed in a field of a refused form.
pub fn kept(error: &Option<AppError>, name: &str) -> String {
    error.as_ref().and_then(|e| e.form_errors()).and_then(|f| f.kept_value(name)).unwrap_or_default().to_string()
}

pub fn group_class(error: bool) -> &'static str {
    if error { "fr-input-group fr-input-group--error" } else { "fr-input-group" }
}

pub fn select_group_class(error: bool) -> &'static str {
    if error { "fr-select-group fr-select-group--error" } else { "fr-select-group" }
}

/// The error message area tied to a field by `aria-describedby`.
#[component]
pub fn Messages(id: &'static str, problem: impl Fn() -> Option<String> + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="fr-messages-group" id=id aria-live="polite">
            {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
        </div>
    }
}

/// A multi-line text field with label, hint and error message; keeps what was typed when
/// the form comes back refused.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = 5)] rows: u32,
    maxlength: u32,
    error: ActionError,
) -> impl IntoView {
    let l = use_locale();
    let id = format!("champ-{name}");
    let messages_id = format!("{id}-messages");
    let problem = move || field_problem(error, name, l);
    let value = move || error.with(|e| kept(e, name));
    view! {
        <div class=move || group_class(problem().is_some())>
            <label class="fr-label" for=id.clone()>
                {label}
                {hint.map(|h| view! { " " <span class="fr-hint-text">{h}</span> })}
            </label>
            <textarea
                class="fr-input"
                id=id.clone()
                name=name
                rows=rows
                maxlength=maxlength
                aria-describedby=messages_id.clone()
                aria-invalid=move || problem().is_some().then_some("true")
            >
                {move || crate::ui::raw_text::textarea(value())}
            </textarea>
            <div class="fr-messages-group" id=messages_id aria-live="polite">
                {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
}
