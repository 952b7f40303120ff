//! The router's pages are the addresses of `domain::paths::Page`: a page added to one and
//! not the other, or a pattern that differs, fails here.

use accelerateur::domain::paths::Page;
use std::collections::BTreeSet;

/// `/jury/cohortes/{id}/engagements` → `/jury/cohortes/{}/engagements`: the names of the
/// places may differ between the router and the enum, not where they are.
fn shape(pattern: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in pattern.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if inside => {}
            _ => out.push(c),
        }
    }
    out
}

#[tokio::test]
async fn the_router_serves_exactly_the_pages_of_the_enum() {
    let routed: BTreeSet<String> = accelerateur::server::http::route_list().iter().map(|r| shape(r.path())).collect();
    let declared: BTreeSet<String> = Page::PATTERNS.iter().map(|p| shape(p)).collect();
    assert_eq!(declared.len(), Page::PATTERNS.len(), "two pages share a pattern");
    let missing: Vec<_> = declared.difference(&routed).collect();
    let undeclared: Vec<_> = routed.difference(&declared).collect();
    assert!(missing.is_empty(), "pages of the enum the router does not serve: {missing:?}");
    assert!(undeclared.is_empty(), "pages of the router missing from the enum: {undeclared:?}");
}
