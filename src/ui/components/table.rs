//! A DSFR table: its caption (every table has one, read by screen readers even when hidden),
//! its column headers, and the rows the page gives.

use leptos::prelude::*;

/// A column header: plain text (`"Projet".into()`, or a `String`), or a link that sorts the
/// table by this column (see [`Column::sortable`]).
#[derive(Clone, Debug)]
pub struct Column {
    text: String,
    /// The link that sorts by this column and the column's `aria-sort` state.
    sort: Option<(String, &'static str)>,
}

impl Column {
    /// A header that sorts the table when followed (works without JavaScript): `href` is the
    /// link, `aria_sort` the column's state now (`"none"`, `"ascending"` or `"descending"`).
    pub fn sortable(text: impl Into<String>, href: String, aria_sort: &'static str) -> Self {
        Column { text: text.into(), sort: Some((href, aria_sort)) }
    }
}

impl From<&str> for Column {
    fn from(text: &str) -> Self {
        Column { text: text.to_string(), sort: None }
    }
}

impl From<String> for Column {
    fn from(text: String) -> Self {
        Column { text, sort: None }
    }
}

/// `<div class="fr-table"><table><caption>…</caption><thead>…</thead><tbody>{children}</tbody></table></div>`.
#[component]
pub fn Table<C>(
    /// The table's caption (every DSFR table has one; `hide_caption` keeps it for screen readers only via fr-table--no-caption).
    #[prop(into)]
    caption: String,
    /// The column headers (`<th scope="col">`): texts (`&str`, `String`) or [`Column`]s.
    columns: Vec<C>,
    /// Extra classes on the wrapper, e.g. "fr-table--layout-fixed" or "fr-mt-4w".
    #[prop(optional)]
    class: &'static str,
    #[prop(optional)] hide_caption: bool,
    /// The rows (`<tr>` elements) of the body.
    children: Children,
) -> impl IntoView
where
    C: Into<Column>,
{
    let mut wrapper = String::from("fr-table");
    if hide_caption {
        wrapper.push_str(" fr-table--no-caption");
    }
    if !class.is_empty() {
        wrapper.push(' ');
        wrapper.push_str(class);
    }
    let headers = columns
        .into_iter()
        .map(|c| {
            let Column { text, sort } = c.into();
            match sort {
                None => view! { <th scope="col">{text}</th> }.into_any(),
                Some((href, state)) => view! {
                    <th scope="col" aria-sort=state>
                        <a href=href>{text}</a>
                    </th>
                }
                .into_any(),
            }
        })
        .collect_view();
    view! {
        <div class=wrapper>
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
