//! `POST /api/v1/oauth/token`: the OAuth2 client credentials grant (RFC 6749 §4.4) for the
//! platforms. Credentials come in the form body or as HTTP Basic; errors follow §5.2.

use app::state::AppState;
use axum::{
    Extension,
    body::Bytes,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use store::{audit, interop};
use utoipa::ToSchema;

use crate::config::ApiSettings;
use crate::http::guard::{ClientIp, audit_event, record_audit};

/// The token request (form-encoded).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// Always `client_credentials`.
    #[schema(example = "client_credentials")]
    pub grant_type: String,
    /// Unless sent as HTTP Basic.
    pub client_id: Option<String>,
    /// Unless sent as HTTP Basic.
    pub client_secret: Option<String>,
    /// The platform's scope (`inps.events`, `gepi.events`, `siu.events`); the client's own
    /// when left out.
    pub scope: Option<String>,
}

/// A token issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until it expires.
    pub expires_in: i64,
    pub scope: String,
}

/// An error of the token endpoint (RFC 6749 §5.2).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenError {
    /// `invalid_request`, `invalid_client`, `unsupported_grant_type` or `invalid_scope`.
    pub error: String,
    pub error_description: String,
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut response = (
        status,
        axum::Json(TokenError { error: error.into(), error_description: description.into() }),
    )
        .into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"siisl-api\""),
        );
    }
    response
}

/// `client_id:client_secret` from an `Authorization: Basic` header (each part form-encoded,
/// RFC 6749 §2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    let unescape = |s: &str| {
        url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned())
    };
    Some((unescape(id)?, unescape(secret)?))
}

#[utoipa::path(
    post,
    path = "/api/v1/oauth/token",
    tag = "OAuth2",
    summary = "Issue an access token (client credentials)",
    description = "A short-lived bearer token for a registered platform client. The client \
        authenticates with its id and secret, in the body or as HTTP Basic. During a secret \
        rotation the previous secret works until the overlap ends.",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Token issued", body = TokenResponse),
        (status = 400, description = "Malformed request, unsupported grant type or scope", body = TokenError),
        (status = 401, description = "Unknown client, wrong secret or suspended client", body = TokenError),
        (status = 429, description = "Too many requests from this address", content_type = "text/plain", body = String),
        (status = 503, description = "The database could not be reached", body = TokenError),
    )
)]
pub async fn issue(
    State(state): State<AppState>,
    Extension(settings): Extension<ApiSettings>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form: TokenRequest = match serde_urlencoded::from_bytes(&body) {
        Ok(form) => form,
        Err(error) => {
            return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", &error.to_string());
        }
    };
    if form.grant_type != "client_credentials" {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only client_credentials is supported",
        );
    }
    let credentials = match (basic_credentials(&headers), form.client_id, form.client_secret) {
        (Some(basic), None, None) => basic,
        (None, Some(id), Some(secret)) => (id, secret),
        (None, _, _) => {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "client_id and client_secret are required",
            );
        }
        (Some(_), _, _) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "send the credentials once: in the body or as HTTP Basic",
            );
        }
    };
    let now = chrono::Utc::now();
    let lifetime = chrono::Duration::from_std(settings.token_lifetime)
        .unwrap_or_else(|_| chrono::Duration::minutes(5));
    let issued = interop::issue_token(
        &state.db,
        &credentials.0,
        &credentials.1,
        form.scope.as_deref(),
        now,
        lifetime,
    )
    .await;
    let mut event = audit_event(&headers, ip);
    event.actor_account_id =
        Some(format!("api:{}", credentials.0.chars().take(80).collect::<String>()));
    match issued {
        Ok(token) => {
            record_audit(&state, audit::Action::ApiTokenIssued, audit::SUCCESS, event).await;
            let mut response = axum::Json(TokenResponse {
                access_token: token.access_token,
                token_type: "Bearer".into(),
                expires_in: token.expires_in,
                scope: token.scope,
            })
            .into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(interop::TokenError::InvalidClient) => {
            record_audit(&state, audit::Action::ApiTokenIssued, "invalid_client", event).await;
            oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "unknown client, wrong secret or suspended client",
            )
        }
        Err(interop::TokenError::InvalidScope) => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "a client may only ask for its own platform's scope",
        ),
        Err(interop::TokenError::Db(error)) => {
            tracing::error!(%error, "issuing a token failed");
            oauth_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "temporarily_unavailable",
                "the token could not be issued; try again",
            )
        }
    }
}
