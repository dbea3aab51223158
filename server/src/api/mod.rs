//! The machine API for INPS, GePI and SIU (`/api/v1/…`), described by an OpenAPI 3 document
//! generated from the handlers themselves: the router and the document come from the same
//! registrations, so neither can list a path the other lacks.
//!
//! Authentication is OAuth2 client credentials (`token`); which platform may send which event
//! is decided with every other route's rule in `crate::policy` (`Rule::Machine`).

pub mod events;
pub mod problem;
pub mod token;

use std::sync::OnceLock;

use app::state::AppState;
use axum::{
    Router,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use utoipa::openapi::security::{ClientCredentials, Flow, OAuth2, Scopes, SecurityScheme};
use utoipa::openapi::{OpenApi, ServerBuilder};
use utoipa_axum::{router::OpenApiRouter, routes};

/// Where the document is served.
pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";

/// The API's routes and the OpenAPI document describing exactly them.
pub fn router_and_document() -> (Router<AppState>, OpenApi) {
    let mut document = OpenApi::builder()
        .info(
            utoipa::openapi::InfoBuilder::new()
                .title("SIISL - API per le piattaforme (INPS, GePI, SIU)")
                .version("1.0.0")
                .description(Some(
                    "Events the platforms send to SIISL. Every event has an `event_id`: sending \
                     it again is answered 200 with status `duplicate` and changes nothing. Errors \
                     are `application/problem+json` naming the `field` that was wrong.",
                ))
                .build(),
        )
        .servers(Some([ServerBuilder::new().url("/").build()]))
        .build();
    let (router, paths) = OpenApiRouter::<AppState>::new()
        .routes(routes!(token::issue))
        .routes(routes!(events::application_submitted))
        .routes(routes!(events::application_status))
        .routes(routes!(events::assessment_outcome))
        .routes(routes!(events::sanction))
        .routes(routes!(events::payment))
        .routes(routes!(events::taking_in_charge))
        .routes(routes!(events::convocation))
        .routes(routes!(events::meeting))
        .routes(routes!(events::member_assessment))
        .routes(routes!(events::pais))
        .routes(routes!(events::psp))
        .routes(routes!(events::activity))
        .routes(routes!(events::sfl_participation))
        .split_for_parts();
    document.merge(paths);
    let scopes = Scopes::from_iter(
        store::interop::Platform::ALL
            .map(|p| (p.scope().to_string(), format!("Send {} events", p.name()))),
    );
    let components = document.components.get_or_insert_with(Default::default);
    // The shared answers are referenced from the responses lists, which do not collect them.
    {
        use utoipa::{PartialSchema, ToSchema};
        components
            .schemas
            .insert(problem::Problem::name().into_owned(), problem::Problem::schema());
        components
            .schemas
            .insert(events::EventAccepted::name().into_owned(), events::EventAccepted::schema());
        components
            .schemas
            .insert(events::EventStatus::name().into_owned(), events::EventStatus::schema());
    }
    components.add_security_scheme(
        "platform",
        SecurityScheme::OAuth2(OAuth2::new([Flow::ClientCredentials(ClientCredentials::new(
            "/api/v1/oauth/token",
            scopes,
        ))])),
    );
    (router, document)
}

/// The document, built once.
pub fn document() -> &'static OpenApi {
    static DOCUMENT: OnceLock<OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(|| router_and_document().1)
}

/// `GET /api/v1/openapi.json`.
pub async fn serve_document() -> Response {
    match document().to_json() {
        Ok(json) => {
            let mut response = json.into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        Err(error) => {
            tracing::error!(%error, "serialising the OpenAPI document failed");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The API's routes, the document included.
pub fn routes() -> Router<AppState> {
    router_and_document().0.route(OPENAPI_PATH, get(serve_document))
}

/// Every (method, path) the API router serves: the document's operations and the document
/// itself. The authorization matrix and the router/document comparison read this.
pub fn route_table() -> Vec<(&'static str, String)> {
    use utoipa::openapi::HttpMethod;
    let mut table = vec![("GET", OPENAPI_PATH.to_string())];
    for (path, item) in &document().paths.paths {
        let operations = [
            (HttpMethod::Get, &item.get),
            (HttpMethod::Post, &item.post),
            (HttpMethod::Put, &item.put),
            (HttpMethod::Delete, &item.delete),
            (HttpMethod::Patch, &item.patch),
        ];
        for (method, operation) in operations {
            if operation.is_some() {
                let name = match method {
                    HttpMethod::Get => "GET",
                    HttpMethod::Post => "POST",
                    HttpMethod::Put => "PUT",
                    HttpMethod::Delete => "DELETE",
                    _ => "PATCH",
                };
                table.push((name, path.clone()));
            }
        }
    }
    table
}
