//! The candidature's optional PDF: the file in place (download link, size, date) and, for the
//! applicant while they may edit, the upload and removal forms (plain multipart posts).

use crate::api::attachment::{AttachmentView, REMOVED, UPLOADED};
use crate::domain::ids::CandidatureId;
use crate::domain::paths::Download;
use crate::domain::attachment::{human_size, AttachmentProblem};
use crate::ui::format::date_time;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The attached file, if any, as a download link.
#[component]
pub fn AttachmentLink(id: i64, attachment: Option<AttachmentView>) -> impl IntoView {
    let l = use_locale();
    match attachment {
        None => view! { <p>{l.pick("Aucune pièce jointe.", "No attachment.")}</p> }.into_any(),
        Some(a) => view! {
            <p>
                <a class="fr-link" href=Download::Attachment { id: CandidatureId(id) }.path() rel="external" download>
                    {format!("{} {}", l.pick("Télécharger", "Download"), a.file_name)}
                </a>
                {format!(
                    " — PDF, {}, {} {}",
                    human_size(a.size_bytes, l),
                    l.pick("ajoutée le", "added on"),
                    date_time(l, a.uploaded_at),
                )}
            </p>
        }
        .into_any(),
    }
}

/// The applicant's section: the file and, when `editable`, its upload or removal.
#[component]
pub fn AttachmentSection(id: i64, attachment: Option<AttachmentView>, editable: bool) -> impl IntoView {
    let l = use_locale();
    let query = use_query_map();
    let outcome = query.with_untracked(|q| q.get("piece").unwrap_or_default());
    let notice = match outcome.as_str() {
        UPLOADED => Some(("fr-alert fr-alert--success fr-alert--sm fr-mb-2w", "status", l.pick("Pièce jointe ajoutée.", "Attachment added.").to_string())),
        REMOVED => Some(("fr-alert fr-alert--success fr-alert--sm fr-mb-2w", "status", l.pick("Pièce jointe supprimée.", "Attachment removed.").to_string())),
        code => AttachmentProblem::from_code(code).map(|p| ("fr-alert fr-alert--error fr-alert--sm fr-mb-2w", "alert", p.message(l).to_string())),
    };
    let has_file = attachment.is_some();
    view! {
        <section class="fr-mt-4w" aria-labelledby="piece-jointe-titre">
            <h2 id="piece-jointe-titre">{l.pick("Document de présentation (facultatif)", "Presentation document (optional)")}</h2>
            {notice.map(|(class, role, text)| view! { <div class=class role=role><p>{text}</p></div> })}
            <AttachmentLink id attachment/>
            {(editable && has_file)
                .then(|| {
                    view! {
                        <form method="post" action=Download::AttachmentRemove { id: CandidatureId(id) }.path()>
                            <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm">
                                {l.pick("Supprimer la pièce jointe", "Remove the attachment")}
                            </button>
                        </form>
                    }
                })}
            {editable
                .then(|| {
                    view! {
                        <form method="post" action=Download::Attachment { id: CandidatureId(id) }.path() enctype="multipart/form-data" class="fr-mt-2w">
                            <div class="fr-upload-group">
                                <label class="fr-label" for="fichier">
                                    {if has_file {
                                        l.pick("Remplacer par un autre PDF", "Replace with another PDF")
                                    } else {
                                        l.pick("Ajouter un PDF", "Add a PDF")
                                    }}
                                    " "
                                    <span class="fr-hint-text">
                                        {l.pick("Format PDF uniquement, 10 Mo maximum.", "PDF only, 10 MB at most.")}
                                    </span>
                                </label>
                                <input class="fr-upload" type="file" id="fichier" name="fichier" accept="application/pdf,.pdf"/>
                            </div>
                            <button type="submit" class="fr-btn fr-btn--secondary fr-mt-1w">
                                {l.pick("Envoyer le fichier", "Send the file")}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}
