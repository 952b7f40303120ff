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

/// What the page confirms (`?ok=<code>`, see [`crate::domain::done::Done`]), if anything.
pub fn done_param() -> impl Fn() -> Option<crate::domain::done::Done> + Copy + Send + Sync + 'static {
    let query = leptos_router::hooks::use_query_map();
    move || query.with(|q| q.get("ok").and_then(|code| crate::domain::done::Done::from_code(&code)))
}

/// A non-empty text route parameter (a link's token), `None` when absent or empty.
pub fn text_param(name: &'static str) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name).filter(|v| !v.is_empty()))
}

/// The resource of a page named by a route parameter: `fetch` with its value, or « not found »
/// when the parameter is missing.
pub fn by_param<P, T, F, Fut>(param: impl Fn() -> Option<P> + Send + Sync + 'static, fetch: F) -> Resource<Result<T, AppError>>
where
    P: PartialEq + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(P) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    Resource::new(param, move |p| {
        let pending = p.map(&fetch);
        async move {
            match pending {
                Some(f) => f.await,
                None => Err(AppError::NotFound),
            }
        }
    })
}
