//! `/evaluations/:id` — the review screen, for a juror (jury track) or a staff member (staff
//! track): the candidature in full, a labelled scale with its rubric for each criterion of
//! the track, comments, the jury's opinion. Scores autosave when a choice changes or a
//! comment is left; without JavaScript « Enregistrer le brouillon » posts the form. Submitting
//! locks the review; the other reviewers' scores then show.

use crate::domain::paths::Page;
use crate::domain::ids::CohortId;

use crate::domain::done::Done;
use crate::ui::components::breadcrumb::Breadcrumb;
use crate::ui::components::loaded::done_param;
use crate::api::jury::{review_get, PeerReview, ReviewReopen, ReviewSave, ReviewView};
use crate::domain::criteria::{Criterion, Track};
use crate::domain::error::AppError;
use crate::domain::i18n::Locale;
use crate::domain::jury::{field, level_label, rubric, Opinion, ReviewForm, ReviewState, COMMENT_MAX, SCORE_MAX, SCORE_MIN};
use crate::ui::components::form::{action_error, field_problem, kept, ActionError, FormAlert, SuccessAlert};
use crate::ui::components::loaded::{id_param, loaded};
use crate::ui::components::recap::CandidatureRecap;
use crate::ui::components::autosave::{AutosaveKind, AutosaveStatus, AutosavedForm};
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let id = id_param("id");
    // Read on the server only: what a post without JavaScript was refused for (the island
    // autosaves through its own calls).
    let save = ServerAction::<ReviewSave>::new();
    let reopen = ServerAction::<ReviewReopen>::new();
    let review = Resource::new(id, |id| async move {
        match id {
            Some(id) => review_get(id).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(review, move |r| view! { <Review r save reopen/> })
}

#[component]
fn Review(r: ReviewView, save: ServerAction<ReviewSave>, reopen: ServerAction<ReviewReopen>) -> impl IntoView {
    let l = use_locale();
    let ok = done_param();
    let name = if r.candidature.project_name.is_empty() { l.pick("(sans nom)", "(no name)").to_string() } else { r.candidature.project_name.clone() };
    let title = format!("{} — {name}", l.pick("Évaluation", "Review"));
    let (position, count) = r.position;
    let back = if r.track == Track::Staff {
        (Page::StaffJury { cohort: CohortId(r.cohort_id) }.path(), format!("{} — {}", r.cohort_name, l.pick("jury", "jury")))
    } else {
        (Page::Seats.path(), l.pick("Mon espace juré", "My juror space").to_string())
    };
    let reopen_error = action_error(reopen.value());
    view! {
        <Title text=title.clone()/>
        <Breadcrumb trail=vec![back] here=r.reference.clone()/>
        <h1>{title}</h1>
        <p>
            <span class=if r.state == ReviewState::Submitted { "fr-badge fr-badge--success" } else { "fr-badge" }>{r.state.label().get(l)}</span>
            " "
            {(r.track == Track::Jury).then(|| match l {
                Locale::Fr => format!("Candidature {position} sur {count}"),
                Locale::En => format!("Application {position} of {count}"),
            })}
        </p>
        {move || {
            let message = match ok() {
                Some(Done::ReviewSubmitted) => Some(l.pick("Évaluation envoyée. Elle est verrouillée ; les évaluations des autres membres du jury s'affichent ci-dessous.", "Review submitted. It is locked; the other jury members' reviews show below.")),
                Some(Done::ReviewSaved) => Some(l.pick("Brouillon enregistré.", "Draft saved.")),
                Some(Done::ReviewReopened) => Some(l.pick("Évaluation rouverte : son auteur peut la modifier.", "Review reopened: its author can change it.")),
                _ => None,
            };
            message.map(|m| view! { <SuccessAlert message=m.to_string()/> })
        }}
        <NextLink next=r.next_review/>
        <div class="fr-grid-row fr-grid-row--gutters">
            <section class="fr-col-12 fr-col-lg-6" aria-labelledby="candidature-titre">
                <h2 id="candidature-titre">{l.pick("La candidature", "The application")}</h2>
                <CandidatureRecap form=r.candidature.clone()/>
            </section>
            <section class="fr-col-12 fr-col-lg-6" aria-labelledby="evaluation-titre">
                <h2 id="evaluation-titre">{l.pick("Votre évaluation", "Your review")}</h2>
                {if r.can_edit {
                    let refused = action_error(save.value()).get_untracked();
                    view! {
                        <ReviewEditor
                            id=r.id
                            version=r.version
                            criteria=r.criteria.clone()
                            track=r.track
                            form=r.form.clone()
                            refused
                        />
                    }
                        .into_any()
                } else {
                    view! { <ReviewRead form=r.form.clone() criteria=r.criteria.clone() track=r.track/> }.into_any()
                }}
                {r.can_reopen.then(|| view! {
                    <FormAlert error=reopen_error/>
                    <ActionForm action=reopen>
                        <input type="hidden" name="id" value=r.id.to_string()/>
                        <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Rouvrir cette évaluation", "Reopen this review")}</button>
                    </ActionForm>
                })}
                {r.peers.clone().map(|peers| view! { <Peers peers/> })}
            </section>
        </div>
    }
}

/// The next review to do, also reached with Alt+Shift+N once the page is interactive.
#[component]
fn NextLink(next: Option<i64>) -> impl IntoView {
    let l = use_locale();
    next.map(|n| view! { <NextShortcut locale=l href=Page::Review { id: n }.path()/> })
}

/// The link to the next review and its keyboard shortcut: an island, so that the shortcut
/// listens in the browser.
#[island]
fn NextShortcut(locale: Locale, href: String) -> impl IntoView {
    let l = locale;
    #[cfg(feature = "hydrate")]
    {
        let target = href.clone();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.alt_key() && ev.shift_key() && ev.code() == "KeyN" {
                ev.prevent_default();
                let _ = window().location().set_href(&target);
            }
        });
        on_cleanup(move || handle.remove());
    }
    view! {
        <p>
            <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href=href aria-keyshortcuts="Alt+Shift+N">
                {l.pick("Candidature suivante à évaluer", "Next application to review")}
            </a>
            <span class="fr-hint-text">{l.pick("Raccourci clavier : Alt + Maj + N", "Keyboard shortcut: Alt + Shift + N")}</span>
        </p>
    }
}

