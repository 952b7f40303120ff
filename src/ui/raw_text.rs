//! Text for the sinks that the framework writes raw during server rendering.
//!
//! Leptos 0.8 (tachys 0.2.19, leptos_meta 0.8.7) escapes text children and attribute values
//! everywhere except in two places it treats as raw text: the children of `<textarea>` (like
//! `<script>` and `<style>`) and the `<title>` that `<Title>` writes into the head. A person's
//! text reaching either could close the element and open markup of its own. So:
//!
//! - every `<textarea>` child goes through [`textarea`];
//! - every page title goes through the one `<Title formatter>` of `App`, which uses [`title`].
//!
//! On the server the text is HTML-escaped (`&`, `<`, `>`, quotes); browsers decode character
//! references inside `<textarea>` and `<title>`, so the person sees exactly what was typed.
//! In the browser (hydration, client rendering) the framework sets DOM text, which is never
//! parsed as markup: the text passes unchanged. A unit test below holds every `<textarea>`,
//! `<Title>` and raw-HTML sink of `src/` to these rules.

/// Character references for `&`, `<`, `>` and both quotes: inert inside any element's text
/// (the one escaper the mails use too).
pub use crate::domain::mail::escape_html as escape_text;

/// The text to put between `<textarea>` and `</textarea>`.
pub fn textarea(text: impl Into<String>) -> String {
    for_raw_sink(text.into())
}

/// A page title (the whole `<title>` text).
pub fn title(text: impl Into<String>) -> String {
    for_raw_sink(text.into())
}

/// A person's web address as a link target: only `http://` and `https://` addresses without
/// spaces or control characters; anything else (`javascript:`, `data:`…) is no link at all.
pub fn external_href(url: &str) -> Option<String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    (web && !url.chars().any(|c| c.is_whitespace() || c.is_control())).then(|| url.to_string())
}

/// A link to a person's web address, or the address as plain text when it is not one
/// [`external_href`] accepts.
#[leptos::component]
pub fn ExternalLink(url: String, text: String) -> impl leptos::IntoView {
    use leptos::prelude::*;
    match external_href(&url) {
        Some(href) => view! { <a class="fr-link" href=href rel="noopener noreferrer">{text}</a> }.into_any(),
        None => view! { <span>{text}</span> }.into_any(),
    }
}

#[cfg(feature = "ssr")]
fn for_raw_sink(text: String) -> String {
    escape_text(&text)
}

#[cfg(not(feature = "ssr"))]
fn for_raw_sink(text: String) -> String {
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = "a & b </textarea></title><script>alert(1)</script><img src=x onerror=alert(2)>";

    #[test]
    fn escaped_text_cannot_close_its_element() {
        let escaped = escape_text(PAYLOAD);
        assert!(!escaped.contains('<') && !escaped.contains('>'), "{escaped}");
        assert_eq!(escaped, "a &amp; b &lt;/textarea&gt;&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(external_href("https://exemple.fr/a?b=c").as_deref(), Some("https://exemple.fr/a?b=c"));
        assert_eq!(external_href("HTTP://exemple.fr").as_deref(), Some("HTTP://exemple.fr"));
        for bad in ["javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "//evil.example", "https://a b", "https://a\nb", "http:"] {
            assert_eq!(external_href(bad), None, "{bad}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn server_rendering_escapes_both_sinks() {
        assert_eq!(textarea(PAYLOAD), escape_text(PAYLOAD));
        assert_eq!(title(PAYLOAD), escape_text(PAYLOAD));
    }

    /// Every raw sink in the sources goes through this module: a `<textarea>` whose children
    /// do not call `raw_text::textarea`, a `<Title>` with a formatter other than App's, or any
    /// `inner_html` fails here.
    #[test]
    fn every_raw_sink_in_the_sources_goes_through_this_module() {
        // The views: every page and component, and the app's root.
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut problems = Vec::new();
        let mut textareas = 0;
        let mut formatters = 0;
        let mut stack = vec![src.join("ui")];
        let mut files = vec![src.join("app.rs")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                files.push(entry.unwrap().path());
            }
            while let Some(path) = files.pop() {
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("ui/raw_text.rs") {
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                let name = path.display().to_string();
                let mut rest = source.as_str();
                while let Some(start) = rest.find("<textarea") {
                    let Some(len) = rest[start..].find("</textarea>") else {
                        problems.push(format!("{name}: <textarea> without </textarea>"));
                        break;
                    };
                    let block = &rest[start..start + len];
                    textareas += 1;
                    if !block.contains("raw_text::textarea(") {
                        problems.push(format!("{name}: a <textarea> whose children do not go through raw_text::textarea"));
                    }
                    rest = &rest[start + len + 1..];
                }
                formatters += source.matches("<Title formatter").count();
                if source.contains("<Title formatter") && !source.contains("raw_text::title(") {
                    problems.push(format!("{name}: a <Title formatter> that does not use raw_text::title"));
                }
                for sink in ["inner_html", "set_inner_html", "prop:innerHTML"] {
                    if source.contains(sink) {
                        problems.push(format!("{name}: raw HTML sink `{sink}`"));
                    }
                }
            }
        }
        assert!(textareas >= 10, "the scan found only {textareas} textareas: is it still reading src/ui?");
        assert_eq!(formatters, 1, "exactly one <Title formatter> (App's) must format every page title");
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
