//! The optional PDF attached to a candidature: at most 10 MB, recognised by its content (the
//! `%PDF-` signature), never by its name or the type the browser claims.

use super::i18n::Locale;
use serde::{Deserialize, Serialize};

/// 10 MB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The PDF specification lets the signature start within the first 1024 bytes.
const SIGNATURE_WINDOW: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttachmentProblem {
    Missing,
    TooLarge,
    NotPdf,
    /// The candidature can no longer be changed.
    Closed,
}

impl AttachmentProblem {
    pub fn code(self) -> &'static str {
        match self {
            AttachmentProblem::Missing => "vide",
            AttachmentProblem::TooLarge => "trop-lourd",
            AttachmentProblem::NotPdf => "pas-pdf",
            AttachmentProblem::Closed => "fermee",
        }
    }

    pub fn from_code(code: &str) -> Option<AttachmentProblem> {
        [AttachmentProblem::Missing, AttachmentProblem::TooLarge, AttachmentProblem::NotPdf, AttachmentProblem::Closed]
            .into_iter()
            .find(|p| p.code() == code)
    }

    pub fn message(self, l: Locale) -> &'static str {
        match self {
            AttachmentProblem::Missing => {
                l.pick("Choisissez un fichier PDF avant d'envoyer.", "Choose a PDF file before sending.")
            }
            AttachmentProblem::TooLarge => l.pick(
                "Ce fichier dépasse 10 Mo. Réduisez-le (par exemple en exportant le PDF en qualité « écran ») puis envoyez-le à nouveau.",
                "This file is larger than 10 MB. Make it smaller (for example by exporting the PDF for screen) and send it again.",
            ),
            AttachmentProblem::NotPdf => l.pick(
                "Ce fichier n'est pas un PDF. Enregistrez votre document au format PDF puis envoyez-le à nouveau.",
                "This file is not a PDF. Save your document as PDF and send it again.",
            ),
            AttachmentProblem::Closed => l.pick(
                "Cette candidature ne peut plus être modifiée : la pièce jointe n'a pas été changée.",
                "This application can no longer be changed: the attachment was not changed.",
            ),
        }
    }
}

/// Checks a received file.
pub fn check(content: &[u8]) -> Result<(), AttachmentProblem> {
    if content.is_empty() {
        return Err(AttachmentProblem::Missing);
    }
    if content.len() > MAX_BYTES {
        return Err(AttachmentProblem::TooLarge);
    }
    let head = &content[..content.len().min(SIGNATURE_WINDOW)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Ok(())
    } else {
        Err(AttachmentProblem::NotPdf)
    }
}

/// A file name safe to store and to send back in a download header: the last path part,
/// letters, digits and `.-_ ` only (others become `_`), at most 100 characters, ending in `.pdf`.
pub fn safe_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' })
        .take(100)
        .collect();
    let stem = cleaned.strip_suffix(".pdf").or_else(|| cleaned.strip_suffix(".PDF")).unwrap_or(&cleaned);
    let stem = stem.trim().trim_start_matches('.').trim();
    if stem.is_empty() {
        "document.pdf".to_string()
    } else {
        format!("{stem}.pdf")
    }
}

/// A size as people read it: « 1,2 Mo » / « 1.2 MB », « 340 ko » / « 340 kB ».
pub fn human_size(bytes: i64, l: Locale) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        format!("{} {}", kb.ceil() as i64, l.pick("ko", "kB"))
    } else {
        let mb = format!("{:.1}", kb / 1024.0);
        match l {
            Locale::Fr => format!("{} Mo", mb.replace('.', ",")),
            Locale::En => format!("{mb} MB"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdfs_are_recognised_by_content_not_name() {
        assert_eq!(check(b"%PDF-1.7\n..."), Ok(()));
        assert_eq!(check(b"\xef\xbb\xbf  %PDF-1.4"), Ok(()), "signature after a few bytes");
        assert_eq!(check(b"PK\x03\x04 word document"), Err(AttachmentProblem::NotPdf));
        assert_eq!(check(b"<html>%PDF-"), Ok(()), "the specification's 1024-byte window");
        let mut late = vec![b' '; 2000];
        late.extend_from_slice(b"%PDF-1.7");
        assert_eq!(check(&late), Err(AttachmentProblem::NotPdf));
        assert_eq!(check(b""), Err(AttachmentProblem::Missing));
    }

    #[test]
    fn ten_megabytes_at_most() {
        let mut exact = b"%PDF-1.7".to_vec();
        exact.resize(MAX_BYTES, b'0');
        assert_eq!(check(&exact), Ok(()));
        exact.push(b'0');
        assert_eq!(check(&exact), Err(AttachmentProblem::TooLarge));
    }

    #[test]
    fn file_names_are_made_safe() {
        assert_eq!(safe_file_name("Présentation projet.pdf"), "Présentation projet.pdf");
        assert_eq!(safe_file_name("C:\\Users\\moi\\dossier.PDF"), "dossier.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd.pdf");
        assert_eq!(safe_file_name("a\"b;c\r\n.pdf"), "a_b_c__.pdf");
        assert_eq!(safe_file_name(""), "document.pdf");
        assert_eq!(safe_file_name(".pdf"), "document.pdf");
        assert!(safe_file_name(&"x".repeat(300)).chars().count() <= 104);
    }

    #[test]
    fn sizes_read_in_both_languages_and_codes_round_trip() {
        assert_eq!(human_size(340 * 1024, Locale::Fr), "340 ko");
        assert_eq!(human_size(1_258_291, Locale::Fr), "1,2 Mo");
        assert_eq!(human_size(1_258_291, Locale::En), "1.2 MB");
        for p in [AttachmentProblem::Missing, AttachmentProblem::TooLarge, AttachmentProblem::NotPdf, AttachmentProblem::Closed] {
            assert_eq!(AttachmentProblem::from_code(p.code()), Some(p));
        }
    }
}
