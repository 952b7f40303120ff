//! The read-only public JSON API (`/api/v1/…`) and the OpenAPI document that describes it
//! (`/api/v1/openapi.json`). The same data as the public pages and the downloads: public
//! initiatives (consented fields only), cohorts and their calendar, transparency figures.

use crate::server::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

fn json(value: serde_json::Value) -> Response {
    ([(header::CONTENT_TYPE, "application/json"), (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], value.to_string()).into_response()
}

fn failed() -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, Json(serde_json::json!({ "erreur": "erreur interne, réessayez plus tard" }))).into_response()
}

#[derive(serde::Deserialize, Default)]
pub struct Filters {
    cohorte: Option<i64>,
    theme: Option<String>,
    q: Option<String>,
}

/// `GET /api/v1/initiatives?cohorte=&theme=&q=`
pub async fn initiatives(State(state): State<AppState>, Query(f): Query<Filters>) -> Response {
    let Ok(q) = crate::domain::validate::search(&f.q.unwrap_or_default()) else {
        let message = format!("recherche trop longue : {} caractères au plus", crate::domain::validate::SEARCH_MAX);
        return (StatusCode::BAD_REQUEST, Json(serde_json::json!({ "erreur": message }))).into_response();
    };
    let Ok(all) = super::publication::load::all(&state.db).await else { return failed() };
    let theme = f.theme.as_deref().and_then(crate::domain::candidature::Theme::from_code);
    let list: Vec<_> = all.into_iter().filter(|i| i.matches(f.cohorte, theme, &q)).collect();
    json(serde_json::json!({ "initiatives": list }))
}

/// `GET /api/v1/initiatives/{id}`
pub async fn initiative(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let Ok(found) = super::publication::load::one(&state.db, id).await else { return failed() };
    match found {
        Some(i) => json(serde_json::json!(i)),
        None => (StatusCode::NOT_FOUND, Json(serde_json::json!({ "erreur": "initiative introuvable" }))).into_response(),
    }
}

/// `GET /api/v1/cohortes`: every cohort with the dates of its phases.
pub async fn cohorts(State(state): State<AppState>) -> Response {
    let Ok(list) = crate::server::db::cohort::list(&state.db).await else { return failed() };
    let cohorts: Vec<_> = list
        .iter()
        .map(|c| {
            let cal = c.calendar();
            serde_json::json!({
                "id": c.id,
                "nom": c.name,
                "places": c.capacity,
                "jury": c.jury_size,
                "ouverture_appel": cal.call_opens,
                "cloture_appel": cal.call_closes,
                "debut_jury": cal.jury_starts,
                "debut_deliberation": cal.deliberation_starts,
                "debut_programme": cal.programme_starts,
                "lancement_public": cal.launch_on,
            })
        })
        .collect();
    json(serde_json::json!({ "cohortes": cohorts }))
}

/// `GET /api/v1/transparence`
pub async fn transparency(State(state): State<AppState>) -> Response {
    match super::transparency::compute(&state.db).await {
        Ok(all) => json(serde_json::json!({ "cohortes": all })),
        Err(_) => failed(),
    }
}

/// `GET /api/v1/openapi.json`
pub async fn openapi() -> Response {
    json(document())
}

/// The OpenAPI 3.1 description of the routes above.
pub fn document() -> serde_json::Value {
    let ok = |description: &str, schema: serde_json::Value| {
        serde_json::json!({ "200": { "description": description, "content": { "application/json": { "schema": schema } } } })
    };
    let initiative = serde_json::json!({
        "type": "object",
        "description": "Une initiative sélectionnée. Les champs facultatifs sont nuls quand l'équipe n'a pas choisi de les publier.",
        "required": ["id", "name", "cohort_id", "cohort", "status"],
        "properties": {
            "id": { "type": "integer" },
            "name": { "type": "string" },
            "cohort_id": { "type": "integer" },
            "cohort": { "type": "string" },
            "status": { "type": "string", "enum": ["Selected", "InProgramme", "Launched"] },
            "launched_on": { "type": ["string", "null"], "format": "date" },
            "pitch": { "type": ["string", "null"] },
            "description": { "type": ["string", "null"] },
            "theme": { "type": ["string", "null"] },
            "website": { "type": ["string", "null"] },
            "repository": { "type": ["string", "null"] },
            "carrier_kind": { "type": ["string", "null"] },
            "carrier_name": { "type": ["string", "null"] },
            "licence": { "type": ["string", "null"] },
            "funding_statement": { "type": ["string", "null"] },
            "supports_received": { "type": "array", "items": { "type": "array", "prefixItems": [{ "type": "string" }, { "type": "integer" }] } },
            "evidence": { "type": "object" }
        }
    });
    serde_json::json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Accélérateur d'initiatives citoyennes — API publique",
            "version": "1",
            "description": "Données publiques en lecture seule : initiatives (champs publiés avec le consentement des équipes), cohortes, chiffres de transparence.",
            "license": { "name": "Licence Ouverte / Open Licence version 2.0 (Etalab)", "identifier": "etalab-2.0" }
        },
        "paths": {
            "/api/v1/initiatives": { "get": {
                "summary": "Les initiatives sélectionnées, accompagnées et lancées",
                "parameters": [
                    { "name": "cohorte", "in": "query", "schema": { "type": "integer" }, "description": "identifiant de cohorte" },
                    { "name": "theme", "in": "query", "schema": { "type": "string" }, "description": "code de thématique (health, education…)" },
                    { "name": "q", "in": "query", "schema": { "type": "string" }, "description": "recherche dans le nom et le résumé" }
                ],
                "responses": ok("La liste filtrée", serde_json::json!({ "type": "object", "properties": { "initiatives": { "type": "array", "items": { "$ref": "#/components/schemas/Initiative" } } } }))
            } },
            "/api/v1/initiatives/{id}": { "get": {
                "summary": "Une initiative",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }],
                "responses": {
                    "200": { "description": "L'initiative", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Initiative" } } } },
                    "404": { "description": "Aucune initiative publique avec cet identifiant" }
                }
            } },
            "/api/v1/cohortes": { "get": {
                "summary": "Les cohortes et les dates de leurs phases",
                "responses": ok("Les cohortes", serde_json::json!({ "type": "object", "properties": { "cohortes": { "type": "array", "items": { "type": "object" } } } }))
            } },
            "/api/v1/transparence": { "get": {
                "summary": "Les chiffres de chaque cohorte, calculés à partir des dossiers",
                "responses": ok("Les chiffres", serde_json::json!({ "type": "object", "properties": { "cohortes": { "type": "array", "items": { "type": "object" } } } }))
            } }
        },
        "components": { "schemas": { "Initiative": initiative } }
    })
}
