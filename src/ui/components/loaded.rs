//! The frame of a page that loads its data: nothing while loading on the server (the page
//! is rendered once the data is there), the error page with its status, or the content.

use crate::domain::error::AppError;
use crate::ui::components::error::ErrorPage;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{de::DeserializeOwned, Serialize};

/// Renders `content` with the resource's value, or the error page.
pub fn loaded<T, V>(resource: Resource<Result<T, AppError>>, content: impl Fn(T) -> V + Clone + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    match resource.await {
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                        Ok(data) => content(data).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A numeric route parameter (`None` when absent or not a number: the page answers 404).
pub fn id_param(name: &'static str) -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name).and_then(|v| v.parse::<i64>().ok()))
}

/// A query parameter, empty when absent.
pub fn query_param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let query = leptos_router::hooks::use_query_map();
    move || query.with(|q| q.get(name).unwrap_or_default())
}