/// The review form, a plain post inside the island that saves the draft when a choice
/// changes or a comment pauses (`AutosaveForm`). « Enregistrer le brouillon » and « Envoyer
/// l'évaluation » stay plain posts, with or without JavaScript (the page comes back with its
/// notice); what a refused post typed shows again with its problems.
#[component]
fn ReviewEditor(
    id: i64,
    version: i64,
    criteria: Vec<Criterion>,
    track: Track,
    form: ReviewForm,
    refused: Option<AppError>,
) -> impl IntoView {
    let l = use_locale();
    let error: ActionError = Signal::stored(refused);
    let overall = initial(error, field::OVERALL, form.overall.clone());
    let save_url = <ReviewSave as leptos::server_fn::ServerFn>::url();
    let login = Page::Login.then(&Page::Review { id }.path());
    // An autosave keeps the draft (`submit` empty), like « Enregistrer le brouillon ».
    let fields = vec![("submit".to_string(), String::new())];
    view! {
        <AutosavedForm kind=AutosaveKind::Review action=save_url id version error key=format!("evaluation-{id}") login fields>
            {criteria
                .iter()
                .map(|c| view! { <CriterionField c=*c form=form.clone() error/> })
                .collect_view()}
            {(track == Track::Jury).then(|| view! { <OpinionField form=form.clone() error/> })}
            <div class="fr-input-group">
                <label class="fr-label" for="avis-general">
                    {l.pick("Commentaire général", "Overall comment")}
                    " "
                    <span class="fr-hint-text">{format!("{} {COMMENT_MAX} {}", l.pick("Facultatif.", "Optional."), l.pick("caractères maximum.", "characters maximum."))}</span>
                </label>
                <textarea class="fr-input" id="avis-general" name=field::OVERALL rows="4" maxlength=COMMENT_MAX>
                    {crate::ui::raw_text::textarea(overall)}
                </textarea>
            </div>
            <AutosaveStatus kind=AutosaveKind::Review/>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li>
                    <button type="submit" class="fr-btn fr-btn--secondary" name="submit" value="">
                        {l.pick("Enregistrer le brouillon", "Save the draft")}
                    </button>
                </li>
                <li>
                    <button type="submit" class="fr-btn" name="submit" value="1">
                        {l.pick("Envoyer l'évaluation", "Submit the review")}
                    </button>
                </li>
            </ul>
            <p class="fr-hint-text">
                {l.pick(
                    "Une évaluation envoyée est verrouillée (l'équipe du programme peut la rouvrir). Vous verrez alors les évaluations des autres membres du jury.",
                    "A submitted review is locked (the programme team can reopen it). You will then see the other jury members' reviews.",
                )}
            </p>
        </AutosavedForm>
    }
}

/// What a refused form typed in a field, else the stored value.
fn initial(error: ActionError, name: &str, stored: String) -> String {
    let typed = error.with_untracked(|e| kept(e, name));
    if error.with_untracked(|e| e.as_ref().and_then(|e| e.form_errors()).is_some()) { typed } else { stored }
}

/// One criterion: the 4 levels as radio buttons (arrow keys move between them), each with
/// its rubric, and a comment.
#[component]
fn CriterionField(c: Criterion, form: ReviewForm, error: ActionError) -> impl IntoView {
    let l = use_locale();
    let score_name = field::score(c);
    let comment_name = field::comment(c);
    let chosen = {
        let typed = error.with_untracked(|e| kept(e, &score_name));
        if typed.is_empty() { form.score_of(c).map(|s| s.to_string()).unwrap_or_default() } else { typed }
    };
    let legend_id = format!("legende-{}", c.code());
    let messages_id = format!("note-{}-messages", c.code());
    let problem = {
        let name = score_name.clone();
        move || field_problem(error, &name, l)
    };
    let has_problem = {
        let p = problem.clone();
        move || p().is_some()
    };
    let comment = initial(error, &comment_name, form.comment_of(c).to_string());
    let comment_id = format!("commentaire-{}", c.code());
    let labelled_by = format!("{legend_id} {messages_id}");
    view! {
        <fieldset
            class=move || if has_problem() { "fr-fieldset fr-fieldset--error" } else { "fr-fieldset" }
            role="radiogroup"
            aria-labelledby=labelled_by
        >
            <legend class="fr-fieldset__legend" id=legend_id>{c.label().get(l)}</legend>
            {(SCORE_MIN..=SCORE_MAX)
                .map(|s| {
                    let id = format!("note-{}-{s}", c.code());
                    view! {
                        <div class="fr-fieldset__element">
                            <div class="fr-radio-group">
                                <input type="radio" id=id.clone() name=score_name.clone() value=s.to_string() checked=chosen == s.to_string()/>
                                <label class="fr-label" for=id>
                                    {format!("{s} — {}", level_label(s).get(l))}
                                    <span class="fr-hint-text">{rubric(c, s).get(l)}</span>
                                </label>
                            </div>
                        </div>
                    }
                })
                .collect_view()}
            <div class="fr-messages-group" id=messages_id aria-live="polite" data-problem=score_name.clone()>
                {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </fieldset>
        <div class="fr-input-group">
            <label class="fr-label" for=comment_id.clone()>
                {format!("{} — {}", l.pick("Commentaire", "Comment"), c.label().get(l))}
                " "
                <span class="fr-hint-text">{format!("{} {COMMENT_MAX} {}", l.pick("Facultatif.", "Optional."), l.pick("caractères maximum.", "characters maximum."))}</span>
            </label>
            <textarea class="fr-input" id=comment_id name=comment_name rows="3" maxlength=COMMENT_MAX>{crate::ui::raw_text::textarea(comment)}</textarea>
        </div>
    }
}

#[component]
fn OpinionField(form: ReviewForm, error: ActionError) -> impl IntoView {
    let l = use_locale();
    let typed = error.with_untracked(|e| kept(e, field::OPINION));
    let chosen = if typed.is_empty() { form.opinion.map(|o| o.code().to_string()).unwrap_or_default() } else { typed };
    let problem = move || field_problem(error, field::OPINION, l);
    view! {
        <fieldset
            class=move || if problem().is_some() { "fr-fieldset fr-fieldset--error" } else { "fr-fieldset" }
            role="radiogroup"
            aria-labelledby="legende-avis opinion-messages"
        >
            <legend class="fr-fieldset__legend" id="legende-avis">{l.pick("L'avis du jury sur ce projet", "The jury's opinion on this project")}</legend>
            {Opinion::ALL
                .into_iter()
                .map(|o| {
                    let id = format!("avis-{}", o.code());
                    view! {
                        <div class="fr-fieldset__element fr-fieldset__element--inline">
                            <div class="fr-radio-group">
                                <input type="radio" id=id.clone() name=field::OPINION value=o.code() checked=chosen == o.code()/>
                                <label class="fr-label" for=id>{o.label().get(l)}</label>
                            </div>
                        </div>
                    }
                })
                .collect_view()}
            <div class="fr-messages-group" id="opinion-messages" aria-live="polite" data-problem=field::OPINION>
                {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </fieldset>
    }
}

/// A review that can no longer be changed, as text.
#[component]
fn ReviewRead(form: ReviewForm, criteria: Vec<Criterion>, track: Track) -> impl IntoView {
    let l = use_locale();
    view! {
        <dl class="app-facts">
            {criteria
                .into_iter()
                .map(|c| {
                    let score = form.score_of(c).map(|s| format!("{s} — {}", level_label(s).get(l))).unwrap_or_else(|| "—".to_string());
                    let comment = form.comment_of(c).to_string();
                    view! {
                        <dt>{c.label().get(l)}</dt>
                        <dd>{score}{(!comment.is_empty()).then(|| view! { <br/><q>{comment}</q> })}</dd>
                    }
                })
                .collect_view()}
            {(track == Track::Jury).then(|| view! {
                <dt>{l.pick("Avis", "Opinion")}</dt>
                <dd>{form.opinion.map(|o| o.label().get(l).to_string()).unwrap_or_else(|| "—".to_string())}</dd>
            })}
            {(!form.overall.is_empty()).then(|| view! {
                <dt>{l.pick("Commentaire général", "Overall comment")}</dt>
                <dd>{form.overall.clone()}</dd>
            })}
        </dl>
    }
}

/// The other reviewers' submitted reviews (jurors read them without names).
#[component]
fn Peers(peers: Vec<PeerReview>) -> impl IntoView {
    let l = use_locale();
    view! {
        <h2 class="fr-mt-5w">{l.pick("Les autres évaluations", "The other reviews")}</h2>
        {peers.is_empty().then(|| view! { <p>{l.pick("Aucune autre évaluation envoyée pour le moment.", "No other review submitted yet.")}</p> })}
        {peers
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let who = if p.reviewer.is_empty() {
                    format!("{} {}", l.pick("Évaluation", "Review"), i + 1)
                } else {
                    p.reviewer.clone()
                };
                let track = if p.track == Track::Staff { l.pick("volet administration", "administration track") } else { l.pick("jury", "jury") };
                let criteria: Vec<Criterion> = p.form.scores.iter().map(|s| s.criterion).collect();
                view! {
                    <h3 class="fr-h6">{format!("{who} ({track})")}</h3>
                    <ReviewRead form=p.form criteria track=p.track/>
                }
            })
            .collect_view()}
    }
}
